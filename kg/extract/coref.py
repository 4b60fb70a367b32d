"""References back to entities: pronouns ('he said'), titles ('the CEO') and 'the company'."""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.gazetteer import Gazetteer
from kg.extract.nlp import words
from kg.extract.phrases import find
from kg.model import Mention

LOOKBACK_CHARS = 2000


def resolve_pronouns(doc: Doc, named: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Rule: 'he'/'she' (and him, his, her) refer to the nearest person named before them in the last
    ~2,000 characters whose known gender does not contradict the pronoun."""
    genders = {form: term.props["gender"] for form, term in lexicon.load().forms(lexicon.PERSONAL_PRONOUNS).items()}
    people = sorted((m for m in named if m.type == "Person"), key=lambda m: m.start)
    starts = [m.start for m in people]
    found = []
    for i, word in enumerate(words(doc)):
        gender = genders.get(word.lower())
        if gender is None:
            continue
        token = doc[i]
        k = bisect_left(starts, token.idx) - 1
        while k >= 0 and token.idx - people[k].start < LOOKBACK_CHARS:
            known = gazetteer.get(people[k].entity)
            if known is None or known.gender in (None, gender):
                found.append(Mention(token.idx, token.idx + len(token), token.text, people[k].entity, "Person",
                                     "pronoun"))
                break
            k -= 1
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
