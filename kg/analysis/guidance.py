"""Guidance paired with results: each forecast figure for a period, given before the period ended, beside the figure
later reported for the same company, metric, period and unit, and the revision of the guidance before it."""
from __future__ import annotations

from itertools import groupby

from kg.analysis.figures import Figure, result

COLUMNS = ["company", "metric", "period", "guided_min", "guided_max", "unit", "guidance_text", "guidance_source",
           "guidance_start", "actual", "actual_text", "actual_source", "actual_start", "outcome", "deviation",
           "revision"]


def pairs(figures: list[Figure]) -> "QueryResult":  # noqa: F821 (kg.store.base.QueryResult)
    """Rule: guidance is a figure a forecast states, in a document written before its period ended; the actual is
    a figure no forecast states, a single value, in the first document written when the period had ended (a
    headline figure first, then the first in the text). A guided range is its minimum and maximum; a point
    ("approximately $85 billion") covers what rounds to it at the precision it states; "at least" has no
    maximum. The outcome is `beat` above the range, `missed` below it, else `in range`; the deviation is the
    actual's distance from the range's midpoint (its one bound when open), in percent of it."""
    figures = sorted(figures, key=lambda f: (f.company, f.metric_label, f.group, _when(f), f.source, f.start))
    out = []
    for _, group in groupby(figures, key=lambda f: (f.company, f.metric_label, f.group)):
        group = list(group)
        actual = reported(group)
        before = None  # the guidance of the last document that gave some
        for guide in (f for f in group if f.forecast and _before_the_end(f)):
            out.append(_row(guide, actual, before))
            if before is None or guide.document != before.document:
                before = guide
    return result(COLUMNS, out)


def _when(figure: Figure) -> tuple:
    return (figure.as_of is None, figure.as_of or 0)


def _before_the_end(figure: Figure) -> bool:
    return figure.as_of is None or figure.period_end is None or figure.as_of < figure.period_end


def reported(group: list[Figure]) -> Figure | None:
    """The result reported of figures that share subject, metric, period and unit: a single value no forecast
    states, from the first document written when the period had ended (a headline figure first, then the first in
    the text); None when there is none."""
    reports = [f for f in group if not f.forecast and f.minimum is None and f.maximum is None
               and (f.as_of is None or f.period_end is None or f.as_of >= f.period_end)]
    return min(reports, key=lambda f: (_when(f), not f.headline, f.source, f.start), default=None)


def guided_range(figure: Figure) -> tuple[float | None, float | None]:
    """The lowest and highest value the guidance allows (None: no bound that side)."""
    if figure.minimum is not None or figure.maximum is not None:
        return figure.minimum, figure.maximum
    return figure.value - figure.step / 2, figure.value + figure.step / 2


def outcome(figure: Figure, actual: float) -> tuple[str, float]:
    low, high = guided_range(figure)
    if high is not None and actual > high:
        verdict = "beat"
    elif low is not None and actual < low:
        verdict = "missed"
    else:
        verdict = "in range"
    middle = (low + high) / 2 if low is not None and high is not None else (low if low is not None else high)
    deviation = round(100 * (actual - middle) / abs(middle), 1) if middle else None
    return verdict, deviation


def _revision(guide: Figure, before: Figure | None) -> str | None:
    if before is None or before.document == guide.document:
        return None
    now, then = _middle(guide), _middle(before)
    return "reaffirmed" if abs(now - then) <= max(guide.step, before.step) / 2 else "raised" if now > then else "lowered"


def _middle(figure: Figure) -> float:
    low, high = guided_range(figure)
    return (low + high) / 2 if low is not None and high is not None else figure.value


def _row(guide: Figure, actual: Figure | None, before: Figure | None) -> dict:
    stated = guide.minimum is not None or guide.maximum is not None
    row = {"company": guide.company, "metric": guide.metric_label, "period": guide.period_label,
           "guided_min": guide.minimum if stated else guide.value, "guided_max": guide.maximum if stated else guide.value,
           "unit": guide.unit, "guidance_text": guide.text, "guidance_source": guide.source,
           "guidance_start": guide.start, "revision": _revision(guide, before)}
    if actual is not None:
        row["outcome"], row["deviation"] = outcome(guide, actual.value)
        row.update(actual=actual.value, actual_text=actual.text, actual_source=actual.source,
                   actual_start=actual.start)
    return row
