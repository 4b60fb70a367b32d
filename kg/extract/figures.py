"""Figures: amounts with the metric they measure, the entity they are about, their period and direction."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.extract import figure_spans as spans
from kg.extract import changes, measures, metric_phrases, metric_words, months
from kg.extract.amounts import Amount, find_amounts
from kg.extract.context import Context
from kg.extract.metric_phrases import Measure
from kg.extract.nlp import text as doc_text
from kg.extract.nlp import words as token_texts
from kg.extract.periods import PeriodMention, comparison_word, find_periods, last_year, possessive
from kg.extract.phrases import between, by_end
from kg.extract.subjects import subject
from kg.model import Figure, Period

EARLIER_GUIDANCE_WINDOW = 8  # tokens before 'guidance' where a word may set a result against it
PERIOD_AFTER_CHARS = 40  # how far after an amount its period may be written ("... in the fourth quarter")
COMPARISON_LOOKBACK = 60  # how far before a period or amount a comparison's word makes it a comparison's base


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
        direction = changes.direction(ctx.doc, first, last, sentence, found.direction)
        previous = (sentence, replace(found, direction=direction))
        # Rule: an amount 'above' or 'ahead of' something measures its distance from the figure the sentence
        # gave before it ('operating income was $19.2 billion, $1.7 billion above the high end of our guidance');
        # the sentence's first figure is its metric's ('revenue was $46.7 billion, ahead of expectations')
        distance = metric_words.distance(ctx.doc, last, sentence) if inherited is not None else None
        concept = None if distance else changes.change_metric(found.concept, amount.unit) if direction else \
            metric_words.per_share(ctx.doc, last, sentence, found.concept)
        concept, said = metric_words.margin_of(concept, found.words, inherited)
        words = metric_words.words_of(said, metric_words.change_word(direction, amount.unit),
                                  metric_words.qualifiers(ctx.doc, last, sentence)
                                  + [w for w in (found.aside, distance, metric_words.exclusion(ctx.doc, last, sentence),
                                                 metric_words.target(ctx.doc, first, last, found, sentence),
                                                 metric_words.other_amount(ctx.doc, last, found, sentence),
                                                 metric_words.threshold(ctx.doc, first, last, sentence, amount.bound)) if w])
        # a period after the next amount is that amount's when it is the base of a comparison ("31.3%, down
        # from 37.1% in the first quarter of 2024"), else it may be this one's too ("... and 44% in 2026")
        next_start = amounts[k + 1].start if k + 1 < len(amounts) and _compared_with(text, amounts[k + 1].start) \
            else len(text)
        figures.append(Figure(
            start=amount.start, end=amount.end, text=ctx.document.text[amount.start:amount.end],
            value=amount.value, unit=amount.unit, minimum=amount.minimum, maximum=amount.maximum,
            metric=concept, metric_text=_beyond_label(metric_words.inherited_basis(words, concept, inherited), concept),
            subject=subject(ctx, first, last, found, sentence),
            period=_figure_period(ctx, periods, period_starts, amount, found, sentence, first, last,
                                  next_start, amounts[k + 1].start if k + 1 < len(amounts) else len(text),
                                  amounts[k - 1] if k else None),
            direction=direction, bound=amount.bound,
            sentence=(sentence.start_char, sentence.end_char),
        ))
    return figures


def _figure_period(ctx: Context, periods: list[PeriodMention], starts: list[int], amount: Amount, found: Measure,
                   sentence: Span, first: int, last: int, next_start: int, next_amount: int,
                   previous: Amount | None) -> Period | None:
    """The figure's period: none for a total over a span running to a date, the month named right after it, else
    the one its sentence names for it (in the order of a list before 'respectively'), else none for a running
    total or a total over years, the month its clause names, else the turn's outlook or the quarter the call
    reports; a year's where its metric is said as annual, the coming year's where the year a fourth-quarter call
    names looks forward."""
    base = _comparison_base_before(ctx, first)
    previous_end = previous.end if previous else 0
    if spans.running(periods, starts, amount, sentence, previous_end, next_amount, base):
        return None
    if (named := months.month_after(amount, sentence)) is not None:
        return months.month_period(named, ctx.period, _looks_forward(ctx, first, last, sentence))
    compared = previous_end if previous and _comparison_base_before(ctx, ctx.token_index(previous.start)) else None
    said = _respective(ctx, periods, starts, amount, sentence) \
        or _period(periods, starts, amount, next_start, sentence, ctx.period, next_amount, base, compared)
    if said is None and (spans.since(periods, starts, amount, sentence)
                         or spans.over_years(amount, sentence, next_amount)):
        return None
    if said is None and (named := months.month_before(amount, sentence)) is not None:
        return months.month_period(named, ctx.period, _looks_forward(ctx, first, last, sentence))
    said = said or _outlook_period(ctx, periods, starts, first, last, sentence)
    if said is None:
        return _reporting_period(ctx, found)
    return _coming_year(ctx, periods, starts, sentence, first, last, _year_long(found, said))


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _respective(ctx: Context, periods: list[PeriodMention], starts: list[int], amount: Amount,
                sentence: Span) -> Period | None:
    """Rule: amounts listed before 'respectively' after as many periods listed before the first of them take
    those periods in order ('Our fourth quarter and full year had a tax rate of 15.4% and 14.8% respectively':
    15.4% is the quarter's)."""
    text = doc_text(ctx.doc)
    if not _RESPECTIVELY.search(text, amount.end, sentence.end_char):
        return None
    listed = [a for a in document_amounts(ctx) if sentence.start_char <= a.start < sentence.end_char
              and not _RESPECTIVELY.search(text, sentence.start_char, a.start)]
    if len(listed) < 2 or amount not in listed:
        return None
    before = [p for p in periods[bisect_left(starts, sentence.start_char):bisect_left(starts, sentence.end_char)]
              if p.end <= listed[0].start]
    if len(before) != len(listed):
        return None
    return before[listed.index(amount)].period


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


# ----------------------------------------------------------------------------------------------- periods

@lru_cache(maxsize=1)
def _comparison_base() -> re.Pattern:
    """Words before a period that make it the base of a comparison ('compared to fiscal 2024', 'versus the
    same quarter last year')."""
    forms = sorted(lexicon.words(lexicon.COMPARISON_BASES) | lexicon.words(lexicon.PERIOD_COMPARISON_BASES),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\s+(?:[\w-]+\s+){0,4}$", re.I)


def _compared_with(text: str, start: int) -> bool:
    """Whether a comparison's word stands before `start` (a period's or an amount's), past a few words ('compared
    to fiscal 2024')."""
    return _comparison_base().search(text, max(0, start - COMPARISON_LOOKBACK), start) is not None


def _period(periods: list[PeriodMention], starts: list[int], amount: Amount, next_start: int,
            sentence: Span, reported: Period | None, following: int, base: bool,
            compared: int | None) -> Period | None:
    """Rule: the period written right after the amount in its sentence ('... in 2025'), before the next amount
    and not as the base of a comparison ('compared to fiscal 2024'); otherwise the nearest one before it in
    the sentence ('fourth-quarter revenue, up 21%'), which it is also when the one after follows the next
    amount (`following`: 'the tax rate for the fourth quarter was 10.5% and 11.9% for the full year').
    `base`: the amount is a comparison's base ('up from $1.32'); `compared`: the end of the amount before it, when
    that one is a comparison's base."""
    in_sentence = periods[bisect_left(starts, sentence.start_char):bisect_left(starts, sentence.end_char)]
    in_sentence = [p for p in in_sentence if p.end <= sentence.end_char and not (amount.start <= p.start < amount.end)]
    text = sentence.doc.user_data["kg_text"]
    after = [p for p in in_sentence if amount.end <= p.start < next_start and p.start - amount.end <= PERIOD_AFTER_CHARS
             and not _compared_with(text, p.start) and not spans.span_start(text, p)]
    # (a period said in the possessive is the figure's own, even after a comparison's word: 'compared to last
    # year's rate of 16.9%'; not in another clause: `possessive`)
    before = [p for p in in_sentence if p.end <= amount.start and not spans.span_start(text, p)
              and (owned := possessive(text, p, amount.start)) is not False
              and (owned or not _compared_with(text, p.start))
              and not _said_of_base(text, p, compared)]
    said_before = text[sentence.start_char:amount.start]
    # (an amount said as a comparison's base with no period near it takes the first past one after it in the
    # sentence, twice as far: 'up from $1.32 per share on net earnings of $446 million in last year's second
    # quarter')
    if not after and reported is not None and base:
        after = [p for p in in_sentence if 0 <= p.start - amount.end <= 2 * PERIOD_AFTER_CHARS
                 and _past(p.period, reported)][:1]
    if after and before and following is not None and (after[0].start > following
                                                       or _heads_next(sentence, after[0], following)):
        return before[-1].period
    if after:
        return _of_a_named_quarter(after[0], [p for p in in_sentence if p.end <= amount.start
                                              and not _base_a_year_before(text, p, reported)], reported) \
            or _a_year_ago(after[0], in_sentence, said_before, reported, text) or after[0].period
    if before and possessive(text, before[-1], amount.start):  # 'was 17%, compared to last year's 16.9%'
        return _of_a_named_quarter(before[-1], before[:-1], reported) \
            or _a_year_ago(before[-1], in_sentence, said_before, reported) or before[-1].period
    return (_a_year_ago(before[-1], in_sentence, said_before, reported) or before[-1].period) if before else None


BASE_PERIOD_GAP = re.compile(r"\s*(?:[a-z]+\s+){0,3}", re.I)  # what stands between a base and its period ("in the ")


def _said_of_base(text: str, period: PeriodMention, compared: int | None) -> bool:
    """Rule: a period said right after a comparison's base is that base's, not the next figure's ('compared to
    $80 million last year, and the operating margin of 18%': 18% is not last year's)."""
    return compared is not None and compared <= period.start \
        and BASE_PERIOD_GAP.fullmatch(text, compared, period.start) is not None


def _heads_next(sentence: Span, period: PeriodMention, following: int) -> bool:
    """Rule: a period that opens the next amount's metric phrase is that amount's ("27.4%, resulting in a full year
    2024 adjusted operating margin of 27.0%"): nothing but the phrase stands between them, no clause break."""
    doc = sentence.doc
    words = doc.char_span(period.end, following, alignment_mode="contract")
    return words is not None and len(words) > 0 and not any(metric_phrases.is_break(doc, t.i) for t in words) \
        and bool(between(doc, lexicon.METRICS, words.start, words.end))


def _a_year_ago(year: PeriodMention, in_sentence: list[PeriodMention], said_before: str,
                reported: Period | None, text: str | None = None) -> Period | None:
    """Rule: in a call that reports a quarter, 'last year' or 'the prior year' said of a figure compared with
    another (a comparison's word before the figure in its sentence), where the sentence names no other period
    than the reported quarter, is the reported quarter a year before ('our operating margin contracted to 3.1%
    from 17% last year'; 'This compares with prior year net income of $173 million'; 'debt at the end of the
    quarter was $8.9 billion versus $9 billion a year ago'), not the year before: a quarter's figures are
    compared with the same quarter's. Other mentions of the reported quarter a year before, or of last year, are
    no other period ('up 6% from Q2 a year ago, as our debt ... was $9.1 billion versus $8.6 billion a year
    ago'); so is 'in' and the year before's number said after the amount (`text` given: 'Sales of $420 million
    compared to $430 million in 2023' in a call of 2024's first quarter; not 'at the end of 2023', 'fiscal 23')."""
    if reported is None or reported.quarter is None or reported.year is None:
        return None
    before = replace(reported, year=reported.year - 1)
    if any(p is not year and not _one_quarter(p.period, reported) and not _one_quarter(p.period, before)
           and not _the_year_before(text, p, before) for p in in_sentence) \
            or not _the_year_before(text, year, before) or not comparison_word().search(said_before):
        return None
    return before


_IN_A_YEAR = re.compile(r"\bin\s+$", re.I)


def _base_a_year_before(text: str, mention: PeriodMention, reported: Period | None) -> bool:
    """Rule: the reported quarter a year before, said as a comparison's base ('stock rose $2 billion compared to
    the second quarter of 2024, and turns were 4.1 times, down from 4.4 times last year'), is no quarter that a
    later 'last year' counts back from: that 'last year' is the same quarter a year before."""
    return reported is not None and reported.quarter is not None and reported.year is not None \
        and _one_quarter(mention.period, replace(reported, year=reported.year - 1)) and _compared_with(text, mention.start)


def _the_year_before(text: str | None, mention: PeriodMention, before: Period) -> bool:
    """'last year', 'the prior year', 'a year ago', or, in `text`, 'in' and the year before's number ('in 2023')."""
    return bool(last_year().fullmatch(mention.text)) or text is not None and mention.text.isdigit() \
        and mention.period.year == before.year \
        and _IN_A_YEAR.search(text, max(0, mention.start - 4), mention.start) is not None


def _one_quarter(period: Period, other: Period) -> bool:
    """Whether the two name one quarter of one year (a fiscal quarter as its text names it, whatever calendar the
    call resolves it by)."""
    return (period.year, period.quarter, period.half, period.fiscal) == (other.year, other.quarter, other.half,
                                                                         other.fiscal)


def _of_a_named_quarter(year: PeriodMention, before: list[PeriodMention], reported: Period | None) -> Period | None:
    """Rule: a past year said after the amount ('last year', 'the prior year', or a year before the reported
    one), where the period the sentence names nearest before the amount is a quarter, is that quarter of that
    year ('a third-quarter tax rate of about 24%, compared to 22.5% last year': the third quarter of last year;
    'second quarter sales were $2.1 billion, up from $2 billion in 2024': the second quarter of 2024), not
    the whole year. (A year not past may be a forecast's: 'we expect $2 billion in 2025'.)"""
    # (past years said for other amounts between: "second quarter net sales were $2.1 billion in 2024 and $2
    # billion in 2023")
    nearest = next((p.period for p in reversed(before) if not _bare_year(p)), None)
    if nearest is None or nearest.quarter is None or nearest.year is None or year.period.year is None \
            or year.period.quarter is not None or year.period.half is not None:
        return None
    if last_year().fullmatch(year.text):
        return replace(nearest, year=nearest.year - 1)
    past = reported is not None and reported.year is not None and year.period.year < reported.year
    return replace(nearest, year=year.period.year) if past and any(c.isdigit() for c in year.text) else None


def _bare_year(mention: PeriodMention) -> bool:
    """A year written in digits alone ("in 2024"; not "the full year")."""
    period = mention.period
    return period.year is not None and period.quarter is None and period.half is None \
        and any(c.isdigit() for c in mention.text)


def _coming_year(ctx: Context, periods: list[PeriodMention], starts: list[int], sentence: Span, first: int,
                 last: int, period: Period | None) -> Period | None:
    """Rule: in a call reporting the last quarter of its year, the year said without its number ('the full
    year', 'this year', 'an annual tax rate') in a sentence that looks forward is the coming year: the year
    reported is over ('Starting with the full year, we expect EBITDA of $4.95 billion')."""
    if period is None or not _closing_year(period, ctx.period):
        return period
    in_sentence = periods[bisect_left(starts, sentence.start_char):bisect_left(starts, sentence.end_char)]
    text = doc_text(ctx.doc)
    # (the year said with its number is that year, unless as a comparison's base: 'up 5% to 9% over 2024')
    if any(p.period == period and any(c.isdigit() for c in p.text)
           and not _compared_with(text, p.start) for p in in_sentence):
        return period
    return replace(period, year=period.year + 1) if _forecast_before(ctx, first, sentence) else period


def _forecast_before(ctx: Context, first: int, sentence: Span) -> bool:
    """A forecast word before the amount ('we invested $1.4 billion and we expect to invest a similar amount' looks
    back); a noun ('guidance', 'outlook') only where the sentence reports no result with a verb of results and no
    word sets a result against it or makes it guidance given before ('above the midpoint of our initial $6 to $7
    guidance', 'exceeded our guidance'; lexicon earlier-guidance-words)."""
    texts = token_texts(ctx.doc)
    reported = any(w.lower() in lexicon.words(lexicon.RESULTS_VERBS) for w in texts[sentence.start:sentence.end])
    return any(not hit.term.props.get("nounCue") or not reported and not any(
        w.lower() in lexicon.words(lexicon.EARLIER_GUIDANCE_WORDS)
        for w in texts[max(sentence.start, hit.start - EARLIER_GUIDANCE_WINDOW):hit.start])
        for hit in between(ctx.doc, lexicon.FORECAST_CUES, sentence.start, first))


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
    ahead = [p for p in (_coming_year_named(ctx, p) for p in named) if _ahead_of(p, ctx.period)]
    return ahead[-1] if ahead else None


_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?]|$)")


def _closing_year(period: Period, reported: Period | None) -> bool:
    """Whether the period is the year whose last quarter the call reports (that year, no quarter or half of it)."""
    return reported is not None and reported.quarter == 4 and period.year == reported.year \
        and not period.quarter and not period.half


def _coming_year_named(ctx: Context, mention: PeriodMention) -> Period:
    """Rule: in a call reporting the last quarter of its year, the year named without its number at a clause's
    end in a sentence that looks forward is the coming year, for the sentences after it too ('Then, for the full
    year, we expect sales of $4 billion. Capital spending should be about $70 million'; not a modifier: 'no change
    to our full year cost comparisons. We expect EBITDA of $310 million' said of the next quarter)."""
    period = mention.period
    if not _closing_year(period, ctx.period) or any(c.isdigit() for c in mention.text) \
            or not _CLAUSE_END.match(doc_text(ctx.doc), mention.end):
        return period
    sentence = ctx.sentence_of(mention.start)
    return replace(period, year=period.year + 1) if _forecast_before(ctx, sentence.end, sentence) else period


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
        if mention.end <= end and not _compared_with(text, mention.start) \
                and not (forward and ctx.period and not _ahead_of(mention.period, ctx.period)):
            return mention.period
    return turn_outlook(ctx, periods, starts, ctx.sentence_of(start)) if forward else None


def _ahead_of(period: Period, reported: Period) -> bool:
    """A period ends after the reported quarter (a later quarter or half, this year or a later one)."""
    if period.year is None or reported.year is None or period.year != reported.year:
        return bool(period.year and reported.year and period.year > reported.year)
    return _last_quarter(period) > (reported.quarter or 4)


def _past(period: Period, reported: Period) -> bool:
    """Whether a period ended before the reported one began (a year or quarter before it)."""
    if period.year is None or reported.year is None or period.year != reported.year:
        return bool(period.year and reported.year and period.year < reported.year)
    return reported.quarter is not None and _last_quarter(period) < reported.quarter


def _last_quarter(period: Period) -> int:
    """The number of a period's last quarter in its year: its quarter's, a half's second, else the fourth."""
    return period.quarter or (period.half * 2 if period.half else 4)


def _year_long(found: Measure, period: Period | None) -> Period | None:
    """Rule: a metric said with a year word first is measured over the year holding its period ('we expect an
    annual effective tax rate of 12% to 12.5%' after the turn named the next quarter; lexicon year-modifiers),
    unless the word is part of the metric's name ('annual recurring revenue': a form of its concept that is
    none without the word)."""
    if period is None or period.quarter is None and period.half is None or not found.words:
        return period
    said = found.words.lower()
    word = next((w for w in lexicon.words(lexicon.YEAR_MODIFIERS) if said.startswith(w + " ")), None)
    if word is None:
        return period
    named = lexicon.load().forms(lexicon.METRICS)
    rest = named.get(said[len(word) + 1:])
    if said in named and (rest is None or rest.concept != named[said].concept):
        return period
    return replace(period, quarter=None, half=None)


def _reporting_period(ctx: Context, found: Measure) -> Period | None:
    """Rule: in a transcript, a figure with no period of its own is about the quarter the call reports; about
    its year where its metric is said as annual (`_year_long`), except in a call of the year's last quarter
    (the year over and the coming one: which one, the text does not say)."""
    if ctx.document.kind != "transcript":
        return None
    return ctx.period if ctx.period is None or ctx.period.quarter == 4 else _year_long(found, ctx.period)
