"""Sentences of a call transcribed in one paragraph, found by their final marks."""
from __future__ import annotations

import re

from kg import lexicon

# One pattern per mark: a pattern that starts with a literal is found much faster than one with a class.
_SENTENCE_ENDS = tuple(re.compile(rf"({re.escape(mark)}[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])") for mark in ".?!")
_WORD_BEFORE = re.compile(r"(?<![\w&])([A-Za-z]{1,3})$")


def _unfinished(text: str, stop: int) -> bool:
    """A full stop after an initial ("J. P. Mallory") or an abbreviation such as "Mr" or "St" (lexicon
    unfinished-abbreviations) does not end a sentence."""
    word = _WORD_BEFORE.search(text, max(0, stop - 4), stop)
    if word is None or not word[1][0].isupper():
        return False
    return len(word[1]) == 1 or word[1].lower() in lexicon.words(lexicon.UNFINISHED_ABBREVIATIONS)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, without the white space around it."""
    spans, start = [], len(text) - len(text.lstrip())
    ends = sorted([(m.start(), m.end(1), m.end()) for pattern in _SENTENCE_ENDS for m in pattern.finditer(text)])
    for stop, end, after in ends:
        if text[stop] == "." and _unfinished(text, stop):
            continue
        if stop >= start:
            spans.append((start, end))
            start = after
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans
