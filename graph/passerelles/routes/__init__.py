"""Routes: the NetworkX view of the graph (``view``, ``states``), names (``names``), the record
a question starts from (``start``), the search over pupils' records (``search``, ``find``),
why there is no route (``diagnose``) and readable justifications (``explain``); ``service``
puts them together for the command line and the API."""
