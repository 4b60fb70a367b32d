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
(the constants below, one per rule). The phrases are the SKOS concepts of the scheme `HANDOFF_CUES`
(data/lexicon/handoff-cues.ttl); the grammar around them (where the name goes) is here. Names are kept as
the transcript spells them; a first name is completed to the full name the text introduced ("joining me
today are Mark Ode, our CFO, ..." makes a later "over to Mark" Mark Ode).
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

# How sure each rule is of the speaker it names.
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

_MAX_NAME_WORDS = 4
_MAX_FIRM_WORDS = 6
_FIRM_END = re.compile(r"(?:[\s,.;:]+(?:and|so|thanks|thank you)?)+$", re.I)  # "Alder Securities, and" before "you may proceed"
_SHORT_SENTENCE = 80  # characters: a go-ahead is short
_INTRO_SENTENCE = 300  # characters: the operator's introduction of an analyst is a short sentence
_NAME_QUESTION_CHARS = 30  # "Mike?", "Jen Neal?"
_SHORT_ACKNOWLEDGEMENT = 40  # characters: "Great. Thank you very much."
_TAIL_WORDS = 24  # a hand-over ends its sentence: at most this many words after the name
_OPENING_SENTENCES = 3
_ROSTER_SENTENCES = 100  # the company's speakers are introduced in the first sentences  # the operator's greeting is in the first sentences
_BACK_FILLER = 3  # sentences the operator's turn may reach back over ("Thank you. Certainly.")
_ANSWER_SENTENCES = 3  # an answer guessed from question marks runs this many sentences without one
_SELF_NAME_CHARS = 60  # "Yeah, Rosa, it's Dana" names the speaker near the start of the sentence


# --- the cue phrases ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def cue_phrases() -> dict[str, tuple[str, ...]]:
    """The scheme's phrases by concept slug ("go-ahead": ("please go ahead", ...)), longest first.

    Read from the one Turtle file with rdflib rather than through `kg.extract.vocabulary`, whose import
    loads the NLP pipeline: reading documents stays light. The file is in `data/lexicon/`, so the
    shared vocabulary has the scheme too.
    """
    import rdflib
    from rdflib.namespace import SKOS

    from .. import resources

    graph = rdflib.Graph()
    graph.parse(resources.data_dir() / "lexicon" / "handoff-cues.ttl")
    phrases = {}
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef(HANDOFF_CUES)):
        labels = [graph.value(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel)]
        forms = {" ".join(str(label).lower().split()) for label in labels if label is not None}
        phrases[str(concept).rsplit("/", 1)[-1]] = tuple(sorted(forms - {""}, key=lambda f: (-len(f), f)))
    return phrases


@lru_cache(maxsize=None)
def _alt(slug: str) -> str:
    """A regex alternation of a concept's phrases (a space matches any white space), as a trie.

    Python's regex engine tries alternatives one by one; sharing prefixes ("concludes the", "concludes
    our") and a look-ahead for the first letters make a scan several times faster.
    """
    phrases = cue_phrases()[slug]
    firsts = "".join(sorted({c for p in phrases for c in (p[0].lower(), p[0].upper())}))
    return f"(?=[{re.escape(firsts)}]){_trie(slug)}"


@lru_cache(maxsize=None)
def _trie(slug: str) -> str:
    """A concept's phrases as one regex, alternatives sharing their prefixes; lower-case, as the phrases."""
    root: dict = {}
    phrases = cue_phrases()[slug]
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + build(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(root) + ")"


_NAME_WORD = r"[A-Z][\w'’\-]*"
_PARTICLE = r"(?:de|da|del|della|di|du|la|le|van|von|der|den|bin|al|dos|das|St\.?)"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Doctor|Professor)\.?\s+)"
# A capitalised run: "Rosa Kim", "Jean-Luc de la Fontaine", "Mark O'Neill"; an honorific is left out.
_NAME = rf"{_HONORIFIC}?(?P<name>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,5}})"
_NAME_RE = re.compile(_NAME)
_TITLE_WORDS = frozenset(
    "chief officer president director vice head executive manager chairman chairwoman chair founder co-founder "
    "treasurer controller counsel secretary analyst strategist economist ceo cfo coo cto cio cmo evp svp vp ir "
    "relations investor senior general chairperson principal partner leader host lead corporate financial "
    "operating technology global group business division segment finance strategy md speaker moderator".split()
)
# Words before a hand-over that make it a plan, not the hand-over itself ("Before turning the call over to Tim").
_SUBORDINATE = re.compile(r"\b(?:before|after|once|until|prior to|when|then|later|following)\b", re.I)
# "Tim will then turn it over to Luca": someone else's hand-over, announced.
_THIRD_PERSON = re.compile(rf"\b(?:{_NAME_WORD}|he|she|they|who)\s+(?:will|'ll|would|is going to)\s+(?:then\s+)?\w+\s+$")
_CLAUSE_END = re.compile(r"(?:[,;:]|\bnow|\bthat|\band)\s$")
_SMALL_TALK = re.compile(r"\b(?:how are you|hear me|hear us|you there|how's it going)\b", re.I)
# "My name is Dana Reyes", "I'm Dana Reyes, head of investor relations"
_SELF_INTRODUCTION = re.compile(rf"\b(?:[Mm]y name is|I'm|I am)\s+{_NAME}")
_OPERATOR_WORDS = re.compile(r"\b(?:operator|coordinator|moderator|facilitator|specialist)\b", re.I)
# "J.P. Morgan", "Mr. Hale": a full stop after an initial or an honorific does not end a sentence.
_ABBREVIATION_ENDS = frozenset({"Mr", "Ms", "rs", "Dr", "St"})
_NOT_AN_END = re.compile(r"(?:(?<![\w&])[A-Z]|\b(?:Mr|Ms|Mrs|Dr|St))$")
_PHRASE_ENDS = {"question_intro", "caller_intro"}  # patterns after which a name must start
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789'")
# One pattern per mark: a pattern that starts with a literal is found much faster than one with a class.
_SENTENCE_ENDS = tuple(re.compile(rf"({re.escape(mark)}[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])") for mark in ".?!")


@dataclass(frozen=True)
class _Patterns:
    # patterns `_Inference.scan` tries at trigger words (see `_triggers`), on the lower-cased text
    question_intro: re.Pattern
    caller_intro: re.Pattern
    closing: re.Pattern
    hand_over: re.Pattern
    over_to: re.Pattern
    introduce: re.Pattern
    open_questions: re.Pattern
    operator_vocative: re.Pattern
    instructions: re.Pattern
    go_ahead_phrase: re.Pattern
    # patterns tried at a given place
    go_ahead: re.Pattern
    firm: re.Pattern
    operator_target: re.Pattern
    opening: re.Pattern
    thanks_name: re.Pattern
    thanks_operator: re.Pattern
    acknowledgement: re.Pattern
    answer_opener: re.Pattern
    roster: re.Pattern
    vocative: re.Pattern
    self_named: re.Pattern
    follow_up: re.Pattern
    not_a_name: frozenset


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    ack, thanks = _alt("acknowledgement"), _alt("thanks")
    return _Patterns(
        # The scanned patterns run on the lower-cased text and start with their phrases' trie, which lets the
        # regex engine jump to the phrases' first letters; `_Inference.scan` checks word starts and capitals.
        # "our next question comes from the line of Rosa Kim", "we'll take our first question from ..."
        question_intro=re.compile(
            rf"{_trie('question-ordinal')}\s+(?:question|questions|caller)\b(?:\s+[\w']+){{0,5}}?\s+"
            r"(?:from|to)\s+(?:(?:the|a)\s+line\s+of\s+|line\s+of\s+|the\s+)?"
        ),
        # "next, we'll go to the line of Rosa Kim from Alder." (the firm is required)
        caller_intro=re.compile(rf"{_trie('caller-intro')}\s+(?:the\s+line\s+of\s+)?"),
        # "this concludes today's conference.", "you may now disconnect."
        closing=re.compile(_trie("closing")),
        # "turn the call over to", "hand it back to", "pass it to", "turn over the call to"
        hand_over=re.compile(
            rf"{_trie('hand-over-verb')}\s+(?:{_trie('hand-over-object')}\s+(?:(?:back|over|off|along)\s+)*"
            rf"|(?:(?:back|over|off)\s+)+(?:{_trie('hand-over-object')}\s+)?)to\s+"
        ),
        # "with that, over to Priya." at the start of a sentence or a clause (checked by `scan`)
        over_to=re.compile(rf"{_trie('over-to')}\s+"),
        # "I would now like to introduce", "let me ask", "I'll now call on"
        introduce=re.compile(rf"{_trie('introduce-lead')}\s+(?:now\s+)?{_trie('introduce')}\s+"),
        # "with that, let's open the call for questions.", "operator, first question, please."
        open_questions=re.compile(rf"{_trie('open-questions')}\b"),
        operator_vocative=re.compile(r"operator\s*[,?!.]"),
        # "to ask a question, press star one on your telephone keypad."
        instructions=re.compile(rf"{_trie('instructions')}\b"),
        go_ahead_phrase=re.compile(rf"{_trie('go-ahead')}\b"),
        # "Please go ahead.", "Mr. Hale, please go ahead.", "Rosa, your line is open."
        go_ahead=re.compile(
            rf"(?:{_NAME}\s*,\s*|(?:sir|ma'am|madam)\s*,\s*)?{_alt('go-ahead')}\b"
            rf"(?:\s*,\s*(?:sir|ma'am|madam|{_NAME_WORD}(?:\s+{_NAME_WORD})?))?",
            re.I,
        ),
        # "... Rosa Kim with Alder Securities." / "... Rosa Kim, Alder Securities."
        firm=re.compile(rf"\s*(?:,\s*)?(?:{_alt('firm-preposition')}\s+|,\s*)(?P<firm>.+?)[.?!]*$"),
        operator_target=re.compile(rf"{_alt('operator')}\b", re.I),
        opening=re.compile(rf"\b{_alt('opening')}\b", re.I),
        # "Thank you, Dana.", "Great. Thanks, Rosa, and good morning."
        thanks_name=re.compile(
            rf"(?i:(?:{ack}[,.!]?\s+){{0,2}}{thanks})\s*,?\s+{_HONORIFIC}?"
            rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*(?:[,.!?;]|\s+(?:and|for|so)\b|$)"
        ),
        thanks_operator=re.compile(rf"(?:{ack}[,.!]?\s+){{0,2}}{thanks}\s*,?\s+(?:the\s+)?operator\b", re.I),
        acknowledgement=re.compile(
            rf"(?:(?:{ack}|{thanks})(?:\s*,?\s+(?:sir|ma'am|all|everyone|again|guys|ladies and gentlemen))?[,.!]*\s*)+$", re.I
        ),
        answer_opener=re.compile(rf"{_alt('answer-opener')}\b", re.I),
        roster=re.compile(rf"{_trie('roster')}\b"),
        # a name addressed at the start of a sentence or between commas ("Yeah, Rosa, ...", "Thanks, Rosa.")
        vocative=re.compile(
            rf"(?:^|[,.!?]\s+|\b(?i:{_alt('acknowledgement')})[,.!]?\s+){_HONORIFIC}?(?P<name>{_NAME_WORD})"
            rf"(?:\s+{_NAME_WORD})?(?=\s*[,.!?;]|\s*$)"
        ),
        # "This is Dana.", "Yeah, Rosa, it's Dana.", "Dana here."
        self_named=re.compile(
            rf"(?:^|[,.]\s+)(?i:{_alt('self-introduction')})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*(?:[,.!;]|$)"
            rf"|(?:^|[,.]\s+)(?P<here>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+here\b"
        ),
        follow_up=re.compile(rf"\b{_alt('follow-up')}\b", re.I),
        not_a_name=frozenset(cue_phrases()["not-a-name"]),
    )


_FUNCTION_WORDS = frozenset(
    "the a an to of for on in up it is you your you're may now all our we with this that please next first "
    "have and from also here by at as so there then are was were be been will can do does did no not has had "
    "just".split()
)
# Words frequent in calls, poor triggers: a phrase's trigger is one of these only if it has no rarer word.
_VERY_FREQUENT_WORDS = frozenset("question questions call today today's last".split())
_FREQUENT_WORDS = frozenset(
    "question-and-answer over go line lines back take open ask conference start move hear give turn session more "
    "me us".split()
)


def _rarity(word: str) -> int:
    if word in _FUNCTION_WORDS:
        return 0
    return 1 if word in _VERY_FREQUENT_WORDS else 2 if word in _FREQUENT_WORDS else 3


@dataclass(frozen=True)
class _Trigger:
    """A scanned pattern to try at a trigger word: at most `before` words before it, and only after one of
    the words `after` (None: after any word, the trigger may start the pattern)."""

    pattern: str
    before: int
    after: frozenset | None


@lru_cache(maxsize=1)
def _triggers() -> dict[str, tuple[_Trigger, ...]]:
    """The scanned patterns by trigger word: a sentence without a pattern's trigger word cannot match it.

    A phrase's trigger is its rarest word ("please go ahead" -> "ahead"), and the word before the trigger
    in the phrase must come before it in the text. Finding the trigger words and trying the patterns
    just before them is many times faster than scanning the text with each pattern.
    """
    def rarest(slug: str, extra: int = 0, leads: frozenset | None = None) -> dict[str, tuple[int, set | None]]:
        found: dict[str, tuple[int, set | None]] = {}
        for phrase in cue_phrases()[slug]:
            words = [w.strip(",.?!;:") for w in phrase.split()]
            k = max(range(len(words)), key=lambda j: (_rarity(words[j]), len(words[j]), j))
            before, after = found.get(words[k], (0, set()))
            previous = {words[k - 1]} if k else leads
            after = None if after is None or previous is None else after | previous
            found[words[k]] = (max(before, k + extra), after)
        return found

    lead_ends = frozenset(lead.split()[-1] for lead in cue_phrases()["introduce-lead"]) | {"now"}
    ordinals = set(cue_phrases()["question-ordinal"])
    words = {
        "question_intro": {word: (2, ordinals) for word in ("question", "questions", "caller")},  # "our next question"
        "caller_intro": rarest("caller-intro"),
        "closing": rarest("closing"),
        "hand_over": {verb: (0, None) for verb in cue_phrases()["hand-over-verb"]},
        "over_to": rarest("over-to"),
        "introduce": rarest("introduce", extra=6, leads=lead_ends),  # "it is my pleasure to now introduce"
        "open_questions": rarest("open-questions"),
        "operator_vocative": {"operator": (0, None)},
        "instructions": rarest("instructions"),
        "go_ahead_phrase": rarest("go-ahead"),
        "roster": rarest("roster"),
    }
    triggers: dict[str, list[_Trigger]] = {}
    for pattern, trigger_words in words.items():
        for word, (before, after) in trigger_words.items():
            triggers.setdefault(word, []).append(_Trigger(pattern, before, None if after is None else frozenset(after)))
    return {word: tuple(found) for word, found in triggers.items()}


@lru_cache(maxsize=1)
def _trigger_forms() -> dict[str, str]:
    """Each trigger word as `str.split` leaves it in a text ("ahead.", "(question"), mapped to the word."""
    return {form: word for word in _triggers()
            for form in (word, *(word + mark for mark in ",.?!;:\"'”’)"), "(" + word, '"' + word, "“" + word)}


@lru_cache(maxsize=None)
def _max_before(pairs: tuple[_Trigger, ...]) -> int:
    return max(t.before for t in pairs)


@lru_cache(maxsize=1)
def _trigger_keys() -> tuple[frozenset, frozenset]:
    """All trigger forms, and those of patterns other than the roster's (read in the first sentences only)."""
    forms, triggers = _trigger_forms(), _triggers()
    late = frozenset(f for f, word in forms.items() if any(t.pattern != "roster" for t in triggers[word]))
    return frozenset(forms), late


# --- sentences and names --------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, without the white space around it."""
    spans, start = [], len(text) - len(text.lstrip())
    ends = sorted([(m.start(), m.end(1), m.end()) for pattern in _SENTENCE_ENDS for m in pattern.finditer(text)])
    for stop, end, after in ends:
        if text[stop] == "." and stop and (text[stop - 1].isupper() or text[stop - 2:stop] in _ABBREVIATION_ENDS) \
                and _NOT_AN_END.search(text, max(0, stop - 5), stop):
            continue
        if stop >= start:
            spans.append((start, end))
            start = after
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


def _name_words(run: str, not_a_name: frozenset) -> str | None:
    """The person's name in a capitalised run: the last stretch of name words between titles and
    possessives ("Apple CEO Tim Cook" -> "Tim Cook", "Rosa Kim Vice President" -> "Rosa Kim")."""
    stretches: list[list[str]] = []
    current: list[str] = []
    for word in run.split():
        low = word.lower().strip(".,")
        possessive = low.endswith(("'s", "’s"))
        if low in _TITLE_WORDS or low in not_a_name or possessive or "&" in word:
            if current:
                stretches.append(current)
            current = []
            if possessive:
                stretches.clear()
            continue
        current.append(word)
    if current:
        stretches.append(current)
    if not stretches:
        return None
    words = stretches[-1][:_MAX_NAME_WORDS]
    while words and re.fullmatch(_PARTICLE, words[-1]):
        words.pop()
    return " ".join(words) or None


# Words that may stand between a hand-over and the name, besides titles and capitalised words ("to our CFO,
# Mark Ode", "to your host, Dana Reyes", "to Corvane's chief executive, Mark Ode").
_BEFORE_NAME = frozenset("our your the my a an his her their new own host speaker today's today for and of".split())
_NAME_WITHIN = 80  # characters after a hand-over


def _target(text: str, pos: int, end: int, p: _Patterns) -> tuple[str | None, int]:
    """Whom a hand-over at `pos` names, and where the name ends: a person's name, `OPERATOR`, or None."""
    if operator := p.operator_target.match(text, pos, end):
        return OPERATOR, operator.end()
    for match in _NAME_RE.finditer(text, pos, min(end, pos + _NAME_WITHIN)):
        for word in text[pos:match.start()].replace(",", " ").split():
            low = word.lower()
            if not (low in _BEFORE_NAME or low in _TITLE_WORDS or word[0].isupper() or low.endswith(("'s", "’s"))):
                return None, pos
        if name := _name_words(match["name"], p.not_a_name):
            return name, match.end()
    return None, pos


def _first(name: str) -> str:
    return name.split()[0]


def _same_person(name: str, speaker: str) -> bool:
    """"Dana" or "Reyes" or "Dana Reyes" for Dana Reyes."""
    words = speaker.split() or [""]
    return name == speaker or name in words or (" " in name and name.split()[0] == words[0])


class _People:
    """Who the text has introduced, to complete first names: "Mark" is the "Mark Ode" named before."""

    def __init__(self, text: str, not_a_name: frozenset):
        self.text = text
        self.not_a_name = not_a_name
        self.full: list[str] = []
        self._searched: dict[str, int] = {}  # how far the text was searched for a name

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
        searched = self._searched.get(name, -1)
        if searched < before:
            self._searched[name] = before
            if found := self._search(name, max(searched, 0), before):
                self.add(found)
                return found, True
        return name, False

    def _search(self, name: str, start: int, before: int) -> str | None:
        """The first "<name> <Surname>" (or "<Given> <name>") between `start` and `before`."""
        text, pos = self.text, _find(self.text, name, start, before)
        while pos != -1:
            stop = pos + len(name)
            if (pos == 0 or not text[pos - 1].isalnum()) and (stop == len(text) or not text[stop].isalnum()):
                after = _NEXT_WORD.match(text, stop)
                before_word = _PREVIOUS_WORD.search(text, max(0, pos - 30), pos)
                for other, full in ((after and after[1], f"{name} {after and after[1]}"),
                                    (before_word and before_word[1], f"{before_word and before_word[1]} {name}")):
                    if other and other.lower() not in self.not_a_name and other.lower() not in _TITLE_WORDS \
                            and not other.lower().endswith(("'s", "’s")):
                        return full
            pos = _find(text, name, pos + 1, before)
        return None


def _find_all(text: str, word: str, start: int, end: int) -> list[int]:
    out, pos = [], _find(text, word, start, end)
    while pos != -1:
        out.append(pos)
        pos = _find(text, word, pos + len(word), end)
    return out


def _find(text: str, word: str, start: int, end: int) -> int:
    return text.find(word, start, end) if end > start else -1


_NEXT_WORD = re.compile(rf"\s+({_NAME_WORD})")
_PREVIOUS_WORD = re.compile(rf"({_NAME_WORD})\s+$")


# --- the rules ------------------------------------------------------------------------------------


@dataclass
class _Bound:
    """A turn change at a sentence: who speaks from there, how sure the rule is, and which rule."""

    speaker: str
    confidence: float
    rule: str
    analyst: str | None = None  # in the questions: whose question it is


class _Inference:
    def __init__(self, text: str):
        self.text = text
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two ("İ"): keep the offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.low = lowered
        self.ascii = lowered.encode("ascii", "replace")  # one byte a character: offsets are the text's
        self.p = _patterns()
        self.sentences = _sentences(text)
        self.starts = [start for start, _ in self.sentences]
        self.people = _People(text, self.p.not_a_name)
        self.bounds: dict[int, _Bound] = {}
        self.found: dict[int, dict[str, list[int]]] = {}
        self.thanks: set[int] = set()  # sentences with "thank" near the start
        self.naming: set[int] = set()  # sentences with "this is", "it's", "here": a speaker may name themselves
        self.analysts: list[tuple[str, str | None]] = []
        self.executives: list[str] = []
        self._addressed: tuple[tuple[str, ...], re.Pattern | None] = ((), None)  # executives' first names
        self.consumed: set[int] = set()  # go-ahead sentences that end an introduction already read
        self.host: str | None = None  # the call's host: the first one the operator hands over to

    # -- helpers
    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def sentence(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]

    def is_go_ahead(self, i: int) -> re.Match | None:
        """Sentence `i` is a short go-ahead ("Please go ahead.", "Rosa, your line is open.")."""
        if i >= len(self.sentences):
            return None
        start, end = self.sentences[i]
        if end - start > _SHORT_SENTENCE:
            return None
        match = self.p.go_ahead.match(self.text, start, end)
        return match if match and end - match.end() <= 2 else None

    def is_acknowledgement(self, i: int) -> bool:
        """Sentence `i` is only thanks or an acknowledgement ("Great. Thank you.", "Certainly.")."""
        start, end = self.sentences[i]
        return end - start <= _SHORT_ACKNOWLEDGEMENT and bool(self.p.acknowledgement.match(self.text, start, end))

    def thanked(self, i: int) -> str | None:
        """The name a sentence starts by thanking ("Thanks, Rosa." -> "Rosa")."""
        if i not in self.thanks:
            return None
        match = self.p.thanks_name.match(self.text, *self.sentences[i])
        return _name_words(match["name"], self.p.not_a_name) if match else None

    def set(self, i: int, bound: _Bound, override: bool = False) -> None:
        if 0 <= i < len(self.sentences) and (override or i not in self.bounds):
            self.bounds[i] = bound

    def executive(self, name: str) -> None:
        if name not in (OPERATOR, UNKNOWN) and name not in self.executives:
            self.executives.append(name)

    def segments(self):
        """(sentence of the turn change, its bound, the sentence of the next change) in order."""
        order = sorted(self.bounds)
        for k, b in enumerate(order):
            yield b, self.bounds[b], order[k + 1] if k + 1 < len(order) else len(self.sentences)

    # -- pass 1: hand-offs that name or imply the next speaker
    def run(self) -> tuple[Turn, ...]:
        if not self.sentences:
            return ()
        self.found = found = self.scan()
        self.thanks = self.sentences_with("thank", 40)
        self.naming = set().union(*(self.sentences_with(w, _SELF_NAME_CHARS) for w in ("this is", "it's", "it is")),
                                  {self.index(pos) for pos in self.find_word("here")})
        self.roster(found)
        self.opening()
        for i in sorted(found):
            self.cues(i, found[i])
        self.name_questions()
        self.host_turns()
        self.questions_and_answers()
        return self.turns()

    def scan(self) -> dict[int, dict[str, list[int]]]:
        """Where each cue pattern matches, by sentence: the ends of its matches.

        The text's words are checked against the trigger words in one pass; a pattern is tried only at its
        trigger words, after the right word, at the trigger and at the few words before it.
        """
        low, triggers, forms = self.low, _triggers(), _trigger_forms()
        all_keys, late_keys = _trigger_keys()
        found: dict[int, dict[str, list[int]]] = {}
        questions = False  # the roster is read before the questions only
        cursor, size = 0, len(low)
        for form in [word for word in low.split() if word in all_keys]:
            pos = low.find(form, cursor)
            while pos != -1 and not ((pos == 0 or low[pos - 1].isspace())
                                     and (pos + len(form) == size or low[pos + len(form)].isspace())):
                pos = low.find(form, pos + 1)
            if pos == -1:
                break
            cursor = pos + len(form)
            word = forms[form]
            pos += form.index(word)
            i = self.index(pos)
            start, end = self.sentences[i]
            if not start <= pos < end or (form not in late_keys and (questions or i >= _ROSTER_SENTENCES)):
                continue
            questions = self.try_triggers(found, triggers[word], i, pos, start, end, questions)
        return found

    def try_triggers(self, found, pairs, i: int, pos: int, start: int, end: int, questions: bool) -> bool:
        """Try the patterns of the trigger word at `pos`; returns whether the questions have begun."""
        low, p = self.low, self.p
        previous = None
        starts = None
        for trigger in pairs:
            name = trigger.pattern
            if trigger.after is not None and previous is None:
                previous = low[max(low.rfind(" ", start, pos - 1), start - 1) + 1:pos].strip().strip(",.?!;:")
            if (trigger.after is not None and previous not in trigger.after) \
                    or (name == "go_ahead_phrase" and end - start > _SHORT_SENTENCE) \
                    or (name == "roster" and (questions or i >= _ROSTER_SENTENCES)) \
                    or (name in _PHRASE_ENDS and end - start > _INTRO_SENTENCE):
                continue
            if trigger.before and starts is None:
                starts = self.word_starts(pos, _max_before(pairs), start)
            pattern = getattr(p, name)
            for at in starts[:trigger.before + 1] if trigger.before else (pos,):
                match = pattern.match(low, at, end)
                if match and self.accept(name, at, match.end(), start, end):
                    ends = found.setdefault(i, {}).setdefault(name, [])
                    if match.end() not in ends:
                        ends.append(match.end())
                        ends.sort()
                    questions = questions or name == "question_intro"
                    break
        return questions

    def word_starts(self, pos: int, count: int, start: int) -> list[int]:
        """`pos` and the starts of up to `count` words before it, back to `start`, nearest first."""
        low, out = self.low, [pos]
        for _ in range(count):
            j = pos
            while j > start and low[j - 1].isspace():
                j -= 1
            if j <= start:
                break
            pos = max(low.rfind(" ", start, j), low.rfind("\n", start, j), start - 1) + 1
            out.append(pos)
        return out

    def find_word(self, word: str, whole: bool = False) -> list[int]:
        """Where the lower-case `word` starts a word of the text (and ends one, if `whole`)."""
        data, out = self.ascii, []
        needle = word.encode("ascii", "replace")
        size, total = len(needle), len(data)
        pos = data.find(needle)
        while pos != -1:
            if (pos == 0 or data[pos - 1] not in _WORD_BYTES) and (
                not whole or pos + size == total or data[pos + size] not in _WORD_BYTES
            ):
                out.append(pos)
            pos = data.find(needle, pos + size)
        return out

    def sentences_with(self, word: str, within: int) -> set[int]:
        """The sentences that have `word` in their first `within` characters."""
        return {i for pos in self.find_word(word) if pos - self.sentences[(i := self.index(pos))][0] < within}

    def accept(self, name: str, pos: int, stop: int, start: int, end: int) -> bool:
        """A scanned match starts a word; a name follows an intro; "over to" and "Operator," start a clause."""
        low = self.low
        if pos > start and (low[pos - 1].isalnum() or low[pos - 1] in "'’"):
            return False
        if name in _PHRASE_ENDS:
            return stop < end and self.text[stop].isupper()
        if name == "over_to":
            return pos == start or bool(_CLAUSE_END.search(low, max(start, pos - 6), pos))
        if name == "operator_vocative":
            return pos == start or low[pos - 2:pos] == ", "
        return True

    def roster(self, found: dict[int, dict[str, list[int]]]) -> None:
        """Full names in the sentences that introduce the company's speakers, before the questions."""
        first_question = min((i for i, cues in found.items() if "question_intro" in cues), default=len(self.sentences))
        for i in sorted(i for i, cues in found.items() if "roster" in cues and i < first_question):
            start, end = self.sentences[i]
            for match in _NAME_RE.finditer(self.text, start, end):
                name = _name_words(match["name"], self.p.not_a_name)
                if name and 2 <= len(name.split()) <= 3:
                    self.people.add(name)

    def opening(self) -> None:
        """The operator's greeting in the first sentences: the text starts with the operator, unless the
        one speaking introduces themselves ("I'm Dana Reyes, head of investor relations") as other than
        the operator ("My name is Sam, and I will be your conference operator today")."""
        first = min(_OPENING_SENTENCES, len(self.sentences))
        for i in range(first):
            if self.found.get(i, {}).keys() - {"roster", "open_questions", "instructions"}:  # someone spoke first
                break
            start, end = self.sentences[i]
            match = _SELF_INTRODUCTION.search(self.text, start, end)
            name = _name_words(match["name"], self.p.not_a_name) if match else None
            if name and not _OPERATOR_WORDS.search(self.text, start, end):
                self.set(0, _Bound(name, SELF_NAMED, "self-introduced"))
                self.people.add(name)
                return
        if any(self.p.opening.search(self.text, *self.sentences[i]) for i in range(first)):
            self.set(0, _Bound(OPERATOR, OPENING, "opening"))

    def cues(self, i: int, found: dict[str, list[int]]) -> None:
        """The rules for sentence `i`, given where each cue pattern matched in it, strongest first."""
        text, p = self.text, self.p
        start, end = self.sentences[i]
        for pos in found.get("question_intro", ()):
            if self.question_intro(i, pos):
                return
        for pos in found.get("caller_intro", ()):
            if self.question_intro(i, pos, firm_required=True):
                return
        if "closing" in found and not re.search(r"\bremarks\b", text[start:end], re.I):
            self.set(self.back_over_filler(i), _Bound(OPERATOR, CLOSING, "closing"), override=True)
            return
        positions = found.get("hand_over", []) + found.get("over_to", []) + found.get("introduce", [])
        if positions and self.hand_over(i, positions):
            return
        if "open_questions" in found or "operator_vocative" in found:
            first = min(found.get("open_questions", []) + found.get("operator_vocative", []))
            if not p.thanks_operator.match(text, start, end) and not _SUBORDINATE.search(text, start, first):
                if i + 1 < len(self.sentences) and not self.thanked(i + 1):
                    self.set(i + 1, _Bound(OPERATOR, OPERATOR_ASKED, "asked-operator"))
                return
        if "instructions" in found:
            self.set(self.back_over_filler(i), _Bound(OPERATOR, INSTRUCTIONS, "instructions"))
            return
        if "go_ahead_phrase" in found and i not in self.consumed and (go := self.is_go_ahead(i)) and go["name"]:
            if name := _name_words(go["name"], p.not_a_name):
                self.set(i + 1, _Bound(self.people.complete(name, start)[0], GO_AHEAD_NAMED, "go-ahead"))

    def name_questions(self) -> None:
        """"Mike?" alone at the end of a turn passes the word to Mike, when the text introduced a Mike."""
        text = self.text
        for i, (start, end) in enumerate(self.sentences[:-1]):
            if text[end - 1] != "?" or end - start > _NAME_QUESTION_CHARS or i + 1 in self.bounds:
                continue
            match = _NAME_RE.fullmatch(text, start, end - 1)
            name = _name_words(match["name"], self.p.not_a_name) if match else None
            full = next((f for f in self.people.full if name and _same_person(name, f)), None)
            if full:
                self.executive(full)
                self.set(i + 1, _Bound(full, HANDOFF, "hand-over"))

    def back_over_filler(self, i: int) -> int:
        """The operator's turn starts before sentence `i` at short acknowledgements and instructions
        ("Thank you. Certainly."), but not before the last turn change."""
        last = max((b for b in self.bounds if b < i), default=-1)
        j = i
        while j - 1 > last and i - (j - 1) <= _BACK_FILLER and (
            self.is_acknowledgement(j - 1)
            or self.p.instructions.search(self.text, *self.sentences[j - 1])
            or re.match(r"(?:please stand by|one moment|stand by)", self.sentence(j - 1), re.I)
        ):
            j -= 1
        return j

    def question_intro(self, i: int, pos: int, firm_required: bool = False) -> bool:
        """The operator introduces an analyst: an Operator turn, then the analyst's."""
        text = self.text
        end = self.sentences[i][1]
        match = _NAME_RE.match(text, pos, end)
        name = _name_words(match["name"], self.p.not_a_name) if match else None
        if not name:
            return False
        firm = self.firm(match.end(), end)
        if firm_required and not firm:
            return False
        self.set(self.back_over_filler(i), _Bound(OPERATOR, QUESTION_INTRO, "question-intro"), override=True)
        j = i + 1
        while j < i + 3 and self.is_go_ahead(j):  # "Your line is open. Please go ahead."
            self.consumed.add(j)
            j += 1
        self.set(j, _Bound(name, ANALYST, "analyst", analyst=name), override=True)
        self.people.add(name)
        if (name, firm) not in self.analysts:
            self.analysts.append((name, firm))
        return True

    def firm(self, pos: int, end: int) -> str | None:
        """The analyst's firm after the name ("with Alder Securities. Your line is open."), up to a go-ahead;
        None when there is none, or what follows is not one ("from Billy, where the weather was good")."""
        found = self.p.firm.match(self.text, pos, end)
        if not found:
            return None
        start, stop = found.span("firm")
        if go := self.p.go_ahead_phrase.search(self.low, start, stop):
            stop = go.start()
        firm = _FIRM_END.sub("", self.text[start:stop])
        if not firm or not (firm[0].isupper() or firm[0].isdigit()) or len(firm.split()) > _MAX_FIRM_WORDS:
            return None
        return firm

    def hand_over(self, i: int, positions: list[int]) -> bool:
        """A speaker hands over by name ("I'll turn the call over to Mark"): the next sentence is Mark's."""
        text, p = self.text, self.p
        start, end = self.sentences[i]
        for pos in sorted(positions, reverse=True):
            lead = text[start:pos]
            if _SUBORDINATE.search(lead) or _THIRD_PERSON.search(lead):
                continue
            target, name_end = _target(text, pos, end, p)
            if target is None or len(text[name_end:end].split()) > _TAIL_WORDS:
                continue
            j = i + 1
            while j < i + 3 and (go := self.is_go_ahead(j)):  # "Mr. Hale, please go ahead." names the next one
                if go["name"] and (vocative := _name_words(go["name"], p.not_a_name)):
                    target = vocative
                self.consumed.add(j)
                j += 1
            if target == OPERATOR:
                self.set(j, _Bound(OPERATOR, OPERATOR_ASKED, "asked-operator"))
                return True
            full, known = self.people.complete(target, self.sentences[j][0] if j < len(self.sentences) else end)
            self.people.add(full)
            self.executive(full)
            self.set(j, _Bound(full, HANDOFF if known else HANDOFF_FIRST_NAME, "hand-over"), override=True)
            return True
        return False

    # -- pass 2: the host's turns, confirmations, and the answers to the questions
    def host_turns(self) -> None:
        """Turns the operator's rules gave to someone who is the call's host (the first one handed to)."""
        host = self.host = next((bound.speaker for _, bound, _ in self.segments()
                                 if bound.rule in ("hand-over", "go-ahead")), None)
        # an "Operator" turn that itself asks the operator for questions, or starts thanking someone, is the host's
        for b, bound, stop in list(self.segments()):
            if bound.rule != "asked-operator":
                continue
            asks = any("operator_vocative" in self.found.get(s, ()) for s in range(b, stop))
            if asks or self.thanked(b):
                self.bounds[b] = _Bound(host or UNKNOWN, MODERATOR if host else UNNAMED, "host")
        # in a prepared turn, thanks to the one speaking start someone else's turn
        for b, bound, stop in list(self.segments()):
            if bound.rule not in ("hand-over", "go-ahead"):
                continue
            for s in range(b + 1, stop):
                thanked = self.thanked(s)
                if thanked and _same_person(thanked, bound.speaker):
                    other = host if host and host != bound.speaker else None
                    self.set(s, _Bound(other or UNKNOWN, MODERATOR if other else UNNAMED, "thanks"))
                    break
        # "Thank you, Dana" at the start of Mark's turn confirms that Dana spoke before
        previous = None
        for b, bound, _ in self.segments():
            thanked = self.thanked(b) if bound.rule == "hand-over" and previous else None
            if thanked and _same_person(thanked, previous.speaker):
                bound.confidence = HANDOFF_CONFIRMED
            previous = bound

    def questions_and_answers(self) -> None:
        """In each analyst's turn, find the answers and the analyst's follow-ups."""
        recent = None
        for b, bound, stop in list(self.segments()):
            if bound.rule in ("hand-over", "go-ahead"):
                recent = bound.speaker
            elif bound.rule == "analyst":
                recent = self.exchange(b, stop, bound.analyst or bound.speaker, recent)

    def exchange(self, question: int, stop: int, analyst: str, recent: str | None) -> str | None:
        """Answers and follow-ups from the analyst's question at `question` to the next turn at `stop`;
        returns the last executive who answered."""
        while question < stop:
            answer = self.answer_start(question, stop, analyst)
            if answer is None:
                break
            s, speaker, rule = answer
            if speaker:
                confidence = SELF_NAMED
            else:
                addressed = self.addressed(question, s)
                speaker = addressed or recent or UNKNOWN
                confidence = ADDRESSED if addressed else RECENT if recent else UNNAMED
            self.set(s, _Bound(speaker, confidence, rule, analyst=analyst))
            recent = speaker if speaker != UNKNOWN else recent
            follow = self.follow_up_start(s, stop, speaker)
            if follow is None:
                question = s
                break
            self.set(follow, _Bound(analyst, FOLLOW_UP, "follow-up", analyst=analyst))
            question = follow
        self.host_closing(question, stop, analyst, recent)
        return recent

    def host_closing(self, after: int, stop: int, analyst: str, answering: str | None) -> None:
        """"Thanks, Rosa. Operator, next question, please." at the end of an exchange is the host's."""
        if not self.host or self.host == answering:
            return
        for s in range(max(after + 1, stop - 3), stop):
            if self.closing_thanks(s, stop, analyst):
                self.set(s, _Bound(self.host, MODERATOR, "host"))
                return

    def closing_thanks(self, s: int, stop: int, analyst: str) -> bool:
        """Sentence `s` thanks the analyst and asks for the next question, or ends the exchange."""
        thanked = self.thanked(s)
        if not thanked or not _same_person(thanked, analyst):
            return False
        asks = any(cue in self.found.get(k, ()) for k in (s, s + 1) for cue in ("open_questions", "operator_vocative"))
        return asks or s + 1 >= stop

    def answer_start(self, question: int, stop: int, analyst: str) -> tuple[int, str | None, str] | None:
        """Where the answer to the question at sentence `question` starts: the first sentence that names its
        speaker or addresses the analyst; else, after a question mark, the first sentence that opens like an
        answer ("Yeah, ...") or, failing that, the first that is neither a question nor thanks."""
        text = self.text
        first = _first(analyst)
        addressed_at = None
        if question + 1 < stop:
            begin, finish = self.sentences[question + 1][0], self.sentences[stop - 1][1]
            mentions = {self.index(pos) for pos in _find_all(text, first, begin, finish)}
            for s in sorted(self.naming.union(mentions)):
                if not question < s < stop:
                    continue
                if named := self.self_named(s):
                    return s, named, "self-named"
                start, end = self.sentences[s]
                if s in mentions and any(m["name"] == first for m in self.p.vocative.finditer(text[start:end])):
                    if not self.closing_thanks(s, stop, analyst):  # "Thanks, Rosa. Next question, please."
                        addressed_at = s
                    break
        if addressed_at is not None:
            if addressed_at + 1 < stop and (named := self.self_named(addressed_at + 1)):
                return addressed_at, named, "self-named"
            return addressed_at, None, "answer"
        return self.after_question(question, stop, analyst)

    def after_question(self, question: int, stop: int, analyst: str) -> tuple[int, None, str] | None:
        """The answer after a question mark: at the first sentence that opens like an answer ("Yeah, ..."),
        else at the first stretch of a few sentences without a question (answers are long, questions end
        in "?"), else at the longest."""
        text, low = self.text, self.low
        candidates = []
        for s in range(question + 1, stop):
            start, end = self.sentences[s - 1]
            if text[end - 1] != "?" or _SMALL_TALK.search(text, start, end):  # "How are you?" asks nothing
                continue
            k = s
            while k < stop and not self.p.answer_opener.match(low, *self.sentences[k]) \
                    and (self.is_acknowledgement(k) or text[self.sentences[k][1] - 1] == "?"):
                k += 1
            if k >= stop or self.closing_thanks(k, stop, analyst):
                break
            if self.p.answer_opener.match(low, *self.sentences[k]):
                return k, None, "answer-after-question"
            if not candidates or candidates[-1] != k:
                candidates.append(k)
        if not candidates:
            return None
        def stretch(k: int) -> int:
            j = k
            while j < stop and text[self.sentences[j][1] - 1] != "?":
                j += 1
            return j - k
        long_enough = [k for k in candidates if stretch(k) >= _ANSWER_SENTENCES]
        guess = long_enough[0] if long_enough else max(candidates, key=lambda k: (stretch(k), -k))
        return guess, None, "answer-guessed"

    def self_named(self, s: int) -> str | None:
        """The executive a sentence says is speaking ("This is Dana.", "Yeah, Rosa, it's Dana.")."""
        if s not in self.naming:
            return None
        start, end = self.sentences[s]
        head = self.text[start:min(end, start + _SELF_NAME_CHARS)]
        match = self.p.self_named.search(head)
        name = _name_words(match["name"] or match["here"], self.p.not_a_name) if match else None
        if not name:
            return None
        for executive in self.executives:
            if _same_person(name, executive):
                return executive
        full, known = self.people.complete(name, start)
        if known and all(not _same_person(name, analyst) for analyst, _ in self.analysts):
            self.executive(full)
            return full
        return None

    def addressed(self, question: int, answer: int) -> str | None:
        """The executive the question names first ("Dana, you mentioned ..."), if any."""
        if not self.executives:
            return None
        start, end = self.sentences[question][0], self.sentences[answer - 1][1]
        firsts = {_first(e): e for e in reversed(self.executives)}
        key = tuple(firsts)
        if self._addressed[0] != key:
            self._addressed = (key, re.compile(r"\b(" + "|".join(map(re.escape, firsts)) + r")\b"))
        match = self._addressed[1].search(self.text, start, end)
        return firsts[match[1]] if match else None

    def follow_up_start(self, answer: int, stop: int, speaker: str) -> int | None:
        """The analyst back after an answer: thanks to the one answering ("Thank you, Dana."), or an
        acknowledged follow-up question ("Got it. And as a follow-up, ...?")."""
        text = self.text
        for s in range(answer + 1, stop):
            start, end = self.sentences[s]
            thanked = self.thanked(s)
            if thanked and _same_person(thanked, speaker):
                return s
            if self.is_acknowledgement(s - 1) and self.p.follow_up.search(text, start, end) \
                    and "?" in text[start:self.sentences[min(s + 2, stop - 1)][1]]:
                j = s - 1
                while j - 1 > answer and s - j < _BACK_FILLER and self.is_acknowledgement(j - 1):
                    j -= 1
                return j
        return None

    def turns(self) -> tuple[Turn, ...]:
        turns: list[Turn] = []
        for b, bound, stop in self.segments():
            start, end = self.sentences[b][0], self.sentences[stop - 1][1]
            if turns and turns[-1].speaker == bound.speaker:  # one speaker twice in a row: one turn
                last = turns[-1]
                turns[-1] = Turn(last.speaker, last.start, end, -1, max(last.confidence, bound.confidence))
            else:
                turns.append(Turn(bound.speaker, start, end, -1, bound.confidence))
        return tuple(turns)


# --- the API --------------------------------------------------------------------------------------


def infer_turns(text: str) -> tuple[Turn, ...]:
    """The speaker turns of a call transcript without speaker labels, from the first hand-off on.

    Turns are in order and do not overlap; `text[t.start:t.end]` is a turn's spoken text, without the
    white space around it. Each has `label_start=-1` and a confidence in (0, 1) from its rule; a turn whose
    speaker no rule could name has the speaker `UNKNOWN`. () when the text has no hand-off.
    """
    try:
        return _Inference(text).run()
    except Exception:  # a heuristic must not stop ingestion; no turns is a safe answer
        return ()


def analysts(text: str) -> list[tuple[str, str | None]]:
    """(name, firm) of each analyst the operator introduces, in order of first introduction; the firm is
    None when the operator did not say it. Names and firms are kept as the transcript spells them."""
    try:
        inference = _Inference(text)
        inference.run()
        return inference.analysts
    except Exception:
        return []
