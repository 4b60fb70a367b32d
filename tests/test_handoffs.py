"""Speaker turns inferred from hand-offs in speech-to-text call transcripts (one paragraph, no labels).

Every excerpt here is invented: the companies, the people and the words.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.documents import read_path
from kg.extract import extract
from kg.model import Document
from kg.documents.handoffs import infer_turns, introductions
from kg.documents.handoffs.cues import cue_phrases
from kg.documents.handoffs.rules import (
    ADDRESSED,
    ANALYST,
    CLOSING,
    FOLLOW_UP,
    HANDOFF,
    HANDOFF_CONFIRMED,
    HANDOFF_FIRST_NAME,
    MODERATOR,
    OPENING,
    OPERATOR,
    QUESTION_INTRO,
    RECENT,
    SELF_NAMED,
    UNKNOWN,
)

DATA = Path(__file__).parent / "data" / "documents"

# --- whole calls: (speaker, words spoken, confidence) in order; the text is the words joined by spaces ---------

CORVANE_CALL = [
    (OPERATOR, "Good afternoon and welcome to the Corvane Systems second quarter earnings call. Today's call is "
               "being recorded. I would now like to turn the conference over to Dana Reyes, head of investor "
               "relations. Please go ahead.", OPENING),
    ("Dana Reyes", "Thank you, and good afternoon. Joining me today are Mark Ode, our chief executive, and Lena "
                   "Fischer, our chief financial officer. Our remarks include forward-looking statements. With "
                   "that, I'll turn the call over to Mark.", HANDOFF),
    ("Mark Ode", "Thank you, Dana. We had a strong quarter, with orders up in every region. Let me hand it over "
                 "to Lena for the numbers.", HANDOFF_CONFIRMED),
    ("Lena Fischer", "Thanks, Mark. Revenue rose eleven percent to three hundred million dollars. With that, "
                     "operator, we are ready for questions.", HANDOFF_CONFIRMED),
    (OPERATOR, "Thank you. To ask a question, please press star one on your telephone keypad. Our first question "
               "comes from the line of Rosa Kim with Alder Securities. Your line is open.", QUESTION_INTRO),
    ("Rosa Kim", "Hi, thanks for taking my question. Mark, how durable is the demand you are seeing in Europe?",
     ANALYST),
    ("Mark Ode", "Yeah, Rosa, we think it is durable. Our backlog covers most of next year.", ADDRESSED),
    ("Rosa Kim", "Thank you, Mark. And as a follow-up, how should we think about margins in the fall?", FOLLOW_UP),
    ("Lena Fischer", "Rosa, this is Lena. We expect margins to stay near where they are today.", SELF_NAMED),
    ("Dana Reyes", "Thanks, Rosa. Operator, next question, please.", MODERATOR),
    (OPERATOR, "Our next question comes from Tom Vance from Brightwater Partners. Please go ahead.", QUESTION_INTRO),
    ("Tom Vance", "Good afternoon. Mark, can you talk about pricing in Asia?", ANALYST),
    ("Mark Ode", "Sure. Prices held firm through the quarter, and we see room for more.", ADDRESSED),
    (OPERATOR, "This concludes today's conference call. You may now disconnect.", CLOSING),
]

PELLWORTH_CALL = [
    (OPERATOR, "Good day, everyone, and welcome to the Pellworth Foods fourth quarter call. At this time, I would "
               "like to turn the call over to Pellworth's chief executive, Ivo Hale, and chief financial officer, "
               "Nora Blix. Mr. Hale, please go ahead.", OPENING),
    ("Ivo Hale", "Thank you, operator. Before turning the call over to Nora, let me thank our teams for a record "
                 "year. Now I'll turn it over to Nora.", HANDOFF),
    ("Nora Blix", "Thanks, Ivo. Sales grew four percent in the quarter. And with that, let's open the line for "
                  "Q&A.", HANDOFF_CONFIRMED),
    (OPERATOR, "Our first question is from Owen Tarr with Kestrel Research.", QUESTION_INTRO),
    ("Owen Tarr", "Thanks. Could you say more about the new bakery line and when it reaches full speed?", ANALYST),
    ("Nora Blix", "Yeah. The line starts in March and should run at full speed by the summer. We are pleased with "
                  "the early results.", RECENT),
]

FIRESIDE_CHAT = [
    ("Sam Ortiz", "Okay, let's get started. I'm Sam Ortiz, the packaging analyst here, and with me is Jo Park of "
                  "Quellon. Jo, thanks for coming. Thanks for having me.", SELF_NAMED),
]


def _text(call):
    return " ".join(words for _, words, _ in call)


# an executive answering passes the question on by name; one who answers first keeps the word
QUILLFORD_CALL = [
    (OPERATOR, "Good morning and welcome to the Quillford Foods first quarter call. I would now like to turn the "
               "conference over to Ivo Brandt, our chief executive. Please go ahead.", OPENING),
    ("Ivo Brandt", "Thank you. Joining me today are Nell Sorensen, our chief financial officer, and Pia Lund, "
                   "our head of supply. Sales rose nine percent in the quarter. With that, operator, we are ready "
                   "for questions.", HANDOFF),
    (OPERATOR, "Thank you. Our first question comes from the line of Rosa Kim with Alder Securities. Your line is "
               "open.", QUESTION_INTRO),
    ("Rosa Kim", "Hi, thanks for taking my question. How should we think about freight costs this year?", ANALYST),
    ("Ivo Brandt", "Yeah, Rosa, freight was a headwind in the winter. Nell, do you want to add to that?", RECENT),
    ("Nell Sorensen", "Sure. We expect freight to ease through the summer months.", ADDRESSED),
    (OPERATOR, "Our next question comes from the line of Tom Vance with Brightwater Partners. Please go ahead.",
     QUESTION_INTRO),
    ("Tom Vance", "Good morning. Can you talk about pricing and the new plant?", ANALYST),
    ("Ivo Brandt", "Sure, Tom. I'll take the first part, and then I'll let Nell cover the plant. Prices held "
                   "firm through the quarter.", RECENT),
    (OPERATOR, "Our next question comes from the line of Lea Wu with Pinegrove Capital. Please go ahead.",
     QUESTION_INTRO),
    ("Lea Wu", "Thanks. What drove the margin gain this quarter?", ANALYST),
    ("Ivo Brandt", "Sure, Lea. I'll have Nell walk through the details. But in short, prices held up.", RECENT),
    # the analyst back, asking an executive by name after an acknowledgement
    ("Lea Wu", "Got it. And then, Nell, how much will the plant cost this year?", FOLLOW_UP),
    ("Nell Sorensen", "Sure, about forty million dollars, spread over two years.", ADDRESSED),
    # ... or opening a sentence with a follow-up cue, no acknowledgement before it
    ("Lea Wu", "And maybe just a follow-up on freight, will it ease by the fall?", FOLLOW_UP),
    ("Nell Sorensen", "Yes, we expect it to ease by then.", RECENT),
    (OPERATOR, "This concludes today's conference call. You may now disconnect.", CLOSING),
]


@pytest.mark.parametrize("call", [CORVANE_CALL, PELLWORTH_CALL, FIRESIDE_CHAT, QUILLFORD_CALL],
                         ids=["corvane", "pellworth", "fireside", "quillford"])
def test_turns_of_a_call(call):
    text = _text(call)
    turns = infer_turns(text)
    assert [(t.speaker, text[t.start:t.end], t.confidence) for t in turns] == list(call)
    assert all(t.label_start == -1 for t in turns)


# --- one hand-over at a time: who speaks next ------------------------------------------------------------------

HAND_OVERS = [
    ("I'll now turn the call over to Susan.", "Susan", HANDOFF_FIRST_NAME),
    ("With that, I'll hand it over to Susan Lark.", "Susan Lark", HANDOFF),
    ("Let me turn it over to Susan.", "Susan", HANDOFF_FIRST_NAME),
    ("With that, over to Susan.", "Susan", HANDOFF_FIRST_NAME),
    ("With that, here's Susan.", "Susan", HANDOFF_FIRST_NAME),
    ("I'd like to turn the call back to our CFO, Susan Lark.", "Susan Lark", HANDOFF),
    ("I will now pass it to Norwell CEO Ana Ruiz.", "Ana Ruiz", HANDOFF),
    ("I would now like to introduce Ms. Susan Lark, head of investor relations.", "Susan Lark", HANDOFF),
    ("I'm pleased to introduce Raj.", "Raj", HANDOFF_FIRST_NAME),
    ("I would now like to introduce your host for today's program, Susan Lark, head of investor relations.",
     "Susan Lark", HANDOFF),  # the host named after words of the occasion
    ("I would like to introduce your hosts for today's conference, Ms. Susan Lark and Mr. Raj Patel. Sirs, you "
     "may begin.", "Susan Lark", HANDOFF),  # the first host speaks first; "Sirs" is no name
    ("Now, let me introduce ZNT Chairman and CEO, Susan Lark.", "Susan Lark", HANDOFF),  # the company's acronym first
    ("I'll now turn the call over to Z&B's Chief Financial Officer, Susan Lark.", "Susan Lark", HANDOFF),
    ("Let me pass that question to Susan Lark.", "Susan Lark", HANDOFF),  # one question handed over
    ("I'll hand that part over to Susan.", "Susan", HANDOFF_FIRST_NAME),
    ("Susan, over to you.", "Susan", HANDOFF_FIRST_NAME),  # the name addressed before "you"
    ("With that, Susan Lark, I'll turn it back to you.", "Susan Lark", HANDOFF),
    ("I'll turn it back to the operator.", OPERATOR, 0.7),
    ("Operator, may we have the first question, please?", OPERATOR, 0.7),
    # not a hand-over: a plan, someone else's hand-over, a place
    ("Before turning the call over to Susan, a reminder about our filings.", None, None),
    ("Susan will then turn it over to Raj for the outlook.", None, None),
    ("We moved production over to Ohio.", None, None),
    ("With that, let me turn the call over to Q&A.", None, None),
    ("Our results are over to the right of the slide.", None, None),
    ("We are grateful, and back to you all.", None, None),
]


@pytest.mark.parametrize(("sentence", "speaker", "confidence"), HAND_OVERS)
def test_who_speaks_after_a_hand_over(sentence, speaker, confidence):
    text = f"Our first half was steady and our second half was better. {sentence} Thank you. The plant runs well."
    turns = infer_turns(text)
    after = [t for t in turns if text[t.start:].startswith("Thank you.")]
    assert [(t.speaker, t.confidence) for t in after] == ([(speaker, confidence)] if speaker else [])


COMPLETIONS = [
    ("Joining me today are Susan Lark, our CFO, and Raj Patel, our COO.", "Susan Lark"),
    ("Speaking first today is Corvane CEO Susan Lark.", "Susan Lark"),
    ("Susan Lark and Raj Patel are with me.", "Susan Lark"),
    ("Raj Patel is with me.", "Susan"),  # never introduced: the first name as said
]


@pytest.mark.parametrize(("introduction", "speaker"), COMPLETIONS)
def test_a_first_name_is_completed_from_an_earlier_introduction(introduction, speaker):
    text = f"{introduction} Our quarter was solid. With that, I'll turn the call over to Susan. Thank you. Hello."
    assert infer_turns(text)[-1].speaker == speaker


LATER_FULL_NAMES = [
    # what the call says after the hand-over, the speaker the hand-over names
    ("I'll turn it back to Susan Lark for closing remarks.", "Susan Lark"),  # named in full only at the close
    ("Susan Lark and Susan Ode will close.", "Susan"),  # two full names for one first name: none
    ("I'll turn it back to Susan Mark for closing remarks.", "Susan"),  # two first names: two people
]


@pytest.mark.parametrize(("closing", "speaker"), LATER_FULL_NAMES)
def test_a_first_name_is_completed_by_the_one_full_name_the_call_gives(closing, speaker):
    text = f"Our quarter was solid. With that, I'll turn the call over to Susan. Thank you. Hello. {closing} Thanks."
    assert infer_turns(text)[0].speaker == speaker


@pytest.mark.parametrize(("handed_to", "speaker"), [
    ("North America", UNKNOWN), ("NCPO ANY", UNKNOWN), ("After Susan", UNKNOWN),
    ("PebbleDB Cloud", UNKNOWN), ("QuillNow", UNKNOWN),  # a brand's capital inside a word
    ("During", UNKNOWN), ("We've", UNKNOWN),  # a grammar word, a contraction
    ("Susan McArdle", "Susan McArdle"), ("Susan VanderKolk", "Susan VanderKolk"),  # a name's, after Mc or particles
])
def test_a_speaker_is_named_by_a_person_s_name_or_unknown(handed_to, speaker):
    text = f"Our quarter was solid. With that, I'll turn the call over to {handed_to}. Thank you. Hello. Thanks."
    assert [t.speaker for t in infer_turns(text)] == [speaker]


def test_an_executive_is_not_completed_to_an_analyst_of_the_same_first_name():
    text = ("Our quarter was solid. With that, I'll turn the call over to Susan. Thank you, Mark. Margins rose. "
            "With that, operator, we are ready for questions. Thank you. Our first question comes from the line of "
            "Susan Vale with Alder Securities. Your line is open. Hi, thanks. How is demand? Thank you, Susan. It "
            "is strong.")
    assert [t.speaker for t in infer_turns(text)] == ["Susan", OPERATOR, "Susan Vale", "Susan"]


# --- the operator's introductions of analysts ------------------------------------------------------------------

INTRODUCTIONS = [
    ("Our next question comes from the line of Rosa Kim with Alder Securities. Your line is open.",
     [("Rosa Kim", "Alder Securities")]),
    ("The first question is from Tom Vance of Brightwater Partners.", [("Tom Vance", "Brightwater Partners")]),
    ("Next, we'll go to the line of Ana Lopes from Harwick and Company. You may proceed.",
     [("Ana Lopes", "Harwick and Company")]),
    ("We'll take our next question from Ben Arto, Quarry Capital. Please go ahead.", [("Ben Arto", "Quarry Capital")]),
    ("Our next question comes from Mia.", [("Mia", None)]),
    ("Our final question today comes from the line of Joe Lin with J.P. Mallory. Please proceed.",
     [("Joe Lin", "J.P. Mallory")]),
    ("Our next question comes from Rosa Kim with Alder. Hi. Our next question comes from Rosa Kim with Alder.",
     [("Rosa Kim", "Alder")]),
    ("Next, we'll go to the line of questions about pricing.", []),  # no name: no analyst
    ("My question is from a customer point of view.", []),
]


@pytest.mark.parametrize(("text", "expected"), INTRODUCTIONS)
def test_analyst_introductions(text, expected):
    assert list(dict.fromkeys((intro.name, intro.firm) for intro in introductions(text))) == expected


@pytest.mark.parametrize(("text", "expected"), INTRODUCTIONS[:6])
def test_an_introduced_analyst_speaks_after_the_operator(text, expected):
    full = f"{text} Hi, good morning. How is demand?"
    turns = infer_turns(full)
    assert [(t.speaker, t.confidence) for t in turns] == [(OPERATOR, QUESTION_INTRO), (expected[0][0], ANALYST)]
    assert full[turns[1].start:turns[1].end] == "Hi, good morning. How is demand?"


# --- answers ---------------------------------------------------------------------------------------------------

ANSWERS = [
    # the answer addresses the analyst by name; the question named Mark
    ("Mark, how is demand? Yeah, Rosa, demand is strong.", "Yeah, Rosa, demand is strong.", "Mark Ode", ADDRESSED),
    # the speaker names themselves
    ("How is demand? Rosa, it's Lena. Demand is strong.", "Rosa, it's Lena. Demand is strong.", "Lena Fischer",
     SELF_NAMED),
    ("How is demand? This is Lena. Demand is strong.", "This is Lena. Demand is strong.", "Lena Fischer", SELF_NAMED),
    # a short form of a first name the roster gave
    ("How is demand? Rosa, it's Len. Demand is strong.", "Rosa, it's Len. Demand is strong.", "Lena Fischer",
     SELF_NAMED),
    # no name: after the question, an answer's opening word; the one who spoke last answers
    ("How is demand? Thank you. Sure. Demand is strong.", "Sure. Demand is strong.", "Mark Ode", RECENT),
    # "Thanks, Rosa." that asks for the next question closes the exchange: it does not start the answer
    ("How is demand? Well, it is strong. Thanks, Rosa. Operator, next question, please.",
     "Well, it is strong.", "Mark Ode", RECENT),
    # the answer opens right after the question, before the sentence that names the analyst
    ("How is demand in the north? Well, it is strong. Orders are up, Rosa, in every region.",
     "Well, it is strong. Orders are up, Rosa, in every region.", "Mark Ode", RECENT),
    # an executive's greeting of the analyst before the question is no answer
    ("Hi, good morning. Good morning, Rosa. How is demand in the north? Sure. It is strong.", "Sure. It is strong.",
     "Mark Ode", RECENT),
    # a name no executive bears, at the start of the analyst's turn: the analyst's own
    ("Hi, good morning. This is Sam Roe, on for Rosa. How is demand? Sure. It is strong.", "Sure. It is strong.",
     "Mark Ode", RECENT),
    # thanks alone close a question that has no question mark
    ("Good morning. I wanted to ask about demand in the north and how it held up. Thanks. Sure, it held up well.",
     "Sure, it held up well.", "Mark Ode", RECENT),
    # an executive answering asks another to add, by name
    ("How is demand? Sure. Demand is strong. Lena, anything you'd add? Yes, orders are up.",
     "Yes, orders are up.", "Lena Fischer", ADDRESSED),
    ("How is demand? Sure. Demand is strong. Lena, did you want to add? Yes, orders are up.",
     "Yes, orders are up.", "Lena Fischer", ADDRESSED),
    # the one guessed to be answering is asked to add: another executive answered, and the one asked goes on
    ("How is demand? Sure. Demand is strong. Mark, anything you'd add? Yes, orders are up.",
     "Sure. Demand is strong. Mark, anything you'd add?", "Lena Fischer", RECENT),
    ("How is demand? Sure. Demand is strong. Mark, did you want to add? Yes, orders are up.",
     "Yes, orders are up.", "Mark Ode", ADDRESSED),
    # an answer that speaks of the one guessed to give it in the third person is another executive's
    ("How is demand? Sure. As Mark said, demand is strong.", "Sure. As Mark said, demand is strong.", "Lena Fischer",
     RECENT),
    ("How is demand? Sure. Demand is strong, and our marketing said so.",
     "Sure. Demand is strong, and our marketing said so.", "Mark Ode", RECENT),
    # the analyst back with a long question to another executive by name; a short one is no analyst's
    ("How is demand? Sure. Demand is strong. Just to clarify, Lena, does that mean the new stores in the north "
     "will open before the summer? Yes, they will.", "Just to clarify, Lena, does that mean the new stores in the "
     "north will open before the summer?", "Rosa Kim", FOLLOW_UP),
    ("How is demand? Sure. Demand is strong. Lena, is there anything else? Yes, orders are up.",
     "Sure. Demand is strong. Lena, is there anything else? Yes, orders are up.", "Mark Ode", RECENT),
    # one question handed over: the executive who handed it over takes the next analyst's question
    ("How is demand? Sure. I'll pass that question to Lena. Yes, it is strong.", "Yes, it is strong.",
     "Lena Fischer", HANDOFF),
    ("How is demand? Sure. I'll pass that question to Lena. Yes, it is strong. Our next question comes from Tom "
     "Vance with Brightwater. How are prices? Well, prices held.", "Well, prices held.", "Mark Ode", RECENT),
    # a long question to the one guessed, by name, is no pass-on
    ("How is demand? Sure. Demand is strong. Mark, can you tell us how the orders of the three big retailers "
     "moved in the spring? Yes, orders are up.", "Sure. Demand is strong. Mark, can you tell us how the orders of "
     "the three big retailers moved in the spring? Yes, orders are up.", "Mark Ode", RECENT),
]


# a question put to an executive by name introduces no analyst: the analyst asking it, or the host passing it on
QUESTIONS_TO_EXECUTIVES = [
    ("Hi. My first question is to Mark, on demand. How is it holding up? Sure, Rosa, it is strong.",
     "Hi. My first question is to Mark, on demand. How is it holding up?", "Rosa Kim", ANALYST),
    ("How is demand? Sure, Rosa, it is strong. For the next question on pricing, we'll go to Lena. Yes, prices held.",
     "Yes, prices held.", "Lena Fischer", ADDRESSED),
]


@pytest.mark.parametrize(("exchange", "turn", "speaker", "confidence"), QUESTIONS_TO_EXECUTIVES)
def test_a_question_to_an_executive_introduces_no_analyst(exchange, turn, speaker, confidence):
    prepared = ("Welcome to the call. I'd now like to turn the call over to Dana Reyes. Thank you. With me are Mark "
                "Ode and Lena Fischer. I'll turn it over to Mark. Thanks, Dana. Orders were up.")
    text = f"{prepared} Our first question comes from Rosa Kim with Alder. {exchange}"
    assert [(t.speaker, t.confidence) for t in infer_turns(text) if text[t.start:t.end] == turn] == [(speaker,
                                                                                                       confidence)]


def test_the_word_handed_back_to_the_host_leaves_the_last_presenter_to_answer():
    text = ("Welcome to the call. I'd now like to turn the call over to Dana Reyes. Thank you. With me is Mark Ode. "
            "I'll turn it over to Mark. Thanks, Dana. Orders were up. I'll turn it back to Dana. Thanks, Mark. "
            "Operator, the first question, please. Our first question comes from Rosa Kim with Alder. How is "
            "demand? Sure. It is strong.")
    assert [(t.speaker, t.confidence) for t in infer_turns(text) if text[t.start:t.end] == "Sure. It is strong."] \
        == [("Mark Ode", RECENT)]


@pytest.mark.parametrize(("exchange", "answer", "speaker", "confidence"), ANSWERS)
def test_the_answer_to_an_analyst(exchange, answer, speaker, confidence):
    prepared = ("Welcome to the call. I'd now like to turn the call over to Dana Reyes. Thank you. With me are Mark "
                "Ode and Lena Fischer. I'll turn it over to Mark. Thanks, Dana. Orders were up.")
    text = f"{prepared} Our first question comes from Rosa Kim with Alder. {exchange}"
    turns = infer_turns(text)
    found = [(t.speaker, t.confidence) for t in turns if text[t.start:t.end] == answer]
    assert found == [(speaker, confidence)]


def test_an_answer_may_address_the_analyst_by_a_short_form_of_the_first_name():
    # no question mark (speech to text often drops them): the answer starts where it addresses the analyst
    text = ("Welcome to the call. I'd now like to turn the call over to Dana Reyes. Thank you. With me is Mark Ode. "
            "I'll turn it over to Mark. Thanks, Dana. Orders were up. Our first question comes from Christina Vale "
            "with Alder. Good morning. I wanted to ask about demand and margins. Hey, good morning, Chris. Demand "
            "held up. Margins were flat.")
    turns = infer_turns(text)
    assert [(text[t.start:t.end], t.speaker) for t in turns][-2:] == [
        ("Good morning. I wanted to ask about demand and margins.", "Christina Vale"),
        ("Hey, good morning, Chris. Demand held up. Margins were flat.", "Mark Ode")]


# --- no hand-off, odd input ------------------------------------------------------------------------------------

NO_TURNS = [
    "",
    "   ",
    "We shipped more units this year. Prices were stable.",
    "Thank you, Mark.",
    "?!. . .",
    "Our next question comes from",
    "over to",
]


@pytest.mark.parametrize("text", NO_TURNS)
def test_no_hand_off_no_turns(text):
    assert infer_turns(text) == ()


def _check(text: str, turns) -> None:
    previous_end = 0
    for turn in turns:
        assert previous_end <= turn.start < turn.end <= len(text)
        assert text[turn.start:turn.end] == text[turn.start:turn.end].strip()
        assert turn.label_start == -1 and 0 < turn.confidence < 1 and turn.speaker
        previous_end = turn.end


@pytest.mark.parametrize("call", [CORVANE_CALL, PELLWORTH_CALL, FIRESIDE_CHAT], ids=["corvane", "pellworth", "fireside"])
def test_turns_are_ordered_disjoint_and_trimmed(call):
    text = "  \n" + _text(call) + "\n  "
    _check(text, infer_turns(text))


_FRAGMENTS = [
    *[phrase.capitalize() for phrases in cue_phrases().values() for phrase in phrases[:6]],
    "Rosa Kim", "Mark", "Mr. Ode", "J.P.", "with Alder", "of", "from the line of", "Thank you, Mark.", "Thanks,",
    "This is Lena.", "?", ".", ",", "!", "\n", "  ", "Operator,", "our next question comes from", "İ", "ß", "’",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map(" ".join)))
def test_any_text_gives_sane_turns(text):
    turns = infer_turns(text)
    _check(text, turns)
    assert infer_turns(text) == turns


# --- reading a speech-to-text file -----------------------------------------------------------------------------


def test_a_speech_to_text_file_gets_inferred_turns():
    doc = read_path(DATA / "NMBS_2024_Q3.txt")
    assert [(t.speaker, t.label_start) for t in doc.turns] == [
        (OPERATOR, -1), ("Leo Park", -1), ("Priya Raman", -1), ("Marcus O'Neill", -1)]
    assert doc.text[doc.turns[2].start:].startswith("Thanks, Leo, and thank you all for joining.")


# --- one person per call: a first name or a spelling joins the full name said elsewhere in the call ------------

ROSTER_CALL = (
    "Welcome to the Harbor Point Q2 2025 earnings call. I would now like to hand the call to Dana Cole, head of "
    "investor relations. Thank you. With me today are Mr. Richard Vance, Harbor Point's chief executive officer, "
    "and Colette Marsh, our chief financial officer. With that, over to Rich. Thanks, Dana. Our quarter was "
    "steady and our orders grew in every region. Our plants ran near capacity for most of the quarter, our new "
    "service contracts renewed at higher rates than last year, and the backlog we carry into the second half is "
    "the largest we have had. We kept hiring in engineering and field service, where demand is strongest, and "
    "held other costs flat. Now let me hand over to Collette for the numbers. Thank you, "
    "Rich. Revenue rose nine percent and margins held. Operator, we are ready for questions. Our first question "
    "comes from the line of Omar Reyes with Alder Securities. Your line is open. Thanks. How are orders trending? "
    "They are trending well, Omar. I would now like to turn the call back over to Richard Vance for closing "
    "remarks. Thank you all for joining us today."
)


def test_a_call_speaker_named_in_part_is_the_person_named_in_full():
    doc = Document(ROSTER_CALL, "call.txt", "transcript", turns=tuple(infer_turns(ROSTER_CALL)))
    x = extract(doc)
    spoken = {x.entities[q.speaker].name for q in x.quotes if q.speaker}
    assert "Rich" in {t.speaker for t in doc.turns} and "Collette" in {t.speaker for t in doc.turns}
    assert {"Richard Vance", "Colette Marsh"} <= spoken
    assert not spoken & {"Rich", "Collette"}
    assert "Rich" in next(e for e in x.entities.values() if e.name == "Richard Vance").aliases
    assert all(e.type == "Person" for e in x.entities.values() if e.name in spoken)
