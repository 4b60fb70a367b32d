"""Printing listings and query results as a table, CSV, TSV or JSON.

JSON, CSV and TSV, made for programs, hold the values as they are. A table is made for people: a document's
path is shown from the current folder when the document is below it, and a named query's table leaves out
its parameters' variables and its columns of IRIs, with headings in words (see `query_table`).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from decimal import Decimal
from pathlib import PurePath

MAX_CELL = 80
PATH_COLUMNS = ("source",)  # the path a document was ingested from
LIST_SEPARATOR = "\u001f"  # between the items of a list that a named query joins with GROUP_CONCAT
LISTING_COLUMNS = {  # the columns of each listing's table and CSV (its JSON has every key)
    "entities": ["name", "type", "aliases", "roles", "developer", "documents"],
    "quotes": ["speaker", "text", "source", "start", "end"],
    "figures": ["text", "value", "unit", "metric", "subject", "period", "source", "start"],
    "claims": ["claimant", "kind", "text", "about", "source", "start"],
    "calls": ["name", "company", "period", "date", "documents", "participants"],
}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_cell(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, str) and LIST_SEPARATOR in value:
        return _cell([item for item in value.split(LIST_SEPARATOR) if item])
    return " ".join(str(value).split())


def render(rows: list[dict], fmt: str, columns: list[str] | None = None) -> str:
    """Rows (dicts) in the format asked for. `columns` picks and orders the table/CSV columns."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    if fmt in ("csv", "tsv"):  # for programs: every key, as JSON has them, numbers as numbers
        columns = list(dict.fromkeys([*(columns or []), *(key for row in rows for key in row)]))
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_raw(row.get(c)) for c in columns])
        return buffer.getvalue().rstrip("\n")
    return table(rows, columns or (list(rows[0]) if rows else []))


def _raw(value) -> str:
    """A CSV cell: a number as a program reads it (2400000000, 0.38), lists and mappings as the table shows them."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def summary(report, verb: str = "added") -> str:
    """An ingest's line (`kg.ingest.IngestReport`): how many documents were added (or `verb`), replaced, unchanged
    or failed, how many files were skipped if any, and what the new documents hold if anything."""
    line = ", ".join(f"{len(report.with_status(status))} {word}" for status, word in
                     (("added", verb), ("replaced", "replaced"), ("unchanged", "unchanged"), ("failed", "failed")))
    skipped = len(report.with_status("skipped"))
    held = ", ".join(f"{v} {k}" for k, v in report.totals().items())
    return line + (f", {skipped} skipped" if skipped else "") + (f": {held}" if held else "")


def named_queries(named) -> str:
    """`kg query --list`: each named query (`kg.queries.NamedQuery`) with its description and parameters."""
    return "\n".join(f"{query.name}: {query.description}" + "".join(
        f"\n    --param {key}=...  {text}" for key, text in query.params.items()) for query in named)


def counts(numbers: dict[str, int], fmt: str) -> str:
    """Counts (`kg stats`): a table of what and how many, or one JSON object."""
    if fmt == "json":
        return render([numbers], "json")
    return render([{"what": k, "count": v} for k, v in numbers.items()], fmt)


def table(rows: list[dict], columns: list[str], headings: dict[str, str] | None = None) -> str:
    """The rows' `columns` aligned under their headings (the column names unless `headings` gives others)."""
    if not rows:
        return "(no results)"
    names = [(headings or {}).get(c, c) for c in columns]
    cells = [[_clip(_shown(row.get(c), c), c in PATH_COLUMNS) for c in columns] for row in rows]
    widths = [max(len(n), *(len(r[i]) for r in cells)) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join([line, rule, *body])


def _shown(value, column: str) -> str:
    """A cell's text; a document's path from the current folder when the document is below it."""
    text = _cell(value)
    if column in PATH_COLUMNS and os.path.isabs(text):
        path, here = PurePath(text), PurePath(os.getcwd())
        return str(path.relative_to(here)) if path.is_relative_to(here) else text
    return text


def query_table(rows: list[dict], variables: list[str]) -> str:
    """A named query's rows (RDF terms) as a table for people: without the variables of its parameters (`name_`)
    and the columns of IRIs, each heading in words (`periodLabel`: "period", `name1`: "name 1")."""
    from rdflib.term import BNode, Literal, URIRef  # the rows hold them: rdflib is loaded already

    iris = {k for row in rows for k, v in row.items() if isinstance(v, (URIRef, BNode))}
    columns = [v for v in variables if not v.endswith("_") and v not in iris]
    headings = {column: _heading(column) for column in columns}
    taken = list(headings.values())
    headings = {c: h if taken.count(h) == 1 else c for c, h in headings.items()}  # two alike: their own names

    def value(term):
        plain = term.toPython() if isinstance(term, Literal) else term
        return float(plain) if isinstance(plain, (Decimal, float)) else None if term is None else str(term)
    return table([{k: value(v) for k, v in row.items()} for row in rows], columns, headings)


def _heading(variable: str) -> str:
    """A variable's name in words: without a `Name` or `Label` ending, camelCase and numbers parted."""
    base = re.sub(r"(?<=.)(Name|Label)$", "", variable)
    return re.sub(r"(?<=[a-z])(?=[A-Z0-9])", " ", base).lower()


def _clip(text: str, keep_the_end: bool = False) -> str:
    """At most MAX_CELL characters: the start of a text, or the end of a path (its file's name)."""
    if len(text) <= MAX_CELL:
        return text
    return "\u2026" + text[1 - MAX_CELL:] if keep_the_end else text[:MAX_CELL - 1] + "\u2026"
