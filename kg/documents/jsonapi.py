"""JSON from earnings-call transcript and news APIs: one object, or a list of them.

The keys read (README.md, "JSON input"): the text in `content`, `transcript` or `text` (a string, or a list of
speeches `{"speaker" or "name": ..., "text", "content" or "speech": ...}`); `title`, `date`, `publisher`; for a
call, `symbol` or `ticker`, `quarter` and `year`. A text with speaker turns or a call's company or period is a
transcript, any other an article.
"""
from __future__ import annotations

import json
import re

from ..errors import DocumentError
from ..model import Document, Turn
from .calls import call_title, period_label
from .dates import find_date
from .layout import lines
from .turns import labelled_turns

_TEXT_KEYS = ("content", "transcript", "text")
_NO_CONTENT = "JSON has no text in 'content', 'transcript' or 'text'"


def read_json(text: str, source: str) -> list[Document]:
    """One document per transcript object; a list's documents are sourced "path#0", "path#1"..."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise DocumentError(source, f"malformed JSON ({where}: {error.msg})") from None
    if not isinstance(data, list):
        return [_transcript(data, source)]
    if not data:
        raise DocumentError(source, _NO_CONTENT)
    return [_transcript(record, f"{source}#{index}") for index, record in enumerate(data)]


def _transcript(record: object, source: str) -> Document:
    """A transcript or article object (see the module's docstring for its keys)."""
    content = next(filter(None, map(record.get, _TEXT_KEYS)), None) if isinstance(record, dict) else None
    if isinstance(content, str) and content.strip():
        text, turns = content, labelled_turns(lines(content))
    elif isinstance(content, list) and content:
        text, turns = _speeches(content, source)
    else:
        raise DocumentError(source, _NO_CONTENT)
    company = _text(record.get("symbol") or record.get("ticker"))
    quarter, year = _text(record.get("quarter")), _text(record.get("year"))
    period = period_label(f"Q{_digits(quarter)} {year}") if quarter and year else None
    title = _text(record.get("title")) or call_title(company, period)
    published = find_date(_text(record.get("date")) or "")
    kind = "transcript" if turns or company or period else "article"
    return Document(text, source, kind, title, _text(record.get("publisher")), published, company, period, turns)


def _speeches(items: list, source: str) -> tuple[str, tuple[Turn, ...]]:
    """Text and turns from `[{"speaker": ..., "text": ...}]`; a speech may be a list of paragraphs."""
    text, turns = "", []
    for item in items:
        speaker = isinstance(item, dict) and _text(item.get("speaker") or item.get("name"))
        speech = (item.get("text") or item.get("content") or item.get("speech")) if speaker else None
        spoken = "\n".join(filter(None, map(_text, speech))) if isinstance(speech, list) else _text(speech)
        if not spoken:
            raise DocumentError(source, _NO_CONTENT)
        label_start = len(text)
        text += f"{speaker}: "
        turns.append(Turn(speaker, len(text), len(text) + len(spoken), label_start=label_start))
        text += spoken + "\n"
    return text, tuple(turns)


def _digits(text: str) -> str:
    """The digits of a quarter written "3", "Q3" or "3.0"."""
    return re.sub(r"\D", "", text.split(".")[0])


def _text(value: object) -> str | None:
    """A JSON scalar as stripped text; None for null, empty or structured values."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None
