"""Extraction: a `Document` in, an `Extraction` (entities, roles, quotes, figures, claims, event) out.

`pipeline` runs the rules in order; each module holds the rules of one kind of fact.
"""
from kg.extract.pipeline import default_gazetteer, extract

__all__ = ["extract", "default_gazetteer"]
