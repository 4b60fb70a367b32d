"""The words a figure's metric is listed under beyond its phrase: the change it states, the qualifiers after
the amount ('year over year', 'per share') and a distance from another figure ('above the high end of our
guidance range')."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.metric_phrases import PHRASE_MAX, Measure, is_break, opens_sentence, phrase_words, stop_words
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, spans_in

QUALIFIER_WINDOW = 8  # tokens after an amount where what qualifies its measure may stand
PER_SHARE_QUALIFIER = str(lexicon.LEX["per-share"])  # the qualifier "per share", "per diluted share", ...
GENERIC_MARGIN = str(lexicon.METRIC["margin"])  # the margin of no profit named ("margin", "profit margin")
EXCLUSION_WORDS_MAX = 8  # "excluding the prior year's FDIC special assessment"
THRESHOLD_WINDOW = 6  # tokens from a noun of things counted to the threshold amount: "customers with an ARR of"


def qualifiers(doc: Doc, last: int, sentence: Span) -> list[str]:
    """Rule: words right after the amount that are part of what it measures ('up 8% year over year', '15% in
    constant currency', '$0.26 per share'), before the next amount or break."""
    spans = spans_in(doc, lexicon.METRIC_QUALIFIERS, last + 1, _window_end(doc, last, sentence))
    return [phrase_words(doc, begin, stop) for begin, stop in spans]


def _window_end(doc: Doc, last: int, sentence: Span) -> int:
    """Where the words that may qualify an amount end: at the next amount or break, QUALIFIER_WINDOW at most."""
    texts = token_texts(doc)
    end = min(sentence.end, last + 1 + QUALIFIER_WINDOW)
    return next((j for j in range(last + 1, end) if texts[j][:1].isdigit() or texts[j] in (";", ":", "$")), end)


def distance(doc: Doc, last: int, sentence: Span) -> str | None:
    """Rule: an amount right before 'above', 'below', 'ahead of' ... measures its distance from what follows
    ('$1.7 billion above the high end of our guidance range'): those words, to the next break."""
    hits = [(b, e) for b, e in spans_in(doc, lexicon.METRIC_DISTANCES, last + 1, min(sentence.end, last + 8))
            if b == last + 1]
    if not hits:
        return None
    texts = token_texts(doc)
    begin, end = hits[0]
    limit = min(sentence.end, end + PHRASE_MAX + 2)
    while end < limit and not is_break(doc, end) and not texts[end][:1].isdigit():
        end += 1
    return phrase_words(doc, begin, end)


def exclusion(doc: Doc, last: int, sentence: Span) -> str | None:
    """Rule: what a figure leaves out, said right after it ('up 3%, excluding equity investments') or by a
    clause that opens its sentence ('Excluding those items, net income was $54 billion'): 'excluding' and the
    words after it, to the clause's end; none for an amount inside that clause (it is what is left out)."""
    texts = token_texts(doc)
    window = min(sentence.end, last + 1 + QUALIFIER_WINDOW)
    qualifying = {k for b, e in spans_in(doc, lexicon.METRIC_QUALIFIERS, last + 1, window) for k in range(b, e)}
    after = [b for b, _ in spans_in(doc, lexicon.METRIC_EXCLUSIONS, last + 1, window)
             if b not in qualifying and all(texts[k] in (",", "and") or k in qualifying for k in range(last + 1, b))]
    opening = [b for b, _ in spans_in(doc, lexicon.METRIC_EXCLUSIONS, sentence.start, min(last, sentence.start + 6))
               if opens_sentence(doc, b)]
    begin = after[0] if after else opening[0] if opening else None
    if begin is None:
        return None
    end = begin + 1
    while end < sentence.end and not is_break(doc, end):
        end += 1
    if begin < last < end:
        return None
    end = min(end, begin + EXCLUSION_WORDS_MAX)
    while end > begin + 1 and texts[end - 1].lower() in stop_words():
        end -= 1  # "excluding net sales in the (...)": cut words end on a word of their own
    return phrase_words(doc, begin, end)


def target(doc: Doc, first: int, last: int, found: Measure, sentence: Span) -> str | None:
    """Rule: an amount said as what a company aims at, by a target noun right after it or after its metric's
    words that follow it ('our 15% operating margin target', 'a $2 billion goal'), or before it with 'of', past
    a verb in -ing ('a net sales target of approximately $7 billion', 'our goal of reaching 45%'): that noun
    (lexicon target-nouns), none otherwise."""
    texts = token_texts(doc)
    nouns = lexicon.words(lexicon.TARGET_NOUNS)
    after = _after_words(found, last) or last + 1
    if after < sentence.end and texts[after].lower() in nouns:
        return texts[after].lower()
    j = first - 1
    while j > sentence.start and texts[j].lower() in lexicon.words(lexicon.AMOUNT_LEAD_INS):
        j -= 1
    if j > sentence.start and texts[j].lower().endswith("ing") and texts[j - 1].lower() == "of":
        j -= 1
    before = texts[j - 1].lower() if j - 1 >= sentence.start else ""
    return before if texts[j].lower() == "of" and before in nouns else None


def other_amount(doc: Doc, last: int, found: Measure, sentence: Span) -> str | None:
    """Rule: a noun of another amount right after the metric's words that follow the amount ('$1.2 billion in
    revenue opportunity', '$200 million of revenue synergies'; lexicon other-amount-nouns) is part of what it
    measures: that noun, none otherwise."""
    after = _after_words(found, last)
    if after is None or after >= sentence.end:
        return None
    word = token_texts(doc)[after].lower()
    return word if word in lexicon.words(lexicon.OTHER_AMOUNT_NOUNS) else None


def inherited_basis(words: str | None, concept: str | None, inherited: Measure | None) -> str | None:
    """Rule: an amount per share named with no basis in a sentence whose figure before it was said on one
    ('Adjusted net income was $599 million, generating an EPS of $7.89': adjusted EPS; lexicon metric-bases)
    is said on that basis: its words with the basis word first, else its words unchanged."""
    per_share_metrics = lexicon.metrics_by_link("perShareOf").values()
    if not words or concept not in per_share_metrics or inherited is None or not inherited.words:
        return words
    bases = lexicon.words(lexicon.METRIC_BASES)
    if any(word in bases for word in words.lower().split()):
        return words
    first = inherited.words.split()[0]
    return f"{first} {words}" if first.lower() in bases else words


def _after_words(found: Measure, last: int) -> int | None:
    """The token right after the metric's words where they follow the amount ending at token `last`, else None."""
    return found.end if found.start > last and found.end > found.start else None


def threshold(doc: Doc, first: int, last: int, sentence: Span, bound: str | None) -> str | None:
    """Rule: an amount with a lower bound, before it or right after it ('or more'), a few words after a noun of
    things counted and a word that opens what qualifies them, in one clause ('customers with an ARR of $100,000
    or more', 'clients who did over $100 million of bookings'; lexicon threshold-nouns, threshold-links) is a
    threshold that says which are counted: the word 'threshold', none otherwise."""
    after = [hit for hit in between(doc, lexicon.BOUND_WORDS, last + 1, last + 2) if hit.term.label == "at least"]
    if bound != "at least" and not after:
        return None
    texts = token_texts(doc)
    for j in range(first - 2, max(sentence.start, first - THRESHOLD_WINDOW) - 1, -1):
        if is_break(doc, j):
            return None
        if texts[j].lower() in lexicon.words(lexicon.THRESHOLD_NOUNS) \
                and texts[j + 1].lower() in lexicon.words(lexicon.THRESHOLD_LINKS):
            return "threshold"
    return None


def per_share(doc: Doc, last: int, sentence: Span, concept: str | None) -> str | None:
    """Rule: an amount of a metric said per share, the qualifier right after it ('net income of $393 million, or
    $3.15 per diluted share'), measures the per-share metric of it (kg:perShareOf: earnings per share), where the
    scheme has one."""
    per_share_of = lexicon.metrics_by_link("perShareOf")
    if concept not in per_share_of:
        return concept
    hits = between(doc, lexicon.METRIC_QUALIFIERS, last + 1, min(last + 2, _window_end(doc, last, sentence)))
    return per_share_of[concept] if any(h.term.concept == PER_SHARE_QUALIFIER for h in hits) else concept


def margin_of(concept: str | None, words: str | None, inherited: Measure | None) -> tuple[str | None, str | None]:
    """Rule: a margin that names no profit ('margin', 'margins'), said after an amount of a profit in its
    sentence ('adjusted EBITDA of $1.6 billion, with margin of 10.1%', 'free cash flow of $1.4 billion, a 23%
    margin'), is that profit's margin (kg:marginOf): its concept, and its words the profit's with 'margin'."""
    margins = lexicon.metrics_by_link("marginOf")
    if concept != GENERIC_MARGIN or not words or words.lower() not in _generic_margin_words() or inherited is None \
            or not inherited.words or inherited.concept not in margins:
        return concept, words
    return margins[inherited.concept], f"{inherited.words} {words}"


@lru_cache(maxsize=1)
def _generic_margin_words() -> frozenset[str]:
    """The words of the margin that names no profit: 'margin', 'margins' (not 'net margin')."""
    return frozenset(form for form in next(term.forms for term in lexicon.load().terms(lexicon.METRICS)
                                           if term.concept == GENERIC_MARGIN) if form.rstrip("s") == "margin")


def change_word(direction: str | None, unit: str) -> str | None:
    """How a change is named after its metric: 'growth' or 'decline' in percent, 'increase' or 'decrease' in
    an amount."""
    if direction is None:
        return None
    if unit in ("percent",):
        return "growth" if direction == "up" else "decline"
    return "increase" if direction == "up" else "decrease"


def words_of(core: str | None, change: str | None, extra: list[str]) -> str | None:
    """The metric in words: its phrase, the change it states unless the phrase names one, and its qualifiers.
    Rule: with no phrase, the change and the qualifiers say what is measured ('with 19% year-over-year growth':
    growth year-over-year); None when there are neither."""
    parts = [core] if core else []
    named = lexicon.words(lexicon.CHANGE_NOUNS) | lexicon.words(lexicon.CHANGE_NAMES)
    if change and not any(w in (core or "").split() for w in named):
        parts.append(change)
    if not parts:
        return None
    parts += [q for q in extra if q.lower() not in " ".join(parts).lower()]
    return " ".join(parts)

