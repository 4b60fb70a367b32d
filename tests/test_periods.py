"""Periods: expressions -> labels, resolved against the publication date or the reported quarter."""
from datetime import date

import pytest

from kg.extract.metadata import weekday_before
from kg.extract.periods import find_periods
from kg.model import Period

PUBLISHED = date(2025, 1, 31)
MSFT = "https://w3id.org/kg/id/entity/microsoft"

CASES = [
    ("fourth-quarter revenue", "Q4 2024"),
    ("in the second quarter of 2025", "Q2 2025"),
    ("Q4 2024 results", "Q4 2024"),
    ("2025 Q1", "Q1 2025"),
    ("spending for 2025", "2025"),
    ("fiscal 2026", "FY2026"),
    ("FY25", "FY2025"),
    ("first half of 2025", "H1 2025"),
    ("next year", "2026"),
    # the ways calls name their quarter and year
    ("the fourth quarter 2024 earnings call", "Q4 2024"),
    ("the 2025 first quarter earnings call", "Q1 2025"),
    ("the Fiscal Year 2024 Second Quarter call", "Q2 FY2024"),
    ("the Q3 Fiscal Year 2025 call", "Q3 FY2025"),
    ("our fourth quarter fiscal year 2024 results", "Q4 FY2024"),
    ("revenue for the year", "2025"),
    # a quarter's number in words after the word "quarter", as some speakers say it
    ("our quarter four 2023 sales", "Q4 2023"),
    ("sales in quarter one of fiscal 2025", "Q1 FY2025"),
    ("a tax rate of 21% in Q2 of 2024", "Q2 2024"),
    ("sales in Q3 of fiscal 2025", "Q3 FY2025"),
    # two digits followed by a decimal or a percent sign are an amount, not the year
    ("the third quarter of 17.4%", "Q3 2024"),
]


@pytest.mark.parametrize("text, label", CASES)
def test_period_label(text, label):
    periods = find_periods(text, None, PUBLISHED)
    assert [p.period.label for p in periods] == [label]


@pytest.mark.parametrize("text", ["Published 31 Jan 2025", "on January 31, 2025", "$2025 million", "2024-2025"])
def test_dates_and_numbers_are_not_periods(text):
    assert find_periods(text, None, PUBLISHED) == []


def test_relative_quarter_follows_the_reported_quarter():
    reported = Period(2025, quarter=3, fiscal=True)
    labels = [p.period.label for p in find_periods("this quarter and next quarter", reported, None)]
    assert labels == ["Q3 FY2025", "Q4 FY2025"]


@pytest.mark.parametrize("reported, text, label", [
    # a quarter named without its year is the one nearest the reported quarter (ties: the reported year)
    (Period(2024, quarter=4), "the first quarter", "Q1 2025"),
    (Period(2025, quarter=1), "the fourth quarter", "Q4 2024"),
    (Period(2025, quarter=2), "the fourth quarter", "Q4 2025"),
    # a quarter of last year, the same quarter last year
    (Period(2025, quarter=1), "the first quarter last year", "Q1 2024"),
    (Period(2025, quarter=2), "the same quarter last year", "Q2 2024"),
    (Period(2025, quarter=3, fiscal=True), "the prior year quarter", "Q3 FY2024"),
    (Period(2025, quarter=2), "the prior-year quarter", "Q2 2024"),
    (Period(2025, quarter=2), "the year-ago quarter", "Q2 2024"),
    (Period(2025, quarter=2), "the quarter a year ago", "Q2 2024"),
    (Period(2025, quarter=1), "the fourth quarter of last year", "Q4 2024"),
    (Period(2025, quarter=2), "sales in quarter one", "Q1 2025"),
    # a quarter named by its last month, on the reported period's fiscal calendar
    (Period(2025, quarter=3, fiscal=True, calendar=MSFT, year_end=9), "the September quarter", "Q4 FY2025"),
    (Period(2025, quarter=3, fiscal=True, calendar=MSFT, year_end=9), "the June quarter", "Q3 FY2025"),
    (Period(2025, quarter=3), "the September quarter", "Q3 2025"),
])
def test_a_quarter_relative_to_the_reported_one(reported, text, label):
    assert [p.period.label for p in find_periods(text, reported, None)] == [label]


def test_quarter_without_year_takes_the_reported_year():
    reported = Period(2026, quarter=1, fiscal=True)
    assert find_periods("the first quarter", reported, None)[0].period == Period(2026, quarter=1, fiscal=True)


@pytest.mark.parametrize("period, label, key, span", [
    (Period(2025, quarter=1, fiscal=True, calendar=MSFT, year_end=6), "Q1 FY2025", "microsoft/fy2025-Q1",
     (date(2024, 7, 1), date(2024, 9, 30))),
    (Period(2025, quarter=3, fiscal=True, calendar=MSFT, year_end=9), "Q3 FY2025", "microsoft/fy2025-Q3",
     (date(2025, 4, 1), date(2025, 6, 30))),
    (Period(2026, fiscal=True, calendar=MSFT, year_end=1), "FY2026", "microsoft/fy2026",
     (date(2025, 2, 1), date(2026, 1, 31))),
    (Period(2025, half=2, fiscal=True, calendar=MSFT, year_end=6), "H2 FY2025", "microsoft/fy2025-H2",
     (date(2025, 1, 1), date(2025, 6, 30))),
    (Period(2024, quarter=4), "Q4 2024", "2024-Q4", (date(2024, 10, 1), date(2024, 12, 31))),
    (Period(2025), "2025", "2025", (date(2025, 1, 1), date(2025, 12, 31))),
    (Period(2025, quarter=1, fiscal=True), "Q1 FY2025", "fy2025-Q1", None),  # a fiscal year whose months are unknown
    (Period(None, quarter=2), "Q2", "unknown-Q2", None),
])
def test_a_period_on_a_calendar(period, label, key, span):
    assert (period.label, period.key, period.span()) == (label, key, span)


@pytest.mark.parametrize("weekday, day", [
    ("Friday", date(2025, 1, 31)),  # the day of publication itself
    ("Wednesday", date(2025, 1, 29)),
    ("saturday", date(2025, 1, 25)),  # a day after the publication's weekday is last week's
])
def test_a_weekday_is_the_last_one_on_or_before_publication(weekday, day):
    assert weekday_before(PUBLISHED, weekday) == day
