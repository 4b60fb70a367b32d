"""What later rules need to know about a document once its entities are found."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from kg.extract.nlp import sentence, token_starts
from kg.model import Document, Entity, Mention, Period


@dataclass
class Context:
    document: Document
    doc: Doc
    mentions: list[Mention]  # named mentions and resolved references, in text order
    entities: dict[str, Entity]
    focus: str | None = None  # the organisation the document is about
    period: Period | None = None  # the period the document reports on (an earnings call's quarter)
    published: date | None = None
    turns: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, speaker IRI) of transcript turns
    analysts: frozenset[str] = frozenset()  # people the call introduces as analysts (they ask, executives claim)
    own_products: frozenset[str] = frozenset()  # the products and models of the focus (its own, or the gazetteer's)
    _starts: list[int] = field(default_factory=list, repr=False)
    _token_starts: list[int] = field(default_factory=list, repr=False)
    _turn_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self):
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._token_starts = token_starts(self.doc)
        self._turn_starts = [t[0] for t in self.turns]

    def add(self, mentions: list[Mention], entities: dict[str, Entity]) -> None:
        """More mentions and entities, found once the context was made (the parts of a company its figures name);
        a longer one replaces those it holds ('Microsoft Cloud' over 'Microsoft'), one that crosses another is
        left out."""
        self.entities.update({iri: e for iri, e in entities.items() if iri not in self.entities})
        for new in mentions:
            inside = [m for m in self.mentions if new.start <= m.start and m.end <= new.end]
            crossing = [m for m in self.mentions if m.start < new.end and new.start < m.end and m not in inside]
            if not crossing:
                self.mentions = [m for m in self.mentions if m not in inside] + [new]
        self.__post_init__()

    def mentions_between(self, start: int, end: int, type: str | None = None) -> list[Mention]:
        """Mentions lying inside the character range [start, end)."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end and (type is None or m.type == type)]

    def mention_at(self, char: int) -> Mention | None:
        k = bisect_right(self._starts, char) - 1
        if k >= 0 and self.mentions[k].start <= char < self.mentions[k].end:
            return self.mentions[k]
        return None

    def token_index(self, char: int) -> int:
        """Index of the token containing (or starting after) character `char`."""
        k = bisect_right(self._token_starts, char) - 1
        return max(k, 0)

    def sentence_of(self, char: int) -> Span:
        return sentence(self.doc, self.token_index(char))

    def turn_at(self, char: int) -> tuple[int, int, str] | None:
        """The transcript turn (start, end, speaker) holding character `char`."""
        k = bisect_right(self._turn_starts, char) - 1
        return self.turns[k] if k >= 0 and char < self.turns[k][1] else None

    def speaker_at(self, char: int) -> str | None:
        """The speaker of the transcript turn holding character `char`."""
        turn = self.turn_at(char)
        return turn[2] if turn else None

    def turn_start_inside(self, start: int, end: int) -> int | None:
        """Where the first turn starting strictly inside (start, end) starts: a sentence that runs on from the
        speaker label before it."""
        k = bisect_right(self._turn_starts, start)
        return self._turn_starts[k] if k < len(self._turn_starts) and self._turn_starts[k] < end else None

    def name(self, iri: str | None) -> str | None:
        return self.entities[iri].name if iri in self.entities else None
