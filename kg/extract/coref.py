"""References back to entities: pronouns ('he said'), titles ('the CEO') and 'the company'."""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.gazetteer import Gazetteer
from kg.extract.nlp import text as normalised_text
from kg.extract.nlp import words
from kg.extract.phrases import find
from kg.extract.name_runs import is_name_prefix
from kg.model import Mention

LOOKBACK_CHARS = 2000


def resolve_pronouns(doc: Doc, named: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Rule: 'he'/'she' (and him, his, her) refer to the person last named in a subject's or a speaker's place
    (a name that opens a sentence or a clause and is followed by its verb, or the speaker of a speech verb) in
    the last ~2,000 characters whose gender (first name, honorific, gazetteer) does not contradict the pronoun;
    never merely to the nearest name."""
    genders = {form: term.props["gender"] for form, term in lexicon.load().forms(lexicon.PERSONAL_PRONOUNS).items()}
    people = [m for m in sorted(named, key=lambda m: m.start) if m.type == "Person" and in_subject_place(doc, m)]
    starts = [m.start for m in people]
    gender_of = _genders(doc, named, gazetteer)
    found = []
    for i, word in enumerate(words(doc)):
        gender = genders.get(word.lower())
        if gender is None:
            continue
        token = doc[i]
        k = bisect_left(starts, token.idx) - 1
        while k >= 0 and token.idx - people[k].start < LOOKBACK_CHARS:
            if gender_of.get(people[k].entity) in (None, gender):
                found.append(Mention(token.idx, token.idx + len(token), token.text, people[k].entity, "Person",
                                     "pronoun"))
                break
            k -= 1
    return found


def in_subject_place(doc: Doc, mention: Mention) -> bool:
    """A name in a subject's place: after the start of a sentence or clause (a mark, a conjunction, an office or a
    description of the person) and before a lower-case word that is not a preposition or conjunction
    ('Trump has complained', 'But Clinton said'), or a speaker's name ('..., said Trump')."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in lexicon.words(lexicon.SPEECH_VERBS):
        return True
    openers = lexicon.words(lexicon.CONJUNCTIONS) | lexicon.words(lexicon.SUBJECT_CLAUSE_OPENERS)  # 'When Roe said'
    opens = before is None or before.is_sent_end or before.is_punct or before.lower_ in openers \
        or is_name_prefix(before) or doc[span.start].is_sent_start
    closers = lexicon.words(lexicon.PREPOSITIONS) | lexicon.words(lexicon.CONJUNCTIONS)
    verb_next = after is not None and after.is_lower and after.is_alpha and after.lower_ not in closers
    return bool(opens and verb_next)


def _genders(doc: Doc, named: list[Mention], gazetteer: Gazetteer) -> dict[str, str]:
    """The gender of each person the text names, where something says it: the gazetteer, an honorific before a
    mention ('Mr.', 'Ms.'), or a first name (lexicon first-names, when it is not used by both)."""
    first_names = lexicon.load().forms(lexicon.FIRST_NAMES)
    honorific_gender = {form: term.props.get("gender") for form, term in lexicon.load().forms(lexicon.HONORIFICS).items()}
    text, found = normalised_text(doc), {}
    for m in named:
        if m.type != "Person" or m.entity in found:
            continue
        known = gazetteer.get(m.entity)
        word_before = text[max(0, m.start - 5):m.start].strip().rstrip(".").split()[-1:] or [""]
        first = first_names.get(m.text.split()[0].lower()) if " " in m.text else None
        gender = (known.gender if known else None) or honorific_gender.get(word_before[0].lower()) \
            or (first.props["gender"] if first and first.props["gender"] != "either" else None)
        if gender:
            found[m.entity] = gender
    return found


def resolve_titles(doc: Doc, role_holders: dict[str, str]) -> list[Mention]:
    """Rule: 'the CEO' / 'the chief financial officer' (a title after 'the', with no name after it) refers to
    the person this document gives that title."""
    found = []
    for hit in find(doc, lexicon.ROLES):
        holder = role_holders.get(hit.term.concept)
        before = doc[hit.start - 1] if hit.start > 0 else None
        after = doc[hit.end] if hit.end < len(doc) else None
        if holder and before is not None and before.lower_ == "the" and not (after is not None and after.text[:1].isupper()):
            span = doc[hit.start - 1:hit.end]
            found.append(Mention(span.start_char, span.end_char, span.text, holder, "Person", "title"))
    return found


def resolve_definite_organisations(doc: Doc, focus: str | None) -> list[Mention]:
    """Rule: 'the company' / 'the firm' refers to the organisation the document is about."""
    if focus is None:
        return []
    found = []
    for hit in find(doc, lexicon.DEFINITE_ORG_NOUNS):
        if hit.start > 0 and doc[hit.start - 1].lower_ == "the":
            span = doc[hit.start - 1:hit.end]
            found.append(Mention(span.start_char, span.end_char, span.text, focus, "Organization", "definite"))
    return found
