"""People named with their posts: a title before the name ('CFO Susan Li') or in apposition after it ('Amy Hood,
Chief Financial Officer'), with the organisation the post is held at where the text names it."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg import lexicon
from kg.documents.names import post_words
from kg.extract.found import Found
from kg.extract.nlp import words
from kg.extract.phrases import find
from kg.extract.shapes import is_capitalised, is_name_word, is_proper_word, person_name_end


@dataclass(frozen=True)
class RoleHint:
    """A title next to a person: `org_token` is the token index of an organisation mention, if one is named."""

    person_start: int
    title: str
    role: str
    org_start: int | None
    start: int
    end: int


def titled_people(doc: Doc) -> tuple[list[Found], list[RoleHint]]:
    """Rule: a job title right before a personal name ('CFO Susan Li', "Apple's CEO, Tim Cook"), and each title
    joined to it before ("Zentara's chair and CEO, Paulo Reyes"); a capitalised name just before the titles is
    the organisation ('Zentara CEO Paulo Reyes', "Zentara's CFO")."""
    people, roles = [], []
    hits = find(doc, lexicon.ROLES)
    ending = {hit.end: hit for hit in hits}
    for hit in hits:
        i = hit.end
        chain = [hit]  # "JPMorgan Chase's chairman and CEO, Jamie Dimon": each title is a post
        while chain[0].start > 1 and doc[chain[0].start - 1].lower_ in ("and", ",") \
                and (before := ending.get(chain[0].start - 1)) is not None:
            chain.insert(0, before)
        # "Apple's CEO, Tim Cook" / "followed by CFO, Kevan Parekh": a comma may separate titles and name, unless
        # the titles follow a comma ("Amy Hood, CFO, Alice Jolla, ..." and "Ted Roe, our Chair and CEO, Ana Ruiz,
        # COO" are lists of appositions)
        if i < len(doc) and doc[i].text == ",":
            if _after_comma(doc, chain[0].start):
                continue
            i += 1
        end = person_name_end(doc, i) if i < len(doc) else None
        if end is None or any(t.lower_ in post_words() for t in doc[i:end]):
            continue  # no name, or a department or another title ('Senior Director, Investor Relations')
        name = doc[i:end].text
        people.append(Found(i, end, name, "Person", "title"))
        org = chain[0].start - 1
        if org >= 0 and doc[org].lower_ == "'s":
            org -= 1
        org_start = org
        while org_start > 0 and is_proper_word(doc[org_start - 1]) and org - org_start < 2:
            org_start -= 1
        # 'Clinton press secretary': before an office of politics the word is a person or a place, not its body
        if org >= 0 and is_proper_word(doc[org]) and is_capitalised(doc[org_start]) \
                and not hit.term.props.get("politicalOffice") \
                and not any(t.lower_ in post_words() for t in doc[org_start:org + 1]):
            people.append(Found(org_start, org + 1, doc[org_start:org + 1].text, "Organization", "title"))
        roles += [RoleHint(i, doc[title.start:title.end].text, title.term.concept, org if org >= 0 else None,
                           chain[0].start, end) for title in chain]
    return people, roles


def _after_comma(doc: Doc, k: int) -> bool:
    """Token k follows a comma, perhaps past an apposition's opener or a possessor (', our CEO', ", Acme's CEO")."""
    j = k - 1
    if j >= 0 and doc[j].lower_ in lexicon.words(lexicon.APPOSITION_STARTS):
        j -= 1
    elif j >= 0 and doc[j].lower_ in ("'s", "’s"):
        j -= 1
        while j >= 0 and is_proper_word(doc[j]) and k - j < 5:
            j -= 1
    return j >= 0 and doc[j].text == ","


def appositive_roles(doc: Doc) -> tuple[list[Found], list[RoleHint]]:
    """Rule: a personal name followed by a title in apposition ('Amy Hood, Chief Financial Officer',
    "Jane Roe, Acme's CFO", 'John Doe, CEO of Acme', 'Ines Moreau, its chief financial officer')."""
    people, roles = [], []
    role_hits = {hit.start: hit for hit in find(doc, lexicon.ROLES)}
    openers, owner_links = lexicon.words(lexicon.APPOSITION_STARTS), lexicon.words(lexicon.TITLE_OWNER_PREPOSITIONS)
    for comma in (i for i, word in enumerate(words(doc)) if word == ","):
        i, org = comma + 1, None
        if i < len(doc) and doc[i].lower_ in openers:
            i += 1
        elif (owner := _possessor_end(doc, i)) is not None:  # "Jane Roe, Capital Harbor's CFO"
            org, i = i, owner + 1
        hit = role_hits.get(i)
        if hit is None:
            continue
        start = comma
        while start > 0 and is_name_word(doc[start - 1]) and comma - start < 4:
            start -= 1
        if person_name_end(doc, start) != comma or any(t.lower_ in post_words() for t in doc[start:comma]):
            continue  # no name, or a title before the comma ('Vice President, Director')
        people.append(Found(start, comma, doc[start:comma].text, "Person", "title"))
        # "Satya Nadella, Chairman and Chief Executive Officer", "Ted Roe, Chair, President, and CEO": each
        # title is a post, at the organisation named after it if one is ('Chief Scientific Officer and President
        # of Lilly Immunology'), else at the one before
        while hit is not None:
            title_end, own = _title_owner(doc, hit.end, owner_links)
            org = own if own is not None or title_end > hit.end else org
            end = title_end if own is None else own + 1
            roles.append(RoleHint(start, doc[hit.start:title_end].text, hit.term.concept, org, start, end))
            k = end + (end < len(doc) and doc[end].text == ",")
            k += k < len(doc) and doc[k].lower_ == "and"
            hit = role_hits.get(k) if k > end else None
        # "President of Cardio Health and Lilly USA": the post is held at both
        if (also := _second_owner(doc, org)) is not None:
            roles.append(RoleHint(start, roles[-1].title, roles[-1].role, also, start, also + 1))
    return people, roles


def _title_owner(doc: Doc, i: int, owner_links: frozenset[str]) -> tuple[int, int | None]:
    """After a title ending at token i: where the title ends and where the organisation it names starts.
    'of' and a function ('Executive Vice President of Merchandising', lexicon department-words) is part of
    the title; 'of' and other capitalised words name the organisation ('President of Lilly USA')."""
    if not (i + 1 < len(doc) and doc[i].lower_ in owner_links and is_capitalised(doc[i + 1])):
        return i, None
    k = _capitalised_run_end(doc, i + 1, 3)
    if any(t.lower_ in lexicon.words(lexicon.DEPARTMENT_WORDS) for t in doc[i + 1:k]):
        return k, None
    return i, i + 1


def _second_owner(doc: Doc, org: int | None) -> int | None:
    """Where a second organisation's name starts, joined by 'and' to the one starting at `org` (two capitalised
    words at least, so that 'Procter and Gamble' stays one name)."""
    if org is None:
        return None
    k = _capitalised_run_end(doc, org, 4)
    if k + 2 < len(doc) and doc[k].lower_ == "and" and all(is_proper_word(doc[j]) and is_capitalised(doc[j])
                                                            for j in (k + 1, k + 2)):
        return k + 1
    return None


def _capitalised_run_end(doc: Doc, i: int, longest: int) -> int:
    """Where a run of at most `longest` capitalised proper words from token i ends (i itself when there is none)."""
    k = i
    while k < len(doc) and k - i < longest and is_capitalised(doc[k]) and is_proper_word(doc[k]):
        k += 1
    return k


def _possessor_end(doc: Doc, i: int) -> int | None:
    """The index of the "'s" after one to three capitalised words from token i ('Acme's', 'Capital One's')."""
    k = i
    while k < len(doc) and k - i < 3 and (is_proper_word(doc[k]) or (k > i and is_capitalised(doc[k]))):
        k += 1
    return k if i < k < len(doc) and doc[k].lower_ == "'s" else None
