"""The hand-off cue phrases (lexicon `handoff-cues`) as regular expressions, and the trigger words that find
them fast. The phrases are data; the grammar around them (where the name goes) is here."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg import lexicon
from kg.documents.names import NAME_WORD, honorific, name_pattern


def lowered(text: str) -> str:
    """The text in lower case, character for character: the few characters that lower-case to two ("İ") stay."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def cue_phrases() -> dict[str, tuple[str, ...]]:
    """The scheme's phrases by concept slug ("go-ahead": ("please go ahead", ...)), longest first."""
    return lexicon.concept_forms(lexicon.HANDOFF_CUES)


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
    for phrase in cue_phrases()[slug]:
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


@dataclass(frozen=True)
class Patterns:
    # patterns `Inference.scan` tries at trigger words (see `triggers`), on the lower-cased text
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
    question_handed: re.Pattern
    said_by_other: re.Pattern
    greeting: re.Pattern
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
    pass_on: re.Pattern
    pass_on_asked: re.Pattern
    pass_on_later: re.Pattern
    answer_goes_on: re.Pattern
    plan_lead: re.Pattern


# Patterns after which a name must start.
PHRASE_ENDS = frozenset({"question_intro", "caller_intro"})


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    ack, thanks = _alt("acknowledgement"), _alt("thanks")
    objects = f"(?:{_trie('hand-over-object')}|{_trie('hand-over-question')})"
    name, honorific_ = name_pattern(), honorific()
    return Patterns(
        # The scanned patterns run on the lower-cased text and start with their phrases' trie, which lets the
        # regex engine jump to the phrases' first letters; `Inference.scan` checks word starts and capitals.
        # "our next question comes from the line of Rosa Kim", "we'll take our first question from ..."
        question_intro=re.compile(
            rf"{_trie('question-ordinal')}\s+{_trie('question-noun')}\b(?:,?\s+[\w']+){{0,5}}?\s+"
            r"(?:from|to)\s+(?:(?:the|a)\s+line\s+of\s+|line\s+of\s+|the\s+)?"
        ),
        # "next, we'll go to the line of Rosa Kim from Alder." (the firm is required)
        caller_intro=re.compile(rf"{_trie('caller-intro')}\s+(?:the\s+line\s+of\s+)?"),
        # "this concludes today's conference.", "you may now disconnect."
        closing=re.compile(_trie("closing")),
        # "turn the call over to", "hand it back to", "pass it to", "turn over the call to"
        hand_over=re.compile(
            rf"{_trie('hand-over-verb')}\s+(?:{objects}\s+(?:(?:back|over|off|along)\s+)*"
            rf"|(?:(?:back|over|off)\s+)+(?:{objects}\s+)?)to\s+"
        ),
        # "Hey, good morning.": greetings alone, tried on a whole sentence without the name it greets
        greeting=re.compile(rf"(?:{_alt('greeting')}[,.!]*\s*)+", re.I),
        # "'s comments", " mentioned": words right after a name that speak of its bearer in the third person
        said_by_other=re.compile(rf"\s*(?i:{_alt('said-by-other')})\b"),
        # "... pass that question over to ": the hand-over of one question, at the end of the words before the name
        question_handed=re.compile(rf"\b{_trie('hand-over-question')}\s+(?:(?:back|over|off|along)\s+)*to\s+$"),
        # "with that, over to Priya." at the start of a sentence or a clause (checked by `scan`)
        over_to=re.compile(rf"{_trie('over-to')}\s+"),
        # "I would now like to introduce", "let me ask", "I'll now call on", "... introduce your host, ..."
        introduce=re.compile(
            rf"{_trie('introduce-lead')}\s+(?:{_trie('introduce-adverb')}\s+)?{_trie('introduce')}\s+"
            rf"(?:{_trie('introduce-object')},?\s+)?"
        ),
        # "with that, let's open the call for questions.", "operator, first question, please."
        open_questions=re.compile(rf"{_trie('open-questions')}\b"),
        operator_vocative=re.compile(r"operator\s*[,?!.]"),
        # "to ask a question, press star one on your telephone keypad."
        instructions=re.compile(rf"{_trie('instructions')}\b"),
        go_ahead_phrase=re.compile(rf"{_trie('go-ahead')}\b"),
        # "Please go ahead.", "Mr. Hale, please go ahead.", "Rosa, your line is open."
        go_ahead=re.compile(
            rf"(?:{name}\s*,\s*|{_trie('address')}\s*,\s*)?{_alt('go-ahead')}\b"
            rf"(?:\s*,\s*(?:{_trie('address')}|{NAME_WORD}(?:\s+{NAME_WORD})?))?",
            re.I,
        ),
        # "... Rosa Kim with Alder Securities." / "... Rosa Kim, Alder Securities."
        firm=re.compile(rf"\s*(?:,\s*)?(?:{_alt('firm-preposition')}\s+|,\s*)(?P<firm>.+?)[.?!]*$"),
        operator_target=re.compile(rf"{_alt('operator')}\b", re.I),
        opening=re.compile(rf"\b{_alt('opening')}\b", re.I),
        # "Thank you, Dana.", "Great. Thanks, Rosa, and good morning."
        thanks_name=re.compile(
            rf"(?i:(?:{ack}[,.!]?\s+){{0,2}}{thanks})\s*,?\s+{honorific_}?"
            rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)\s*(?:[,.!?;]|\s+(?:and|for|so)\b|$)"
        ),
        thanks_operator=re.compile(rf"(?:{ack}[,.!]?\s+){{0,2}}{thanks}\s*,?\s+(?:the\s+)?operator\b", re.I),
        acknowledgement=re.compile(
            rf"(?:(?:{ack}|{thanks})(?:\s*,?\s+(?:sir|ma'am|all|everyone|again|guys|ladies and gentlemen))?[,.!]*\s*)+$", re.I
        ),
        answer_opener=re.compile(rf"{_alt('answer-opener')}\b", re.I),
        roster=re.compile(rf"{_trie('roster')}\b"),
        # a name addressed at the start of a sentence or between commas ("Yeah, Rosa, ...", "Thanks, Rosa.")
        vocative=re.compile(
            rf"(?:^|[,.!?]\s+|\b(?i:{_alt('acknowledgement')})[,.!]?\s+){honorific_}?(?P<name>{NAME_WORD})"
            rf"(?:\s+{NAME_WORD})?(?=\s*[,.!?;]|\s*$)"
        ),
        # "This is Dana.", "Yeah, Rosa, it's Dana.", "Dana here."
        self_named=re.compile(
            rf"(?:^|[,.]\s+)(?i:{_alt('self-introduction')})\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)\s*(?:[,.!;]|$)"
            rf"|(?:^|[,.]\s+)(?P<here>{NAME_WORD}(?:\s+{NAME_WORD})?)\s+here\b"
        ),
        follow_up=re.compile(rf"\b{_alt('follow-up')}\b", re.I),
        # "We'll go to Dana to talk about ...", "I'll ask Dana to add"; tried in a sentence
        pass_on=re.compile(rf"\b(?i:{_alt('pass-on')})\s+(?P<name>{NAME_WORD})"),
        # "Dana, do you want to add to that?"; tried at a sentence's start
        pass_on_asked=re.compile(rf"(?P<name>{NAME_WORD})\s*,\s+(?i:{_alt('pass-on-question')})\b"),
        # "I'll take the first part and then hand it to Dana.": the pass-on comes later
        pass_on_later=re.compile(rf"\b{_alt('pass-on-later')}\b", re.I),
        # "But to your question, ...": tried at the start of the sentence after a pass-on
        answer_goes_on=re.compile(rf"{_alt('answer-goes-on')}\b", re.I),
        # "Before turning the call over to Tim, ...": a hand-over planned, not made
        plan_lead=re.compile(rf"\b{_alt('plan-lead')}\b", re.I),
    )


# --- trigger words --------------------------------------------------------------------------------


def _rarity(word: str) -> int:
    """0 for a word too common to trigger a phrase, 1 and 2 for words frequent in calls, 3 for the rest."""
    cues = cue_phrases()
    if word in cues["function-word"]:
        return 0
    return 1 if word in cues["very-frequent-word"] else 2 if word in cues["frequent-word"] else 3


@dataclass(frozen=True)
class Trigger:
    """A scanned pattern to try at a trigger word: at most `before` words before it, and only after one of
    the words `after` (None: after any word, the trigger may start the pattern)."""

    pattern: str
    before: int
    after: frozenset | None


@lru_cache(maxsize=1)
def triggers() -> dict[str, tuple[Trigger, ...]]:
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

    # the word before the verb of an introduction: a lead's last word, or the adverb after it
    lead_ends = frozenset(phrase.split()[-1] for slug in ("introduce-lead", "introduce-adverb")
                          for phrase in cue_phrases()[slug])
    ordinals = set(cue_phrases()["question-ordinal"])
    words = {
        "question_intro": {word: (2, ordinals) for word in cue_phrases()["question-noun"]},  # "our next question"
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
    found: dict[str, list[Trigger]] = {}
    for pattern, trigger_words in words.items():
        for word, (before, after) in trigger_words.items():
            found.setdefault(word, []).append(Trigger(pattern, before, None if after is None else frozenset(after)))
    return {word: tuple(pairs) for word, pairs in found.items()}


@lru_cache(maxsize=1)
def trigger_forms() -> dict[str, str]:
    """Each trigger word as `str.split` leaves it in a text ("ahead.", "(question"), mapped to the word."""
    return {form: word for word in triggers()
            for form in (word, *(word + mark for mark in ",.?!;:\"'”’)"), "(" + word, '"' + word, "“" + word)}


@lru_cache(maxsize=None)
def max_before(pairs: tuple[Trigger, ...]) -> int:
    return max(t.before for t in pairs)


@lru_cache(maxsize=1)
def trigger_keys() -> tuple[frozenset, frozenset]:
    """All trigger forms, and those of patterns other than the roster's (read in the first sentences only)."""
    forms, found = trigger_forms(), triggers()
    late = frozenset(f for f, word in forms.items() if any(t.pattern != "roster" for t in found[word]))
    return frozenset(forms), late
