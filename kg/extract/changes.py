"""Which way a figure's amount changed its metric, if it states a change: the change words before or after it
('up 21%', 'a 12% increase'), or none where it is a level ('from 31% to 30%', 'up 12% to $5 billion')."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.metric_phrases import amount_words
from kg.extract.phrases import between

CHANGE_UNITS = ("percent", "points", "basis points")
BY_GAP = 6  # tokens from a change verb to the amount after "by" ('grew in Greater China by 4%')
LEVEL_GAP = 5  # tokens between a change's amount and the 'to' of the level it reached ('at the midpoint')


def direction(doc: Doc, first: int, last: int, sentence: Span, said: str | None) -> str | None:
    """'up' or 'down' for the amount on tokens [first, last], or None: said before it, else after it, else by
    its metric's phrase (`said`: 'increased commercial paper by $4 billion'), not to an amount after 'to'."""
    if _level_reached(doc, first):
        return None
    own = _direction_before(doc, first) or _direction_after(doc, last, sentence)
    # an amount after 'to' reaches a level: the change its metric's phrase says is another amount's ('grew it by
    # 150 basis points, up to 16.4%'); not the bound of a change ('lowered it by up to 85%')
    reached = first > 0 and doc[first - 1].lower_ == "to" \
        and not (first > 2 and doc[first - 2].lower_ == "up" and doc[first - 3].lower_ == "by")
    return own or (None if reached else said)


def change_metric(metric: str | None, unit: str) -> str | None:
    """Rule: a change in percent or points of a metric that has a change metric measures that one ('revenue,
    up 12%' -> revenue growth, 'operating margin, up 190 basis points' -> operating margin change)."""
    return lexicon.metrics_by_link("changeOf").get(metric, metric) if metric and unit in CHANGE_UNITS else metric


def _level_reached(doc: Doc, first: int) -> bool:
    """Rule: an amount after 'to' that follows another amount in its clause is the level a change reached, not a
    change ('up 12% to $5 billion', 'from 31% to 30%', 'by 70 basis points at the midpoint to 29.6%')."""
    if first < 2 or doc[first - 1].lower_ != "to":
        return False
    for j in range(first - 2, max(-1, first - 2 - LEVEL_GAP), -1):
        if doc[j].text in (";", ".", "?", "!") or doc[j].lower_ in lexicon.words(lexicon.CONJUNCTIONS):
            return False
        if doc[j].text[:1].isdigit() or doc[j].text == "%" or doc[j].lower_ in _amount_ends():
            return True
    return False


@lru_cache(maxsize=1)
def _amount_ends() -> frozenset[str]:
    """Words that end an amount ('billion', 'points', 'percent')."""
    return amount_words() | lexicon.words(lexicon.COUNTED_NOUNS)


def _direction_after(doc: Doc, last: int, sentence: Span) -> str | None:
    """Rule: a change noun right after the amount ('a 12% increase', '5% growth', '3% decline')."""
    hits = between(doc, lexicon.CHANGE_NOUNS, last + 1, last + 2) if last + 1 < sentence.end else []
    return str(hits[0].term.props["value"]) if hits else None


def _direction_before(doc: Doc, first: int) -> str | None:
    """Rule: a change word up to three words before the amount ('up 21%', 'tumbling 17%'), or a few before 'by'
    and the amount in its clause ('grew in Japan by 4%'), unless the amount is the base of the change ('up from
    $95 billion')."""
    gaps = lexicon.words(lexicon.CHANGE_AMOUNT_GAPS)
    if first > 0 and doc[first - 1].lower_ == "from":
        return None
    hits = [(hit, way) for scheme, way in ((lexicon.CHANGE_UP, "up"), (lexicon.CHANGE_DOWN, "down"))
            for hit in between(doc, scheme, max(0, first - BY_GAP - 1), first)]
    for hit, way in hits:
        if first - 3 <= hit.end <= first and all(t.lower_ in gaps for t in doc[hit.end:first]):
            return way
    # "we did grow in Greater China by 4%": the nearest change verb, what changed or where, "by" and the amount
    nearest = max(hits, key=lambda pair: pair[0].end, default=None)
    if first > 0 and doc[first - 1].lower_ == "by" and nearest is not None \
            and not any(t.is_punct for t in doc[nearest[0].end:first]):
        return nearest[1]
    return None
