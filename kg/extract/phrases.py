"""Matching lexicon phrases (lowercase token sequences) against a `Doc`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract.nlp import pipeline, tokenize
from kg.extract.vocabulary import Term, load_vocabulary


@dataclass(frozen=True)
class Hit:
    start: int  # token index
    end: int  # token index, exclusive
    term: Term

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


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


def hits_by_start(doc: Doc, scheme: str) -> dict[int, Hit]:
    return {hit.start: hit for hit in find(doc, scheme)}
