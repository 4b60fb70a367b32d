"""A figure of one calendar month ("comps of negative 3.6% in February"): the month named right after its amount
or before it in its clause, in the year named with it, else in the year that puts it nearest the period the
document reports."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.extract.amounts import Amount
from kg.model import Period

NEAREST_MONTHS = 9  # a month without a year is at most this many months from the middle of the reported period


def month_after(amount: Amount, sentence: Span) -> re.Match | None:
    """Rule: a month named with 'in', 'for' or 'during' right after the amount ('up 1.1% in April'); not the
    month of a quarter ('in the June quarter') nor a day ('in April 3')."""
    return _month_named().match(sentence.doc.user_data["kg_text"], amount.end)


def month_before(amount: Amount, sentence: Span) -> re.Match | None:
    """Rule: a month named so before the amount in its clause, with no break between ('we expect the margin in
    December to be slightly higher than 10%')."""
    text = sentence.doc.user_data["kg_text"]
    named = list(_month_named().finditer(text, sentence.start_char, amount.start))
    if not named or any(mark in text[named[-1].end():amount.start] for mark in ",;"):
        return None
    return named[-1]


def month_period(named: re.Match, reported: Period | None, forward: bool = False) -> Period | None:
    """The month a match names, in the year named with it, else in the year that puts it nearest the middle of
    the reported period, or, said of what is to come, first after the period's start (None where that is not
    known)."""
    month = lexicon.numbers(lexicon.CALENDAR_WORDS)[named["month"].lower()]
    if named["year"]:
        return Period(int(named["year"]), month=month)
    span = reported.span() if reported is not None else None
    if span is None:
        return None
    if forward:
        return Period(span[0].year + (month < span[0].month), month=month)
    year = _nearest_year(month, span)
    return Period(year, month=month) if year is not None else None


def _nearest_year(month: int, span: tuple[date, date]) -> int | None:
    """The year that puts the month nearest the middle of a span of days, within NEAREST_MONTHS of it."""
    middle = span[0].year * 12 + span[0].month - 1 + ((span[1].year - span[0].year) * 12 + span[1].month
                                                      - span[0].month) / 2
    best = min(range(span[0].year - 1, span[1].year + 2), key=lambda y: abs(y * 12 + month - 1 - middle))
    return best if abs(best * 12 + month - 1 - middle) <= NEAREST_MONTHS else None


@lru_cache(maxsize=1)
def _month_named() -> re.Pattern:
    # a month's full name ("May" with its capital: not the verb)
    numbers = lexicon.numbers(lexicon.CALENDAR_WORDS)
    months = sorted((w for w in numbers if len(w) > 3 or w == "may"), key=len, reverse=True)
    names = "|".join("(?-i:May)" if w == "may" else re.escape(w) for w in months)
    return re.compile(r"\s*\b(?:in|for|during)\s+(?:the\s+month\s+of\s+)?(?P<month>" + names
                      + r")\b(?![- ]quarter)(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?(?!\s*\d)", re.I)
