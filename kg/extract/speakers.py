"""Who a speech verb's speaker is: the phrase before the verb ("Clinton press secretary Brian Fallon said") or after
it ("said Sen. Tim Kaine (D-Va.)"), read as a name, a pronoun or a description.

The name is the last run of name words of the phrase; offices, ranks and honorifics before it belong to the
mention, not to the name (lexicon name-prefixes). An apposition or a parenthesis between a name and its verb is
passed over ("Warren, who has not endorsed anyone, told reporters"; "Kaine (D-Va.) said").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.name_runs import (abbreviation_stop, forced_capital, is_acronym, is_name_prefix, is_run_word, lower_word_end,
                                  lower_word_start, lower_words, name_in_run, possessor_start, run_start)
from kg.extract.nlp import sentence, word_positions, words
from kg.extract.nlp import text as doc_text
from kg.extract.phrases import Hit, find
from kg.extract.shapes import is_name_word
from kg.extract.speech_verbs import (attribution_schemes, before_infinitive, inversion_place, is_participle, is_verb,
                                     skip_fillers, verbs_by_start)

MAX_DESCRIPTION_WORDS = 3  # lower-case words of a post between two names ('campaign manager')
MAX_APPOSITION = 16  # tokens of "Roffman, a securities analyst for ... Scott, recalled"
MAX_RELATIVE_CLAUSE = 30  # tokens of "Trump, who previously questioned whether ..., said"
MAX_AFTER_VERB = 10  # tokens of "said Clinton campaign manager Robby Mook"
QUOTE_OPENERS = frozenset({"“", '"'})
DASHES = ("--", "—", "–", "-")
INTRODUCING_MARKS = (":",) + DASHES  # 'Roe went further: “...”', 'Roe wrapped up — “...”'


@dataclass(frozen=True)
class SpeakerPhrase:
    """A speaker phrase: token span [start, end) and what it is; for a name, the span of the name within it."""

    start: int
    end: int
    kind: str  # "name", "pronoun" or "description"
    name_start: int = -1
    name_end: int = -1
    organisation: bool = False  # a name that reads as an organisation's: "the White House", "DNC"


@lru_cache(maxsize=1)
def _aside_openers() -> frozenset[str]:
    """Words that open a description or a relative clause after a comma ('Roe, a senator', 'Roe, who ...')."""
    return lexicon.words(lexicon.APPOSITION_STARTS) | lexicon.words(lexicon.RELATIVE_PRONOUNS)


def _pronoun(doc: Doc, i: int) -> bool:
    return doc[i].lower_ in lexicon.words(lexicon.SUBJECT_PRONOUNS)


def _named(doc: Doc, start: int, end: int, run_start: int) -> SpeakerPhrase | None:
    """A phrase whose capitalised run is doc[run_start:end]: a name (or an organisation's), else None; a word that
    opens a sentence and that the text also writes in lower case is a common noun ('Mourners said')."""
    if end - run_start == 1 and is_acronym(doc[run_start]):
        return SpeakerPhrase(start, end, "name", run_start, end, organisation=True)
    if end - run_start == 1 and forced_capital(doc, run_start) \
            and (doc[run_start].lower_ in lower_words(doc) or run_start in verbs_by_start(doc)):
        return None  # 'Mourners said', 'Continuing to explain, ...': a common word opens the sentence
    found = name_in_run(doc, run_start, end)
    if found is None:
        return None
    definite = run_start > 0 and doc[run_start - 1].lower_ == "the"  # "the White House", "The Post"
    return SpeakerPhrase(min(start, found[0]), end, "name", found[0], found[1], organisation=definite)


def speaker_before(doc: Doc, verb: int, floor: int = 0) -> SpeakerPhrase | None:
    """The speaker phrase right before the speech verb at token `verb` (not before token `floor`); a name after a
    preposition is the object of something else ('a message to Trump:'), a description; a passive verb has none
    ('Roe was asked', 'Roe was called “a fraud”': Roe is spoken to or about)."""
    if verb > floor and doc[verb - 1].lower_ in lexicon.words(lexicon.PASSIVE_CUES) and not doc[verb].lower_.endswith("ing"):
        return None
    j = skip_fillers(doc, verb - 1, floor)
    if j > floor and doc[j].lower_ == "to":  # "Pence went on to say", "Roe wanted to say"
        j = skip_fillers(doc, j - 1 - sum(1 for t in doc[max(floor, j - 2):j] if t.is_lower and t.is_alpha), floor)
    if j >= floor and doc[j].text in (",", ")"):
        j = _before_aside(doc, j, floor)
    if j is None or j < floor:
        return None
    antecedent = doc[j].lower_ == "who" and j - 2 >= floor and doc[j - 1].text == ","
    if antecedent:
        j -= 2  # "according to Hale, who said": the name the relative clause is about
    if _pronoun(doc, j):
        return SpeakerPhrase(j, j + 1, "pronoun")
    if is_run_word(doc[j]) or is_acronym(doc[j]):
        run = run_start(doc, j + 1, floor) if not is_acronym(doc[j]) else j
        # 'a message to Trump said' is governed; 'As Michael Dell said', '“...,” Lee wrote after Roe argued that' are
        # not ('as', 'after' join a clause there; rule), nor 'with Roe yelling' (the -ing verb's subject), nor
        # 'Secretary of State John Roe said' (an office's 'of')
        governed = not antecedent and run > floor and doc[run - 1].lower_ in lexicon.words(lexicon.PREPOSITIONS) \
            and doc[run - 1].lower_ not in lexicon.words(lexicon.CLAUSE_PREPOSITIONS) and not (doc[run - 1].lower_ == "with" and is_participle(doc, verb)) \
            and not _office_of(doc, run - 1, floor)
        plural = j + 1 == run + 1 and any(t.lower_ in lexicon.words(lexicon.PLURAL_VERBS) for t in doc[j + 1:verb])
        named = None if governed or plural else _named(doc, run, j + 1, run)
        return named or SpeakerPhrase(run, j + 1, "description")
    return _description_before(doc, j, floor)


def _office_of(doc: Doc, i: int, floor: int) -> bool:
    """Token i is the 'of' of an office before a name ('Secretary of State John Roe')."""
    return doc[i].lower_ == "of" and i - 1 >= floor and doc[i - 1].text[:1].isupper() and is_name_prefix(doc[i - 1])


def _before_aside(doc: Doc, j: int, floor: int) -> int | None:
    """The last token of the name before an apposition or parenthesis that ends at token j ('Warren, who ...,'
    or 'Kaine (D-Va.)'), or None when there is none."""
    opener = "(" if doc[j].text == ")" else ","
    k = j - 1
    while k > max(floor, j - MAX_RELATIVE_CLAUSE) and (doc[k].text != opener or _place_between(doc, k, j)):
        if doc[k].text in ('"', "“", "”", ".", ";", ":"):
            return None
        k -= 1
    if k <= floor or doc[k].text != opener or (j - k >= MAX_APPOSITION and not _relative_clause(doc, k + 1)):
        return None
    inside = doc[k + 1]
    if opener == "," and is_run_word(doc[j - 1]) and all(is_run_word(t) for t in doc[k + 1:j]):
        return j - 1  # "Florida's attorney general, Pam Bondi, vowed": the name is the apposition
    if opener == "," and not (inside.is_lower or inside.like_num or inside.lower_ in _aside_openers()
                              or _party_and_state(doc, k + 1, j)):
        return None  # "Roe, Smith and Lee said": a list, not an apposition
    name_end = k - 1
    return name_end if name_end >= floor and (is_name_word(doc[name_end]) or is_acronym(doc[name_end])) else None


def _party_and_state(doc: Doc, start: int, end: int) -> bool:
    """Rule: tokens [start, end) are a politician's party and state ('R-Ky.', 'D-N.Y.'; lexicon party-letters):
    between commas after a name, an apposition of it ('Sen. Ron Marsh, R-Wis., said')."""
    return end - start == 3 and doc[start].lower_ in lexicon.words(lexicon.PARTY_LETTERS) \
        and doc[start].text.isupper() and doc[start + 1].text == "-" and doc[start + 2].text[:1].isupper()


def _relative_clause(doc: Doc, i: int) -> bool:
    """Rule: 'Roe, who questioned whether the judge could be fair after the ruling on the wall in the spring, said
    Friday that “...”' — a relative clause after a name may run longer than an apposition before the name's verb."""
    return doc[i].lower_ in lexicon.words(lexicon.RELATIVE_PRONOUNS)


def _place_between(doc: Doc, k: int, j: int) -> bool:
    """The words between the comma at token k and the next comma up to j name a place ('in Columbus, Ohio, said')."""
    end = k + 1
    while end < j and doc[end].text != ",":
        end += 1
    return end > k + 1 and doc[k + 1:end].text.lower() in lexicon.words(lexicon.PLACES)


def _description_before(doc: Doc, j: int, floor: int) -> SpeakerPhrase | None:
    """'a spokesman', 'the company', 'two officials': a description that ends at token j."""
    if not doc[j].is_alpha:
        return None
    k = j
    while k > floor and k > j - 5 and (doc[k - 1].is_alpha or doc[k - 1].lower_ == "'s") \
            and doc[k - 1].lower_ not in lexicon.words(lexicon.CONJUNCTIONS):
        k -= 1
    return SpeakerPhrase(k, j + 1, "description")


def speaker_after(doc: Doc, start: int, limit: int) -> SpeakerPhrase | None:
    """The speaker phrase right after an inverted speech verb that ends at `start` ('said Clinton campaign manager
    Robby Mook', 'said Stephen Vladeck of the law school', 'said the White House', 'said one aide'); `limit` is
    the end of its sentence. The name is the first capitalised run that ends the phrase or comes before 'of'."""
    if start >= limit:
        return None
    if _pronoun(doc, start):
        return SpeakerPhrase(start, start + 1, "pronoun")
    end = start
    breaks = lexicon.words(lexicon.CLAUSE_BREAKS)
    while end < limit and end - start < MAX_AFTER_VERB and doc[end].lower_ not in breaks \
            and (not doc[end].is_punct or doc[end].text == "-" or abbreviation_stop(doc, end)):
        end += 1
    if end == start:
        return None
    k = start
    while k < end:
        if not (is_run_word(doc[k]) or is_acronym(doc[k])):
            k += 1
            continue
        run_end = k
        while run_end < end and (is_run_word(doc[run_end]) or abbreviation_stop(doc, run_end)):
            run_end += 1
        run_end = max(run_end, k + 1)
        if run_end == end or doc[run_end].lower_ == "of":
            return _named(doc, start, run_end, k) or SpeakerPhrase(start, end, "description")
        k = run_end
    return SpeakerPhrase(start, end, "description")


def sentence_subject(doc: Doc, floor: int, verb: int) -> SpeakerPhrase | None:
    """The name that opens a clause between tokens `floor` and `verb` and is followed by its verb (or, in an
    apposition, by a comma): the subject of a sentence whose speech verb is an -ing form or follows 'and' ('Roe
    left the stage, saying “...”'), or whose words end in a colon ('Roe went further: “...”'); never a possessor,
    the object of a preposition, or a place set off by commas ('Speaking in Salem, New Hampshire, Trump said')."""
    found = list(subject_names(doc, floor, verb))
    verb_first = [phrase for phrase, followed_by_verb in found if followed_by_verb]
    return (verb_first or [phrase for phrase, _ in found] or [None])[0]


def subject_names(doc: Doc, start: int, end: int):
    """The names in a subject's place between tokens `start` and `end`, in text order, each with whether its verb
    follows it (else it is an apposition between commas: 'Trump's director, Mike Rubino, reached out'). An office
    after a name is no verb: 'by Joe Arkin, the Ohio sheriff and hard-liner, Quist launched' (rule); a name after
    'when' opens its clause: 'When Quist said she would “rebuild every bridge,” the crowd cheered' (rule)."""
    function_words = lexicon.function_words()
    k = start
    while k < end:
        if not (is_run_word(doc[k]) or is_acronym(doc[k])) or _is_inner_hyphen_or_particle(doc, k):
            k += 1
            continue
        run_end = k + 1
        while run_end < end and is_run_word(doc[run_end]):
            run_end += 1
        before = doc[k - 1] if k > 0 else None
        after = doc[_past_day(doc, run_end, end)] if run_end < len(doc) else None
        opens = before is None or k == start or before.is_punct or before.is_space or doc[k].is_sent_start \
            or before.lower_ in lexicon.words(lexicon.CONJUNCTIONS) or (before.is_lower and is_name_prefix(before)) \
            or before.lower_ in lexicon.words(lexicon.SUBJECT_CLAUSE_OPENERS) \
            or (before.lower_ == "the" and (k - 1 == start or _clause_start(doc, k - 1))) \
            or _after_opening_adverb(doc, k, start) or _after_opening_age(doc, k, start) \
            or _after_opening_possessor(doc, k, run_end, start)  # 'The Roe Fund said'
        verb_next = after is not None and after.is_lower and after.is_alpha and after.lower_ not in function_words \
            and not _description_of_name(doc, run_end, end) and not is_name_prefix(after)
        if run_end - k == 1 and after is not None and after.lower_ in lexicon.words(lexicon.PLURAL_VERBS):
            k = run_end  # 'Organizations are ...': a group
            continue
        # 'Mike Rubino, ... reached' is an apposition, not 'Hastily, ...' nor 'Wait, it gets better'
        apposition = after is not None and after.text == "," and (before is None or before.text == "," or k == start) \
            and not doc[run_end - 1].lower_.endswith("ly") and not (run_end + 1 < end and _pronoun(doc, run_end + 1))
        if opens and (verb_next or apposition) and doc[k].lower_ not in function_words \
                and (phrase := _named(doc, k, run_end, k)) is not None:
            yield phrase, verb_next
        k = run_end


def _past_day(doc: Doc, i: int, end: int) -> int:
    """Rule: 'Roe on Thursday ratcheted up his attacks, saying “...”' — past a day between a subject and its verb;
    'Roe earlier quashed the rumors by tweeting that “...”' — past an adverb that also opens a noun phrase."""
    on_day = i + 2 < end and doc[i].lower_ == "on" and doc[i + 1].lower_ in lexicon.words(lexicon.CALENDAR_WORDS)
    adverb = i + 1 < end and doc[i].is_alpha and doc[i].lower_ in lexicon.words(lexicon.VERB_FILLERS) \
        and doc[i].lower_ in lexicon.words(lexicon.DETERMINERS) and doc[i + 1].is_lower and doc[i + 1].is_alpha
    return i + 2 if on_day else i + 1 if adverb else i


def _after_opening_adverb(doc: Doc, k: int, start: int) -> bool:
    """Rule: 'And then Roe went on the attack, saying “...”' — an adverb that opens the clause, alone or after a
    conjunction, leaves the name after it in a subject's place."""
    if k - 1 <= start:
        return False
    adverb, opener = doc[k - 1], doc[k - 2]
    return adverb.is_lower and (adverb.lower_ in lexicon.words(lexicon.VERB_FILLERS) or adverb.lower_.endswith("ly")) \
        and (opener.lower_ in lexicon.words(lexicon.CONJUNCTIONS) or opener.is_punct or k - 2 == start)


def _after_opening_age(doc: Doc, k: int, start: int) -> bool:
    """Rule: '17-year-old Jared Pott echoed: “...”' — an age that opens the clause (after 'a' or 'the' or not)
    leaves the name after it in a subject's place."""
    age = k - 5
    if age < start or [t.lower_ for t in doc[age + 1:k]] != ["-", "year", "-", "old"] or not doc[age].like_num:
        return False
    age -= age > start and doc[age - 1].lower_ in lexicon.words(lexicon.APPOSITION_STARTS)
    return age == start or doc[age - 1].is_punct or doc[age - 1].is_space


def _after_opening_possessor(doc: Doc, k: int, run_end: int, start: int) -> bool:
    """Rule: 'The Harbor Ledger's Jeet Hoon sees the piece as “...”' — a full name after the possessive of a
    capitalised run that opens the clause (with 'the' before it or not) is in a subject's place."""
    return run_end - k >= 2 and possessor_start(doc, k, start) < k


def _description_of_name(doc: Doc, i: int, end: int) -> bool:
    """Lower-case words from token i that end in an office before a name: 'Clinton campaign manager Robby Mook'
    (after 'Clinton'), whose first name is no subject."""
    j, count = i, 0
    while j < end and count < MAX_DESCRIPTION_WORDS and doc[j].is_lower and doc[j].is_alpha:
        j, count = lower_word_end(doc, j), count + 1
    return i < j < end and is_name_prefix(doc[j - 1]) and is_name_word(doc[j])


def _clause_start(doc: Doc, i: int) -> bool:
    return doc[i].is_sent_start or doc[i - 1].is_punct or doc[i - 1].is_space


def _is_inner_hyphen_or_particle(doc: Doc, k: int) -> bool:
    return doc[k].text == "-" or doc[k].lower_ in lexicon.words(lexicon.NAME_PARTICLES)


def speaker_of_verb(doc: Doc, hit: Hit, floor: int | None = None, limit: int | None = None) -> SpeakerPhrase | None:
    """The speaker of a speech verb, within its sentence (or within [floor, limit)): the phrase before it; when
    nothing stands before it (a quotation's mark, the sentence's start), the phrase after it, unless the verb's
    object follows it ('told Fox News'). A verb in -ing, or after 'and', speaks for the name right before it, else
    for the speaker of the sentence's previous speech verb ('Nefzi said, adding'), else for the sentence's subject
    ('Roe left the stage, saying')."""
    verb_start, verb_end = hit.start, hit.end
    sent = sentence(doc, verb_start)
    floor = sent.start if floor is None else floor
    if is_participle(doc, verb_start) or (verb_start > floor
                                          and doc[verb_start - 1].lower_ in lexicon.words(lexicon.VERB_JOINS)):
        before = speaker_before(doc, verb_start, floor)
        if before is not None and before.kind == "name":
            return before
        return _previous_speaker(doc, floor, verb_start) or sentence_subject(doc, floor, verb_start) \
            or _opening_pronoun(doc, floor, verb_start)
    before = speaker_before(doc, verb_start, floor)
    if before is not None or not inversion_place(doc, verb_start, floor):
        return before
    return None if hit.term.props.get("objectAfter") else speaker_after(doc, verb_end, sent.end if limit is None else limit)


def _opening_pronoun(doc: Doc, floor: int, verb: int) -> SpeakerPhrase | None:
    """'She followed that by saying': a pronoun that opens the clause, before a lower-case verb."""
    if floor + 1 < verb and _pronoun(doc, floor) and doc[floor + 1].is_lower:
        return SpeakerPhrase(floor, floor + 1, "pronoun")
    return None


def _previous_speaker(doc: Doc, floor: int, verb: int) -> SpeakerPhrase | None:
    """The name speaking through the last finite speech verb before token `verb` in the sentence."""
    starts = verbs_by_start(doc)
    for k in range(verb - 1, floor - 1, -1):
        hit = starts.get(k)
        if hit is not None and not is_participle(doc, k) and is_verb(doc, k):
            phrase = speaker_before(doc, k, floor)
            return phrase if phrase is not None and phrase.kind == "name" else None
    return None


def according_to(doc: Doc) -> list[tuple[int, SpeakerPhrase]]:
    """'according to Roe' / 'according to a spokesman': (token of 'according', the phrase after 'to'); one word
    that is not a first name there is an organisation's name ('according to Worldpanel'), unless the text names a
    person by it (the entity rules then make it that person)."""
    texts, found, positions = words(doc), [], word_positions(doc)
    for i in sorted(positions.get("according", []) + positions.get("According", [])):
        if i + 2 < len(texts) and texts[i + 1].lower() == "to":
            phrase = speaker_after(doc, i + 2, sentence(doc, i).end)
            if phrase is not None and phrase.kind == "name" and phrase.name_end - phrase.name_start == 1 \
                    and texts[phrase.name_start].lower() not in lexicon.words(lexicon.FIRST_NAMES):
                phrase = replace(phrase, organisation=True)  # 'according to Worldpanel': a source, often a firm
            if phrase is not None:
                found.append((i, phrase))
    return found


def speaker_phrases(doc: Doc) -> list[SpeakerPhrase]:
    """Every speaker phrase of the text: of each speech or quotation verb, and after 'according to'."""
    phrases, texts = [], words(doc)
    for scheme in attribution_schemes():
        for hit in find(doc, scheme):
            before = hit.start - 1 - (hit.start > 1 and texts[hit.start - 1].startswith("'"))  # "you're thinking"
            if before >= 0 and texts[before].lower() in lexicon.words(lexicon.SUBJECT_PRONOUNS):
                continue  # 'we expect', 'I think', "you're thinking": no name to find
            if not is_verb(doc, hit.start):
                continue
            phrase = speaker_of_verb(doc, hit)
            if phrase is not None and before_infinitive(doc, hit.end) and not _first_named(doc, phrase):
                continue  # 'costs continue to grow', 'Apple expects to ship': the form before 'to' speaks nothing
            if phrase is not None:
                phrases.append(phrase)
    phrases += [phrase for _, phrase in according_to(doc)]
    phrases += introduced_subjects(doc)
    phrases += [phrase for _, phrase in signatures(doc)]
    return phrases


def signatures(doc: Doc) -> list[tuple[int, SpeakerPhrase]]:
    """'-President Obama, tweeting after the speech.' / '— Jane Roe, Dayton.': a line that opens with a dash and
    a name signs the quotation above it; (token of the dash, the name's phrase)."""
    found, positions = [], word_positions(doc)
    for dash in sorted(i for mark in DASHES for i in positions.get(mark, ())
                       if i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_):
        end = dash + 1
        while end < len(doc) and is_run_word(doc[end]) and "\n" not in doc[end].whitespace_:
            end += 1
        if end > dash + 1 and (end == len(doc) or doc[end].text in (",", ".") or "\n" in doc[end - 1].whitespace_):
            phrase = _named(doc, dash + 1, end, dash + 1)
            if phrase is not None:
                found.append((dash, phrase))
    return found


def _first_named(doc: Doc, phrase: SpeakerPhrase) -> bool:
    """A name that opens with a first name (lexicon first-names): 'Pam Bondel vowed to', a person's."""
    return phrase.kind == "name" and phrase.name_end - phrase.name_start > 1 \
        and doc[phrase.name_start].lower_ in lexicon.words(lexicon.FIRST_NAMES)


def is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it follows a space, a bracket or the start, and a non-space follows it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014-:") and not after.isspace()


def introduced_subjects(doc: Doc) -> list[SpeakerPhrase]:
    """The subjects that speak a quotation without a speech verb: of a sentence whose words end in a colon or a
    dash before it ('Roe went further: “...”'), and of the active verb that opens its sentence ('Roe called it
    “a disgrace”')."""
    found, texts, text = [], words(doc), doc_text(doc)
    for mark in sorted(i for opener in QUOTE_OPENERS for i in word_positions(doc).get(opener, [])):
        if doc[mark].text == '"' and not is_opening_straight(text, doc[mark].idx):
            continue  # a straight mark that closes a quotation: the words before it are the quotation's
        k = mark - 1
        while k > 0 and doc[k].is_space:
            k -= 1
        if k > 0 and texts[k] in INTRODUCING_MARKS:
            phrase = introducer(doc, sentence(doc, k).start, k)
        elif (phrase := active_subject(doc, mark)) is not None and _lone_opening_word(doc, phrase):
            phrase = None
        if phrase is not None:
            found.append(phrase)
    return found


def introducer(doc: Doc, floor: int, mark: int) -> SpeakerPhrase | None:
    """Who speaks a quotation after the colon or dash at token `mark`: a name that stands alone before it, at the
    sentence's start or after a dash ('Polls ran early - Jane Roe: “...”'), else the sentence's subject ('Roe went
    even further: “...”')."""
    return lone_introducer(doc, floor, mark) or sentence_subject(doc, floor, mark)


def lone_introducer(doc: Doc, floor: int, mark: int) -> SpeakerPhrase | None:
    """A name that stands alone before the colon or dash at token `mark`: at the sentence's start or after a dash."""
    named = speaker_before(doc, mark, floor)
    if named is not None and named.kind == "name" and (named.start == floor or doc[named.start - 1].text in DASHES):
        return named
    return _from_name(doc, floor, mark)


def _from_name(doc: Doc, floor: int, mark: int) -> SpeakerPhrase | None:
    """Rule: 'What it means for the fall - More from Jones: “...”' — a name after 'from' right before the colon is
    the source of the quotation it introduces."""
    run = run_start(doc, mark, floor)
    if run == mark or run - 1 < floor or doc[run - 1].lower_ != "from":
        return None
    return _named(doc, run, mark, run)


def _lone_opening_word(doc: Doc, phrase: SpeakerPhrase) -> bool:
    """One capitalised word that opens its sentence ('Shutting people out is “...”'): too weak a sign of a name
    before a verb that is not a speech verb."""
    return phrase.name_end - phrase.name_start == 1 and not is_acronym(doc[phrase.name_start]) \
        and (doc[phrase.name_start].is_sent_start or phrase.name_start == sentence(doc, phrase.name_start).start)


def active_subject(doc: Doc, mark: int) -> SpeakerPhrase | None:
    """The name that opens the sentence of token `mark`, or its main clause after an opening phrase and a comma
    (with 'the' before it or not), before it, as the subject of an active verb ('Jacobs called the plan', 'At the
    debate, Jacobs blamed the', 'At noon, the DNC issued', not 'Roe was called')."""
    sent = sentence(doc, mark)
    found = next((found for found in subject_names(doc, sent.start, mark) if _main_clause_subject(doc, sent.start, found)), None)
    if found is None or not found[1]:
        return None
    passive = lexicon.words(lexicon.PASSIVE_CUES)
    if any(t.lower_ in passive for t in doc[found[0].end:min(found[0].end + 2, mark)]):
        return None
    return found[0]


def _main_clause_subject(doc: Doc, floor: int, found: tuple[SpeakerPhrase, bool]) -> bool:
    """Rule: 'Filling in for Lee where Mara and Okafor spoke, Weston landed a dig at “...”' — the subject of the
    main clause opens the sentence or follows the comma that ends an opening phrase; the names inside that phrase
    are no subject of the sentence."""
    phrase, verb_next = found
    start = phrase.start - (phrase.start > floor and doc[phrase.start - 1].lower_ == "the")
    start = _described_from(doc, floor, start)
    start = possessor_start(doc, start, floor) if phrase.name_end - phrase.name_start > 1 else start
    return start == floor or not any(t.is_alpha for t in doc[floor:start]) or (after_comma(doc, start) and verb_next)


def after_comma(doc: Doc, i: int) -> bool:
    """Token i follows a comma, or a closing mark after a comma ('called “crude,” Quist voiced')."""
    return i > 0 and (doc[i - 1].text == "," or i > 1 and doc[i - 1].text in ("”", '"') and doc[i - 2].text == ",")


def _described_from(doc: Doc, floor: int, name: int) -> int:
    """Rule: 'Republican presidential candidate Jane Roe has pointed to “...”' — where the description of the name at
    token `name` starts: a capitalised run and lower-case words ending in an office before it (else `name`)."""
    j, count = name, 0
    while j > floor and count < MAX_DESCRIPTION_WORDS and doc[j - 1].is_lower and doc[j - 1].is_alpha:
        j, count = max(floor, lower_word_start(doc, j - 1)), count + 1
    if j == name or not is_name_prefix(doc[name - 1]):
        return name
    run = run_start(doc, j, floor)
    return run if run < j else name
