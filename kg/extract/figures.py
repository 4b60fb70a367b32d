"""Figures: amounts with the metric they measure, the entity they are about, their period and direction."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.extract import measures, metric_phrases, metric_words
from kg.extract.amounts import Amount, find_amounts
from kg.extract.context import Context
from kg.extract.metric_phrases import Measure
from kg.extract.nlp import sentence as sentence_of
from kg.extract.nlp import text as doc_text
from kg.extract.nlp import token_starts
from kg.extract.nlp import words as token_texts
from kg.extract.periods import PeriodMention, comparison_word, find_periods, last_year, possessive
from kg.extract.phrases import between, by_end, find
from kg.model import Figure, Period

CLAUSE_BREAKS = metric_phrases.CLAUSE_BREAKS
PERIOD_AFTER_CHARS = 40  # how far after an amount its period may be written ("... in the fourth quarter")


def find_figures(ctx: Context) -> list[Figure]:
    text = doc_text(ctx.doc)
    periods, period_starts = document_periods(ctx)
    amounts = document_amounts(ctx)
    figures = []
    previous: tuple[Span, Measure] | None = None
    for k, amount in enumerate(amounts):
        sentence = ctx.sentence_of(amount.start)
        first, last = ctx.token_index(amount.start), ctx.token_index(amount.end - 1)
        inherited = previous[1] if previous and previous[0].start == sentence.start else None
        # Rule: the base of a comparison measures what the figure it is compared with measures ("6 million in
        # training costs, far below the 100 million-plus price tag")
        base = inherited is not None and inherited.words and _comparison_base_before(ctx, first)
        found = inherited if base else measures.measure(ctx.doc, first, last, sentence, amount.unit, inherited,
                                                         _names(ctx))
        direction = _direction(ctx, first) or _direction_after(ctx, last, sentence) or found.direction
        previous = (sentence, replace(found, direction=direction))
        # Rule: an amount 'above' or 'ahead of' something measures its distance from the figure the sentence
        # gave before it ('operating income was $19.2 billion, $1.7 billion above the high end of our guidance');
        # the sentence's first figure is its metric's ('revenue was $46.7 billion, ahead of expectations')
        distance = metric_words.distance(ctx.doc, last, sentence) if inherited is not None else None
        concept = None if distance else _change_metric(found.concept, amount.unit) if direction else \
            metric_words.per_share(ctx.doc, last, sentence, found.concept)
        words = metric_words.words_of(found.words, metric_words.change_word(direction, amount.unit),
                                  metric_words.qualifiers(ctx.doc, last, sentence)
                                  + [w for w in (distance, metric_words.exclusion(ctx.doc, last, sentence)) if w])
        # a period after the next amount is that amount's when it is the base of a comparison ("31.3%, down
        # from 37.1% in the first quarter of 2024"), else it may be this one's too ("... and 44% in 2026")
        next_start = amounts[k + 1].start if k + 1 < len(amounts) and _comparison_base().search(
            text, max(0, amounts[k + 1].start - 60), amounts[k + 1].start) else len(text)
        figures.append(Figure(
            start=amount.start, end=amount.end, text=ctx.document.text[amount.start:amount.end],
            value=amount.value, unit=amount.unit, minimum=amount.minimum, maximum=amount.maximum,
            metric=concept, metric_text=_beyond_label(words, concept),
            subject=_subject(ctx, first, found, sentence),
            period=(_period(periods, period_starts, amount, next_start, sentence, ctx.period,
                            amounts[k + 1].start if k + 1 < len(amounts) else len(text))
                    or (None if _since(periods, period_starts, amount, sentence) else
                        _outlook_period(ctx, periods, period_starts, first, last, sentence) or _reporting_period(ctx))),
            direction=direction, bound=amount.bound,
            sentence=(sentence.start_char, sentence.end_char),
        ))
    return figures


def _comparison_base_before(ctx: Context, first: int) -> bool:
    """A comparison word ends right before the amount, past an article or a bound ('up from $38 million',
    'far below the 100 million')."""
    bases, bounds = by_end(ctx.doc, lexicon.COMPARISON_BASES), by_end(ctx.doc, lexicon.BOUND_WORDS)
    texts = token_texts(ctx.doc)
    j = first
    while j not in bases:
        if j > 0 and texts[j - 1].lower() in lexicon.words(lexicon.DETERMINERS):
            j -= 1
        elif j in bounds:
            j = bounds[j].start
        else:
            return False
    return True


def _names(ctx: Context) -> metric_phrases.Names:
    """The token span of the name covering a token, and whether it is a person's (for the metric's phrase)."""
    def name_at(j: int) -> tuple[int, int, bool] | None:
        m = ctx.mention_at(ctx.doc[j].idx)
        return None if m is None else (ctx.token_index(m.start), ctx.token_index(m.end - 1) + 1, m.type == "Person")
    return name_at


def _beyond_label(words: str | None, concept: str | None) -> str | None:
    """The metric's words where they say more than its concept's label ('net sales', 'open market repurchases',
    'revenue growth year over year'); none where they are that label."""
    if not words or concept is not None and words.lower() == _label(concept).lower():
        return None
    return words


@lru_cache(maxsize=None)
def _label(concept: str) -> str:
    return lexicon.load().label(concept) or ""


# ---------------------------------------------------------------------------------------------- subjects

def _subject(ctx: Context, first: int, found: Measure, sentence: Span) -> str | None:
    texts, starts = token_texts(ctx.doc), token_starts(ctx.doc)
    named = found.start < found.end

    def owner_at(j: int, kinds=("Organization", "Product", "AIModel", "Place")) -> str | None:
        mention = ctx.mention_at(starts[j])
        return mention.entity if mention is not None and mention.type in kinds else None

    # Rule: a possessive just before the amount or its metric ("Meta's 3.35 billion", "Meta's total expenses",
    # "the company's planned $60-65 billion").
    for anchor in filter(None, (first, found.start if named and found.end <= first else None)):
        for j in range(anchor - 1, max(sentence.start, anchor - 5) - 1, -1):
            if texts[j].lower() == "'s" and j > 0:
                owner = owner_at(j - 1)
                if owner is not None:
                    return owner
                break
            if texts[j] in CLAUSE_BREAKS or texts[j][:1].isdigit() or texts[j].lower() in lexicon.words(lexicon.PREPOSITIONS):
                break
    # Rule: an organisation, product or place named in the metric's own words ('iPad revenue', 'Products gross
    # margin', 'AWS backlog').
    if named:
        owners = [m for m in ctx.mentions_between(starts[found.start], starts[found.end - 1] + 1) if m.type != "Person"]
        if owners:
            return owners[-1].entity
    # Rule: 'of', 'for' or 'on <entity>' right after the metric ("shares of AI chip maker Nvidia tumbling 17%",
    # "the cost per mile on robotaxis").
    owner_links = lexicon.words(lexicon.METRIC_OWNER_PREPOSITIONS)
    if named and found.end < len(texts) and texts[found.end].lower() in owner_links:
        for j in range(found.end + 1, min(found.end + 6, first)):
            if owner_at(j):
                return owner_at(j)
    clause = _clause_start(ctx.doc, first, sentence)
    turn_start = ctx.turn_start_inside(sentence.start_char, starts[first])
    if turn_start is not None:  # a sentence that runs on from a speaker label starts where the turn does
        clause = max(clause, ctx.token_index(turn_start))
    # Rule: in a relative clause (", which ... 6 million"), the entity the clause hangs on.
    if texts[clause].lower() in lexicon.words(lexicon.RELATIVE_PRONOUNS) and clause - 1 > sentence.start \
            and texts[clause - 1] == ",":
        for j in range(clause - 2, max(sentence.start, clause - 6) - 1, -1):
            if owner_at(j):
                return owner_at(j)
    # Rule: the clause's first organisation, model or product not governed by a preposition ('Nestle migrated
    # 10,000 servers'; not 'in the U.S.', 'as measured by 451 Research').
    for mention in ctx.mentions_between(starts[clause], starts[first]):
        if mention.type != "Person" and not _after_preposition(ctx, ctx.token_index(mention.start), clause):
            return mention.entity
    # Rule: a share's subject is the product or organisation its clause names after it ('90% of the Fortune 100
    # use Copilot': Copilot).
    if found.words and found.words.startswith("share of "):
        for j in range(found.end, min(found.end + 10, sentence.end)):
            if metric_phrases.is_break(ctx.doc, j):
                break
            if owner_at(j, ("Product", "AIModel", "Organization")):
                return owner_at(j, ("Product", "AIModel", "Organization"))
    if _unnamed_segment(ctx, first, found, sentence):
        return None
    # Rule: otherwise what the turn's last topic shift named ("Moving next to our Cloud segment."; none for a part
    # named by no name the graph holds), else the organisation the document is about.
    topic = _topic(ctx, sentence)
    return ctx.focus if topic is None else topic or None


def _unnamed_segment(ctx: Context, first: int, found: Measure, sentence: Span) -> bool:
    """Rule: a segment the sentence names before the amount, by no name the graph holds ('In our healthcare
    segment, we expect operating income of $2 billion', 'The refining segment reported $1.7 billion'), has the
    figure: it is no figure of the company, and its subject is not known. A segment noun of the metric's own
    words ('segment operating margin', 'total segment profit') names none."""
    return any(not (found.start <= hit.start < found.end or hit.end == found.start)
               for hit in between(ctx.doc, lexicon.SEGMENT_NOUNS, sentence.start, first)) \
        or _named_part_before(ctx, first, found, sentence)


def _named_part_before(ctx: Context, first: int, found: Measure, sentence: Span) -> bool:
    """Rule: a part noun after a word of the part's name ('our beer business', 'the aerospace businesses'),
    before the amount and outside the metric's words, names a part of the company that has the figure ('we
    expect our beer business to deliver an operating margin of approximately 39%'); not after a determiner, a
    stop word, a modifier or a word of the whole ('our business', 'the total business', 'our entire
    business')."""
    texts, nouns = token_texts(ctx.doc), lexicon.words(lexicon.NAMED_PART_NOUNS)
    for j in range(sentence.start + 1, first):
        if texts[j].lower() in nouns and not found.start <= j < found.end:
            word = texts[j - 1]
            if word.isalpha() and word.islower() and word not in _not_part_names():
                return True
    return False


@lru_cache(maxsize=1)
def _not_part_names() -> frozenset[str]:
    """Words before a part noun that name no part: determiners, stop words, modifiers, words of the whole."""
    return lexicon.words(lexicon.DETERMINERS) | metric_phrases.stop_words() | lexicon.words(lexicon.METRIC_MODIFIERS) \
        | lexicon.words(lexicon.WHOLE_WORDS)


def _after_preposition(ctx: Context, j: int, clause: int) -> bool:
    """Token j follows a preposition, perhaps past a determiner ('in the U.S.', 'by 451 Research'), other than
    one opening the clause with what it is about ('In the Orbital segment, revenue was ...')."""
    texts = token_texts(ctx.doc)
    k = j - 1
    while k >= clause and texts[k].lower() in lexicon.words(lexicon.DETERMINERS):
        k -= 1
    if k < clause or texts[k].lower() not in lexicon.words(lexicon.PREPOSITIONS):
        return False
    opens = k == clause or k == clause + 1 and texts[clause].lower() in lexicon.words(lexicon.CONJUNCTIONS)
    return not (opens and "," in texts[j:j + 6])


TOPIC_CUE_MAX_START = 2  # tokens before the cue: "And now turning to ...", "So, moving to ..."


def _topic(ctx: Context, sentence: Span) -> str | None:
    """Rule: in a transcript turn, the organisation or product named by the last sentence up to this one that
    opens with a topic shift ('Turning to our Cloud segment.'), while the sentences since name nothing else
    ("" for a part named by no name the graph holds: `_shift_to_unnamed_part`); a shift naming none means the
    company again."""
    turn = ctx.turn_at(sentence.start_char)
    if turn is None:
        return None
    shifts = _topic_shifts(ctx)
    k = bisect_right([start for start, _ in shifts], max(sentence.start_char, turn[0])) - 1
    if k < 0 or shifts[k][0] < turn[0] or shifts[k][1] is None:
        return None
    start, topic = shifts[k]
    shift = ctx.sentence_of(start)
    if topic == "" and between(ctx.doc, lexicon.SEGMENT_NOUNS, shift.end, sentence.start):
        return None  # another segment named since ('Our ethanol segment ...'): the part's turn is over
    since = ctx.mentions_between(shift.end_char, sentence.start_char)
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
            cached.append((ctx.doc[first].idx, named[0].entity if named else
                           "" if _shift_to_unnamed_part(ctx, hit.end, sentence) else None))
        cached += _reporting_parts(ctx)
        ctx.doc.user_data["kg_topic_shifts"] = cached = sorted(dict(cached).items())
    return cached


def _shift_to_unnamed_part(ctx: Context, after: int, sentence: Span) -> bool:
    """Rule: a topic shift to a segment or a named part by no name the graph holds, its noun ending the phrase
    ('Moving on to the natural gas segment.', 'Turning to our partner business,'; not 'Moving to segment
    margin'), moves the turn's figures after it to that part: they are no figures of the company ('Revenue was
    $2 billion.' after it is the part's), until a sentence names another segment (`_topic`)."""
    texts, nouns = token_texts(ctx.doc), lexicon.words(lexicon.NAMED_PART_NOUNS)
    ends_phrase = lambda j: j >= sentence.end or not texts[j][:1].isalnum()  # noqa: E731
    return any(ends_phrase(hit.end) for hit in between(ctx.doc, lexicon.SEGMENT_NOUNS, after, sentence.end)) or any(
        texts[j].lower() in nouns and texts[j - 1].isalpha() and texts[j - 1].islower()
        and texts[j - 1] not in _not_part_names() and ends_phrase(j + 1) for j in range(after + 1, sentence.end))


def _reporting_parts(ctx: Context) -> list[tuple[int, str]]:
    """Rule: in a transcript turn, a sentence that opens with an organisation other than the document's own and a
    verb of results ('Harbor reported net income of $1.5 billion.', lexicon results-verbs) shifts the topic to
    it, as a topic cue does."""
    verbs = lexicon.words(lexicon.RESULTS_VERBS)
    shifts = []
    for mention in ctx.mentions:
        if mention.type != "Organization" or mention.entity == ctx.focus or ctx.turn_at(mention.start) is None:
            continue
        first, last = ctx.token_index(mention.start), ctx.token_index(mention.end - 1)
        sentence = sentence_of(ctx.doc, first)
        opens = first == sentence.start or ctx.turn_start_inside(sentence.start_char, mention.start + 1) == \
            mention.start  # a sentence that runs on from a speaker label starts where the turn does
        if opens and last + 1 < len(ctx.doc) and ctx.doc[last + 1].lower_ in verbs:
            shifts.append((mention.start, mention.entity))
    return shifts


def _clause_start(doc, first: int, sentence: Span) -> int:
    """Token index where the clause holding the amount starts: after 'that'/'which' or the sentence start."""
    texts, relatives = token_texts(doc), lexicon.words(lexicon.RELATIVE_PRONOUNS)
    for j in range(first - 1, sentence.start - 1, -1):
        if texts[j] == ";" or texts[j].lower() in relatives:
            return j
    return sentence.start


# ----------------------------------------------------------------------------------------------- periods

@lru_cache(maxsize=1)
def _comparison_base() -> re.Pattern:
    """Words before a period that make it the base of a comparison ('compared to fiscal 2024', 'versus the
    same quarter last year')."""
    forms = sorted(lexicon.words(lexicon.COMPARISON_BASES) | lexicon.words(lexicon.PERIOD_COMPARISON_BASES),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\s+(?:[\w-]+\s+){0,4}$", re.I)


def _period(periods: list[PeriodMention], starts: list[int], amount: Amount, next_start: int,
            sentence: Span, reported: Period | None = None, following: int | None = None) -> Period | None:
    """Rule: the period written right after the amount in its sentence ('... in 2025'), before the next amount
    and not as the base of a comparison ('compared to fiscal 2024'); otherwise the nearest one before it in
    the sentence ('fourth-quarter revenue, up 21%'), which it is also when the one after follows the next
    amount (`following`: 'the tax rate for the fourth quarter was 10.5% and 11.9% for the full year')."""
    in_sentence = periods[bisect_left(starts, sentence.start_char):bisect_left(starts, sentence.end_char)]
    in_sentence = [p for p in in_sentence if p.end <= sentence.end_char and not (amount.start <= p.start < amount.end)]
    text = sentence.doc.user_data["kg_text"]
    after = [p for p in in_sentence if amount.end <= p.start < next_start and p.start - amount.end <= PERIOD_AFTER_CHARS
             and not _comparison_base().search(text, max(0, p.start - 60), p.start) and not _span_start(text, p)]
    # (a period said in the possessive is the figure's own, even after a comparison's word: 'compared to last
    # year's rate of 16.9%'; not in another clause: `possessive`)
    before = [p for p in in_sentence if p.end <= amount.start and not _span_start(text, p)
              and possessive(text, p, amount.start) is not False and (
        possessive(text, p, amount.start) or not _comparison_base().search(text, max(0, p.start - 60), p.start))]
    said_before = text[sentence.start_char:amount.start]
    if after and before and following is not None and after[0].start > following:
        return before[-1].period
    if after:
        return _of_a_named_quarter(after[0], [p for p in in_sentence if p.end <= amount.start], reported) \
            or _a_year_ago(after[0], in_sentence, said_before, reported) or after[0].period
    if before and possessive(text, before[-1], amount.start):  # 'was 17%, compared to last year's 16.9%'
        return _of_a_named_quarter(before[-1], before[:-1], reported) \
            or _a_year_ago(before[-1], in_sentence, said_before, reported) or before[-1].period
    return (_a_year_ago(before[-1], in_sentence, said_before, reported) or before[-1].period) if before else None


def _a_year_ago(year: PeriodMention, in_sentence: list[PeriodMention], said_before: str,
                reported: Period | None) -> Period | None:
    """Rule: in a call that reports a quarter, 'last year' or 'the prior year' said of a figure compared with
    another (a comparison's word before the figure in its sentence), where the sentence names no other period,
    is the reported quarter a year before ('our operating margin contracted to 3.1% from 17% last year'; 'This
    compares with prior year net income of $173 million'), not the year before: a quarter's figures are
    compared with the same quarter's."""
    if reported is None or reported.quarter is None or reported.year is None or len(in_sentence) != 1 \
            or not last_year().fullmatch(year.text) or not comparison_word().search(said_before):
        return None
    return replace(reported, year=reported.year - 1)


def _of_a_named_quarter(year: PeriodMention, before: list[PeriodMention], reported: Period | None) -> Period | None:
    """Rule: a past year said after the amount ('last year', 'the prior year', or a year before the reported
    one), where the period the sentence names nearest before the amount is a quarter, is that quarter of that
    year ('a third-quarter tax rate of about 24%, compared to 22.5% last year': the third quarter of last year;
    'second quarter sales were $2.1 billion, up from $2 billion in 2024': the second quarter of 2024), not
    the whole year. (A year not past may be a forecast's: 'we expect $2 billion in 2025'.)"""
    nearest = before[-1].period if before else None
    if nearest is None or nearest.quarter is None or nearest.year is None or year.period.year is None \
            or year.period.quarter is not None or year.period.half is not None:
        return None
    if last_year().fullmatch(year.text):
        return replace(nearest, year=nearest.year - 1)
    past = reported is not None and reported.year is not None and year.period.year < reported.year
    return replace(nearest, year=year.period.year) if past and any(c.isdigit() for c in year.text) else None


def _since(periods: list[PeriodMention], starts: list[int], amount: Amount, sentence: Span) -> bool:
    """Rule: a figure whose sentence names, before it, only the start of a span to now ('Since 2022, we have
    repurchased $315 million') is a running total: no period of its own, nor the reported one."""
    text = sentence.doc.user_data["kg_text"]
    return any(p.end <= amount.start and _span_start(text, p)
               for p in periods[bisect_left(starts, sentence.start_char):bisect_left(starts, amount.start)])


@lru_cache(maxsize=1)
def _span_starts() -> re.Pattern:
    forms = sorted(lexicon.words(lexicon.PERIOD_SPAN_STARTS), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\s+(?:[\w-]+\s+){0,4}$", re.I)


def _span_start(text: str, period: PeriodMention) -> bool:
    """A span-start word ('since') stands right before the period, past up to four words ('since the start of')."""
    return _span_starts().search(text, max(0, period.start - 40), period.start) is not None


def _looks_forward(ctx: Context, first: int, last: int, sentence: Span) -> bool:
    """A forecast word stands before the amount in its sentence, or after it in the same clause ('we expect
    revenue of $3 billion', 'revenue is expected to ...'; not '$2.6 billion in sales, and we expect ...')."""
    end = last + 1
    while end < sentence.end and not metric_phrases.is_break(ctx.doc, end):
        end += 1
    return bool(between(ctx.doc, lexicon.FORECAST_CUES, sentence.start, first)
                or between(ctx.doc, lexicon.FORECAST_CUES, last + 1, end))


def _outlook_period(ctx: Context, periods: list[PeriodMention], starts: list[int], first: int, last: int,
                    sentence: Span) -> Period | None:
    """Rule: in a transcript turn, a forward-looking sentence that names no period is about the last period
    after the reported one that the turn has named up to it ('As we move into the September quarter, ...
    We expect gross margin to be between 46% and 47%')."""
    if not _looks_forward(ctx, first, last, sentence):
        return None
    return turn_outlook(ctx, periods, starts, sentence)


def turn_outlook(ctx: Context, periods: list[PeriodMention], starts: list[int], sentence: Span) -> Period | None:
    """The last period after the reported one that the transcript turn holding `sentence` names before it."""
    turn = ctx.turn_at(sentence.start_char)
    if ctx.period is None or turn is None:
        return None
    named = periods[bisect_left(starts, turn[0]):bisect_left(starts, sentence.start_char)]
    ahead = [p.period for p in named if _ahead_of(p.period, ctx.period)]
    return ahead[-1] if ahead else None


def document_amounts(ctx: Context) -> list[Amount]:
    """The amounts of the text (found once)."""
    cached = ctx.doc.user_data.get("kg_amounts")
    if cached is None:
        cached = ctx.doc.user_data["kg_amounts"] = find_amounts(doc_text(ctx.doc))
    return cached


def document_periods(ctx: Context) -> tuple[list[PeriodMention], list[int]]:
    """The periods the text names, resolved against the reported period, and their starts (found once)."""
    cached = ctx.doc.user_data.get("kg_periods")
    if cached is None:
        periods = find_periods(doc_text(ctx.doc), ctx.period, ctx.published)
        cached = ctx.doc.user_data["kg_periods"] = (periods, [p.start for p in periods])
    return cached


def claim_period(ctx: Context, start: int, end: int, forward: bool) -> Period | None:
    """Rule: the period a claim is for: the first one its words name other than as the base of a comparison
    ('we expect revenue of $3 billion in 2026'; for a forecast, one after the reported period), else, for a
    forecast in a transcript turn, the last period after the reported one that the turn named before it ('As
    we move into the September quarter, ...')."""
    periods, starts = document_periods(ctx)
    text = doc_text(ctx.doc)
    for mention in periods[bisect_left(starts, start):bisect_left(starts, end)]:
        if mention.end <= end and not _comparison_base().search(text, max(0, mention.start - 60), mention.start) \
                and not (forward and ctx.period and not _ahead_of(mention.period, ctx.period)):
            return mention.period
    return turn_outlook(ctx, periods, starts, ctx.sentence_of(start)) if forward else None


def _ahead_of(period: Period, reported: Period) -> bool:
    """A period ends after the reported quarter (a later quarter or half, this year or a later one)."""
    if period.year is None or reported.year is None or period.year != reported.year:
        return bool(period.year and reported.year and period.year > reported.year)
    last_quarter = period.quarter or (period.half * 2 if period.half else 4)
    return last_quarter > (reported.quarter or 4)


def _reporting_period(ctx: Context) -> Period | None:
    """Rule: in a transcript, a figure with no period of its own is about the quarter the call reports."""
    return ctx.period if ctx.document.kind == "transcript" else None


# ----------------------------------------------------------------------------------------------- changes

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
    doc, gaps = ctx.doc, lexicon.words(lexicon.CHANGE_AMOUNT_GAPS)
    if first > 0 and doc[first - 1].lower_ == "from":
        return None
    for scheme, direction in ((lexicon.CHANGE_UP, "up"), (lexicon.CHANGE_DOWN, "down")):
        for hit in between(doc, scheme, max(0, first - 6), first):
            if first - 3 <= hit.end <= first and all(t.lower_ in gaps for t in doc[hit.end:first]):
                return direction
    return None
