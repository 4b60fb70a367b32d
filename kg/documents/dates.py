"""Dates written the ways news sites and transcripts write them."""
from __future__ import annotations

import re
from datetime import date

from kg import lexicon

from .layout import Line

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b"),
)
_DATELINE_MAX_CHARS = 60
_PUBLISHED_CUE = re.compile(r"\b(?:published|posted|dated)\b|\bdate\s*:", re.I)
_UPDATED_CUE = re.compile(r"\b(?:updated|modified)\b", re.I)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?)?"
_DATELINE_BEFORE = re.compile(rf"^[\s*_]*{_WEEKDAY}\s*$", re.I)
_DATELINE_AFTER = re.compile(
    r"^[\s,*_|·-]*(?:(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|UTC[+-]\d+)?)?[\s*_]*$",
    re.I,
)


def find_date(text: str) -> date | None:
    """The first valid date written in `text`."""
    found = _first_date(text)
    return found[1] if found else None


def published_date(rows: list[Line]) -> date | None:
    """A date after "Published"/"Posted"/"Date:", else after "Updated", else a line that is only a date."""
    for cue in (_PUBLISHED_CUE, _UPDATED_CUE):
        for row in rows:
            match = cue.search(row.text)
            found = match and find_date(row.text[match.end():])
            if found:
                return found
    return next((found for row in rows if (found := _dateline(row.text))), None)


def _dateline(text: str) -> date | None:
    """The date of a line that holds a date and at most a weekday before it and a time after it."""
    found = len(text) <= _DATELINE_MAX_CHARS and _first_date(text)
    if not found:
        return None
    match, value = found
    before, after = text[: match.start()], text[match.end():]
    return value if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after) else None


def _first_date(text: str) -> tuple[re.Match, date] | None:
    """The earliest match of any date pattern that is a real, unambiguous date."""
    found = [(m, d) for p in _PATTERNS for m in p.finditer(text) if (d := _to_date(m))]
    return min(found, key=lambda pair: pair[0].start(), default=None)


def _month_number(name: str) -> int:
    """ "Sept." -> 9: a month's name or abbreviation, by the lexicon's calendar words."""
    return lexicon.numbers(lexicon.CALENDAR_WORDS)[name[:3].lower()]


def _to_date(match: re.Match) -> date | None:
    """The date a pattern matched; numeric day/month orders count only when unambiguous."""
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month, day = _month_number(groups["mon"]), int(groups["d"])
    elif groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        # 31/01/2025 is day-first and 01/31/2025 month-first; 03/04/2025 could be either, so it is skipped
        if first != second and first <= 12 and second <= 12:
            return None
        day, month = (first, second) if first > 12 or first == second else (second, first)
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
