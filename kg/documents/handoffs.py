"""Speaker turns of a call transcribed by speech-to-text: one paragraph, no speaker labels.

Speakers of a call pass the word on out loud, and these hand-offs are where the turns change:

- the operator opens the call ("Good day and welcome to ...") and hands it to the host ("I would now like
  to turn the conference over to Dana Reyes, head of investor relations. Please go ahead.");
- executives hand over to each other ("With that, I'll turn the call over to Mark.") and the next one
  often starts with "Thank you, <previous>";
- the operator introduces every analyst ("Our next question comes from the line of Rosa Kim with Alder
  Securities. Your line is open.");
- an answer addresses the analyst ("Yeah, Rosa, ...") or the executive names themselves ("This is Dana.");
- the operator closes ("This concludes today's conference. You may now disconnect.").

`infer_turns` splits the text at such points, always at a sentence start. Every turn has `label_start=-1`
(nothing in the text labels it) and a `confidence` below 1 saying how sure its rule is of the speaker;
the constants below give them, one per rule. The phrases are SKOS concepts of the scheme
`HANDOFF_CUES` (data/lexicon/handoff-cues.ttl); the grammar around them (where the name goes) is here.
Names are kept as the transcript spells them, and a first name is completed to the full name when the
text introduced the person ("joining me today are Mark Ode, our CFO, ..." makes "Mark" "Mark Ode").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..model import Turn

HANDOFF_CUES = "https://w3id.org/kg/lexicon/handoff-cues"
OPERATOR = "Operator"
UNKNOWN = "Unknown Speaker"

# How sure each rule is of the speaker it names, by rule.
OPENING = 0.9  # the text opens with the operator's greeting
QUESTION_INTRO = 0.9  # the operator's "our next question comes from ...": the operator speaks
CLOSING = 0.9  # "this concludes today's conference": the operator speaks
HANDOFF_CONFIRMED = 0.9  # named by the one before ("over to Mark") and thanked back ("Thank you, Dana")
ANALYST = 0.85  # the analyst the operator just introduced
SELF_NAMED = 0.8  # an answer whose speaker names themselves ("This is Dana")
HANDOFF = 0.75  # named by the one before, in full or completed from an earlier introduction
HANDOFF_FIRST_NAME = 0.7  # named by the one before by a first name the text does not complete
INSTRUCTIONS = 0.8  # dialling instructions ("press star one"): the operator speaks
OPERATOR_ASKED = 0.7  # the speaker before asked the operator for questions
GO_AHEAD_NAMED = 0.7  # the operator's "Mr. Hale, please go ahead" without a hand-over before it
FOLLOW_UP = 0.6  # the analyst back with a follow-up after an answer
ANALYST_THANKS = 0.6  # "Thank you, Dana" in an answer: the analyst speaks again
ADDRESSED = 0.5  # an answer, given to the executive the analyst's question addressed by name
MODERATOR = 0.5  # thanks, or a request for questions, inside the operator's turn: the call's host speaks
RECENT = 0.4  # an answer, given to the executive who spoke last
UNNAMED = 0.2  # a turn change without any name to give it

_MAX_NAME_WORDS = 4
_SHORT_SENTENCE = 80  # characters: a go-ahead or an acknowledgement is short
_TAIL_WORDS = 16  # a hand-over ends its sentence: at most this many words after the name
_OPENING_SENTENCES = 3
_BACK_FILLER = 3  # sentences the operator's turn may reach back over ("Thank you. Certainly.")


# --- the cue phrases ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def cue_phrases() -> dict[str, tuple[str, ...]]:
    """The scheme's phrases by concept slug ("go-ahead": ("please go ahead", ...)), longest first."""
    import rdflib
    from rdflib.namespace import SKOS

    from .. import resources

    graph = rdflib.Graph()
    graph.parse(resources.data_dir() / "lexicon" / "handoff-cues.ttl")
    phrases = {}
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef(HANDOFF_CUES)):
        labels = [graph.value(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel)]
        forms = {str(label).lower().strip() for label in labels if label is not None and str(label).strip()}
        phrases[str(concept).rsplit("/", 1)[-1]] = tuple(sorted(forms, key=lambda f: (-len(f), f)))
    return phrases


def _alt(slug: str) -> str:
    """A regex alternation of a concept's phrases, a space matching any white space.

    A look-ahead for the phrases' first letters comes first: it lets the regex engine skip the
    positions where no phrase can start, which makes scanning a long text several times faster.
    """
    phrases = cue_phrases()[slug]
    firsts = "".join(sorted({c for p in phrases for c in (p[0].lower(), p[0].upper())}))
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return f"(?=[{re.escape(firsts)}])(?:{body})"


_NAME_WORD = r"[A-Z][\w'’\-]*"
_PARTICLE = r"(?:de|da|del|della|di|du|la|le|van|von|der|den|bin|al|dos|das|St\.?)"
# A capitalised run: "Rosa Kim", "Jean-Luc de la Fontaine", "Mark O'Neill"; honorifics are left out.
_NAME = rf"(?:(?:Mr|Mrs|Ms|Miss|Dr|Doctor|Professor)\.?\s+)?(?P<name>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,5}})"
_TITLE_WORDS = frozenset(
    "chief officer president director vice head executive manager chairman chairwoman chair founder co-founder "
    "treasurer controller counsel secretary analyst strategist economist ceo cfo coo cto cio cmo evp svp vp ir "
    "relations investor senior general chairperson principal partner leader host founder lead corporate "
    "financial operating technology global group business division segment finance strategy md".split()
)


@dataclass(frozen=True)
class _Patterns:
    sentence_end: re.Pattern
    hand_over: re.Pattern
    over_to: re.Pattern
    introduce: re.Pattern
    go_ahead: re.Pattern
    go_ahead_phrase: re.Pattern
    question_intro: re.Pattern
    caller_intro: re.Pattern
    firm: re.Pattern
    open_questions: re.Pattern
    operator_vocative: re.Pattern
    operator_target: re.Pattern
    instructions: re.Pattern
    closing: re.Pattern
    opening: re.Pattern
    thanks_name: re.Pattern
    thanks_operator: re.Pattern
    acknowledgement: re.Pattern
    roster: re.Pattern
    self_named: re.Pattern
    follow_up: re.Pattern
    not_a_name: frozenset


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    verb, obj = _alt("hand-over-verb"), _alt("hand-over-object")
    ack, thanks = _alt("acknowledgement"), _alt("thanks")
    return _Patterns(
        # a sentence ends at . ? ! before a capital or a digit (`_sentences` skips initials and "Mr.")
        sentence_end=re.compile(r"[.?!]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])"),
        # "turn the call over to", "hand it back to", "pass it to", "turn over the call to"
        hand_over=re.compile(
            rf"\b{verb}\s+(?:(?:{obj})\s+(?:(?:back|over|off|along)\s+)*|(?:(?:back|over|off)\s+)+(?:(?:{obj})\s+)?)"
            r"to\s+",
            re.I,
        ),
        # "With that, over to Priya." at the start of a sentence or a clause
        over_to=re.compile(rf"(?:(?<=[.?!]\s)|\A|(?<=[,;:]\s)|(?<=\bnow\s)|(?<=\bthat\s)|(?<=\band\s)){_alt('over-to')}\s+", re.I),
        # "I would now like to introduce", "let me ask", "I'll now call on"
        introduce=re.compile(
            rf"\b(?:I'd like to|I would like to|I'll|I will|let me|let's|we'd like to|we would like to|I want to)"
            rf"\s+(?:now\s+)?{_alt('introduce')}\s+",
            re.I,
        ),
        # "Please go ahead.", "Mr. Hale, please go ahead.", "Rosa, your line is open."
        go_ahead=re.compile(rf"(?:{_NAME}\s*,\s*|(?:sir|ma'am|madam)\s*,\s*)?{_alt('go-ahead')}\b", re.I),
        go_ahead_phrase=re.compile(rf"\b{_alt('go-ahead')}\b", re.I),
        # "Our next question comes from the line of Rosa Kim", "We'll take our first question from ..."
        question_intro=re.compile(
            rf"\b{_alt('question-ordinal')}\s+(?:\w+\s+)?(?:question|questions|caller)\b(?:\s+[\w']+){{0,5}}?\s+"
            r"(?:from|to)\s+(?:(?:the|a)\s+line\s+of\s+|line\s+of\s+|the\s+)?(?=[A-Z])",
            re.I,
        ),
        # "Next, we'll go to the line of Rosa Kim from Alder."
        caller_intro=re.compile(
            rf"\b{_alt('caller-intro')}\s+(?:the\s+line\s+of\s+)?(?=[A-Z])", re.I
        ),
        firm=re.compile(rf"\s*(?:,\s*)?(?:{_alt('firm-preposition')}\s+|,\s*)(?P<firm>[^.?!]+?)\s*(?:[,.?!]|$)"),
        open_questions=re.compile(rf"\b{_alt('open-questions')}\b", re.I),
        # "Operator, may we have the first question?", "..., operator, we're ready"
        operator_vocative=re.compile(r"(?:(?<=[.?!]\s)|\A|(?<=,\s))[Oo]perator\s*[,?!.]"),
        operator_target=re.compile(rf"{_alt('operator')}\b", re.I),
        instructions=re.compile(rf"{_alt('instructions')}\b", re.I),
        closing=re.compile(rf"\b{_alt('closing')}", re.I),
        opening=re.compile(rf"\b{_alt('opening')}\b", re.I),
        # "Thank you, Dana.", "Great. Thanks, Rosa, and good morning."
        thanks_name=re.compile(
            rf"(?:{ack}[,.!]?\s+){{0,2}}{thanks}\s*,?\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
            rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*(?:[,.!?;]|\s+(?:and|for|so)\b|$)"
        ),
        thanks_operator=re.compile(rf"(?:{ack}[,.!]?\s+){{0,2}}{thanks}\s*,?\s+(?:the\s+)?operator\b", re.I),
        acknowledgement=re.compile(rf"(?:(?:{ack}|{thanks})(?:\s*,?\s+(?:sir|ma'am|all|everyone|again))?[,.!]*\s*)+$", re.I),
        roster=re.compile(rf"\b{_alt('roster')}\b", re.I),
        self_named=re.compile(
            rf"(?:^|[,.]\s+)(?i:{_alt('self-introduction')})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*(?:[,.!;]|$)"
            rf"|(?:^|[,.]\s+)(?P<here>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+here\b",
        ),
        follow_up=re.compile(rf"\b{_alt('follow-up')}\b", re.I),
        not_a_name=frozenset(cue_phrases()["not-a-name"]),
    )


# --- sentences and names --------------------------------------------------------------------------


_NOT_AN_END = re.compile(r"(?:\b[A-Z]|\bMr|\bMs|\bMrs|\bDr)$")  # "J.P. Morgan", "Mr. Hale"
_SUBORDINATE = re.compile(r"\b(?:before|after|once|until|prior to|when|then|later|following)\b", re.I)


def _sentences(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of every sentence, without the white space around it."""
    spans, start = [], 0
    for match in pattern.finditer(text):
        if match.group()[0] == "." and _NOT_AN_END.search(text, max(0, match.start() - 4), match.start()):
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _name_words(run: str, not_a_name: frozenset) -> str | None:
    """The person's name in a capitalised run: the last stretch of name words between titles and
    possessives ("Apple CEO Tim Cook" -> "Tim Cook", "Rosa Kim Vice President" -> "Rosa Kim")."""
    stretches, current = [], []
    for word in run.split():
        low = word.lower().strip(".,")
        if low in _TITLE_WORDS or low in not_a_name or low.endswith(("'s", "’s")) or "&" in word:
            if current:
                stretches.append(current)
            current = []
            if low.endswith(("'s", "’s")):
                stretches.clear()
            continue
        current.append(word)
    if current:
        stretches.append(current)
    if not stretches:
        return None
    words = stretches[0] if len(stretches) == 1 else stretches[-1]
    words = words[:_MAX_NAME_WORDS]
    while words and re.fullmatch(_PARTICLE, words[-1]):
        words.pop()
    return " ".join(words) or None


_NAME_RE = re.compile(_NAME)
_GAP = re.compile(r"(?:(?:our|your|the|my|a|an|his|her|their|new|own|host|speaker|today's|today|for|and|of|"
                  r"[A-Z][\w'’\-&.]*|[a-z]+(?=\s*,)),?\s*)*", re.I)


def _target(text: str, pos: int, end: int, p: _Patterns) -> tuple[str | None, int]:
    """Who a hand-over at `pos` names, and where the name ends: a person's name, `OPERATOR`, or None.

    Titles and possessives before the name are skipped ("to our CFO, Mark Ode", "to Apple CEO Tim Cook",
    "to your host, Dana Reyes, head of investor relations").
    """
    if p.operator_target.match(text, pos, end):
        return OPERATOR, p.operator_target.match(text, pos, end).end()
    gap = _GAP.match(text, pos, end)
    limit = min(end, (gap.end() if gap else pos) + 1)
    for match in _NAME_RE.finditer(text, pos, end):
        if match.start() > limit or match.start() - pos > 80:
            break
        name = _name_words(match["name"], p.not_a_name)
        if name:
            return name, match.end()
    return None, pos


def _first(name: str) -> str:
    return name.split()[0]


class _People:
    """Who the text has introduced, to complete first names: "Mark" is the "Mark Ode" named before."""

    def __init__(self, text: str, not_a_name: frozenset):
        self.text = text
        self.not_a_name = not_a_name
        self.full: list[str] = []
        self._cache: dict[tuple[str, int], str | None] = {}

    def add(self, name: str) -> None:
        if " " in name and name not in self.full:
            self.full.append(name)

    def complete(self, name: str, before: int) -> tuple[str, bool]:
        """The full name for `name`, and whether the text gave it (in full, or introduced before `before`)."""
        if " " in name:
            return name, True
        for full in self.full:
            words = full.split()
            if words[0] == name or words[-1] == name:
                return full, True
        key = (name, before)
        if key not in self._cache:
            self._cache[key] = self._search(name, before)
        found = self._cache[key]
        return (found, True) if found else (name, False)

    def _search(self, name: str, before: int) -> str | None:
        """The first "<name> <Surname>" (or "<Given> <name>") in the text before `before`."""
        pattern = re.compile(rf"\b{re.escape(name)}\s+({_NAME_WORD})|({_NAME_WORD})\s+{re.escape(name)}\b")
        for match in pattern.finditer(self.text, 0, max(0, before)):
            other = match[1] or match[2]
            low = other.lower()
            if low in self.not_a_name or low in _TITLE_WORDS or low.endswith(("'s", "’s")):
                continue
            full = f"{name} {other}" if match[1] else f"{other} {name}"
            self.add(full)
            return full
        return None


# --- the rules ------------------------------------------------------------------------------------


@dataclass
class _Bound:
    speaker: str
    confidence: float
    rule: str
    analyst: str | None = None  # the analyst a question or an answer belongs to


class _Inference:
    def __init__(self, text: str):
        self.text = text
        self.p = _patterns()
        self.sentences = _sentences(text, self.p.sentence_end)
        self.starts = [start for start, _ in self.sentences]
        self.people = _People(text, self.p.not_a_name)
        self.bounds: dict[int, _Bound] = {}
        self.analysts: list[tuple[str, str | None]] = []
        self.executives: list[str] = []

    # sentence helpers
    def sentence(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def short(self, i: int) -> bool:
        start, end = self.sentences[i]
        return end - start <= _SHORT_SENTENCE

    def is_go_ahead(self, i: int) -> re.Match | None:
        if i >= len(self.sentences) or not self.short(i):
            return None
        start, end = self.sentences[i]
        match = self.p.go_ahead.match(self.text, start, end)
        return match if match and end - match.end() <= 2 else None

    def is_acknowledgement(self, i: int) -> bool:
        start, end = self.sentences[i]
        return end - start <= 40 and bool(self.p.acknowledgement.match(self.text, start, end))

    def set(self, i: int, bound: _Bound, override: bool = False) -> None:
        if 0 <= i < len(self.sentences) and (override or i not in self.bounds):
            self.bounds[i] = bound

    def executive(self, name: str) -> None:
        if name not in (OPERATOR, UNKNOWN) and name not in self.executives:
            self.executives.append(name)

    # pass 1: the hand-offs that name or imply the next speaker
    def run(self) -> tuple[Turn, ...]:
        if not self.sentences:
            return ()
        self.roster()
        self.opening()
        found: dict[str, dict[int, list[int]]] = {}
        for name in ("question_intro", "caller_intro", "closing", "hand_over", "over_to", "introduce",
                     "open_questions", "operator_vocative", "instructions", "go_ahead_phrase"):
            found[name] = self.scan(getattr(self.p, name))
        candidates = sorted({i for by_sentence in found.values() for i in by_sentence})
        for i in candidates:
            self.cues(i, {name: by_sentence[i] for name, by_sentence in found.items() if i in by_sentence})
        self.moderator_turns()
        self.questions_and_answers()
        return self.turns()

    def scan(self, pattern: re.Pattern) -> dict[int, list[int]]:
        """Where `pattern` matches, by sentence: the match ends (one scan of the whole text)."""
        by_sentence: dict[int, list[int]] = {}
        for match in pattern.finditer(self.text):
            i = self.index(match.start())
            if match.end() <= self.sentences[i][1]:
                by_sentence.setdefault(i, []).append(match.end())
        return by_sentence

    def roster(self) -> None:
        """Names in sentences that introduce the company's speakers are executives, in full."""
        text, p = self.text, self.p
        first_question = next((m.start() for m in p.question_intro.finditer(text)), len(text))
        for match in p.roster.finditer(text, 0, first_question):
            i = self.index(match.start())
            start, end = self.sentences[i]
            for name_match in _NAME_RE.finditer(text, start, end):
                name = _name_words(name_match["name"], p.not_a_name)
                if name and " " in name and len(name.split()) <= 3:
                    self.people.add(name)

    def opening(self) -> None:
        """The operator's greeting in the first sentences: the text starts with the operator."""
        for i in range(min(_OPENING_SENTENCES, len(self.sentences))):
            start, end = self.sentences[i]
            if self.p.opening.search(self.text, start, end):
                self.set(0, _Bound(OPERATOR, OPENING, "opening"))
                return

    def cues(self, i: int, found: dict[str, list[int]]) -> None:
        """The hand-off rules for sentence `i`, given where each cue pattern matched in it."""
        text, p = self.text, self.p
        start, end = self.sentences[i]
        for pos in found.get("question_intro", ()):
            if self.question_intro(i, pos):
                return
        for pos in found.get("caller_intro", ()):
            if self.question_intro(i, pos, firm_required=True):
                return
        if "closing" in found and not re.search(r"prepared remarks|our remarks", text[start:end], re.I):
            self.set(self.back_over_filler(i), _Bound(OPERATOR, CLOSING, "closing"), override=True)
            return
        positions = found.get("hand_over", []) + found.get("over_to", []) + found.get("introduce", [])
        if positions and self.hand_over(i, positions):
            return
        if ("open_questions" in found or "operator_vocative" in found) and not self.thanks_operator(i) \
                and not _SUBORDINATE.search(text, start, min(found.get("open_questions", [end])[0], end)):
            self.asked_operator(i)
            return
        if "instructions" in found:
            self.set(self.back_over_filler(i), _Bound(OPERATOR, INSTRUCTIONS, "instructions"))
            return
        if "go_ahead_phrase" in found and (go := self.is_go_ahead(i)) and go["name"]:
            name = _name_words(go["name"], p.not_a_name)
            if name:
                full, _ = self.people.complete(name, start)
                self.set(i + 1, _Bound(full, GO_AHEAD_NAMED, "go-ahead"))

    def thanks_operator(self, i: int) -> bool:
        return bool(self.p.thanks_operator.match(self.text, *self.sentences[i]))

    def back_over_filler(self, i: int) -> int:
        """The operator's turn starts before `i` at short acknowledgements and instructions ("Thank you.
        Certainly."), but not before the last turn change."""
        last = max((b for b in self.bounds if b < i), default=-1)
        j = i
        while j - 1 > last and i - (j - 1) <= _BACK_FILLER and (
            self.is_acknowledgement(j - 1) or self.p.instructions.search(self.text, *self.sentences[j - 1])
            or re.match(r"(?:please stand by|one moment|stand by)", self.sentence(j - 1), re.I)
        ):
            j -= 1
        return j

    def question_intro(self, i: int, pos: int, firm_required: bool = False) -> bool:
        """The operator introduces an analyst: an Operator turn, then the analyst's."""
        text = self.text
        _, end = self.sentences[i]
        match = _NAME_RE.match(text, pos, end)
        if not match:
            return False
        name = _name_words(match["name"], self.p.not_a_name)
        if not name:
            return False
        firm_match = self.p.firm.match(text, match.end(), end + 1)
        firm = firm_match["firm"].strip() if firm_match else None
        if firm and self.p.go_ahead.match(firm):
            firm = None
        if firm_required and not firm:
            return False
        self.set(self.back_over_filler(i), _Bound(OPERATOR, QUESTION_INTRO, "question-intro"), override=True)
        j = i + 1
        if self.is_go_ahead(j):
            j += 1
        self.set(j, _Bound(name, ANALYST, "analyst", analyst=name), override=True)
        self.people.add(name)
        if (name, firm) not in self.analysts:
            self.analysts.append((name, firm))
        return True

    def hand_over(self, i: int, positions: list[int]) -> bool:
        """A speaker hands over by name ("I'll turn the call over to Mark"): the next sentence is Mark's."""
        text, p = self.text, self.p
        start, end = self.sentences[i]
        for pos in sorted(positions, reverse=True):
            lead = text[start:pos]
            if _SUBORDINATE.search(lead):
                continue
            if re.search(rf"\b(?:{_NAME_WORD}|he|she|they|who)\s+(?:will|'ll|would|is going to)\s+(?:then\s+)?\S+\s+\S*\s*$",
                         lead) and not re.search(r"\b(?:I|we|I'll|we'll|I'd|we'd)\b", lead):
                continue
            target, name_end = _target(text, pos, end, p)
            if target is None or len(text[name_end:end].split()) > _TAIL_WORDS:
                continue
            j = i + 1
            if go := self.is_go_ahead(j):
                if go["name"] and (vocative := _name_words(go["name"], p.not_a_name)):
                    target = vocative
                j += 1
            if j >= len(self.sentences):
                return True
            if target == OPERATOR:
                self.set(j, _Bound(OPERATOR, OPERATOR_ASKED, "asked-operator"))
                return True
            full, known = self.people.complete(target, start)
            self.people.add(full)
            self.executive(full)
            confidence = HANDOFF if known else HANDOFF_FIRST_NAME
            self.set(j, _Bound(full, confidence, "hand-over"), override=True)
            return True
        return False

    def asked_operator(self, i: int) -> None:
        j = i + 1
        if j < len(self.sentences) and not self.p.thanks_name.match(self.text, *self.sentences[j]):
            self.set(j, _Bound(OPERATOR, OPERATOR_ASKED, "asked-operator"))

    # pass 2: who speaks in the operator's turns, and the answers to the questions
    def order(self) -> list[int]:
        return sorted(self.bounds)

    def moderator_turns(self) -> None:
        """An Operator turn that asks the operator for questions, or thanks someone by name, is the host's."""
        order = self.order()
        host = next((self.bounds[b].speaker for b in order if self.bounds[b].rule == "hand-over"), None)
        for k, b in enumerate(order):
            bound = self.bounds[b]
            if bound.speaker != OPERATOR or bound.rule not in ("asked-operator",):
                continue
            stop = order[k + 1] if k + 1 < len(order) else len(self.sentences)
            asks = any(self.p.operator_vocative.search(self.text, *self.sentences[s]) for s in range(b, stop))
            if asks or self.p.thanks_name.match(self.text, *self.sentences[b]):
                self.bounds[b] = _Bound(host or UNKNOWN, MODERATOR if host else UNNAMED, "moderator")
        # thanks to the one speaking, inside a prepared turn, is someone else's turn
        order = self.order()
        for k, b in enumerate(order):
            bound = self.bounds[b]
            if bound.rule not in ("hand-over", "go-ahead", "opening"):
                continue
            stop = order[k + 1] if k + 1 < len(order) else len(self.sentences)
            for s in range(b + 1, stop):
                thanked = self.thanked(s)
                if thanked and self.same_person(thanked, bound.speaker):
                    self.set(s, _Bound(host or UNKNOWN, MODERATOR if host and host != bound.speaker else UNNAMED,
                                       "thanks"))
                    break
        # "Thank you, Dana" at the start of Mark's turn confirms Dana spoke before
        order = self.order()
        for k in range(1, len(order)):
            bound = self.bounds[order[k]]
            thanked = self.thanked(order[k])
            if bound.rule == "hand-over" and thanked and self.same_person(thanked, self.bounds[order[k - 1]].speaker):
                bound.confidence = max(bound.confidence, HANDOFF_CONFIRMED)

    def thanked(self, i: int) -> str | None:
        match = self.p.thanks_name.match(self.text, *self.sentences[i])
        if not match:
            return None
        return _name_words(match["name"], self.p.not_a_name)

    @staticmethod
    def same_person(name: str, speaker: str) -> bool:
        words = speaker.split()
        return name == speaker or name in words or (len(name.split()) > 1 and name.split()[0] == words[0])

    def questions_and_answers(self) -> None:
        """In each analyst's turn, find the answer (and the analyst's follow-ups)."""
        order = self.order()
        recent = None
        for k, b in enumerate(order):
            bound = self.bounds[b]
            if bound.rule in ("hand-over", "go-ahead", "self-named"):
                recent = bound.speaker
            if bound.rule != "analyst":
                continue
            stop = order[k + 1] if k + 1 < len(order) else len(self.sentences)
            recent = self.exchange(b, stop, bound.analyst or bound.speaker, recent)

    def exchange(self, begin: int, stop: int, analyst: str, recent: str | None) -> str | None:
        """Answers and follow-ups between the analyst's turn at `begin` and the next turn at `stop`."""
        question = begin
        while question < stop:
            answer = self.answer_start(question, stop, analyst)
            if answer is None:
                return recent
            s, speaker, confidence, rule = answer
            if speaker is None:
                speaker = self.addressed(question, s) or recent
                confidence = ADDRESSED if speaker and speaker != recent else RECENT
            if speaker is None:
                speaker, confidence = UNKNOWN, UNNAMED
            self.set(s, _Bound(speaker, confidence, rule, analyst=analyst))
            recent = speaker if speaker != UNKNOWN else recent
            follow = self.follow_up_start(s, stop, speaker)
            if follow is None:
                return recent
            self.set(follow, _Bound(analyst, FOLLOW_UP, "follow-up", analyst=analyst))
            question = follow
        return recent

    def answer_start(self, question: int, stop: int, analyst: str):
        """The first sentence after the question that addresses the analyst or names its speaker."""
        text = self.text
        first = _first(analyst)
        vocative = re.compile(rf"(?:^|[,.!?]\s+|\b(?:{_alt('acknowledgement')})[,.!]?\s+)"
                              rf"(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?{re.escape(first)}(?:\s+{_NAME_WORD})?\s*(?:[,.!?;]|$)")
        for s in range(question + 1, stop):
            start, end = self.sentences[s]
            named = self.self_named(s)
            if named:
                return s, named, SELF_NAMED, "self-named"
            if vocative.search(text[start:end]):
                if s + 1 < stop and (named := self.self_named(s + 1)):
                    return s, named, SELF_NAMED, "self-named"
                return s, None, None, "answer"
        return None

    def self_named(self, s: int) -> str | None:
        start, end = self.sentences[s]
        match = self.p.self_named.search(self.text[start:min(end, start + 60)])
        if not match:
            return None
        name = _name_words(match["name"] or match["here"], self.p.not_a_name)
        if not name:
            return None
        for executive in self.executives:
            if self.same_person(name, executive):
                return executive
        full, known = self.people.complete(name, start)
        if known and full not in (a for a, _ in self.analysts):
            self.executive(full)
            return full
        return None

    def addressed(self, question: int, answer: int) -> str | None:
        """The executive the question names first ("Dana, you mentioned ..."), if any."""
        if not self.executives:
            return None
        start, end = self.sentences[question][0], self.sentences[answer - 1][1]
        firsts = {_first(e): e for e in self.executives}
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, firsts)) + r")\b")
        match = pattern.search(self.text, start, end)
        return firsts[match[1]] if match else None

    def follow_up_start(self, answer: int, stop: int, speaker: str) -> int | None:
        """The analyst back after an answer: thanks to the one answering, or an acknowledged follow-up
        question ("Got it. And as a follow-up, ...?")."""
        text = self.text
        for s in range(answer + 1, stop):
            start, end = self.sentences[s]
            thanked = self.thanked(s)
            if thanked and self.same_person(thanked, speaker):
                return s
            if self.p.follow_up.search(text, start, end) and self.is_acknowledgement(s - 1) \
                    and "?" in text[start:self.sentences[min(s + 2, stop - 1)][1]]:
                j = s - 1
                while j - 1 > answer and s - j < _BACK_FILLER and self.is_acknowledgement(j - 1):
                    j -= 1
                return j
        return None

    def turns(self) -> tuple[Turn, ...]:
        order = self.order()
        turns: list[Turn] = []
        for k, b in enumerate(order):
            bound = self.bounds[b]
            stop = order[k + 1] if k + 1 < len(order) else len(self.sentences)
            start, end = self.sentences[b][0], self.sentences[stop - 1][1]
            if turns and turns[-1].speaker == bound.speaker:
                last = turns[-1]
                turns[-1] = Turn(last.speaker, last.start, end, -1, max(last.confidence, bound.confidence))
            else:
                turns.append(Turn(bound.speaker, start, end, -1, bound.confidence))
        return tuple(turns)


# --- the API --------------------------------------------------------------------------------------


def infer_turns(text: str) -> tuple[Turn, ...]:
    """The speaker turns of a call transcript without speaker labels, from the first hand-off on.

    Turns are in order, do not overlap, and `text[t.start:t.end]` is a turn's spoken text; each has
    `label_start=-1` and a confidence in (0, 1) from its rule. () when the text has no hand-off.
    """
    try:
        return _Inference(text).run()
    except Exception:  # a heuristic must not stop ingestion: no turns is a safe answer
        return ()


def analysts(text: str) -> list[tuple[str, str | None]]:
    """(name, firm) of every analyst the operator introduces, in order of first introduction."""
    try:
        inference = _Inference(text)
        inference.run()
        return inference.analysts
    except Exception:
        return []
