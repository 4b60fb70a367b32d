"""Speaker turns written as `Name: text` lines."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Turn
from .layout import Line, is_separator
from .names import is_role, is_speaker, is_title

_LABEL = re.compile(
    r"^[ \t]*[*_]{0,2}(?P<label>[^:*_]{1,60}?)[*_]{0,2}[ \t]*:[ \t]*[*_]{0,2}[ \t]*(?P<text>.*?)[ \t]*$"
)


def labelled_turns(rows: list[Line]) -> tuple[Turn, ...]:
    """One turn per `Name: text` line; a line without a label continues the turn before it."""
    turns: list[Turn] = []
    for row in rows:
        line = _label_line(row)
        label = line.speaker if line else ""
        # "Franz von Holzhausen:" then "Chief Designer: ...": the second label is the first one's job title
        if line and turns and turns[-1].start == turns[-1].end and is_title(label) and not is_role(label):
            turns[-1] = extend(turns[-1], line.start, line.end)
        elif line and is_speaker(label):
            turns.append(line)
        elif turns and row.text.strip() and not is_separator(row.text):
            turns[-1] = extend(turns[-1], *content_span(row))
    return tuple(turn for turn in turns if turn.end > turn.start)


def _label_line(row: Line) -> Turn | None:
    """A line that starts with `Label:` as a turn, whatever the label; the caller judges the label."""
    match = _LABEL.match(row.text)
    if not match:
        return None
    start, end = row.start + match.start("text"), row.start + match.end("text")
    return Turn(match["label"].strip(), start, end, label_start=row.start + match.start("label"))


def extend(turn: Turn, start: int, end: int) -> Turn:
    """The turn running on to `end`; a turn with no text yet starts at `start`."""
    return replace(turn, start=start, end=end) if turn.start == turn.end else replace(turn, end=end)


def content_span(row: Line) -> tuple[int, int]:
    """Offsets of a line's text without the spaces around it."""
    text = row.text
    return row.start + len(text) - len(text.lstrip()), row.start + len(text.rstrip())


def mostly_labelled(rows: list[Line], turns: tuple[Turn, ...]) -> bool:
    """Two or more turns, whose labels start at least a fifth of the text's non-empty lines.

    Transcripts label every turn and most turns are a paragraph or a few; an article that quotes
    someone as `Name: ...` does so in one or two of its many paragraphs.
    """
    return len(turns) >= 2 and len(turns) >= 0.2 * sum(1 for row in rows if row.text.strip())
