"""What a figure measures: the metric concept of the scheme where one fits, and the metric in the words of the
text ("cash and marketable securities", "revenue growth year over year", "share of customers new to it").

Pure functions of the `Doc` and the token span of an amount; the lexicon gives the words.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.metric_phrases import (NOTHING, PHRASE_MAX, Measure, Names, is_break, is_phrase_word, no_names,
                                       period_words, phrase_ending, phrase_words, stand_ins, stop_words)
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, by_end, ending_at, spans_in

METRIC_WINDOW_AFTER = 6  # tokens after an amount where its metric may be named ("$3 billion in Q4 revenue")
ASIDE_WORDS_MAX = 10  # words of an aside between commas ("excluding the impact of reinstatement premiums")
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
    after = named_after(doc, last, sentence)
    if linked is not None and linked.concept is None and after is not None and after.concept is not None \
            and after.start <= last + 3:
        return after  # "inclusive of $0.10 of acquired IPR&D charges": the metric named right after the amount
    found = (linked or after or counted(doc, first, last, unit) or change_after(doc, last, sentence, names)
             or noun_after(doc, last, sentence) or _previous_or_nearer(doc, first, sentence, previous) or NOTHING)
    return _named_for_stand_in(doc, found, sentence)


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


@lru_cache(maxsize=1)
def _change_nouns() -> frozenset[str]:
    return lexicon.words(lexicon.CHANGE_NOUNS)


def noun_after(doc: Doc, last: int, sentence: Span) -> Measure | None:
    """Rule: the words right after an amount that no metric names ('a 13% stake', 'a 5% tariff'); not an
    adverb, a verb or a qualifier ('down 60 basis points sequentially', '12.9% compared to ...')."""
    texts, start = token_texts(doc), last + 1
    made_of = start + 1 < sentence.end and texts[start].lower() == "of"
    if made_of:  # what the amount is made of: "$17 billion of reserves", "$1.4 billion of loan growth"
        start = _past_determiners(texts, start + 1, sentence.end)
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
    if end >= sentence.end or not texts[end].isalpha() or texts[end].lower() in (
            lexicon.words(lexicon.PREPOSITIONS) | lexicon.words(lexicon.DETERMINERS) | lexicon.words(lexicon.CONJUNCTIONS)):
        return None
    start = end
    while start < sentence.end and texts[start].lower() in copulas:
        start += 1
    stops = lexicon.words(lexicon.CONJUNCTIONS) | lexicon.words(lexicon.MODAL_VERBS) | period_words() \
        | lexicon.words(lexicon.ORDINALS)
    stop = start
    while stop < min(sentence.end, start + SAID_OF_THE_WHOLE_MAX) and not is_break(doc, stop) \
            and texts[stop] not in ("$", "%") and texts[stop].lower() not in stops and not _is_year(texts[stop]):
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
        i = _past_adverbs_and_be(doc, link, sentence)
        if i - 2 > sentence.start and texts[i - 1].lower() in lexicon.words(lexicon.RELATIVE_PRONOUNS) \
                and texts[i - 2] == ",":
            i -= 2  # "our cash capex, which was $31.4 billion": the phrase before the relative clause
    elif by is not None and not changed:
        return _changed_by(doc, by, sentence, names)
    elif not changed:
        return None
    i, aside = _past_aside(doc, i, sentence)
    found = phrase_ending(doc, _past_period(doc, i, sentence), sentence, names)
    if found is not None and found.concept is None and _aside_opener(found.words):
        return None  # "inclusive of $0.10 of charges": what the figure takes in is named after it
    if found is not None and found.words.lower() in lexicon.words(lexicon.METRIC_FILLERS):
        found = _before_filler(doc, found.start, sentence, names)
    if found is None or found.concept is None and (_said_of_before(doc, found.start, sentence)
                                                    or all(w.endswith("ed") for w in found.words.split())):
        return None
    return replace(found, aside=aside) if aside else found


def _aside_opener(words: str) -> bool:
    """Words that open what a figure leaves out or takes in ('excluding', 'inclusive'), by themselves."""
    low = words.lower()
    return any(low == form or form.startswith(low + " ")
               for form in lexicon.words(lexicon.METRIC_EXCLUSIONS) | lexicon.words(lexicon.METRIC_INCLUSIONS))


def _past_aside(doc: Doc, i: int, sentence: Span) -> tuple[int, str | None]:
    """Rule: an aside between commas that leaves something out of the metric or takes it in, right before its
    link ('recurring revenue, excluding float, grew 20%', 'capital expenditures, including finance leases, were
    $14 billion'): the metric's phrase ends before it, and its words qualify the metric."""
    texts = token_texts(doc)
    if i - 1 <= sentence.start or texts[i - 1] != ",":
        return i, None
    for comma in range(i - 3, max(sentence.start, i - 2 - ASIDE_WORDS_MAX) - 1, -1):
        if is_break(doc, comma):
            openers = spans_in(doc, lexicon.METRIC_EXCLUSIONS, comma + 1, i - 1) + \
                spans_in(doc, lexicon.METRIC_INCLUSIONS, comma + 1, i - 1)
            if texts[comma] != "," or all(begin != comma + 1 for begin, _ in openers):
                return i, None
            return comma, phrase_words(doc, comma + 1, i - 1)
    return i, None


def _past_adverbs_and_be(doc: Doc, i: int, sentence: Span) -> int:
    """Rule: adverbs before a link and the form of 'be' before them stand between the metric and the link
    ('customer satisfaction was recently measured at 97%')."""
    texts, j = token_texts(doc), _past_adverbs(doc, i, sentence)
    if j < i and j - 1 > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.COPULAS):
        return j - 1
    return i


def _past_adverbs(doc: Doc, i: int, sentence: Span) -> int:
    """Where the adverbs right before token i start ('sales actually decline', 'was recently measured')."""
    texts, j = token_texts(doc), i
    while j - 1 > sentence.start and (texts[j - 1].endswith("ly") and texts[j - 1].isalpha() and texts[j - 1].islower()
                                      or texts[j - 1].lower() in lexicon.words(lexicon.DEGREE_ADVERBS)):
        j -= 1
    return j


def _past_period(doc: Doc, i: int, sentence: Span) -> int:
    """Where a metric's phrase ends before the period phrases that separate it from its link ('operating margin
    for the first quarter was 12.9%' -> before 'for'; 'run rate in the second half of the year')."""
    texts = token_texts(doc)
    fillers = lexicon.words(lexicon.PERIOD_FILLERS)
    while True:
        j, periods = i, 0
        while j > sentence.start and (texts[j - 1].lower() in period_words() | fillers or _is_year(texts[j - 1])):
            periods += texts[j - 1].lower() in period_words() or _is_year(texts[j - 1])
            j -= 1
        if not (periods and j > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.PERIOD_PREPOSITIONS)):
            return i
        i = j - 1


def _changed_by(doc: Doc, by: int, sentence: Span, names: Names) -> Measure | None:
    """Rule: '<change verb> <metric> by <amount>' ('increased commercial paper by $4 billion'): the metric and
    the direction of its change."""
    found = phrase_ending(doc, by - (token_texts(doc)[by - 1] == ","), sentence, names)
    if found is None:
        return None
    up, down = by_end(doc, lexicon.CHANGE_UP).get(found.start), by_end(doc, lexicon.CHANGE_DOWN).get(found.start)
    if up is None and down is None:
        return _impact_on(doc, found, sentence)
    return Measure(found.concept, found.words, found.start, found.end, "up" if up is not None else "down")


def _impact_on(doc: Doc, found: Measure, sentence: Span) -> Measure | None:
    """Rule: '<impact verb> <metric> by <amount>' ('charges negatively impacted earnings per share by $1.72',
    'weather helped our average ticket by 20 basis points'): the amount is an impact on the metric, signed by
    the adverb before the verb."""
    texts, j = token_texts(doc), found.start
    while j > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.DETERMINERS):
        j -= 1
    verb = ending_at(doc, lexicon.IMPACT_VERBS, j, sentence.start)
    if verb is None:
        return None
    sign = ending_at(doc, lexicon.IMPACT_SIGNS, verb, sentence.start)
    label = lexicon.load().forms(lexicon.IMPACT_SIGNS)[texts[sign].lower()].label if sign is not None else None
    words = " ".join(filter(None, (label, "impact on", found.words)))
    return Measure(None, words, found.start, found.end)


def _before_filler(doc: Doc, start: int, sentence: Span, names: Names) -> Measure | None:
    """Rule: the metric before a filler noun and its glue, linking and change words ('total revenue to be in the
    range of $47.5 billion': total revenue; 'margins declined from a record high of 39.5%': margins)."""
    texts = token_texts(doc)
    changes = [by_end(doc, scheme) for scheme in (lexicon.CHANGE_UP, lexicon.CHANGE_DOWN)]
    j = start
    while j > sentence.start:
        verb = next((hits[j].start for hits in changes if j in hits), None)
        if verb is None:
            verb = ending_at(doc, lexicon.METRIC_LINKS, j, sentence.start)
        if texts[j - 1].lower() in lexicon.words(lexicon.FILLER_GLUE):
            j -= 1
        elif verb is not None and verb >= sentence.start:
            j = _past_adverbs(doc, verb, sentence)
        else:
            break
    return phrase_ending(doc, j, sentence, names) if j < start else None


def _said_of_before(doc: Doc, start: int, sentence: Span) -> bool:
    """The words before a phrase end with a form of 'be' (past a few adverbs): the phrase is said of what
    stands before it ('was also strong')."""
    texts = token_texts(doc)
    j = start - 1
    while j >= sentence.start and texts[j].lower() in lexicon.words(lexicon.DEGREE_ADVERBS):
        j -= 1
    return j >= sentence.start and texts[j].lower() in lexicon.words(lexicon.COPULAS) \
        and not _possessive(texts, j, sentence)


def _possessive(texts: list[str], j: int, sentence: Span) -> bool:
    """Rule: "'s" after a capitalised word other than a pronoun or determiner is a name's possessive, not 'is'
    ("Acme's market share of 25%"; not "It's ...", "That's ...")."""
    pronouns = lexicon.words(lexicon.SUBJECT_PRONOUNS) | lexicon.words(lexicon.RELATIVE_PRONOUNS) \
        | lexicon.words(lexicon.DETERMINERS)
    return texts[j] == "'s" and j > sentence.start and texts[j - 1][:1].isupper() \
        and texts[j - 1].lower() not in pronouns


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
        return Measure(hit.term.concept, phrase_words(doc, hit.start, end), hit.start, end)
    return None


def _with_per(doc: Doc, end: int, sentence: Span) -> int:
    """Where a metric's words end with the unit it is taken per ('cost per mile', 'revenue per user')."""
    texts = token_texts(doc)
    if end + 1 < sentence.end and texts[end].lower() == "per" and is_phrase_word(doc, end + 1):
        return end + 2
    return end
