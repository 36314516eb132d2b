"""Routes: the NetworkX view of the graph (``view``, ``states``), names (``names``), the record
a question starts from (``start``), the search over pupils' records (``search``, ``find``),
why there is no route (``diagnose``); the JSON and the citations of the bases (``explain``),
the answer for people (``summary``) and the legal memo (``memo``); ``service`` asks the
question — its filters checked once — for the front door, the command line and the figures."""
