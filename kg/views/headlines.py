"""A company's figures as kg.analysis compares them (read from the company, bounded by its figures), and its
headline figures by period: for each period, the result reported for each of its most stated metrics."""
from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import URIRef

from kg import queries
from kg.analysis.figures import Figure, read
from kg.analysis.guidance import reported
from kg.store import Store
from kg.views.describe import local_name
from kg.views.scene import Panel

HEADLINE_METRICS = 4  # columns of the headline panel: the metrics with the most results reported


def company_figures(store: Store, entity: URIRef) -> list[Figure]:
    """The figures of which `entity` is the subject, each with whether a forecast states it and when its document
    was written (`kg.analysis.figures.read`)."""
    compared = queries.load("guidance-vs-actual")  # its rows are those of _figures-compared, from the entity
    return [f for f in read(store, compared.run(store, {}, named={"company": [entity]}).dicts()) if f.value is not None]


def headline_panel(figures: list[Figure]) -> Panel | None:
    """Periods (the latest first) against the HEADLINE_METRICS metrics with the most periods reported: in each
    cell the result reported for the period, as written (a metric without a label named by its IRI's last
    segment); None without any."""
    groups = defaultdict(list)
    for figure in figures:
        if figure.period_end is not None:
            groups[(figure.metric_label, figure.unit, figure.period_end, figure.period_label)].append(figure)
    results = {key: reported(group) for key, group in groups.items()}
    results = {key: figure for key, figure in results.items() if figure is not None}
    counts = Counter((metric, unit) for metric, unit, _, _ in results)
    metrics = sorted(counts, key=lambda lane: (-counts[lane], lane))[:HEADLINE_METRICS]
    periods = sorted({(end, label) for metric, unit, end, label in results if (metric, unit) in metrics}, reverse=True)
    if not periods:
        return None
    rows = [(label, *(results[(metric, unit, end, label)].text if (metric, unit, end, label) in results else ""
                      for metric, unit in metrics)) for end, label in periods]
    names = tuple(local_name(metric).replace("-", " ") if metric.startswith("http") else metric
                  for metric, _ in metrics)
    return Panel("Headline figures by period", ("Period", *names), rows, len(rows),
                 [None] * len(rows))
