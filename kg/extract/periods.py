"""Periods: years, quarters and halves, calendar or fiscal, absolute or relative to the document."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from kg import lexicon
from kg.model import Period

_ORD = r"(first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR = r"((?:19|20)\d{2}|'\d{2}|FY\s?\d{2,4})"

# Each pattern: (rule, regex). Named groups: q (quarter), h (half), y (year), fy (fiscal marker), rel (relative).
PATTERNS = [
    # "Q4 2024", "Q4 FY2025", "Q1 fiscal 2026", "Q4"
    ("quarter", re.compile(r"\bQ(?P<q>[1-4])(?:\s*(?P<fy>FY|fiscal(?: year)?)?\s*'?(?P<y>(?:19|20)\d{2}|\d{2}(?!\d)))?\b")),
    # "2024 Q4"
    ("quarter", re.compile(r"\b(?P<y>(?:19|20)\d{2})\s+Q(?P<q>[1-4])\b")),
    # "fourth-quarter", "the fiscal fourth quarter of 2024", "third quarter of fiscal 2025"
    ("quarter", re.compile(r"\b(?P<fy>fiscal\s+)?" + _ORD.replace("(", "(?P<qw>", 1)
                           + r"[- ](?:fiscal[- ])?quarter(?:\s+of\s+(?P<fy2>fiscal\s+(?:year\s+)?)?'?(?P<y>(?:19|20)\d{2}|\d{2}(?!\d)))?",
                           re.I)),
    # "H1 2025", "first half of 2025", "second-half"
    ("half", re.compile(r"\bH(?P<h>[12])\s*'?(?P<y>(?:19|20)\d{2})?\b")),
    ("half", re.compile(r"\b(?P<hw>first|second)[- ]half(?:\s+of\s+'?(?P<y>(?:19|20)\d{2}))?", re.I)),
    # "fiscal 2025", "fiscal year 2025", "FY25", "fiscal '26"
    ("year", re.compile(r"\b(?P<fy>FY|fiscal(?: year)?)\s*'?(?P<y>(?:19|20)\d{2}|\d{2})(?!\d)", re.I)),
    # "in 2025", "for 2025", "2024": a year not part of a date or a number range
    ("year", re.compile(r"(?<![\d$.,/-])\b(?P<y>(?:19|20)\d{2})\b(?![-/.,]\d|\s?%|\s?(?:million|billion))")),
    # "this quarter", "next quarter", "last year", "the full year", "this fiscal year"
    ("relative", re.compile(r"\b(?P<rel>this|next|last|prior|previous|the current|the coming|the full|full)[- ]"
                            r"(?:fiscal[- ])?(?P<unit>quarter|year)\b", re.I)),
]


_DATE_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$",
                          re.I)


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
    """The year of a quarter named without one: the reporting period's year when the quarter is the
    reported one, else the year whose such quarter lies nearest the publication date (in November,
    'fourth-quarter guidance' is this year's; in January, 'fourth-quarter revenue' is last year's)."""
    if reference and reference.year and reference.quarter == quarter:
        return reference.year
    if published:
        def distance(year: int) -> int:
            first = date(year, quarter * 3 - 2, 1)
            last = date(year + (quarter == 4), 1 if quarter == 4 else quarter * 3 + 1, 1)
            return 0 if first <= published < last else min(abs((published - first).days), abs((published - last).days))
        return min((published.year - 1, published.year, published.year + 1), key=distance)  # ties: the past
    return reference.year if reference else None


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
    for rule, pattern in PATTERNS:
        for m in pattern.finditer(text):
            period = _parse(rule, m, reference, published)
            if period is not None:
                found.append(PeriodMention(m.start(), m.end(), m.group(0), period))
    found.sort(key=lambda p: (-(p.end - p.start), p.start))
    kept: list[PeriodMention] = []  # in text order, never overlapping
    starts: list[int] = []
    for item in found:
        k = bisect_left(starts, item.start)
        if (k == 0 or kept[k - 1].end <= item.start) and (k == len(kept) or item.end <= kept[k].start):
            kept.insert(k, item)
            starts.insert(k, item.start)
    return kept


def _parse(rule: str, m: re.Match, reference: Period | None, published: date | None) -> Period | None:
    groups = m.groupdict()
    fiscal = bool(groups.get("fy") or groups.get("fy2"))
    year = _year(groups.get("y"))
    if rule == "quarter":
        quarter = int(groups["q"]) if groups.get("q") else lexicon.numbers(lexicon.ORDINALS)[groups["qw"].lower()]
        if year is None:
            year = quarter_year(quarter, reference, published)
            fiscal = fiscal or bool(reference and reference.fiscal and reference.quarter == quarter)
        return Period(year, quarter=quarter, fiscal=fiscal)
    if rule == "half":
        half = int(groups["h"]) if groups.get("h") else (1 if groups["hw"].lower() == "first" else 2)
        return Period(year or (reference.year if reference else published.year if published else None), half=half)
    if rule == "year":
        if _DATE_BEFORE.search(m.string, max(0, m.start() - 16), m.start()):
            return None  # the year of a date ("31 Jan 2025", "January 31, 2025") is not a reporting period
        return Period(year, fiscal=fiscal) if year else None
    return _relative(groups["rel"], groups["unit"], reference, published)
