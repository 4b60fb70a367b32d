"""The small, immutable records that flow through the pipeline: read -> extract -> map to RDF.

Offsets (`start`, `end`) are character offsets into `Document.text`, end exclusive.
Entity references (`speaker`, `subject`, `claimant`, ...) are entity IRIs as strings.
"""
from __future__ import annotations

import hashlib
from calendar import month_name
from dataclasses import dataclass, field
from datetime import date, timedelta

ENTITY_TYPES = ("Person", "Organization", "AIModel", "Product", "Place")


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript: `start`/`end` cover the spoken text, not the label."""

    speaker: str
    start: int
    end: int
    label_start: int = -1
    confidence: float = 1.0  # 1.0 for a labelled turn, lower when inferred


@dataclass(frozen=True)
class Document:
    """A text as read from one source, with what its format told us about it."""

    text: str
    source: str
    kind: str = "article"  # "article" or "transcript"
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    company: str | None = None  # transcripts: company name or ticker from the header
    period: str | None = None  # transcripts: "Q3 2025" from the header
    turns: tuple[Turn, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entity:
    """A person, organisation, AI model or product, identified by its IRI."""

    iri: str
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...] = ()

    def __post_init__(self):
        # a name as the text writes it, without the spaces around it that speech to text leaves ('in  Europe')
        object.__setattr__(self, "name", self.name.strip())
        object.__setattr__(self, "aliases", tuple(alias.strip() for alias in self.aliases))


@dataclass(frozen=True)
class Mention:
    """A span of text that names (or refers back to) an entity."""

    start: int
    end: int
    text: str
    entity: str
    type: str
    rule: str  # which rule found it: "gazetteer", "title", "descriptor", "pronoun", ...


@dataclass(frozen=True)
class Role:
    """A person's post at an organisation ("CFO Susan Li"); `role` is a SKOS concept IRI when known;
    `organization_name` the organisation's name as the text writes it there ("Citi" for Citigroup), if it does."""

    person: str
    title: str
    organization: str | None
    role: str | None
    start: int
    end: int
    organization_name: str | None = None


@dataclass(frozen=True)
class Development:
    """An AI model or product and the organisation that develops it ("DeepSeek unveiled its R1 model")."""

    product: str
    developer: str
    start: int
    end: int


@dataclass(frozen=True)
class Period:
    """A calendar or fiscal period: a year, a quarter or a half of a year, or a calendar month. A fiscal period of
    a company whose fiscal year is known carries it (`calendar`, the company's IRI; `year_end`, the month its
    fiscal year ends): fiscal year Y ends with that month of calendar year Y (Microsoft's FY2025 runs from July
    2024 to June 2025), or, counted on past December, of Y + 1 (`year_end` 13: Home Depot's fiscal 2025 runs
    from February 2025 to January 2026)."""

    year: int | None
    quarter: int | None = None
    half: int | None = None
    fiscal: bool = False
    calendar: str | None = None
    year_end: int = 12
    month: int | None = None  # of a calendar month ("February 2025"): never fiscal, no quarter or half

    @property
    def label(self) -> str:
        prefix = "FY" if self.fiscal else ""
        year = f"{prefix}{self.year}" if self.year else ""
        if self.month:
            return f"{month_name[self.month]} {year}".strip()
        if self.quarter:
            return f"Q{self.quarter} {year}".strip()
        if self.half:
            return f"H{self.half} {year}".strip()
        return year

    @property
    def key(self) -> str:
        """Unique among periods: a company's fiscal period starts with the company ("microsoft/fy2025-Q1")."""
        return f"{self.calendar.rsplit('/', 1)[-1]}/{self.key_in_calendar}" if self.calendar else self.key_in_calendar

    @property
    def key_in_calendar(self) -> str:
        part = f"-M{self.month:02d}" if self.month else f"-Q{self.quarter}" if self.quarter else \
            f"-H{self.half}" if self.half else ""
        return f"{'fy' if self.fiscal else ''}{self.year or 'unknown'}{part}"

    def span(self) -> tuple[date, date] | None:
        """The first and last calendar day the period covers, by whole months; None for a fiscal period of a
        company whose fiscal year is not known, or a period without a year."""
        if self.year is None or (self.fiscal and self.calendar is None):
            return None
        if self.month:
            first = date(self.year, self.month, 1)
            return first, _months_after(first, 1) - timedelta(days=1)
        first = _months_after(date(self.year, 1, 1), (self.year_end if self.fiscal else 12) - 12)
        months = 3 if self.quarter else 6 if self.half else 12
        first = _months_after(first, months * ((self.quarter or self.half or 1) - 1))
        return first, _months_after(first, months) - timedelta(days=1)


def _months_after(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    years, month = divmod(day.month - 1 + months, 12)
    return date(day.year + years, month + 1, 1)


@dataclass(frozen=True)
class Figure:
    """A number with a unit, a metric, a subject and a period ("$48.39 billion in Q4 revenue")."""

    start: int
    end: int
    text: str
    value: float
    unit: str  # ISO 4217 code, "percent", "points" or the counted noun ("users")
    minimum: float | None = None
    maximum: float | None = None
    metric: str | None = None  # SKOS concept IRI
    metric_text: str | None = None  # the metric in the text's words, where they say more than the concept's label
    subject: str | None = None  # entity IRI
    period: Period | None = None
    direction: str | None = None  # "up", "down" for changes
    bound: str | None = None  # "at least" / "at most" for "100 million-plus", "over $30 billion"
    sentence: tuple[int, int] = (0, 0)
    stated_as: str | None = None  # the kind of the claim stating it, also where a call keeps no claim of it


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker, word for word."""

    start: int
    end: int
    text: str
    speaker: str | None
    partial: bool = False
    rule: str = ""
    confidence: float = 1.0
    sentence: tuple[int, int] = (0, 0)
    speaker_label: str | None = None  # a transcript's label when the speaker is not a person ("Operator")
    question: bool = False  # a call's turn that asks (an analyst's)
    answers: tuple[int, int] | None = None  # the span of the question a call's turn answers


@dataclass(frozen=True)
class Claim:
    """A forecast, plan, assessment or reported fact, with who claims it and what it is about."""

    start: int
    end: int
    text: str
    claimant: str | None
    kind: str  # SKOS concept IRI of the claim kind
    about: tuple[str, ...] = ()
    figures: tuple[tuple[int, int], ...] = ()
    rule: str = ""
    sentence: tuple[int, int] = (0, 0)
    period: Period | None = None  # the period a forecast or plan is for, where the text names one


@dataclass(frozen=True)
class Event:
    """The event a document reports or records, e.g. a company's earnings call for a fiscal quarter."""

    organization: str
    period: Period | None
    date: date | None
    name: str


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    developments: list[Development] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    event: Event | None = None
