"""Passerelles: a regulatory knowledge graph of alternance education in the
Fédération Wallonie-Bruxelles, built from circulaire 7282 and four companion documents.

The RDF graph is the single source of truth; SPARQL queries and NetworkX route searches
are views of it.
"""

__version__ = "0.1.0"
