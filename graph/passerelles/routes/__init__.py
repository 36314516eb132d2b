"""Routes: the NetworkX view of the graph (``view``), names (``names``), path searches
(``search``) and readable justifications (``explain``)."""
