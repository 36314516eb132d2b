"""Answers assembled from SPARQL results: the records the commands print and the API returns.

Every function here takes a :class:`~passerelles.store.Store`, so the same answer comes
from the embedded store or from a remote endpoint.
"""
