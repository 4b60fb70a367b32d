"""The words of a metric in the text: where a metric's phrase starts and ends, which tokens can be its words,
and how a label writes them. The ground the rules of `kg.extract.measures` stand on.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.nlp import pipeline, token_starts
from kg.extract.nlp import sentence as sentence_of
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, ending_at, spans_in

CLAUSE_BREAKS = {",", ";", ":", ".", "!", "?", "(", ")", "\u2014", "\u201c", "\u201d", '"', "-", "--"}
PHRASE_MAX = 6  # tokens of a metric phrase


@dataclass(frozen=True)
class Measure:
    """A figure's metric: the concept (IRI) where one fits, the words of the text, and where the metric phrase
    stands (token span; start == end when the metric was not named next to the amount)."""

    concept: str | None = None
    words: str | None = None
    start: int = 0
    end: int = 0
    direction: str | None = None  # said by a verb before the phrase ('increased commercial paper by $4 billion')
    aside: str | None = None  # what it leaves out or takes in, said between commas ('revenue, excluding float, grew')


NOTHING = Measure()

# the token span of the name covering a token, and whether it names a person (None: no name there)
Names = Callable[[int], "tuple[int, int, bool] | None"]


def no_names(j: int) -> None:
    return None


def phrase_ending(doc: Doc, end: int, sentence: Span, names: Names = no_names) -> Measure | None:
    """The metric phrase ending before token `end`: its words back to a stop word, a verb or a break (at most
    PHRASE_MAX), with the names it opens with ('iPad revenue'), and the metric concept of the scheme it ends
    with where it holds one. The words leave out the names; a phrase of names alone after a preposition ('...
    in the U.S. at 98%') is the tail of the phrase before the preposition ('customer satisfaction in the
    U.S.')."""
    # (a metric may run on past the phrase's end: "revenue growth of 12%" read as "revenue" + a change "growth of")
    hits = [h for h in between(doc, lexicon.METRICS, max(sentence.start, end - PHRASE_MAX - 2), end)]
    names = _with_places(doc, names, end)
    start, words_start, words_end = end, end, end
    while start > sentence.start and end - start < PHRASE_MAX:
        j = start - 1
        name = names(j)
        if name is not None:
            if name[2] or name[0] < sentence.start:
                break
            if words_start == end:  # a name the phrase ends with is not one of its words ("shares of Nvidia")
                words_end = name[0]
            start = name[0]
            continue
        inner = _inner_words(doc, j, start, end, sentence)
        if inner:
            if words_start == end and words_end < end:
                words_end = j - inner + 1  # nor the word that joins it ("of")
            start = j - inner + 1
            if words_end < end and words_start == end:
                continue
            words_start = start
            continue
        if not any(h.start <= j < h.end for h in hits) and not is_phrase_word(doc, j) \
                and not (start < end and token_texts(doc)[start] == "-" and glued(doc, start)):
            break
        start = words_start = j
    texts = token_texts(doc)
    if words_start == start and start - 2 >= sentence.start and texts[start - 1] == "-" and glued(doc, start - 1) \
            and texts[start - 2].lower() == "non":
        start = words_start = start - 2  # "non-" at the phrase's length limit is one word with what follows it
    if start == end:
        return None
    verb = end < len(doc) and doc[end].lower_ in verbs() and doc[end].lower_ not in lexicon.words(lexicon.PREPOSITIONS)
    opener = _leaving_out_before(doc, start, sentence) if verb else None
    if opener is not None:  # "Revenue excluding the divested business grew 5%": the metric is named before it
        head = phrase_ending(doc, opener, sentence, names)
        if head is None or not head.words:
            return None
        return Measure(head.concept, f"{head.words} {phrase_words(doc, opener, end)}", head.start, head.end)
    if words_start >= words_end:  # names alone: the tail of a phrase before a preposition, or no metric
        opener = _preposition_before(doc, start, sentence)
        head = phrase_ending(doc, opener, sentence, names) if opener is not None else None
        if head is None or head.words is None:
            return None
        return Measure(head.concept, f"{head.words} {phrase_words(doc, opener, end)}", head.start, head.end)
    # what the phrase leaves out or takes in ('advertising revenue excluding traffic acquisition costs'): the
    # concept is the one named before it
    cut = min((b for b, _ in spans_in(doc, lexicon.METRIC_EXCLUSIONS, words_start + 1, words_end)
               + spans_in(doc, lexicon.METRIC_INCLUSIONS, words_start + 1, words_end)), default=None)
    hits = [h for h in hits if h.end <= cut] or hits if cut is not None else hits
    concept = next((h.term.concept for h in reversed(hits) if h.start >= start and h.start < words_end <= h.end),
                   None) or next((h.term.concept for h in reversed(hits) if start <= h.start < words_end), None)
    if concept in stand_ins():  # "adjusted EPS guidance": the metric the phrase names, in the words before it
        stand_in = next((h for h in reversed(hits) if h.term.concept == concept and h.start < words_end <= h.end),
                        None)
        named = next((h for h in reversed(hits) if words_start <= h.start and h.end <= words_end
                      and h.term.concept not in stand_ins()), None)
        if stand_in is not None and named is not None and named.end <= stand_in.start:
            return Measure(named.term.concept, phrase_words(doc, words_start, stand_in.start), start, end)
    return Measure(concept, phrase_words(doc, words_start, words_end), start, end)


def _leaving_out_before(doc: Doc, start: int, sentence: Span) -> int | None:
    """Rule: where words that leave something out of a metric or take it in ('excluding', 'including')
    start, when they end right before token `start`, past determiners: the phrase after them, before a verb, is
    what the metric leaves out or takes in, not the metric (not before 'of': 'including a benefit of 90 basis
    points' is the benefit's amount)."""
    texts, j = token_texts(doc), start
    while j > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.DETERMINERS):
        j -= 1
    found = (ending_at(doc, lexicon.METRIC_EXCLUSIONS, j, sentence.start),
             ending_at(doc, lexicon.METRIC_INCLUSIONS, j, sentence.start))
    return min((b for b in found if b is not None), default=None)


def _with_places(doc: Doc, names: Names, end: int) -> Names:
    """Names, and a place written with a capital after a preposition that no name covers, where a phrase ends
    before token `end` ('comps in Canada'): where a metric was measured is named like the names of the graph,
    not measured ('U.S. revenue', 'our U.S. business' are metrics)."""
    def name_or_place(j: int) -> tuple[int, int, bool] | None:
        found = names(j)
        if found is not None or not token_texts(doc)[j][:1].isupper():
            return found
        place = next((h for h in between(doc, lexicon.PLACES, max(0, j - 3), j + 1) if h.start <= j < h.end), None)
        if place is None or place.end != end \
                or _preposition_before(doc, place.start, sentence_of(doc, place.start)) is None:
            return None
        return place.start, place.end, False
    return name_or_place


@lru_cache(maxsize=1)
def stand_ins() -> frozenset[str]:
    """Metrics that stand in for one the text does not name (kg:standsIn: 'guidance', 'outlook')."""
    return frozenset(t.concept for t in lexicon.load().terms(lexicon.METRICS) if t.props.get("standsIn"))


def _inner_words(doc: Doc, j: int, start: int, end: int, sentence: Span) -> int:
    """How many tokens ending at j join two parts of one metric phrase ('share of market', 'operating expense
    as a percent of sales', 'cost per mile'): 0 when none do."""
    if start == end:
        return 0
    begin = ending_at(doc, lexicon.PHRASE_JOINS, j + 1, sentence.start + 1)
    return j + 1 - begin if begin is not None and is_phrase_word(doc, begin - 1) else 0


def _preposition_before(doc: Doc, start: int, sentence: Span) -> int | None:
    """The preposition right before token `start`, past a determiner ('in the U.S.')."""
    texts = token_texts(doc)
    j = start - 1
    if j >= sentence.start and texts[j].lower() in lexicon.words(lexicon.DETERMINERS):
        j -= 1
    return j if j > sentence.start and texts[j].lower() in lexicon.words(lexicon.PREPOSITIONS) else None


def is_phrase_word(doc: Doc, j: int) -> bool:
    """A word of a metric phrase: not a stop word, a number, a break or a verb in the past ('the firm reported
    net income': 'reported' follows a noun); a hyphen inside a word ('third-party') is part of it."""
    texts = token_texts(doc)
    word = texts[j]
    low = word.lower().rstrip("-")  # "year- over-year": a hyphen speech to text left before a space
    if word == "-" and glued(doc, j):
        return True
    if word in CLAUSE_BREAKS or not any(c.isalpha() for c in word) or low in period_words() \
            or low in stop_words() and low not in lexicon.words(lexicon.PHRASE_STOP_WORDS) \
            or low in amount_words() or low in verbs():
        return False
    if low.endswith("ed") and j > 0 and (texts[j - 1].lower() in lexicon.words(lexicon.SUBJECT_PRONOUNS) or
                                         texts[j - 1].lower() not in stop_words() and
                                         texts[j - 1].lower() not in verbs() and
                                         any(c.isalpha() for c in texts[j - 1])) \
            and not _no_subject(doc, j - 1, low):
        return False  # a verb after its subject: "the firm reported (net income)", "we delivered (earnings)";
        # not after a cue's verb: "we expect adjusted (EPS)"
    if low in lexicon.words(lexicon.COMPARISON_BASES):
        return False
    return not low[:1].isdigit()


def _no_subject(doc: Doc, j: int, following: str) -> bool:
    """Rule: a metric's modifier that opens the sentence (past a determiner) is no subject of the word in -ed
    after it ("Total deferred revenue was ..."), nor a period's or a basis's word of a modifier after it ("full
    year adjusted earnings per share", "GAAP diluted earnings per share"; not "the second quarter remained
    strong")."""
    texts = token_texts(doc)
    word, modifiers = texts[j].lower(), lexicon.words(lexicon.METRIC_MODIFIERS)
    opening = opens_sentence(doc, j) or j > 0 and opens_sentence(doc, j - 1) \
        and texts[j - 1].lower() in lexicon.words(lexicon.DETERMINERS)  # "Our total deferred revenue"
    return opening and word in modifiers \
        or (word in period_words() or word in lexicon.words(lexicon.METRIC_BASES)) and following in modifiers


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words ('the', 'was', 'our'), as a set: looking each token up in the vocabulary is slow."""
    return frozenset(pipeline().Defaults.stop_words)


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """Verbs of the lexicon's cues ('expect', 'plan', 'said', 'see'): they end a metric's phrase."""
    schemes = (lexicon.FORECAST_CUES, lexicon.PLAN_CUES, lexicon.SPEECH_VERBS, lexicon.ASSESSMENT_VERBS,
               lexicon.METRIC_LINKS, lexicon.CHANGE_UP, lexicon.CHANGE_DOWN, lexicon.IMPACT_VERBS)
    return frozenset(w for scheme in schemes for w in lexicon.words(scheme) if " " not in w) \
        - lexicon.words(lexicon.CUE_NOUNS)


@lru_cache(maxsize=1)
def amount_words() -> frozenset[str]:
    """Words of an amount ('billion', 'percent', 'dollars'): the end of another figure, not a metric."""
    return frozenset().union(*(lexicon.words(scheme) for scheme in (
        lexicon.SCALE_WORDS, lexicon.CURRENCIES, lexicon.UNIT_WORDS, lexicon.MULTIPLE_WORDS)))


@lru_cache(maxsize=1)
def period_words() -> frozenset[str]:
    return lexicon.words(lexicon.PERIOD_NOUNS) | frozenset(lexicon.numbers(lexicon.CALENDAR_WORDS))


def opens_sentence(doc: Doc, j: int) -> bool:
    """Token j is the first word of a sentence or of a speaker's turn ('Ana Ruiz: Revenue ...'), where a capital
    says nothing of a name."""
    texts = token_texts(doc)
    if j == 0 or texts[j - 1] in (".", "?", "!", ":", ";") or "\n" in texts[j - 1]:
        return True
    starts = doc.user_data["kg_sentence_starts"]
    k = bisect_left(starts, j)
    return k < len(starts) and starts[k] == j


def is_break(doc: Doc, j: int) -> bool:
    """Token j ends a clause: punctuation or a dash, not a hyphen inside a word."""
    return token_texts(doc)[j] in CLAUSE_BREAKS and not (token_texts(doc)[j] == "-" and glued(doc, j))


def glued(doc: Doc, j: int) -> bool:
    """Token j touches the tokens on both sides (the hyphen of 'year-over-year')."""
    starts, texts = token_starts(doc), token_texts(doc)
    return 0 < j < len(texts) - 1 and starts[j - 1] + len(texts[j - 1]) == starts[j] and \
        starts[j] + len(texts[j]) == starts[j + 1]


def phrase_words(doc: Doc, start: int, end: int) -> str:
    """Tokens [start, end) as a metric label writes them: spaced as in the text, the capital that opens a
    sentence in lower case, other capitals (names, acronyms) as they are."""
    starts, texts = token_starts(doc), token_texts(doc)
    out = []
    for j in range(start, end):
        word = texts[j]
        out.append(word.lower() if opens_sentence(doc, j) and word[:1].isupper() and word[1:].islower() else word)
        if j + 1 < end and starts[j] + len(word) < starts[j + 1]:
            out.append(" ")
    return "".join(out).strip("- ")
