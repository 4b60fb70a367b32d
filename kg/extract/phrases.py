"""Matching lexicon phrases (lowercase token sequences) against a `Doc`."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.nlp import pipeline, tokenize
from kg.extract.nlp import words as token_texts
from kg import lexicon
from kg.lexicon import Term


@dataclass(frozen=True)
class Hit:
    start: int  # token index
    end: int  # token index, exclusive
    term: Term


class _Matcher:
    """One PhraseMatcher for every scheme asked for so far: a Doc is scanned once, not once per scheme; a scheme
    first asked for while a Doc is being read is scanned for on its own, with a matcher of its own."""

    def __init__(self):
        self.matcher = PhraseMatcher(pipeline().vocab, attr="LOWER")
        self.own: dict[str, PhraseMatcher] = {}  # scheme -> a matcher of its forms alone
        self.terms: dict[str, tuple[str, Term]] = {}  # match key -> (scheme, term)

    def add(self, scheme: str) -> None:
        own = self.own[scheme] = PhraseMatcher(pipeline().vocab, attr="LOWER")
        for form, term in lexicon.load().forms(scheme).items():
            key = f"{scheme}\t{form}"
            self.terms[key] = (scheme, term)
            patterns = [tokenize(variant) for variant in _written_forms(form)]
            self.matcher.add(key, patterns)
            own.add(key, patterns)

    def matches(self, doc: Doc, scheme: str) -> list[tuple[int, int, Term]]:
        """The scheme's raw (possibly overlapping) matches in `doc`, from one scan shared by all schemes."""
        if scheme not in self.own:
            self.add(scheme)
        scanned = doc.user_data.get("kg_phrase_scan")
        if scanned is None:
            scanned = doc.user_data["kg_phrase_scan"] = (set(self.own), self._found(doc, self.matcher))
        elif scheme not in scanned[0]:
            scanned[0].add(scheme)
            scanned[1].update(self._found(doc, self.own[scheme]))
        return scanned[1].get(scheme, [])

    def _found(self, doc: Doc, matcher: PhraseMatcher) -> dict[str, list[tuple[int, int, Term]]]:
        strings, by_scheme = pipeline().vocab.strings, {}
        for key, start, end in matcher(doc):
            found_in, term = self.terms[strings[key]]
            by_scheme.setdefault(found_in, []).append((start, end, term))
        return by_scheme


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    return _Matcher()


def find(doc: Doc, scheme: str) -> list[Hit]:
    """Longest non-overlapping matches of the scheme's surface forms, in text order (cached on the Doc)."""
    cache = doc.user_data.setdefault("kg_phrases", {})
    if scheme not in cache:
        raw = sorted(_matcher().matches(doc, scheme), key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        hits = []
        for s, e, term in raw:
            if taken.isdisjoint(range(s, e)):
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


@lru_cache(maxsize=None)
def _forms_by_last_word(scheme: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The scheme's forms as lowercase token tuples, by their last token, longest first."""
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for form in lexicon.words(scheme):
        for variant in _written_forms(form):
            words = tuple(t.lower_ for t in tokenize(variant))
            if words not in by_last.get(words[-1], ()):
                by_last.setdefault(words[-1], []).append(words)
    return {last: tuple(sorted(forms, key=len, reverse=True)) for last, forms in by_last.items()}


def _written_forms(form: str) -> tuple[str, ...]:
    """A lowercase form as the text may write it: an abbreviation with full stops is one token in capitals
    ('U.S.', 'Inc.') but several in lower case ('u.s', '.'), so it is matched in each writing."""
    if "." not in form:
        return (form,)
    return tuple(dict.fromkeys((form, form.upper(), form.title())))


def lower_words(doc: Doc) -> list[str]:
    """The token texts in lower case (computed once)."""
    cached = doc.user_data.get("kg_lowercased_tokens")
    if cached is None:
        cached = doc.user_data["kg_lowercased_tokens"] = [w.lower() for w in token_texts(doc)]
    return cached


def ending_at(doc: Doc, scheme: str, end: int, floor: int = 0) -> int | None:
    """Where the longest of the scheme's phrases that ends right before token `end` starts (not before `floor`):
    a look at the few tokens there, for schemes too common to scan the whole text for ('was', 'of')."""
    lower = lower_words(doc)
    if not floor < end <= len(lower):
        return None
    for words in _forms_by_last_word(scheme).get(lower[end - 1], ()):
        start = end - len(words)
        if start >= floor and tuple(lower[start:end]) == words:
            return start
    return None


def spans_in(doc: Doc, scheme: str, start: int, end: int) -> list[tuple[int, int]]:
    """The scheme's phrases inside tokens [start, end), longest where they overlap, in text order."""
    lower, by_last = lower_words(doc), _forms_by_last_word(scheme)
    found, j = [], min(end, len(lower))
    while j > start:
        begin = ending_at(doc, scheme, j, start) if lower[j - 1] in by_last else None
        if begin is None:
            j -= 1
        else:
            found.append((begin, j))
            j = begin
    return found[::-1]
