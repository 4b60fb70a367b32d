"""The rules of kg.analysis on figures made by hand: which result is paired with a guidance, and which figures of
two documents are compared (the stores' part is tests/test_comparisons.py)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kg.analysis import agreement, guidance
from kg.analysis.figures import Figure, Words

Q2_END, Q1_END = date(2025, 6, 30), date(2025, 3, 31)
GUIDANCE = Figure(
    iri="g", subject="zentara", company="Zentara", metric="revenue", metric_label="revenue", period="q2",
    period_label="Q2 2025", period_end=Q2_END, value=4.5e9, minimum=None, maximum=None, unit="USD",
    text="$4.5 billion", source="q1-call.txt", start=10, document="q1", as_of=Q1_END, forecast=True, headline=True,
    metric_words="revenue", call_company="zentara", change=False)
RESULT = replace(GUIDANCE, iri="r", value=4.8e9, text="$4.8 billion", source="q2-call.txt", document="q2",
                 as_of=Q2_END, forecast=False)

RESULT_CASES = [
    # what differs from a guidance of $4.5 billion and a result of $4.8 billion, the result paired (its text) or not
    ("nothing", {}, {}, "$4.8 billion"),
    ("the result is a segment's, said in its own words", {}, {"headline": False, "metric_words": "cloud revenue"},
     None),
    ("both in the segment's words", {"headline": False, "metric_words": "cloud revenue"},
     {"headline": False, "metric_words": "cloud revenue"}, "$4.8 billion"),
    ("the guidance says more than the metric's name", {"headline": False, "metric_words": "total revenue sequential"},
     {}, "$4.8 billion"),
    ("the result is more than a quarter off the guidance", {}, {"value": 5.7e9, "text": "$5.7 billion"}, None),
    ("the result is a quarter off the guidance", {}, {"value": 5.6e9, "text": "$5.6 billion"}, "$5.6 billion"),
    ("the result has the other sign", {}, {"value": -4.8e9, "text": "a loss of $4.8 billion"}, None),
    ("the guidance is a change", {"unit": "percent", "value": 10.0, "text": "10%", "change": True},
     {"unit": "percent", "value": 12.0, "text": "12%", "change": True}, None),
    ("the result is restated a year later", {}, {"as_of": date(2026, 6, 30)}, None),
    ("the result is another company's call", {}, {"call_company": "nimbus"}, None),
    ("the result is in the guidance's own document", {}, {"document": "q1", "as_of": Q2_END}, None),
    ("a forecast states the result", {}, {"forecast": True}, None),
    ("the metric is unspecific", {"unspecific": True}, {"unspecific": True}, None),
    ("the subject is not the company whose calls they are", {"subject": "gaap"}, {"subject": "gaap"}, None),
    ("the guidance is a range over twice its low end", {"minimum": 2e9, "maximum": 5e9}, {}, None),
    ("the result was said in an analyst's question", {}, {"asked": True}, None),
    ("the guidance names a part of the company", {"headline": False, "metric_words": "licensing revenue",
                                                  "part": True}, {}, None),
    ("the result is said on another basis", {"basis": "gaap"}, {"basis": "adjusted"}, None),
    ("the result says a basis, the guidance none", {}, {"basis": "adjusted"}, "$4.8 billion"),
    ("the guidance leaves something out and says no basis",
     {"headline": False, "metric_words": "total revenue excluding float", "excludes": True}, {}, None),
    ("both leave the same out", {"headline": False, "metric_words": "total revenue excluding float", "excludes": True},
     {"headline": False, "metric_words": "total revenue excluding float", "excludes": True}, "$4.8 billion"),
    ("adjusted guidance leaves one-time items out", {"headline": False, "basis": "adjusted", "excludes": True,
                                                     "metric_words": "adjusted revenue excluding one-time charges"},
     {}, "$4.8 billion"),
]


@pytest.mark.parametrize("case, guided, reported, actual_text", RESULT_CASES, ids=[c[0] for c in RESULT_CASES])
def test_the_result_paired_with_a_guidance(case, guided, reported, actual_text):
    row = guidance.pairs([replace(GUIDANCE, **guided), replace(RESULT, **reported)]).dicts()
    assert [str(r["actual_text"]) if r.get("actual_text") else None for r in row] == [actual_text]


GAAP, ADJUSTED = guidance.GAAP_BASIS, "adjusted"


@pytest.mark.parametrize("guided_basis, first, second, actual_text", [
    # the basis the guidance says, the bases of two results of one document in text order -> the result paired
    (None, GAAP, ADJUSTED, "$4.7 billion"),  # guidance that says none is on the adjusted basis, not GAAP
    (None, GAAP, None, "$4.7 billion"),
    (None, ADJUSTED, None, "$4.6 billion"),  # else the first
    (None, None, ADJUSTED, "$4.6 billion"),
    (ADJUSTED, None, ADJUSTED, "$4.7 billion"),  # one on the guidance's basis comes before one that says none
    (ADJUSTED, None, None, "$4.6 billion"),  # a result that says no basis may be on the guidance's
    (ADJUSTED, GAAP, ADJUSTED, "$4.7 billion"),  # one on another basis is none of its
])
def test_the_result_on_the_guidance_basis_is_paired_first(guided_basis, first, second, actual_text):
    results = [replace(RESULT, iri="r1", value=4.6e9, text="$4.6 billion", basis=first, headline=False),
               replace(RESULT, iri="r2", value=4.7e9, text="$4.7 billion", basis=second, start=90, headline=False)]
    [row] = guidance.pairs([replace(GUIDANCE, basis=guided_basis), *results]).dicts()
    assert str(row["actual_text"]) == actual_text


@pytest.mark.parametrize("other_guidance, actual_texts", [
    # the document's other guidance of the metric -> the results paired with the guidance that says no basis,
    # of a plain result said first and an adjusted one after it
    (None, ["$4.6 billion"]),
    ({"period": "fy", "period_label": "2025", "basis": ADJUSTED}, ["$4.7 billion", None]),  # its basis, told
    ({"basis": ADJUSTED}, ["$4.6 billion", "$4.7 billion"]),  # the same period on a basis: the plain one is other
    ({"basis": ADJUSTED, "start": 4000}, ["$4.7 billion", "$4.7 billion"]),  # far from it: not set apart
    ({"basis": ADJUSTED, "value": 4.5e9, "text": "$4.5 billion"}, ["$4.7 billion"]),  # its own numbers restated
    ({"period": "fy", "period_label": "2025", "basis": GAAP}, ["$4.6 billion", None]),
])
def test_guidance_that_says_no_basis_takes_its_documents(other_guidance, actual_texts):
    results = [replace(RESULT, iri="r1", value=4.6e9, text="$4.6 billion", headline=False),
               replace(RESULT, iri="r2", value=4.7e9, text="$4.7 billion", basis=ADJUSTED, start=90, headline=False)]
    others = [] if other_guidance is None else [replace(GUIDANCE, **{"iri": "g2", "value": 4.65e9,
                                                                      "text": "$4.65 billion", "start": 40,
                                                                      **other_guidance})]
    rows = guidance.pairs([GUIDANCE, *others, *results]).dicts()
    assert sorted([str(r["actual_text"]) if r.get("actual_text") else None for r in rows], key=str) == \
        sorted(actual_texts, key=str)


def test_a_forecast_an_analyst_asks_about_is_no_guidance():
    assert guidance.pairs([replace(GUIDANCE, asked=True), RESULT]).rows == []


WORDS = Words(frozenset(), {"revenue": frozenset({"revenue", "sales", "total revenue"}),
                            "margin": frozenset({"margin"}), "ebitda": frozenset({"ebitda", "adjusted ebitda"})},
              ratios=frozenset(), changes=frozenset(),
              modifiers=frozenset({"total", "adjusted", "gaap", "fy", "expect"}),
              bases={"gaap": "gaap", "adjusted": "adjusted", "non-gaap": "adjusted"},
              other_amounts=frozenset({"synergies", "benefit", "authorization"}), per_unit=frozenset({"eps"}),
              exclusions=frozenset({"excluding", "exclusive of"}))


@pytest.mark.parametrize("metric, said, subject, part", [
    ("revenue", "revenue", "Zentara", False),
    ("revenue", "total revenue", "Zentara", False),
    ("revenue", "fy26 sales", "Zentara", False),  # a period's word
    ("revenue", "expect revenue", "Zentara", False),  # a cue
    ("revenue", "zentara revenue", "Zentara", False),  # the subject's name
    ("margin", "adjusted ebitda margin", "Zentara", False),  # another metric's words: a kind of margin
    ("revenue", "licensing revenue", "Zentara", True),
    ("revenue", "overseas sales growth", "Zentara", True),
    ("margin", "total-adjusted margin", "Zentara", False),  # a hyphenated modifier
])
def test_a_part_is_told_by_the_words_before_the_metric(metric, said, subject, part):
    assert WORDS.names_part(metric, said, subject) is part


@pytest.mark.parametrize("metric, said, headline", [
    ("revenue", "revenue", True),
    ("revenue", "total revenue", True),  # the metric's words after modifiers alone: as a headline figure is said
    ("revenue", "adjusted total revenue", True),
    ("margin", "adjusted ebitda margin", True),
    ("revenue", "licensing revenue", False),  # a part's
    ("revenue", "revenue year over year", False),  # more words after the metric's
    ("revenue", "total revenue synergies", False),
])
def test_a_headline_figure_is_said_in_the_metric_words_after_modifiers(metric, said, headline):
    assert WORDS.says_label(metric, said, "Zentara") is headline


@pytest.mark.parametrize("metric, said, other", [
    ("revenue", "revenue synergies", True),  # a noun after the metric's words names another amount
    ("ebitda", "adjusted ebitda benefit", True),
    ("revenue", "total revenue", False),
    ("revenue", "synergies revenue", False),  # (before them: `names_part` tells)
])
def test_a_noun_after_the_metric_words_names_another_amount(metric, said, other):
    assert WORDS.names_another_amount(metric, said) is other


@pytest.mark.parametrize("metric, unit, value, per_unit", [
    ("revenue", "USD", 3.15, True),  # "$393 million, or $3.15 per diluted share" under revenue: a per-share amount
    ("revenue", "EUR", 4.95, True),
    ("revenue", "USD", 393e6, False),
    ("eps", "USD", 3.15, False),  # a metric per share
    ("revenue", "percent", 12.0, False),
    ("revenue", "users", 300.0, False),
])
def test_a_small_amount_of_money_is_per_share_unless_its_metric_is(metric, unit, value, per_unit):
    assert WORDS.is_per_unit_amount(metric, unit, value) is per_unit


@pytest.mark.parametrize("said, basis", [
    ("revenue", None), ("gaap eps", "gaap"), ("non-gaap operating margin", "adjusted"), ("adjusted ebitda", "adjusted"),
])
def test_the_basis_of_a_figure(said, basis):
    assert WORDS.basis(said) == basis


@pytest.mark.parametrize("said, excludes", [
    ("revenue excluding float", True), ("margin exclusive of the charge", True), ("revenue", False),
    ("excludingrevenue", False),
])
def test_words_that_leave_something_out(said, excludes):
    assert WORDS.excludes(said) is excludes


def test_a_beat_is_reported_with_its_deviation():
    [row] = guidance.pairs([GUIDANCE, RESULT]).dicts()
    assert (str(row["outcome"]), float(row["deviation"])) == ("beat", pytest.approx(6.7, abs=0.05))


def test_two_calls_of_different_companies_are_not_compared():
    said = replace(GUIDANCE, forecast=False, as_of=Q2_END, source="q2-call.txt", document="q2")
    other = replace(said, source="other-call.txt", document="other", call_company="nimbus")
    assert agreement.pairs([said, other]).rows == []
    assert [str(r["verdict"]) for r in agreement.pairs([said, replace(other, call_company=None)]).dicts()] == ["agree"]


@pytest.mark.parametrize("a, b, verdict", [
    # (text, value, minimum, maximum) of each figure
    (("$48.39 billion", 48.39e9, None, None), ("$48.4 billion", 48.4e9, None, None), "agree"),
    (("$48.39 billion", 48.39e9, None, None), ("$46.10 billion", 46.1e9, None, None), "disagree"),
    (("$7 to $7.20", 7.1, 7.0, 7.2), ("$7.17 to $7.27", 7.22, 7.17, 7.27), "disagree"),  # the finest number's step
    (("82% to 83%", 82.5, 82.0, 83.0), ("82 to 83%", 82.5, 82.0, 83.0), "agree"),
    (("19 to 19.5%", 19.25, 19.0, 19.5), ("19% to 20%", 19.5, 19.0, 20.0), "disagree"),  # ranges: their numbers
    (("$3.5 billion", 3.5e9, None, None), ("$3 billion", 3e9, None, None), "disagree"),  # 3.5 rounds to 4
    (("$48.35 billion", 48.35e9, None, None), ("$48.4 billion", 48.4e9, None, None), "agree"),  # rounds half up
    (("$48.45 billion", 48.45e9, None, None), ("$48.4 billion", 48.4e9, None, None), "disagree"),
    (("$1 billion", 1e9, None, None), ("$750 million", 750e6, None, None), "disagree"),  # rounds, but 25% off
    (("$1 billion", 1e9, None, None), ("$960 million", 960e6, None, None), "agree"),
])
def test_figures_agree_to_the_precision_either_states(a, b, verdict):
    said = replace(GUIDANCE, forecast=False, as_of=Q2_END, source="q2-call.txt", document="q2")
    first = replace(said, text=a[0], value=a[1], minimum=a[2], maximum=a[3])
    second = replace(said, text=b[0], value=b[1], minimum=b[2], maximum=b[3], source="recap.txt", document="recap",
                     call_company=None)
    assert [str(r["verdict"]) for r in agreement.pairs([first, second]).dicts()] == [verdict]


SAID = replace(GUIDANCE, forecast=False, as_of=Q2_END, source="q2-call.txt", document="q2")


@pytest.mark.parametrize("case, a, b, verdicts", [
    # what differs from the same figure said in two calls of the company after the period: the verdicts listed
    ("nothing", {}, {}, ["agree"]),
    ("one is a forecast the other reports", {"forecast": True}, {}, []),
    ("one was said before the period ended", {"as_of": Q1_END}, {}, []),
    ("both were said before the period ended, in one quarter", {"as_of": Q1_END}, {"as_of": Q1_END}, ["agree"]),
    ("both were said before the period ended, in two quarters", {"as_of": Q1_END}, {"as_of": date(2025, 4, 30)},
     []),
    ("the metric is unspecific", {"unspecific": True}, {"unspecific": True}, []),
    ("the subject is not the company whose calls they are", {"subject": "gaap"}, {"subject": "gaap"}, []),
    ("both are transcripts of one call", {"call": "call-q2", "transcript": True},
     {"call": "call-q2", "transcript": True}, []),
    ("one is an article on the call", {"call": "call-q2", "transcript": True}, {"call": "call-q2"}, ["agree"]),
    ("both are transcripts, of two calls", {"call": "call-q2", "transcript": True},
     {"call": "call-q3", "transcript": True}, ["agree"]),
    ("both are forecasts of one time, in numbers close but not equal",
     {"as_of": Q1_END, "value": 24.0, "text": "24%", "unit": "percent"},
     {"as_of": Q1_END, "value": 23.5, "text": "23.5%", "unit": "percent"}, ["disagree"]),
    ("both are reports, one rounded", {"value": 24.0, "text": "24%", "unit": "percent"},
     {"value": 23.5, "text": "23.5%", "unit": "percent"}, ["agree"]),
    ("both name a part of the company", {"part": True}, {"part": True}, []),
    ("they are said on two bases", {"basis": "gaap"}, {"basis": "adjusted"}, []),
    ("one was said in an analyst's question", {"asked": True}, {}, []),
])
def test_which_figures_of_two_documents_are_compared(case, a, b, verdicts):
    other = replace(SAID, source="q3-call.txt", document="q3", as_of=date(2025, 9, 30))
    rows = agreement.pairs([replace(SAID, **a), replace(other, **b)]).dicts()
    assert [str(r["verdict"]) for r in rows] == verdicts


def test_changes_are_not_compared_across_documents():
    said = replace(GUIDANCE, forecast=False, as_of=Q2_END, source="q2-call.txt", document="q2", unit="percent",
                   value=2.0, text="2%", change=True)
    assert agreement.pairs([said, replace(said, source="recap.txt", document="recap")]).rows == []


@pytest.mark.parametrize("metric, unit, said, unspecific", [
    ("cost", "USD", "", True), ("capex", "USD", "", False), ("ebitda", "times", "", True),
    ("leverage-ratio", "times", "", False),
    ("share-price", "USD", "stock", True), ("share-price", "USD", "stock price", False),  # loose words alone
    ("cash", "USD", "cash", True), ("cash", "USD", "cash and equivalents", False),  # the label, when loose
    ("debt", "USD", "debt", True), ("debt", "USD", "net debt", False),
])
def test_an_unspecific_figure_is_told(metric, unit, said, unspecific):
    words = Words(frozenset(), {}, ratios=frozenset({"leverage-ratio"}), changes=frozenset(),
                  unspecific=frozenset({"cost"}), loose=frozenset({"stock", "units", "cash", "debt"}))
    assert words.is_unspecific(metric, unit, said) is unspecific


@pytest.mark.parametrize("metric, unit, direction, change", [
    ("revenue", "USD", None, False), ("net-income", "USD", "up", True), ("debt", "USD", "down", True),
])
def test_an_amount_said_with_a_direction_is_a_change(metric, unit, direction, change):
    words = Words(frozenset(), {}, ratios=frozenset(), changes=frozenset())
    assert words.is_change(metric, unit, direction) is change


@pytest.mark.parametrize("metric, unit, change", [
    ("revenue", "USD", False), ("revenue", "percent", True), ("revenue-growth", "percent", True),
    ("gross-margin", "percent", False), ("gross-margin", "basis points", True), ("gross-margin", "points", True),
])
def test_a_change_is_told_from_a_level(metric, unit, change):
    words = Words(frozenset(), {}, ratios=frozenset({"gross-margin"}), changes=frozenset({"revenue-growth"}))
    assert words.is_change(metric, unit) is change


UNDATED = replace(SAID, period_label="Q2 FY2025", period_end=None, as_of=None, call_period="Q2 FY2025")


@pytest.mark.parametrize("case, a, b, verdicts", [
    # two undated calls (a fiscal calendar the graph has no dates of): their calls' periods tell what looks ahead
    ("both report the quarter", {}, {"source": "q3-call.txt", "document": "q3", "call_period": "Q3 FY2025"},
     ["agree"]),
    ("the first was said in the call before the quarter's", {"call_period": "Q1 FY2025"},
     {"source": "q3-call.txt", "document": "q3", "call_period": "Q3 FY2025"}, []),
    ("both were said before the quarter, in calls of other periods", {"call_period": "Q1 FY2025"},
     {"source": "q4-call.txt", "document": "q4", "call_period": "Q4 FY2024"}, ["agree"]),
])
def test_the_calls_of_an_undated_calendar_tell_what_looks_ahead(case, a, b, verdicts):
    rows = agreement.pairs([replace(UNDATED, **a), replace(UNDATED, **b)]).dicts()
    assert [str(r["verdict"]) for r in rows] == verdicts


@pytest.mark.parametrize("call_period, listed", [("Q1 FY2025", True), ("Q2 FY2025", False), ("Q3 FY2025", False),
                                                 (None, True)])
def test_guidance_of_an_undated_call_is_for_a_later_period(call_period, listed):
    guide = replace(UNDATED, forecast=True, call_period=call_period)
    assert len(guidance.pairs([guide]).rows) == int(listed)
