"""Figures: amounts with the metric they measure, the entity they are about, their period and direction."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.extract.amounts import Amount, find_amounts
from kg.extract.context import Context
from kg.extract.nlp import sentence as sentence_of
from kg.extract.nlp import text as doc_text
from kg.extract.periods import PeriodMention, find_periods
from kg.extract.phrases import Hit, between, find
from kg.model import Figure, Period

CLAUSE_BREAKS = {",", ";", ":", ".", "!", "?", "(", ")", "\u2014", "\u201c", "\u201d", '"'}
METRIC_WINDOW_AFTER = 6


def find_figures(ctx: Context) -> list[Figure]:
    text = doc_text(ctx.doc)
    periods = find_periods(text, ctx.period, ctx.published)
    period_starts = [p.start for p in periods]
    figures = []
    for amount in find_amounts(text):
        sentence = ctx.sentence_of(amount.start)
        first, last = ctx.token_index(amount.start), ctx.token_index(amount.end - 1)
        metric = _metric_after(ctx, last, sentence) or _counted_metric(amount) or _metric_before(ctx, first, sentence)
        direction = _direction(ctx, first) or _direction_after(ctx, last, sentence)
        concept = metric.term.concept if isinstance(metric, Hit) else metric
        figures.append(Figure(
            start=amount.start, end=amount.end, text=ctx.document.text[amount.start:amount.end],
            value=amount.value, unit=amount.unit, minimum=amount.minimum, maximum=amount.maximum,
            metric=_change_metric(concept, amount.unit) if direction else concept,
            subject=_subject(ctx, first, metric if isinstance(metric, Hit) else None, sentence),
            period=_period(periods, period_starts, amount, sentence) or _reporting_period(ctx),
            direction=direction, bound=amount.bound,
            sentence=(sentence.start_char, sentence.end_char),
        ))
    return figures


def _metric_after(ctx: Context, last: int, sentence: Span) -> Hit | None:
    """Rule: a metric named within a few words after the amount ('$48.39 billion in fourth-quarter revenue'),
    before any comma, other number or conjunction ('... $2.8 billion and gross margin of 44%': the next item)."""
    doc = ctx.doc
    for hit in between(doc, lexicon.METRICS, last + 1, min(last + METRIC_WINDOW_AFTER + 1, sentence.end)):
        between_tokens = doc[last + 1:hit.start]
        if not any(t.text in CLAUSE_BREAKS or t.lower_ in lexicon.words(lexicon.CONJUNCTIONS)
                   or t.text[:1].isdigit() and not _is_period_word(t.text) for t in between_tokens):
            return hit
    return None


def _is_period_word(word: str) -> bool:
    return word.lower().startswith(("q", "fy")) or word.isdigit() and len(word) == 4


@lru_cache(maxsize=1)
def _metric_of_counted_noun() -> dict[str, str]:
    return {term.label: str(term.props["countsMetric"]) for term in lexicon.load().terms(lexicon.COUNTED_NOUNS)
            if term.props.get("countsMetric")}


def _counted_metric(amount: Amount) -> str | None:
    """Rule: a count's noun names its metric when the lexicon says so ('3.35 billion users' -> users)."""
    return _metric_of_counted_noun().get(amount.unit)


def _metric_before(ctx: Context, first: int, sentence: Span) -> Hit | None:
    """Rule: otherwise the nearest metric named earlier in the sentence ('total expenses are projected to reach
    between $114 billion and $119 billion', 'up 21%' after 'revenue')."""
    before = [hit for hit in between(ctx.doc, lexicon.METRICS, sentence.start, first) if hit.end <= first]
    return before[-1] if before else None


def _subject(ctx: Context, first: int, metric: Hit | None, sentence: Span) -> str | None:
    doc = ctx.doc
    # Rule: a possessive just before the amount or its metric ("Meta's 3.35 billion", "Meta's total expenses",
    # "the company's planned $60-65 billion").
    for anchor in filter(None, (first, metric.start if metric and metric.end <= first else None)):
        for j in range(anchor - 1, max(sentence.start, anchor - 5) - 1, -1):
            if doc[j].lower_ == "'s" and j > 0:
                owner = ctx.mention_at(doc[j - 1].idx)
                if owner is not None and owner.type != "Person":
                    return owner.entity
                break
            if doc[j].text in CLAUSE_BREAKS or doc[j].like_num or doc[j].lower_ in lexicon.words(lexicon.PREPOSITIONS):
                break
    # Rule: 'of <entity>' right after the metric ("shares of AI chip maker Nvidia tumbling 17%").
    if metric is not None and metric.end < len(doc) and doc[metric.end].lower_ == "of":
        for j in range(metric.end + 1, min(metric.end + 6, first)):
            owner = ctx.mention_at(doc[j].idx)
            if owner is not None and owner.type != "Person":
                return owner.entity
    clause = _clause_start(doc, first, sentence)
    # Rule: in a relative clause (", which ... 6 million"), the entity the clause hangs on.
    if doc[clause].lower_ in lexicon.words(lexicon.RELATIVE_PRONOUNS) and clause - 1 > sentence.start and doc[clause - 1].text == ",":
        for j in range(clause - 2, max(sentence.start, clause - 6) - 1, -1):
            owner = ctx.mention_at(doc[j].idx)
            if owner is not None and owner.type != "Person":
                return owner.entity
    # Rule: the clause's first organisation, model or product not governed by a preposition.
    for j in range(clause, first):
        owner = ctx.mention_at(doc[j].idx)
        if owner is not None and owner.type != "Person" and not (j > 0 and doc[j - 1].lower_ in lexicon.words(lexicon.PREPOSITIONS)):
            return owner.entity
    # Rule: otherwise what the turn's last topic shift named ("Moving next to our Cloud segment."), else the
    # organisation the document is about.
    return _topic(ctx, sentence) or ctx.focus


TOPIC_CUE_MAX_START = 2  # tokens before the cue: "And now turning to ...", "So, moving to ..."


def _topic(ctx: Context, sentence: Span) -> str | None:
    """Rule: in a transcript turn, the organisation or product named by the last sentence up to this one that
    opens with a topic shift ('Turning to our Cloud segment.'), while the sentences since name nothing else;
    a shift naming none means the company again."""
    turn = ctx.turn_at(sentence.start_char)
    if turn is None:
        return None
    shifts = _topic_shifts(ctx)
    k = bisect_right([start for start, _ in shifts], max(sentence.start_char, turn[0])) - 1
    if k < 0 or shifts[k][0] < turn[0] or shifts[k][1] is None:
        return None
    start, topic = shifts[k]
    since = ctx.mentions_between(ctx.sentence_of(start).end_char, sentence.start_char)
    return topic if all(m.type == "Person" or m.entity == topic for m in since) else None


def _topic_shifts(ctx: Context) -> list[tuple[int, str | None]]:
    """(sentence start, entity or None) of each sentence that opens with a topic cue, in text order."""
    cached = ctx.doc.user_data.get("kg_topic_shifts")
    if cached is None:
        cached = []
        for hit in find(ctx.doc, lexicon.TOPIC_CUES):
            sentence = sentence_of(ctx.doc, hit.start)
            # a sentence that runs on from a speaker label starts where the turn does
            turn_start = ctx.turn_start_inside(sentence.start_char, sentence.end_char)
            first = sentence.start if turn_start is None else max(sentence.start, ctx.token_index(turn_start))
            if not 0 <= hit.start - first <= TOPIC_CUE_MAX_START or any(t.is_alpha and ctx.mention_at(t.idx)
                                                                       for t in ctx.doc[first:hit.start]):
                continue
            named = [m for m in ctx.mentions_between(ctx.doc[hit.end].idx if hit.end < len(ctx.doc) else
                                                     sentence.end_char, sentence.end_char) if m.type != "Person"]
            cached.append((ctx.doc[first].idx, named[0].entity if named else None))
        ctx.doc.user_data["kg_topic_shifts"] = cached = sorted(dict(cached).items())
    return cached


def _clause_start(doc, first: int, sentence: Span) -> int:
    """Token index where the clause holding the amount starts: after 'that'/'which' or the sentence start."""
    for j in range(first - 1, sentence.start - 1, -1):
        if doc[j].lower_ in lexicon.words(lexicon.RELATIVE_PRONOUNS) or doc[j].text == ";":
            return j
    return sentence.start


def _period(periods: list[PeriodMention], starts: list[int], amount: Amount, sentence: Span) -> Period | None:
    """Rule: the period written right after the amount in its sentence ('... in 2025'), before the next
    amount; otherwise the nearest one before it in the sentence ('fourth-quarter revenue, up 21%')."""
    in_sentence = periods[bisect_left(starts, sentence.start_char):bisect_left(starts, sentence.end_char)]
    in_sentence = [p for p in in_sentence if p.end <= sentence.end_char and not (amount.start <= p.start < amount.end)]
    after = [p for p in in_sentence if p.start >= amount.end and p.start - amount.end <= 40]
    if after:
        return after[0].period
    before = [p for p in in_sentence if p.end <= amount.start]
    return before[-1].period if before else None


def _reporting_period(ctx: Context) -> Period | None:
    """Rule: in a transcript, a figure with no period of its own is about the quarter the call reports."""
    return ctx.period if ctx.document.kind == "transcript" else None


CHANGE_UNITS = ("percent", "points", "basis points")


@lru_cache(maxsize=1)
def _changes() -> dict[str, str]:
    """Each metric that has a change metric (kg:changeOf in the scheme), mapped to it."""
    return {str(term.props["changeOf"]): term.concept for term in lexicon.load().terms(lexicon.METRICS)
            if term.props.get("changeOf")}


def _change_metric(metric: str | None, unit: str) -> str | None:
    """Rule: a change in percent or points of a metric that has a change metric measures that one ('revenue,
    up 12%' -> revenue growth, 'operating margin, up 190 basis points' -> operating margin change)."""
    return _changes().get(metric, metric) if metric and unit in CHANGE_UNITS else metric


def _direction_after(ctx: Context, last: int, sentence: Span) -> str | None:
    """Rule: a change noun right after the amount ('a 12% increase', '5% growth', '3% decline')."""
    hits = between(ctx.doc, lexicon.CHANGE_NOUNS, last + 1, last + 2) if last + 1 < sentence.end else []
    return str(hits[0].term.props["value"]) if hits else None


def _direction(ctx: Context, first: int) -> str | None:
    """Rule: a change word up to three words before the amount ('up 21%', 'tumbling 17%'), unless the amount is
    the base of the change ('up from $95 billion')."""
    doc = ctx.doc
    if first > 0 and doc[first - 1].lower_ == "from":
        return None
    for scheme, direction in ((lexicon.CHANGE_UP, "up"), (lexicon.CHANGE_DOWN, "down")):
        for hit in between(doc, scheme, max(0, first - 6), first):
            if first - 3 <= hit.end <= first:
                gap = doc[hit.end:first]
                if all(t.lower_ in ("by", "about", "nearly", "almost", "roughly", "some") for t in gap):
                    return direction
    return None
