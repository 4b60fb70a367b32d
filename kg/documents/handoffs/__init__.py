"""Speaker turns of a call transcribed by speech-to-text: one paragraph, no speaker labels.

The speakers of a call pass the word on out loud, and these hand-offs are where the turns change:

- the operator opens the call ("Good day and welcome to ...") and hands it to the host ("I would now like
  to turn the conference over to Dana Reyes, head of investor relations. Please go ahead.");
- executives hand over to each other ("With that, I'll turn the call over to Mark.") and the next one
  often starts with "Thank you, <previous>";
- the operator introduces every analyst ("Our next question comes from the line of Rosa Kim with Alder
  Securities. Your line is open.");
- an answer addresses the analyst ("Yeah, Rosa, ...") or its speaker names themselves ("This is Dana.");
- the operator closes ("This concludes today's conference. You may now disconnect.").

`infer_turns` splits the text at such points, always at a sentence start. Every turn has `label_start=-1`
(nothing in the text labels it) and a `confidence` below 1 saying how sure its rule is of the speaker
(`rules`, one constant per rule). The phrases are the SKOS concepts of the lexicon scheme `handoff-cues`
(`cues`); names are kept as the transcript spells them, a first name completed to the full name the text
introduced ("joining me today are Mark Ode, our CFO, ..." makes a later "over to Mark" Mark Ode).
Modules: `cues` (phrases as patterns, trigger words), `sentences`, `introductions` (the operator's
introductions of analysts), `inference` (pass 1: hand-offs), `answers` (pass 2: questions and answers).
"""
from __future__ import annotations

from kg.documents.handoffs.inference import Inference
from kg.documents.handoffs.introductions import Introduction, handed_to, introductions
from kg.documents.handoffs.rules import OPERATOR, UNKNOWN
from kg.model import Turn

__all__ = ["OPERATOR", "UNKNOWN", "Introduction", "handed_to", "infer_turns", "introductions"]


def infer_turns(text: str) -> tuple[Turn, ...]:
    """The speaker turns of a call transcript without speaker labels, from the first hand-off on.

    Turns are in order and do not overlap; `text[t.start:t.end]` is a turn's spoken text, without the
    white space around it. Each has `label_start=-1` and a confidence in (0, 1) from its rule; a turn whose
    speaker no rule could name has the speaker `UNKNOWN`. () when the text has no hand-off.
    """
    return Inference(text).run()
