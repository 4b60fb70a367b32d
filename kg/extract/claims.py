"""Claims: forecasts, plans, assessments and reported facts, with who makes them and what they are about.

Each rule yields `Claim`s; `find_claims` keeps the most specific claim where they overlap.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain

from spacy.tokens import Span

from kg import lexicon
from kg.extract.context import Context
from kg.extract.figures import claim_period
from kg.extract.nlp import words as token_texts
from kg.extract.nlp import sentence as sentence_of_token
from kg.extract.phrases import Hit, between, by_end, by_start, find, spans_in
from kg.model import Claim, Figure, Quote

ADVERBS_BEFORE_VERB = 3  # "Zuckerberg also recently said"


MAX_CALL_CLAIMS = 20  # a call's claims: its most claim-like statements, about as many as a reader would note
MIN_CALL_STRENGTH = 2.5  # and none weaker than a first-person "will" (see claim_strength)


def find_claims(ctx: Context, quotes: list[Quote], figures: list[Figure]) -> list[Claim]:
    specific = chain(reported_speech(ctx), noun_that(ctx), sees_as(ctx), plans(ctx), quoted_forecasts(ctx, quotes),
                     speaker_outlook(ctx, figures), speaker_stance(ctx))
    general = chain(reported_facts(ctx), forecasts(ctx))
    kept: list[Claim] = []
    for claim in chain(specific, general):
        if _boilerplate(ctx, claim) or _question(ctx, claim) or _analyst_turn(ctx, claim):
            continue
        if any(_overlaps(claim, k) and (claim.sentence == k.sentence or claim.start >= k.start and claim.end <= k.end)
               for k in kept):
            continue
        kept.append(claim)
    return sorted((_with_links(ctx, c, figures) for c in kept), key=lambda c: c.start)


def kept_claims(ctx: Context, claims: list[Claim]) -> list[Claim]:
    """The claims a document keeps: all of an article's, a call's strongest (`strongest_call_claims`)."""
    return strongest_call_claims(ctx, claims) if ctx.turns else claims


def stated_figures(ctx: Context, figures: list[Figure], claims: list[Claim]) -> list[Figure]:
    """Rule: a figure a claim states is stated as the claim's kind ("we expect revenue of $5 billion": a
    forecast), whether or not the document keeps the claim; not a call's result said in the past beside a
    forward word ("margin was 30.7%, near the high end of our guidance range": `not_a_claim`)."""
    kinds = {span: claim.kind for claim in claims if not (ctx.turns and not_a_claim(ctx, claim))
             for span in claim.figures}
    ranges = [f.sentence for f in figures if f.minimum is not None and f.maximum is not None]
    return [replace(f, stated_as=kinds[(f.start, f.end)]) if (f.start, f.end) in kinds
            and not _earlier_forecast(ctx, f) and not _midpoint(ctx, f, ranges) else f for f in figures]


def with_stated_figures(claims: list[Claim], figures: list[Figure]) -> list[Claim]:
    """The claims, each with only the figures it states (`stated_figures`): not an earlier forecast's value or a
    range's midpoint that its sentence also gives."""
    stated = {(f.start, f.end) for f in figures if f.stated_as is not None}
    return [replace(c, figures=tuple(span for span in c.figures if span in stated)) for c in claims]


def _named_before(ctx: Context, figure: Figure, scheme: str) -> Hit | None:
    """A phrase of `scheme` that ends right before the amount, past 'of' and lead-ins other than 'to' ('guided range
    of about'; not 'from 7% in our original guidance to 11%')."""
    texts = token_texts(ctx.doc)
    j = ctx.token_index(figure.start)
    while j > 0 and texts[j - 1].lower() in lexicon.words(lexicon.AMOUNT_LEAD_INS) - {"to"} | {"of"}:
        j -= 1
    return next((hit for hit in between(ctx.doc, scheme, max(0, j - 3), j) if hit.end == j), None)


def _midpoint(ctx: Context, figure: Figure, ranges: list[tuple[int, int]]) -> bool:
    """Rule: an amount named a midpoint after a range its sentence states ('a forecast of $1.63 to $1.75 per share
    with a midpoint of $1.69') is that range's midpoint: the claim states the range, not it as well."""
    return figure.sentence in ranges and _named_before(ctx, figure, lexicon.MIDPOINT_WORDS) is not None


def _earlier_forecast(ctx: Context, figure: Figure) -> bool:
    """Rule: an amount right after a forecast given before, named so ('from the previously guided range of
    $18.50 to $20', 'up from our prior outlook of $75 billion': a word of guidance given before, at most two
    words, a noun of it, perhaps 'of' and a lead-in), is that earlier forecast's value: the claim does not
    state it as its own."""
    noun = _named_before(ctx, figure, lexicon.EARLIER_GUIDANCE_NOUNS)
    if noun is None:
        return False
    texts, earlier = token_texts(ctx.doc), lexicon.concept_forms(lexicon.EARLIER_GUIDANCE_WORDS)["initial"]
    return any(texts[k].lower() in earlier for k in range(max(0, noun.start - 3), noun.start))


def strongest_call_claims(ctx: Context, claims: list[Claim]) -> list[Claim]:
    """Rule: a call's claims are what its executives (the person speaking the turn) say will or should happen,
    plan or firmly assess; not the call's logistics, courtesies, refusals or results reported in the past; and
    of those only the MAX_CALL_CLAIMS most claim-like (claim_strength), none under MIN_CALL_STRENGTH."""
    ranked = []
    for claim in claims:
        speaker = ctx.speaker_at(claim.start)
        person = ctx.entities.get(speaker) if speaker else None
        if person is None or person.type != "Person":
            continue
        strength = claim_strength(ctx, claim)
        if strength >= MIN_CALL_STRENGTH and not not_a_claim(ctx, claim):
            ranked.append((strength, replace(claim, claimant=speaker)))
    best = sorted(ranked, key=lambda r: (-r[0], r[1].start))[:MAX_CALL_CLAIMS]
    return sorted((claim for _, claim in best), key=lambda c: c.start)


def _sentence_tokens(ctx: Context, claim: Claim) -> tuple[int, int]:
    return ctx.token_index(claim.sentence[0]), ctx.token_index(max(claim.sentence[0], claim.sentence[1] - 1)) + 1


def not_a_claim(ctx: Context, claim: Claim) -> bool:
    """Rule: a sentence that runs the call ('the replay will be available', 'the next question comes from'),
    thanks or greets, declines to answer ('I don't want to comment'), or states a figure with a verb in the past
    and no word that looks forward ('revenue was up 34%', 'at the high end of our guidance range') is no claim."""
    first, last = _sentence_tokens(ctx, claim)
    doc = ctx.doc
    if any(spans_in(doc, scheme, first, last) for scheme in (lexicon.CALL_LOGISTICS, lexicon.COURTESY_WORDS,
                                                              lexicon.REFUSAL_CUES)):
        return True
    return bool(claim.figures) and bool(spans_in(doc, lexicon.RESULT_VERBS, first, last)) \
        and not _looks_forward(ctx, first, last)


def _looks_forward(ctx: Context, first: int, last: int) -> bool:
    """A forecast word that is a verb, not the noun 'guidance' or 'outlook', and not 'will' or 'going to' before
    a move in the talk; or a plan word."""
    doc = ctx.doc
    for hit in between(doc, lexicon.FORECAST_CUES, first, last):
        if hit.term.props.get("nounCue") or _named_thing(doc, hit):
            continue
        if hit.term.props.get("weakCue") and _conversation_move(doc, hit, doc[first:last]):
            continue
        return True
    return bool(_intentions(doc, first, last))


def _reported_figure(ctx: Context, figure: Figure, sentence: Span) -> bool:
    """Rule: a figure in a clause that reports a result and does not look forward ('They delivered $2.6 billion
    in sales, and we expect ...'; 'Revenue of $18 billion was up 34%, and ...') is not what a claim of the
    sentence states; the clause runs between commas, semicolons and conjunctions."""
    doc, breaks = ctx.doc, lexicon.words(lexicon.CONJUNCTIONS)
    first, last = ctx.token_index(figure.start), ctx.token_index(max(figure.start, figure.end - 1)) + 1
    while first > sentence.start and doc[first - 1].text not in (",", ";") and doc[first - 1].lower_ not in breaks:
        first -= 1
    while last < sentence.end and doc[last].text not in (",", ";") and doc[last].lower_ not in breaks:
        last += 1
    return bool(spans_in(doc, lexicon.RESULT_VERBS, first, last)) and not _looks_forward(ctx, first, last)


def _named_thing(doc, hit: Hit) -> bool:
    """Rule: a forecast word after a determiner names a thing ('our forecasting process', 'the forecast'); it
    does not look forward."""
    return hit.start > 0 and doc[hit.start - 1].lower_ in lexicon.words(lexicon.DETERMINERS)


def _intentions(doc, first: int, last: int) -> list[Hit]:
    """Rule: a plan word says what someone intends when 'to' follows it ('plans to', 'we want to') or the
    speakers own it ('we plan', 'our ambition'); not the noun of 'health plans that cover 60%' or 'benefit
    plans'."""
    first_person = lexicon.words(lexicon.FIRST_PERSON)
    return [h for h in between(doc, lexicon.PLAN_CUES, first, last)
            if h.end < len(doc) and doc[h.end].lower_ == "to"
            or any(doc[j].lower_ in first_person for j in range(max(first, h.start - 2), h.start))]


def claim_strength(ctx: Context, claim: Claim) -> float:
    """How claim-like a call's statement is, by the words of its sentence: a forecast verb (3) or a plan word
    (2.5) or a stance taken ('we believe', 2) or 'will' / 'going to' (1.5); said in the first person (+1);
    stating a figure (+1.5) or a period after the reported one (+1); hedged ('maybe', -1); very short or very
    long (-1). A first-person forecast with a figure for next quarter scores 6.5, a bare 'it will' 1.5."""
    first, last = _sentence_tokens(ctx, claim)
    doc = ctx.doc
    cues = [h for h in between(doc, lexicon.FORECAST_CUES, first, last)
            if not (h.term.props.get("nounCue") or _named_thing(doc, h))]
    strong = [h for h in cues if not h.term.props.get("weakCue")]
    weak = [h for h in cues if h.term.props.get("weakCue") and not _conversation_move(doc, h, doc[first:last])]
    plans = [h for h in _intentions(doc, first, last) if not token_texts(doc)[h.end - 1].endswith("ed")]
    strength = (3.0 if strong else 2.5 if plans
                else 2.0 if between(doc, lexicon.STANCE_CUES, first, last) else 1.5 if weak else 0.0)
    if between(doc, lexicon.FIRST_PERSON, first, min(last, first + 8)):
        strength += 1.0
    if claim.figures:
        strength += 1.5
    if claim.period is not None and ctx.period is not None and claim.period != ctx.period:
        strength += 1.0
    if spans_in(doc, lexicon.HEDGE_WORDS, first, last):
        strength -= 1.0
    if not 6 <= last - first <= 70:
        strength -= 1.0
    return strength


def _boilerplate(ctx: Context, claim: Claim) -> bool:
    """Rule: a sentence of safe-harbour boilerplate ('forward-looking statements ... risks and uncertainties')
    makes no claim."""
    first, last = ctx.token_index(claim.sentence[0]), ctx.token_index(max(claim.sentence[0], claim.sentence[1] - 1))
    return bool(between(ctx.doc, lexicon.SAFE_HARBOUR_CUES, first, last + 1))


def _question(ctx: Context, claim: Claim) -> bool:
    """Rule: a question ('Should we expect more price cuts?', 'What is our core view ...' in speech to text,
    which drops the mark) asks; it claims nothing."""
    if ctx.document.text[claim.sentence[0]:claim.sentence[1]].rstrip().endswith("?"):
        return True
    first = ctx.token_index(claim.start)
    return any(begin == first for begin, _ in spans_in(ctx.doc, lexicon.QUESTION_OPENERS, first, first + 3))


def _analyst_turn(ctx: Context, claim: Claim) -> bool:
    """Rule: what an analyst says on a call leads up to a question; the claims are the executives'."""
    return bool(ctx.analysts) and ctx.speaker_at(claim.start) in ctx.analysts


def _overlaps(a: Claim, b: Claim) -> bool:
    return a.start < b.end and b.start < a.end


def _claimant_before(ctx: Context, token_i: int, sentence: Span) -> tuple[str | None, int]:
    """The entity named just before a verb, skipping a few adverbs ('The CEO also sees'), and the token where
    its mention starts; 'we'/'I' in a transcript turn is the turn's speaker."""
    first_person = by_start(ctx.doc, lexicon.FIRST_PERSON)
    for j in range(token_i - 1, max(sentence.start, token_i - 1 - ADVERBS_BEFORE_VERB) - 1, -1):
        mention = ctx.mention_at(ctx.doc[j].idx)
        if mention is not None:
            return mention.entity, ctx.token_index(mention.start)
        if j in first_person:  # "we see", "I think": the speaker of the turn, if this is a transcript
            return ctx.speaker_at(ctx.doc[j].idx), j
        if ctx.doc[j].text in (",", ";", "\u201d", '"'):
            break
    return None, token_i


def _claim(ctx: Context, start_tok: int, sentence: Span, claimant: str | None, kind: str, rule: str) -> Iterator[Claim]:
    """The claim from token `start_tok` to the end of its sentence, if three tokens or more, without the closing
    punctuation (a percent sign is an amount's, not punctuation: '... plus or minus 2%.' states the 2%)."""
    end_tok = sentence.end
    while end_tok > start_tok and (ctx.doc[end_tok - 1].is_punct and ctx.doc[end_tok - 1].text != "%"
                                   or ctx.doc[end_tok - 1].is_space):
        end_tok -= 1
    if end_tok - start_tok < 3:
        return
    span = ctx.doc[start_tok:end_tok]
    turn_start = ctx.turn_start_inside(span.start_char, span.end_char)
    if turn_start is not None:  # a sentence split from the label before it ("Jane Roe: On pricing, ...")
        span = ctx.doc[ctx.token_index(turn_start):end_tok]
    yield Claim(span.start_char, span.end_char, ctx.document.text[span.start_char:span.end_char], claimant, kind,
                rule=rule, sentence=(sentence.start_char, sentence.end_char))


def _kind_of(ctx: Context, hit: Hit | None, start_tok: int, end_tok: int, default: str) -> str:
    """The verb's own kind ('predict' -> forecast), else forecast/plan by the words of the claim."""
    if hit is not None and hit.term.props.get("impliesClaimKind"):
        return str(hit.term.props["impliesClaimKind"])
    if between(ctx.doc, lexicon.FORECAST_CUES, start_tok, end_tok):
        return lexicon.claim_kind("forecast")
    if between(ctx.doc, lexicon.PLAN_CUES, start_tok, end_tok):
        return lexicon.claim_kind("plan")
    return lexicon.claim_kind(default)


def reported_speech(ctx: Context) -> Iterator[Claim]:
    """Rule: <someone> <speech verb> [object] that <clause> ('Zuckerberg said that Meta has ...',
    'He argues that computing power remains crucial ...')."""
    doc = ctx.doc
    for hit in find(doc, lexicon.SPEECH_VERBS):
        sentence = sentence_of_token(doc, hit.start)
        that = next((j for j in range(hit.end, min(hit.end + 3, sentence.end)) if _opens_clause(doc, j)), None)
        if that is None:
            continue
        claimant, _ = _claimant_before(ctx, hit.start, sentence)
        if claimant is None:
            continue
        start = sentence.start if _own_words(ctx, claimant, hit.start) else that + 1
        yield from _claim(ctx, start, sentence, claimant,
                          _kind_of(ctx, hit, that + 1, sentence.end, "assessment"), "reported-speech")


def _opens_clause(doc, j: int) -> bool:
    """'that' opening a clause; not the pronoun of "that's" ('I think that's where it ends')."""
    return doc[j].lower_ == "that" and not (j + 1 < len(doc) and doc[j + 1].lower_ in ("'s", "\u2019s"))


def _own_words(ctx: Context, claimant: str, token_i: int) -> bool:
    """Rule: in a call, what the speaker says they think or expect ('I think that ...', 'we expect that ...') is
    their claim in their own words: the whole sentence, as the call's other claims are."""
    return bool(ctx.turns) and claimant == ctx.speaker_at(ctx.doc[token_i].idx)


def noun_that(ctx: Context) -> Iterator[Claim]:
    """Rule: <someone>'s <reporting noun> that <clause> ("Zuckerberg's prediction that ... will reach ...")."""
    doc = ctx.doc
    for hit in find(doc, lexicon.REPORTING_NOUNS):
        if hit.start < 2 or doc[hit.start - 1].lower_ != "'s" or hit.end >= len(doc) or doc[hit.end].lower_ != "that":
            continue
        owner = ctx.mention_at(doc[hit.start - 2].idx)
        if owner is None:
            continue
        sentence = sentence_of_token(doc, hit.start)
        yield from _claim(ctx, hit.end + 1, sentence, owner.entity,
                          _kind_of(ctx, hit, hit.end + 1, sentence.end, "assessment"), "reporting-noun")


def sees_as(ctx: Context) -> Iterator[Claim]:
    """Rule: <someone> sees/views/regards X as Y ('The CEO also sees DeepSeek's emergence as validation ...')."""
    doc = ctx.doc
    for hit in find(doc, lexicon.ASSESSMENT_VERBS):
        sentence = sentence_of_token(doc, hit.start)
        # "as" introducing the assessment, not "as I mentioned" / "as we said"
        if not any(doc[j].lower_ == "as" and not (j + 1 < len(doc) and doc[j + 1].lower_ in lexicon.words(lexicon.SUBJECT_PRONOUNS))
                   for j in range(hit.end, min(sentence.end, hit.end + 15))):
            continue
        claimant, _ = _claimant_before(ctx, hit.start, sentence)
        if claimant:
            yield from _claim(ctx, hit.end, sentence, claimant, lexicon.claim_kind("assessment"), "sees-as")


def plans(ctx: Context) -> Iterator[Claim]:
    """Rule: <organisation or person> [revealed] plans/intends/aims to ... ('Meta plans to incorporate ...')."""
    doc = ctx.doc
    for hit in find(doc, lexicon.PLAN_CUES):
        if hit.end >= len(doc) or doc[hit.end].lower_ != "to":
            continue
        sentence = sentence_of_token(doc, hit.start)
        start = hit.start
        speech = by_end(doc, lexicon.SPEECH_VERBS)
        if start in speech:  # "revealed plans to": the claimant stands before the speech verb
            start = speech[start].start
        claimant, subject_start = _claimant_before(ctx, start, sentence)
        if claimant is None:
            continue
        yield from _claim(ctx, subject_start, sentence, claimant, lexicon.claim_kind("plan"), "plan")


def quoted_forecasts(ctx: Context, quotes: list[Quote]) -> Iterator[Claim]:
    """Rule: a full quotation that looks forward ('... is going to be a strategic advantage') is a claim of
    its speaker."""
    for quote in quotes:
        if quote.partial or quote.speaker is None or quote.rule.endswith("turn"):
            continue  # a whole transcript turn is not one claim: speaker_outlook reads its sentences
        first, last = ctx.token_index(quote.start), ctx.token_index(quote.end - 1)
        if not (between(ctx.doc, lexicon.FORECAST_CUES, first, last + 1) or between(ctx.doc, lexicon.PLAN_CUES, first, last + 1)):
            continue
        kind = _kind_of(ctx, None, first, last + 1, "assessment")
        yield Claim(quote.start, quote.end, quote.text, quote.speaker, kind, rule="quote", sentence=quote.sentence)


def reported_facts(ctx: Context) -> Iterator[Claim]:
    """Rule: a sentence with 'reportedly' / 'according to X' is a reported claim of X, or of its subject."""
    doc = ctx.doc
    for hit in find(doc, lexicon.REPORTED_CUES):
        sentence = sentence_of_token(doc, hit.start)
        source = ctx.mention_at(doc[hit.end].idx) if hit.end < sentence.end else None
        subject = next((m for m in ctx.mentions_between(sentence.start_char, doc[hit.start].idx)), None)
        claimant = source.entity if source is not None else subject.entity if subject is not None else None
        yield from _claim(ctx, sentence.start, sentence, claimant, lexicon.claim_kind("reported"), "reported")


def forecasts(ctx: Context) -> Iterator[Claim]:
    """Rule: a sentence whose subject is an organisation, model or product and that looks forward
    ("Meta's total expenses are projected to reach ...") is a forecast; the claimant is that organisation
    (or the owner named in its possessive)."""
    doc = ctx.doc
    seen: set[int] = set()
    for hit in find(doc, lexicon.FORECAST_CUES):
        sentence = sentence_of_token(doc, hit.start)
        if sentence.start in seen:
            continue
        subject = next((m for m in ctx.mentions_between(sentence.start_char, doc[hit.start].idx)), None)
        if subject is None or subject.type == "Person":
            continue
        seen.add(sentence.start)
        # in a transcript turn, the one speaking makes the claim, whatever its subject
        claimant = ctx.speaker_at(doc[hit.start].idx) or subject.entity
        yield from _claim(ctx, sentence.start, sentence, claimant, lexicon.claim_kind("forecast"), "forecast")


def speaker_outlook(ctx: Context, figures: list[Figure]) -> Iterator[Claim]:
    """Rule: in a transcript turn, a forward-looking sentence ('we expect Q1 capital expenditures to be over
    $30 billion', 'the new plant will open in May') is the speaker's claim: guidance when it states a figure,
    else a forecast. 'Will' and 'going to' before a move in the talk ('I'll take both of those') are not.
    Rule: in a call's text that no turn's speaker is known for (remarks whose speaker speech to text did not
    label), such a sentence that states a figure is guidance of no one known ('adjusted EPS is now expected to
    be $6.15': not a result of the quarter reported)."""
    if not ctx.turns:
        return
    seen: set[int] = set()
    doc = ctx.doc
    figure_starts = [f.start for f in figures]
    for hit in find(doc, lexicon.FORECAST_CUES):
        sentence = sentence_of_token(doc, hit.start)
        speaker = ctx.speaker_at(doc[hit.start].idx)
        states = bisect_left(figure_starts, sentence.start_char) < bisect_left(figure_starts, sentence.end_char)
        if sentence.start in seen or speaker is None and not states:
            continue
        if hit.term.props.get("weakCue") and _conversation_move(doc, hit, sentence) or _named_thing(doc, hit):
            continue
        if not (states or hit.term.props.get("weakCue") or between(doc, lexicon.FIRST_PERSON, sentence.start, hit.start)):
            continue  # "the outlook" as a noun, said of no one
        if between(doc, lexicon.TOPIC_CUES, sentence.start, min(sentence.end, sentence.start + 3)):
            continue  # "Moving on to our guidance.": a new topic announced, nothing claimed yet
        seen.add(sentence.start)
        kind = lexicon.claim_kind("guidance" if states else "plan" if _own_action(doc, hit, sentence) else "forecast")
        yield from _claim(ctx, sentence.start, sentence, speaker, kind, "speaker-outlook")


def _own_action(doc, hit: Hit, sentence: Span) -> bool:
    """Rule: what the speakers say they will do ('we will open two plants', "we'll continue to invest") is a
    plan: 'will' or 'going to' right after 'we' or 'I', not before 'be' ('we will be able to'), with no forecast
    word before it ('we expect that we will') and no stance in its sentence ('we believe we will grow': a
    forecast)."""
    if not hit.term.props.get("weakCue"):
        return False
    subject = hit.start - 1 - (hit.start > sentence.start and doc[hit.start - 1].lower_ in ("'re", "are", "'m", "am"))
    speakers = lexicon.words(lexicon.FIRST_PERSON) & lexicon.words(lexicon.SUBJECT_PRONOUNS)  # 'we', 'I'
    if subject < sentence.start or doc[subject].lower_ not in speakers:
        return False
    after = doc[hit.end].lower_ if hit.end < sentence.end else ""
    earlier = between(doc, lexicon.FORECAST_CUES, sentence.start, hit.start)
    return after != "be" and not earlier and not between(doc, lexicon.STANCE_CUES, sentence.start, sentence.end)


def speaker_stance(ctx: Context) -> Iterator[Claim]:
    """Rule: in a transcript turn, a sentence in which the speaker takes a stance on the business ('we believe
    ...', 'we're confident ...', 'we remain focused on ...') is the speaker's assessment."""
    if not ctx.turns:
        return
    seen: set[int] = set()
    for hit in find(ctx.doc, lexicon.STANCE_CUES):
        sentence = sentence_of_token(ctx.doc, hit.start)
        speaker = ctx.speaker_at(ctx.doc[hit.start].idx)
        if sentence.start in seen or speaker is None:
            continue
        seen.add(sentence.start)
        yield from _claim(ctx, sentence.start, sentence, speaker, lexicon.claim_kind("assessment"), "stance")


def _conversation_move(doc, hit: Hit, sentence: Span) -> bool:
    """The verb after a weak cue (past a few adverbs) is a move in the talk ('I'll just add', 'we'll turn it
    over'), or the cue is in the past ('was going to')."""
    if doc[hit.start].lower_ == "was":
        return True
    if between(doc, lexicon.GENERIC_SUBJECTS, max(sentence.start, hit.start - 2), hit.start):
        return True  # "you're going to want to ...": a hypothetical of the one addressed
    adverbs = by_start(doc, lexicon.DISCOURSE_ADVERBS)
    i = hit.end
    while i in adverbs and i < sentence.end:
        i = adverbs[i].end
    return i in by_start(doc, lexicon.DISCOURSE_VERBS)


def _with_links(ctx: Context, claim: Claim, figures: list[Figure]) -> Claim:
    """What the claim is about: the entities named in it and the figures it states."""
    about = tuple(dict.fromkeys(m.entity for m in ctx.mentions_between(claim.start, claim.end)))
    starts = [f.start for f in figures]  # figures come in text order
    inside = figures[bisect_left(starts, claim.start):bisect_left(starts, claim.end)]
    bases, ranges = by_end(ctx.doc, lexicon.COMPARISON_BASES), by_end(ctx.doc, lexicon.RANGE_WORDS)
    # a figure right after "from", "compared with" is the base the claim compares with, not one it states (a
    # former range too: "now $3.40 to $3.50 from $3.30 to $3.50"); a range after "range from" is stated
    sentence = ctx.doc.char_span(*claim.sentence, alignment_mode="expand") or ctx.doc[0:0]
    stated = tuple((f.start, f.end) for f in inside if f.end <= claim.end and (
        (base := bases.get(ctx.token_index(f.start))) is None or f.minimum is not None and f.maximum is not None
        and base.start in ranges)
        and not _reported_figure(ctx, f, sentence))
    forward = claim.kind != lexicon.claim_kind("assessment") and claim.kind != lexicon.claim_kind("reported")
    return Claim(claim.start, claim.end, claim.text, claim.claimant, claim.kind, about, stated, claim.rule,
                 claim.sentence, claim_period(ctx, claim.start, claim.end, forward))
