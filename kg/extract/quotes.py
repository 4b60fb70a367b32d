"""Quotations and who said them: the quotations of a text (pairing its marks) and the attribution rules that reach
past a quotation's sentence (signature, continuation, the paragraph before, the same sentence); the rules within its
sentence are in `speaker_place`.

Pairing works on the original characters (curly and straight marks); attribution works on tokens and mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from kg import lexicon
from kg.extract.context import Context
from kg.extract.nlp import sentence
from kg.extract.phrases import between
from kg.extract.speaker_place import QUOTE_MARKS, attribute, first_named_speaker, speaker_of
from kg.extract.speakers import active_subject, is_opening_straight, signatures, subject_names
from kg.model import Quote

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_QUOTE_CHARS = 3000
MIN_QUOTE_WORDS = 2
CONTINUATION_CHARS = 400



@dataclass(frozen=True)
class Marked:
    """A stretch of text between quotation marks; `open`/`close` are the marks' offsets (close = -1 if unclosed)."""

    open: int
    close: int
    start: int
    end: int


_OPENING_MARK = re.compile('[\u201c"]')


def pair_quotes(text: str) -> Iterator[Marked]:
    """Rule: “ pairs with the next ”; a straight " opens after a space and closes before one. A quote left open
    at a paragraph break ends there (the next paragraph re-opens it, as newspapers do)."""
    i, n = 0, len(text)
    para_start = -1  # where the next paragraph break starts (searched again only once passed: a one-line text)
    while i < n:
        mark = _OPENING_MARK.search(text, i)  # jump to the next quotation mark
        if mark is None:
            return
        i, ch = mark.start(), mark.group()
        if ch == "\u201c" or is_opening_straight(text, i):
            if para_start < i:
                para = PARAGRAPH_BREAK.search(text, i)
                para_start = para.start() if para else n
            limit = min(para_start, i + MAX_QUOTE_CHARS)
            j = _closing_mark(text, i + 1, limit, "\u201d" if ch == "\u201c" else '"')
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


def _closing_mark(text: str, start: int, limit: int, closer: str) -> int:
    """Where a quote opened before `start` closes: its own closing mark, or, when the text mixes its marks
    (\u201c...", "...\u201d), the other kind, if that comes first and is placed as a closing mark."""
    own = text.find(closer, start, limit)
    other_mark = '"' if closer == "\u201d" else "\u201d"
    other = text.find(other_mark, start, own if own != -1 else limit)
    while other != -1 and other_mark == '"' and is_opening_straight(text, other):
        other = text.find(other_mark, other + 1, own if own != -1 else limit)
    return other if other != -1 else own


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
    opened: list[bool] = []  # whether each quotation was left open at its paragraph's end
    previous: Quote | None = None
    for marked in pair_quotes(text):
        if len(text[marked.start:marked.end].split()) < MIN_QUOTE_WORDS:
            continue  # one word in quotation marks is a term or a scare quote ("the so-called “pivot”")
        sentence = ctx.sentence_of(marked.start)
        partial = _is_partial(text, marked, sentence.start_char)
        speaker, rule = attribute(ctx, marked, partial)
        if rule == "" and not partial:
            speaker, rule = _signed(ctx, marked)
        if rule == "" and previous is not None and previous.speaker and not partial \
                and _continues(ctx, previous, marked):
            speaker, rule = previous.speaker, "continuation"
        if rule == "" and not partial:
            speaker, rule = _paragraph_before(ctx, marked)
        if speaker is None and partial and _announced_term(ctx, marked):
            continue
        quote = Quote(marked.start, marked.end, text[marked.start:marked.end], speaker, partial, rule or "none",
                      1.0 if speaker else 0.0, (sentence.start_char, sentence.end_char))
        quotes.append(quote)
        previous = quote
        opened.append(marked.close == -1)
    return _same_sentence(_run_on_backwards(text, quotes, opened))


def _same_sentence(quotes: list[Quote]) -> list[Quote]:
    """Rule: a quotation no rule attributes is the speaker's of the nearest attributed quotation in its sentence
    ('The “opt out” push is about “people telling leaders no,” Roe said.')."""
    by_sentence: dict[tuple[int, int], list[Quote]] = {}
    for quote in quotes:
        if quote.speaker and quote.rule != "none":
            by_sentence.setdefault(quote.sentence, []).append(quote)
    out = list(quotes)
    for i, quote in enumerate(quotes):
        spoken = by_sentence.get(quote.sentence) if quote.rule == "none" else None
        if spoken:
            nearest = min(spoken, key=lambda q: abs(q.start - quote.start))
            out[i] = replace(quote, speaker=nearest.speaker, rule="same-sentence", confidence=nearest.confidence)
    return out


def _run_on_backwards(text: str, quotes: list[Quote], opened: list[bool]) -> list[Quote]:
    """Rule: a quotation left open at the end of its paragraph runs on in the quotation that opens the next one;
    when only that one names its speaker ('“... (paragraph) “...,” Roe said.'), it is the speaker of both."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        here, after = out[i], out[i + 1]
        if opened[i] and here.speaker is None and after.speaker and PARAGRAPH_BREAK.search(text, here.end, after.start) \
                and _opens_paragraph(text, after.start - 1):
            out[i] = replace(here, speaker=after.speaker, rule="continuation", confidence=after.confidence)
    return out


def _signed(ctx: Context, marked: Marked) -> tuple[str | None, str]:
    """Rule: a quotation that makes up its paragraph, signed by the line after it ('“...” (paragraph) -Jane Roe,
    Dayton.'), is the signer's."""
    text, doc = ctx.document.text, ctx.doc
    if not _makes_up_paragraph(text, marked):
        return None, ""
    k = ctx.token_index(marked.close + 1 if marked.close != -1 else marked.end)
    while k < len(doc) and (doc[k].is_space or doc[k].text in QUOTE_MARKS):
        k += 1
    phrase = next((phrase for dash, phrase in signatures(doc) if dash == k), None)
    speaker = speaker_of(ctx, phrase) if phrase is not None else None
    return (speaker, "signature") if speaker else (None, "")


def _makes_up_paragraph(text: str, marked: Marked) -> bool:
    """The quotation opens its paragraph and nothing follows it on its line."""
    end = marked.close + 1 if marked.close != -1 else marked.end
    line_end = text.find("\n", end)
    return _opens_paragraph(text, marked.open) and not text[end:line_end if line_end != -1 else len(text)].strip()


def _paragraph_before(ctx: Context, marked: Marked) -> tuple[str | None, str]:
    """Rule: a quotation that makes up its paragraph, after a paragraph whose last sentence has a named subject,
    is that subject's ('Roe urged voters to stay home. (paragraph) “...”'); with no subject, the named speaker of
    that sentence's first speech verb ('As Roe wrote in the spring. (paragraph) “...”')."""
    text, doc = ctx.document.text, ctx.doc
    if not _makes_up_paragraph(text, marked):
        return None, ""
    k = ctx.token_index(marked.open) - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if k <= 0 or not PARAGRAPH_BREAK.search(text, doc[k].idx, marked.open):
        return None, ""
    phrase = active_subject(doc, k) or first_named_speaker(doc, sentence(doc, k).start, k)
    speaker = speaker_of(ctx, phrase) if phrase is not None else None
    return (speaker, "paragraph-before") if speaker else (None, "")


def _announced_term(ctx: Context, marked: Marked) -> bool:
    """Rule: a phrase in quotation marks right after 'so-called', 'titled', 'known as' (lexicon term-cues) is a
    term, a name or a title, not a quotation."""
    mark = ctx.token_index(marked.open)
    return any(hit.end == mark for hit in between(ctx.doc, lexicon.TERM_CUES, max(0, mark - 3), mark))


def _is_partial(text: str, marked: Marked, sentence_start: int) -> bool:
    """A quote is partial when words of the same sentence come before its opening mark and it does not end
    a clause ('Meta appears “more insulated” from ...')."""
    lead = text[sentence_start:marked.open].strip()
    closing = text[marked.end:marked.close] if marked.close != -1 else ""
    return bool(lead) and not lead.endswith((":", ",")) and "," not in closing and not re.search(r"[.!?]$", text[marked.start:marked.end])


def _continues(ctx: Context, previous: Quote, marked: Marked) -> bool:
    """Rule: a quote no rule attributes continues the previous speaker's quotation when it follows in the same
    paragraph, or opens the paragraph after one whose quotation ran on (left open, or ending the paragraph), and
    no other person takes a subject's place in between ('“...,” Roe said of Smith. “...”' is still Roe's), past the
    sentence that names the previous speaker ('“...,” Roe said, recalling a bill Smith opposed. “...”'), nor is
    named in the quotation's own sentence ('Here is Smith in 1992: “...”')."""
    text = ctx.document.text
    between = text[previous.end:marked.open]
    if PARAGRAPH_BREAK.search(between) and not _opens_paragraph(text, marked.open):
        return False
    if marked.open - previous.end > CONTINUATION_CHARS and not PARAGRAPH_BREAK.search(between):
        return False
    doc = ctx.doc
    opening = ctx.sentence_of(marked.open).start_char
    if opening > previous.end and any(m.entity != previous.speaker
                                      for m in ctx.mentions_between(opening, marked.open, "Person")):
        return False  # 'Here is Smith in 1992: “...”': another person named in the quotation's own sentence
    own = [m.end for m in ctx.mentions_between(previous.end, marked.open) if m.entity == previous.speaker]
    # past the sentence that named the previous speaker ('Roe said, recalling a bill that Smith and Lee opposed.')
    start = sentence(doc, ctx.token_index(max(own) - 1)).end - 1 if own else ctx.token_index(previous.end)
    places = lexicon.words(lexicon.PLACES)
    for phrase, _ in subject_names(doc, start, ctx.token_index(marked.open)):
        mention = ctx.mention_at(doc[phrase.name_start].idx)
        if mention is None and doc[phrase.name_start:phrase.name_end].text.lower() in places:
            continue  # 'Roe said in Dayton, Ohio, on Monday. “...”': a place set off by commas speaks nothing
        if mention is None or mention.entity != previous.speaker:
            return False
    return True


def _opens_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip()
