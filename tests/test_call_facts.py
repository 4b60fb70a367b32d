"""Facts of earnings calls an analyst can trust: what a figure is about and measures, for which period, and which
statements are claims. Tables of invented call lines -> the expected fact.

The company is invented (Zentara) and not in the gazetteer, unless a test gives a gazetteer entry of its own.
"""
import pytest

from kg import lexicon
from kg.documents import read_text
from kg.extract import calls, extract
from kg.extract.claims import MAX_CALL_CLAIMS
from kg.extract.gazetteer import load_gazetteer
from kg.iris import entity_iri
from kg.model import Document, Entity

HEADER = "Company: Zentara\nQuarter: Q2 2025\n\n"
ZENTARA_SYSTEMS = """@prefix schema: <https://schema.org/> .
<https://w3id.org/kg/id/entity/zentara-systems> a schema:Organization ; schema:name "Zentara Systems" ;
    schema:tickerSymbol "ZNT" ."""
ZENTARA = """@prefix schema: <https://schema.org/> . @prefix kg: <https://w3id.org/kg/ontology#> .
<https://w3id.org/kg/id/entity/zentara> a schema:Organization ; schema:name "Zentara" ; kg:fiscalYearEnd %s ."""


def call(lines: list[tuple[str, str]], header: str = HEADER, gazetteer=None):
    return extract(read_text(header + "\n".join(f"{who}: {said}" for who, said in lines)), gazetteer)


def fiscal_gazetteer(tmp_path, year_end: int):
    path = tmp_path / "zentara.ttl"
    path.write_text(ZENTARA % year_end)
    return load_gazetteer((path,))


def figure(x, text: str):
    found = {f.text: f for f in x.figures}
    assert text in found, sorted(found)
    return found[text]


def name(x, iri):
    return x.entities[iri].name if iri in x.entities else None


def metric_shown(f) -> str | None:
    """What the figures listing shows: the words where they say more than the concept's label, else the label."""
    return f.metric_text or (lexicon.load().label(f.metric) if f.metric else None)


# ------------------------------------------------------------------------------------------------ subjects

SUBJECT_CASES = [
    # said by the CFO, figure texts, the subject of each
    ("Our Devices revenue was $4.2 billion, up 8% year over year.", ("$4.2 billion", "8%"), "Devices"),
    ("Wearables, Home and Accessories revenue was $7.4 billion.", ("$7.4 billion",), "Wearables, Home and Accessories"),
    ("Zentara Cloud revenue was $16 billion for the year.", ("$16 billion",), "Zentara Cloud"),
    ("Japan revenue grew 15% in constant currency.", ("15%",), "Japan"),
    ("Revenue was $9 billion. Moving to Europe, revenue increased 12%.", ("12%",), "Europe"),
    ("In the Orbital segment, revenue was $4.1 billion.", ("$4.1 billion",), "Orbital segment"),
    ("Total segment shipments fell 4%.", ("4%",), "Zentara"),  # a common word opening the sentence: no segment
    ("Adjusted segment margin was 21%.", ("21%",), "Zentara"),
    # a part's name, a modifier, then the metric; the name written capitalised inside a sentence too
    ("Orbix global sales grew 10% in the quarter, as Orbix keeps its lead.", ("10%",), "Orbix"),
    # a place after 'in' right after the amount is the region the figure measures
    ("Customer satisfaction was 97% in the U.S. and margins held.", ("97%",), "U.S."),
    # a customer's own figure is the customer's
    ("Nimbus Labs migrated more than 8,000 servers to our cloud.", ("8,000",), "Nimbus Labs"),
    # nothing narrower named: the company
    ("Total revenue was $9 billion, up 4%.", ("$9 billion", "4%"), "Zentara"),
    # capitals opening a sentence after 'In' name a part of the company, not a month
    ("In Orbital, we expect revenue of $2.1 billion next quarter.", ("$2.1 billion",), "Orbital"),
    ("In March, we opened a plant for $200 million.", ("$200 million",), "Zentara"),
    # a metric's own capitals name no part of the company
    ("We expect an adjusted EBITDA margin of about 27% next quarter.", ("27%",), "Zentara"),
    ("Our SG&A was $40 million and CapEx spending was $90 million.", ("$40 million", "$90 million"), "Zentara"),
    ("We expect AOI margins of approximately 37% next quarter.", ("37%",), "Zentara"),
    ("We expect sales of $4 billion, Pre-tax profit margin of 11% to 11.2%.", ("11% to 11.2%",), "Zentara"),
    # a segment named by no name the graph holds has the figure: no subject; a segment noun of the metric names none
    ("In our lodging segment, we expect operating income of $2.2 billion.", ("$2.2 billion",), None),
    ("The freight segment reported $610 million of operating income.", ("$610 million",), None),
    ("We reported total segment operating income of $3.4 billion.", ("$3.4 billion",), "Zentara"),
    ("Our adjusted segment margin was 18.5% in the quarter.", ("18.5%",), "Zentara"),
    ("Moving to the segments, lodging revenue grew 4.3%.", ("4.3%",), None),  # several segments: one of them
    ("Across the two segments, operating margin was 21% and 17%.", ("21%", "17%"), None),
    # a part noun after a word of the part's name ("our beer business") has the figure; "our business" is the whole
    ("We expect our beer business to deliver an operating margin of about 39%.", ("39%",), None),
    ("We expect our business to deliver an operating margin of about 39%.", ("39%",), "Zentara"),
    ("Our entire business delivered revenue of $3 billion.", ("$3 billion",), "Zentara"),
    # a topic shift to a part named by no name the graph holds moves the turn's figures after it to the part
    ("Moving on to the lodging segment. Revenue was $2 billion, up 5%.", ("$2 billion", "5%"), None),
    ("Turning to our freight business. Operating income was $600 million.", ("$600 million",), None),
    ("Turning to our lodging segment. Revenue was $2 billion. Turning to our outlook, we expect revenue of $9 "
     "billion next year.", ("$9 billion",), "Zentara"),
    ("Turning to our business. Revenue was $2 billion.", ("$2 billion",), "Zentara"),
    ("Moving to segment margin. We expect a gross margin of 40%.", ("40%",), "Zentara"),  # a metric's segment noun
    ("Turning to the lodging segment, we expect revenue of $2 billion. Our freight segment is expected to grow. "
     "For the year, we expect interest expense of $90 million.", ("$90 million",), "Zentara"),  # another named
    # a part that opens a sentence with a verb of results is what the turn's figures after it are about
    ("Harbor Foods reported net income of $2 billion. Expenses were $1 billion, up 3%.", ("$1 billion", "3%"),
     "Harbor Foods"),
    ("Harbor Foods said it liked the deal. Expenses were $1 billion, up 3%.", ("$1 billion", "3%"), "Zentara"),
    # a place written with full stops before a metric; a place before a part is no word of the part's name
    ("Revenue rose. U.S. revenue increased 9% in the quarter.", ("9%",), "U.S."),
    ("Revenue rose. U.K. Tools and Garden revenue was $2 billion.", ("$2 billion",), "Tools and Garden"),
    ("Revenue rose. Asia Pacific sales declined 9%.", ("9%",), "Asia Pacific"),
    # a place the metric's words name after 'in', before the amount; not 'outside' it
    ("Comps in the U.S. increased 0.2%.", ("0.2%",), "U.S."),
    ("Revenue in China grew 5% in the quarter.", ("5%",), "China"),
    ("Sales outside the U.S. grew 3%.", ("3%",), "Zentara"),
    # a part named in lower case after 'In' or a topic cue, before a metric; and again before a metric later
    ("In home lending, revenue was up 12% year on year.", ("12%",), "home lending"),
    ("Turning to card services and auto, revenue was up 14%.", ("14%",), "card services and auto"),
    ("In lending, revenue rose 9%. Lending revenue was $1.9 billion.", ("9%", "$1.9 billion"), "lending"),
    # not a part: an adverbial phrase, a topic of the whole company, a determiner, no metric after the comma
    ("In addition, revenue was up 3%.", ("3%",), "Zentara"),
    ("In constant currency, revenue was up 4%.", ("4%",), "Zentara"),
    ("Looking at capital deployment, capital expenditures were $201 million.", ("$201 million",), "Zentara"),
    ("In the meantime, revenue rose 2%.", ("2%",), "Zentara"),
    ("In home lending, we sold $2 billion of loans.", ("$2 billion",), "Zentara"),
    # a topic cue's lower-case words before a slide or page of the deck name a part, for the sentences after it
    ("Now, moving to coated paper on pages 9 through 11. Coated paper contributed $80 million to earnings. "
     "Adjusted EBITDA was $120 million.", ("$80 million", "$120 million"), "coated paper"),
    ("Turning to treasury on page 12, treasury posted net income of $0.4 billion. Revenue was $0.9 billion.",
     ("$0.4 billion", "$0.9 billion"), "treasury"),
    # not words of the whole company, a determiner's phrase or a metric
    ("Turning to the balance sheet on slide 10. Cash was $4 billion.", ("$4 billion",), "Zentara"),
    ("Turning to capital allocation on slide 11. We repurchased $500 million of stock.", ("$500 million",),
     "Zentara"),
    ("Turning to credit quality on slide 12. Net charge-offs were $90 million.", ("$90 million",), "Zentara"),
    ("Turning to free cash flow on slide 9. Free cash flow was $700 million.", ("$700 million",), "Zentara"),
]


@pytest.mark.parametrize("said, figure_texts, subject", SUBJECT_CASES)
def test_a_figure_is_about_the_most_specific_entity_named(said, figure_texts, subject):
    x = call([("Ana Ruiz", said)])
    assert [name(x, figure(x, text).subject) for text in figure_texts] == [subject] * len(figure_texts)


def test_a_place_subject_is_a_place_not_an_organisation():
    x = call([("Ana Ruiz", "Japan revenue grew 15% in constant currency.")])
    assert x.entities[figure(x, "15%").subject].type == "Place"


# ------------------------------------------------------------------------------------------------- metrics

METRIC_CASES = [
    # said by the CFO, figure text, (metric as listed, concept label or None)
    ("Revenue was $9 billion, up 8% year over year.", "8%", ("revenue growth year over year", "revenue growth")),
    ("Revenue grew 12% in constant currency.", "12%", ("revenue growth in constant currency", "revenue growth")),
    ("Earnings per share were $1.20, up 10%.", "$1.20", ("earnings per share", "earnings per share")),
    ("We ended the quarter with $12 billion in cash and marketable securities.", "$12 billion",
     ("cash and marketable securities", "cash")),
    # a bank's non-interest expense is its expenses, not interest expense
    ("Noninterest expense was $13.1 billion, up 2%.", "$13.1 billion", ("noninterest expense", "expenses")),
    ("We expect non-interest expense of about $21 billion.", "$21 billion", ("non-interest expense", "expenses")),
    ("We returned $3 billion through open market repurchases.", "$3 billion",
     ("open market repurchases", "share buybacks")),
    ("Expenses of $22 billion were down $1.7 billion, or 7% year on year.", "$1.7 billion",
     ("expenses decrease", "expenses")),
    ("Expenses of $22 billion were down $1.7 billion, or 7% year on year.", "7%",
     ("expenses decline year on year", "expense growth")),
    ("We also increased commercial paper by $4 billion.", "$4 billion", ("commercial paper increase", None)),
    ("Over 90% of the Fortune 100 use our assistant.", "90%", ("share of Fortune 100 use our assistant", None)),
    ("We processed over 100 trillion tokens this quarter.", "100 trillion", ("tokens processed", None)),
    ("We have more than 40 million monthly active users.", "40 million", ("monthly active users", "monthly active users")),
    ("About 55% of homes are 40 years or older.", "55%", ("share of homes", None)),
    ("Bitcoin holdings produced a $90 million loss in the quarter.", "$90 million", ("loss", "net loss")),
    # the basis said after the amount, as speech to text writes GAAP
    ("Our effective tax rate was 19.5% on a gap basis.", "19.5%", ("effective tax rate on a gap basis", "tax rate")),
    # guidance or an outlook of a metric the phrase names measures that metric
    ("Our full-year adjusted EPS guidance is unchanged at $2.05.", "$2.05", ("adjusted EPS", "earnings per share")),
    ("We are raising our revenue outlook to $5 billion.", "$5 billion", ("revenue", "revenue")),
    ("Our guidance is unchanged at $3 billion.", "$3 billion", ("guidance", "guidance")),
    # a stand-in alone measures the metric the sentence named before it; 'guidance of' makes it guidance's value
    ("We expect the tax rate to be in line with our previous guidance of about 24%.", "24%", ("tax rate guidance",
                                                                                            "tax rate")),
    # abbreviations of metrics are metrics, not names of a part of the company
    ("For the year, we expect G&A expenses of about $975 million.", "$975 million", ("G&A expenses", "g&a")),
    ("AOI was $290 million, down 5% year over year.", "$290 million", ("AOI", "operating income")),
    # a qualifier after a cue's verb is the metric's ("expect adjusted"), not a verb after its subject
    ("We still expect adjusted diluted EPS of $3.90 to $4.20 for the year.", "$3.90 to $4.20",
     ("adjusted diluted EPS", "earnings per share")),
    # a distance from another figure is not that figure's metric
    ("Operating income was $2 billion, $300 million above the high end of our guidance range.", "$300 million",
     ("operating income above the high end of our guidance range", None)),
    # what a clause says of the whole a share is of, after a verb, a form of 'be' or a relative pronoun
    ("Today about 40% of our parts are made in Ohio.", "40%", ("share of parts made in Ohio", None)),
    ("Nearly 70% of our members own two cars.", "70%", ("share of members own two cars", None)),
    ("Plans covering 60% of people who are privately insured will pay.", "60%",
     ("share of people who are privately insured", None)),
    ("We returned 90% of free cash flow to shareholders over time.", "90%", ("share of free cash flow", None)),
    # a change noun after the amount, with what changed before it or in a phrase after it
    ("We delivered 9% year-over-year unit growth.", "9%", ("unit growth year-over-year", None)),
    ("Fees rose on a 32% increase in clearing fees.", "32%", ("increase in clearing fees", None)),
    ("We saw a 12% increase in the number of new accounts.", "12%", ("increase in the number of new accounts", None)),
    ("Visits fell, with a 40% reduction in hospital stays.", "40%", ("reduction in hospital stays", None)),
    # a change of nothing named: the change itself is what is measured
    ("We had a $100 million uplift in the second quarter.", "$100 million", ("increase", None)),
    ("Sales grew 5%, with 8% growth in Canada.", "8%", ("sales growth", "revenue growth")),
    # what the amount is made of
    ("We hold about $17 billion of reserves.", "$17 billion", ("reserves", None)),
    ("We expect $1.4 billion of loan growth this year.", "$1.4 billion", ("loan growth", None)),
    # a sum of money "in" what it is made of, not in a place
    ("We ended with $3.2 billion in liquidity.", "$3.2 billion", ("liquidity", None)),
    ("We booked $4 billion in new awards, bringing in more work.", "$4 billion", ("awards", None)),
    ("We spent $2 billion in Europe.", "$2 billion", (None, None)),
    # a change with no metric named: the change is what is measured
    ("Our services arm delivered growth of 3.1% in the quarter.", "3.1%", ("growth", None)),
    # the levels a metric moved between, and the level a change reached, are levels, not changes
    ("Our market share decreased from 31.5% to 30.2%.", "31.5%", ("market share", None)),
    ("Our market share decreased from 31.5% to 30.2%.", "30.2%", ("market share", None)),
    ("Revenue rose 12% to $5 billion.", "$5 billion", ("revenue", "revenue")),
    ("We raise our margin outlook by 70 basis points at the midpoint to 29.6%.", "29.6%", ("margin", "margin")),
    # a sum "in" a period names no metric: the metric before it does
    ("We forecast revenue between $2.5 and $2.6 billion in the second quarter.", "$2.5 and $2.6 billion",
     ("revenue", "revenue")),
    ("The coverage ratio fell 3 basis points to 1.9%.", "1.9%", ("coverage ratio", None)),
    ("We also grew our CET1 ratio to 11.4%.", "11.4%", ("CET1 ratio", None)),
    ("Currency was a drag on our margin relative to 3% last year.", "3%", (None, None)),
    ("Can you get all the way to $600 million?", "$600 million", (None, None)),
    # a change verb, the metric after its determiner, "by" and the amount
    ("We grew our parts volume by 5.5% this year.", "5.5%", ("parts volume growth", None)),
    # a change verb a few words before "by" and the amount, with where it changed between
    ("We did grow in Japan by 4% during the quarter.", "4%", ("growth", None)),
    ("Revenue rose and costs fell by 2%.", "2%", ("costs decline", "cost")),  # the nearest verb
    ("Unit sales rose 4.8% for the year and declined in the fourth quarter by 0.9%.", "0.9%",
     ("unit sales decline", "units shipped")),
    # a level after "to", past a qualifier: not the change said before it
    ("Operating expenses increased 6.8% year-over-year to $377 million.", "$377 million",
     ("operating expenses", "expenses")),
    # an amount an effect had on a metric is an impact on it, not the metric
    ("Tariff charges negatively impacted earnings per share by $0.42.", "$0.42",
     ("negative impact on earnings per share", None)),
    ("Weather favorably impacted our average ticket by about 20 basis points.", "20 basis points",
     ("positive impact on average ticket", None)),
    ("Currency hurt revenue by $40 million.", "$40 million", ("impact on revenue", None)),
    # a place after a preposition names where the metric was measured, not the metric
    ("Comps in Canada increased 0.4%.", "0.4%", ("comps in Canada growth", "comparable sales")),
    ("Comps in the U.S. increased 0.2%.", "0.2%", ("comps in the U.S. growth", "comparable sales")),
    ("U.S. wholesale revenue grew 12%.", "12%", ("U.S. wholesale revenue growth", "revenue growth")),
    # what a figure leaves out, after it or in a clause that opens its sentence
    ("Excluding those items, net income was $5 billion.", "$5 billion", ("net income excluding those items",
                                                                         "net income")),
    ("Revenue grew 5% year over year, excluding acquisitions.", "5%",
     ("revenue growth year over year excluding acquisitions", "revenue growth")),
    ("Revenue grew 5%, excluding currency.", "5%", ("revenue growth excluding currency", "revenue growth")),
    ("Excluding the $2 billion charge, expenses rose 4%.", "$2 billion", ("charge", None)),  # what is left out
    # what a figure leaves out or takes in, in an aside between commas after its metric
    ("Recurring revenue, excluding float, grew 20%.", "20%",
     ("recurring revenue growth excluding float", "subscription revenue growth")),
    ("Capital expenditures, including finance leases, were $14 billion.", "$14 billion",
     ("capital expenditures including finance leases", "capex")),
    ("Ad revenue, excluding partner payments, increased 21%.", "21%",
     ("ad revenue growth excluding partner payments", "advertising revenue growth")),
    # a name's possessive is no 'is' before the metric; an adjective in -ed after 'of' is a word of what is counted
    ("Acme's market share of about 25% is high.", "25%", ("market share", None)),
    ("That would be $10 billion of deferred demand.", "$10 billion", ("deferred demand", None)),
    # 'looks to be' links a metric to its amount; 'lowered ... by' is a decrease
    ("The inventory, which looks to be up about 15%, is high.", "15%", ("inventory growth", None)),
    ("The drug lowered lipoprotein levels by up to 85%.", "85%", ("lipoprotein levels decline", None)),
    # 'inclusive of' names no metric: what the amount is made of does
    ("Earnings per share were $2.58, inclusive of $0.10 of acquired charges.", "$0.10", ("acquired charges", None)),
    # an amount to shareholders is capital returned to them, whatever it was paid through
    ("We returned over $27 billion to shareholders.", "$27 billion",
     ("capital returned to shareholders", "capital returned to shareholders")),
    ("We returned $2.8 billion of capital to our shareholders through dividends and buybacks.", "$2.8 billion",
     ("capital returned to shareholders", "capital returned to shareholders")),
    ("We paid $1 billion to suppliers.", "$1 billion", (None, None)),
    # a record or a high is no metric: the one before it, past its glue and its verb, is
    ("Our segment margins declined from a record high of 39.5% in Q1.", "39.5%", ("segment margins", "segment margin")),
    ("Services revenue reached an all-time high of $27 billion.", "$27 billion", ("services revenue", "services revenue")),
    ("Rivals saw sales actually decline in the range of 5% to 7%.", "5% to 7%", ("sales", "revenue")),
    # adverbs and 'be' between a metric and its link
    ("Customer satisfaction was recently measured at 97%.", "97%", ("customer satisfaction", "customers")),
    # a metric's phrase ends before the period phrases between it and its link
    ("Our run rate in the second half of the year is about $3.8 billion.", "$3.8 billion",
     ("run rate", "annual recurring revenue")),
    # net income said per share is earnings per share; the amount before it stays net income
    ("Net income was $390 million, or $3.10 per diluted share.", "$3.10",
     ("net income per diluted share", "earnings per share")),
    ("Net income was $390 million, or $3.10 per diluted share.", "$390 million", ("net income", "net income")),
    # margins of other profits than gross and operating ones are measures of their own
    ("Adjusted EBITDA margin was 31.5% in the quarter.", "31.5%", ("adjusted EBITDA margin", "ebitda margin")),
    ("We expect a pre-tax profit margin of 11% to 11.2%.", "11% to 11.2%", ("pre-tax profit margin",
                                                                          "pretax margin")),
    ("Our free cash flow margin will be between 20% and 22%.", "20% and 22%", ("free cash flow margin",
                                                                               "free cash flow margin")),
    ("Cash generation led to a 19% margin.", "19%", ("margin", "margin")),
    ("EBITDA margin expanded 140 basis points.", "140 basis points", ("EBITDA margin increase",
                                                                      "ebitda margin change")),
    # a margin that names no profit, after an amount of a profit, is that profit's margin
    ("Adjusted EBITDA was $410 million, or a 27% margin.", "27%", ("adjusted EBITDA margin", "ebitda margin")),
    ("Free cash flow of $2.2 billion gave us a 24% margin.", "24%", ("free cash flow margin",
                                                                    "free cash flow margin")),
    ("Revenue was $3 billion, and margins were 31%.", "31%", ("margins", "margin")),
    # 'between' before a range links it to the metric before the verb, modifiers and all
    ("We expect adjusted gross margin to be between 40% and 41%.", "40% and 41%", ("adjusted gross margin",
                                                                                  "gross margin")),
    # operating earnings said per share are operating EPS, a measure of its own beside EPS
    ("Operating earnings were $1.84 per share for the year.", "$1.84",
     ("operating earnings per share", "operating earnings per share")),
    ("We expect operating EPS of $3.05 to $3.25 next year.", "$3.05 to $3.25",
     ("operating EPS", "operating earnings per share")),
    # a metric named after the previous figure's is the nearer one
    ("With $31 million of reserves, adjusted EBITDA grew faster than fees, rising 8%.", "8%",
     ("adjusted EBITDA growth", "ebitda growth")),
    # the base of a comparison measures what it is compared with
    ("Training cost us 6 million dollars, far below the 100 million dollars rivals spend.", "100 million dollars",
     ("training cost", "training cost")),
    # interest expense and non-operating expenses are kinds of expenses of their own
    ("Net interest expense was $58 million in the quarter.", "$58 million", ("net interest expense",
                                                                             "interest expense")),
    ("We expect non-operating expenses of about $320 million.", "$320 million", ("non-operating expenses",
                                                                               "non-operating expenses")),
    # "other" before a metric names another amount: no headline figure of it
    ("We expect other revenue to be approximately $1.4 billion.", "$1.4 billion", ("other revenue", "revenue")),
    # an amount per share named with no basis after a figure said on one
    ("Adjusted net income was $599 million, generating an EPS of $7.89.", "$7.89", ("adjusted EPS",
                                                                                  "earnings per share")),
    ("Revenue was $3 billion and EPS was $1.20.", "$1.20", ("EPS", "earnings per share")),
    # a noun of another amount after the metric's words
    ("There is $1.2 billion in revenue opportunity for us.", "$1.2 billion", ("revenue opportunity", "revenue")),
    # a threshold that says which things are counted
    ("We had 3,340 customers with an ARR of $100,000 or more.", "$100,000", ("ARR threshold",
                                                                             "annual recurring revenue")),
    # a target's value: the noun after the amount or its metric, or before it with "of"
    ("We reached our 15% operating margin target a year early.", "15%", ("operating margin target",
                                                                         "operating margin")),
    ("We reaffirm our net sales target of about $7 billion.", "$7 billion", ("net sales target", "revenue")),
    ("We are on track for our goal of reaching about 46% gross margin.", "46%", ("gross margin goal",
                                                                              "gross margin")),
    ("Margins rose to 31%, the result of winning larger deals.", "31%", ("margins", "margin")),
    ("Sales hit $3 billion, ahead of our goal.", "$3 billion", ("sales", "revenue")),
    ("Revenue was $4.3 billion, above our earlier guidance of $4.1 billion.", "$4.1 billion", ("revenue guidance",
                                                                                                "revenue")),
    ("Revenue came in at the high end of our guidance range at $4.3 billion.", "$4.3 billion", ("revenue", "revenue")),
    # the words a metric's phrase opens with, also when a phrase stands between it and its amount
    ("Total deferred revenue at the end of the quarter was $3.2 billion.", "$3.2 billion",
     ("total deferred revenue", "revenue")),
    ("Total combined sales were $3.2 billion.", "$3.2 billion", ("total combined sales", "revenue")),
    ("The firm reported revenue of $3.2 billion.", "$3.2 billion", ("revenue", "revenue")),
    # a basis's word before a modifier in -ed: both the phrase's ("GAAP diluted"), "non-" too at its length limit
    ("We expect GAAP diluted net earnings per share of $0.57 to $0.63.", "$0.57 to $0.63",
     ("GAAP diluted net earnings per share", "earnings per share")),
    ("We expect first quarter non-GAAP diluted net earnings per share of $0.70 to $0.76.", "$0.70 to $0.76",
     ("non-GAAP diluted net earnings per share", "earnings per share")),
    # an aside that defines the metric names no other metric
    ("Free cash flow, that is, cash from operations less capital expenditures, was $1.1 billion.", "$1.1 billion",
     ("free cash flow", "free cash flow")),
    # a metric's name running on into another's names that one, the head ("DAP" counts people)
    ("We booked $2 billion in DAP revenue this year.", "$2 billion", ("DAP revenue", "revenue")),
    ("We are near the midpoint of the $4.10 to $4.30 EPS guidance we gave in May.", "$4.10 to $4.30",
     ("EPS guidance", "earnings per share")),
]


@pytest.mark.parametrize("said, figure_text, expected", METRIC_CASES)
def test_a_figure_measures_what_its_words_say(said, figure_text, expected):
    f = figure(call([("Ana Ruiz", said)]), figure_text)
    words, concept = expected
    assert (metric_shown(f), lexicon.load().label(f.metric) if f.metric else None) == (words, concept)


# ------------------------------------------------------------------------------------------ signs and counts

SIGN_CASES = [
    # said by the CFO, figure text, (value, unit)
    ("We expect OI&E to be around negative $25 million.", "negative $25 million", (-25e6, "USD")),
    ("Comps were minus 2% in February.", "minus 2%", (-2, "percent")),
    ("One out of every 4 units we ship goes to retailers.", "One out of every 4", (25, "percent")),
    ("Inventory turns were 4.3 times.", "4.3 times", (4.3, "times")),
]


@pytest.mark.parametrize("said, figure_text, expected", SIGN_CASES)
def test_losses_and_negatives_keep_their_sign_and_ratios_are_not_counts(said, figure_text, expected):
    f = figure(call([("Ana Ruiz", said)]), figure_text)
    value, unit = expected
    assert (f.value, f.unit) == (pytest.approx(value), unit)


# ------------------------------------------------------------------------------------------------- periods

def test_the_call_reports_the_quarter_its_opening_names_not_the_file_name(tmp_path):
    x = call([("Operator", "Welcome to Zentara's fourth quarter 2024 earnings call."),
              ("Ana Ruiz", "Revenue was $9 billion. We expect first quarter revenue of $9.5 billion.")],
             header="Company: Zentara\nQuarter: Q1 2025\n\n")
    assert x.event.period.label == "Q4 2024"
    assert [figure(x, t).period.label for t in ("$9 billion", "$9.5 billion")] == ["Q4 2024", "Q1 2025"]


def test_the_next_calls_quarter_named_in_the_opening_is_not_the_one_reported():
    x = call([("Operator", "Thank you for joining us. Our fourth quarter 2024 results call is planned for March 3. "
                           "Today we discuss our results."),
              ("Ana Ruiz", "Revenue was $9 billion.")],
             header="Company: Zentara\nQuarter: Q3 2024\n\n")
    assert x.event.period.label == "Q3 2024"


@pytest.mark.parametrize("said, label", [
    # the opening's year, far from the header's and named nowhere else: misheard by speech to text
    ("Revenue was $9 billion.", "Q2 2025"),
    # a call the text dates again to the opening's year is of that year, whatever its header says
    ("Revenue was $9 billion, the best of 2005.", "Q2 2005"),
])
def test_an_opening_year_far_from_the_headers_is_kept_only_if_the_call_names_it_again(said, label):
    x = call([("Operator", "Welcome to Zentara's second quarter 2005 earnings call."), ("Ana Ruiz", said)],
             header="Company: Zentara\nQuarter: Q2 2025\n\n")
    assert x.event.period.label == label


@pytest.mark.parametrize("said, label", [
    # in a call reporting the last quarter of its year, the year said without its number and looked forward to is
    # the coming one; results, a number, or guidance given before keep the year reported
    ("Starting with the full year, we expect revenue of approximately $27.75 billion.", "2025"),
    ("This year we expect capital expenditures of $3 billion.", "2025"),
    ("For the full year, revenue was $26 billion.", "2024"),
    ("For the full year 2024, we expect to report revenue of $26 billion.", "2024"),
    # a year said as a comparison's base is not the year the figures are for
    ("For the full year, we expect adjusted EPS of $3.10 to $3.30, up 4% to 8% over 2024.", "2025"),
    ("Full year EPS was $10.61, above the midpoint of our initial guidance range of $9 to $11.", "2024"),
    ("Full year EPS of $6.16 was above the midpoint of our initial $6 to $7 guidance.", "2024"),
    ("Adjusted EPS of $4.49 exceeded our guidance for the year.", "2024"),
    ("This year, we invested $1.4 billion in capex and we expect to invest a similar amount.", "2024"),
])
def test_the_year_looked_forward_to_in_a_fourth_quarter_call_is_the_coming_one(said, label):
    x = call([("Ana Ruiz", said)], header="Company: Zentara\nQuarter: Q4 2024\n\n")
    assert {f.period.label for f in x.figures} == {label}


def test_the_coming_year_named_in_a_fourth_quarter_call_carries_to_the_outlook_after_it():
    # the turn named the next quarter first; the year looked forward to after it is the outlook of the sentences
    # that follow it and name no period
    x = call([("Ana Ruiz", "I will cover the full year guidance and the first quarter of 2025. For the full year, "
                           "we expect revenue of $4 billion. Capital expenditures are expected to be about "
                           "$70 million.")], header="Company: Zentara\nQuarter: Q4 2024\n\n")
    assert [figure(x, t).period.label for t in ("$4 billion", "$70 million")] == ["2025", "2025"]
    # a year word that modifies a noun names no topic: the next quarter stays the outlook
    x = call([("Ana Ruiz", "Turning to the first quarter of 2025, we anticipate no change to our full year cost "
                           "comparisons. We expect adjusted EBITDA of $310 million.")],
             header="Company: Zentara\nQuarter: Q4 2024\n\n")
    assert figure(x, "$310 million").period.label == "Q1 2025"


@pytest.mark.parametrize("said, figure_text", [
    ("Since 2022, we have repurchased $315 million of stock.", "$315 million"),
    ("Since the start of fiscal 2023, we have returned $1.6 billion to shareholders.", "$1.6 billion"),
    # a total over several years
    ("We returned over $3 billion to shareholders over the last three years.", "$3 billion"),
    ("We plan to invest $20 billion over the next five years.", "$20 billion"),
    ("We remain focused on reaching our 25% operating margin target over the next few years.", "25%"),
    # a total over a span running to a date: the year so far, the last twelve months; a comparison's base too
    ("Operating cash flow was $640 million year-to-date through the third quarter.", "$640 million"),
    ("For the trailing 12 months, free cash flow was $2.4 billion.", "$2.4 billion"),
    ("Trailing 12-month free cash flow was $820 million compared to $760 million in the prior quarter.",
     "$760 million"),
    ("For the first nine months of 2025, net income was $310 million.", "$310 million"),
])
def test_a_running_total_since_a_period_has_none(said, figure_text):
    assert figure(call([("Ana Ruiz", said)]), figure_text).period is None


@pytest.mark.parametrize("said, figure_text, label", [
    # in a call on Q2 2025: the month nearest the quarter, or the next one for what is to come
    ("Net sales for the month of February came in at $19.8 billion.", "$19.8 billion", "February 2025"),
    ("We expect the operating margin in December to be slightly above 10%.", "10%", "December 2025"),
    ("Comps were up 2% for the quarter, with 1.2% in April, 2.4% in May and 2.1% in June.", "2.4%", "May 2025"),
    ("Comps were up 2% for the quarter, with 1.2% in April, 2.4% in May and 2.1% in June.", "2%", "Q2 2025"),
    ("Traffic fell 3% in January 2024.", "3%", "January 2024"),
    # not the month that names a quarter
    ("Revenue in the June quarter grew 8%.", "8%", "Q2 2025"),
])
def test_a_figure_said_of_a_month_is_that_months(said, figure_text, label):
    assert figure(call([("Ana Ruiz", said)]), figure_text).period.label == label


@pytest.mark.parametrize("said, figure_text, label", [
    # a span to a date belongs to the figure it qualifies, not to the one before it nor to guidance after it
    ("Buybacks were $40 million in the quarter, bringing year-to-date buybacks to $150 million.", "$40 million",
     "Q2 2025"),
    ("Return on equity was 14% in the quarter and 13% year-to-date.", "14%", "Q2 2025"),
    ("With solid results year-to-date, we reaffirm our 2025 EPS guidance of $4.10 to $4.30.", "$4.10 to $4.30",
     "2025"),
])
def test_a_span_to_a_date_is_the_period_of_its_own_figure_only(said, figure_text, label):
    assert figure(call([("Ana Ruiz", said)]), figure_text).period.label == label


@pytest.mark.parametrize("year_end, said, figure_text, label", [
    # a September year end: the September quarter is the fourth fiscal quarter; the outlook is for it
    (9, "As we move into the September quarter, let me review our outlook. We expect gross margin to be between "
        "46% and 47%.", "46% and 47%", "Q4 FY2025"),
    (9, "Revenue for the June quarter was $94 billion.", "$94 billion", "Q3 FY2025"),
    # a December year end: calendar quarters and years
    (12, "We expect 2026 revenue of $900 million.", "$900 million", "2026"),
    (12, "Revenue was $3 billion, compared to $2.5 billion in the same quarter last year.", "$2.5 billion",
     "Q2 2024"),
    (12, "Revenue was $3 billion, compared to $2.5 billion in the same quarter last year.", "$3 billion", "Q2 2025"),
    (12, "EPS for the second quarter was $0.78 as compared to $1.02 in the quarter a year ago.", "$1.02", "Q2 2024"),
    (12, "Our tax rate for the quarter was 20.1% compared to 20.6% in the prior year quarter.", "20.6%", "Q2 2024"),
    # "last year" after a quarter the sentence names: that quarter a year before, not the year
    (12, "We expect a third-quarter tax rate of about 24%, compared to 22.5% last year.", "22.5%", "Q3 2024"),
    (12, "Our second quarter gross margin was 41%, up from 39.5% in the prior year.", "39.5%", "Q2 2024"),
    (12, "For the full year, we expect sales of $12 billion, compared to $11 billion last year.", "$11 billion",
     "2024"),
    # ... not after the reported quarter a year before said as a comparison's base: that quarter
    (12, "Stock rose $2 billion compared to the second quarter of 2024, and turns were 4.1 times, down from 4.4 "
         "times last year.", "4.4 times", "Q2 2024"),
    (12, "Second quarter net sales were $2.6 billion, up from $2.4 billion in 2024.", "$2.4 billion", "Q2 2024"),
    (12, "Second quarter net sales were $2.6 billion in 2025 and $2.4 billion in 2024.", "$2.4 billion", "Q2 2024"),
    (12, "In the first quarter, we bought back $300 million and plan $2 billion in 2025.", "$2 billion", "2025"),
    # a period after the next amount is that amount's, when one stands before this amount
    (12, "Our tax rate for the first quarter was 17.5% and 19.2% for the full year 2024.", "17.5%", "Q1 2025"),
    (12, "We expect our 2026 tax rate to be 21%, in line with 2025.", "21%", "2026"),
    (12, "Our research margin was 74%, consistent with last year.", "74%", "Q2 2025"),
    (12, "Revenue in the second quarter was $3 billion, the highest since 2019.", "$3 billion", "Q2 2025"),
    # a period that opens the next amount's metric is that amount's
    (12, "Second quarter adjusted operating margin was 26.1%, bringing the first half adjusted operating margin to "
         "25.8%.", "26.1%", "Q2 2025"),
    (12, "Second quarter adjusted operating margin was 26.1%, bringing the first half adjusted operating margin to "
         "25.8%.", "25.8%", "H1 2025"),
    # a period after "flat to" is a comparison's base; "4Q24" is a quarter
    (12, "Second quarter revenue was $9.4 billion, flat to the prior year.", "$9.4 billion", "Q2 2025"),
    (12, "We expect an EBITDA margin of 32% in 4Q25.", "32%", "Q4 2025"),
    (12, "We expect an EBITDA margin of 32% in 1Q 2026.", "32%", "Q1 2026"),
    (12, "Similar to the first quarter transaction, the proceeds of $1 billion were invested.", "$1 billion",
     "Q2 2025"),
    # a year ago in a comparison, where the sentence names no other period: the reported quarter a year before
    (12, "Our operating margin contracted to 3.1% from 17% last year.", "17%", "Q2 2024"),
    (12, "Last year, we generated $5 billion of free cash flow.", "$5 billion", "2024"),
    # "a year ago" as "last year"; a past year in the possessive is the figure's own period, after a comparison too
    (12, "Revenue was $3 billion, up from $2.6 billion a year ago.", "$2.6 billion", "Q2 2024"),
    (12, "Our tax rate for the quarter was 21%, compared to an adjusted tax rate of 19% a year ago.", "19%", "Q2 2024"),
    (12, "For the full year, we expect sales of $12 billion, compared to $11 billion a year ago.", "$11 billion", "2024"),
    (12, "Our tax rate for the quarter was 21%, compared to last year's rate of 19%.", "19%", "Q2 2024"),
    (12, "Revenue was $3 billion versus last year's $2.6 billion.", "$2.6 billion", "Q2 2024"),
    # a period in the possessive in another clause owns another thing than the figure
    (12, "Second quarter sales fell just short of the prior quarter's record, leaving earnings per share at $1.41.",
     "$1.41", "Q2 2025"),
    (12, "In the second quarter, the first quarter's strength carried on, and our margin reached 31%.", "31%",
     "Q2 2025"),
    # a quarter of the year before, in the possessive; a comparison's base takes the past period after it
    (12, "Our tax rate was 21% in Q2 of 2025, compared to 19% in the prior year.", "19%", "Q2 2024"),
    (12, "EPS was $1.59, up from $1.32 per share on net income of $446 million in last year's second quarter.",
     "$1.32", "Q2 2024"),
    (12, "Our tax rate was 18.1%, up from last year's second quarter of 17.4%.", "17.4%", "Q2 2024"),
    (12, "Our tax rate was 18.1%, up from last year's second quarter of 17.4%.", "18.1%", "Q2 2025"),
    # amounts listed with "respectively" take the periods listed before them in order
    (12, "Our second quarter and full year tax rates were 15.4% and 14.8%, respectively.", "15.4%", "Q2 2025"),
    (12, "Our second quarter and full year tax rates were 15.4% and 14.8%, respectively.", "14.8%", "2025"),
    (12, "Respectively, in the second quarter, sales were $9 billion and $2 billion, respectively.", "$9 billion",
     "Q2 2025"),  # "respectively" before the amounts too: no list
    (12, "Our tax rate was 21.9%, which compares to 21.3% in the prior year.", "21.3%", "Q2 2024"),
    (12, "This compares with prior year net income of $173 million.", "$173 million", "Q2 2024"),
    (12, "Our debt at the end of the quarter was $8.9 billion versus $9 billion a year ago.", "$9 billion",
     "Q2 2024"),  # the reported quarter named as well: still a year before it
    (12, "Interest was $90 million, up 6% from Q2 a year ago, as our debt was $9.1 billion versus $8.6 billion a "
         "year ago.", "$8.6 billion", "Q2 2024"),  # the same quarter a year before named first, in another clause
    (9, "Our debt at the end of the quarter was $7.2 billion versus $6.9 billion a year ago.", "$6.9 billion",
     "Q3 FY2024"),  # a fiscal quarter
    # a period said right after a comparison's base is the base's, not the next figure's
    (12, "Gross margin was 40% compared to 38% last year, and operating margin was 20%.", "20%", "Q2 2025"),
    (12, "Sales of $420 million compared to $430 million in 2024 and operating income of $90 million.",
     "$90 million", "Q2 2025"),
    (12, "Net income was $50 million versus $45 million a year ago, while EPS was $1.10.", "$1.10", "Q2 2025"),
    (12, "Net income was $50 million versus $45 million, and in the first quarter EPS was $1.10.", "$1.10", "Q1 2025"),
    # the year before written as a number, as a comparison's base in a quarter's call: that quarter a year before
    (12, "Sales of $420 million compared to $430 million in 2024 and operating income of $90 million.",
     "$430 million", "Q2 2024"),
    (12, "For the full year, sales were $1.6 billion compared to $1.5 billion in 2024.", "$1.5 billion", "2024"),
    (12, "Total debt was $2.9 billion, down from $3.3 billion at the end of 2024.", "$3.3 billion", "2024"),
    (12, "We expect a tax rate of 23% to 24%. This compares to a tax rate of 23.6% in fiscal 24.", "23.6%", "2024"),
    # a year word before the metric measures it over the year; not where it is part of the metric's name
    (12, "Looking to the third quarter, we expect sales of $3 billion. We expect an annual effective tax rate of "
         "12% to 13%.", "12% to 13%", "2025"),
    (12, "In the second quarter, we signed deals with annual revenues of $9 million.", "$9 million", "2025"),
    (12, "In the second quarter, annual recurring revenue reached $2 billion.", "$2 billion", "Q2 2025"),
    (12, "In the second quarter, our annualized revenue run rate reached $2 billion.", "$2 billion", "Q2 2025"),
])
def test_periods_as_the_company_counts_them(tmp_path, year_end, said, figure_text, label):
    x = call([("Ana Ruiz", said)], header="Company: Zentara\nQuarter: Q3 2025\n\n" if year_end == 9 else HEADER,
             gazetteer=fiscal_gazetteer(tmp_path, year_end))
    assert figure(x, figure_text).period.label == label


@pytest.mark.parametrize("named_by_start, span", [
    # fiscal 2025 of a year ending in January: ending in January 2025, or, named by its start, in January 2026
    (False, ("2024-02-01", "2024-04-30")),
    (True, ("2025-02-01", "2025-04-30")),
])
def test_a_fiscal_year_named_by_its_start_runs_in_that_calendar_year(tmp_path, named_by_start, span):
    path = tmp_path / "zentara.ttl"
    flag = " ; kg:fiscalYearNamedByStart true" if named_by_start else ""
    path.write_text((ZENTARA % 1).replace(" ; kg:fiscalYearEnd 1", f" ; kg:fiscalYearEnd 1{flag}"))
    x = call([("Ana Ruiz", "In the first quarter of fiscal 2025, revenue was $2 billion.")],
             gazetteer=load_gazetteer((path,)))
    period = figure(x, "$2 billion").period
    assert (period.label, tuple(map(str, period.span()))) == ("Q1 FY2025", span)


@pytest.mark.parametrize("opening, name", [
    ("Welcome to Zentara Systems' second quarter 2025 earnings call.", "Zentara Systems Q2 2025 earnings call"),
    # a name that does not spell the ticker (speech to text misheard it) leaves the ticker
    ("Welcome to Centera's second quarter 2025 earnings call.", "ZNTR Q2 2025 earnings call"),
    # a month after the name is the quarter's, not the name's
    ("Welcome to the Zentara Systems June 2025 quarter call.", "Zentara Systems Q2 2025 earnings call"),
])
def test_a_call_is_named_by_its_company_not_its_ticker(opening, name):
    x = call([("Operator", opening), ("Ana Ruiz", "Revenue was $9 billion.")],
             header="Company: ZNTR\nQuarter: Q2 2025\n\n")
    assert x.event.name == name


def test_a_call_that_names_fiscal_years_reports_fiscal_quarters():
    x = call([("Ana Ruiz", "Sales were $40 billion, up 3% compared to fiscal 2024. We are reaffirming our fiscal "
                           "2025 guidance.")], header="Company: Zentara\nQuarter: Q1 2025\n\n")
    assert (x.event.period.label, figure(x, "$40 billion").period.label) == ("Q1 FY2025", "Q1 FY2025")


# -------------------------------------------------------------------------------------------------- claims

CLAIM_CASES = [
    # said by an executive, words the claim holds (None: no claim), kind
    ("For the September quarter, we expect revenue between $4 billion and $4.4 billion.", "we expect revenue",
     "guidance"),
    ("We remain confident in the long-term demand for our chips.", "remain confident", "assessment"),
    ("We plan to open two new factories next year.", "open two new factories", "plan"),
    ("And adjusted earnings per share is now expected to be $3.10.", "now expected to be", "guidance"),
    ("We estimate full-year revenue of approximately $2 billion.", "We estimate", "guidance"),
    ("For next year, we're guiding to revenue of $5 billion.", "guiding to revenue", "guidance"),
    ("For the year, we are modeling gross margins to be stable at about 58%.", "modeling gross margins", "guidance"),
    ("We're assuming a tax rate of approximately 17% for the quarter.", "assuming a tax rate", "guidance"),
    ("Revenue of $18 billion was up 34% sequentially.", None, None),
    ("Gross margin was 46.5%, at the high end of our guidance range.", None, None),
    ("The replay of this call will be available on our website by 5 p.m. today.", None, None),
    ("The next question is going to come from Lee at Keystone Research.", None, None),
    ("I want to thank our teams for a great quarter.", None, None),
    ("I don't want to comment on products we have not announced.", None, None),
    ("What is our view on pricing next year, you may ask.", None, None),
]


@pytest.mark.parametrize("said, words, kind", CLAIM_CASES)
def test_claims_of_a_call_are_forecasts_plans_and_assessments(said, words, kind):
    x = call([("Ana Ruiz", said)])
    got = [(c.text, lexicon.load().label(c.kind)) for c in x.claims]
    if words is None:
        assert got == []
    else:
        assert any(words in text and k == kind for text, k in got), got


def test_a_figure_is_stated_as_its_claims_kind_where_the_call_keeps_no_claim_of_it():
    said = " ".join(f"We expect revenue of ${n} billion in {2026 + n}." for n in range(1, MAX_CALL_CLAIMS + 3))
    x = call([("Ana Ruiz", said)])
    assert len(x.claims) == MAX_CALL_CLAIMS
    assert {lexicon.load().label(f.stated_as) for f in x.figures} == {"guidance"}
    assert len(x.figures) == MAX_CALL_CLAIMS + 2


@pytest.mark.parametrize("remarks, stated", [
    # remarks before any labelled turn (no speaker known) -> how the figure is stated
    ("Good morning. Adjusted earnings per share is expected to be $3.10.", "guidance"),
    ("Good morning. Adjusted earnings per share was $3.10.", None),
])
def test_guidance_in_remarks_of_no_known_speaker_is_guidance(remarks, stated):
    x = extract(read_text(HEADER + remarks + "\n\nAna Ruiz: Revenue was $9 billion.\n\nLee Park: Thank you."))
    found = figure(x, "$3.10").stated_as
    assert (lexicon.load().label(found) if found else None) == stated


@pytest.mark.parametrize("said, stated", [
    # a forecast given before, named so, and a range's midpoint are not the forecast the sentence states
    ("We are raising our EPS guidance to $19 to $20, from the previously guided range of $18.50 to $20.",
     [("$19 to $20", "guidance"), ("$18.50 to $20", None)]),
    ("We now expect capex of about $85 billion, up from our prior outlook of $75 billion.",
     [("$85 billion", "guidance"), ("$75 billion", None)]),
    ("We expect EPS of $1.63 to $1.75 per share, with a midpoint of $1.69.", [("$1.63 to $1.75", "guidance"),
                                                                             ("$1.69", None)]),
    ("We expect EPS of $1.80 at the midpoint of the range.", [("$1.80", "guidance")]),  # no range said: its value
    ("Cost inflation moved from 7% in our original guidance to 11%, and we expect it to stay there.",
     [("7%", None), ("11%", "guidance")]),
])
def test_what_a_forecast_states(said, stated):
    x = call([("Ana Ruiz", said)])
    assert [(f.text, f.stated_as and lexicon.load().label(f.stated_as)) for f in x.figures] == stated


def test_a_result_said_beside_a_forward_word_is_not_stated_as_a_forecast():
    x = call([("Ana Ruiz", "Operating margin was 30.7%, near the high end of our guidance range.")])
    assert [(f.text, f.stated_as) for f in x.figures] == [("30.7%", None)]


def test_a_claimant_is_the_person_speaking_never_a_product():
    x = call([("Ana Ruiz", "The Zephyr robot will enter production next year.")])
    assert [name(x, c.claimant) for c in x.claims] == ["Ana Ruiz"]


def test_an_annual_rate_a_fourth_quarter_call_gives_no_year_is_not_the_year_ended():
    x = call([("Ana Ruiz", "Sales of $9 billion, an annual effective tax rate of about 13%, and capex of $1 billion.")],
             header="Company: Zentara\nQuarter: Q4 2025\n\n")
    assert figure(x, "13%").period.label == "Q4 2025"


def test_guidance_names_the_period_its_turn_moved_to(tmp_path):
    x = call([("Ana Ruiz", "As we move into the September quarter, let me review our outlook. We expect gross "
                           "margin to be between 46% and 47%.")],
             header="Company: Zentara\nQuarter: Q3 2025\n\n", gazetteer=fiscal_gazetteer(tmp_path, 9))
    guidance = [c for c in x.claims if "gross margin" in c.text]
    assert [(lexicon.load().label(c.kind), c.period.label) for c in guidance] == [("guidance", "Q4 FY2025")]


def test_a_call_keeps_only_its_strongest_claims():
    said = " ".join(f"We expect product line {n} to grow next year." for n in range(40))
    x = call([("Ana Ruiz", said)])
    assert len(x.claims) == 20


# ------------------------------------------------------------------------------------------------ in the graph

def test_the_graph_keeps_the_concept_and_the_words_and_conforms_to_the_shapes(tmp_path):
    from datetime import date

    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS

    from kg.rdf.mapping import to_graph
    from kg.rdf.namespaces import KG, METRIC, SCHEMA
    from kg.validate import load_file, validate

    x = call([("Ana Ruiz", "Japan revenue grew 15% in constant currency. We ended the quarter with $12 billion in "
                           "cash and marketable securities. We expect revenue of $5 billion next quarter. Traffic "
                           "rose 2% in May.")])
    graph = to_graph(x)
    cash = next(iri for iri, _, text in graph.triples((None, KG.metricText, None))
                if str(text) == "cash and marketable securities")
    assert (cash, KG.metric, METRIC["cash"]) in graph
    # what it says of shared nodes (a place, a period) is in its records, which the entities graph holds once
    shared = Graph().parse(data="\n".join(graph.objects(None, KG.sharedStatement)), format="nt")
    assert (None, SCHEMA.name, Literal("Japan")) in shared and (None, RDF.type, SCHEMA.Place) in shared
    claim_periods = {str(shared.value(period, RDFS.label)) for claim in graph.subjects(RDF.type, SCHEMA.Claim)
                     for period in graph.objects(claim, KG.period)}
    assert claim_periods == {"Q3 2025"}
    may = next(period for period in shared.subjects(RDFS.label, Literal("May 2025")))
    assert (may, KG.month, Literal(5)) in shared and (may, SCHEMA.endDate, Literal(date(2025, 5, 31))) in shared
    (graph + shared).serialize(tmp_path / "call.nt", format="nt", encoding="utf-8")
    assert validate(load_file(str(tmp_path / "call.nt"))).conforms


CALL_FILE = """# ZNTR Q2 2025 Earnings Call Transcript

**Date:** 2025-07-30
**Company:** Zentara
**Quarter:** Q2 2025

---

Operator: Welcome to the Zentara second quarter 2025 earnings call.
Ana Ruiz: Revenue was $9 billion, up 12% in constant currency. We returned $3 billion through open market repurchases. Our Devices revenue grew 9% in constant currency.
Ana Ruiz: For the third quarter, we expect revenue between $9.5 billion and $9.9 billion.
"""


def test_the_listing_shows_the_words_and_matches_the_concept_or_the_words(tmp_path):
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    (tmp_path / "zentara-q2.md").write_text(CALL_FILE, encoding="utf-8")
    store = str(tmp_path / "store")

    def run(*args):
        result = CliRunner().invoke(cli, [*args, "--store", store])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("ingest", str(tmp_path / "zentara-q2.md"))

    def figures(*args):
        return sorted((f["text"], f["metric"]) for f in json.loads(run("figures", "--format", "json", *args)))

    assert figures("--metric", "constant currency") == [("12%", "revenue growth in constant currency"),
                                                        ("9%", "revenue growth in constant currency")]
    assert figures("--metric", "open market") == [("$3 billion", "open market repurchases")]
    assert figures("--metric", "share buybacks") == [("$3 billion", "open market repurchases")]  # by the concept
    assert figures("--entity", "Devices", "--metric", "constant currency") == [
        ("9%", "revenue growth in constant currency")]
    guidance = json.loads(run("query", "guidance", "--format", "json"))
    assert {(row["text"], row["periodLabel"]) for row in guidance} == {
        ("For the third quarter, we expect revenue between $9.5 billion and $9.9 billion", "Q3 2025")}


def test_the_company_of_a_call_is_an_organisation_even_where_its_ticker_names_a_product():
    iri = entity_iri("ZNTR")
    entities = {iri: Entity(iri, "ZNTR", "Product")}  # 'the ZNTR 10 score': the entity rules made it a product
    document = Document(text="Welcome to the call.", source="call.txt", kind="transcript", company="ZNTR")
    assert calls.focus(document, load_gazetteer(), entities, []) == iri
    assert entities[iri].type == "Organization"


@pytest.mark.parametrize("spellings, person, other", [
    # speech to text hears one name two ways: one person, named as in most turns, the other spelling an alias
    (["Paul Reilly", "Paul Reilly", "Paul Riley"], "Paul Reilly", "Paul Riley"),
    (["Dave Singleton", "David Singleton", "David Singleton"], "David Singleton", "Dave Singleton"),
    (["Ralph La Rosa", "Ralph LaRosa"], "Ralph La Rosa", "Ralph LaRosa"),
    # two people: other first names, or surnames too far apart
    (["John Smith", "Jane Smith"], "John Smith", None),
    (["Mark Ode", "Mark Odell"], "Mark Ode", None),
])
def test_a_speaker_spelled_two_ways_is_one_person(spellings, person, other):
    x = call([(who, f"Revenue rose {i + 2} percent in the quarter.") for i, who in enumerate(spellings)])
    speakers = {x.entities[q.speaker].name for q in x.quotes if q.speaker in x.entities}
    entity = next(e for e in x.entities.values() if e.name == person)
    if other is None:
        assert speakers == set(spellings)
    else:
        assert speakers == {person} and other in entity.aliases


ZENTARA_STAFF = """@prefix schema: <https://schema.org/> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/kg/id/entity/zentara> a schema:Organization ; schema:name "Zentara" .
<https://w3id.org/kg/id/entity/marisol-okafor> a schema:Person ; schema:name "Marisol Okafor" ;
    org:holds <https://w3id.org/kg/id/post/zentara/cfo> .
<https://w3id.org/kg/id/post/zentara/cfo> a org:Post ; org:postIn <https://w3id.org/kg/id/entity/zentara> ;
    skos:prefLabel "CFO" ; org:heldBy <https://w3id.org/kg/id/entity/marisol-okafor> ."""


@pytest.mark.parametrize("said, company", [
    ("Zentera Systems reported revenue of $3 billion.", "Zentara Systems"),  # misheard: the company, an alias
    ("Zentara Services reported revenue of $3 billion.", "Zentara Services"),  # another word: another company
])
def test_the_company_misheard_is_the_company(tmp_path, said, company):
    path = tmp_path / "zentara.ttl"
    path.write_text(ZENTARA_SYSTEMS)
    x = call([("Ana Ruiz", said)], header="Company: ZNT\nQuarter: Q2 2025\n\n", gazetteer=load_gazetteer((path,)))
    assert [name(x, f.subject) for f in x.figures] == [company]
    assert [(e.name, e.aliases) for e in x.entities.values() if e.name == "Zentara Systems"] == [
        ("Zentara Systems", ("Zentera Systems",) if company == "Zentara Systems" else ())]


@pytest.mark.parametrize("label, person", [
    ("Marisol Okafor", "Marisol Okafor"),
    ("Marisol Okafour", "Marisol Okafor"),  # spelled two letters apart: the company's one person spelled alike
    ("Marisol", "Marisol Okafor"),  # a first name alone that the call names no one by: the company's one Marisol
    ("Marisol Pereira", "Marisol Pereira"),  # another surname: another person
])
def test_a_speaker_joins_the_company_person_of_the_gazetteer(tmp_path, label, person):
    path = tmp_path / "zentara.ttl"
    path.write_text(ZENTARA_STAFF)
    x = call([(label, "Revenue rose in the quarter.")], gazetteer=load_gazetteer((path,)))
    assert {x.entities[q.speaker].name for q in x.quotes if q.speaker in x.entities} == {person}


MODERATED = [
    ("Dana Pike", "Welcome to the call. Ana will present our results."),
    ("Ana Ruiz", "Revenue rose 5% this quarter."),
    ("{intro}", "The first question comes from Rosa Kim at Keystone Research."),
    ("Rosa Kim", "How is demand?"),
    ("Ana Ruiz", "Demand is strong."),
    ("{intro}", "The next question comes from Leo Marsh at Harbor Capital."),
    ("Leo Marsh", "What about margins?"),
    ("Ana Ruiz", "Margins held."),
]


@pytest.mark.parametrize("intro, speakers", [
    # the host who introduces the questioners moderates: her hand-offs and welcome are no one's statement
    ("Dana Pike", ["Ana Ruiz", "Rosa Kim", "Ana Ruiz", "Leo Marsh", "Ana Ruiz"]),
    # the operator introduces them: the host who only opened the call is quoted
    ("Operator", ["Dana Pike", "Ana Ruiz", "Rosa Kim", "Ana Ruiz", "Leo Marsh", "Ana Ruiz"]),
])
def test_the_moderator_of_the_questions_is_not_quoted(intro, speakers):
    x = call([(who.format(intro=intro), said) for who, said in MODERATED])
    assert [name(x, q.speaker) for q in sorted(x.quotes, key=lambda q: q.start)] == speakers


# ------------------------------------------------------------------------------------------------ developers

OWN_PRODUCT_CASES = [
    # (who says it, what they say), the product, its developer (None: none stated)
    (("Ana Ruiz", "Our new Quillon 3 sold out in May."), "Quillon 3", "Zentara"),  # 'our'
    (("Ana Ruiz", "In March we launched Halo, an open-source toolkit for builders."), "Halo", "Zentara"),
    (("Ana Ruiz", "Orders for the Quillon 3 grew in every region."), "Quillon 3", None),  # a version alone: anyone's
    (("Ana Ruiz", "We've also just released Halo, a coding assistant."), "Halo", "Zentara"),  # words between
    (("Ana Ruiz", "This spring we rolled out Halo, a coding assistant."), "Halo", "Zentara"),  # two-word verb
    (("Ana Ruiz", "This spring they rolled out Halo, a coding assistant."), "Halo", None),  # not us
    (("Ana Ruiz", "Buyers use the Halo app, our new assistant."), "Halo", "Zentara"),  # an apposition of ours
    (("Ana Ruiz", "Buyers use the Halo app, which is our contact-center service."), "Halo", "Zentara"),
    (("Ana Ruiz", "Buyers use the Halo app, which partners resell."), "Halo", None),
    (("Ana Ruiz", "Developers moved to the Nvidia Orbix 2 this spring."), "Nvidia Orbix 2", "Nvidia"),  # its name
    (("Ana Ruiz", "Developers moved to Claude 5 this spring."), "Claude 5", "Anthropic"),  # the maker of 'Claude'
    (("Rosa Kim", "How are sales of the Quillon 3 going?"), "Quillon 3", None),  # an analyst's words
    # named in one list with a product of the company's own
    (("Ana Ruiz", "Our new Quillon 3, Tarvo 2 and Zentara Cloud sold well."), "Tarvo 2", "Zentara"),
    (("Ana Ruiz", "Users moved to our Quillon 3, Nebbia 4 and Orlo 7 this spring."), "Orlo 7", "Zentara"),
    (("Ana Ruiz", "Users moved to Quillon 3 and Nebbia 4 this spring."), "Nebbia 4", None),  # none of them own
    (("Rosa Kim", "Do our Quillon 3 and Nebbia 4 share a roadmap?"), "Nebbia 4", None),  # an analyst's list
    # a list our products open
    (("Ana Ruiz", "Our key products, defined as Norvex, Tarlin and Quodra, grew 20%."), "Tarlin", "Zentara"),
    (("Ana Ruiz", "Key products, defined as Norvex, Tarlin and Quodra, grew 20%."), "Tarlin", None),
]


@pytest.mark.parametrize("line, product, developer", OWN_PRODUCT_CASES)
def test_a_product_is_made_by_who_the_call_says(line, product, developer):
    lines = [("Ana Ruiz", "Thank you. Demand was strong."), ("Operator", "Our first question comes from Rosa Kim "
             "with Alder Securities."), ("Rosa Kim", "Thanks for taking my question.")]
    x = call(lines[:1] + [line] if line[0] == "Ana Ruiz" else lines + [line])
    makers = {name(x, d.product): name(x, d.developer) for d in x.developments}
    assert makers.get(product) == developer
