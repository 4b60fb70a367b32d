"""How sure each rule of the turn inference is of the speaker it names, and the turn change it finds."""
from __future__ import annotations

from dataclasses import dataclass

OPERATOR = "Operator"
UNKNOWN = "Unknown Speaker"

OPENING = 0.9  # the text opens with the operator's greeting
QUESTION_INTRO = 0.9  # "our next question comes from ...": the operator speaks
CLOSING = 0.9  # "this concludes today's conference": the operator speaks
HANDOFF_CONFIRMED = 0.9  # named by the one before ("over to Mark") and thanked back ("Thank you, Dana")
ANALYST = 0.85  # the analyst the operator just introduced
SELF_NAMED = 0.8  # an answer whose speaker names themselves ("This is Dana", "Yeah, Rosa, it's Dana")
INSTRUCTIONS = 0.8  # dialling instructions ("press star one"): the operator speaks
HANDOFF = 0.75  # named by the one before, in full or completed from an earlier introduction
HANDOFF_FIRST_NAME = 0.7  # named by the one before by a first name the text does not complete
OPERATOR_ASKED = 0.7  # the speaker before handed to the operator ("Operator, first question, please")
GO_AHEAD_NAMED = 0.7  # the operator's "Mr. Hale, please go ahead" without a hand-over before it
FOLLOW_UP = 0.6  # the analyst back after an answer, with thanks or a follow-up question
ADDRESSED = 0.5  # an answer, given to the executive the analyst's question named
MODERATOR = 0.5  # thanks to the one speaking, or a request to the operator: the call's host speaks
RECENT = 0.4  # an answer, given to the executive who spoke last
UNNAMED = 0.2  # a turn change without any name to give it (speaker `UNKNOWN`)

SHORT_SENTENCE = 80  # characters: a go-ahead is short
SHORT_ACKNOWLEDGEMENT = 40  # characters: "Great. Thank you very much."
BACK_FILLER = 3  # sentences the operator's turn may reach back over ("Thank you. Certainly.")
SELF_NAME_CHARS = 60  # "Yeah, Rosa, it's Dana" names the speaker near the start of the sentence


@dataclass
class Bound:
    """A turn change at a sentence: who speaks from there, how sure the rule is, and which rule."""

    speaker: str
    confidence: float
    rule: str
    analyst: str | None = None  # in the questions: whose question it is
