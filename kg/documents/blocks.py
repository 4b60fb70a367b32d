"""The published transcript layout: participant lists, section headings and speaker blocks."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg import lexicon

from ..model import Document, Turn
from .layout import Line, heading_key, is_separator, lines
from .names import is_name, is_role, is_title
from .turns import content_span, extend

Participant = tuple[str, str | None, str | None]

_BULLET = re.compile(r"^\s*(?:[*•·-]|\d+\.)\s+")
_NAME_SEP = re.compile(r"\s*,\s+|\s+(?:--|—|–|-)\s+")
_PART_SEP = re.compile(r"\s+(?:--|—|–|-)\s+")
_NUMBERING = re.compile(r"\s*\[\d+\]\s*$")
_SENTENCE_END = re.compile(r"(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bLtd)[.?!]$")
_SPEAKER_LINE_MAX_CHARS = 150
_AFFILIATION_MAX_WORDS = 12


def has_layout_headings(rows: list[Line]) -> bool:
    """Whether any line is a participant-list or transcript-section heading."""
    headings = lexicon.words(lexicon.PARTICIPANT_HEADINGS) | lexicon.words(lexicon.SECTION_HEADINGS)
    return any(heading_key(row.text) in headings for row in rows)


def participants(doc: Document) -> list[Participant]:
    """(name, title, company) of each person in the document's participant lists, once each."""
    return _participants(lines(doc.text))


def block_turns(rows: list[Line]) -> tuple[Turn, ...]:
    """One turn per speaker block: a speaker line on its own, then the paragraphs spoken."""
    known = {name for name, _, _ in _participants(rows)}
    turns: list[Turn] = []
    open_turn, after_break = False, True
    for row, section in _sections(rows):
        if section == "heading":
            open_turn, after_break = False, True
            continue
        if not row.text.strip() or is_separator(row.text):
            after_break = True
            continue
        # a speaker line follows a blank line, a rule or a heading; "[2]" numbering is dropped
        speaker = section == "body" and after_break and _speaker_line(row.text, known)
        if speaker:
            end = row.start + len(row.text)
            turns.append(Turn(speaker[0], end, end, label_start=row.start + speaker[1]))
            open_turn = True
        elif section == "body" and open_turn and turns:
            turns[-1] = extend(turns[-1], *content_span(row))
        after_break = section == "participants"
    return tuple(turn for turn in turns if turn.end > turn.start)


def _participants(rows: list[Line]) -> list[Participant]:
    """Entries of the participant sections; an indented line completes a bare "* Name" entry."""
    entries: dict[str, Participant] = {}
    last = None
    for row, section in _sections(rows):
        if section != "participants" or not row.text.strip() or is_separator(row.text):
            continue
        detail = row.text[:1].isspace() and not _BULLET.match(row.text)
        if detail and last and entries[last][1:] == (None, None):
            entries[last] = (last, *_affiliation(row.text.strip()))
        elif entry := _entry(row.text):
            entries.setdefault(entry[0], entry)
            last = entry[0]
    return list(entries.values())


def _sections(rows: list[Line]) -> Iterator[tuple[Line, str]]:
    """Each line with its part of the layout: "heading", "participants" or "body"."""
    section = "body"
    for row in rows:
        key = heading_key(row.text)
        if key in lexicon.words(lexicon.PARTICIPANT_HEADINGS) or key in lexicon.words(lexicon.SECTION_HEADINGS):
            section = "participants" if key in lexicon.words(lexicon.PARTICIPANT_HEADINGS) else "body"
            yield row, "heading"
            continue
        # a participant list ends at its first line that is neither an entry nor an indented detail
        text = row.text
        if section == "participants" and text.strip() and not is_separator(text):
            if not (_entry(text) or text[:1].isspace()):
                section = "body"
        yield row, section


def _entry(text: str) -> Participant | None:
    """A participant line: "Tim Cook -- CEO", "Ann Lee - Morgan Stanley - Analyst", "* Tim Cook"."""
    name, rest = _split_name(_BULLET.sub("", text).strip())
    if is_role(name) or not is_name(name):
        return None
    return (name, *_affiliation(rest)) if rest else (name, None, None)


def _affiliation(text: str) -> tuple[str | None, str | None]:
    """(title, company) from "Apple Inc - CEO", "Morgan Stanley", "Chief Financial Officer"."""
    parts = [part.strip() for part in _PART_SEP.split(text)]
    if len(parts) == 1:
        return (text, None) if is_title(text) else (None, text)
    company, title = parts[0], " - ".join(parts[1:])
    # lists put the company first, but "Chief Executive Officer - Apple" also occurs
    return (company, title) if is_title(company) and not is_title(title) else (title, company)


def _split_name(text: str) -> tuple[str, str]:
    """The name before the first " -- ", " - " or ", ", and what follows it."""
    parts = _NAME_SEP.split(text, maxsplit=1)
    return parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""


def _speaker_line(text: str, known: set[str]) -> tuple[str, int] | None:
    """The speaker a standalone line names ("Tim Cook -- CEO", "Operator [1]") and where the name starts.

    A name alone must be a role, a listed participant or at least two name words; what follows a
    separator must read like an affiliation (capitalised, short, no sentence end), not a sentence.
    """
    if len(text) > _SPEAKER_LINE_MAX_CHARS:
        return None
    core = _NUMBERING.sub("", re.sub(r"[*_#]", "", text)).strip()
    name, rest = _split_name(core)
    if rest and not (rest[0].isupper() or rest[0].isdigit()):
        return None
    if rest and (len(rest.split()) > _AFFILIATION_MAX_WORDS or _SENTENCE_END.search(rest)):
        return None
    if not (is_role(name) or name in known or (is_name(name) and len(name.split()) >= 2)):
        return None
    return name, text.find(name)
