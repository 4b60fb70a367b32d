"""What a drawn node says: its kind, label, tooltip, side-panel details and size, from the rows the views read.

Every node is a dict with `kind` (one of KINDS, or "other" in the query view), a short `label` (at most two
lines), `names` (what search matches), `details` (ordered (field, text) pairs for the side panel), `tooltip` (plain
text) and `weight` (what its size grows with). A figure also has `order` and `row` (its line in the figures table).
"""
from __future__ import annotations

import textwrap

from rdflib import Literal, URIRef

from kg.rdf.namespaces import KG, SCHEMA

KINDS = ("person", "organization", "model", "product", "quote", "claim", "figure", "document", "event")
ENTITY_KINDS = ("person", "organization", "model", "product")
LABEL_CHARS = 60  # a label's text before it is cut (then wrapped to LINE_CHARS a line)
LINE_CHARS = 24
FIGURE_COLUMNS = ("Subject", "Metric", "Period", "Value", "Source", "Date")
SEPARATOR = "\u001f"  # between the values a query joins with GROUP_CONCAT

# The first class a node has in this order decides its kind (a model may also be typed a product).
KIND_OF_CLASS = (
    (KG.AIModel, "model"),
    (SCHEMA.Product, "product"),
    (SCHEMA.Person, "person"),
    (SCHEMA.Organization, "organization"),
    (SCHEMA.Quotation, "quote"),
    (SCHEMA.Claim, "claim"),
    (KG.Figure, "figure"),
    (KG.Document, "document"),
    (KG.EarningsCall, "event"),
    (SCHEMA.Event, "event"),
)
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"))


def text(value) -> str:
    """A row's value as text ("" when unbound)."""
    return "" if value is None else str(value)


def shorten(value: str, limit: int = LABEL_CHARS) -> str:
    """`value` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(value.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def label_lines(value: str, width: int = LINE_CHARS) -> str:
    """`value` shortened and wrapped at word boundaries into at most two lines of about `width` characters."""
    lines = textwrap.wrap(shorten(value, 2 * width), width, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], shorten(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def local_name(iri) -> str:
    """The last segment of an IRI ("revenue" for metric:revenue)."""
    return str(iri).rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def kind_of(classes) -> str | None:
    """The kind of a node with these classes (IRIs or their text), None for none of kg's."""
    found = {str(c) for c in classes}
    return next((kind for cls, kind in KIND_OF_CLASS if str(cls) in found), None)


def node(kind: str, label: str, details: list[tuple[str, str]], iri, **extra) -> dict:
    """A node's attributes: empty details left out, the IRI last."""
    attributes = {"kind": kind, "label": label_lines(label), "names": [label], "tooltip": shorten(label, 240),
                  "weight": 0, "details": [(field, value) for field, value in details if value] + [("IRI", str(iri))]}
    attributes.update(extra)
    return attributes


def entity(row: dict, kind: str, documents: int = 0, posts: list[str] = ()) -> dict:
    """An entity from a `view-entities` row; `posts` as "CFO, Meta"; sized by the documents that mention it."""
    name = text(row["name"]) or local_name(row["entity"])
    aliases = sorted({a for a in text(row.get("aliases")).split(SEPARATOR) if a and a != name})
    label = f"{shorten(name, LINE_CHARS)}\n{shorten(posts[0], LINE_CHARS)}" if posts else label_lines(name)
    details = [
        ("Name", name),
        ("Type", kind),
        ("Also known as", ", ".join(aliases)),
        ("Ticker", text(row.get("ticker"))),
        ("Posts", "; ".join(posts)),
        ("Mentioned in", f"{documents} document(s)" if documents else ""),
    ]
    built = node(kind, name, details, row["entity"], names=[name, *aliases], weight=documents)
    built["label"] = label
    return built


def post_text(title: str, organization: str) -> str:
    return f"{title}, {organization}" if organization else title


def source_details(row: dict) -> list[tuple[str, str]]:
    """Where a fact comes from: its document's title, date and path, the offsets, the sentence."""
    begin, end = text(row.get("begin")), text(row.get("end"))
    return [
        ("Source", text(row.get("title"))),
        ("Date", text(row.get("date"))),
        ("Path", text(row.get("path"))),
        ("Offsets", f"{begin}–{end}" if begin and end else ""),
        ("Sentence", text(row.get("sentence")) or text(row.get("text"))),  # a whole-sentence fact has no own
    ]


def quote(row: dict, names: dict) -> dict:
    """A quotation from a `view-quotes` row; `names` gives the speaker's name."""
    said, speaker = text(row["text"]), names.get(row["speaker"], "")
    details = [
        ("Quote", said),
        ("Speaker", speaker),
        ("Partial", "yes" if text(row.get("partial")) == "true" else ""),
        ("Confidence", text(row.get("confidence"))),
        ("Rule", text(row.get("rule"))),
        *source_details(row),
    ]
    built = node("quote", f"“{shorten(said, LABEL_CHARS - 2)}”", details, row["quote"])
    built["tooltip"] = f"{speaker}: “{shorten(said, 240)}”" if speaker else shorten(said, 240)
    return built


def claim(row: dict, names: dict) -> dict:
    """A claim from a `view-claims` row; `names` gives its claimant's, kind's, period's and subjects' names."""
    said = text(row["text"])
    about = sorted(names.get(URIRef(iri), local_name(iri)) for iri in text(row.get("about")).split())
    details = [
        ("Claim", said),
        ("Kind", names.get(row.get("kind"), "")),
        ("Claimant", names.get(row.get("claimant"), "")),
        ("About", ", ".join(about)),
        ("Period", names.get(row.get("period"), "")),
        *source_details(row),
    ]
    return node("claim", said, details, row["claim"])


def figure(row: dict, names: dict) -> dict:
    """A figure from a `view-figures` row: "$48.39B revenue Q4 2024"; `names` gives metric, period, subject."""
    amount = figure_amount(row)
    metric, period = names.get(row.get("metric"), ""), names.get(row.get("period"), "")
    subject = names.get(row["subject"], local_name(row["subject"]))
    label = " ".join(part for part in (amount, metric, period) if part)
    details = [
        ("Figure", label),
        ("As written", text(row.get("anchor"))),
        ("Subject", subject),
        ("Metric", metric),
        ("Period", period),
        ("Value", text(row.get("value"))),
        ("Minimum", text(row.get("min"))),
        ("Maximum", text(row.get("max"))),
        ("Unit", text(row.get("unit")) or text(row.get("currency"))),
        ("Direction", text(row.get("direction"))),
        ("Bound", text(row.get("bound"))),
        *source_details(row),
    ]
    built = node("figure", label, details, row["figure"])
    built.update(
        tooltip=f"{subject}: {label}" if subject else label,
        order=(subject.casefold(), metric.casefold(), text(row.get("periodEnd")), label),
        row=(subject, metric, period, amount, text(row.get("title")), text(row.get("date"))),
    )
    return built


def document(row: dict) -> dict:
    """A document from a `view-documents` row."""
    title = text(row.get("title")) or local_name(text(row.get("path")) or row["document"])
    details = [
        ("Title", title),
        ("Kind", "transcript" if text(row.get("transcript")) == "true" else "article"),
        ("Call", text(row.get("call"))),
        ("Publisher", text(row.get("publisher"))),
        ("Date", text(row.get("date"))),
        ("Path", text(row.get("path"))),
        ("Characters", text(row.get("characters"))),
    ]
    return node("document", title, details, row["document"])


def figure_amount(row: dict) -> str:
    """"$48.39B", "12%", "3.35B users", "$46B–$49B", "at least $30B", with ↑/↓ for a direction."""
    currency = text(row.get("currency"))
    unit = text(row.get("unit")) or currency
    value, low, high = row.get("value"), row.get("min"), row.get("max")
    if low is not None and high is not None and low != high:
        amount = f"{_number(low, unit, currency)}–{_number(high, unit, currency)}"
    else:
        amount = _number(next((v for v in (value, low, high) if v is not None), None), unit, currency)
    arrow = {"up": "↑", "down": "↓"}.get(text(row.get("direction")), "")
    bound = text(row.get("bound"))
    return f"{bound} {arrow}{amount}".strip() if bound else f"{arrow}{amount}"


def _number(value, unit: str, currency: str) -> str:
    if value is None:
        return ""
    try:
        number = float(value.toPython() if isinstance(value, Literal) else value)
    except (TypeError, ValueError):  # an ill-typed literal: show it as written
        return str(value)
    scaled, suffix = next(((number / size, s) for size, s in _SCALES if abs(number) >= size), (number, ""))
    digits = f"{scaled:,.2f}".rstrip("0").rstrip(".") + suffix
    if currency:
        sign = _CURRENCY_SIGNS.get(currency)
        return f"{sign}{digits}" if sign else f"{digits} {currency}"
    if unit == "percent":
        return f"{digits}%"
    return f"{digits} {unit}".strip()

