"""Guidance paired with results: each forecast figure for a period, given before the period ended, beside the figure
later reported for the same company, metric, period and unit, and the revision of the guidance before it."""
from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from kg.analysis.figures import Figure, result
from kg.rdf.namespaces import LEX

GAAP_BASIS = str(LEX["gaap-basis"])  # the basis of figures said by the accounting rules (lex:metric-bases)
ADJUSTED_BASIS = str(LEX["adjusted-basis"])  # the basis of figures that leave items out (non-GAAP)
CONTRAST_CHARS = 300  # guidance on a basis this near plain guidance of its metric and period sets the two apart
PLAUSIBLE_DEVIATION = 0.25  # a result more than this share off its guided middle is taken for another figure

COLUMNS = ["company", "metric", "period", "guided_min", "guided_max", "unit", "guidance_text", "guidance_source",
           "guidance_start", "actual", "actual_text", "actual_source", "actual_start", "outcome", "deviation",
           "revision"]


def pairs(figures: list[Figure]) -> "QueryResult":  # noqa: F821 (kg.store.base.QueryResult)
    """Rule: guidance is a figure a forecast states, in a document written before its period ended, not in an
    analyst's question (`Figure.asked`: the analyst's words, not the company's guidance); the actual is
    the result `reported` for it, when within PLAUSIBLE_DEVIATION of the guidance. A figure that is not
    `Figure.comparable` is not paired: a change ("revenue up 10%": the graph does not hold what it is measured
    against, sequential or year over year, organic or reported, and results over other bases abound), an
    unspecific metric's, a wide range's, another subject's than the company whose call it is. A guided range is
    its minimum and maximum; a point ("approximately $85 billion") covers what rounds to it at the precision it
    states; "at least" has no maximum. The outcome is `beat` above the range, `missed` below it, else `in
    range`; the deviation is the actual's distance from the range's midpoint (its one bound when open), in
    percent of it."""
    figures = sorted(_with_guided_bases(figures),
                     key=lambda f: (f.company, f.metric_label, f.group, _when(f), f.source, f.start))
    out = []
    for _, group in groupby(figures, key=lambda f: (f.company, f.metric_label, f.group)):
        group = list(group)
        before, first = None, None  # the first guidance of the last document before this one, and of this one
        said = set()
        for guide in (f for f in group if f.forecast and not f.asked and _before_the_end(f)):
            if first is None or guide.document != first.document:
                before, first = first, guide
            # Rule: the same guidance said again in one document (the remarks, then an answer) is one row
            if (guide.document, guided_range(guide)) in said:
                continue
            said.add((guide.document, guided_range(guide)))
            actual = reported(group, guide) if guide.comparable else None
            out.append(_row(guide, actual if actual and _plausible(guide, actual) else None, before))
    return result(COLUMNS, out)


def _with_guided_bases(figures: list[Figure]) -> list[Figure]:
    """Rule: guidance that says no basis, said beside guidance of the metric and period on a basis (within
    CONTRAST_CHARS), is on the other basis where its numbers differ ("operating margin of 13.5% and adjusted
    operating margin of 13.8%"; "EPS of $3.71 to $3.74. Excluding the 53rd week, we expect adjusted EPS of $3.61
    to $3.64": the plain one is GAAP); else it is on the one basis its document's guidance of the metric says
    ("full year adjusted EPS of $10.05 to $10.25 ... third quarter EPS between $2.45 and $2.55": adjusted,
    reported by the adjusted EPS, not by the GAAP EPS said first)."""
    bases: dict[tuple[str, str, str], set[str]] = {}
    based: dict[tuple[str, str, str, str], list[Figure]] = {}
    for figure in figures:
        if figure.forecast and figure.basis is not None:
            bases.setdefault((figure.document, figure.subject, figure.metric), set()).add(figure.basis)
            based.setdefault((figure.document, figure.subject, figure.metric, figure.period), []).append(figure)
    out = []
    for figure in figures:
        if figure.forecast and figure.basis is None:
            beside = {f.basis for f in based.get((figure.document, figure.subject, figure.metric, figure.period), [])
                      if abs(f.start - figure.start) <= CONTRAST_CHARS and guided_range(f) != guided_range(figure)}
            said = bases.get((figure.document, figure.subject, figure.metric), set())
            if len(beside) == 1:
                figure = replace(figure, basis=ADJUSTED_BASIS if GAAP_BASIS in beside else GAAP_BASIS)
            elif not beside and len(said) == 1:
                figure = replace(figure, basis=next(iter(said)))
        out.append(figure)
    return out


def _when(figure: Figure) -> tuple:
    return (figure.as_of is None, figure.as_of or 0)


def _before_the_end(figure: Figure) -> bool:
    """Whether the figure was said before its period ended (`Figure.said_before_the_end`; when nothing tells,
    it is taken to have been)."""
    return figure.said_before_the_end is not False


def reported(group: list[Figure], like: Figure | None = None) -> Figure | None:
    """The result reported of figures that share subject, metric, period and unit: a single value from the
    first document written within the REPORTING_WINDOW after the period ended (`Figure.reporting`; one no
    forecast states first, then a headline figure, then the first in the text: a period that has ended is
    reported, even in a sentence that looks forward too), reporting what `like` guided (`Figure.reports_like`)
    in another document when it is given, and then none a forecast states (the results call's outlook for the
    year that has ended is no result) and only a `Figure.comparable` one; never a target's value ("our 15%
    operating margin target": what the company aimed at, said again when the period is over); None when there
    is none.
    (Later documents restate a period's figure beside the next one's, often for a part of it.)"""
    reports = [f for f in group if f.minimum is None and f.maximum is None and f.reporting and not f.target
               and (like is None or f.document != like.document and f.reports_like(like) and not f.forecast
                    and f.comparable)]
    return min(reports, key=lambda f: (_when(f), f.forecast, _other_basis(f, like), not f.headline, f.source, f.start),
               default=None)


def _other_basis(figure: Figure, like: Figure | None) -> bool:
    """Rule: a result said on the guidance's own basis comes first. Where the guidance says one, a result that
    says none comes after ("adjusted operating margin of 13.8% to 13.9%" is reported as "adjusted operating
    margin was 13.8%" after "operating margin for the year was 13.5%"); where it says none, a result on the GAAP
    basis comes after the document's others (companies guide on the adjusted basis: "EPS of $1.85 to $1.90" is
    reported as "adjusted EPS of $1.89" beside "GAAP EPS of $1.92"). A result on another basis than the
    guidance's own is no result of it (`Figure.on_one_basis`)."""
    if like is None:
        return False
    return figure.basis == GAAP_BASIS if like.basis is None else figure.basis != like.basis


def _plausible(guide: Figure, actual: Figure) -> bool:
    """Whether the actual is within PLAUSIBLE_DEVIATION of the guidance's middle, with its sign (a company guides
    to what it expects to report: a result far off it is mostly a segment's, another period's or another
    basis's figure of the metric)."""
    middle = _middle(guide)
    return middle * actual.value > 0 and abs(actual.value / middle - 1) <= PLAUSIBLE_DEVIATION


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
