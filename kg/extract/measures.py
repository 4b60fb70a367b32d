"""What a figure measures: the metric concept of the scheme where one fits, and the metric in the words of the
text ("cash and marketable securities", "revenue growth year over year", "share of customers new to it").

Pure functions of the `Doc` and the token span of an amount; the lexicon gives the words.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.metric_links import is_year, linked_before
from kg.extract.metric_phrases import (NOTHING, PHRASE_MAX, Measure, Names, is_break, is_phrase_word, no_names,
                                       period_words, phrase_ending, phrase_words, stand_ins, stop_words)
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, by_end, spans_in

METRIC_WINDOW_AFTER = 6  # tokens after an amount where its metric may be named ("$3 billion in Q4 revenue")
PERIOD_WORDS_MAX = 3  # tokens of a period after 'in' ('the second quarter' past its determiner: 2)
SAID_OF_THE_WHOLE_MAX = 8  # tokens of what a clause says of the whole a percentage is a share of


@lru_cache(maxsize=1)
def _modifiers() -> frozenset[str]:
    return lexicon.words(lexicon.METRIC_MODIFIERS)


@lru_cache(maxsize=1)
def _metric_of_counted_noun() -> dict[str, str]:
    return {term.label: str(term.props["countsMetric"]) for term in lexicon.load().terms(lexicon.COUNTED_NOUNS)
            if term.props.get("countsMetric")}


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
    returned = returned_to_holders(doc, last, sentence)
    if returned is not None and linked is None:
        return returned
    after = named_after(doc, last, sentence)
    if linked is not None and linked.concept is None and after is not None and after.concept is not None \
            and after.start <= last + 3:
        return after  # "inclusive of $0.10 of acquired IPR&D charges": the metric named right after the amount
    found = (linked or after or counted(doc, first, last, unit) or change_after(doc, last, sentence, names)
             or noun_after(doc, last, sentence, unit in _currencies(), names)
             or _previous_or_nearer(doc, first, sentence, previous) or NOTHING)
    return _named_for_stand_in(doc, found, sentence)


def returned_to_holders(doc: Doc, last: int, sentence: Span) -> Measure | None:
    """Rule: an amount 'to shareholders', past what is returned ('we returned $27 billion to shareholders', '$2.8
    billion of capital to our shareholders'; lexicon holder-words, returned-words), is capital returned to
    shareholders, whatever a word after it names ('... through dividends and buybacks')."""
    texts, j = token_texts(doc), last + 1
    between_words = spans_in(doc, lexicon.RETURNED_WORDS, j, min(j + 2, sentence.end))
    if between_words and between_words[0][0] == j:
        j = between_words[0][1]
    if j >= sentence.end or texts[j].lower() != "to":
        return None
    j = _past_determiners(texts, j + 1, sentence.end)
    if j >= sentence.end or texts[j].lower() not in lexicon.words(lexicon.HOLDER_WORDS):
        return None
    return Measure(_capital_returned(), lexicon.load().label(_capital_returned()), last + 1, j + 1)


@lru_cache(maxsize=1)
def _capital_returned() -> str:
    return lexicon.load().forms(lexicon.METRICS)["capital returned to shareholders"].concept


def _named_for_stand_in(doc: Doc, found: Measure, sentence: Span) -> Measure:
    """Rule: a stand-in alone ('in line with our previous guidance of 3.6%') measures the metric named before it
    in the sentence ('the card charge-off rate to be in line with ...'), where there is one."""
    if found.concept not in stand_ins():
        return found
    named = nearest_before(doc, found.start, sentence)
    return named if named is not None and named.concept not in stand_ins() else found


def _previous_or_nearer(doc: Doc, first: int, sentence: Span, previous: Measure | None) -> Measure | None:
    """Rule: the previous figure's metric ('$4 billion, up 9%'), unless a metric is named after it, nearer
    the amount ('with $31 million of reserves, adjusted EBITDA grew faster, rising 8%': adjusted EBITDA)."""
    nearest = nearest_before(doc, first, sentence)
    if previous is not None and previous.words and (nearest is None or nearest.start < previous.end
                                                    or nearest.concept in stand_ins()):
        return previous
    return nearest


def change_after(doc: Doc, last: int, sentence: Span, names: Names = no_names) -> Measure | None:
    """Rule: a change noun after the amount, with the words that say what changed before it or in a phrase
    after it ('9% unit growth', 'a 32% increase in transaction fees', '8% currency-neutral growth in payment
    volume'), past qualifiers; none when it names nothing ('a 52% increase': the figure before says what)."""
    texts = token_texts(doc)
    qualifiers = dict(spans_in(doc, lexicon.METRIC_QUALIFIERS, last + 1, min(sentence.end, last + 1 + PHRASE_MAX)))
    own, j = [], last + 1
    while j < min(sentence.end, last + 1 + PHRASE_MAX) and texts[j].lower() not in _change_nouns():
        if j in qualifiers:
            j = qualifiers[j]
        elif is_phrase_word(doc, j) and not texts[j].endswith("ly"):
            own.append(j)
            j += 1
        else:
            return None
    if j >= sentence.end or texts[j].lower() not in _change_nouns():
        return None
    noun, tail_end = j, _tail_after(doc, j + 1, sentence)
    if not own and tail_end == j + 1:
        return None
    if _names_only(doc, j + 2, tail_end, names):
        tail_end = j + 1  # "15% growth in China": where it grew is the figure's subject, not its metric
        if not own:
            return None
    words = " ".join(filter(None, (phrase_words(doc, own[0], own[-1] + 1) if own else "",
                                   phrase_words(doc, noun, tail_end))))
    direction = str(between(doc, lexicon.CHANGE_NOUNS, noun, noun + 1)[0].term.props["value"])
    concept = next((h.term.concept for h in between(doc, lexicon.METRICS, noun + 1, tail_end) if h.end <= tail_end),
                   None)
    return Measure(concept, words, (own or [noun])[0], tail_end, direction)


def _tail_after(doc: Doc, j: int, sentence: Span) -> int:
    """Where a phrase 'in' or 'of' what changed ends after a change noun ('increase in net transaction and
    clearing fees'); j itself when there is none."""
    texts = token_texts(doc)
    if j >= sentence.end or texts[j].lower() not in ("in", "of"):
        return j
    start = _past_determiners(texts, j + 1, sentence.end)
    end = start
    while end < min(sentence.end, start + PHRASE_MAX) and (
            is_phrase_word(doc, end) or texts[end].lower() == "of" and end + 1 < sentence.end
            and is_phrase_word(doc, end + 1) and end > start):
        end += 1
    if end < sentence.end and texts[end].lower() in period_words():
        return j  # "an uplift in the second quarter": a period, not what changed
    return end if end > start else j


def _names_only(doc: Doc, start: int, end: int, names: Names) -> bool:
    """Tokens [start, end) past determiners are names: a name the graph holds or capitalised words."""
    texts = token_texts(doc)
    start = _past_determiners(texts, start, end)
    name = names(start) if start < end else None
    if name is not None and name[1] >= end:
        return True
    return start < end and all(texts[k][:1].isupper() for k in range(start, end))


def _past_determiners(texts: list[str], start: int, end: int) -> int:
    """Where the determiners from token `start` on end ('the', 'our'), not past `end`."""
    while start < end and texts[start].lower() in lexicon.words(lexicon.DETERMINERS):
        start += 1
    return start


def _a_period_at(doc: Doc, j: int) -> bool:
    """Tokens from j on name a period: past ordinals, a period's word or a year ('second quarter', 'fiscal 2025',
    'year'), within PERIOD_WORDS_MAX tokens."""
    texts = token_texts(doc)
    stop = min(len(texts), j + PERIOD_WORDS_MAX)
    while j < stop and texts[j].lower() in lexicon.words(lexicon.ORDINALS):
        j += 1
    return j < stop and (texts[j].lower() in period_words() or is_year(texts[j]))


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    """The units of sums of money: the currencies' ISO codes ('USD')."""
    return frozenset(str(term.props["isoCode"]) for term in lexicon.load().terms(lexicon.CURRENCIES))


@lru_cache(maxsize=1)
def _change_nouns() -> frozenset[str]:
    return lexicon.words(lexicon.CHANGE_NOUNS)


def noun_after(doc: Doc, last: int, sentence: Span, money: bool = False, names: Names = no_names) -> Measure | None:
    """Rule: the words right after an amount that no metric names ('a 13% stake', 'a 5% tariff'); not an
    adverb, a verb or a qualifier ('down 60 basis points sequentially', '12.9% compared to ...'). A sum of
    money 'in' a noun is made of it as of one ('$400 million in synergies'; not 'in Europe', 'in 2025')."""
    texts, start = token_texts(doc), last + 1
    made_of = start + 1 < sentence.end and (texts[start].lower() == "of" or money and texts[start].lower() == "in")
    if made_of:  # what the amount is made of: "$17 billion of reserves", "$1.4 billion of loan growth"
        start = _past_determiners(texts, start + 1, sentence.end)
        if texts[last + 1].lower() == "in" and (_names_only(doc, start, start + 1, names) or _a_period_at(doc, start)):
            return None  # "$2 billion in Europe", "$2 billion in the second quarter": where or when, not what
    elif start < sentence.end and texts[start].lower() in lexicon.words(lexicon.DETERMINERS) \
            and texts[last].lower() in lexicon.words(lexicon.MULTIPLE_WORDS):
        start += 1  # a multiple of something: "10x the parameter count"
    qualifiers = {begin for begin, _ in spans_in(doc, lexicon.METRIC_QUALIFIERS, start, start + PHRASE_MAX)}
    end = start
    while end < min(sentence.end, start + PHRASE_MAX) and is_phrase_word(doc, end) and end not in qualifiers \
            and (made_of or texts[end].lower() not in _change_nouns()) \
            and not (texts[end].endswith(("ly", "ed")) and not _adjective_of(doc, made_of, end, sentence)) \
            and not (end + 1 < len(texts) and texts[end + 1].lower() == "by"):  # "driven by": a verb
        end += 1
    if made_of and texts[last + 1].lower() == "in" and end - 1 > start and texts[end - 1].lower().endswith("ing"):
        end -= 1  # "$4 billion in new awards, bringing ...": a verb in -ing after the phrase is none of its words
    words = phrase_words(doc, start, end) if end > start else ""
    if not words or words.lower() in lexicon.words(lexicon.METRIC_FILLERS) | lexicon.words(lexicon.BOUND_WORDS):
        return None  # "in the 3% range", "10% plus": no metric of their own
    return Measure(None, words, start, end)


def _adjective_of(doc: Doc, made_of: bool, j: int, sentence: Span) -> bool:
    """Rule: after 'of', a word in -ed before another word of the phrase is an adjective of what the amount is
    made of ('$10 billion of deferred demand'), not a verb."""
    return made_of and j + 1 < sentence.end and is_phrase_word(doc, j + 1) \
        and token_texts(doc)[j + 1].lower() != "by"


def share_of(doc: Doc, last: int, sentence: Span) -> str | None:
    """Rule: a percentage 'of' a noun phrase is a share of it ('55% of homes', 'over 50% of our purchases',
    '2.5% of sales'): the phrase's words, with what the clause says of them ('55% of homes are 40 years or
    older': homes 40 years or older)."""
    texts = token_texts(doc)
    j = last + 1
    if j >= sentence.end or texts[j].lower() != "of":
        return None
    j += 1
    while j < sentence.end and texts[j].lower() in _whole_openers():
        j += 1
    end = j
    while end < min(sentence.end, j + PHRASE_MAX) and (is_phrase_word(doc, end) and not texts[end].endswith("ed")
                                                        or _numbered_name(texts, end)):
        end += 1
        if _numbered_name(texts, end - 1):
            break  # "the Fortune 100": the name ends with its number
    if end == j:
        return None
    said = _said_of_the_whole(doc, end, sentence)
    return " ".join(filter(None, (phrase_words(doc, j, end), said)))


def _said_of_the_whole(doc: Doc, end: int, sentence: Span) -> str | None:
    """What the clause says of the whole a percentage is a share of, when a verb, a form of 'be' or a relative
    pronoun follows it ('of our purchases are sourced in the United States', 'of patients who prefer a pill',
    'of the Fortune 100 use it'), to a break, a conjunction, a modal, another amount or a period; not a phrase
    a preposition opens ('of free cash flow over time'). None where it holds no word of a metric's phrase."""
    texts, copulas = token_texts(doc), lexicon.words(lexicon.COPULAS)
    if end >= sentence.end or not texts[end].isalpha() or texts[end].lower() in lexicon.function_words():
        return None
    start = end
    while start < sentence.end and texts[start].lower() in copulas:
        start += 1
    stops = lexicon.words(lexicon.CONJUNCTIONS) | lexicon.words(lexicon.MODAL_VERBS) | period_words() \
        | lexicon.words(lexicon.ORDINALS)
    stop = start
    while stop < min(sentence.end, start + SAID_OF_THE_WHOLE_MAX) and not is_break(doc, stop) \
            and texts[stop] not in ("$", "%") and texts[stop].lower() not in stops and not is_year(texts[stop]):
        stop += 1
    while stop > start and texts[stop - 1].lower() in stop_words():
        stop -= 1
    if not any(is_phrase_word(doc, k) for k in range(start, stop)):
        return None
    return phrase_words(doc, start, stop)


@lru_cache(maxsize=1)
def _whole_openers() -> frozenset[str]:
    """Words skipped before the whole a percentage is a share of ('55% of all homes')."""
    return lexicon.words(lexicon.DETERMINERS) | lexicon.words(lexicon.WHOLE_WORDS)


def _numbered_name(texts: list[str], j: int) -> bool:
    """A number that is part of a name before it ('the Fortune 100', 'the S&P 500')."""
    return j > 0 and texts[j].isdigit() and texts[j - 1][:1].isupper() and texts[j - 1].replace("&", "").isalpha()


def named_after(doc: Doc, last: int, sentence: Span) -> Measure | None:
    """Rule: a metric named within a few words after the amount ('$48.39 billion in fourth-quarter revenue',
    '$133 billion in cash and marketable securities'), before any break, other number or conjunction ('...
    $2.8 billion and gross margin of 44%': the next item)."""
    texts = token_texts(doc)
    conjunctions = lexicon.words(lexicon.CONJUNCTIONS)
    hits = between(doc, lexicon.METRICS, last + 1, min(last + METRIC_WINDOW_AFTER + 1, sentence.end))
    for k, hit in enumerate(hits):
        gap = range(last + 1, hit.start)
        if any(is_break(doc, j) or texts[j].lower() in conjunctions or
               texts[j][:1].isdigit() and not is_year(texts[j]) for j in gap):
            return None
        for head in hits[k + 1:]:  # a metric's words running on into another's name that one ("DAP revenue"),
            if head.start != hit.end or head.term.concept in stand_ins():  # not a stand-in ("EPS guidance")
                break
            hit = head
        if last + 1 < hit.start and is_phrase_word(doc, last + 1):
            # "a $1.5 billion favorable impact to revenue": the words from the amount on; their head is not the
            # metric the phrase ends with when a preposition stands between them
            between_words = {texts[j].lower() for j in gap}
            concept = None if between_words & lexicon.words(lexicon.PREPOSITIONS) else hit.term.concept
            return Measure(concept, phrase_words(doc, last + 1, hit.end), last + 1, hit.end)
        start = hit.start
        while start - 1 > last and is_phrase_word(doc, start - 1) and texts[start - 1].lower() not in _modifiers():
            start -= 1
        end = _with_per(doc, hit.end, sentence)
        return Measure(hit.term.concept, phrase_words(doc, start, end), start, end)
    return None


def counted(doc: Doc, first: int, last: int, unit: str) -> Measure | None:
    """Rule: a count's words up to its counted noun name what it counts ('1 billion paid subscriptions',
    '10 million new card accounts', with the verb in the past before it: 'tokens processed'); the lexicon gives
    the metric of the noun where there is one."""
    if unit not in lexicon.words(lexicon.COUNTED_NOUNS):
        return None
    texts = token_texts(doc)
    forms = lexicon.load().forms(lexicon.COUNTED_NOUNS)
    verb = _verb_before(doc, first)
    for end in range(last + 2, min(last + 5, len(doc)) + 1):
        for size in (2, 1):
            phrase = " ".join(texts[end - size:end]).lower()
            if end - size > last and forms.get(phrase) is not None and forms[phrase].label == unit:
                words = phrase_words(doc, last + 1, end)
                return Measure(_metric_of_counted_noun().get(unit), f"{words} {verb}" if verb else words, last + 1,
                               end)
    return Measure(_metric_of_counted_noun().get(unit), f"{unit} {verb}" if verb else unit, last + 1, last + 1)


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
                       if not is_phrase_word(doc, j) and texts[j].lower() not in lexicon.words(lexicon.DETERMINERS)),
                      None)
        if opener is not None and texts[opener].lower() in prepositions:
            continue
        end = _with_per(doc, hit.end, sentence)
        named = next((h for h in between(doc, lexicon.METRICS, max(sentence.start, hit.start - PHRASE_MAX), hit.start)
                      if h.end == hit.start and h.term.concept not in stand_ins()),
                     None) if hit.term.concept in stand_ins() else None
        if named is not None:  # "EPS guidance": the metric named with it
            return Measure(named.term.concept, phrase_words(doc, named.start, named.end), named.start, end)
        # with the words the metric's phrase opens with, where it opens the sentence ("Total deferred revenue as of
        # the end of Q2 was $4 billion": deferred revenue, not revenue; elsewhere a verb may open it: "we're
        # guiding revenue to")
        phrase = phrase_ending(doc, end, sentence) if end == hit.end else None
        if phrase is not None and phrase.concept == hit.term.concept and phrase.words \
                and _only_determiners_before(doc, phrase.start, sentence):
            return Measure(hit.term.concept, phrase.words, phrase.start, end)
        return Measure(hit.term.concept, phrase_words(doc, hit.start, end), hit.start, end)
    return None


def _only_determiners_before(doc: Doc, start: int, sentence: Span) -> bool:
    """Whether only determiners stand before token `start` in its sentence ("Our total deferred revenue")."""
    determiners = lexicon.words(lexicon.DETERMINERS)
    return all(word.lower() in determiners for word in token_texts(doc)[sentence.start:start])


def _with_per(doc: Doc, end: int, sentence: Span) -> int:
    """Where a metric's words end with the unit it is taken per ('cost per mile', 'revenue per user')."""
    texts = token_texts(doc)
    if end + 1 < sentence.end and texts[end].lower() == "per" and is_phrase_word(doc, end + 1):
        return end + 2
    return end
