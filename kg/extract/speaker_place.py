"""Where a quotation's speaker stands in its own sentence: after the closing mark ('“...,” Roe said'), before the
opening mark ('Roe said: “...”', 'Roe told reporters the plan was “a disaster”'), or as the subject of the sentence
('Roe called the plan “a disgrace”'); and which entity a speaker phrase names.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicon
from kg.extract.context import Context
from kg.extract.nlp import sentence
from kg.extract.speakers import (INTRODUCING_MARKS, SpeakerPhrase, according_to, active_subject, after_comma,
                                 introducer, lone_introducer, sentence_subject, speaker_after, speaker_before,
                                 speaker_of_verb, subject_names)
from kg.extract.speech_verbs import before_infinitive, is_participle, is_verb, skip_fillers, verbs_by_end, verbs_by_start

if TYPE_CHECKING:
    from kg.extract.quotes import Marked

QUOTE_MARKS = frozenset({"“", "”", '"'})
MAX_FRAME_TOKENS = 16  # tokens after a closing mark where its speaker and verb stand
MAX_BEFORE_TOKENS = 40  # tokens before an opening mark where the sentence's speech verb may stand
MAX_OBJECT_WORDS = 3  # lower-case words of a speech verb's object before a reported clause ('assures his staff')
NEAR_MARK = 3  # tokens between a speech verb and the opening mark it introduces ("said that “", "said: “")
SPEAKER_TYPES = ("Person", "Organization")


def attribute(ctx: Context, marked: Marked, partial: bool) -> tuple[str | None, str]:
    """The speaker and the rule that found it; rule "" when no rule applies, and a speaker None when a rule
    applies but the text does not name who spoke ('a spokesman said'): no guess over none. The speaker right after
    the closing mark comes first, unless the quote sits in a reported clause and that speaker's verb goes on with
    a clause of its own ('Trump claimed that “...,” one prosecutor said the ...'), or is a description that names no
    one while the one before the mark is a name; then the one before the mark."""
    after, before = _after(ctx, marked, partial), _before(ctx, marked)
    unnamed = after is not None and after[0].kind == "description" and speaker_of(ctx, after[0]) is None
    if after is not None and before is not None and (not after[2] or unnamed and before[0].kind == "name"):
        after = None  # 'Roe called it “a disaster,” one official said': the named speaker of the words before
    for found in (after, before):
        if found is not None:
            return speaker_of(ctx, found[0]), found[1]
    # 'Jacobs called the plan “a disgrace”': a quotation no speech verb introduces, the active verb's subject's
    phrase = active_subject(ctx.doc, ctx.token_index(marked.open))
    if phrase is not None and (speaker := speaker_of(ctx, phrase)) is not None:
        return speaker, "sentence-subject"
    return None, ""


def _after(ctx: Context, marked: Marked, partial: bool) -> tuple[SpeakerPhrase, str, bool] | None:
    """Rule: “...,” Roe said / “...,” said Roe / “...?” Roe, the party's chair, asked / “...,” and more words,
    Roe said / “...,” according to Roe. — a speaker and a speech verb after the closing mark, right after it or
    ending its sentence; after a quote that ends its sentence with a full stop, only when they end it too ('“We
    won.” Roe said.', not '“We won.” Roe said the count was wrong.'); never when they introduce the next
    quotation. Also says whether the verb (and an inverted speaker) ends the clause."""
    if marked.close == -1:
        return None
    doc, text = ctx.doc, ctx.document.text
    if "\n" in text[marked.close:marked.close + 4]:
        return None
    first, reach = ctx.token_index(marked.close + 1), marked.close + 1
    # '”,” Roe said': a run of marks and commas glued to the closing mark (an inch mark closed early) is passed over
    while first < len(doc) and (doc[first].is_space or doc[first].text in (",", "”", '"')) \
            and doc[first].idx <= reach + 1:
        reach = max(reach, doc[first].idx + len(doc[first]))
        first += 1
    if first >= len(doc) or doc[first].idx > reach + 2:
        return None
    stated = text[marked.start:marked.end].endswith(".")
    if stated and partial:
        return None  # 'Trump called him “a failed candidate.” Romney fired back': the next sentence is another's
    for according, phrase in according_to(doc):  # '“...,” according to Roe.'
        if according == first:
            return phrase, "according-to", _ends_clause(doc, phrase.end)
    end = _clause_end(doc, first)
    verbs = verbs_by_start(doc)
    for k in range(first, min(end, first + MAX_FRAME_TOKENS)):
        hit = verbs.get(k)
        if hit is not None and is_verb(doc, k) and not before_infinitive(doc, hit.end):
            if k == first and is_participle(doc, k):
                return None  # '“...,” noting that ...': the -ing verb speaks for the sentence's subject, before
            found = _speaker_at(ctx, hit, first, stated)
            if found is not None and partial and _opens_clause(doc, found[0]):
                return None
            if found is not None or stated:
                return found
            break
    if stated:
        return None
    for k in reversed([k for k in range(first, end) if k in verbs and is_verb(doc, k)]):
        hit = verbs[k]  # "“...,” and more words, Gilbert said at a hearing."
        phrase = speaker_before(doc, k, first)
        if phrase is not None and phrase.kind == "name" and _ends_clause(doc, hit.end) \
                and not _opens_clause(doc, phrase):
            return phrase, "after-sentence-verb", True
        break
    return None


def _opens_clause(doc, phrase: SpeakerPhrase) -> bool:
    """'... of “leading from behind” and Roe says he is', '“...,” for instance, and Roe vowed to': a speaker after a
    conjunction is the subject of a clause of its own, not the speaker of a partial quotation before it, nor of
    one that more words set apart from it."""
    return phrase.start > 0 and doc[phrase.start - 1].lower_ in lexicon.words(lexicon.CONJUNCTIONS)


def _clause_end(doc, first: int) -> int:
    """Where the words after a closing mark stop: the next quotation mark, colon or end of sentence."""
    end = sentence(doc, first).end
    for k in range(first, end):
        if doc[k].text in QUOTE_MARKS or doc[k].text in (";", ":"):
            return k
    return end


def _speaker_at(ctx: Context, hit, first: int, stated: bool) -> tuple[SpeakerPhrase, str, bool] | None:
    """The speaker of a verb after a closing mark: after it ('said Roe') when the verb comes first, else before
    it, with nothing but a description between the mark and the name ('Clinton aide Jane Roe said')."""
    doc = ctx.doc
    if hit.start == first:
        phrase = speaker_after(doc, hit.end, sentence(doc, hit.start).end)
        inverted = phrase is not None and phrase.kind == "name" and _ends_clause(doc, phrase.end)
        if hit.term.props.get("objectAfter") and not inverted:
            phrase = None  # '“...,” warned Roe.' inverts; '“...,” telling Fox News that' has an object, no speaker
        rule, stop = "after-verb-subject", (phrase.end if phrase else hit.end)
    elif _joined_to_mark(doc, first, hit.start):
        phrase = speaker_of_verb(doc, hit, floor=sentence(doc, hit.start).start)
        rule, stop = "after-subject-verb", hit.end
    else:
        phrase, rule, stop = speaker_before(doc, hit.start, first), "after-subject-verb", hit.end
        # "Ardent's campaign manager, Lou Petrak, said": the description's name set off by commas (the second one
        # may be missing: 'another friend, Lou Petrak told CNN')
        no_second_comma = phrase is not None and phrase.end == hit.start \
            and doc[first].lower_ not in lexicon.words(lexicon.CONJUNCTIONS)
        named_after = phrase is not None and phrase.kind == "name" and phrase.start > first \
            and doc[phrase.start - 1].text == "," and (doc[phrase.end].text == "," or no_second_comma)
        if phrase is not None and not _only_descriptors(doc, first, phrase.start - named_after):
            return None
    ends = _ends_clause(doc, stop)
    if phrase is None or _introduces_quote(doc, stop, stated) or (stated and not ends):
        return None
    return phrase, rule, ends


def _joined_to_mark(doc, first: int, verb: int) -> bool:
    """Rule: 'Roe backs “fair wages,” opposes “new fees” and recalled the strike' — a speech verb joined by 'and'
    right after the closing mark shares the subject of the verbs before the quotation (the sentence's)."""
    return verb == first + 1 and doc[first].lower_ in lexicon.words(lexicon.VERB_JOINS)


def _only_descriptors(doc, start: int, end: int) -> bool:
    """Between the closing mark and a speaker's name, only words of a description ('Clinton press secretary'),
    no clause of its own."""
    return all(not t.is_punct or t.text in (".", "-", "'s") for t in doc[start:end])


def _introduces_quote(doc, i: int, stated: bool) -> bool:
    """'Roe said: “' — the speech verb opens the next quotation; with a comma it ends one and opens its second
    part ('“...,” Roe said, “...”'), unless the one before ended its sentence ('“We won.” Roe added, “...”')."""
    while i < len(doc) and (doc[i].is_space or (stated and doc[i].text == ",")):
        i += 1
    return i < len(doc) and (doc[i].text == ":" or doc[i].text in QUOTE_MARKS)


def _ends_clause(doc, i: int) -> bool:
    """After 'Roe said': the end, a mark, or a word that adds a circumstance ('in a statement', 'on Monday'),
    not an object or a clause of its own ('Roe said the count was wrong')."""
    return i >= len(doc) or doc[i].is_punct or doc[i].is_space \
        or (doc[i].lower_ in lexicon.words(lexicon.CLAUSE_BREAKS) and doc[i].lower_ != "that")


def _before(ctx: Context, marked: Marked) -> tuple[SpeakerPhrase, str] | None:
    """Rule: Roe said: “...” / Roe said, “...” / Roe told reporters that the plan was “a disaster” / Roe left,
    saying “...” / according to Roe, “...” / Roe: “...” — the last speech verb before the opening mark in the
    same sentence, with its speaker (of a verb in -ing or after 'and', the sentence's subject)."""
    doc = ctx.doc
    mark = ctx.token_index(marked.open)
    sent = sentence(doc, mark)
    introduced = _dash_name_colon(doc, sent.start, mark)
    if introduced is not None:
        return introduced, "colon"
    starts = verbs_by_start(doc)
    k = mark
    while k > max(sent.start, mark - MAX_BEFORE_TOKENS):
        k -= 1
        if doc[k].text in QUOTE_MARKS:
            k = _opening_before(doc, k, sent.start)  # pass over an earlier quotation of the sentence
            continue
        hit = starts.get(k)
        if hit is None or hit.end > mark or not is_verb(doc, k):
            continue
        if _main_clause_between(doc, hit.end, mark):
            return None
        if _in_closed_relative_clause(doc, sent.start, k, mark):
            continue  # 'Roe was asked whether the credit, which the Fund estimates would cost $9 billion, risks “...”'
        phrase = speaker_of_verb(doc, hit, floor=sent.start, limit=mark) or _aside_speaker(doc, sent.start, k)
        if hit.end < len(doc) and doc[hit.end].lower_ == "to" and _verb_before(doc, sent.start, k) \
                and not (phrase is not None and phrase.kind == "name" and _opens_clause(doc, phrase)):
            continue  # 'Cruz said Rubio will continue to be “...”': the sentence's earlier named speaker reports it
        if phrase is not None and phrase.kind in ("name", "pronoun"):
            phrase = _reporter(doc, sent.start, phrase) or phrase
        if phrase is not None and phrase.kind == "description":
            phrase = _maker(doc, sent.start, k) or phrase
        if phrase is None and is_participle(doc, k):
            continue  # 'a statement to Wired explaining': look further back, for the finite verb
        if k > sent.start and doc[skip_fillers(doc, k - 1, sent.start)].lower_ == "to" \
                and (phrase is None or phrase.kind != "name"):
            continue  # 'Roe said it is unrealistic to think that “...”': the finite verb before it reports it
        near = mark - hit.end <= NEAR_MARK
        return (phrase, "before-subject-verb" if near else "reported-speech") if phrase else None
    for according, phrase in according_to(doc):
        if sent.start <= according < mark:
            return phrase, "according-to"
    if mark == sent.start and sent.start > 1:
        found = _sentence_before(ctx, mark)
        if found is not None:
            return found, "sentence-before"
    if mark > sent.start and doc[mark - 1].text in INTRODUCING_MARKS and mark - 1 > sent.start:
        # “Roe: ...” — a name and a colon open the sentence; 'Roe went even further: “...”' — its subject
        phrase = introducer(doc, sent.start, mark - 1) or speaker_before(doc, mark - 1, sent.start)
        return (phrase, "colon") if phrase else None
    return None


def _main_clause_between(doc, start: int, mark: int) -> bool:
    """Rule: 'In a clip that Judge Barke called “crude,” Quist voiced a wish to “close every road”' — a named
    subject after a comma with its verb between a speech verb and the opening mark opens the main clause: the
    speech verb belongs to the opening phrase, the quotation to that subject."""
    return any(verb_next and phrase.start > start + 1 and after_comma(doc, phrase.start)
               for phrase, verb_next in subject_names(doc, start, mark))


def _aside_speaker(doc, floor: int, verb: int) -> SpeakerPhrase | None:
    """Rule: 'The network, Roe said, called the plan “...”' — a name and its speech verb set off by commas right
    before a verb that has no speaker of its own report the sentence."""
    if verb - 3 <= floor or doc[verb - 1].text != ",":
        return None
    hit = verbs_by_end(doc).get(verb - 1)
    if hit is None or is_participle(doc, hit.start):
        return None
    phrase = speaker_before(doc, hit.start, floor)
    if phrase is None or phrase.kind != "name" or phrase.start - 1 <= floor or doc[phrase.start - 1].text != ",":
        return None
    return phrase


def _in_closed_relative_clause(doc, floor: int, verb: int, mark: int) -> bool:
    """Rule: a speech verb inside a relative clause set off by commas (', which the Fund estimates would cost
    $9 billion,') that closes before the opening mark reports only that clause, not the quotation."""
    start = next((j for j in range(verb - 1, floor, -1) if doc[j].text == ","), None)
    if start is None or start + 1 >= verb or doc[start + 1].lower_ not in lexicon.words(lexicon.RELATIVE_PRONOUNS):
        return False
    return any(doc[j].text == "," for j in range(verb + 1, mark))


def _reporter(doc, floor: int, phrase: SpeakerPhrase) -> SpeakerPhrase | None:
    """Rule: 'Roe said that Smith begged him for help and “would have done anything”' — a speaker whose clause a
    named speaker's finite speech verb reports is reported by that speaker."""
    k = phrase.start - (phrase.start > floor and doc[phrase.start - 1].lower_ == "that")
    hit = verbs_by_end(doc).get(k)
    if hit is None and phrase.kind == "pronoun":
        hit = _verb_and_object_before(doc, floor, k)
    if hit is None or hit.start <= floor or is_participle(doc, hit.start) or not is_verb(doc, hit.start):
        return None
    outer = speaker_before(doc, hit.start, floor)
    return outer if outer is not None and outer.kind == "name" else None


def _verb_and_object_before(doc, floor: int, k: int):
    """Rule: 'Barke assures his staff he will tell the “doubters” to “go home”' — a speech verb whose object
    follows it (kg:objectAfter), then up to three lower-case words of that object, right before token k."""
    ends = verbs_by_end(doc)
    for j in range(k - 1, max(floor, k - 1 - MAX_OBJECT_WORDS), -1):
        if not (doc[j].is_lower and doc[j].is_alpha):
            return None
        hit = ends.get(j)
        if hit is not None and hit.term.props.get("objectAfter"):
            return hit
    return None


def _maker(doc, floor: int, verb: int) -> SpeakerPhrase | None:
    """Rule: 'Roe released a video that said, “...”' — a speech verb whose subject is a thing named by a relative
    pronoun speaks for the sentence's named subject, who made the thing."""
    j = skip_fillers(doc, verb - 1, floor)
    if j - 1 <= floor or doc[j].lower_ not in lexicon.words(lexicon.RELATIVE_PRONOUNS) or not doc[j - 1].is_lower:
        return None
    phrase = sentence_subject(doc, floor, j - 1)
    return phrase if phrase is not None and phrase.kind == "name" else None


def _dash_name_colon(doc, floor: int, mark: int) -> SpeakerPhrase | None:
    """Rule: 'Pollsters agree - Jane Roe: “...”' — a name alone before the colon that precedes the opening mark,
    after a dash or at the sentence's start, introduces the quotation, whatever verb the words before it have."""
    k = mark - 1
    while k > floor and doc[k].is_space:
        k -= 1
    return lone_introducer(doc, floor, k) if k > floor and doc[k].text == ":" else None


def _sentence_before(ctx: Context, mark: int) -> SpeakerPhrase | None:
    """Rule: 'Bystrom agreed. “...”' — a quotation that opens a sentence right after one that a name and a speech
    verb end (in the same paragraph) is that name's; 'Clinton released the following statement:' (then, maybe in
    the next paragraph, “...”) — after a colon, the quotation is the subject's of the sentence the colon ends."""
    doc = ctx.doc
    k = mark - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if doc[k].text == ":":
        return sentence_subject(doc, sentence(doc, k).start, k) or first_named_speaker(doc, sentence(doc, k).start, k)
    if "\n\n" in ctx.document.text[doc[k].idx:doc[mark].idx]:
        return None
    while k > 0 and doc[k].is_punct:
        k -= 1
    hit = verbs_by_end(doc).get(k + 1)
    if hit is None or not is_verb(doc, hit.start) or doc[k + 1].text != "." or "\n" in doc[k + 1].whitespace_:
        return None
    phrase = speaker_before(doc, hit.start, sentence(doc, hit.start).start)
    return phrase if phrase is not None and phrase.kind == "name" else None


def first_named_speaker(doc, floor: int, k: int) -> SpeakerPhrase | None:
    """Rule: 'As Joel Pollan reported after the fire:' (then “...”) — with no subject to the sentence a colon ends,
    the named speaker of its first speech verb introduces the quotation."""
    starts = verbs_by_start(doc)
    for j in range(floor, k):
        if j in starts and is_verb(doc, j):
            phrase = speaker_of_verb(doc, starts[j], floor=floor, limit=k)
            return phrase if phrase is not None and phrase.kind == "name" else None
    return None


def _verb_before(doc, floor: int, k: int) -> bool:
    """A speech verb in the sentence before token k with a named speaker ('Cruz said', not 'a turn that called')."""
    starts = verbs_by_start(doc)
    for j in range(floor, k):
        if j in starts and is_verb(doc, j):
            phrase = speaker_of_verb(doc, starts[j], floor=floor, limit=k)
            if phrase is not None and phrase.kind != "description":
                return True
    return False


def _opening_before(doc, k: int, floor: int) -> int:
    """The opening mark of the quotation whose closing mark is token k (k itself when there is none)."""
    for j in range(k - 1, floor - 1, -1):
        if doc[j].text in QUOTE_MARKS:
            return j
    return k


def speaker_of(ctx: Context, phrase: SpeakerPhrase) -> str | None:
    """The entity a speaker phrase names: the person (or organisation) of its name, the person a pronoun refers
    to, the organisation a description names ('a Meta spokesperson', 'the company'), else no one."""
    doc = ctx.doc
    if phrase.kind == "name":
        mention = ctx.mention_at(doc[phrase.name_start].idx)
        return mention.entity if mention is not None and mention.type in SPEAKER_TYPES else None
    if phrase.kind == "pronoun":
        mention = ctx.mention_at(doc[phrase.start].idx)
        return mention.entity if mention is not None and mention.type == "Person" else None
    span = doc[phrase.start:phrase.end]
    orgs = ctx.mentions_between(span.start_char, span.end_char, "Organization")
    if orgs:
        return orgs[-1].entity
    governed = span.start > 0 and doc[span.start - 1].lower_ in lexicon.words(lexicon.PREPOSITIONS)
    return _named_before(ctx, span) if len(span) == 1 and span[0].text[:1].isupper() and not governed else None


def _named_before(ctx: Context, span) -> str | None:
    """Rule: 'Dana Brown wore a brown coat. Brown said: “...”' — one capitalised word in a speaker's place that the
    name rules do not read as a name (a common word opening the sentence, one of two subjects) is the person
    named in full before it with that surname; never a word after a preposition ('a spokeswoman for Brown')."""
    word = span[0].text
    people = [m for m in ctx.mentions_between(0, span.start_char, "Person")
              if " " in ctx.entities[m.entity].name and ctx.entities[m.entity].name.split()[-1] == word]
    return people[-1].entity if people else None
