"""The RDF graph: building it from the model, writing it, and the stores that query it."""
