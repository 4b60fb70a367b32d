"""A candidate span of an entity rule, merged with the others by `kg.extract.entities.merge`."""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.gazetteer import Known


@dataclass(frozen=True)
class Found:
    start: int  # token offsets
    end: int
    name: str
    type: str
    rule: str
    known: Known | None = None
