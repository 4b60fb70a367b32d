"""Search keys of entity names: an entity parameter finds its entities by an index lookup of a key
(`kg:nameKey` a whole name, alias or ticker; `kg:wordKey` one of its words) instead of a scan of every name."""
from __future__ import annotations

import re

from kg.rdf.namespaces import KG

_WORD = re.compile(r"\w+")
NAME_KEY, WORD_KEY = str(KG.nameKey), str(KG.wordKey)


def key(text: str) -> str:
    """The key of a name, and of a searched text: case-folded, spaces collapsed ("Amy E. Hood": "amy e. hood")."""
    return " ".join(text.casefold().split())


def word_keys(name: str) -> set[str]:
    """The keys of a name's words ("Amy E. Hood": "amy", "e", "hood")."""
    return set(_WORD.findall(name.casefold()))


def search_keys(name: str) -> list[tuple[str, str]]:
    """(property, key) of every key that finds a name: its `kg:nameKey`, then a `kg:wordKey` per word."""
    return [(NAME_KEY, key(name))] + [(WORD_KEY, word) for word in sorted(word_keys(name))]
