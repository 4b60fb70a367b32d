"""Lines, headings and `Key: value` header fields: the plain-text layout every format shares."""
from __future__ import annotations

import re
from typing import NamedTuple

from kg import lexicon


class Line(NamedTuple):
    """One line of a text: its offset and its content without the line break."""

    start: int
    text: str


_FIELD = re.compile(r"^\s*[*_]*(?P<key>[A-Za-z][A-Za-z ]{1,20}?)[*_]*\s*:[*_]*\s*(?P<value>\S.*?)[*_\s]*$")
_SEPARATOR = re.compile(r"^\s*[-=_*~](?:\s*[-=_*~]){2,}\s*$")


def lines(text: str) -> list[Line]:
    """Split on "\\n" keeping offsets; a trailing "\\r" is not part of the line."""
    rows, start = [], 0
    for part in text.split("\n"):
        rows.append(Line(start, part.removesuffix("\r")))
        start += len(part) + 1
    return rows


def is_separator(text: str) -> bool:
    """A rule such as `---`, `=====` or `* * *`."""
    return bool(_SEPARATOR.match(text))


def heading_key(text: str) -> str:
    """A line as a heading would read: lower case, without Markdown marks or a final colon."""
    return " ".join(text.strip().strip("#*_ ").rstrip(":").split()).lower()


def header_fields(rows: list[Line]) -> dict[str, str]:
    """Known `Key: value` or `**Key:** value` fields, first occurrence of each key wins."""
    fields: dict[str, str] = {}
    for row in rows:
        match = _FIELD.match(row.text)
        key = match and match["key"].strip().lower()
        if key in lexicon.words(lexicon.HEADER_FIELDS):
            fields.setdefault(key, match["value"])
    return fields


def first_line(rows: list[Line]) -> str | None:
    """The first line with words, without Markdown heading marks."""
    for row in rows:
        title = row.text.strip().lstrip("#").strip()
        if title and not is_separator(title):
            return title
    return None
