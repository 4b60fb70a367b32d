"""Quotations and who said them.

Pairing works on the original characters (curly and straight marks); attribution works on tokens and mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.extract.context import Context
from kg.extract.nlp import sentence
from kg.extract.speakers import (SpeakerPhrase, according_to, is_verb, speaker_after, speaker_before, speaker_of_verb,
                                 verbs_by_start)
from kg.model import Quote

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_QUOTE_CHARS = 3000
MAX_FRAME_TOKENS = 16  # tokens after a closing mark where its speaker and verb stand
MAX_BEFORE_TOKENS = 40  # tokens before an opening mark where the sentence's speech verb may stand
TAIL_AFTER_SENTENCE_QUOTE = 6  # tokens after "Roe said" when the quote ended its sentence ('in a statement.')
CONTINUATION_CHARS = 400
NEAR_MARK = 3  # tokens between a speech verb and the opening mark it introduces ("said that “", "said: “")
SPEAKER_TYPES = ("Person", "Organization")


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
    quotes: list[Quote] = []
    previous: Quote | None = None
    for marked in pair_quotes(text):
        if marked.end - marked.start < 2:
            continue
        sentence = ctx.sentence_of(marked.start)
        partial = _is_partial(text, marked, sentence.start_char)
        speaker, rule = _attribute(ctx, marked, partial)
        if rule == "" and previous is not None and previous.speaker and not partial \
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


def _attribute(ctx: Context, marked: Marked, partial: bool) -> tuple[str | None, str]:
    """The speaker and the rule that found it; rule "" when no rule applies, and a speaker None when a rule
    applies but the text does not name who spoke ('a spokesman said'): no guess over none."""
    for found in (_after(ctx, marked, partial), _before(ctx, marked)):
        if found is not None:
            phrase, rule = found
            return _speaker(ctx, phrase), rule
    return None, ""


def _after(ctx: Context, marked: Marked, partial: bool) -> tuple[SpeakerPhrase, str] | None:
    """Rule: “...,” Roe said / “...,” said Roe / “...?” Roe, the party's chair, asked — a speaker and a speech
    verb right after the closing mark; after a quote that ends its sentence, only when they end it too ('“We
    won.” Roe said.', not '“We won.” Roe said the count was wrong.'), and never when they introduce the next
    quotation ('“...” Roe said: “...”')."""
    if marked.close == -1 or partial:
        return None
    doc, text = ctx.doc, ctx.document.text
    if PARAGRAPH_BREAK.match(text, marked.close + 1) or "\n\n" in text[marked.close:marked.close + 4]:
        return None
    first = ctx.token_index(marked.close + 1)
    while first < len(doc) and (doc[first].is_space or doc[first].text in (",", "”", '"')) \
            and doc[first].idx <= marked.close + 2:
        first += 1
    if first >= len(doc) or doc[first].idx > marked.close + 3:
        return None
    limit = min(len(doc), first + MAX_FRAME_TOKENS)
    verbs = verbs_by_start(doc)
    ends_sentence = re.search(r"[.!?]$", text[marked.start:marked.end]) is not None
    for k in range(first, limit):
        if doc[k].text in ('“', '"', "”") or (doc[k].is_punct and doc[k].text not in (",", "(", ")", ".")):
            break
        hit = verbs.get(k)
        if hit is None or not is_verb(doc, k):
            continue
        if k == first:
            (phrase, stop), rule = _inverted(ctx, hit.end), "after-verb-subject"
        else:
            phrase, stop, rule = speaker_before(doc, k, first), hit.end, "after-subject-verb"
            if phrase is not None and not _only_descriptors(doc, first, phrase.start):
                phrase = None
        if phrase is None or _introduces_quote(doc, stop) or (ends_sentence and not _ends_soon(doc, stop)):
            return None
        return phrase, rule
    return None


def _inverted(ctx: Context, verb_end: int) -> tuple[SpeakerPhrase | None, int]:
    """The speaker after an inverted verb ('said Roe'), and the token after the phrase."""
    phrase = speaker_after(ctx.doc, verb_end, sentence(ctx.doc, verb_end - 1).end)
    return phrase, (phrase.end if phrase else verb_end)


def _only_descriptors(doc, start: int, end: int) -> bool:
    """Between the closing mark and a speaker's name, only words of a description ('Clinton press secretary'),
    no clause of its own."""
    return all(not t.is_punct or t.text in (".", "-") or t.text == "'s" for t in doc[start:end])


def _introduces_quote(doc, i: int) -> bool:
    """'Roe said: “' — the speech verb opens the next quotation."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and (doc[i].text == ":" or doc[i].text in ('“',))


def _ends_soon(doc, i: int) -> bool:
    """The sentence ends within a few words ('... Roe said in a statement.')."""
    end = sentence(doc, i - 1).end
    return end - i <= TAIL_AFTER_SENTENCE_QUOTE


def _before(ctx: Context, marked: Marked) -> tuple[SpeakerPhrase, str] | None:
    """Rule: Roe said: “...” / Roe said, “...” / Roe told reporters that the plan was “a disaster” / according
    to Roe, “...” / Roe: “...” — the last speech verb before the opening mark in the same sentence, with its
    speaker."""
    doc = ctx.doc
    mark = ctx.token_index(marked.open)
    sent = sentence(doc, mark)
    starts = verbs_by_start(doc)
    for k in range(mark - 1, max(sent.start, mark - MAX_BEFORE_TOKENS) - 1, -1):
        if doc[k].text in ('“', '"', "”"):
            break
        hit = starts.get(k)
        if hit is not None and hit.end <= mark and is_verb(doc, k):
            phrase = speaker_of_verb(doc, hit.start, hit.end, floor=sent.start, limit=mark)
            near = mark - hit.end <= NEAR_MARK
            return (phrase, "before-subject-verb" if near else "reported-speech") if phrase else None
    for according, phrase in according_to(doc):
        if sent.start <= according < mark:
            return phrase, "according-to"
    if mark > sent.start and doc[mark - 1].text == ":" and mark - 1 > sent.start:
        phrase = speaker_before(doc, mark - 1, sent.start)  # “Roe: ...” — a name and a colon open the sentence
        return (phrase, "colon") if phrase else None
    return None


def _speaker(ctx: Context, phrase: SpeakerPhrase) -> str | None:
    """The entity a speaker phrase names: the person (or organisation) of its name, the person a pronoun refers
    to, the organisation a description names ('a Meta spokesperson', 'the company'), else no one."""
    doc = ctx.doc
    if phrase.kind == "name":
        mention = ctx.mention_at(doc[phrase.name_start].idx)
        return mention.entity if mention is not None and mention.type in SPEAKER_TYPES else None
    if phrase.kind == "pronoun":
        mention = ctx.mention_at(doc[phrase.start].idx)
        return mention.entity if mention is not None and mention.type == "Person" else None
    span = doc[phrase.start:phrase.end]
    orgs = ctx.mentions_between(span.start_char, span.end_char, "Organization")
    return orgs[-1].entity if orgs else None


def _continues(ctx: Context, previous: Quote, marked: Marked) -> bool:
    """Rule: a quote no rule attributes continues the previous speaker's quotation when it follows in the same
    paragraph, or opens the paragraph after one whose quotation ran on (left open, or ending the paragraph), and
    no other person is named in between."""
    text = ctx.document.text
    between = text[previous.end:marked.open]
    if PARAGRAPH_BREAK.search(between) and not _opens_paragraph(text, marked.open):
        return False
    if marked.open - previous.end > CONTINUATION_CHARS and not PARAGRAPH_BREAK.search(between):
        return False
    others = ctx.mentions_between(previous.end, marked.open, "Person")
    return all(m.entity == previous.speaker for m in others)


def _opens_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip()
