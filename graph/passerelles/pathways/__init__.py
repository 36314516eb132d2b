"""Pathways: the graph part of study years, titles, dated parameters and pathway rules
(the rules themselves are typed in :mod:`passerelles.rules`, searched in :mod:`passerelles.routes`)."""
