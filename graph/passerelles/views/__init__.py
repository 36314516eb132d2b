"""Answers assembled from SPARQL results: the records (:mod:`passerelles.records`) the front
door returns and the commands print.

Every function here takes a :class:`~passerelles.store.Store`, so the same answer comes
from the embedded store or from a remote endpoint; the checks of their filters live here too
(statuses, sectors, groups, lists, degrees, access classes), one place for the API and the
command line.
"""
