"""Namespaces and the mapping of extractions to RDF."""
