"""What identifies an earnings call: ticker, fiscal period, file-name conventions, tell-tale phrases."""
from __future__ import annotations

import re
from pathlib import PurePath

from kg import lexicon

_PERIODS = (
    re.compile(r"\bQ(?P<q>[1-4])\s*(?:'|FY\s*|fiscal\s+(?:year\s+)?)?(?P<y>\d{4}|\d{2})\b", re.I),
    re.compile(r"\b(?:FY\s*)?(?P<y>\d{4})\s*Q(?P<q>[1-4])\b", re.I),
    re.compile(r"\b(?P<q>[1-4])Q\s*(?:FY\s*)?'?(?P<y>\d{4}|\d{2})\b", re.I),
    re.compile(
        r"\b(?P<o>first|second|third|fourth)[\s-]quarter(?:\s+of)?(?:\s+fiscal(?:\s+year)?)?\s+(?P<y>\d{4})\b",
        re.I,
    ),
)
_TICKER = re.compile(r"\((?:(?:NASDAQ|NYSE|AMEX|NYSEARCA|TSX|LSE)\s*:\s*)?(?P<t>[A-Z][A-Z0-9.\-]{0,9})\)")
_FILE_NAMES = (
    re.compile(r"^(?P<t>[A-Z][A-Z0-9.\-]{0,9})_(?P<y>\d{4})_Q(?P<q>[1-4])$"),
    re.compile(r"^(?P<t>[A-Z][A-Z0-9.\-]{0,9})_Q(?P<q>[1-4])_(?:FY)?(?P<y>\d{4})$"),
)
_CALL_CUES = re.compile(
    r"earnings (?:conference )?call|conference call|\boperator\b|\b(?:this|today's|our|the) call\b"
    r"|forward-looking statements|question-and-answer|\bQ&A\b",
    re.I,
)
_SPEECH_MIN_CHARS = 2000


def period_label(text: str) -> str | None:
    """The first fiscal quarter written in `text` as "Q3 2025" ("2025 Q3", "Q3 FY25", "third quarter 2025")."""
    found = [m for p in _PERIODS if (m := p.search(text))]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    groups = match.groupdict()
    quarter = lexicon.numbers(lexicon.ORDINALS)[groups["o"].lower()] if groups.get("o") else int(groups["q"])
    year = int(groups["y"])
    return f"Q{quarter} {year + 2000 if year < 100 else year}"


def ticker_in(text: str) -> str | None:
    """A ticker in parentheses, as titles write it: "Apple Inc. (NASDAQ: AAPL)"."""
    match = _TICKER.search(text)
    return match["t"] if match else None


def file_name_call(source: str) -> tuple[str | None, str | None]:
    """Ticker and period from a file named like `AAPL_2024_Q1.txt` or `AAPL_Q3_FY2025.md`."""
    stem = PurePath(source.partition("#")[0]).stem
    for pattern in _FILE_NAMES:
        if match := pattern.match(stem):
            return match["t"], f"Q{match['q']} {match['y']}"
    return None, None


def call_title(company: str | None, period: str | None) -> str | None:
    """A title for a call whose source has none, in the style of transcript headers."""
    return f"{company} {period} Earnings Call Transcript" if company and period else None


def is_speech_to_text(text: str, source: str) -> bool:
    """A call transcribed as one long paragraph: > 2,000 chars, hardly a line break, and call-like.

    Call-like means a call phrase in the first 2,000 chars, or a TICKER_YYYY_QN file name:
    recordings that start mid-sentence often lack the phrase but keep the name.
    """
    body = text.strip()
    if len(body) <= _SPEECH_MIN_CHARS or body.count("\n") > 2:
        return False
    return bool(_CALL_CUES.search(body[:_SPEECH_MIN_CHARS])) or file_name_call(source)[0] is not None
