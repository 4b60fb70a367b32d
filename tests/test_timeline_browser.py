"""The timeline page in headless Chromium (as tests/test_browser.py: Debian chromium via Playwright): offline,
drawn, each point opening its source words, inert to hostile text."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import open_store
from kg.views import render_view
from test_browser import open_page  # noqa: F401 (a fixture; this module skips when Chromium is missing)
from test_timeline import PERIODS, store_path  # noqa: F401 (a fixture)
from test_views import XSS_IMG, XSS_SCRIPT

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def pages(store_path, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("timeline-pages")
    with open_store(f"oxigraph:{store_path}", read_only=True) as store:
        return {focus: render_view(store, folder / f"{focus}.html", view="timeline", focus=focus).path
                for focus in ("Corvane", "Ivo Laine")}


@pytest.mark.parametrize("focus", ["Corvane", "Ivo Laine"])
def test_page_requests_nothing_but_itself_and_logs_no_error(open_page, pages, focus):
    loaded = open_page(pages[focus])
    assert loaded.requests == [pages[focus].as_uri()]
    assert loaded.errors == []
    assert loaded.page.get_attribute("body", "data-ready") == "true"


def test_guidance_ranges_and_results_are_drawn_by_period(open_page, pages):
    page = open_page(pages["Corvane"]).page
    assert page.locator(".kg-lane").count() == 1
    assert page.locator("rect.kg-guidance").count() == 4 and page.locator("circle.kg-actual").count() == 4
    assert page.locator("rect.kg-guidance.kg-beat").count() == 2
    assert page.locator("rect.kg-guidance.kg-open").count() == 1
    assert page.locator(".kg-period").all_text_contents() == PERIODS


def test_clicking_a_range_opens_its_source_words(open_page, pages):
    page = open_page(pages["Corvane"]).page
    page.locator("rect.kg-guidance").first.click()
    words = "For the second quarter, we expect revenue of $4.5 billion, plus or minus 2%."
    assert page.inner_text("#kg-words") == words
    assert page.inner_text("#kg-words mark") == "$4.5 billion, plus or minus 2%"
    assert "crvn-q1-2025-call.md" in page.inner_text("#kg-fields")
    assert "beat (+6.7% from the guided midpoint)" in page.inner_text("#kg-fields")


def test_hostile_source_words_run_no_script(open_page, pages):
    loaded = open_page(pages["Corvane"])
    page = loaded.page
    page.locator("circle.kg-actual").last.click()  # Q3's result, in the edited sentence
    assert XSS_IMG in page.inner_text("#kg-words")
    page.locator("rect.kg-guidance").last.click()  # Q4's guidance, before the script
    assert XSS_SCRIPT in page.inner_text("#kg-words")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('img, #kg-side script').length") == 0
    assert loaded.dialogs == [] and loaded.errors == []


def test_claims_and_quotations_are_listed_in_time_order_and_open(open_page, pages):
    page = open_page(pages["Ivo Laine"]).page
    dates = page.locator("#kg-event-list li span:first-child").all_inner_texts()
    assert dates == sorted(dates) and len(dates) == 7
    page.locator("#kg-event-list li[data-kind=quote]").first.click()
    assert page.inner_text("#kg-words").startswith("Thank you. Revenue was $4.2 billion in the quarter.")
    assert "Speaker" in page.inner_text("#kg-fields")
