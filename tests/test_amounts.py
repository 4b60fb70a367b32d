"""Amounts: the text of a number and its unit -> value, range, unit (parametrized table)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.amounts import _amount_matches, find_amounts, number_words

CASES = [
    # text, (value, min, max, unit, bound)
    ("spending of $60-65 billion next year", (60e9, 60e9, 65e9, "USD", None)),
    ("between $114 billion and $119 billion", (114e9, 114e9, 119e9, "USD", None)),
    ("between roughly $2.1 and $2.15 billion", (2.1e9, 2.1e9, 2.15e9, "USD", "about")),  # an estimate word after it
    ("an EPS range of $5.10 up to $5.40", (5.1, 5.1, 5.4, "USD", None)),  # "up to" joins a range
    ("EPS of $2.15 per share to $2.35 per share", (2.15, 2.15, 2.35, "USD", None)),  # each end per share
    ("revenue of $4.17 billion dollars to $4.53 billion", (4.17e9, 4.17e9, 4.53e9, "USD", None)),  # a currency word
    ("revenue of $48.39 billion", (48.39e9, None, None, "USD", None)),
    ("a $65B budget", (65e9, None, None, "USD", None)),
    ("up 21% on the year", (21, None, None, "percent", None)),
    ("margins of 60.5 percent", (60.5, None, None, "percent", None)),
    ("one billion users by the end of the year", (1e9, None, None, "users", None)),
    ("3.35 billion daily active users", (3.35e9, None, None, "users", None)),
    ("about 6 million in training costs", (6e6, None, None, "USD", "about")),
    ("the 100 million-plus price tag", (100e6, 100e6, None, "USD", "at least")),
    ("over $30 billion in the quarter", (30e9, 30e9, None, "USD", "at least")),
    ("EPS greater than $6.80 for the year", (6.8, 6.8, None, "USD", "at least")),
    ("a minimum of $2 billion of buybacks", (2e9, 2e9, None, "USD", "at least")),
    ("orders exceeded $800 million in the quarter", (800e6, 800e6, None, "USD", "at least")),
    ("a tax rate at or below 15%", (15, None, 15, "percent", "at most")),
    ("a fine of €2.4 billion", (2.4e9, None, None, "EUR", None)),
    ("1,250 employees", (1250, None, None, "employees", None)),
    ("margin fell 150 basis points", (150, None, None, "basis points", None)),
    ("gross margin expanded 2 points", (2, None, None, "points", None)),
    ("sales of 20 million dollars", (20e6, None, None, "USD", None)),
    # a sign word keeps the amount's sign; a range in percent is one range; a ratio of counts is a share
    ("OI&E of around negative $25 million", (-25e6, None, None, "USD", "about")),
    ("comps of minus 2%", (-2, None, None, "percent", None)),
    ("gross margin between 46% and 47%", (46, 46, 47, "percent", None)),
    ("one out of every 3 units sold", (100 / 3, None, None, "percent", None)),
    ("1 in 4 households", (25, None, None, "percent", None)),
    ("inventory turns of 4.3 times", (4.3, None, None, "times", None)),
    ("Twenty-five percent of sales", (25, None, None, "percent", None)),  # one number, not a range
    ("twenty-five million users", (25e6, None, None, "users", None)),
    ("a 10x larger model", (10, None, None, "times", None)),
    # a tolerance after an amount makes it a range around it: in percent of it, in points, in its own unit
    ("sales of $8 billion, plus or minus 3% next quarter", (8e9, 7.76e9, 8.24e9, "USD", None)),
    ("a margin of 62%, plus or minus 50 basis points", (62, 61.5, 62.5, "percent", None)),
    ("roughly $3 billion give or take $0.5 billion", (3e9, 2.5e9, 3.5e9, "USD", "about")),
    ("EPS of $1.50, plus or minus 10 cents", (1.5, 1.4, 1.6, "USD", None)),  # a tolerance in cents
    # a first end in bare digits before dollars and cents is cents, as speech to text writes them
    ("EPS between 245 and $2.55 a share", (2.45, 2.45, 2.55, "USD", None)),
    ("adjusted EPS of between 98 and $1.04", (0.98, 0.98, 1.04, "USD", None)),
    ("EPS between 2 and $2.50 a share", (2, 2, 2.5, "USD", None)),  # whole dollars: no cents
    # whole dollars and cents in words, as speech to text writes $28.40: one amount, not a range
    ("EPS of at least $28 and 40 cents for the year", (28.4, 28.4, None, "USD", "at least")),
    ("book value of $89 and 11 cents per share", (89.11, None, None, "USD", None)),
    # speech to text may close a range's first end with a full stop; a new sentence is not a range's end
    ("EPS of $7.10. to $7.40 for the year", (7.1, 7.1, 7.4, "USD", None)),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_amount(text, expected):
    amounts = find_amounts(text)
    assert len(amounts) == 1, amounts
    a = amounts[0]
    value, low, high, unit, bound = expected
    assert a.value == pytest.approx(value)
    assert a.minimum == (None if low is None else pytest.approx(low))
    assert a.maximum == (None if high is None else pytest.approx(high))
    assert (a.unit, a.bound) == (unit, bound)
    assert text[a.start:a.end] == a.text


@pytest.mark.parametrize("text", [
    "the Llama 4 model", "published 31 Jan 2025", "in 2025", "Q4 results", "about 14 weeks", "at 3:00 p.m.",
    "one of the best", "R1 and V3", "we raised prices three times", "x86 servers",
])
def test_not_an_amount(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text, values", [
    ("revenue grew from $10 billion to $12 billion", [10e9, 12e9]),
    ("margin rose from 10% to 12%", [10, 12]),
    ("revenue was up 21% to $48 billion", [21, 48e9]),  # a change and the amount it led to, not a range
    ("units grew 5% and 7%", [5, 7]),
    ("the rate fell 5.8% to 5% in the year", [5.8, 5]),  # a range runs upwards: from one amount to another
    ("a payout of $7 to $6 a share", [7, 6]),
    ("a payout of $7 and $6 a share", [7, 6]),
    ("sales were $7.10. To that we add $7.40 of fees", [7.1, 7.4]),  # a stop before a new sentence ends it
])
def test_two_amounts_that_are_not_a_range(text, values):
    assert [a.value for a in find_amounts(text)] == values


@pytest.mark.parametrize("text, bounds", [
    ("EPS is expected to range from $6.65 to $6.70", (6.65, 6.70)),
    ("net bookings ranging from $1.27 to $1.32 billion", (1.27e9, 1.32e9)),
    ("sales in the range from 4% to 6%", (4, 6)),
    ("EBITDA within the range of $550 and $570 million", (550e6, 570e6)),
    ("a tax rate in a range of 17% and 18%", (17, 18)),
])
def test_two_amounts_after_a_range_word_are_a_range(text, bounds):
    [amount] = find_amounts(text)
    assert (amount.minimum, amount.maximum) == pytest.approx(bounds)


@pytest.mark.parametrize("text, ranges", [
    # "from X to Y" right after a range is the range it replaces, not a move to Y
    ("EPS guidance is now $4.10 to $4.20 from $4.00 to $4.20 before", [(4.1, 4.2), (4.0, 4.2)]),
    ("we now expect $2.31 to $2.35 per share from $2.25 to $2.35 per share", [(2.31, 2.35), (2.25, 2.35)]),
    ("a margin of 8% to 9% from 7% to 8% earlier", [(8, 9), (7, 8)]),
    # after a single amount, or after words, it is still a move
    ("we now expect $4.15 from $4.00 to $4.20", [(None, None), (None, None), (None, None)]),
    ("margin moved from 7% to 8% and then from 8% to 9%", [(None, None)] * 4),
])
def test_a_range_replaced_by_another_is_a_range(text, ranges):
    assert [(a.minimum, a.maximum) for a in find_amounts(text)] == [pytest.approx(r) for r in ranges]


@pytest.mark.parametrize("text, ranges", [
    # a tolerance after 'respectively' is each listed amount's
    ("margins of 58.5% and 60%, respectively, plus or minus 50 basis points", [(58, 59), (59.5, 60.5)]),
    ("sales of $10 billion, $12 billion and $15 billion, respectively, plus or minus 10%",
     [(9e9, 11e9), (10.8e9, 13.2e9), (13.5e9, 16.5e9)]),
    # without 'respectively' it is the last amount's alone
    ("margins of 58.5% and 60%, plus or minus 50 basis points", [(None, None), (59.5, 60.5)]),
])
def test_a_tolerance_of_listed_amounts(text, ranges):
    assert [(a.minimum, a.maximum) for a in find_amounts(text)] == [
        (pytest.approx(lo) if lo is not None else None, pytest.approx(hi) if hi is not None else None)
        for lo, hi in ranges]


@pytest.mark.parametrize("text, expected", [
    # a percentage of a round ten after a position within it is a range in that ten -> its words, low and high end
    ("we see our tax rate in the mid 20% range next quarter", ("mid 20%", 23, 27)),
    ("a gross margin in the low 40% range", ("low 40%", 40, 43)),
    ("an operating margin in the mid-to-high 30% range", ("mid-to-high 30%", 33, 40)),
    ("renewal rates in the upper 80% range", ("upper 80%", 87, 90)),
    # not another number, nor a percentage said without such a word
    ("a tax rate in the mid 25% range", ("25%", None, None)),
    ("a tax rate of 20% for the year", ("20%", None, None)),
])
def test_a_position_within_a_ten_is_a_range(text, expected):
    [amount] = find_amounts(text)
    assert (amount.text, amount.minimum, amount.maximum) == expected


AMOUNT_ALPHABET = st.sampled_from(list("0123456789 .,-$€£%") + ["us$", "hk$", "one ", "Two", "seventeen", "billion",
                                                                 " million", "bn", "B ", "Q1", "x", "\n"])


@given(st.lists(AMOUNT_ALPHABET, max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_the_fast_scan_finds_what_the_pattern_finds(text):
    words = number_words()
    assert [m.span() for m in _amount_matches(text, words)] == [m.span() for m in words.amount.finditer(text)]
