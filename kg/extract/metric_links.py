"""The metric an amount is linked to by the words before it ('revenue was $4 billion', 'a margin of 12%',
'increased commercial paper by $4 billion'): the phrase before the link, past what stands between them (bounds,
change words, periods, adverbs, asides between commas, filler nouns)."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.metric_phrases import Measure, Names, is_break, no_names, period_words, phrase_ending, phrase_words
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import by_end, ending_at, spans_in

ASIDE_WORDS_MAX = 10  # words of an aside between commas ("excluding the impact of reinstatement premiums")


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
    elif not changed and i < first and texts[i].lower() == "to":
        return _brought_to(doc, i, sentence, names)
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
    $14 billion'): the metric's phrase ends before it, and its words qualify the metric; one that defines it
    ('free cash flow, that is cash from operations less capital expenditures, was ...') names no other metric."""
    texts = token_texts(doc)
    if i - 1 <= sentence.start or texts[i - 1] != ",":
        return i, None
    window = max(sentence.start, i - 2 - ASIDE_WORDS_MAX)
    defined = [begin - 1 for begin, _ in spans_in(doc, lexicon.METRIC_DEFINITIONS, window, i - 1)
               if begin - 1 > sentence.start and texts[begin - 1] == ","]
    if defined:  # a definition, a comma after its opener or not: "free cash flow, that is, cash ... less capex,"
        return defined[-1], None
    for comma in range(i - 3, window - 1, -1):
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
        while j > sentence.start and (texts[j - 1].lower() in period_words() | fillers or is_year(texts[j - 1])):
            periods += texts[j - 1].lower() in period_words() or is_year(texts[j - 1])
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
    verb_end = _past_determiners_back(doc, found.start, sentence)  # "grew its parts volume by 5%"
    up, down = by_end(doc, lexicon.CHANGE_UP).get(verb_end), by_end(doc, lexicon.CHANGE_DOWN).get(verb_end)
    if up is None and down is None:
        return _impact_on(doc, found, sentence)
    return Measure(found.concept, found.words, found.start, found.end, "up" if up is not None else "down")


def _brought_to(doc: Doc, to: int, sentence: Span, names: Names) -> Measure | None:
    """Rule: '<verb> <determiner> <metric> to <amount>' ('increasing our CET1 ratio to 11.4%', 'bringing the
    total to $5 billion'): the level the metric was brought to; not a phrase without a determiner before it
    ('relative to 5%'), nor one a preposition opens ('a drag on your margin relative to 3%'), nor one that
    ends in a filler ('all the way to $600 million', 'the year-to-date number to $2 billion')."""
    found = phrase_ending(doc, to, sentence, names)
    texts = token_texts(doc)
    if found is None or found.start - 1 <= sentence.start:
        return None
    determiner, opener = texts[found.start - 1].lower(), texts[found.start - 2].lower()
    if determiner not in lexicon.words(lexicon.DETERMINERS) or opener in lexicon.words(lexicon.PREPOSITIONS) \
            or found.words.lower().split()[-1] in lexicon.words(lexicon.METRIC_FILLERS):
        return None
    return found


def _impact_on(doc: Doc, found: Measure, sentence: Span) -> Measure | None:
    """Rule: '<impact verb> <metric> by <amount>' ('charges negatively impacted earnings per share by $1.72',
    'weather helped our average ticket by 20 basis points'): the amount is an impact on the metric, signed by
    the adverb before the verb."""
    texts, j = token_texts(doc), _past_determiners_back(doc, found.start, sentence)
    verb = ending_at(doc, lexicon.IMPACT_VERBS, j, sentence.start)
    if verb is None:
        return None
    sign = ending_at(doc, lexicon.IMPACT_SIGNS, verb, sentence.start)
    label = lexicon.load().forms(lexicon.IMPACT_SIGNS)[texts[sign].lower()].label if sign is not None else None
    words = " ".join(filter(None, (label, "impact on", found.words)))
    return Measure(None, words, found.start, found.end)


def _past_determiners_back(doc: Doc, start: int, sentence: Span) -> int:
    """Where the determiners right before token `start` begin ('its', 'our the')."""
    texts, j = token_texts(doc), start
    while j > sentence.start and texts[j - 1].lower() in lexicon.words(lexicon.DETERMINERS):
        j -= 1
    return j


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
        elif texts[i - 1].lower() in lexicon.words(lexicon.AMOUNT_LEAD_INS) or texts[i - 1].lower() == "from" \
                and (ups.get(i - 1) or downs.get(i - 1)):
            i -= 1  # "from" after a change: "share decreased from 31% to 30%" (the amount is a level, not a change)
        else:
            break
    return i, changed


def is_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4
