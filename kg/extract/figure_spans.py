"""Spans a figure is a total over, so that it has no period of its own: a span running to a date ("year-to-date"),
one since a start ("since 2022") or several years ("over the last three years")."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.extract.amounts import Amount
from kg.extract.periods import PeriodMention

RUNNING_SPAN_AFTER_CHARS = 40  # how far after an amount a span to a date may be written ("... year-to-date")
RUNNING_SPAN_OPENING_CHARS = 40  # a span starting this near its sentence's start opens it ("For the first nine months")
RUNNING_SPAN_OWN_CHARS = 15  # a period this near after a span ends it ("year-to-date through the second quarter")
_RUNNING_GAP_BREAK = re.compile(r"[,;]|\b(?:and|bringing)\b", re.I)  # before a span after an amount: another clause


def since(periods: list[PeriodMention], starts: list[int], amount: Amount, sentence: Span) -> bool:
    """Rule: a figure whose sentence names, before it, only the start of a span to now ('Since 2022, we have
    repurchased $315 million') is a running total: no period of its own, nor the reported one."""
    text = sentence.doc.user_data["kg_text"]
    return any(p.end <= amount.start and span_start(text, p)
               for p in periods[bisect_left(starts, sentence.start_char):bisect_left(starts, amount.start)])


def over_years(amount: Amount, sentence: Span, next_amount: int) -> bool:
    """Rule: a figure followed in its sentence, before the next amount, by a count of years ('returning over $3
    billion to shareholders over the last three years'; lexicon multi-year-spans) is a total over those years: no
    period of its own, nor the reported one."""
    text = sentence.doc.user_data["kg_text"]
    return _years_counted().search(text, amount.end, min(sentence.end_char, next_amount)) is not None


def running(periods: list[PeriodMention], starts: list[int], amount: Amount, sentence: Span, previous_end: int,
            next_amount: int, base: bool) -> bool:
    """Rule: a figure said over a span running to a date (lexicon running-spans) is a total over that span, with
    no period of its own, nor the reported one: the span right after it ('$514 million year-to-date through the
    second quarter', '12.8% year-to-date'), or before it, after the figure before it, in its clause or opening
    the sentence, with no other period between ('For the trailing 12 months, ending in March, free cash flow was
    $1.1 billion'; not '$25 million in shares, bringing our year-to-date repurchases to ...'). The base of a
    comparison takes the span of the figure it is compared with ('... was $551 million compared to $467
    million in the prior quarter')."""
    text, spans = sentence.doc.user_data["kg_text"], _running_spans()
    after = spans.search(text, amount.end, min(sentence.end_char, next_amount, amount.end + RUNNING_SPAN_AFTER_CHARS))
    if after is not None and _RUNNING_GAP_BREAK.search(text, amount.end, after.start()) is None:
        return True
    begin = sentence.start_char if base else max(sentence.start_char, previous_end)
    for span in spans.finditer(text, begin, amount.start):
        opening = span.start() - sentence.start_char <= RUNNING_SPAN_OPENING_CHARS
        other = periods[bisect_left(starts, span.end() + RUNNING_SPAN_OWN_CHARS):bisect_left(starts, amount.start)]
        if (opening or "," not in text[span.end():amount.start]) and not other:
            return True
    return False


@lru_cache(maxsize=1)
def _running_spans() -> re.Pattern:
    spans = sorted(lexicon.words(lexicon.RUNNING_SPANS), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s).replace(r"\ ", r"[\s-]+") for s in spans) + r")(?![\w-])",
                      re.I)


@lru_cache(maxsize=1)
def _years_counted() -> re.Pattern:
    spans = sorted(lexicon.words(lexicon.MULTI_YEAR_SPANS), key=len, reverse=True)
    counts = sorted([w for w, n in lexicon.numbers(lexicon.NUMBER_WORDS).items() if n >= 2]
                    + list(lexicon.words(lexicon.UNNUMBERED_YEAR_COUNTS)), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in spans) + r")\s+(?:\d+|" + "|".join(map(re.escape, counts))
                      + r")[- ]years?\b", re.I)


@lru_cache(maxsize=1)
def _span_starts() -> re.Pattern:
    forms = sorted(lexicon.words(lexicon.PERIOD_SPAN_STARTS), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\s+(?:[\w-]+\s+){0,4}$", re.I)


def span_start(text: str, period: PeriodMention) -> bool:
    """A span-start word ('since') stands right before the period, past up to four words ('since the start of')."""
    return _span_starts().search(text, max(0, period.start - 40), period.start) is not None
