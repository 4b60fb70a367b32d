"""Extraction rules, sentence by sentence: text in, the expected entity / quote / figure / claim out.

The sentences are written for these tests; names outside the gazetteer are invented on purpose, so that the
rules (not the gazetteer) are what is tested.
"""
import pytest

from kg.extract import extract
from kg.model import Document


def run(text: str, **meta):
    return extract(Document(text=text, source="test.txt", **meta))


def names(extraction, iris):
    return [extraction.entities[i].name if i in extraction.entities else None for i in iris]


# ------------------------------------------------------------------ entities

ENTITY_CASES = [
    ("Shares of robotics startup Brightwave Dynamics rose.", "Brightwave Dynamics", "Organization"),
    ("Analysts said chip maker Zentara was the big winner.", "Zentara", "Organization"),
    ("CFO Maria Okafor said the quarter was strong.", "Maria Okafor", "Person"),
    ("The lab released its Quasar 3 AI model last week.", "Quasar 3", "AIModel"),
    ("Customers moved to the Quasar 3 model.", "Quasar 3", "AIModel"),  # a bare "model": a version number
    ("Users tried Brightwave's Lumen model.", "Lumen", "AIModel"),  # or a developer
    ("Growth was steady, Lionel Baptiste said on the call.", "Lionel Baptiste", "Person"),
    ("Meta said it would keep investing.", "Meta", "Organization"),
    ("Nvidia fell sharply.", "Nvidia", "Organization"),
    # named in passing: lists (typed by the noun before the cue, or by first names) and versioned products
    ("We signed customers like Brevo, Kastell and Norrvik this quarter.", "Kastell", "Organization"),
    ("The lineup adds Tarra, Quillon, Fenmore and Oskel.", "Fenmore", "Organization"),
    ("Our hosts include Dana Reyes, Mark Ode and Lena Fischer.", "Mark Ode", "Person"),
    ("It is a good quarter. Thank you, Dana, Mark and Lena, for taking my question.", "Mark", "Person"),
    ("We launched devices such as Luma and Orbit this spring.", "Orbit", "Product"),
    ("Sales of the new Quillon 16 were strong.", "Quillon 16", "Product"),
    ("Developers moved to the latest Orbit Pro 3 Max quickly.", "Orbit Pro 3 Max", "Product"),
    # a list takes the type of the names in it that the gazetteer knows, a known name is a name ('Prime Video')
    ("Growth came from Azure, Corvex Studio and Norrlyn this year.", "Norrlyn", "Product"),
    ("Viewers watched Prime Video, Quellix and Norrdal Live.", "Quellix", "Product"),
    # ... known names before the head noun ('leaders' heads people, but these are companies), and a head noun
    # before a comma and the cue
    ("We grew with industry leaders, including Cisco, Brevik Foods and Toyota.", "Brevik Foods", "Organization"),
    ("Our key products, defined as Norvex, Tarlin and Quodra, grew.", "Quodra", "Product"),
    # a single name after a noun that says what it is and a naming or list cue
    ("We launched a new platform called Lumora this spring.", "Lumora", "Product"),
    ("We bought a company called Brellix in May.", "Brellix", "Organization"),
    ("Associates use tools like Pocket Tarn every day.", "Pocket Tarn", "Product"),
    # a model's variant word in lower case inside a list
    ("We sold more Mac, Tarvo mini and Tarvo Air units.", "Tarvo mini", "Product"),
    # a model of a product: its name and a variant word
    ("We launched devices such as Luma and Orbit. Orbit Max sold out.", "Orbit Max", "Product"),
    # a word that ends an institution's name, before a code too
    ("The Harbor Growers Association backed the plan.", "Harbor Growers Association", "Organization"),
    ("We bought the Norrvik Therapeutics KX9 programme.", "Norrvik Therapeutics", "Organization"),
    # a medicine by its generic name: how the name ends, in lower case or capitals
    ("Enrolment in the study of velbrutinib closed early.", "velbrutinib", "Product"),
    ("Sorvelizumab was approved in Japan.", "Sorvelizumab", "Product"),
    ("We filed tarnepatide and a second drug, quolsiran, in May.", "quolsiran", "Product"),
    ("Data for Norvaglipron, our oral pill, came in May.", "Norvaglipron", "Product"),
    # a segment, by the form the text writes most: with its noun, or without
    ("In the Harbor segment, sales rose. Harbor segment margin fell. Harbor grew.", "Harbor segment", "Organization"),
    ("Turning to Harbor. Harbor sales rose, Harbor margin fell, and the Harbor segment grew.", "Harbor", "Organization"),
    ("In the North America segment, revenue was $5 billion.", "North America segment", "Organization"),  # a place's name
    # the unit a post is held at
    ("With us is Ana Ruiz, President of Corvane Oncology, who joined in May.", "Corvane Oncology", "Organization"),
    # a listed company's name and capitalised words: one of its products
    ("Developers moved to Nvidia Orbix this spring.", "Nvidia Orbix", "Product"),
    ("Subscribers to Nvidia Tarn+ doubled.", "Nvidia Tarn+", "Product"),
    # names after a noun of a partnership and 'with' are organisations, a known ticker its company
    ("In June we announced a partnership with Quillo, giving buyers more reach.", "Quillo", "Organization"),
    ("We expanded our relationship with Tarn Labs and Brellix this year.", "Brellix", "Organization"),
    ("We signed an agreement with LVS this year.", "Las Vegas Sands", "Organization"),
    # a name that has a count of users is a product's
    ("Orbix Play now has over 2 billion monthly users.", "Orbix Play", "Product"),
    ("Sales were fine. And Lumen Notes passed 10 million downloads in May.", "Lumen Notes", "Product"),
    ("We like Quillo a lot. Quillo has 40 million users today.", "Quillo", "Product"),
]


@pytest.mark.parametrize("text, name, type_", ENTITY_CASES)
def test_entity(text, name, type_):
    found = {(e.name, e.type) for e in run(text).entities.values()}
    assert (name, type_) in found


@pytest.mark.parametrize("text, absent", [
    ("However, the results were strong.", "However"),
    ("During the call, management was upbeat.", "During"),
    ("The meta-analysis was published.", "Meta"),
    ("We moved to a SaaS model last year.", "SaaS"),  # a business model: a bare "model" with no evidence
    ("Demand for the U.S. model stayed firm.", "U.S."),
    ("In local currency, Canada posted comps below the average.", "Canada"),  # a place used as a place
    ("Riders in the Austin robotaxi fleet paid less.", "Austin"),
    ("Jane Roe, Executive Vice President and Chief Financial Officer, spoke.", "Chief Financial"),  # a post
    ("Remarks include statements as defined in the Private Securities Litigation Reform Act.", "Private Securities"),
    ("Joining us are Ana Ruiz, Senior Executive Vice President, and others.", "Senior"),
    ("Joining us today are Ted Roe, Chair, President, and CEO.", "President"),  # posts in a list are no names
    ("Trials moved to Phase 3 in March.", "Phase 3"),  # a numbered term is no product
    ("Our new Trains 11 and 12 start up next year.", "Trains 11"),  # plural too
    ("Results appear in Exhibit 1 to the release.", "Exhibit 1"),
    ("How will CapEx 26 compare with this year?", "CapEx 26"),  # a metric's word and a year
    ("Risks are listed in our Forms 10-K and 10-Q.", "Forms 10"),  # a number cut from its word
    ("Sales rose in Canada, Mexico and Brazil.", "Mexico"),
    ("The concept was tested with a short peptide and an intercept study.", "intercept"),  # no medicine
    ("The concept was tested with a short peptide and an intercept study.", "concept"),
    ("With us is Ted Roe, Vice President of Capital Markets, who joined in May.", "Capital Markets"),  # a function
    ("With us is Ted Roe, President of North America, who joined in May.", "North America"),  # a place
    ("We met the regulator on Jan 21 and again in May.", "Jan 21"),  # a date, no version
    ("The American Society of Harbor Pilots met.", "American Society"),  # a longer name goes on after 'of'
    ("Partners built on our developer APIs this year.", "APIs"),  # a generic term
    ("How should we think about margins of the SaaS apps?", "SaaS"),
    ("Sales rose after the January price increase of 5%.", "January"),  # a month before a metric is no part
    ("Demand for the Q4 platform grew.", "Q4"),  # a period before a product noun is no name
    ("Interim CFO Dana Reyes spoke first.", "Interim"),  # a word of the post, no organisation
    ("Thanks. Kathleen I think the plan works.", "Kathleen I"),  # the pronoun, no version
    ("Over to Ana Ruiz, Vice President, Director, Investor Relations.", "Vice President"),  # titles in a row
    ("Media leaders like Quorvane see it.", "Quorvane"),  # one name after a noun of people: not typed by it
    ("We buy more tools from Brellix each year.", "Brellix"),  # 'from' opens lists only
    ("We signed with partners like Tarn-Mobile this year.", "Tarn"),  # a name cut at its hyphen
    # a company's name and words that are no product's: a post, a site, an event, a part before its metric
    ("Nvidia CEO Dana Reyes spoke.", "Nvidia CEO"),
    ("Staff moved into Nvidia Park in May.", "Nvidia Park"),
    ("We met investors at the Nvidia Conference in May.", "Nvidia Conference"),
    ("Nvidia Orbix revenue grew 20% in the quarter.", "Nvidia Orbix"),
    ("Graduates of the Nvidia Design Academy joined.", "Nvidia Design"),  # a name that goes on
    ("Orders came from Nvidia And then more came.", "Nvidia And"),
    ("Then, Rose Garden Center opened its doors.", "Rose Garden Center"),  # a first name opens a site's name
    # a word that opens a turn is no speaker's name
    ("Is that fair? Yeah, Tom, that's exactly how I'm thinking about it.", "Yeah"),
    ("Okay, that's what we said before.", "Okay"),
    ("Hi, Jeff. Hey, Rich, just thinking about the plan for next year.", "Rich"),  # addressed, not speaking
    ("Hey, Rich, can you say how you're thinking about margins?", "Rich"),  # "you're" speaks, not Rich
    ("Sales were fine. Quillo has 40 million users today.", "Quillo"),  # one word, capitalised only opening
    ("Over to Nike Inc. President and CEO Dana Reyes.", "Nike Inc."),  # the known company, its suffix's stop too
    ("We signed contracts with OEMs in May.", "OEMs"),  # a kind of firm
    ("Our relationship with Quillo-Brands grew.", "Quillo"),  # a name cut at its hyphen
])
def test_not_an_entity(text, absent):
    assert absent not in {e.name for e in run(text).entities.values()}


def test_a_person_after_a_partnership_is_no_organisation():
    found = {(e.name, e.type) for e in run("We struck a deal with Dana Whitfield last year.").entities.values()}
    assert ("Dana Whitfield", "Organization") not in found


@pytest.mark.parametrize("opening, ticker, company", [
    ("Good morning and welcome to the Corvane Q2 2025 earnings conference call.", "CRVN", "Corvane"),
    ("Greetings, and welcome to the Harbor Goods first quarter 2025 earnings call.", "HGD", "Harbor Goods"),
    ("Welcome to Zentara's fiscal third quarter results call.", "ZNTR", "Zentara"),
    ("Welcome to Centera's fiscal third quarter results call.", "ZNTR", "ZNTR"),  # misheard: it does not spell it
    ("Welcome to Tarn-Mobile's second quarter call.", "TMBL", "Tarn-Mobile"),  # a hyphen joins the name
    ("Welcome to Pardee & Gaule's second quarter call.", "PDG", "Pardee & Gaule"),  # and so does an ampersand
    # a name that does not spell the ticker but opens with its letter, heard once: misheard
    ("Welcome to Calloway's second quarter call.", "CWX", "CWX"),
])
def test_a_call_is_named_by_the_company_it_welcomes_to(opening, ticker, company):
    from kg.documents import read_text
    text = opening + " I will now turn the call over to Ana Ruiz. Thank you. " + "Revenue grew in every region. " * 80
    x = extract(read_text(text, f"{ticker}_2025_Q2.txt"))
    assert x.event.name.startswith(company + " ")


@pytest.mark.parametrize("opening, ticker, named, company", [
    # a welcomed name that opens with the ticker's letter and is heard again and again ('Chevron' for CVX)
    ("Welcome to Calloway's second quarter call.", "CWX", "Calloway", "Calloway"),
    # ... and the call is named by the longer name its opening gives, when that one spells the ticker
    ("Welcome to Dorrance's Pizza's second quarter 2025 call.", "DRPZ", "Dorrance", "Dorrance's Pizza"),
    # no welcome: a name opening with the ticker's letter that holds its other letters in order ('Amgen', AMGN)
    ("Today we have the team of Arvoline Networks here.", "ANWK", "Arvoline Networks", "Arvoline Networks"),
    # a two-letter ticker asks for the name to begin with it or for its initials
    ("Today we have the team of Michaelson Networks here.", "ML", "Michaelson Networks", "ML"),
])
def test_a_call_named_again_and_again_is_named_by_that_company(opening, ticker, named, company):
    from kg.documents import read_text
    text = opening + " I will now turn the call over to Ana Ruiz. Thank you. " + f"{named} grew in every region. " * 80
    x = extract(read_text(text, f"{ticker}_2025_Q2.txt"))
    assert x.event.name.startswith(company + " ")


def test_a_medicine_spelled_two_ways_is_one_product():
    extraction = run("Sales of norvepatide rose 20%. Norvapatide is our lead drug, and norvepatide supply grew.")
    medicines = [e.name for e in extraction.entities.values() if e.type == "Product"]
    assert medicines == ["norvepatide"]


@pytest.mark.parametrize("text, expected", [
    # a second title has the organisation named after it (the first: the company the text is about)
    ("Nvidia grew. With us is Ana Ruiz, Chief Scientific Officer and President of Nvidia Robotics, who joined.",
     {("Chief Scientific Officer", "Nvidia"), ("President", "Nvidia Robotics")}),
    # a post held at two units joined by 'and'
    ("With us is Ana Ruiz, President of Cardio Health Care and Corvane USA, who joined in May.",
     {("President", "Cardio Health Care"), ("President", "Corvane USA")}),
    # ... but one name with 'and' inside is one organisation
    ("With us is Ana Ruiz, President of Harbor and Gamble, who joined in May.", {("President", None)}),
    # titles in a row, with commas
    ("Joining us are Ted Roe, Chair, President, and CEO, and others.", {("Chair", None), ("President", None),
                                                                         ("CEO", None)}),
    # a function after 'of' is part of the title; a rank before it too
    ("With us is Ana Ruiz, Executive Vice President of Merchandising, who joined in May.",
     {("Executive Vice President of Merchandising", None)}),
    ("With us is Ana Ruiz, Senior Executive Vice President, who joined in May.",
     {("Senior Executive Vice President", None)}),
])
def test_titles_in_a_row(text, expected):
    x = run(text)
    assert {(r.title, x.entities[r.organization].name if r.organization else None) for r in x.roles} == expected


def test_a_post_is_held_at_the_unit_its_title_names():
    x = run("With us are Ana Ruiz, President of Nvidia Robotics, and Ted Roe, CFO of Nvidia.")
    roles = {(x.entities[r.person].name, x.entities[r.organization].name) for r in x.roles}
    assert roles == {("Ana Ruiz", "Nvidia Robotics"), ("Ted Roe", "Nvidia")}


def test_role_with_organisation_before_title():
    x = run("Zentara CEO Paulo Reyes defended the plan.")
    roles = {(x.entities[r.person].name, r.title, x.entities[r.organization].name) for r in x.roles}
    assert ("Paulo Reyes", "CEO", "Zentara") in roles


@pytest.mark.parametrize("text, expected", [
    # titles joined before a name are each a post of that name, at the organisation before them
    ("Over to Zentara's chairman and CEO, Paulo Reyes, and CFO Ana Ruiz.",
     {("Paulo Reyes", "chairman"), ("Paulo Reyes", "CEO"), ("Ana Ruiz", "CFO")}),
    # titles after a comma belong to the name before them: a list of appositions
    ("With me are Paulo Reyes, our Chair and CEO, Ana Ruiz, our CFO, and Ted Roe, COO.",
     {("Paulo Reyes", "Chair"), ("Paulo Reyes", "CEO"), ("Ana Ruiz", "CFO"), ("Ted Roe", "COO")}),
    ("With me are Paulo Reyes, Zentara's President and CEO, Ana Ruiz, Senior Vice President and CFO.",
     {("Paulo Reyes", "President"), ("Paulo Reyes", "CEO"), ("Ana Ruiz", "Senior Vice President"),
      ("Ana Ruiz", "CFO")}),
])
def test_titles_joined_before_or_after_a_name(text, expected):
    x = run(text)
    assert {(x.entities[r.person].name, r.title) for r in x.roles} == expected


@pytest.mark.parametrize("text", [
    "Brightwave Dynamics said on Monday that Ines Moreau, its chief financial officer, would leave.",
    "Ines Moreau, chief financial officer of Brightwave Dynamics, would leave.",
])
def test_role_in_apposition(text):
    x = run(text)
    roles = {(x.entities[r.person].name, x.entities[r.organization].name) for r in x.roles}
    assert roles == {("Ines Moreau", "Brightwave Dynamics")}


def test_developer_from_possessive():
    x = run("Chinese startup Lumen AI launched its Halo 2 AI model on Monday.")
    devs = {(x.entities[d.product].name, x.entities[d.developer].name) for d in x.developments}
    assert ("Halo 2", "Lumen AI") in devs


def test_surname_refers_to_full_name():
    x = run("CFO Maria Okafor spoke first. Okafor said costs were down.")
    people = {e.name for e in x.entities.values() if e.type == "Person"}
    assert people == {"Maria Okafor"}


# ------------------------------------------------------------------ quotes

QUOTE_CASES = [
    # text, quote text, speaker
    ("\u201cWe are growing faster than ever,\u201d CEO Paulo Reyes said.", "We are growing faster than ever", "Paulo Reyes"),
    ('"Demand is strong," said Paulo Reyes, the chief executive.', "Demand is strong", "Paulo Reyes"),
    ("CEO Paulo Reyes said: \u201cThe numbers speak for themselves.\u201d", "The numbers speak for themselves.", "Paulo Reyes"),
    ("CFO Maria Okafor spoke next. \u201cMargins will improve,\u201d she said.", "Margins will improve", "Maria Okafor"),
    ("CFO Maria Okafor argued that the firm is \u201cbetter placed\u201d than rivals.", "better placed", "Maria Okafor"),
]


@pytest.mark.parametrize("text, quote, speaker", QUOTE_CASES)
def test_quote_and_speaker(text, quote, speaker):
    x = run(text)
    got = {(q.text, x.entities[q.speaker].name if q.speaker else None) for q in x.quotes}
    assert (quote, speaker) in got


def test_unattributed_quote_continues_previous_speaker():
    x = run("\u201cWe doubled output,\u201d CEO Paulo Reyes told analysts. \u201cNext year we double it again.\u201d")
    assert [names(x, [q.speaker])[0] for q in x.quotes] == ["Paulo Reyes", "Paulo Reyes"]


def test_scare_quotes_are_not_quotations():
    assert run('The so-called "AI bubble" worried investors.').quotes == []


def test_quote_offsets_point_into_the_text():
    text = "Intro line.\n\n\u201cIt\u2019s a good year,\u201d CEO Paulo Reyes said."
    x = run(text)
    assert [text[q.start:q.end] for q in x.quotes] == ["It\u2019s a good year"]


# ------------------------------------------------------------------ figures

FIGURE_CASES = [
    # text, figure text, (value, unit, metric label, subject, period)
    ("Chip maker Zentara reported $3.2 billion in third-quarter revenue, up 14% year over year.", "$3.2 billion",
     (3.2e9, "USD", "revenue", "Zentara", "Q3")),
    ("Chip maker Zentara reported $3.2 billion in third-quarter revenue, up 14% year over year.", "14%",
     (14, "percent", "revenue growth", "Zentara", "Q3")),
    ("Shares of chip maker Zentara dropped 8% on Friday.", "8%", (8, "percent", "share price", "Zentara", None)),
    ("Brightwave Dynamics expects capital expenditures of $4-5 billion for 2026.", "$4-5 billion",
     (4e9, "USD", "capex", "Brightwave Dynamics", "2026")),
    # a metric after "and" starts the next item of a list: the range is revenue, not gross margin
    ("Brightwave Dynamics expects revenue between $2.1 billion and $2.3 billion and gross margin of about 44% "
     "in 2026.", "$2.1 billion and $2.3 billion", (2.1e9, "USD", "revenue", "Brightwave Dynamics", "2026")),
]


@pytest.mark.parametrize("text, figure_text, expected", FIGURE_CASES)
def test_figure(text, figure_text, expected):
    from kg import lexicon
    x = run(text, published=None)
    figures = {f.text: f for f in x.figures}
    assert figure_text in figures
    f = figures[figure_text]
    value, unit, metric, subject, period = expected
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert lexicon.load().label(f.metric) == metric
    assert names(x, [f.subject]) == [subject]
    assert (f.period.label.split()[0] if f.period else None) == period


TRANSCRIPT = {"kind": "transcript", "company": "Zentara"}


def _call(lines: list[tuple[str, str]]) -> Document:
    """A labelled call: `Name: text` lines, with the turns the reader would find."""
    from kg.documents import read_text
    return read_text("Company: Zentara\nQuarter: Q2 2025\n\n" + "\n".join(f"{who}: {said}" for who, said in lines))


CALL_FIGURE_CASES = [
    # lines of a call, figure text, (metric label, subject)
    ([("Ana Ruiz", "In the Orbital segment, revenue was $4.1 billion, a 9% increase year-over-year.")], "9%",
     ("revenue growth", "Orbital segment")),  # the segment by its fullest form
    ([("Ana Ruiz", "In the Orbital segment, revenue was $4.1 billion, a 9% increase year-over-year.")], "$4.1 billion",
     ("revenue", "Orbital segment")),
    ([("Ana Ruiz", "Moving next to our Ground Systems segment. Revenue was $2.2 billion. Operating margin was "
                   "11%, up 150 basis points.")], "150 basis points", ("operating margin change", "Ground Systems")),
    ([("Ana Ruiz", "Moving next to our Ground Systems segment. Revenue was $2.2 billion.")], "$2.2 billion",
     ("revenue", "Ground Systems")),
    ([("Ana Ruiz", "Turning to profitability. Operating income was $900 million.")], "$900 million",
     ("operating income", "Zentara")),
    # a topic cue's words in lower case that end its sentence and open the next one's metric: a part
    ([("Ana Ruiz", "Moving on to licensing. Licensing revenue rose 9% on the year.")], "9%",
     ("revenue growth", "licensing")),
    ([("Ana Ruiz", "Now moving to gaming. Gaming revenue was $2 billion.")], "$2 billion", ("revenue", "gaming")),
    ([("Ana Ruiz", "Turning to revenue. Revenue grew 5%.")], "5%", ("revenue growth", "Zentara")),
    # a place after 'in' right after the amount, or before 'by' and the amount; not a place's adjective
    ([("Ana Ruiz", "Sales grew 3% globally and 1% in the U.S. and Canada.")], "1%", ("revenue growth", "U.S.")),
    ([("Ana Ruiz", "Sales grew 3% globally and 1% in the U.S. and Canada.")], "3%", ("revenue growth", "Zentara")),
    ([("Ana Ruiz", "We grew in Japan by 4% this quarter.")], "4%", (None, "Japan")),
    ([("Ana Ruiz", "Revenue was $3 billion in U.S. dollars.")], "$3 billion", ("revenue", "Zentara")),
    ([("Ana Ruiz", "In March we launched Halo, an open-source toolkit for builders, with 40,000 downloads "
                   "already.")], "40,000", (None, "Halo")),
    # a topic cue turns to the name right after it, not to one named later in its sentence
    ([("Ana Ruiz", "Turning to the third quarter, we expect demand to dip with the recent Harbor Labs formulary "
                   "change. Operating margin will be 30%.")], "30%", ("operating margin", "Zentara")),
    ([("Ana Ruiz", "Turning to our Orbital segment, demand held. Operating margin was 30%.")], "30%",
     ("operating margin", "Orbital segment")),
    # a part named after the metric and 'in', 'from' or 'of', before its verb
    ([("Ana Ruiz", "Revenue in Orbital Care was $9.9 billion.")], "$9.9 billion", ("revenue", "Orbital Care")),
    ([("Ana Ruiz", "Sales of Comet Max decreased 3% on the year.")], "3%", ("revenue growth", "Comet Max")),
    ([("Ana Ruiz", "Revenue in August was $1 billion.")], "$1 billion", ("revenue", "Zentara")),
    # a part's name joined by 'of', or opened by a modifier's word the text writes capitalised
    ([("Ana Ruiz", "House of Brands revenue was $4 billion.")], "$4 billion", ("revenue", "House of Brands")),
    ([("Ana Ruiz", "We keep funding Other Ventures. Other Ventures revenues were $73 million.")], "$73 million",
     ("revenue", "Other Ventures")),
    ([("Ana Ruiz", "Other revenue was $3 million.")], "$3 million", ("revenue", "Zentara")),
    # a part named after 'In' or 'For' and before a comma, its words joined by 'and'; not 'For now,'
    ([("Ana Ruiz", "In Home and Garden, revenue was $13.5 billion.")], "$13.5 billion", ("revenue", "Home and Garden")),
    ([("Ana Ruiz", "For Orbital Care, we expect revenue of $2 billion.")], "$2 billion", ("revenue", "Orbital Care")),
    ([("Ana Ruiz", "For now, revenue is $5 billion a quarter.")], "$5 billion", ("revenue", "Zentara")),
    # a product's name before a part's: the product's named part
    ([("Ana Ruiz", "Windows Kiosk and Devices revenue increased 3%.")], "3%",
     ("revenue growth", "Windows Kiosk and Devices")),
    # what a metric leaves out, said inside its phrase, is not the metric
    ([("Ana Ruiz", "Ad revenue excluding partner payment costs increased 21%.")], "21%",
     ("advertising revenue growth", "Zentara")),
    ([("Ana Ruiz", "Net sales excluding the extra selling week increased 3%.")], "3%", ("revenue growth", "Zentara")),
]


QUESTION_TOPIC_OPENING = [
    ("Ana Ruiz", "In March we launched Halo, our new design tool. In May we launched Beacon, our new search tool."),
    ("Operator", "Our first question comes from Sam Lee with Orton Bank."),
]
QUESTION_TOPIC_CASES = [
    # the answer's figures after the question, (metric label, subject)
    # the one product the question asks about, named again by the answer: the answer's figures are its
    ([("Sam Lee", "How is Halo doing with customers?"),
      ("Ana Ruiz", "Halo is off to a fine start. Paid seats rose 30% in the quarter.")], "30%", "Halo"),
    # the answer turns to another product: the company's
    ([("Sam Lee", "How is Halo doing with customers?"),
      ("Ana Ruiz", "Halo is off to a fine start, and Beacon too. Paid seats rose 30% in the quarter.")], "30%",
     "Zentara"),
    # a question about two products names no topic
    ([("Sam Lee", "How are Halo and Beacon doing?"),
      ("Ana Ruiz", "Halo is off to a fine start. Paid seats rose 30% in the quarter.")], "30%", "Zentara"),
    # the answer never names the product near the figure: the company's
    ([("Sam Lee", "How is Halo doing with customers?"),
      ("Ana Ruiz", "Halo is off to a fine start. We hired many engineers. Demand was strong everywhere. The "
                   "backlog grew. Paid seats rose 30% in the quarter.")], "30%", "Zentara"),
]


@pytest.mark.parametrize("lines, figure_text, subject", QUESTION_TOPIC_CASES)
def test_an_answer_figure_is_of_the_product_the_question_asks_about(lines, figure_text, subject):
    x = extract(_call(QUESTION_TOPIC_OPENING + lines))
    figures = {f.text: f for f in x.figures}
    assert names(x, [figures[figure_text].subject]) == [subject]


@pytest.mark.parametrize("lines, figure_text, expected", CALL_FIGURE_CASES)
def test_call_figure_metric_and_subject(lines, figure_text, expected):
    from kg import lexicon
    x = extract(_call(lines))
    figures = {f.text: f for f in x.figures}
    assert figure_text in figures
    f = figures[figure_text]
    assert (lexicon.load().label(f.metric) if f.metric else None, names(x, [f.subject])[0]) == expected


FISCAL_GAZETTEER = """@prefix schema: <https://schema.org/> . @prefix kg: <https://w3id.org/kg/ontology#> .
<https://w3id.org/kg/id/entity/zentara> a schema:Organization ; schema:name "Zentara" ; kg:fiscalYearEnd %s ."""


@pytest.mark.parametrize("year_end, event_period, figures", [
    # June: the call's Q2 2025 is fiscal, October to December 2024; its quarters are fiscal too
    (6, ("Q2 FY2025", "2024-10-01", "2024-12-31"),
     {"$3 billion": ("Q2 FY2025", "2024-10-01"), "$3.2 billion": ("Q3 FY2025", "2025-01-01"),
      "$12 billion": ("FY2025", "2024-07-01")}),
    # December: the fiscal year is the calendar year
    (12, ("Q2 2025", "2025-04-01", "2025-06-30"),
     {"$3 billion": ("Q2 2025", "2025-04-01"), "$3.2 billion": ("Q3 2025", "2025-07-01"),
      "$12 billion": ("2025", "2025-01-01")}),
])
def test_a_call_of_a_company_with_a_fiscal_year_puts_its_periods_on_it(tmp_path, year_end, event_period, figures):
    from kg.extract.gazetteer import load_gazetteer
    (tmp_path / "zentara.ttl").write_text(FISCAL_GAZETTEER % year_end)
    x = extract(_call([("Ana Ruiz", "Revenue was $3 billion this quarter. We expect revenue of $3.2 billion "
                                    "next quarter and $12 billion for fiscal 2025.")]),
                load_gazetteer((tmp_path / "zentara.ttl",)))
    span = x.event.period.span()
    assert (x.event.period.label, str(span[0]), str(span[1])) == event_period
    assert x.event.name == f"Zentara {event_period[0]} earnings call"
    got = {f.text: (f.period.label, str(f.period.span()[0])) for f in x.figures if f.period}
    assert {text: got.get(text) for text in figures} == figures


def test_a_call_pairs_each_question_with_its_answers():
    x = extract(_call([
        ("Ana Ruiz", "Revenue grew 9% this quarter."),
        ("Operator", "Our first question comes from Lee Park with Keystone Research."),
        ("Lee Park", "How should we think about margins next year?"),
        ("Ana Ruiz", "We expect them to hold."),
        ("Sam Ortiz", "And our costs keep falling."),
        ("Operator", "That concludes our question-and-answer session."),
        ("Ana Ruiz", "Thank you all for joining us today and for your questions."),
    ]))
    by_text = {q.text.split()[0]: q for q in x.quotes}
    question = by_text["How"]
    assert question.question and question.answers is None
    assert [by_text[w].answers for w in ("We", "And")] == [(question.start, question.end)] * 2
    assert by_text["Revenue"].answers is None and not by_text["Revenue"].question  # prepared remarks
    assert by_text["Thank"].answers is None  # after the operator closes the questions


CALL_QUOTE_CASES = [
    # lines of a call, texts quoted (in order)
    ([("Operator", "Our first question comes from Lee Park with Alder Securities."),
      ("Lee Park", "How is demand holding up?"), ("Ana Ruiz", "Demand is strong in every region.")],
     ["How is demand holding up?", "Demand is strong in every region."]),
    ([("Moderator", "Welcome to the call."), ("Ana Ruiz", "Thanks. We had a record quarter."),
      ("Lee Park", "Okay. Thank you.")], ["Thanks. We had a record quarter."]),
    ([("Ana Ruiz", 'I told the team, "Ship it by June." And we did.'), ("Lee Park", "Great quarter.")],
     ['I told the team, "Ship it by June." And we did.', "Great quarter."]),
]


@pytest.mark.parametrize("lines, quoted", CALL_QUOTE_CASES)
def test_call_quotes_are_people_statements(lines, quoted):
    assert [q.text for q in extract(_call(lines)).quotes] == quoted


CALL_ANALYST_CASES = [
    # lines of a call, (analyst, firm)
    ([("Ana Ruiz", "Thanks. The next question comes from Lee at Keystone Research."),
      ("Lee Michael Park", "Can you talk about pricing?")], ("Lee Michael Park", "Keystone Research")),
    ([("Ana Ruiz", "We will now move on to Will from Alder Securities."), ("William Osei", "Thanks for taking it.")],
     ("William Osei", "Alder Securities")),
    ([("Operator", "Our next question comes from Tom Reyes with Harbor Partners."),
      ("Thomas J. Reyes", "Two questions, please.")], ("Tom Reyes", "Harbor Partners")),
]


@pytest.mark.parametrize("lines, expected", CALL_ANALYST_CASES)
def test_analyst_named_by_the_hand_off(lines, expected):
    x = extract(_call(lines))
    roles = {(x.entities[r.person].name, x.entities[r.organization].name) for r in x.roles if r.title == "Analyst"}
    assert expected in roles


def test_an_analysts_firm_keeps_the_name_the_call_gives_it():
    x = extract(_call([("Operator", "Our next question comes from Tom Reyes with Citi."),
                       ("Tom Reyes", "Two questions, please.")]))
    (role,) = [r for r in x.roles if r.title == "Analyst"]
    assert (x.entities[role.organization].name, role.organization_name) == ("Citigroup", "Citi")


CALL_CLAIM_CASES = [
    # lines of a call, words a claim must contain (None: no claim), claimant
    ([("Ana Ruiz", "Q3 revenue is expected to be between $4 billion and $4.4 billion.")], "between $4 billion",
     "Ana Ruiz"),
    ([("Ana Ruiz", "Our costs will rise in the near term as the new plant ramps.")], "costs will rise", "Ana Ruiz"),
    ([("Ana Ruiz", "There will be a step up in deliveries next quarter.")], "step up in deliveries", "Ana Ruiz"),
    ([("Ana Ruiz", "I'll take both of those questions.")], None, None),
    ([("Ana Ruiz", "You're going to want to run those workloads close to your data.")], None, None),
    ([("Ana Ruiz", "Thanks. The next question comes from Lee at Keystone Research."),
      ("Lee Michael Park", "So prices will go up next year. Will margins hold?")], None, None),
]


@pytest.mark.parametrize("lines, words, claimant", CALL_CLAIM_CASES)
def test_call_claims(lines, words, claimant):
    x = extract(_call(lines))
    got = [(c.text, x.entities[c.claimant].name if c.claimant in x.entities else None) for c in x.claims]
    if words is None:
        assert got == []
    else:
        assert any(words in text and who == claimant for text, who in got), got


def test_direction_of_change():
    x = run("Zentara shares fell 8% while Brightwave Dynamics rose 3%.")
    assert [(f.text, f.direction) for f in x.figures] == [("8%", "down"), ("3%", "up")]


# ------------------------------------------------------------------ claims

CLAIM_CASES = [
    # text, words the claim must contain, claimant, kind
    ("CEO Paulo Reyes said that chip maker Zentara will double its capacity in 2026.", "double its capacity", "Paulo Reyes", "forecast"),
    ("Chip maker Zentara plans to open a second factory in Texas.", "open a second factory", "Zentara", "plan"),
    ("CFO Maria Okafor sees the slowdown as temporary.", "slowdown as temporary", "Maria Okafor", "assessment"),
    ("Chip maker Zentara reportedly paid $2 billion for the startup.", "paid $2 billion", "Zentara", "reported"),
    ("Chip maker Zentara grew. Zentara's operating costs are projected to fall in 2026.", "projected to fall", "Zentara", "forecast"),
    ("This follows CEO Paulo Reyes's prediction that demand will outstrip supply.", "demand will outstrip supply",
     "Paulo Reyes", "forecast"),
]


@pytest.mark.parametrize("text, words, claimant, kind", CLAIM_CASES)
def test_claim(text, words, claimant, kind):
    from kg import lexicon
    x = run(text)
    matching = [c for c in x.claims if words in c.text]
    assert matching, [c.text for c in x.claims]
    c = matching[0]
    assert names(x, [c.claimant]) == [claimant]
    assert lexicon.load().label(c.kind) == kind


@pytest.mark.parametrize("text, stated", [
    ("Chip maker Zentara expects revenue of more than $120 million in 2025, up from $38 million in 2024.",
     ["$120 million"]),  # the base of the comparison is not what the forecast states
    ("Chip maker Zentara expects revenue of $5 billion in 2026, compared with $4 billion in 2025.", ["$5 billion"]),
    ("Chip maker Zentara expects revenue between $2 billion and $3 billion in 2026.", ["$2 billion and $3 billion"]),
    # a claim ending on a percentage keeps its sign, and states the amount and its tolerance
    ("Chip maker Zentara expects revenue of $7 billion, plus or minus 4%.", ["$7 billion, plus or minus 4%"]),
    # after 'range', 'from X to Y' is a range, not a change from a base
    ("Chip maker Zentara expects revenue to range from $2 billion to $3 billion in 2026.", ["$2 billion to $3 billion"]),
    # a former range after the new one is its base
    ("Chip maker Zentara expects revenue of $3 billion to $4 billion from $2 billion to $4 billion before.",
     ["$3 billion to $4 billion"]),
])
def test_the_figures_a_claim_states(text, stated):
    x = run(text)
    figures = {(f.start, f.end): f.text for f in x.figures}
    claims = [c for c in x.claims if "expects revenue" in c.text]
    assert claims, [c.text for c in x.claims]
    assert [figures[span] for span in claims[0].figures] == stated


def test_an_entity_name_has_no_space_around_it():
    from kg.model import Entity
    # speech to text leaves double spaces ('Thank you,  Dana'): a name taken with one keeps none of it
    assert Entity("e", " Dana Ruiz ", "Person", (" Dana",)) == Entity("e", "Dana Ruiz", "Person", ("Dana",))
