"""The timeline view (kg.views.timeline) on a store of invented calls and an article (tests/data/comparisons), one
call edited to carry hostile text: what it reads, and the page in headless Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import ConfigError, NotFoundError
from kg.ingest import ingest
from kg.store import open_store
from kg.views import VIEWS, render_view
from kg.views.read import read_scene
from kg.views.timeline import read_timeline
from test_comparisons import DOCUMENTS, Q3
from test_views import XSS_IMG, XSS_SCRIPT

PERIODS = ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
# period, guidance, value, guided range (min, max), open-ended, outcome
POINTS = [
    ("Q1 2025", False, 4.2e9, None, None, False, None),
    ("Q2 2025", True, 4.5e9, 4.41e9, 4.59e9, False, "beat"),
    ("Q2 2025", False, 4.8e9, None, None, False, None),
    ("Q2 2025", False, 4.81e9, None, None, False, None),
    ("Q3 2025", True, 4.9e9, 4.85e9, 4.95e9, False, "beat"),  # "approximately $4.9 billion": what rounds to it
    ("Q3 2025", True, 5.0e9, 5.0e9, 5.2e9, False, "in range"),  # a range's value: its first end
    ("Q3 2025", False, 5.1e9, None, None, False, None),
    ("Q4 2025", True, 5.3e9, 5.3e9, None, True, None),  # "at least": no maximum, not yet reported
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    """The comparison documents, the third call's sentences carrying an image and a script."""
    folder = tmp_path_factory.mktemp("timeline")
    documents = folder / "documents"
    shutil.copytree(DOCUMENTS, documents)
    call = documents / Q3
    hostile = call.read_text(encoding="utf-8").replace("in the quarter.", f"in the quarter {XSS_IMG}.")
    call.write_text(hostile.replace("$5.3 billion.", f"$5.3 billion {XSS_SCRIPT}."), encoding="utf-8")
    path = str(folder / "store")
    with open_store(f"oxigraph:{path}") as store:
        assert not ingest(store, [str(p) for p in sorted(documents.iterdir())]).failed
    return path


@pytest.fixture
def store(store_path):
    with open_store(f"oxigraph:{store_path}", read_only=True) as opened:
        yield opened


def points(timeline) -> list[tuple]:
    return [(timeline.periods[p["period"]]["label"], p["guidance"], p["value"], p["min"], p["max"], p["open"],
             p["outcome"]) for lane in timeline.lanes for p in lane["points"]]


def approx(rows):
    return [tuple(pytest.approx(v) if isinstance(v, float) else v for v in row) for row in rows]


def test_a_company_s_figures_by_period_with_guidance_beside_results(store):
    timeline = read_timeline(store, "Corvane", 300)
    assert (timeline.focus, timeline.kind, timeline.omitted) == ("Corvane Systems", "organization", 0)
    assert [p["label"] for p in timeline.periods] == PERIODS
    assert [(lane["metric"], lane["unit"], lane["ticks"]) for lane in timeline.lanes] == [
        ("revenue", "USD", ["$4.2B", "$4.75B", "$5.3B"])]
    assert points(timeline) == approx(POINTS)


def test_each_point_carries_its_source_words(store):
    guided = read_timeline(store, "Corvane", 300).lanes[0]["points"][1]
    assert guided["anchor"] == "$4.5 billion, plus or minus 2%"
    assert guided["sentence"] == "For the second quarter, we expect revenue of $4.5 billion, plus or minus 2%."
    details = dict(guided["details"])
    assert details["Outcome"] == "beat (+6.7% from the guided midpoint)"
    assert details["Reported"] == f"$4.8 billion ({re.sub('q1', 'q2', details['Path'])})"
    assert Path(details["Path"]).name == "crvn-q1-2025-call.md" and details["Offsets"] == "369–399"


def test_claims_and_quotations_in_time_order(store):
    company = read_timeline(store, "Corvane", 300)  # claims about it, and those stating its figures
    assert [(e["kind"], e["date"], e["text"][:40]) for e in company.events] == [
        ("claim", "2025-04-24", "For the second quarter, we expect revenu"),
        ("claim", "2025-04-24", "For the third quarter, we expect revenue"),
        ("claim", "2025-07-24", "For the third quarter, we expect revenue"),
        ("claim", "2025-07-25", "revenue was $4.81 billion in the second "),
        ("claim", "2025-10-23", "For the fourth quarter, we expect revenu")]
    person = read_timeline(store, "Ivo Laine", 300)
    assert (person.kind, person.lanes, person.periods) == ("person", [], [])
    assert [(e["kind"], e["date"]) for e in person.events] == [
        ("claim", "2025-04-24"), ("claim", "2025-04-24"), ("quote", "2025-04-24"), ("claim", "2025-07-24"),
        ("quote", "2025-07-24"), ("claim", "2025-10-23"), ("quote", "2025-10-23")]


def test_at_most_limit_figures_the_latest(store):
    timeline = read_timeline(store, "Corvane", 3)
    assert points(timeline) == approx(POINTS[5:])
    assert [event["date"] for event in timeline.events] == ["2025-07-24", "2025-07-25", "2025-10-23"]
    assert timeline.omitted == 5 + 2


def test_the_timeline_needs_a_focus_that_names_something(store, tmp_path):
    with pytest.raises(ConfigError, match="--focus"):
        render_view(store, tmp_path / "t.html", view="timeline")
    with pytest.raises(NotFoundError, match="no entity named 'Nobody'"):
        render_view(store, tmp_path / "t.html", view="timeline", focus="Nobody")


def test_the_cli_writes_a_page_with_no_raw_hostile_text(store_path, tmp_path):
    out = tmp_path / "corvane.html"
    result = CliRunner().invoke(cli, ["viz", "--view", "timeline", "--focus", "Corvane", "--store", store_path,
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}: 13 points on a timeline: 8 figures in 1 chart, 5 claims and quotations\n"
    page = out.read_text(encoding="utf-8")
    assert XSS_IMG not in page and XSS_SCRIPT not in page and "window.__xss" in page
    assert "http://" not in page.split("<script>")[0].replace("http://www.w3.org", "")



def test_every_view_is_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for view in VIEWS:
        assert f"--view {view}" in readme or f"`{view}`" in readme, f"--view {view} is not in README.md"


def test_the_entity_view_lists_headline_figures_by_period(store):
    panels = {panel.title: panel for panel in read_scene(store, "entity", "Corvane", 2, 300).panels}
    headlines = panels["Headline figures by period"]
    assert (headlines.columns, headlines.rows) == (
        ("Period", "revenue"), [("Q3 2025", "$5.1 billion"), ("Q2 2025", "$4.8 billion"), ("Q1 2025", "$4.2 billion")])
    assert "Headline figures by period" not in {panel.title for panel in read_scene(store, "entity", "Ivo Laine", 2,
                                                                                       300).panels}


def test_the_cli_says_when_the_timeline_is_cut_to_the_limit(store_path, tmp_path):
    out = tmp_path / "corvane.html"
    result = CliRunner().invoke(cli, ["viz", "--view", "timeline", "--focus", "Corvane", "--limit", "3",
                                      "--store", store_path, "--out", str(out)], catch_exceptions=False)
    assert (result.exit_code, result.output) == (0, f"wrote {out}: 6 points on a timeline: 3 figures in 1 chart, "
                                                    "3 claims and quotations (showing 6 of at least 13 points)\n")
