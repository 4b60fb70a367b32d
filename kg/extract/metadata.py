"""What a document is: its publisher and the event it reports (an earnings call, dated)."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from kg import lexicon
from kg.extract.context import Context
from kg.extract.nlp import text as doc_text
from kg.extract.periods import PeriodMention, find_periods
from kg.model import Document, Event, Period

HEADER_CHARS = 1500
OPENING_CHARS = 1500  # where a call's host names the quarter it reports
OPENING_EVENT_WORDS = re.compile(r"[^.?!]{0,40}?\b(?:earnings|results|call|conference|webcast|teleconference|webinar)\b",
                                 re.I)
NEXT_CALL_WORDS = re.compile(r"[^.?!]{0,40}?\b(?:is|are|will\s+be)\s+(?:scheduled|planned|set)\b", re.I)
FISCAL_YEARS = re.compile(r"\bfiscal(?:\s+year)?\s+'?(?:19|20)?\d{2}\b|\bFY\s?'?\d{2}\b", re.I)
FISCAL_TEXT_CHARS = 20_000  # a call's prepared remarks, where its fiscal years are named
OPENING_COMPANY = re.compile(r"\b((?:[A-Z][\w&.'-]*|&)(?:\s+(?:[A-Z][\w&.'-]*|&|of|and))*?)(?:['\u2019]s)?\s+$")
EVENT_WORDS = re.compile(r"\b(?:earnings|results|conference)\s+(?:call|report|webcast|release)\b", re.I)
PUBLISHER_NAME = re.compile(r"\s*([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})")


def find_publisher(text: str) -> str | None:
    """Rule: the capitalised name after a publisher cue in the page furniture ('Published by X', 'Why trust X')."""
    head = text[:HEADER_CHARS]
    lower = head.lower()
    for form in sorted(lexicon.load().forms(lexicon.PUBLISHER_CUES), key=len, reverse=True):
        for m in re.finditer(re.escape(form), lower):
            name = PUBLISHER_NAME.match(head, m.end())
            if name:
                return name.group(1).strip()
    return None


@lru_cache(maxsize=None)
def weekdays() -> dict[str, int]:
    """Each weekday's name and its number, 0 for Monday (the calendar words' kg:weekday)."""
    return {form: int(term.props["weekday"]) for form, term in lexicon.load().forms(lexicon.CALENDAR_WORDS).items()
            if "weekday" in term.props}


@lru_cache(maxsize=None)
def _on_weekday() -> re.Pattern:
    return re.compile(r"\bon\s+(" + "|".join(weekdays()) + r")\b", re.I)


def weekday_before(published: date, weekday: str) -> date:
    """The latest date on or before `published` that falls on `weekday` ('on Wednesday' in Friday's paper)."""
    return published - timedelta(days=(published.weekday() - weekdays()[weekday.lower()]) % 7)


def reported_period(document: Document) -> Period | None:
    """Rule: the quarter a call reports is the first one its opening names before the words of the event
    ('welcome to the fourth quarter 2024 earnings call', 'a review of Q2 results'; a year not given is the
    nearest to the header's; not a misheard one), else the quarter of the transcript's header ('Q3 2025'): a
    file's name or header does not always give the call's quarter. A quarter named by its month ('our March
    quarter results') is left to the header, which counts it on the company's own calendar."""
    header = find_periods(document.period) if document.period else []
    reference = header[0].period if header else None
    if document.kind != "transcript":
        return reference
    found = _opening_quarter(document, reference)
    if found and not _misheard_year(document.text, found[1].period.year, reference):
        reference = found[1].period
    return replace(reference, fiscal=True) if reference and speaks_fiscal(document.text) else reference


def _misheard_year(text: str, year: int, header: Period | None) -> bool:
    """Rule: an opening's year more than one from the header's, and named nowhere else in the call, is one that
    speech to text misheard ('second quarter 2004' in a 2024 call); a call the text dates again and again to
    another year is of that year, whatever its file's name says."""
    return bool(header and header.year and abs(year - header.year) > 1
                and len(re.findall(rf"\b{year}\b", text)) < 2)


def _opening_quarter(document: Document, reference: Period | None) -> tuple[str, PeriodMention] | None:
    """The opening of a call (past a header) and the first quarter it names before the words of the event, not
    those of the next call ('our third quarter results call is planned for October 20')."""
    spoken = min((t.label_start for t in document.turns if t.label_start >= 0), default=0)
    opening = document.text[spoken:spoken + OPENING_CHARS]
    months = lexicon.numbers(lexicon.CALENDAR_WORDS)
    for mention in find_periods(opening, reference, document.published):
        if (mention.period.quarter and mention.period.year and mention.text.split()[0].lower() not in months
                and (event := OPENING_EVENT_WORDS.match(opening, mention.end))
                and not NEXT_CALL_WORDS.match(opening, event.end())):
            return opening, mention
    return None


def opening_company(document: Document) -> str | None:
    """Rule: the company a call's opening names right before the quarter it reports ('welcome to the Realty
    Income fourth quarter 2024 earnings call', 'to JPMorgan Chase's fourth quarter ...'): its capitalised words,
    without a possessive."""
    found = _opening_quarter(document, None) if document.kind == "transcript" else None
    if found is None:
        return None
    opening, mention = found
    m = OPENING_COMPANY.search(opening, max(0, mention.start - 80), mention.start)
    name = re.sub(r"['\u2019]s?$", "", m.group(1)) if m else None
    return name if name and name.lower() not in lexicon.words(lexicon.DETERMINERS) else None


def spells_ticker(name: str, ticker: str) -> bool:
    """The ticker's letters stand in the name in order ('Amazon.com' for AMZN, 'O'Reilly Automotive' for ORLY):
    a name that speech to text misheard ('Cisco' for SYY) does not."""
    letters = iter(name.lower())
    return all(c in letters for c in ticker.lower() if c.isalpha())


def speaks_fiscal(text: str) -> bool:
    """Rule: a call that names its years fiscal ones ('compared to fiscal 2024', 'our fiscal 2025 guidance')
    reports fiscal quarters."""
    return len(FISCAL_YEARS.findall(text, 0, FISCAL_TEXT_CHARS)) >= 2


def find_event(ctx: Context) -> Event | None:
    """Rule: an earnings call named in the text ("Meta's fourth-quarter earnings call") or given by a transcript's
    header: its company (the possessive before it, else the document's focus), its quarter and its date
    ('on Wednesday', read against the publication date)."""
    document = ctx.document
    if document.kind == "transcript" and ctx.focus:
        period = ctx.period
        return Event(ctx.focus, period, document.published, _event_name(ctx, ctx.focus, period))
    text = doc_text(ctx.doc)
    m = EVENT_WORDS.search(text)
    if m is None or ctx.focus is None:
        return None
    sentence = ctx.sentence_of(m.start())
    owners = [x for x in ctx.mentions_between(sentence.start_char, m.start(), "Organization")]
    organization = owners[-1].entity if owners else ctx.focus
    periods = [p.period for p in find_periods(sentence.text, None, ctx.published) if p.period.quarter]
    period = periods[0] if periods else None
    day = None
    weekday = _on_weekday().search(text, max(0, sentence.start_char - 600), sentence.end_char + 200)
    if weekday and ctx.published:
        day = weekday_before(ctx.published, weekday.group(1))
    return Event(organization, period, day, _event_name(ctx, organization, period))


def _event_name(ctx: Context, organization: str, period: Period | None) -> str:
    """Rule: a call is named by its company and quarter; a company the header gives by its ticker alone ('BA'), or
    by first words of its name that do not spell the ticker ('Domino' for DPZ), by the name its opening gives it
    ("welcome to Boeing's fourth quarter ...", "Domino's Pizza's first quarter"), when that name spells it."""
    who = ctx.name(organization) or organization.rsplit("/", 1)[-1]
    ticker = ctx.document.company or ""
    if ticker.isupper() and len(ticker) <= 5:
        name = opening_company(ctx.document)
        if name and spells_ticker(name, ticker) and (who == ticker or name.startswith(who)
                                                    and not spells_ticker(who, ticker)):
            who = name
    return f"{who} {period.label} earnings call" if period else f"{who} earnings call"
