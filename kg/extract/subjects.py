"""The subject of a figure: the segment, product, place or customer its words, its clause or the turn's topic name,
else the company the document is about."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.extract import metric_phrases
from kg.extract.context import Context
from kg.extract.metric_phrases import Measure
from kg.extract.nlp import sentence as sentence_of
from kg.extract.passing import PARTNER_RULE
from kg.extract.nlp import token_starts
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, find, spans_in

CLAUSE_BREAKS = metric_phrases.CLAUSE_BREAKS
PART_RULE = "part"  # the rule of a part of the company named with its figures (parts)
AMOUNT_PLACE = "amount-place"  # the rule of a place said of one amount (parts): no topic of its sentence or turn


def subject(ctx: Context, first: int, last: int, found: Measure, sentence: Span) -> str | None:
    """The entity a figure is about: the most specific that its sentence or its turn's topic names."""
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
        last_word = ctx.doc[found.end - 1]
        owners = [m for m in ctx.mentions_between(starts[found.start], last_word.idx + len(last_word))
                  if m.type != "Person"]
        if owners:
            return owners[-1].entity
    # Rule: a place or a part of the company the metric's words name after 'in' ('comps in the U.S. increased
    # 0.2%', 'revenue in China grew 5%', 'revenue in Orbital Systems was ...'; lexicon place-prepositions),
    # before the amount.
    if named and found.end < first and texts[found.end].lower() in lexicon.words(lexicon.PLACE_PREPOSITIONS):
        places = [m for m in ctx.mentions_between(starts[found.end], starts[first])
                  if m.type == "Place" or m.rule == PART_RULE]
        if places and not any(metric_phrases.is_break(ctx.doc, j) for j in range(found.end, ctx.token_index(places[0].start))):
            return places[0].entity
    # Rule: a place after 'in' right after the amount or right before 'by' and the amount ('we grew 4% in Japan',
    # 'we grew in Japan by 4%'; parts places-by-amounts).
    place = _place_by_amount(ctx, first, last)
    if place is not None:
        return place
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
    # named by no name the graph holds), else the product of the company's that the question being answered
    # asked about, else the organisation the document is about.
    topic = _topic(ctx, sentence)
    if topic is None:
        topic = _question_topic(ctx, sentence)
    return ctx.focus if topic is None else topic or None


def _place_by_amount(ctx: Context, first: int, last: int) -> str | None:
    """The place named after 'in' right after the amount (past a determiner), or ending right before 'by' and the
    amount."""
    texts, starts = token_texts(ctx.doc), token_starts(ctx.doc)
    candidates = []
    if last + 1 < len(texts) and texts[last + 1].lower() in lexicon.words(lexicon.PLACE_PREPOSITIONS):
        j = last + 2
        j += j < len(texts) and texts[j].lower() in lexicon.words(lexicon.DETERMINERS)
        candidates.append(ctx.mention_at(starts[j]) if j < len(texts) else None)
    if first > 0 and texts[first - 1].lower() == "by":
        mention = ctx.mention_at(starts[first - 2]) if first > 1 else None
        k = ctx.token_index(mention.start) - 1 if mention is not None else -1
        candidates.append(mention if k >= 0 and texts[k].lower() in lexicon.words(lexicon.PLACE_PREPOSITIONS) else None)
    return next((m.entity for m in candidates if m is not None and m.type == "Place"), None)


def _unnamed_segment(ctx: Context, first: int, found: Measure, sentence: Span) -> bool:
    """Rule: a segment the sentence names before the amount, by no name the graph holds ('In our healthcare
    segment, we expect operating income of $2 billion', 'The refining segment reported $1.7 billion'), or
    several ('Moving to the segments, beverage sales grew 4.3%'), has the figure: it is no figure of the
    company, and its subject is not known. A segment noun of the metric's own words ('segment operating
    margin', 'total segment profit') names none."""
    return any(not (found.start <= hit.start < found.end or hit.end == found.start)
               for hit in _segment_nouns(ctx, sentence.start, first)) \
        or _named_part_before(ctx, first, found, sentence)


def _segment_nouns(ctx: Context, start: int, end: int) -> list:
    """The nouns of one segment or of several ('segment', 'segments') that start in tokens [start, end)."""
    return between(ctx.doc, lexicon.SEGMENT_NOUNS, start, end) + between(ctx.doc, lexicon.PLURAL_SEGMENT_NOUNS, start, end)


def _named_part_before(ctx: Context, first: int, found: Measure, sentence: Span) -> bool:
    """Rule: a part noun after a word of the part's name ('our beer business', 'the aerospace businesses'),
    before the amount and outside the metric's words, names a part of the company that has the figure ('we
    expect our beer business to deliver an operating margin of approximately 39%'); not after a determiner, a
    stop word, a modifier or a word of the whole ('our business', 'the total business', 'our entire
    business'), nor in what the metric leaves out or takes in ('excluding the divested business')."""
    texts, nouns = token_texts(ctx.doc), lexicon.words(lexicon.NAMED_PART_NOUNS)
    left_out = min((b for scheme in (lexicon.METRIC_EXCLUSIONS, lexicon.METRIC_INCLUSIONS)
                    for b, _ in spans_in(ctx.doc, scheme, sentence.start, first)), default=first)
    for j in range(sentence.start + 1, left_out):
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
TOPIC_NAME_WINDOW = 4  # tokens after the cue where its name starts: "Turning to our Intelligent Cloud segment"


def _topic(ctx: Context, sentence: Span) -> str | None:
    """Rule: in a transcript turn, the organisation or product named by the last sentence up to this one that
    opens with a topic shift ('Turning to our Cloud segment.'), while the sentences since name nothing else but
    people and partners ('the alliance with Harbor Labs') ("" for a part named by no name the graph holds:
    `_shift_to_unnamed_part`); a shift naming none means the company again."""
    turn_start = ctx.turn_start_inside(sentence.start_char, sentence.end_char)  # a sentence that runs on from a
    turn = ctx.turn_at(sentence.start_char if turn_start is None else turn_start)  # speaker label: its turn's
    if turn is None:
        return None
    shifts = _topic_shifts(ctx)
    k = bisect_right([start for start, _ in shifts], max(sentence.start_char, turn[0])) - 1
    if k < 0 or shifts[k][0] < turn[0] or shifts[k][1] is None:
        return None
    start, topic = shifts[k]
    shift = ctx.sentence_of(start)
    if topic == "" and _segment_nouns(ctx, shift.end, sentence.start):
        return None  # another segment named since ('Our ethanol segment ...'): the part's turn is over
    since = ctx.mentions_between(shift.end_char, sentence.start_char)
    return topic if all(m.type == "Person" or m.entity == topic or m.rule in (AMOUNT_PLACE, PARTNER_RULE)
                        for m in since) else None


QUESTION_LOOKBACK_TURNS = 3  # executives' turns between the question and the answer's turn ("Ashok, do you want to")
TOPIC_TYPES = ("Product", "AIModel")
TOPIC_NEAR_SENTENCES = 2  # the answer names the question's product in the figure's sentence or the two before it


def _question_topic(ctx: Context, sentence: Span) -> str | None:
    """Rule: in an answer, the one product or model of the company's own that the analyst's question names ('How
    is Halo doing with customers?'), while the answer names no other product or model and has named it in the
    figure's sentence or just before."""
    if not ctx.analysts:
        return None
    turn_start = ctx.turn_start_inside(sentence.start_char, sentence.end_char)
    turn = ctx.turn_at(sentence.start_char if turn_start is None else turn_start)
    if turn is None or turn[2] in ctx.analysts:
        return None
    k = ctx.turns.index(turn)
    questions = [j for j in range(k - 1, max(k - QUESTION_LOOKBACK_TURNS - 1, -1), -1) if ctx.turns[j][2] in ctx.analysts]
    if not questions:
        return None
    question = ctx.turns[questions[0]]
    if any(ctx.turns[j][2] in ctx.analysts for j in range(questions[0] + 1, k)):
        return None
    asked = {m.entity for m in ctx.mentions_between(question[0], question[1])
             if m.type in TOPIC_TYPES and m.entity in ctx.own_products}
    if len(asked) != 1:
        return None
    (topic,) = asked
    since = [m for m in ctx.mentions_between(question[1], sentence.end_char) if m.type in TOPIC_TYPES]
    near = max(question[1], _sentence_before(ctx, sentence, TOPIC_NEAR_SENTENCES).start_char)
    return topic if all(m.entity == topic for m in since) and any(m.start >= near for m in since) else None


def _sentence_before(ctx: Context, sentence: Span, n: int) -> Span:
    """The sentence n sentences before this one (or the document's first)."""
    for _ in range(n):
        if sentence.start == 0:
            break
        sentence = sentence_of(ctx.doc, sentence.start - 1)
    return sentence


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
            # the name the cue turns to, right after it ('Turning to our Cloud segment'), not one named later in
            # the sentence ('Turning to the second quarter, ... with the recent Harbor formulary change')
            near = sentence.end_char if hit.end + TOPIC_NAME_WINDOW >= sentence.end \
                else ctx.doc[hit.end + TOPIC_NAME_WINDOW].idx
            named = [m for m in ctx.mentions_between(ctx.doc[hit.end].idx if hit.end < len(ctx.doc) else
                                                     sentence.end_char, sentence.end_char)
                     if m.type != "Person" and m.rule != AMOUNT_PLACE and m.start < near]
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
    return any(ends_phrase(hit.end) for hit in _segment_nouns(ctx, after, sentence.end)) or any(
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
