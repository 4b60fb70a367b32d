"""The `kg serve` query page in headless Chromium: offline, highlighted, runs the named queries, shows rows and
triples as text whatever the store holds, and draws a CONSTRUCT's graph as a view.

Chromium is launched as in test_browser.py, whose import skips these tests (or fails them under
KG_REQUIRE_BROWSER) when Playwright or Debian's chromium is missing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from kg import queries
from kg.serve.server import Server
from test_browser import sync_api
from test_serve import XSS, make_store

pytestmark = pytest.mark.browser

FINISHED = re.compile(r"in \d+\.\d\d s")
GRAPH_QUERY = ("CONSTRUCT { ?q a schema:Quotation ; schema:spokenByCharacter ?p ; schema:text ?t . "
               "?p a schema:Person ; schema:name ?n } "
               "WHERE { ?q schema:spokenByCharacter ?p ; schema:text ?t . ?p schema:name ?n }")


@dataclass
class Watched:
    """Everything the pages of a browser context asked for or complained about."""

    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with Server(make_store(tmp_path_factory.mktemp("page") / "store"), port=0, limit=50) as running:
        yield running


@pytest.fixture
def opened(browser, server):
    """The page, loaded, and what it and any page it opens asked for."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    watched = Watched()
    context.on("request", lambda request: watched.requests.append(request.url))
    context.on("page", watched.watch)
    page = context.new_page()
    page.goto(server.url + "/")
    page.wait_for_selector(".CodeMirror")
    yield page, watched
    context.close()


def set_query(page, text: str) -> None:
    page.evaluate("text => kgEditor.setValue(text)", text)


def run(page) -> str:
    page.click("#run")
    sync_api.expect(page.locator("#status")).to_contain_text(re.compile(f"{FINISHED.pattern}|error"))
    return page.inner_text("#status")


def off_the_server(watched: Watched, server) -> list[str]:
    return [url for url in watched.requests if not url.startswith(server.url + "/") and not url.startswith("data:")]


def test_the_page_loads_only_from_its_server_with_a_sparql_editor(opened, server):
    page, watched = opened
    keywords = page.locator(".CodeMirror .cm-keyword").all_inner_texts()
    assert {"CONSTRUCT", "WHERE", "LIMIT"} <= set(keywords)
    options = page.locator("#example option").all_inner_texts()
    assert options[1:] == queries.names()
    page.click("#prefixes summary")
    rows = page.locator("#prefix-rows tr").all_inner_texts()
    assert "schema:\thttps://schema.org/" in rows and "kg:\thttps://w3id.org/kg/ontology#" in rows
    assert "declared for every query that declares no prefix itself" in page.inner_text("#about")
    assert "Answers stop at 50 rows; a query may run 30 s." in page.inner_text("#about")
    assert off_the_server(watched, server) == [] and watched.errors == []


def test_a_named_query_runs_into_a_table_that_shows_hostile_text_as_text(opened):
    page, watched = opened
    page.select_option("#example", "quotes-by-person")
    assert "VALUES (?person_)" in page.evaluate("kgEditor.getValue()")
    assert "PREFIX" not in page.evaluate("kgEditor.getValue()")  # the server declares them
    assert "?person_: the speaker" in page.inner_text("#description")
    assert run(page).startswith("2 rows in ")
    cells = page.locator("#results td").all_inner_texts()
    assert "Jane Roe" in cells and XSS in cells
    assert page.locator("#results img, #results script").count() == 0
    assert page.evaluate("window.pwned") is None and watched.dialogs == []
    assert page.locator("#draw").is_hidden()
    assert watched.errors == []


def test_a_query_typed_and_run_with_ctrl_enter(opened):
    page, watched = opened
    page.click(".CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.type("SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name")
    page.keyboard.press("Control+Enter")
    sync_api.expect(page.locator("#status")).to_contain_text(FINISHED)
    assert page.locator("#results th").all_inner_texts() == ["#", "name"]
    assert page.locator("#results td:not(.number)").all_inner_texts() == ["Jane Roe", "John Doe"]
    assert watched.errors == []


def test_a_construct_shows_its_triples_and_draws_them_as_a_view(opened, server):
    page, watched = opened
    set_query(page, GRAPH_QUERY)
    assert run(page).startswith("10 triples in ")
    assert page.locator("#results th").all_inner_texts() == ["#", "subject", "predicate", "object"]
    cells = page.locator("#results td").all_inner_texts()
    assert XSS in cells and "schema:spokenByCharacter" in cells and "Jane Roe" in cells
    assert page.locator("#results img, #results script").count() == 0
    with page.expect_popup() as popup:
        page.click("#draw")
    view = popup.value
    view.wait_for_load_state()
    assert view.url.startswith(server.url + "/view?query=")
    sync_api.expect(view).to_have_title("kg: a query's graph")
    assert "Jane Roe" in view.content()
    assert view.evaluate("window.pwned") is None and page.evaluate("window.pwned") is None
    assert watched.dialogs == [] and watched.errors == []
    assert off_the_server(watched, server) == []


def test_an_answer_cut_at_the_limit_says_so(opened):
    page, _ = opened
    set_query(page, "SELECT * WHERE { ?s ?p ?o }")
    assert re.fullmatch(r"50 rows in \d+\.\d\d s \(cut at 50: add LIMIT or filters\)", run(page))
    assert page.locator("#results tbody tr").count() == 50


def test_an_error_is_shown_where_it_is_in_the_query_as_written(opened):
    page, watched = opened
    set_query(page, "SELECT ?s WHERE { ?s schema:name ?o")
    assert run(page) == "error 400"
    assert page.inner_text("#results pre.error").startswith("error at 1:36: ")
    assert watched.errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
