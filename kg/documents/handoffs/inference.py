"""Pass 1 of the turn inference: where the turns change, at the hand-offs that name or imply the next speaker."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg import lexicon
from kg.documents.handoffs.answers import Answers
from kg.documents.handoffs.cues import (PHRASE_ENDS, Patterns, cue_phrases, lowered, max_before, patterns,
                                        trigger_forms, trigger_keys, triggers)
from kg.documents.handoffs.introductions import INTRO_SENTENCE, Introduction, introduction_at
from kg.documents.handoffs.rules import (ANALYST, BACK_FILLER, CLOSING, GO_AHEAD_NAMED, HANDOFF, HANDOFF_FIRST_NAME,
                                         INSTRUCTIONS, OPENING, OPERATOR, OPERATOR_ASKED, QUESTION_INTRO,
                                         SELF_NAME_CHARS, SELF_NAMED, SHORT_ACKNOWLEDGEMENT, SHORT_SENTENCE, UNKNOWN,
                                         Bound)
from kg.documents.handoffs.sentences import sentences
from kg.documents.names import (NAME_WORD, People, name_pattern, name_regex, name_words, not_a_name, post_words,
                              same_person, spelled_alike)
from kg.model import Turn

_NAME_QUESTION_CHARS = 30  # "Mike?", "Jen Neal?"
_TAIL_WORDS = 24  # a hand-over ends its sentence: at most this many words after the name
_OPENING_SENTENCES = 3  # the operator's greeting is in the first sentences
_ROSTER_SENTENCES = 100  # the company's speakers are introduced in the first sentences
_NAME_WITHIN = 80  # characters after a hand-over
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789'")
_TO_NAME = re.compile(r"\bto\s+(?:the\s+)?$")  # "... question to Dana": a question put to someone
_BRAND_CAPITAL = re.compile(r"^(\w*?[a-z]{3})[A-Z]")  # "ServiceNow", "RaptorDB"; a name's "McD", "MacK", "DeS" have fewer
_CLAUSE_END = re.compile(r"(?:[,;:]|\bnow|\bthat|\band)\s$")
_CONTRACTION = re.compile(r"[’'](?:ve|re|ll|m|d)\b|n[’']t\b", re.I)  # "We've", "You're": no name


@lru_cache(maxsize=1)
def _third_person() -> re.Pattern:
    """"Tim will then turn it over to Luca": someone else's hand-over, announced."""
    return re.compile(rf"\b(?:{NAME_WORD}|he|she|they|who)\s+(?:will|'ll|would|is going to)\s+(?:then\s+)?\w+\s+$")


@lru_cache(maxsize=1)
def _self_introduction() -> re.Pattern:
    """"My name is Dana Reyes", "I'm Dana Reyes, head of investor relations"."""
    return re.compile(rf"\b(?:[Mm]y name is|I'm|I am)\s+{name_pattern()}")


@lru_cache(maxsize=1)
def _operator_words() -> re.Pattern:
    """A one-word label of the call's staff ("operator", "moderator"): who says it of themselves runs the call."""
    words = sorted(w for w in lexicon.words(lexicon.CALL_STAFF_LABELS) if " " not in w)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.I)


def _target(text: str, pos: int, end: int, p: Patterns) -> tuple[str | None, int]:
    """Whom a hand-over at `pos` names, and where the name ends: a person's name, `OPERATOR`, or None."""
    if operator := p.operator_target.match(text, pos, end):
        return OPERATOR, operator.end()
    before_name = lexicon.concept_forms(lexicon.HANDOFF_CUES)["before-name"]
    for match in name_regex().finditer(text, pos, min(end, pos + _NAME_WITHIN)):
        for word in text[pos:match.start()].replace(",", " ").split():
            low = word.lower()
            if not (low in before_name or low in post_words() or word[0].isupper() or low.endswith(("'s", "’s"))):
                return None, pos
        if text.startswith("&", match.end()) or text[match.start() - 1:match.start()] == "&":
            continue  # a word at an ampersand names a company or a thing ('P&G's CFO, Andre Roe', 'Q&A')
        name = name_words(match["name"])
        if name and name.split()[-1].lower().rstrip(".") in lexicon.words(lexicon.ORG_NAME_WORDS):
            continue  # 'over to the head of investor relations of Chevron Corporation, Mr. Jake Spearing'
        if name and " " not in name and len(name) > 1 and name.isupper():
            continue  # one word in capitals is a company's ('introduce PPG Chairman and CEO, Tim Kanavish')
        if name:
            return name, match.end()
    return None, pos


@lru_cache(maxsize=1)
def _particles() -> re.Pattern:
    """Name particles run together, as in "VanderArk" ("van", "der")."""
    return re.compile(f"(?:{'|'.join(map(re.escape, lexicon.words(lexicon.NAME_PARTICLES)))})+")


@lru_cache(maxsize=1)
def _addressee() -> re.Pattern:
    words = "|".join(map(re.escape, cue_phrases()["addressee"]))
    return re.compile(rf"(?i:{words})\b")


@lru_cache(maxsize=1)
def _vocative_lead() -> re.Pattern:
    """A name addressed at the start of a clause, before a hand-over: "Dana, " in "With that, Dana, I'll ..."."""
    return re.compile(rf"(?:^|[,.;:]\s+)({NAME_WORD}(?:\s+{NAME_WORD})?)\s*,\s+(?=[^,]*$)")


def _addressed_before(text: str, start: int, pos: int, end: int) -> tuple[str | None, int]:
    """Rule: a hand-over to "you" goes to the name addressed before it in its sentence ("Dana, over to you.",
    "With that, Dana, I'll turn it back to you."): that name, and where the hand-over's "you" ends."""
    you = _addressee().match(text, pos, end)
    lead = _vocative_lead().search(text[start:pos]) if you else None  # "^" is the sentence's start
    name = name_words(lead[1]) if lead else None
    if not name or name.split()[0].lower() in not_a_name():
        return None, pos
    return name, you.end()


class Inference(Answers):
    """Pass 1 of the turn inference: the hand-offs that name or imply the next speaker."""

    def __init__(self, text: str):
        self.text = text
        self.low = lowered(text)
        self.ascii = self.low.encode("ascii", "replace")  # one byte a character: offsets are the text's
        self.p = patterns()
        self.sentences = sentences(text)
        self.starts = [start for start, _ in self.sentences]
        self.people = People(text)
        self.bounds: dict[int, Bound] = {}
        self.found: dict[int, dict[str, list[int]]] = {}
        self.thanks: set[int] = set()  # sentences with "thank" near the start
        self.naming: set[int] = set()  # sentences with "this is", "it's", "here": a speaker may name themselves
        self.analysts: list[str] = []  # the analysts the operator introduced
        self.executives: list[str] = []
        self.roster_names: list[str] = []  # the company's speakers the roster sentences introduce
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
        if end - start > SHORT_SENTENCE:
            return None
        match = self.p.go_ahead.match(self.text, start, end)
        return match if match and end - match.end() <= 2 else None

    def is_acknowledgement(self, i: int) -> bool:
        """Sentence `i` is only thanks or an acknowledgement ("Great. Thank you.", "Certainly.")."""
        start, end = self.sentences[i]
        return end - start <= SHORT_ACKNOWLEDGEMENT and bool(self.p.acknowledgement.match(self.text, start, end))

    def thanked(self, i: int) -> str | None:
        """The name a sentence starts by thanking ("Thanks, Rosa." -> "Rosa")."""
        if i not in self.thanks:
            return None
        match = self.p.thanks_name.match(self.text, *self.sentences[i])
        return name_words(match["name"]) if match else None

    def set(self, i: int, bound: Bound, override: bool = False) -> None:
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
        self.naming = set().union(*(self.sentences_with(w, SELF_NAME_CHARS)
                                    for w in cue_phrases()["self-introduction"]),
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
        low, by_word, forms = self.low, triggers(), trigger_forms()
        all_keys, late_keys = trigger_keys()
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
            questions = self.try_triggers(found, by_word[word], i, pos, start, end, questions)
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
                    or (name == "go_ahead_phrase" and end - start > SHORT_SENTENCE) \
                    or (name == "roster" and (questions or i >= _ROSTER_SENTENCES)) \
                    or (name in PHRASE_ENDS and end - start > INTRO_SENTENCE):
                continue
            if trigger.before and starts is None:
                starts = self.word_starts(pos, max_before(pairs), start)
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
        if name in PHRASE_ENDS:
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
            for match in name_regex().finditer(self.text, start, end):
                name = name_words(match["name"])
                if name and 2 <= len(name.split()) <= 3:
                    self.people.add(name)
                    if name.split()[-1].lower() not in lexicon.words(lexicon.ORG_NAME_WORDS):  # "Franklin Resources"
                        self.roster_names.append(name)

    def opening(self) -> None:
        """The operator's greeting in the first sentences: the text starts with the operator, unless the
        one speaking introduces themselves ("I'm Dana Reyes, head of investor relations") as other than
        the operator ("My name is Sam, and I will be your conference operator today")."""
        first = min(_OPENING_SENTENCES, len(self.sentences))
        for i in range(first):
            if self.found.get(i, {}).keys() - {"roster", "open_questions", "instructions"}:  # someone spoke first
                break
            start, end = self.sentences[i]
            match = _self_introduction().search(self.text, start, end)
            name = name_words(match["name"]) if match else None
            if name and not _operator_words().search(self.text, start, end):
                self.set(0, Bound(name, SELF_NAMED, "self-introduced"))
                self.people.add(name)
                return
        if any(self.p.opening.search(self.text, *self.sentences[i]) for i in range(first)):
            self.set(0, Bound(OPERATOR, OPENING, "opening"))

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
            self.set(self.back_over_filler(i), Bound(OPERATOR, CLOSING, "closing"), override=True)
            return
        positions = found.get("hand_over", []) + found.get("over_to", []) + found.get("introduce", [])
        if positions and self.hand_over(i, positions):
            return
        if "open_questions" in found or "operator_vocative" in found:
            first = min(found.get("open_questions", []) + found.get("operator_vocative", []))
            if not p.thanks_operator.match(text, start, end) and not p.plan_lead.search(text, start, first):
                if i + 1 < len(self.sentences) and not self.thanked(i + 1):
                    self.set(i + 1, Bound(OPERATOR, OPERATOR_ASKED, "asked-operator"))
                return
        if "instructions" in found:
            self.set(self.back_over_filler(i), Bound(OPERATOR, INSTRUCTIONS, "instructions"))
            return
        if "go_ahead_phrase" in found and i not in self.consumed and (go := self.is_go_ahead(i)) and go["name"]:
            if name := name_words(go["name"]):
                self.set(i + 1, Bound(self.people.complete(name, start)[0], GO_AHEAD_NAMED, "go-ahead"))

    def name_questions(self) -> None:
        """"Mike?" alone at the end of a turn passes the word to Mike, when the text introduced a Mike."""
        text = self.text
        for i, (start, end) in enumerate(self.sentences[:-1]):
            if text[end - 1] != "?" or end - start > _NAME_QUESTION_CHARS or i + 1 in self.bounds:
                continue
            match = name_regex().fullmatch(text, start, end - 1)
            name = name_words(match["name"]) if match else None
            full = next((f for f in self.people.full if name and same_person(name, f)), None)
            if full:
                self.executive(full)
                self.set(i + 1, Bound(full, HANDOFF, "hand-over"))

    def back_over_filler(self, i: int) -> int:
        """The operator's turn starts before sentence `i` at short acknowledgements and instructions
        ("Thank you. Certainly."), but not before the last turn change."""
        last = max((b for b in self.bounds if b < i), default=-1)
        j = i
        while j - 1 > last and i - (j - 1) <= BACK_FILLER and (
            self.is_acknowledgement(j - 1)
            or self.p.instructions.search(self.text, *self.sentences[j - 1])
            or re.match(r"(?:please stand by|one moment|stand by)", self.sentence(j - 1), re.I)
        ):
            j -= 1
        return j

    def question_intro(self, i: int, pos: int, firm_required: bool = False) -> bool:
        """The operator introduces an analyst: an Operator turn, then the analyst's."""
        intro = introduction_at(self.text, self.low, pos, self.sentences[i][1])
        if intro is None or (firm_required and not intro.firm) or self.to_company_speaker(intro, pos):
            return False
        self.set(self.back_over_filler(i), Bound(OPERATOR, QUESTION_INTRO, "question-intro"), override=True)
        j = i + 1
        while j < i + 3 and self.is_go_ahead(j):  # "Your line is open. Please go ahead."
            self.consumed.add(j)
            j += 1
        self.set(j, Bound(intro.name, ANALYST, "analyst", analyst=intro.name), override=True)
        self.people.add(intro.name)
        if intro.name not in self.analysts:
            self.analysts.append(intro.name)
        return True

    def to_company_speaker(self, intro: Introduction, pos: int) -> bool:
        """Rule: a question put, without a firm, to someone the roster introduced or who has presented ("For the next
        question, we'll go to Dana.", "My first question is to Dana.") introduces no analyst."""
        def named(person: str) -> bool:  # a first name or surname, or the full name however spelled
            name = intro.name
            return same_person(name, person) if " " not in name else name == person or spelled_alike(name, person)
        return not intro.firm and bool(_TO_NAME.search(self.low, max(0, pos - 8), pos)) \
            and any(named(person) for person in self.executives + self.roster_names)

    def hand_over(self, i: int, positions: list[int]) -> bool:
        """A speaker hands over by name ("I'll turn the call over to Mark"): the next sentence is Mark's."""
        text, p = self.text, self.p
        start, end = self.sentences[i]
        for pos in sorted(positions, reverse=True):
            lead = text[start:pos]
            if p.plan_lead.search(lead) or _third_person().search(lead):
                continue
            target, name_end = _target(text, pos, end, p)
            if target is None:
                target, name_end = _addressed_before(text, start, pos, end)
            if target is None or len(text[name_end:end].split()) > _TAIL_WORDS:
                continue
            j = i + 1
            while j < i + 3 and (go := self.is_go_ahead(j)):  # "Mr. Hale, please go ahead." names the next one
                if go["name"] and (vocative := name_words(go["name"])):
                    target = vocative
                self.consumed.add(j)
                j += 1
            if target == OPERATOR:
                self.set(j, Bound(OPERATOR, OPERATOR_ASKED, "asked-operator"))
                return True
            full, known = self.people.complete(target, self.sentences[j][0] if j < len(self.sentences) else end)
            self.people.add(full)
            self.executive(full)
            # rule: one question handed over ("I'll pass that question to Mark") is passed on, not the call
            rule = "passed-on" if p.question_handed.search(self.low, start, pos) else "hand-over"
            self.set(j, Bound(full, HANDOFF if known else HANDOFF_FIRST_NAME, rule), override=True)
            return True
        return False

    def turns(self) -> tuple[Turn, ...]:
        turns: list[Turn] = []
        for b, bound, stop in self.segments():
            start, end = self.sentences[b][0], self.sentences[stop - 1][1]
            speaker = self.a_person(self.in_full(bound.speaker))
            if turns and turns[-1].speaker == speaker:  # one speaker twice in a row: one turn
                last = turns[-1]
                turns[-1] = Turn(last.speaker, last.start, end, -1, max(last.confidence, bound.confidence))
            else:
                turns.append(Turn(speaker, start, end, -1, bound.confidence))
        return tuple(turns)

    @staticmethod
    def a_person(speaker: str) -> str:
        """Rule: a speaker's name is words with capitals, not a place, not acronyms alone, not opened by a word
        that is no name, a cue's or a grammar word, without a contraction, not a company's suffix alone, and
        without a brand's capital inside a word ("can hear", "North America", "UGG DDC", "After Dave", "During",
        "We've", "Inc", "RaptorDB Pro", but "McDermott" and "VanderArk"): else the speaker is unknown."""
        words = speaker.split()
        if speaker in (OPERATOR, UNKNOWN) or not words:
            return speaker
        particles = lexicon.words(lexicon.NAME_PARTICLES)
        lettered = all(w in particles or w[:1].isupper() and all(c.isalpha() or c in ".'’-" for c in w) for w in words)
        place = speaker.lower() in lexicon.words(lexicon.PLACES) and words[0].lower() not in lexicon.words(
            lexicon.FIRST_NAMES)  # "North America", not "Jordan"
        acronyms = all(w.isupper() for w in words) and any(len(w.strip(".")) > 1 for w in words)
        cue = words[0].lower() in not_a_name() or words[0].lower() in cue_phrases()["plan-lead"] \
            or words[0].lower() in lexicon.function_words() or _CONTRACTION.search(speaker) is not None  # "During", "We've"
        company = len(words) == 1 and speaker.lower().strip(".") in lexicon.words(lexicon.ORG_NAME_WORDS)  # "Inc"
        brand = any((m := _BRAND_CAPITAL.match(w)) and not _particles().fullmatch(m[1].lower()) for w in words)
        if not lettered or place or acronyms or cue or company or brand or len(speaker.strip(".")) < 2:
            return UNKNOWN
        return speaker

    def in_full(self, speaker: str) -> str:
        """Rule: a speaker still named by one word is the one full name the whole call gives that word ("over to
        Mark" before the call's only "Mark Ode", said at its close), unless an analyst the operator introduced
        bears it and the speaker is an executive (who shares the analyst's first name, never named in full)."""
        if speaker in (OPERATOR, UNKNOWN):
            return speaker
        full = self.people.only_full_name(speaker)
        if full is None or speaker in self.executives and full in self.analysts:
            return speaker
        return full
