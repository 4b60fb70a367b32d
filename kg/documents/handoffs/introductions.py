"""The operator introduces an analyst: "Our next question comes from the line of Rosa Kim with Alder Securities."

One rule, read by the turn inference of speech-to-text calls and by the extraction of every call transcript.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from kg.documents.handoffs.cues import cue_phrases, lowered, patterns
from kg.documents.handoffs.sentences import sentences
from kg.documents.names import NAME_WORD, calls_by_name, name_regex, name_words, post_words
from kg.model import Turn

_MAX_FIRM_WORDS = 6
_FIRM_END = re.compile(r"(?:[\s,.;:]+(?:and|so|thanks|thank you)?)+$", re.I)  # "Alder Securities, and" before "you may proceed"
INTRO_SENTENCE = 300  # characters: the operator's introduction of an analyst is a short sentence, or ends one


@dataclass(frozen=True)
class Introduction:
    """An analyst the operator introduces, with the firm when said; offsets of the name and the firm."""

    name: str
    start: int
    end: int
    firm: str | None = None
    firm_start: int = -1
    firm_end: int = -1


def introduction_at(text: str, low: str, pos: int, end: int) -> Introduction | None:
    """The analyst named at `pos`, right after an introduction phrase, and their firm up to the sentence's end
    `end` ("with Alder Securities. Your line is open."), up to a go-ahead; `low` is the text in lower case."""
    match = name_regex().match(text, pos, end)
    name = name_words(match["name"]) if match else None
    if not name:
        return None
    start, stop = _span_of(text, name, match.start("name"), match.end("name"))
    found = patterns().firm.match(text, match.end(), end)
    if not found:
        return Introduction(name, start, stop)
    first, last = found.span("firm")
    if go := patterns().go_ahead_phrase.search(low, first, last):
        last = go.start()
    firm = _FIRM_END.sub("", text[first:last])
    if not firm or not (firm[0].isupper() or firm[0].isdigit()) or len(firm.split()) > _MAX_FIRM_WORDS:
        return Introduction(name, start, stop)  # not a firm: "from Billy, where the weather was good"
    return Introduction(name, start, stop, firm, first, first + len(firm))


def _span_of(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Where the words of `name` stand in text[start:end] (any white space between them)."""
    found = re.compile(r"\s+".join(map(re.escape, name.split()))).search(text, start, end)
    return found.span() if found else (start, end)


def introductions(text: str) -> Iterator[Introduction]:
    """Every analyst introduction of the text, one a sentence, in text order: "... question comes from NAME [with
    FIRM]", or a caller's introduction without the word question ("we'll go to the line of NAME with FIRM"), which
    counts only with a firm. The phrase ends the sentence or stands in its last INTRO_SENTENCE characters."""
    low, p = lowered(text), patterns()
    spans = sentences(text)
    starts = [start for start, _ in spans]
    found: dict[int, Introduction] = {}
    for rule in ("question_intro", "caller_intro"):
        for match in getattr(p, rule).finditer(low):
            k = bisect_right(starts, match.start()) - 1
            if k < 0 or k in found:
                continue
            first, stop = spans[k]
            at = match.start()
            if match.end() > stop or stop - at > INTRO_SENTENCE or not text[match.end():stop][:1].isupper() \
                    or (at > first and (low[at - 1].isalnum() or low[at - 1] in "'’")):
                continue
            intro = introduction_at(text, low, match.end(), stop)
            if intro and (intro.firm or rule == "question_intro"):
                found[k] = intro
    return iter([found[k] for k in sorted(found)])


HANDOFF_WINDOW = 400  # characters at the end of a turn where the hand-off to the next speaker is
_NAME_THEN_FIRM = re.compile(rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\s+(?P<prep>\w+)\s+"
                             r"(?P<firm>[A-Z0-9][\w&.'’-]*(?:\s+[A-Z0-9&][\w&.'’-]*){0,4})")


def handed_to(text: str, turns: tuple[Turn, ...]) -> Iterator[Introduction]:
    """Introductions by the speaker labels: when the end of a turn calls the next speaker by name and names a firm
    after 'with', 'from', 'at' or 'of' ("... comes from Adam at Morgan Stanley", "over to Will from Keystone"
    before a turn labelled 'Adam Michael Jonas' or 'William Stein'), without an introduction phrase."""
    prepositions = set(cue_phrases()["firm-preposition"])
    for before, turn in zip(turns, turns[1:]):
        if turn.label_start < 0 or turn.speaker == before.speaker:
            continue
        for match in _NAME_THEN_FIRM.finditer(text, max(before.start, before.end - HANDOFF_WINDOW), before.end):
            if match["prep"] not in prepositions or not calls_by_name(match["name"].split()[0], turn.speaker):
                continue
            firm = _FIRM_END.sub("", match["firm"])
            if firm and not any(word.lower() in post_words() for word in firm.split()):
                yield Introduction(match["name"], match.start("name"), match.end("name"), firm, match.start("firm"),
                                   match.start("firm") + len(firm))
            break
