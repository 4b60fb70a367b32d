"""Search keys of entity names: an entity parameter finds its entities by an index lookup of a key
(`kg:nameKey` a whole name, alias or ticker; `kg:wordKey` one of its words) instead of a scan of every name."""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def key(text: str) -> str:
    """The key of a name, and of a searched text: case-folded, spaces collapsed ("Amy E. Hood": "amy e. hood")."""
    return " ".join(text.casefold().split())


def word_keys(name: str) -> set[str]:
    """The keys of a name's words ("Amy E. Hood": "amy", "e", "hood")."""
    return set(_WORD.findall(name.casefold()))
