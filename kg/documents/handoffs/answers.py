"""Pass 2 of the turn inference: the host's turns, confirmations, and the answers to the analysts' questions.

A mix-in of `Inference`: it reads the sentences, cues and turn changes that pass 1 found.
"""
from __future__ import annotations

import re

from kg.documents.handoffs.rules import (ADDRESSED, BACK_FILLER, FOLLOW_UP, HANDOFF_CONFIRMED, MODERATOR, RECENT,
                                         SELF_NAME_CHARS, SELF_NAMED, SHORT_SENTENCE, UNKNOWN, UNNAMED, Bound)
from kg.documents.names import find_all, first_name, name_words, same_first_name, same_person, spelled_alike

_SMALL_TALK = re.compile(r"\b(?:how are you|hear me|hear us|you there|how's it going)\b", re.I)
FOLLOW_UP_OPENING = 20  # characters: a follow-up cue this close to a sentence's start opens the analyst's turn
_ANSWER_SENTENCES = 3  # an answer guessed from question marks runs this many sentences without one
_GREETING_SENTENCES = 1  # an executive greets the analyst right after the analyst's first sentence
_QUESTION_SENTENCES = 2  # an analyst's question runs this many sentences at least, greetings included
_SPOKEN_OF_SENTENCES = 4  # an answer's first sentences, where it may speak of an executive as another
_NOT_ANSWERS = frozenset({"host", "thanks", "analyst", "follow-up", "question-intro", "asked-operator", "instructions",
                          "closing", "opening"})  # rules of turns in which no executive answers or presents


class Answers:
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
                self.bounds[b] = Bound(host or UNKNOWN, MODERATOR if host else UNNAMED, "host")
        # in a prepared turn, thanks to the one speaking start someone else's turn
        for b, bound, stop in list(self.segments()):
            if bound.rule not in ("hand-over", "go-ahead"):
                continue
            for s in range(b + 1, stop):
                thanked = self.thanked(s)
                if thanked and same_person(thanked, bound.speaker):
                    other = host if host and host != bound.speaker else None
                    self.set(s, Bound(other or UNKNOWN, MODERATOR if other else UNNAMED, "thanks"))
                    break
        # "Thank you, Dana" at the start of Mark's turn confirms that Dana spoke before
        previous = None
        for b, bound, _ in self.segments():
            thanked = self.thanked(b) if bound.rule == "hand-over" and previous else None
            if thanked and same_person(thanked, previous.speaker):
                bound.confidence = HANDOFF_CONFIRMED
            previous = bound

    def questions_and_answers(self) -> None:
        """In each analyst's turn, find the answers and the analyst's follow-ups. Rule: the word handed back to the
        host ("Dana, back to you") does not make the host the one guessed to answer next."""
        recent = None
        for b, bound, stop in list(self.segments()):
            if bound.rule in ("hand-over", "go-ahead") and (bound.speaker != self.host or recent is None):
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
                other = self.other_executive(s, speaker) if speaker != UNKNOWN else None
                if other and self.spoken_of(s, stop, speaker):
                    speaker = other
            self.set(s, Bound(speaker, confidence, rule, analyst=analyst))
            recent = speaker if speaker != UNKNOWN else recent
            follow = self.follow_up_start(s, stop, speaker)
            passer = None
            other = self.other_executive(s, speaker) if confidence != SELF_NAMED else None
            while (passed := self.passed_on(s, follow or stop, speaker, other is not None)) is not None:
                if passed[1] == speaker:  # the one guessed is asked to add: someone else answered
                    speaker = other
                    self.set(s, Bound(speaker, RECENT, rule, analyst=analyst), override=True)
                other = None
                passer, (s, speaker) = speaker, passed
                self.set(s, Bound(speaker, ADDRESSED, "passed-on", analyst=analyst))
                follow = self.follow_up_start(s, stop, speaker)
            if passer and follow is not None and self.calls_next(follow, stop):
                follow = None  # "Thanks, Dana. Next caller, please.": who passed it on, not the analyst, speaks
            if follow is None:
                question = s
                break
            self.set(follow, Bound(analyst, FOLLOW_UP, "follow-up", analyst=analyst))
            question = follow
        self.host_closing(question, stop, analyst, recent)
        return recent

    def host_closing(self, after: int, stop: int, analyst: str, answering: str | None) -> None:
        """"Thanks, Rosa. Operator, next question, please." at the end of an exchange is the host's."""
        if not self.host or self.host == answering:
            return
        for s in range(max(after + 1, stop - 3), stop):
            if self.closing_thanks(s, stop, analyst):
                self.set(s, Bound(self.host, MODERATOR, "host"))
                return

    def closing_thanks(self, s: int, stop: int, analyst: str) -> bool:
        """Sentence `s` thanks the analyst and asks for the next question, or ends the exchange."""
        thanked = self.thanked(s)
        if not thanked or not same_person(thanked, analyst):
            return False
        asks = any(cue in self.found.get(k, ()) for k in (s, s + 1) for cue in ("open_questions", "operator_vocative"))
        return asks or s + 1 >= stop

    def answer_start(self, question: int, stop: int, analyst: str) -> tuple[int, str | None, str] | None:
        """Where the answer to the question at sentence `question` starts: the first sentence that names its
        speaker or addresses the analyst (by first name or a short form of it); else, after a question mark, the
        first sentence that opens like an answer ("Yeah, ...") or, failing that, the first that is neither a
        question nor thanks."""
        text = self.text
        first = first_name(analyst)
        addressed_at = None
        if question + 1 < stop:
            begin, finish = self.sentences[question + 1][0], self.sentences[stop - 1][1]
            # the analyst's first name, or a short form of it ("Chris" for Christopher): its first three letters
            mentions = {self.index(pos) for pos in find_all(text, first[:3], begin, finish)}
            for s in sorted(self.naming.union(mentions)):
                if not question < s < stop:
                    continue
                # rule: at the start of the analyst's turn, a name no executive bears is the analyst's own ("Hi,
                # this is Sam Roe for Rosa Kim.")
                if named := self.self_named(s, known_only=s <= question + _GREETING_SENTENCES):
                    return s, named, "self-named"
                start, end = self.sentences[s]
                vocatives = [m for m in self.p.vocative.finditer(text[start:end])
                             if m["name"] == first or len(m["name"]) >= 3 and same_first_name(m["name"], first)]
                if s in mentions and vocatives:
                    if s <= question + _GREETING_SENTENCES and self.greeting(s, vocatives[0]):
                        continue  # "Good morning, Rosa." before the question: the analyst goes on
                    if not self.closing_thanks(s, stop, analyst):  # "Thanks, Rosa. Next question, please."
                        addressed_at = s
                    break
        if addressed_at is not None:
            if addressed_at + 1 < stop and (named := self.self_named(addressed_at + 1)):
                return addressed_at, named, "self-named"
            # rule: an answer that opens right after the question ("...? Yeah, ...") starts before the sentence
            # that names the analyst
            opened = self.after_question(question, addressed_at, analyst)
            return opened if opened and opened[2] == "answer-after-question" else (addressed_at, None, "answer")
        return self.after_question(question, stop, analyst)

    def after_question(self, question: int, stop: int, analyst: str) -> tuple[int, None, str] | None:
        """The answer after a question mark: at the first sentence that opens like an answer ("Yeah, ..."),
        else at the first stretch of a few sentences without a question (answers are long, questions end
        in "?"), else at the longest."""
        text, low = self.text, self.low
        candidates = []
        for s in range(question + 1, stop):
            start, end = self.sentences[s - 1]
            if self.closes_question(s - 1, question) and self.p.answer_opener.match(low, *self.sentences[s]):
                return s, None, "answer-after-question"
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

    def greeting(self, s: int, vocative: re.Match) -> bool:
        """Rule: an executive's greeting of the analyst by name at the start of the analyst's turn ("Good morning,
        Rosa.", "Hey, Rosa.") is no answer: the analyst asks the question after it. A sentence of greeting words
        and the name only."""
        start, end = self.sentences[s]
        rest = (self.text[start:start + vocative.start("name")] + self.text[start + vocative.end("name"):end])
        return bool(self.p.greeting.fullmatch(re.sub(r"\s*,\s*(?=[,.!?]|$)", "", rest.strip())))

    def closes_question(self, s: int, question: int) -> bool:
        """Rule: thanks alone ("Thanks.", "Thank you very much.") after the analyst has spoken a while closes the
        question, with or without a question mark before it."""
        return s >= question + _QUESTION_SENTENCES and s in self.thanks and self.is_acknowledgement(s) \
            and not self.thanked(s)

    def self_named(self, s: int, known_only: bool = False) -> str | None:
        """The executive a sentence says is speaking ("This is Dana.", "Yeah, Rosa, it's Dana."); with
        `known_only`, only one who has spoken or whom the roster introduced."""
        if s not in self.naming:
            return None
        start, end = self.sentences[s]
        head = self.text[start:min(end, start + SELF_NAME_CHARS)]
        match = self.p.self_named.search(head)
        name = name_words(match["name"] or match["here"]) if match else None
        if name and known_only and not any(same_person(name, p) or spelled_alike(name, p)
                                           or " " not in name and same_first_name(name, first_name(p))
                                           for p in self.executives + self.roster_names):
            return None
        return self.known_executive(name, start) if name else None

    def known_executive(self, name: str, pos: int) -> str | None:
        """The executive a name or first name stands for: one who spoke, else a person introduced before `pos`
        who is no analyst."""
        for executive in self.executives:
            if same_person(name, executive):
                return executive
        full, known = self.people.complete(name, pos)
        if known and all(not same_person(name, analyst) for analyst in self.analysts):
            self.executive(full)
            return full
        return self.roster_short_form(name)

    def roster_short_form(self, name: str) -> str | None:
        """Rule: a first name that shortens or respells the first name of one person the roster introduced ("Ann"
        for Anne White, "Rich" for Richard Vance), and of no analyst, stands for that executive."""
        if " " in name or len(name) < 3:
            return None
        called = [p for p in self.roster_names if same_first_name(name, first_name(p))]
        if len(called) != 1 or any(same_first_name(name, first_name(a)) for a in self.analysts):
            return None
        self.executive(called[0])
        return called[0]

    def addressed(self, question: int, answer: int) -> str | None:
        """The executive the question names first ("Dana, you mentioned ..."), if any."""
        if not self.executives:
            return None
        start, end = self.sentences[question][0], self.sentences[answer - 1][1]
        firsts = {first_name(e): e for e in reversed(self.executives)}
        key = tuple(firsts)
        if self._addressed[0] != key:
            self._addressed = (key, re.compile(r"\b(" + "|".join(map(re.escape, firsts)) + r")\b"))
        match = self._addressed[1].search(self.text, start, end)
        return firsts[match[1]] if match else None

    def passed_on(self, answer: int, stop: int, speaker: str, guessed: bool = False) -> tuple[int, str] | None:
        """Rule: an executive answering who passes the question on to another executive by name ("We'll go to
        Dana to talk about pricing.", "Dana, do you want to add?") ends the answer; the next sentence starts
        the other's; not when they answer first ("I'll start, and then Dana can ...") or go on ("But ...").
        A short pass-on to the executive `guessed` to be answering counts too ("Dana, anything to add?"): the
        guess was wrong.
        Returns that sentence and executive, or None."""
        for s in range(answer, stop - 1):
            start, end = self.sentences[s]
            match = self.p.pass_on_asked.match(self.text, start, end) or self.p.pass_on.search(self.text, start, end)
            if match and (self.p.pass_on_later.search(self.text, start, end)
                          or self.p.answer_goes_on.match(self.text, *self.sentences[s + 1])):
                continue  # they answer first, or go on after naming the other
            named = match and self.known_executive(name_words(match["name"]) or "", start)
            if named and (named != speaker or guessed and end - start <= SHORT_SENTENCE):
                return s + 1, named
        return None

    def spoken_of(self, answer: int, stop: int, executive: str) -> bool:
        """Rule: an answer that speaks of the executive guessed to give it in the third person in its first
        sentences ("As Dana mentioned, ...", "Dana's comments") is someone else's."""
        first, last = first_name(executive), executive.split()[-1]
        for s in range(answer, min(answer + _SPOKEN_OF_SENTENCES, stop)):
            start, end = self.sentences[s]
            for name in {first, last}:
                for pos in find_all(self.text, name, start, end):
                    stop_at = pos + len(name)
                    if (pos == start or not self.text[pos - 1].isalnum()) \
                            and self.p.said_by_other.match(self.text, stop_at, end):
                        return True
        return False

    def other_executive(self, s: int, named: str) -> str | None:
        """The executive other than `named`, no analyst, who last answered or presented before sentence `s` (the
        host's opening turn does not count), else the first such executive the call introduced other than the host;
        None when there is none."""
        people = dict.fromkeys(self.executives + self.roster_names)
        others = [e for e in people if first_name(e) != first_name(named) and self.a_person(e) == e
                  and not any(e == a or spelled_alike(e, a) for a in self.analysts)]
        opening = min((b for b, bound in self.bounds.items() if bound.speaker == self.host), default=-1)
        spoke = (self.bounds[b] for b in sorted(self.bounds, reverse=True) if opening != b < s)
        answered = (bound.speaker for bound in spoke if bound.rule not in _NOT_ANSWERS)
        return next((speaker for speaker in answered if speaker in others),
                    next((e for e in others if e != self.host), None))

    def asks_executive(self, s: int) -> bool:
        """Sentence `s` addresses an executive by name ("And then, Dana, ...") without passing a question on."""
        start, end = self.sentences[s]
        if self.p.pass_on_asked.match(self.text, start, end) or self.p.pass_on.search(self.text, start, end):
            return False
        return any(self.known_executive(name_words(m["name"]) or "", start)
                   for m in self.p.vocative.finditer(self.text, start, end))

    def asks_other_executive(self, s: int, speaker: str) -> bool:
        """Rule: a long question that addresses by name an executive who has spoken or the roster introduced, other
        than the one answering ("Just to clarify, Dana, does that mean ...?"), is the analyst's; a short one passes
        the word on ("Dana, is there anything else?")."""
        start, end = self.sentences[s]
        if self.text[end - 1] != "?" or end - start <= SHORT_SENTENCE:
            return False
        people = self.executives + self.roster_names
        return any(not same_person(name, speaker) and any(same_person(name, person) for person in people)
                   for m in self.p.vocative.finditer(self.text, start, end) if (name := name_words(m["name"])))

    def calls_next(self, s: int, stop: int) -> bool:
        """Sentence `s` or the two after it (up to the next turn's first) ask for the next question."""
        return any(cue in self.found.get(k, ()) for k in range(s, min(s + 3, stop + 1))
                   for cue in ("open_questions", "operator_vocative", "question_intro", "caller_intro"))

    def follow_up_start(self, answer: int, stop: int, speaker: str) -> int | None:
        """The analyst back after an answer: thanks to the one answering ("Thank you, Dana."), or an
        acknowledged follow-up question ("Got it. And as a follow-up, ...?") or one that opens with the cue ("And
        maybe just a follow-up on ...?"), or an acknowledged question to an executive by name ("Thanks. And then,
        Dana, can you ...?"), or a long question to another executive by name."""
        text = self.text
        for s in range(answer + 1, stop):
            start, end = self.sentences[s]
            thanked = self.thanked(s)
            if thanked and same_person(thanked, speaker):
                return s
            cue = self.p.follow_up.search(text, start, end)
            opens = cue is not None and cue.start() - start <= FOLLOW_UP_OPENING  # "And just a follow-up, ..."
            if (opens or self.is_acknowledgement(s - 1) and (cue or self.asks_executive(s))
                    or self.asks_other_executive(s, speaker)) \
                    and "?" in text[start:self.sentences[min(s + 2, stop - 1)][1]]:
                j = s  # the turn starts at the acknowledgements before the question, if any
                while j - 1 > answer and s - j < BACK_FILLER and self.is_acknowledgement(j - 1):
                    j -= 1
                return j
        return None
