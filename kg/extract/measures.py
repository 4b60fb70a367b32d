"""What a figure measures: the metric concept of the scheme where one fits, and the metric in the words of the
text ("cash and marketable securities", "revenue growth year over year", "share of customers new to it").

Pure functions of the `Doc` and the token span of an amount; the lexicon gives the words.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.nlp import pipeline, token_starts
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, by_end, ending_at, spans_in

CLAUSE_BREAKS = {",", ";", ":", ".", "!", "?", "(", ")", "\u2014", "\u201c", "\u201d", '"', "-", "--"}
METRIC_WINDOW_AFTER = 6  # tokens after an amount where its metric may be named ("$3 billion in Q4 revenue")
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


NOTHING = Measure()


@lru_cache(maxsize=1)
def _modifiers() -> frozenset[str]:
    return lexicon.words(lexicon.METRIC_MODIFIERS)


@lru_cache(maxsize=1)
def _metric_of_counted_noun() -> dict[str, str]:
    return {term.label: str(term.props["countsMetric"]) for term in lexicon.load().terms(lexicon.COUNTED_NOUNS)
            if term.props.get("countsMetric")}


# the token span of the name covering a token, and whether it names a person (None: no name there)
Names = Callable[[int], "tuple[int, int, bool] | None"]


def no_names(j: int) -> None:
    return None


def measure(doc: Doc, first: int, last: int, sentence: Span, unit: str, previous: Measure | None,
            names: Names = no_names) -> Measure:
    """The metric of the amount on tokens [first, last]: named before it and linked to it ('revenue was $4
    billion', 'a margin of 12%'), else named right after it ('$4 billion in revenue'), else its counted noun
    ('1 billion paid subscriptions'), else the previous figure's of the same sentence ('$4 billion, up 9%'),
    else the nearest metric earlier in the sentence."""
    if unit in lexicon.words(lexicon.COUNTED_NOUNS):  # "Meta's 3.35 billion daily active users": what is counted
        return named_after(doc, last, sentence) or counted(doc, first, last, unit)
    whole = share_of(doc, last, sentence) if unit == "percent" else None
    linked = linked_before(doc, first, sentence, names)
    if whole:
        if linked is None:
            return Measure(None, f"share of {whole}", last + 1, last + 1)
        return Measure(linked.concept, f"{linked.words} as a percent of {whole}", linked.start, linked.end)
    after = named_after(doc, last, sentence)
    if linked is not None and linked.concept is None and after is not None and after.concept is not None \
            and after.start <= last + 3:
        return after  # "inclusive of $0.10 of acquired IPR&D charges": the metric named right after the amount
    return (linked or after or counted(doc, first, last, unit) or noun_after(doc, last, sentence)
            or (previous if previous is not None and previous.words else None) or nearest_before(doc, first, sentence)
            or NOTHING)


def noun_after(doc: Doc, last: int, sentence: Span) -> Measure | None:
    """Rule: the words right after an amount that no metric names ('a 13% stake', 'a 5% tariff'); not an
    adverb, a verb or a qualifier ('down 60 basis points sequentially', '12.9% compared to ...')."""
    texts, start = token_texts(doc), last + 1
    if start < sentence.end and texts[start].lower() in lexicon.words(lexicon.DETERMINERS) \
            and texts[last].lower() in lexicon.words(lexicon.MULTIPLE_WORDS):
        start += 1  # a multiple of something: "10x the parameter count"
    qualifiers = {begin for begin, _ in spans_in(doc, lexicon.METRIC_QUALIFIERS, start, start + PHRASE_MAX)}
    end = start
    while end < min(sentence.end, start + PHRASE_MAX) and _is_phrase_word(doc, end) and end not in qualifiers \
            and texts[end].lower() not in lexicon.words(lexicon.CHANGE_NOUNS) and not texts[end].endswith(("ly", "ed")) \
            and not (end + 1 < len(texts) and texts[end + 1].lower() == "by"):  # "driven by": a verb
        end += 1
    words = phrase_words(doc, start, end) if end > start else ""
    if not words or words.lower() in lexicon.words(lexicon.METRIC_FILLERS) | lexicon.words(lexicon.BOUND_WORDS):
        return None  # "in the 3% range", "10% plus": no metric of their own
    return Measure(None, words, start, end)


def share_of(doc: Doc, last: int, sentence: Span) -> str | None:
    """Rule: a percentage 'of' a noun phrase is a share of it ('55% of homes', 'over 50% of our purchases',
    '2.5% of sales'): the phrase's words."""
    texts = token_texts(doc)
    j = last + 1
    if j >= sentence.end or texts[j].lower() != "of":
        return None
    j += 1
    while j < sentence.end and texts[j].lower() in _whole_openers():
        j += 1
    end = j
    while end < min(sentence.end, j + PHRASE_MAX) and (_is_phrase_word(doc, end) and not texts[end].endswith("ed")
                                                        or _numbered_name(texts, end)):
        end += 1
        if _numbered_name(texts, end - 1):
            break  # "the Fortune 100": the name ends with its number
    return phrase_words(doc, j, end) if end > j else None


@lru_cache(maxsize=1)
def _whole_openers() -> frozenset[str]:
    """Words skipped before the whole a percentage is a share of ('55% of all homes')."""
    return lexicon.words(lexicon.DETERMINERS) | lexicon.words(lexicon.WHOLE_WORDS)


def _numbered_name(texts: list[str], j: int) -> bool:
    """A number that is part of a name before it ('the Fortune 100', 'the S&P 500')."""
    return j > 0 and texts[j].isdigit() and texts[j - 1][:1].isupper() and texts[j - 1].replace("&", "").isalpha()


def linked_before(doc: Doc, first: int, sentence: Span, names: Names = no_names) -> Measure | None:
    """Rule: the noun phrase right before a linking word and the amount ('Products revenue was $66.6 billion',
    'gross margin of 46%', 'paid units grew 12%', 'costs were up 6%', 'increased commercial paper by $4
    billion'); not an adjective said of a metric named before it ('cash flow was also strong at $27.9
    billion')."""
    i, changed = _past_bounds_and_changes(doc, first, sentence)
    link = ending_at(doc, lexicon.METRIC_LINKS, i, sentence.start)
    texts = token_texts(doc)
    by = next((j for j in range(i, first) if texts[j].lower() == "by"), None)
    if link is not None:
        i = link
        if i - 2 > sentence.start and texts[i - 1].lower() in lexicon.words(lexicon.RELATIVE_PRONOUNS) \
                and texts[i - 2] == ",":
            i -= 2  # "our cash capex, which was $31.4 billion": the phrase before the relative clause
    elif by is not None and not changed:
        return _changed_by(doc, by, sentence, names)
    elif not changed:
        return None
    found = phrase_ending(doc, _past_period(doc, i, sentence), sentence, names)
    if found is not None and found.words.lower() in lexicon.words(lexicon.METRIC_FILLERS):
        found = _before_filler(doc, found.start, sentence, names)
    if found is None or found.concept is None and (_said_of_before(doc, found.start, sentence)
                                                    or all(w.endswith("ed") for w in found.words.split())):
        return None
    return found


def _past_period(doc: Doc, i: int, sentence: Span) -> int:
    """Where a metric's phrase ends before a period phrase that separates it from its link ('operating margin
    for the first quarter was 12.9%' -> before 'for')."""
    texts = token_texts(doc)
    j, periods = i, 0
    fillers = lexicon.words(lexicon.PERIOD_FILLERS)
    while j > sentence.start and (texts[j - 1].lower() in _period_words() | fillers or _is_year(texts[j - 1])):
        periods += texts[j - 1].lower() in _period_words() or _is_year(texts[j - 1])
        j -= 1
    if periods and j > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.PERIOD_PREPOSITIONS):
        return j - 1
    return i


def _changed_by(doc: Doc, by: int, sentence: Span, names: Names) -> Measure | None:
    """Rule: '<change verb> <metric> by <amount>' ('increased commercial paper by $4 billion'): the metric and
    the direction of its change."""
    found = phrase_ending(doc, by, sentence, names)
    if found is None:
        return None
    up, down = by_end(doc, lexicon.CHANGE_UP).get(found.start), by_end(doc, lexicon.CHANGE_DOWN).get(found.start)
    if up is None and down is None:
        return None
    return Measure(found.concept, found.words, found.start, found.end, "up" if up is not None else "down")


def _before_filler(doc: Doc, start: int, sentence: Span, names: Names) -> Measure | None:
    """Rule: the metric before a filler noun and its glue words ('total revenue to be in the range of $47.5
    billion': total revenue)."""
    texts = token_texts(doc)
    j = start
    while j > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.FILLER_GLUE):
        j -= 1
    return phrase_ending(doc, j, sentence, names) if j < start else None


def _said_of_before(doc: Doc, start: int, sentence: Span) -> bool:
    """The words before a phrase end with a form of 'be' (past a few adverbs): the phrase is said of what
    stands before it ('was also strong')."""
    texts = token_texts(doc)
    j = start - 1
    while j >= sentence.start and texts[j].lower() in lexicon.words(lexicon.DEGREE_ADVERBS):
        j -= 1
    return j >= sentence.start and texts[j].lower() in lexicon.words(lexicon.COPULAS)


def _past_bounds_and_changes(doc: Doc, first: int, sentence: Span) -> tuple[int, bool]:
    """Where the words before an amount end once bound, sign and change words are skipped ('were up about
    6%' -> 'were'), and whether a change word was among them."""
    i, changed = first, False
    bounds, ups, downs = (by_end(doc, scheme) for scheme in (lexicon.BOUND_WORDS, lexicon.CHANGE_UP, lexicon.CHANGE_DOWN))
    texts = token_texts(doc)
    while i > sentence.start:
        change = ups.get(i) or downs.get(i)
        hit = bounds.get(i) or change
        if hit is not None and hit.start >= sentence.start:
            changed |= change is not None
            i = hit.start
        elif texts[i - 1].lower() in lexicon.words(lexicon.AMOUNT_LEAD_INS):
            i -= 1
        else:
            break
    return i, changed


def phrase_ending(doc: Doc, end: int, sentence: Span, names: Names = no_names) -> Measure | None:
    """The metric phrase ending before token `end`: its words back to a stop word, a verb or a break (at most
    PHRASE_MAX), with the names it opens with ('iPad revenue'), and the metric concept of the scheme it ends
    with where it holds one. The words leave out the names; a phrase of names alone after a preposition ('...
    in the U.S. at 98%') is the tail of the phrase before the preposition ('customer satisfaction in the
    U.S.')."""
    # (a metric may run on past the phrase's end: "revenue growth of 12%" read as "revenue" + a change "growth of")
    hits = [h for h in between(doc, lexicon.METRICS, max(sentence.start, end - PHRASE_MAX - 2), end)]
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
        if not any(h.start <= j < h.end for h in hits) and not _is_phrase_word(doc, j) \
                and not (start < end and token_texts(doc)[start] == "-" and _glued(doc, start)):
            break
        start = words_start = j
    if start == end:
        return None
    if words_start >= words_end:  # names alone: the tail of a phrase before a preposition, or no metric
        opener = _preposition_before(doc, start, sentence)
        head = phrase_ending(doc, opener, sentence, names) if opener is not None else None
        if head is None or head.words is None:
            return None
        return Measure(head.concept, f"{head.words} {phrase_words(doc, opener, end)}", head.start, head.end)
    concept = next((h.term.concept for h in reversed(hits) if h.start >= start and h.start < words_end <= h.end),
                   None) or next((h.term.concept for h in reversed(hits) if start <= h.start < words_end), None)
    if concept in _stand_ins():  # "adjusted EPS guidance": the metric the phrase names, in the words before it
        stand_in = next((h for h in reversed(hits) if h.term.concept == concept and h.start < words_end <= h.end),
                        None)
        named = next((h for h in reversed(hits) if words_start <= h.start and h.end <= words_end
                      and h.term.concept not in _stand_ins()), None)
        if stand_in is not None and named is not None and named.end <= stand_in.start:
            return Measure(named.term.concept, phrase_words(doc, words_start, stand_in.start), start, end)
    return Measure(concept, phrase_words(doc, words_start, words_end), start, end)


@lru_cache(maxsize=1)
def _stand_ins() -> frozenset[str]:
    """Metrics that stand in for one the text does not name (kg:standsIn: 'guidance', 'outlook')."""
    return frozenset(t.concept for t in lexicon.load().terms(lexicon.METRICS) if t.props.get("standsIn"))


def _inner_words(doc: Doc, j: int, start: int, end: int, sentence: Span) -> int:
    """How many tokens ending at j join two parts of one metric phrase ('share of market', 'operating expense
    as a percent of sales', 'cost per mile'): 0 when none do."""
    if start == end:
        return 0
    begin = ending_at(doc, lexicon.PHRASE_JOINS, j + 1, sentence.start + 1)
    return j + 1 - begin if begin is not None and _is_phrase_word(doc, begin - 1) else 0


def _preposition_before(doc: Doc, start: int, sentence: Span) -> int | None:
    """The preposition right before token `start`, past a determiner ('in the U.S.')."""
    texts = token_texts(doc)
    j = start - 1
    if j >= sentence.start and texts[j].lower() in lexicon.words(lexicon.DETERMINERS):
        j -= 1
    return j if j > sentence.start and texts[j].lower() in lexicon.words(lexicon.PREPOSITIONS) else None


def _is_phrase_word(doc: Doc, j: int) -> bool:
    """A word of a metric phrase: not a stop word, a number, a break or a verb in the past ('the firm reported
    net income': 'reported' follows a noun); a hyphen inside a word ('third-party') is part of it."""
    texts = token_texts(doc)
    word = texts[j]
    low = word.lower().rstrip("-")  # "year- over-year": a hyphen speech to text left before a space
    if word == "-" and _glued(doc, j):
        return True
    if word in CLAUSE_BREAKS or not any(c.isalpha() for c in word) or low in stop_words() or low in _period_words() \
            or low in _amount_words() or low in _verbs():
        return False
    if low.endswith("ed") and j > 0 and (texts[j - 1].lower() in lexicon.words(lexicon.SUBJECT_PRONOUNS) or
                                         texts[j - 1].lower() not in stop_words() and
                                         texts[j - 1].lower() not in _verbs() and
                                         any(c.isalpha() for c in texts[j - 1])):
        return False  # a verb after its subject: "the firm reported (net income)", "we delivered (earnings)";
        # not after a cue's verb: "we expect adjusted (EPS)"
    if low in lexicon.words(lexicon.COMPARISON_BASES):
        return False
    return not low[:1].isdigit()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words ('the', 'was', 'our'), as a set: looking each token up in the vocabulary is slow."""
    return frozenset(pipeline().Defaults.stop_words)


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Verbs of the lexicon's cues ('expect', 'plan', 'said', 'see'): they end a metric's phrase."""
    schemes = (lexicon.FORECAST_CUES, lexicon.PLAN_CUES, lexicon.SPEECH_VERBS, lexicon.ASSESSMENT_VERBS,
               lexicon.METRIC_LINKS, lexicon.CHANGE_UP, lexicon.CHANGE_DOWN)
    return frozenset(w for scheme in schemes for w in lexicon.words(scheme) if " " not in w) \
        - lexicon.words(lexicon.CUE_NOUNS)


@lru_cache(maxsize=1)
def _amount_words() -> frozenset[str]:
    """Words of an amount ('billion', 'percent', 'dollars'): the end of another figure, not a metric."""
    return frozenset().union(*(lexicon.words(scheme) for scheme in (
        lexicon.SCALE_WORDS, lexicon.CURRENCIES, lexicon.UNIT_WORDS, lexicon.MULTIPLE_WORDS)))


@lru_cache(maxsize=1)
def _period_words() -> frozenset[str]:
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
    return token_texts(doc)[j] in CLAUSE_BREAKS and not (token_texts(doc)[j] == "-" and _glued(doc, j))


def _glued(doc: Doc, j: int) -> bool:
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


def named_after(doc: Doc, last: int, sentence: Span) -> Measure | None:
    """Rule: a metric named within a few words after the amount ('$48.39 billion in fourth-quarter revenue',
    '$133 billion in cash and marketable securities'), before any break, other number or conjunction ('...
    $2.8 billion and gross margin of 44%': the next item)."""
    texts = token_texts(doc)
    conjunctions = lexicon.words(lexicon.CONJUNCTIONS)
    for hit in between(doc, lexicon.METRICS, last + 1, min(last + METRIC_WINDOW_AFTER + 1, sentence.end)):
        gap = range(last + 1, hit.start)
        if any(is_break(doc, j) or texts[j].lower() in conjunctions or
               texts[j][:1].isdigit() and not _is_year(texts[j]) for j in gap):
            return None
        if last + 1 < hit.start and _is_phrase_word(doc, last + 1):
            # "a $1.5 billion favorable impact to revenue": the words from the amount on; their head is not the
            # metric the phrase ends with when a preposition stands between them
            between_words = {texts[j].lower() for j in gap}
            concept = None if between_words & lexicon.words(lexicon.PREPOSITIONS) else hit.term.concept
            return Measure(concept, phrase_words(doc, last + 1, hit.end), last + 1, hit.end)
        start = hit.start
        while start - 1 > last and _is_phrase_word(doc, start - 1) and texts[start - 1].lower() not in _modifiers():
            start -= 1
        end = _with_per(doc, hit.end, sentence)
        return Measure(hit.term.concept, phrase_words(doc, start, end), start, end)
    return None


def _is_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4


def counted(doc: Doc, first: int, last: int, unit: str) -> Measure | None:
    """Rule: a count's words up to its counted noun name what it counts ('1 billion paid subscriptions',
    '10 million new card accounts', with the verb in the past before it: 'tokens processed'); the lexicon gives
    the metric of the noun where there is one."""
    if unit not in lexicon.words(lexicon.COUNTED_NOUNS):
        return None
    texts = token_texts(doc)
    forms = _counted_forms()
    verb = _verb_before(doc, first)
    for end in range(last + 2, min(last + 5, len(doc)) + 1):
        for size in (2, 1):
            phrase = " ".join(texts[end - size:end]).lower()
            if end - size > last and forms.get(phrase) is not None and forms[phrase].label == unit:
                words = phrase_words(doc, last + 1, end)
                return Measure(_metric_of_counted_noun().get(unit), f"{words} {verb}" if verb else words, last + 1,
                               end)
    return Measure(_metric_of_counted_noun().get(unit), f"{unit} {verb}" if verb else unit, last + 1, last + 1)


@lru_cache(maxsize=1)
def _counted_forms() -> dict:
    return lexicon.load().forms(lexicon.COUNTED_NOUNS)


def _verb_before(doc: Doc, first: int) -> str | None:
    """The verb in the past right before a count, past bound words ('processed over 100 trillion tokens',
    'migrated more than 10,000 servers'): what was done to what it counts."""
    bounds, texts = by_end(doc, lexicon.BOUND_WORDS), token_texts(doc)
    j = bounds[first].start if first in bounds else first
    word = texts[j - 1].lower() if j > 0 else ""
    return word if word.endswith("ed") and not word.endswith("eed") and word.isalpha() else None  # not "need"


def nearest_before(doc: Doc, first: int, sentence: Span) -> Measure | None:
    """Rule: otherwise the nearest metric named earlier in the sentence ('total expenses are projected to reach
    between $114 billion and $119 billion'), not one inside a phrase that a preposition opens ('at the high end
    of our guidance range')."""
    texts = token_texts(doc)
    prepositions = lexicon.words(lexicon.PREPOSITIONS)
    for hit in reversed([h for h in between(doc, lexicon.METRICS, sentence.start, first) if h.end <= first]):
        opener = next((j for j in range(hit.start - 1, max(sentence.start, hit.start - 4) - 1, -1)
                       if not _is_phrase_word(doc, j) and texts[j].lower() not in lexicon.words(lexicon.DETERMINERS)),
                      None)
        if opener is not None and texts[opener].lower() in prepositions:
            continue
        end = _with_per(doc, hit.end, sentence)
        named = next((h for h in between(doc, lexicon.METRICS, max(sentence.start, hit.start - PHRASE_MAX), hit.start)
                      if h.end == hit.start and h.term.concept not in _stand_ins()),
                     None) if hit.term.concept in _stand_ins() else None
        if named is not None:  # "EPS guidance": the metric named with it
            return Measure(named.term.concept, phrase_words(doc, named.start, named.end), named.start, end)
        return Measure(hit.term.concept, phrase_words(doc, hit.start, end), hit.start, end)
    return None


def _with_per(doc: Doc, end: int, sentence: Span) -> int:
    """Where a metric's words end with the unit it is taken per ('cost per mile', 'revenue per user')."""
    texts = token_texts(doc)
    if end + 1 < sentence.end and texts[end].lower() == "per" and _is_phrase_word(doc, end + 1):
        return end + 2
    return end
