"""Matching lexicon phrases (lowercase token sequences) against a `Doc`."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.nlp import pipeline, tokenize
from kg.extract.vocabulary import Term, load_vocabulary


@dataclass(frozen=True)
class Hit:
    start: int  # token index
    end: int  # token index, exclusive
    term: Term


@lru_cache(maxsize=64)
def _matcher(scheme: str) -> tuple[PhraseMatcher, dict[str, Term]]:
    forms = load_vocabulary().forms(scheme)
    matcher = PhraseMatcher(pipeline().vocab, attr="LOWER")
    by_key: dict[str, Term] = {}
    for form, term in forms.items():
        key = form
        by_key[key] = term
        matcher.add(key, [tokenize(form)])
    return matcher, by_key


def find(doc: Doc, scheme: str) -> list[Hit]:
    """Longest non-overlapping matches of the scheme's surface forms, in text order (cached on the Doc)."""
    cache = doc.user_data.setdefault("kg_phrases", {})
    if scheme not in cache:
        matcher, by_key = _matcher(scheme)
        strings = pipeline().vocab.strings
        raw = sorted(((s, e, by_key[strings[k]]) for k, s, e in matcher(doc)), key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        hits = []
        for s, e, term in raw:
            if not any(t in taken for t in range(s, e)):
                taken.update(range(s, e))
                hits.append(Hit(s, e, term))
        cache[scheme] = sorted(hits, key=lambda h: h.start)
    return cache[scheme]


def _cached(doc: Doc, key: str, scheme: str, make):
    cache = doc.user_data.setdefault(key, {})
    if scheme not in cache:
        cache[scheme] = make()
    return cache[scheme]


def between(doc: Doc, scheme: str, start: int, end: int) -> list[Hit]:
    """The scheme's matches that start at a token in [start, end), by binary search (no scan of the Doc)."""
    hits = find(doc, scheme)
    starts = _cached(doc, "kg_phrase_starts", scheme, lambda: [h.start for h in hits])
    return hits[bisect_left(starts, start):bisect_left(starts, end)]


def by_start(doc: Doc, scheme: str) -> dict[int, Hit]:
    return _cached(doc, "kg_by_start", scheme, lambda: {h.start: h for h in find(doc, scheme)})


def by_end(doc: Doc, scheme: str) -> dict[int, Hit]:
    return _cached(doc, "kg_by_end", scheme, lambda: {h.end: h for h in find(doc, scheme)})
