"""Quotations and who said them.

Pairing works on the original characters (curly and straight marks); attribution works on tokens and mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg import lexicon
from kg.extract.context import Context
from kg.extract.phrases import by_end, by_start
from kg.model import Quote

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_QUOTE_CHARS = 3000


@dataclass(frozen=True)
class Marked:
    """A stretch of text between quotation marks; `open`/`close` are the marks' offsets (close = -1 if unclosed)."""

    open: int
    close: int
    start: int
    end: int


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it follows a space, a bracket or the start, and a non-space follows it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014-:") and not after.isspace()


_OPENING_MARK = re.compile('[\u201c"]')


def pair_quotes(text: str) -> Iterator[Marked]:
    """Rule: “ pairs with the next ”; a straight " opens after a space and closes before one. A quote left open
    at a paragraph break ends there (the next paragraph re-opens it, as newspapers do)."""
    i, n = 0, len(text)
    while i < n:
        mark = _OPENING_MARK.search(text, i)  # jump to the next quotation mark
        if mark is None:
            return
        i, ch = mark.start(), mark.group()
        if ch == "\u201c" or _is_opening_straight(text, i):
            closer = "\u201d" if ch == "\u201c" else '"'
            para = PARAGRAPH_BREAK.search(text, i)
            limit = min(para.start() if para else n, i + MAX_QUOTE_CHARS)
            j = text.find(closer, i + 1, limit)
            reopen = text.find(ch, i + 1, limit) if ch == "\u201c" else -1
            if j != -1 and (reopen == -1 or reopen > j):
                yield _trimmed(text, i, j, j + 1)
                i = j + 1
                continue
            end = reopen if reopen != -1 else limit
            yield _trimmed(text, i, -1, end)
            i = end
            continue
        i += 1


def _trimmed(text: str, open_: int, close: int, end_excl: int) -> Marked:
    """The quoted words without surrounding spaces and without a trailing comma."""
    start, end = open_ + 1, (close if close != -1 else end_excl)
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",\u201d\""):
        end -= 1
    return Marked(open_, close, start, end)


def find_quotes(ctx: Context) -> list[Quote]:
    """Every quotation with its speaker, by the attribution rules below, tried in order."""
    text = ctx.document.text
    speech = by_start(ctx.doc, lexicon.SPEECH_VERBS)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for marked in pair_quotes(text):
        if marked.end - marked.start < 2:
            continue
        sentence = ctx.sentence_of(marked.start)
        partial = _is_partial(text, marked, sentence.start_char)
        speaker, rule = _attribute(ctx, marked, speech, partial)
        if speaker is None and previous is not None and previous.speaker and not partial \
                and _continues(ctx, previous, marked):
            speaker, rule = previous.speaker, "continuation"
        if speaker is None and partial:
            continue  # an unattributed phrase in quotation marks is a title or a scare quote, not a quotation
        quote = Quote(marked.start, marked.end, text[marked.start:marked.end], speaker, partial, rule or "none",
                      1.0 if speaker else 0.0, (sentence.start_char, sentence.end_char))
        quotes.append(quote)
        previous = quote
    return quotes


def _is_partial(text: str, marked: Marked, sentence_start: int) -> bool:
    """A quote is partial when words of the same sentence come before its opening mark and it does not end
    a clause ('Meta appears “more insulated” from ...')."""
    lead = text[sentence_start:marked.open].strip()
    closing = text[marked.end:marked.close] if marked.close != -1 else ""
    return bool(lead) and not lead.endswith((":", ",")) and "," not in closing and not re.search(r"[.!?]$", text[marked.start:marked.end])


def _person_at(ctx: Context, token_i: int) -> str | None:
    token = ctx.doc[token_i]
    mention = ctx.mention_at(token.idx)
    return mention.entity if mention is not None and mention.type == "Person" else None


def _attribute(ctx: Context, marked: Marked, speech: dict, partial: bool) -> tuple[str | None, str]:
    doc = ctx.doc
    titles = by_start(doc, lexicon.ROLES)
    if not partial:
        after = ctx.token_index(marked.close + 1) if marked.close != -1 else None
        if after is not None and after < len(doc):
            i = after
            while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and doc[i].idx <= marked.close + 2:
                i += 1
            # Rule: “...,” Zuckerberg said / “...,” he said / “...,” CFO Jane Roe said — a person (after an
            # optional title), then a speech verb, after the closing mark.
            if i in titles:
                i = titles[i].end
            j = i
            while j < len(doc) and j - i < 6 and ctx.mention_at(doc[j].idx) is not None:
                j += 1
            if j > i and j in speech and _person_at(ctx, j - 1):
                return _person_at(ctx, j - 1), "after-subject-verb"
            # Rule: “...,” said Jane Roe — a speech verb, then a person.
            if i in speech:
                k = speech[i].end
                if k < len(doc) and _person_at(ctx, k):
                    return _person_at(ctx, k), "after-verb-subject"
        # Rule: Jane Roe said: “...” — a person and a speech verb just before the opening mark.
        before = ctx.token_index(marked.open) - 1
        while before >= 0 and (doc[before].text in (":", ",") or doc[before].is_space):
            before -= 1
        hit = by_end(doc, lexicon.SPEECH_VERBS).get(before + 1)
        if hit is not None and hit.start > 0 and _person_at(ctx, hit.start - 1):
            return _person_at(ctx, hit.start - 1), "before-subject-verb"
    # Rule: a quote inside a reported sentence ("CFO Susan Li reinforced that Meta appears “more insulated”"):
    # the person right before the sentence's speech verb, when the verb comes before the quote.
    sentence = ctx.sentence_of(marked.start)
    for i in range(sentence.start, ctx.token_index(marked.open)):
        if i in speech and i > 0 and _person_at(ctx, i - 1):
            return _person_at(ctx, i - 1), "reported-speech"
    return None, ""


def _continues(ctx: Context, previous: Quote, marked: Marked) -> bool:
    """Rule: an unattributed quote continues the previous speaker when it follows in the same or the next
    sentence and no other person is named in between."""
    if marked.start - previous.end > 400:
        return False
    between = ctx.mentions_between(previous.end, marked.open, "Person")
    return all(m.entity == previous.speaker for m in between)
