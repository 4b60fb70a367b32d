"""The timeline view: a company's or a person's figures by metric over periods, the guidance for a period drawn as
a range beside the result later reported, and the claims and quotations about or by them in time order. Each point
carries its source words (document, offsets, the sentence with the figure's own words marked).

Read by bounded SPARQL from the focus: its figures as `guidance-vs-actual` compares them (`_figures-compared`,
started from the focus), the few drawn read whole (`view-figures`); its most recent claims and quotations as the
other views read them (`kg.views.read.recent_facts`), a company's with the claims stating its figures.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.analysis import guidance
from kg.analysis.figures import Figure
from kg.store import Store
from kg.views import describe
from kg.views.describe import text
from kg.views.headlines import company_figures
from kg.views.read import find_focus, recent_facts
from kg.views.sparql import rows

LANES = 8  # at most this many metrics drawn (those with the most figures), each in a chart of its own


@dataclass
class Timeline:
    """What the page draws: `periods` in time order, `lanes` (one metric and unit each) of points placed on them,
    `events` (claims and quotations, oldest first); `omitted` counts the points and events not drawn."""

    focus: str
    kind: str
    matches: list[str] = field(default_factory=list)
    periods: list[dict] = field(default_factory=list)
    lanes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    omitted: int = 0

    @property
    def points(self) -> int:
        return sum(len(lane["points"]) for lane in self.lanes) + len(self.events)


def read_timeline(store: Store, focus: str, limit: int) -> Timeline:
    """The timeline of the entity named `focus`: at most `limit` figures (in the LANES metrics with the most) and
    at most `limit` claims and quotations, the most recent."""
    entity, matches = find_focus(store, focus, "entity")
    described = rows(store, "entities", entity=[entity])[0]
    kind = describe.kind_of(text(described["classes"]).split()) or "organization"
    timeline = Timeline(text(described["name"]), kind, matches)
    _figures(store, entity, limit, timeline)
    _events(store, entity, kind, limit, timeline)
    return timeline


def _figures(store: Store, entity: URIRef, limit: int, timeline: Timeline) -> None:
    figures = company_figures(store, entity)
    outcomes = {(row["guidance_source"], row["guidance_start"]): row
                for row in (dict(zip(guidance.COLUMNS, (None if v is None else v.toPython() for v in values)))
                            for values in guidance.pairs(figures).rows)}
    by_lane = defaultdict(list)
    for figure in figures:
        by_lane[(figure.metric_label, figure.unit)].append(figure)
    ranked = sorted(by_lane, key=lambda lane: (-len(by_lane[lane]), lane))
    drawn, room = [], limit
    for lane in ranked[:LANES]:
        kept = sorted(by_lane[lane], key=_when)[-room:] if room else []
        room -= len(kept)
        drawn.append((lane, kept))
    timeline.omitted += len(figures) - sum(len(kept) for _, kept in drawn)
    details = {row["figure"]: row for row in rows(store, "figures", figure=[URIRef(f.iri) for _, kept in drawn
                                                                          for f in kept])} if figures else {}
    periods = sorted({(f.period_end is None, f.period_end or "", f.period_label) for _, kept in drawn for f in kept})
    index = {label: position for position, (_, _, label) in enumerate(periods)}
    timeline.periods = [{"label": label, "end": str(end)} for _, end, label in periods]
    for (metric, unit), kept in drawn:
        if not kept:
            continue
        currency = next((text(details[URIRef(f.iri)].get("currency")) for f in kept if URIRef(f.iri) in details), "")
        points = [_point(f, index, details.get(URIRef(f.iri), {}), outcomes.get((f.source, f.start))) for f in kept]
        values = [v for p in points for v in (p["value"], p["min"], p["max"]) if v is not None]
        low, high = min(values), max(values)
        timeline.lanes.append({
            "metric": metric, "unit": unit, "points": points, "low": low, "high": high,
            "ticks": [describe.figure_amount({"value": v, "unit": unit, "currency": currency})
                      for v in (low, (low + high) / 2, high)],
        })


def _when(figure: Figure) -> tuple:
    return (figure.period_end is None, str(figure.period_end or ""), figure.as_of is None, str(figure.as_of or ""),
            figure.source, figure.start)


def _point(figure: Figure, index: dict, row: dict, paired: dict | None) -> dict:
    """A figure on the chart: guidance (a range, open when it has one bound only) or a result, with its details."""
    is_guidance = figure.forecast
    low, high = guidance.guided_range(figure) if is_guidance else (None, None)
    details = [("Figure", describe.figure_amount(row) if row else figure.text),
               ("Kind", "guidance" if is_guidance else "reported"), ("Metric", figure.metric_label),
               ("Period", figure.period_label)]
    if paired and paired.get("outcome"):
        details += [("Outcome", f"{paired['outcome']} ({paired['deviation']:+.1f}% from the guided midpoint)"
                     if paired.get("deviation") is not None else paired["outcome"]),
                    ("Reported", f"{paired['actual_text']} ({paired['actual_source']})")]
    if paired and paired.get("revision"):
        details.append(("Revision", paired["revision"]))
    details += describe.source_details(row) if row else [("Path", figure.source), ("Offsets", str(figure.start))]
    return {
        "period": index[figure.period_label], "guidance": is_guidance, "value": figure.value, "min": low,
        "max": high, "open": is_guidance and (low is None) != (high is None),
        "outcome": (paired or {}).get("outcome"), "label": describe.figure_amount(row) if row else figure.text,
        "anchor": figure.text, "sentence": text(row.get("sentence")) if row else "",
        "details": [(name, value) for name, value in details if value],
    }


def _events(store: Store, entity: URIRef, kind: str, limit: int, timeline: Timeline) -> None:
    kinds = ("claims", "quotes") if kind == "person" else ("claims",)
    events = []
    for facts in kinds:
        keys_from = "claims-of-company" if facts == "claims" and kind == "organization" else None
        found, total, names, when = recent_facts(store, facts, [entity], limit, keys_from)
        timeline.omitted += total - len(found)
        for row in found:
            said = text(row["text"])
            node = (describe.claim if facts == "claims" else describe.quote)(row, names)
            events.append({"kind": facts[:-1], "date": when.get(row["document"], ""), "text": said,
                           "anchor": said, "sentence": text(row.get("sentence")) or said,
                           "details": node["details"][:-1]})  # the IRI left out
    timeline.events = sorted(events, key=lambda event: (event["date"], event["text"]))
