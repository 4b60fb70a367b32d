"""Periods: years, quarters and halves, calendar or fiscal, absolute or relative to the document."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from kg import lexicon
from kg.model import Period

_YEAR = r"(?:19|20)\d{2}"
_FISCAL = r"(?:fiscal(?:\s+year)?|FY)"
_YEAR_BEFORE = r"(?:\s+of)?\s+(?P<ago>last\s+year|the\s+prior\s+year|the\s+previous\s+year|a\s+year\s+ago)"
_NOT_AN_AMOUNT = r"(?![-/.,]\d|\s?%|\s?(?:million|billion))"
_DATE_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$",
                          re.I)


def _words(scheme: str) -> str:
    return "|".join(re.escape(w) for w in sorted(lexicon.numbers(scheme), key=len, reverse=True))


def _quarter_numbers() -> str:
    """The number words of a quarter ("one" to "four")."""
    return "|".join(re.escape(w) for w, n in lexicon.numbers(lexicon.NUMBER_WORDS).items() if 1 <= n <= 4)


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern]]:
    """Each pattern: (rule, regex). Named groups: q, qw or qn (quarter), h or hw (half), y or y2 (year), fy, fy2, fy3
    (fiscal markers), ago (a year before), rel and unit (a period relative to the document's); the rule "month"
    matches the word "quarter" after a month's name ("the September quarter")."""
    ordinal = rf"(?P<qw>{_words(lexicon.ORDINALS)})[- ](?:fiscal[- ])?quarter"
    # (a pattern that opens with an optional word is tried at every word of a text: "fiscal" before a quarter
    # or a year that opens one is read by _fiscal_before instead)
    return [
        # "Q4 2024", "Q4 FY2025", "Q1 fiscal 2026", "Q3 Fiscal Year 2025", "Q1 of 2025", "fiscal Q3", "Q4"
        ("quarter", re.compile(rf"\bQ(?P<q>[1-4])(?:\s+of\s+(?P<fy2>{_FISCAL}\s*)?(?P<y2>{_YEAR})"
                               rf"|\s*(?P<fy>{_FISCAL})?\s*'?(?P<y>{_YEAR}|\d{{2}}(?!\d){_NOT_AN_AMOUNT}))?\b", re.I)),
        # "4Q24", "4Q 2024", "1Q FY25", "3Q": the quarter's number before the letter
        ("quarter", re.compile(rf"(?<![\w$.,-])(?P<q>[1-4])Q(?:\s*(?P<fy>{_FISCAL})?\s*'?(?P<y>{_YEAR}|\d{{2}}(?!\d){_NOT_AN_AMOUNT}))?\b")),
        # "2024 Q4", "2025 first quarter", "fiscal year 2024 second quarter"
        ("quarter", re.compile(rf"(?<!\w)(?P<y>{_YEAR})\s+(?:Q(?P<q>[1-4])\b|{ordinal})", re.I)),
        # "fourth-quarter", "the fiscal fourth quarter of 2024", "third quarter of fiscal 2025", "first quarter 2025",
        # "fourth quarter fiscal year 2024"
        ("quarter", re.compile(rf"\b(?P<fy>fiscal\s+)?{ordinal}(?:\s+of\s+(?P<fy2>{_FISCAL}\s*)?'?(?P<y>{_YEAR}|\d{{2}}(?!\d){_NOT_AN_AMOUNT})"
                               rf"|\s+(?P<fy3>{_FISCAL}\s*)?(?P<y2>{_YEAR})\b{_NOT_AN_AMOUNT}|{_YEAR_BEFORE})?", re.I)),
        # "last year's second quarter", "the prior year's fourth quarter": that quarter of the year before
        ("quarter", re.compile(rf"\b(?P<ago>last|prior|previous)[- ]year'?s\s+(?:fiscal\s+)?{ordinal}", re.I)),
        # "quarter four 2023", "quarter one of fiscal 2025", "quarter two": the quarter's number in words after it
        ("quarter", re.compile(rf"\bquarter\s+(?P<qn>{_quarter_numbers()})(?!\s+years?\b)"
                               rf"(?:\s+(?:of\s+)?(?P<fy>{_FISCAL}\s*)?'?(?P<y>{_YEAR}|\d{{2}}(?!\d){_NOT_AN_AMOUNT}))?\b", re.I)),
        # "the same quarter last year", "the same quarter a year ago", "the prior year quarter", "the year-ago
        # quarter", "the quarter a year ago": the reported quarter, a year before
        ("same quarter", re.compile(rf"\b(?:same\s+quarter{_YEAR_BEFORE}|(?:prior|previous)[- ]year(?:'s)?\s+quarter"
                                    rf"|year[- ]ago\s+quarter|quarter\s+a\s+year\s+ago)\b", re.I)),
        # "the September quarter", "June-quarter": the quarter ending that month, on the company's fiscal calendar
        # (found from the word "quarter" back: an alternation of months would be tried at every word)
        ("month", re.compile(r"[- ]quarter\b", re.I)),
        # "H1 2025", "first half of 2025", "second-half"
        ("half", re.compile(rf"\bH(?P<h>[12])\s*'?(?P<y>{_YEAR})?\b")),
        ("half", re.compile(rf"\b(?P<hw>first|second)[- ]half(?:\s+of\s+'?(?P<y>{_YEAR}))?", re.I)),
        # "fiscal 2025", "fiscal year 2025", "FY25", "fiscal '26"
        ("year", re.compile(rf"\b(?P<fy>{_FISCAL})\s*'?(?P<y>{_YEAR}|\d{{2}})(?!\d)", re.I)),
        # "in 2025", "for 2025", "2024": a year not part of a date or a number range
        ("year", re.compile(rf"(?<![\d$.,/-])\b(?P<y>{_YEAR})\b{_NOT_AN_AMOUNT}")),
        # "this quarter", "next quarter", "last year", "the full year", "for the year", "this fiscal year"
        ("relative", re.compile(rf"\b(?P<rel>{_words(lexicon.RELATIVE_PERIOD_WORDS)})[- ](?:fiscal[- ])?(?P<unit>quarter|year)\b",
                                re.I)),
        # "a year ago", "one year ago": the year before the document's, as "last year" (a quarter's when the
        # sentence names one: kg.extract.figures)
        ("year ago", re.compile(r"\b(?:a|one)\s+year\s+ago\b", re.I)),
    ]


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    text: str
    period: Period


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 2:
        return 2000 + int(digits)
    return int(digits) if len(digits) == 4 else None


def quarter_year(quarter: int, reference: Period | None, published: date | None) -> int | None:
    """The year of a quarter named without one: the year whose such quarter lies nearest the reported quarter
    (in a fourth-quarter call, 'the first quarter' is the coming one; ties: the reported year), else nearest the
    publication date (in November, 'fourth-quarter guidance' is this year's; in January, 'fourth-quarter
    revenue' is last year's)."""
    if reference and reference.year and reference.quarter:
        here = reference.year * 4 + reference.quarter - 1
        return min((reference.year, reference.year - 1, reference.year + 1),
                   key=lambda year: abs(year * 4 + quarter - 1 - here))
    if published:
        def distance(year: int) -> int:
            first = date(year, quarter * 3 - 2, 1)
            last = date(year + (quarter == 4), 1 if quarter == 4 else quarter * 3 + 1, 1)
            return 0 if first <= published < last else min(abs((published - first).days), abs((published - last).days))
        return min((published.year - 1, published.year, published.year + 1), key=distance)  # ties: the past
    return reference.year if reference else None


def month_quarter(month: int, reference: Period | None, published: date | None) -> Period | None:
    """The quarter ending in `month` ('the September quarter'): on the fiscal calendar of the reported period
    when it has one (Apple's September quarter is its fiscal Q4), in the year where that month lies nearest the
    end of the reported period, else the publication date (ties: the past)."""
    year_end = reference.year_end if reference and reference.calendar else 12
    span = reference.span() if reference else None
    anchor = span[1] if span else published
    if anchor is None:
        return None
    year = min((anchor.year, anchor.year - 1, anchor.year + 1),
               key=lambda y: (abs((y - anchor.year) * 12 + month - anchor.month), y))
    quarter = (month - year_end - 1) % 12 // 3 + 1
    if year_end == 12:
        return Period(year, quarter=quarter)
    return replace(reference, year=year + (month > year_end), quarter=quarter, half=None)


def _relative(word: str, unit: str, reference: Period | None, published: date | None) -> Period | None:
    step = lexicon.numbers(lexicon.RELATIVE_PERIOD_WORDS).get(word.lower(), 0)
    if unit.lower() == "year":
        year = reference.year if reference and reference.year else published.year if published else None
        return Period(year + step, fiscal=bool(reference and reference.fiscal)) if year else None
    if reference and reference.quarter and reference.year:
        index = reference.year * 4 + reference.quarter - 1 + step
        return Period(index // 4, quarter=index % 4 + 1, fiscal=reference.fiscal)
    return None


def find_periods(text: str, reference: Period | None = None, published: date | None = None) -> list[PeriodMention]:
    """Every period expression in `text`, longest first where they overlap, in text order."""
    found: list[PeriodMention] = []
    for rule, pattern in patterns():
        for m in pattern.finditer(text):
            if rule == "month":
                month = _month_before().search(text, max(0, m.start() - 10), m.start())
                period = month and month_quarter(lexicon.numbers(lexicon.CALENDAR_WORDS)[month.group(1).lower()],
                                                 reference, published)
                if period is not None:
                    found.append(PeriodMention(month.start(), m.end(), text[month.start():m.end()], period))
                continue
            period = _parse(rule, m, reference, published)
            if period is not None:
                start = _fiscal_before(text, m.start()) if rule == "quarter" else m.start()
                if start < m.start() and not period.fiscal:
                    period = replace(period, fiscal=True)
                found.append(PeriodMention(start, m.end(), text[start:m.end()], period))
    found.sort(key=lambda p: (-(p.end - p.start), p.start))
    kept: list[PeriodMention] = []  # in text order, never overlapping
    starts: list[int] = []
    for item in found:
        k = bisect_left(starts, item.start)
        if (k == 0 or kept[k - 1].end <= item.start) and (k == len(kept) or item.end <= kept[k].start):
            kept.insert(k, item)
            starts.insert(k, item.start)
    return kept


@lru_cache(maxsize=1)
def _month_before() -> re.Pattern:
    return re.compile(rf"\b({_words(lexicon.CALENDAR_WORDS)})$", re.I)


_FISCAL_BEFORE = re.compile(r"\b(?:fiscal(?:\s+year)?|FY)\s*$", re.I)


def _fiscal_before(text: str, start: int) -> int:
    """Where a quarter's mention starts with the 'fiscal' or 'fiscal year' right before it ('fiscal Q3', 'fiscal
    year 2024 second quarter')."""
    m = _FISCAL_BEFORE.search(text, max(0, start - 13), start)
    return m.start() if m else start


def _parse(rule: str, m: re.Match, reference: Period | None, published: date | None) -> Period | None:
    groups = m.groupdict()
    fiscal = bool(groups.get("fy") or groups.get("fy2") or groups.get("fy3"))
    year = _year(groups.get("y") or groups.get("y2"))
    # a quarter or half of a document that reports fiscal quarters is a fiscal one
    fiscal_document = bool(reference and reference.fiscal and (reference.quarter or reference.half))
    if rule == "same quarter":
        if not (reference and reference.quarter and reference.year):
            return None
        return replace(reference, year=reference.year - 1)
    if rule == "quarter":
        quarter = int(groups["q"]) if groups.get("q") else lexicon.numbers(lexicon.ORDINALS)[groups["qw"].lower()] \
            if groups.get("qw") else lexicon.numbers(lexicon.NUMBER_WORDS)[groups["qn"].lower()]
        if year is None:
            year = quarter_year(quarter, reference, published)
            # "the first quarter last year": that quarter of the year before the reported one
            year = (reference.year if reference and reference.year else year) - 1 if groups.get("ago") and year else year
        return Period(year, quarter=quarter, fiscal=fiscal or fiscal_document)
    if rule == "half":
        half = int(groups["h"]) if groups.get("h") else (1 if groups["hw"].lower() == "first" else 2)
        return Period(year or (reference.year if reference else published.year if published else None), half=half,
                      fiscal=fiscal_document)
    if rule == "year":
        if _DATE_BEFORE.search(m.string, max(0, m.start() - 16), m.start()):
            return None  # the year of a date ("31 Jan 2025", "January 31, 2025") is not a reporting period
        return Period(year, fiscal=fiscal) if year else None
    if rule == "year ago":
        year = reference.year if reference and reference.year else published.year if published else None
        return Period(year - 1, fiscal=bool(reference and reference.fiscal)) if year else None
    return _relative(groups["rel"], groups["unit"], reference, published)


def possessive(text: str, period: PeriodMention, end: int) -> bool | None:
    """Whether a period said in the possessive owns what follows it up to `end` (an amount): True in one clause
    ('last year's rate of 16.9%'); False across a comma or semicolon, where it owns another thing ('below the
    previous quarter's record, resulting in earnings of $2.86'; the rule: such a period is not the amount's);
    None for a period not in the possessive. A quarter or a half right before 'of' and the amount owns it too
    ('up from last year's third quarter of 17.4%'; not a year: 'an increase compared to the prior year of $6
    million' is a change over it)."""
    if (period.period.quarter or period.period.half) and text[period.end:end].strip().lower() == "of":
        return True
    if not text.startswith("'s", period.end):
        return None
    return not any(mark in text[period.end:end] for mark in ",;")


@lru_cache(maxsize=1)
def comparison_word() -> re.Pattern:
    """A word that makes a figure the base of a comparison, anywhere ('from', 'compared to', 'versus', 'compares
    with')."""
    forms = sorted(lexicon.words(lexicon.COMPARISON_BASES) | lexicon.words(lexicon.COMPARISON_VERBS), key=len,
                   reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I)


@lru_cache(maxsize=1)
def last_year() -> re.Pattern:
    """The words of the year before the document's, relative to it ('last year', 'the prior year', 'a year
    ago')."""
    forms = sorted((f for f, step in lexicon.numbers(lexicon.RELATIVE_PERIOD_WORDS).items() if step == -1),
                   key=len, reverse=True)
    return re.compile(r"(?:the\s+)?(?:" + "|".join(re.escape(f) for f in forms) + r")[- ](?:fiscal[- ])?year"
                      r"|(?:a|one)\s+year\s+ago", re.I)
