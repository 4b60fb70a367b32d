"""Guidance against results and sources that agree (kg.analysis), on invented calls and an article of one
invented company (tests/data/comparisons): exact rows on the embedded stores and on real SPARQL servers."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import analysis, queries
from kg.analysis.figures import words
from kg.cli import cli
from kg.ingest import ingest
from kg.listings import plain as _py
from kg.queries import Page
from kg.store import open_store
from kg.store.memory import MemoryStore
from test_backends import clear, open_backend

DOCUMENTS = Path(__file__).parent / "data" / "comparisons"
Q1, Q2, Q3, RECAP = "crvn-q1-2025-call.md", "crvn-q2-2025-call.md", "crvn-q3-2025-call.md", "crvn-q2-2025-recap.txt"
GUIDANCE_COLUMNS = ("company metric period guided_min guided_max unit guidance_text guidance_source guidance_start actual "
                    "actual_text actual_source actual_start outcome deviation revision")
# period, guided min and max, guidance text and source, actual text and source, outcome, deviation, revision
GUIDANCE = [
    ("Q2 2025", 4.41e9, 4.59e9, "$4.5 billion, plus or minus 2%", Q1, "$4.8 billion", Q2, "beat", 6.7, None),
    ("Q3 2025", 4.9e9, 4.9e9, "$4.9 billion", Q1, "$5.1 billion", Q3, "beat", 4.1, None),
    ("Q3 2025", 5.0e9, 5.2e9, "$5.0 billion and $5.2 billion", Q2, "$5.1 billion", Q3, "in range", 0.0, "raised"),
    ("Q4 2025", 5.3e9, None, "$5.3 billion", Q3, None, None, None, None, None),
]


def computed(store, name: str, **values) -> list[dict]:
    result = analysis.run(queries.load(name), store, values)
    return [{k: _py(v) for k, v in row.items()} for row in result.dicts()]


def guidance_rows(store, **values) -> list[tuple]:
    rows = computed(store, "guidance-vs-actual", **values)
    assert {(r["company"], r["metric"], r["unit"]) for r in rows} == {("Corvane Systems", "revenue", "USD")}
    return [(r["period"], r["guided_min"], r["guided_max"], r["guidance_text"], Path(r["guidance_source"]).name,
             r["actual_text"], r["actual_source"] and Path(r["actual_source"]).name, r["outcome"], r["deviation"],
             r["revision"]) for r in rows]


def agreement_rows(store, **values) -> list[tuple]:
    return [(r["subject"], r["metric"], r["period"], r["text_a"], Path(r["source_a"]).name, r["text_b"],
             Path(r["source_b"]).name, r["verdict"]) for r in computed(store, "agreement", **values)]


def ingested(store, folder: Path = DOCUMENTS):
    report = ingest(store, [str(p) for p in sorted(folder.iterdir())])
    assert not report.failed
    return store


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    """The documents ingested once per backend; the tests only read them."""
    folder = tmp_path_factory.mktemp("comparisons")
    store = MemoryStore() if request.param == "memory" else open_store(f"oxigraph:{folder / 'store'}")
    yield ingested(store)
    store.close()


def approx(rows):
    return [tuple(pytest.approx(v) if isinstance(v, float) else v for v in row) for row in rows]


def test_guidance_is_paired_with_the_result_later_reported(store):
    assert guidance_rows(store, company="Corvane") == approx(GUIDANCE)


def test_guidance_of_a_period(store):
    assert guidance_rows(store, company="Corvane", metric="revenue", period="Q3 2025") == approx(GUIDANCE[1:3])
    assert computed(store, "guidance-vs-actual", company="Corvane", metric="gross margin") == []


def test_a_page_of_guidance(store):
    result = analysis.run(queries.load("guidance-vs-actual"), store, {"company": "Corvane"}, Page(2, 1))
    assert [str(row[2]) for row in result.rows] == ["Q3 2025", "Q3 2025"] and result.more


def test_the_store_tells_which_metrics_are_unspecific(store):
    assert sorted(metric.rsplit("/", 1)[1] for metric in words(store).unspecific) == ["cost", "guidance", "spending"]


def test_an_article_and_the_call_it_reports_agree(store):
    assert agreement_rows(store, company="Corvane") == [
        ("Corvane Systems", "revenue", "Q2 2025", "$4.8 billion", Q2, "$4.81 billion", RECAP, "agree")]


def test_an_article_that_says_otherwise_disagrees(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    recap = folder / RECAP
    recap.write_text(recap.read_text(encoding="utf-8").replace("$4.81 billion", "$4.60 billion"), encoding="utf-8")
    assert agreement_rows(ingested(MemoryStore(), folder), company="Corvane", period="Q2") == [
        ("Corvane Systems", "revenue", "Q2 2025", "$4.8 billion", Q2, "$4.60 billion", RECAP, "disagree")]


def test_guidance_said_again_in_one_call_is_one_row(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    call = folder / Q2
    call.write_text(call.read_text(encoding="utf-8").replace(
        "Operator: That concludes", "Ivo Laine: Again, for the third quarter we expect revenue between $5.0 billion "
        "and $5.2 billion.\nOperator: That concludes"), encoding="utf-8")
    assert guidance_rows(ingested(MemoryStore(), folder), company="Corvane") == approx(GUIDANCE)


def guidance_of_calls(folder: Path, calls: list[tuple[str, str, str, str]]) -> list[dict]:
    """The guidance-vs-actual rows of Corvane's calls (file name, quarter, date, what its CFO says) written to
    `folder` and ingested."""
    for name, quarter, date, said in calls:
        (folder / name).write_text(
            f"# CRVN {quarter} Earnings Call Transcript\n\n**Date:** {date}\n**Company:** Corvane Systems\n"
            f"**Quarter:** {quarter}\n\n---\n\nIvo Laine: Thank you. {said}\nOperator: That concludes the call.\n",
            encoding="utf-8")
    return computed(ingested(MemoryStore(), folder), "guidance-vs-actual", company="Corvane")


def test_a_target_said_again_is_no_result(tmp_path):
    """The first call sets a target; the second says it was met, and no figure of its own: no result to pair."""
    rows = guidance_of_calls(tmp_path, [
        ("q1.md", "Q1 2025", "2025-04-24", "For the third quarter, we expect to reach our revenue target of "
                                            "$4.9 billion."),
        ("q3.md", "Q3 2025", "2025-10-23", "In the quarter we met our revenue target of $4.9 billion.")])
    assert [(r["metric"], r["period"], r["guidance_text"], r["actual"]) for r in rows] == [
        ("revenue", "Q3 2025", "$4.9 billion", None)]


def test_operating_eps_guidance_is_reported_as_operating_eps(tmp_path):
    """Guided operating earnings per share are paired with the operating result, not with the GAAP EPS said first."""
    rows = guidance_of_calls(tmp_path, [
        ("q1.md", "Q1 2025", "2025-04-24", "We expect 2025 operating earnings per share of $3.05 to $3.25."),
        ("q4.md", "Q4 2025", "2026-02-12", "For 2025, GAAP earnings were $2.71 per share and operating earnings "
                                            "were $3.22 per share.")])
    assert [(r["metric"], r["period"], r["guidance_text"], r["actual_text"], r["outcome"]) for r in rows] == [
        ("operating earnings per share", "2025", "$3.05 to $3.25", "$3.22", "in range")]


def test_adjusted_guidance_is_reported_by_the_adjusted_result(tmp_path):
    """Guidance on the adjusted basis is paired with the adjusted result, also when the result says what it leaves
    out and the plain (GAAP) figure comes first."""
    rows = guidance_of_calls(tmp_path, [
        ("q1.md", "Q1 2025", "2025-04-24", "We expect 2025 adjusted operating margin to be between 14.2% and "
                                            "14.4%."),
        ("q4.md", "Q4 2025", "2026-02-12", "Our operating margin for 2025 was 13.9%. Excluding acquired "
                                            "intangibles, our adjusted operating margin for 2025 was 14.3%.")])
    assert [(r["metric"], r["period"], r["guidance_text"], r["actual_text"], r["outcome"]) for r in rows] == [
        ("operating margin", "2025", "14.2% and 14.4%", "14.3%", "in range")]


def test_a_part_of_the_revenue_its_sentence_does_not_name_is_not_compared(tmp_path):
    """A product line's sales, said without its name in two calls, are far below the revenue the company reported
    for the quarter: a part's, neither listed as agreeing nor paired with the quarter's guidance. (A capacity of
    about a year's revenue, said under the quarter, is no quarter's total.)"""
    calls = [("q1.md", "Q1 2025", "2025-04-24", "For the second quarter, we expect revenue of $4.6 billion to "
                                                 "$4.9 billion."),
             ("q2.md", "Q2 2025", "2025-07-24", "Revenue was $4.8 billion in the second quarter. Our plants can "
                                                 "support $19 billion of revenue. The new sensor line grew fast, "
                                                 "with $60 million in sales in the second quarter."),
             ("q3.md", "Q3 2025", "2025-10-23", "Sales grew to $90 million in the third quarter, from $60 million "
                                                 "in the second quarter.")]
    rows = guidance_of_calls(tmp_path, calls)
    assert [(r["period"], r["guidance_text"], r["actual_text"]) for r in rows] == [
        ("Q2 2025", "$4.6 billion to $4.9 billion", "$4.8 billion")]
    assert agreement_rows(ingested(MemoryStore(), tmp_path), company="Corvane") == []


def test_the_cli_prints_the_public_keys(tmp_path):
    store = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["ingest", "--store", store, str(DOCUMENTS)]).exit_code == 0
    result = CliRunner().invoke(cli, ["query", "guidance-vs-actual", "--param", "company=Corvane", "--format", "json",
                                      "--store", store], catch_exceptions=False)
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [list(row) for row in rows] == [GUIDANCE_COLUMNS.split()] * 4
    assert [row["outcome"] for row in rows] == ["beat", "beat", "in range", None]
    result = CliRunner().invoke(cli, ["query", "agreement", "--param", "company=Corvane", "--format", "json",
                                      "--store", store], catch_exceptions=False)
    assert sorted(json.loads(result.output)[0]) == sorted(
        "subject metric period value_a text_a source_a start_a value_b text_b source_b start_b unit verdict".split())


@pytest.fixture(scope="module")
def agreement_in_memory() -> list[tuple]:
    return agreement_rows(ingested(MemoryStore()), company="Corvane")


@pytest.mark.parametrize("kind", ["oxigraph-server", "virtuoso"])
def test_the_same_rows_on_a_sparql_server(kind, request, tmp_path, agreement_in_memory):
    server = open_backend(kind, request, tmp_path)
    clear(server)
    try:
        ingested(server)
        assert guidance_rows(server, company="Corvane") == approx(GUIDANCE)
        assert agreement_rows(server, company="Corvane") == agreement_in_memory
    finally:
        clear(server)
        server.close()


def test_forecasts_of_an_undated_document_are_compared_too(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    (folder / "crvn-outlook.txt").write_text("Corvane Systems outlook\n\nCorvane Systems expects revenue of at least "
                                             "$5.3 billion in the fourth quarter of 2025.\n", encoding="utf-8")
    rows = agreement_rows(ingested(MemoryStore(), folder), company="Corvane", period="Q4")
    assert rows == []  # one forecast written when its call ended, the other undated: not documents of one time


def test_a_figure_an_analyst_asks_about_is_no_result(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    third = folder / Q3
    third.write_text(third.read_text(encoding="utf-8").replace(
        "Ivo Laine: Thank you. Revenue was $5.1 billion in the quarter. ", "Ivo Laine: Thank you. ").replace(
        "Operator: That concludes the call.",
        "Operator: Our first question comes from Mara Quist with Halden Securities.\n"
        "Mara Quist: Thanks. With revenue of $5.1 billion in the quarter, how do you think about pricing?\n"
        "Ivo Laine: We think pricing holds.\nOperator: That concludes the call."), encoding="utf-8")
    rows = guidance_rows(ingested(MemoryStore(), folder), company="Corvane", period="Q3")
    assert [(row[3], row[5]) for row in rows] == [("$4.9 billion", None), ("$5.0 billion and $5.2 billion", None)]


def test_a_figure_said_only_in_loose_words_is_not_compared(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    said = " In the second quarter of 2025, the company generated $3 billion of cash flow from its devices operations."
    for name in (Q2, RECAP):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(" in the quarter.", " in the quarter." + said) if name == Q2 else text + said,
                        encoding="utf-8")
    store = ingested(MemoryStore(), folder)
    assert [row[3] for row in agreement_rows(store, company="Corvane")] == ["$4.8 billion"]  # not "cash": no balance
