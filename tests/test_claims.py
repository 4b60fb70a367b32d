"""Which statements of an earnings call are claims, of which kind, in which words. Tables of invented call lines
(an invented company, Zentara, and an invented executive) -> the expected claim.
"""
import pytest

from kg import lexicon
from kg.documents import read_text
from kg.extract import extract
from kg.extract.claims import MAX_CALL_CLAIMS

HEADER = "Company: Zentara\nQuarter: Q2 2025\n\n"


def claims_of(*said: str) -> list[tuple[str, str]]:
    """The (text, kind label) of each claim of a call in which Ana Ruiz says `said`, one turn each."""
    x = extract(read_text(HEADER + "\n".join(f"Ana Ruiz: {line}" for line in said)))
    return [(c.text, lexicon.load().label(c.kind)) for c in x.claims]


KINDS = [
    # said by an executive -> the kind of its claim
    ("We will build three new warehouses in Ohio next year.", "plan"),
    ("We'll continue to invest in our delivery network.", "plan"),
    ("We're going to expand the loyalty program to Spain.", "plan"),
    ("I will hire a new head of research this summer.", "plan"),
    # 'will be able to' says what will be possible: a forecast
    ("We will be able to supply every order from local plants by 2027.", "forecast"),
    # a stance in the sentence, or a forecast verb before 'will', makes it no plan
    ("We believe we will gain share in every region.", "forecast"),
    ("We expect that we will open more stores than last year.", "forecast"),
    # what something else will do is a forecast
    ("The new plant will enter production next year.", "forecast"),
    ("Demand for our trucks is going to stay strong through the winter.", "forecast"),
]


@pytest.mark.parametrize("said, kind", KINDS)
def test_the_kind_of_a_call_claim(said, kind):
    assert [k for _, k in claims_of(said)] == [kind]


NO_CLAIM = [
    # thanks, however they are put
    "I want to start by thanking our store teams for a great spring.",
    "I want to thank our partners for their hard work this quarter.",
    # a result beside the noun of a forecast: reported, not forecast
    "Sales were $5 billion, in line with our forecast.",
    "Margin was 31%, a little above the forecast we gave in April.",
]


@pytest.mark.parametrize("said", NO_CLAIM)
def test_statements_that_are_no_claim(said):
    assert claims_of(said) == []


WORDS = [
    # said -> the words the claim starts with: the speaker's own 'I think that ...' is the whole sentence
    ("I think that demand for our boats will stay strong next year.", "I think that demand"),
    ("We expect that margins will improve in the second half.", "We expect that margins"),
    # "that's" is a pronoun and a verb, not a clause opener: no claim starting with "'s"
    ("I think that's where pricing will settle for the rest of the year.", "I think that's where"),
]


@pytest.mark.parametrize("said, starts", WORDS)
def test_the_words_of_a_call_claim(said, starts):
    texts = [text for text, _ in claims_of(said)]
    assert len(texts) == 1 and texts[0].startswith(starts), texts


def test_plans_that_insure_people_are_not_a_plan_of_the_speaker():
    """A plan word as a noun ('health plans that cover 40%') does not make a statement more claim-like: a call
    with more strong forecasts than it keeps drops that statement first."""
    noun = "Starting in June, our pill will be covered by health plans that insure 40% of patients."
    said = [noun] + [f"We expect product line {n} to keep growing next year." for n in range(MAX_CALL_CLAIMS)]
    texts = [text for text, _ in claims_of(" ".join(said))]
    assert len(texts) == MAX_CALL_CLAIMS and not any("health plans" in text for text in texts)


STATED = [
    # said -> figure -> the kind it is stated as (None: a result the sentence reports, not what it claims)
    ("Our stores delivered $3 billion in sales, and we expect them to grow next year.", "$3 billion", None),
    ("Revenue was $7 billion, and we expect revenue of $8 billion next year.", "$7 billion", None),
    ("Revenue was $7 billion, and we expect revenue of $8 billion next year.", "$8 billion", "guidance"),
    ("We expect gross margin to be between 40% and 41% next quarter.", "40% and 41%", "guidance"),
]


@pytest.mark.parametrize("said, figure_text, kind", STATED)
def test_a_figure_is_stated_by_a_claim_only_outside_a_reported_clause(said, figure_text, kind):
    x = extract(read_text(HEADER + f"Ana Ruiz: {said}"))
    found = {f.text: f.stated_as for f in x.figures}
    assert figure_text in found, sorted(found)
    assert (lexicon.load().label(found[figure_text]) if found[figure_text] else None) == kind
