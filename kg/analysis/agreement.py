"""Sources that agree or disagree: figures of the same subject, metric, period and unit from two documents, each
paired with the one of the other document that is most likely the same fact, and judged at the precision either
states."""
from __future__ import annotations

from itertools import combinations, groupby

from kg.analysis.figures import Figure, result

AGREEING_DISTANCE = 0.1  # two values further apart than this share of the larger do not agree, however rounded

COLUMNS = ["subject", "metric", "period", "value_a", "text_a", "source_a", "start_a", "value_b", "text_b", "source_b",
           "start_b", "unit", "verdict"]


def pairs(figures: list[Figure]) -> "QueryResult":  # noqa: F821 (kg.store.base.QueryResult)
    """Rule: of two documents' figures that share subject, metric, period, unit and whether they look forward
    (`Figure.forward`: a forecast states them or they were said before their period ended; those: and when the
    documents were written), are said alike (`Figure.says_like`) and are `Figure.comparable` (no changes: "up
    2%" is said against a basis the graph does not hold; no unspecific metric's; in a call, the company's) and
    are not two transcripts of one call (`Figure.one_source`: a call the corpus holds twice agrees with
    itself), those that agree pair first, then headline figures, then the closest values, each figure once. A
    pair agrees when the finer value rounds to the coarser at the precision the coarser states ("$48.39
    billion" and "$48.4 billion"; not "$3.5 billion" and "$3 billion") and they lie within AGREEING_DISTANCE of
    each other (a number of one figure, "$1 billion", rounds all from $500 million up: "$750 million" is
    another amount, not the same one rounded); ranges and forecasts when their numbers are equal (a range or a
    forecast restated is restated in its own numbers: "19% to 20%" is not "19 to 19.5%", nor "approximately
    24%" "approximately 23.5%")."""
    # (forward figures only of documents written at one time, such as a call and an article on it: a later
    # forecast for the period is a revision, which guidance-vs-actual lists, and a result is no forecast's equal)
    key = lambda f: (f.company, f.metric_label, f.period_label, f.group, f.forward,  # noqa: E731
                     f.forward and str(f.as_of or ""))  # (a document may have no date)
    out = []
    for _, group in groupby(sorted(figures, key=lambda f: (*key(f), f.source, f.start)), key=key):
        by_document = {source: list(figures) for source, figures in groupby(group, key=lambda f: f.source)}
        for a_source, b_source in combinations(sorted(by_document), 2):
            out.extend(_row(a, b) for a, b in _matched(by_document[a_source], by_document[b_source]))
    return result(COLUMNS, out)


def _matched(a_figures: list[Figure], b_figures: list[Figure]) -> list[tuple[Figure, Figure]]:
    candidates = sorted((not agree(a, b), (not a.headline) + (not b.headline), _distance(a, b), a.start, b.start, i, j)
                        for i, a in enumerate(a_figures) for j, b in enumerate(b_figures)
                        if a.says_like(b) and a.comparable and b.comparable and not a.one_source(b))
    used_a, used_b, matched = set(), set(), []
    for *_, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            matched.append((a_figures[i], b_figures[j]))
    return sorted(matched, key=lambda pair: pair[0].start)


def _distance(a: Figure, b: Figure) -> float:
    scale = max(abs(a.value), abs(b.value)) or 1.0
    return abs(a.value - b.value) / scale


def agree(a: Figure, b: Figure) -> bool:
    tolerance = min(a.step, b.step) / 2 * (1 - 1e-9)  # the same number, at the finer precision
    if a.minimum is not None or b.minimum is not None or a.maximum is not None or b.maximum is not None:
        return all(x is None and y is None or x is not None and y is not None and abs(x - y) < tolerance
                   for x, y in ((a.minimum, b.minimum), (a.maximum, b.maximum)))
    if a.forward or b.forward:  # a forecast states a number, not a measure rounded: "24%" then "23.5%" is a revision
        return abs(a.value - b.value) < tolerance or a.value == b.value
    coarse, fine = (a, b) if a.step >= b.step else (b, a)
    if not coarse.step:  # words with no number ("a billion"): their values
        return coarse.value == fine.value
    half, slack = coarse.step / 2, coarse.step * 1e-9
    return coarse.value - half - slack <= fine.value < coarse.value + half - slack \
        and _distance(a, b) <= AGREEING_DISTANCE  # rounding half up


def _row(a: Figure, b: Figure) -> dict:
    return {"subject": a.company, "metric": a.metric_label, "period": a.period_label, "value_a": a.value,
            "text_a": a.text, "source_a": a.source, "start_a": a.start, "value_b": b.value, "text_b": b.text,
            "source_b": b.source, "start_b": b.start, "unit": a.unit, "verdict": "agree" if agree(a, b) else "disagree"}
