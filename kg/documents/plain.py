"""Plain text and Markdown: an article, a labelled transcript, a published transcript or a call recording."""
from __future__ import annotations

from kg import lexicon

from ..model import Document, Turn
from .blocks import block_turns, has_layout_headings
from .calls import call_title, file_name_call, is_speech_to_text, period_label, ticker_in
from .dates import published_date
from .handoffs import infer_turns
from .layout import Line, first_line, header_fields, lines
from .turns import labelled_turns, mostly_labelled

_HEADER_LINES = 40


def read_plain(text: str, source: str) -> list[Document]:
    """The one document a .txt or .md text holds, its kind and header read from the text."""
    rows = lines(text)
    head = rows[:_HEADER_LINES]
    fields = header_fields(head)
    turns = find_turns(rows, header=bool(fields.keys() & _call_fields()))
    if not turns and is_speech_to_text(text, source):
        company, period = file_name_call(source)
        turns, warnings = _inferred_turns(text)
        return [Document(text, source, "transcript", call_title(company, period), company=company, period=period,
                         turns=turns, warnings=warnings)]
    title = fields.get("title") or first_line(rows)
    publisher = fields.get("publisher") or fields.get("source")
    published = published_date(head)
    if not turns:
        return [Document(text, source, "article", title, publisher, published)]
    company, period = call_identity(fields, title or "", source)
    return [Document(text, source, "transcript", title, publisher, published, company, period, turns)]


def _call_fields() -> frozenset[str]:
    """Header fields that say the text is a call's transcript ("Company:", "Quarter:")."""
    return frozenset(lexicon.concept_forms(lexicon.HEADER_FIELDS)["call-field"])


def _inferred_turns(text: str) -> tuple[tuple[Turn, ...], tuple[str, ...]]:
    """The turns of a call without labels. A rule that breaks on a text is a bug to report, not a reason to lose
    the document: it is read without turns, with a warning that names the error."""
    try:
        return infer_turns(text), ()
    except Exception as error:  # noqa: BLE001 - not hidden: the document's warning names it
        return (), (f"speaker turns not inferred, the call is read without them: a rule failed with "
                    f"{type(error).__name__}: {error} (please report it)",)


def find_turns(rows: list[Line], header: bool = False) -> tuple[Turn, ...]:
    """The speaker turns of a transcript, or () when the text does not read like one.

    `header` says a call header (Company, Quarter...) was found, so any labelled turn counts;
    otherwise it takes two speakers, and `Name: text` labels on a good share of the lines.
    """
    options = []
    labelled = labelled_turns(rows)
    if header or mostly_labelled(rows, labelled):
        options.append(labelled)
    if has_layout_headings(rows):
        options.append(block_turns(rows))
    turns = max(options, key=len, default=())
    return turns if header or len({turn.speaker for turn in turns}) >= 2 else ()


def call_identity(fields: dict[str, str], title: str, source: str) -> tuple[str | None, str | None]:
    """Company and period from header fields, else from the title, else from the file name."""
    named_company, named_period = file_name_call(source)
    company = fields.get("company") or fields.get("ticker") or fields.get("symbol") or ticker_in(title)
    period = period_label(fields.get("quarter") or fields.get("period") or "") or period_label(title)
    return company or named_company, period or named_period
