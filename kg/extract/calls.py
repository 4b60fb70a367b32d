"""Rules of earnings calls: the company a call is about, its calendar, its speakers, its analysts, and its turns
as quotations, questions and answers."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from kg import lexicon
from kg.documents.handoffs import Introduction, handed_to, introductions
from kg.documents.names import calls_by_name, is_call_staff, is_role, same_first_name, spelled_alike
from kg.extract.entities import EntityFindings, Found
from kg.extract.gazetteer import Gazetteer, Known
from kg.extract.metadata import spells_ticker
from kg.extract.nlp import token_starts
from kg.extract.shapes import is_proper_word
from kg.iris import entity_iri
from kg.model import Document, Entity, Mention, Period, Quote, Role, Turn
from kg.rdf.namespaces import ROLE

ANALYST_ROLE = str(ROLE["analyst"])
OPENING_CHARS = 2000  # where a call's host names the company
WELCOME_REPEATS = 5  # how often a call names the company it welcomes to when speech to text heard it right
MODERATOR_INTRODUCTIONS = 2  # questioners a speaker introduces to be the call's moderator


_WELCOME = re.compile(r"\bwelcome (?:everyone |everybody )?to (?:the )?", re.I)


def welcomed_company(document: Document, doc) -> list[Found]:
    """Rule: the company a call's operator welcomes the listeners to ('welcome to the Lilly Q1 2025 earnings
    call', "Welcome to Chevron's first quarter call") is an organisation: the capitalised words after 'welcome to',
    up to a possessive, a word of the call's title (lexicon call-title-words) or a month ('the Zentara September
    2023 quarter call')."""
    if document.kind != "transcript":
        return []
    match = _WELCOME.search(document.text, 0, OPENING_CHARS)
    span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand") if match else None
    if span is None:
        return []
    stops = lexicon.words(lexicon.CALL_TITLE_WORDS) | frozenset(lexicon.numbers(lexicon.CALENDAR_WORDS))
    start = end = span.start
    # a capitalised word in words after the first is part of the name ('Capital One'), and so is a capitalised
    # word joined by a hyphen or an ampersand ('T-Mobile', 'Williams-Sonoma', 'Procter & Gamble')
    while end < len(doc) and end - start < 4 and doc[end].lower_ not in stops and not doc[end].text[:1].isdigit() \
            and (is_proper_word(doc[end]) or (end > start and doc[end].is_alpha and doc[end].is_title)):
        end += 1
        if end + 1 < len(doc) and doc[end + 1].text[:1].isupper() and (doc[end].text == "&" or doc[end].text == "-"
                                                                        and not doc[end - 1].whitespace_
                                                                        and not doc[end].whitespace_):
            end += 1
    return [Found(start, end, doc[start:end].text, "Organization", "title")] if end > start else []


def focus(document: Document, gazetteer: Gazetteer, entities: dict[str, Entity], mentions: list[Mention],
          welcomed: str | None = None) -> str | None:
    """The organisation a document is about: a transcript header's company (by ticker or name; a ticker the
    gazetteer does not know is the company the operator welcomes to when its name may be the ticker's, else one
    named like it), else the organisation named most often (the first named, on a tie)."""
    if document.company:
        wanted = document.company.strip()
        listed = listed_company(document, gazetteer)
        if listed is not None:
            return listed
        welcomed = welcomed if welcomed is not None and entities[welcomed].type == "Organization" else None
        if welcomed is not None and spells_ticker(entities[welcomed].name, wanted):
            return welcomed
        named = _named_by_ticker(wanted, entities, mentions)
        if named:
            return named
        if welcomed is not None and _heard_as_the_ticker(entities[welcomed].name, wanted, gazetteer.get(welcomed),
                                                         sum(m.entity == welcomed for m in mentions)):
            return welcomed
        iri = entity_iri(wanted)  # known by its ticker only: the ticker is its name, and the call's company an
        held = entities.get(iri)  # organisation, even where the text names a product by it too ('FICO')
        entities[iri] = replace(held, type="Organization") if held else Entity(iri, wanted, "Organization")
        return iri
    counts = Counter(m.entity for m in mentions if m.type == "Organization")
    if not counts:
        return None
    first = {}
    for m in mentions:
        first.setdefault(m.entity, m.start)
    return min(counts, key=lambda iri: (-counts[iri], first[iri]))


def listed_company(document: Document, gazetteer: Gazetteer) -> str | None:
    """The gazetteer's company that a transcript's header names, by ticker or name."""
    wanted = (document.company or "").strip()
    for known in gazetteer.entries.values():
        if wanted and known.type == "Organization" and (wanted.upper() in known.tickers or wanted == known.name
                                                        or wanted in known.aliases):
            return known.iri
    return None


def _heard_as_the_ticker(name: str, ticker: str, known, times_named: int) -> bool:
    """Rule: a welcomed company whose name does not spell the ticker is the ticker's when it opens with the
    ticker's letter, is no other company the gazetteer knows and the call names it again and again ('Chevron'
    for CVX); a name that speech to text misheard in the welcome ('Cisco' for SYY, 'Hobo' for HUBB) is seldom
    heard the same way again."""
    return name[:1].lower() == ticker[:1].lower() and known is None and times_named >= WELCOME_REPEATS


def _named_by_ticker(ticker: str, entities: dict[str, Entity], mentions: list[Mention]) -> str | None:
    """Rule: the organisation named at the start of a call whose name begins with the ticker's letters or whose
    initials spell it ('Tyler Technologies' for TYL, 'General Motors' for GM), else the first one whose name
    opens with the letter of a ticker of three or more and holds the others in order ('Amgen' for AMGN,
    'Arista Networks' for ANET), and that the call names again."""
    wanted = ticker.lower()
    if len(wanted) < 2:
        return None
    times_named = Counter(m.entity for m in mentions)
    spelled = None
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start > OPENING_CHARS:
            break
        entity = entities.get(m.entity)
        if entity is None or entity.type != "Organization" or times_named[m.entity] < 2:
            continue
        words = re.findall(r"[a-z0-9]+", entity.name.lower())
        if "".join(words).startswith(wanted) or "".join(w[0] for w in words) == wanted:
            return entity.iri
        if spelled is None and len(wanted) > 2 and words[0][0] == wanted[0] and spells_ticker(entity.name, ticker):
            spelled = entity.iri
    return spelled


def on_calendar(company: str | None, year_end: int | None, transcript: bool, period: Period | None) -> Period | None:
    """Rule: a fiscal period of a company whose fiscal year the gazetteer knows is on that company's calendar
    (a fiscal year ending in December is the calendar year); in a transcript of a company whose fiscal year ends
    in another month, a quarter or half is a fiscal one, as such companies report by them."""
    if period is None or company is None or year_end is None:
        return period
    if year_end == 12:
        return replace(period, fiscal=False)
    if transcript and (period.quarter or period.half):
        period = replace(period, fiscal=True)
    return replace(period, calendar=company, year_end=year_end) if period.fiscal else period


# ---------------------------------------------------------------- speakers

def _name_key(name: str) -> tuple[str, str]:
    """First and last word, lowercase: 'Amy E. Hood' and 'Amy Hood' are the same person."""
    words = [w for w in name.replace(".", ". ").split() if not (len(w) <= 2 and w.endswith("."))]
    return (words[0].lower(), words[-1].lower()) if words else ("", "")


def _short_form(label: str, in_text: dict[tuple[str, str], str]) -> str | None:
    """Rule: a label is the person named in the text with the same surname and a short form of the first
    name ('Douglas Till Anmuth' = 'Doug Anmuth', 'Ronald Josey' = 'Ron Josey'), when only one such person is."""
    first, last = _name_key(label)
    found = {iri for (f, l), iri in in_text.items() if l == last and f != first and len(min(f, first, key=len)) >= 3
             and (first.startswith(f) or f.startswith(first))}
    return found.pop() if len(found) == 1 else None


def _one_word_form(label: str, in_text: dict[tuple[str, str], str]) -> str | None:
    """Rule: a one-word label ('Anirudh', 'Rich', 'Chantelle') is the one person of the call whose first or last
    name it is, or whose first name it shortens ('Richard Fairbank') or spells within a letter or two ('Chantel
    Brideups', 'Colette Kress'), when only one such person is."""
    word = label.strip().lower()
    if " " in word or len(word) < 3:
        return None
    found = {iri for (f, l), iri in in_text.items() if f != l and word in (f, l)}
    if not found:
        found = {iri for (f, l), iri in in_text.items() if f != l and same_first_name(word, f)}
    return found.pop() if len(found) == 1 else None


def turn_speakers(document: Document, gazetteer: Gazetteer, found: EntityFindings) -> tuple[list[Mention], dict[Turn, str]]:
    """Rule: a transcript turn's speaker is a person, unless its label is a call role ('Operator', 'Unidentified
    Analyst'): the gazetteer's when a name or alias matches or it is the call's company's one person spelled
    alike ('Jensen Hong'), else a person named in the text or in another turn with the same first and last name
    ('Amy E. Hood' = 'Amy Hood'), or that a first name alone stands for ('Anirudh'), else the company's one
    gazetteer person with that first name ('Colette'), else a new one; a speaker spelled two ways in the call is
    one (`_spellings`). Labelled turns are mentions of their speaker."""
    by_form = {form.lower(): known for form, known in gazetteer.surface_forms() if known.type == "Person"}
    in_text = {_name_key(e.name): e.iri for e in found.entities.values() if e.type == "Person"}
    spelled = _spellings(document.turns)
    staff = _staff(gazetteer, listed_company(document, gazetteer))
    mentions, speakers = [], {}
    # full names first (a stable sort): a first name alone may stand for a later turn's speaker
    for turn in sorted(document.turns, key=lambda t: " " not in t.speaker.strip()):
        if is_role(turn.speaker):
            continue
        said = spelled.get(turn.speaker, turn.speaker)
        known = by_form.get(said.lower()) or _spelled_like_one(said, staff)
        iri = known.iri if known else in_text.get(_name_key(said)) or _short_form(said, in_text) \
            or _one_word_form(said, in_text)
        if iri is None:
            known = _first_name_of_one(said, staff)
            iri = known.iri if known else entity_iri(said)
        entity = found.entities.get(iri)
        if entity is None or entity.type != "Person":  # a turn's speaker is a person, whatever else the name was
            name = known.name if known else said if entity is None else entity.name
            entity = found.entities[iri] = Entity(iri, name, "Person", known.aliases if known else ())
        if turn.speaker != entity.name and turn.speaker not in entity.aliases:
            found.entities[iri] = replace(entity, aliases=entity.aliases + (turn.speaker,))
        in_text.setdefault(_name_key(said), iri)
        speakers[turn] = iri
        if turn.label_start >= 0:
            start = turn.label_start
            mentions.append(Mention(start, start + len(turn.speaker), turn.speaker, iri, "Person", "turn"))
    speakers = {turn: speakers[turn] for turn in document.turns if turn in speakers}
    return sorted(mentions, key=lambda m: m.start), speakers


def _staff(gazetteer: Gazetteer, company: str | None) -> list[Known]:
    """The gazetteer's people who hold a post at `company`."""
    return [known for known in gazetteer.entries.values() if company and known.type == "Person"
            and any(post.organization == company for post in known.posts)]


def _spelled_like_one(name: str, staff: list[Known]) -> Known | None:
    """Rule: a speaker whose name the gazetteer does not hold is the one person of the call's company that the
    gazetteer spells alike ('Jensen Hong' for Jensen Huang, speech to text mishearing him); None for none or
    several."""
    alike = [known for known in staff if spelled_alike(known.name, name)]
    return alike[0] if len(alike) == 1 else None


def _first_name_of_one(name: str, staff: list[Known]) -> Known | None:
    """Rule: a speaker known by a first name alone that the call names no one by ('Colette') is the one person of
    the call's company in the gazetteer with that first name ('Colette Kress'); None for none or several."""
    if " " in name.strip():
        return None
    alike = [known for known in staff if same_first_name(known.name.split()[0], name)]
    return alike[0] if len(alike) == 1 else None


def _spellings(turns) -> dict[str, str]:
    """Rule: two speakers of one call whose full names are spelled alike (`spelled_alike`: 'Paul Reilly' and
    'Paul Riley', speech to text hearing one name two ways) are one person, named as in most of their turns (the
    first named, on a tie); the other spelling stays as an alias. Returns each other spelling's name."""
    counts = Counter(t.speaker for t in turns if " " in t.speaker.strip() and not is_role(t.speaker))
    names = {}
    for name, _ in counts.most_common():  # most turns first; on a tie, the first named
        if name not in names:
            names.update({other: name for other in counts if other not in names and spelled_alike(name, other)})
    return names


def call_introductions(document: Document) -> list[Introduction]:
    """The analysts a transcript's operator or host introduces, with their firms (none in an article): an
    introduction phrase's reading of a name first, a hand-off's only where no phrase introduces that name ("with
    Bank of America. Wamsi Mohan: ..." is read whole by the phrase, up to "of" by the hand-off)."""
    if document.kind != "transcript":
        return []
    phrased = list(introductions(document.text))
    starts = {intro.start for intro in phrased}
    handed = [intro for intro in handed_to(document.text, document.turns) if intro.start not in starts]
    return sorted(dict.fromkeys(phrased + handed), key=lambda i: i.start)


def introduced(intros: list[Introduction], doc) -> list[Found]:
    """Rule: the operator introduces the next questioner and their firm ('our next question comes from the line of
    Jane Roe with Keystone Research', lexicon hand-off cues): a full name there is a person, the firm an
    organisation; candidates for the entity rules, so that the label of the turn that follows ('Jane A. Roe')
    joins this person."""
    found = []
    for intro in intros:
        for start, end, kind in ((intro.start, intro.end, "Person"), (intro.firm_start, intro.firm_end, "Organization")):
            span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
            if span is not None and (kind == "Organization" or len(span) > 1):
                found.append(Found(span.start, span.end, span.text, kind, "title"))
    return found


def analysts(intros: list[Introduction], document: Document, doc, found: EntityFindings, speakers: dict[Turn, str],
             focus: str | None) -> tuple[list[Mention], list[Role]]:
    """Rule: the operator introduces an analyst and the firm ('... comes from Adam at Morgan Stanley'): the next
    turn, when its label calls them by name ('Adam' for 'Adam Michael Jonas'), is theirs, and they are an analyst
    at that firm; a firm no other rule found becomes an organisation."""
    starts = token_starts(doc)
    turn_starts = [t.start for t in document.turns]
    mentions, roles = [], []
    for intro in intros:
        if intro.firm is None:
            continue
        k = bisect_left(turn_starts, intro.end)
        turn = document.turns[k] if k < len(document.turns) else None
        named = found.token_entity.get(bisect_right(starts, intro.start) - 1)
        person = named if named is not None and found.entities[named].type == "Person" else None
        if turn is not None and turn in speakers and calls_by_name(intro.name, turn.speaker):
            person = person or speakers[turn]
            if named is None:
                mentions.append(Mention(intro.start, intro.end, intro.name, person, "Person", "handoff"))
        if person is None:
            continue
        firm = found.token_entity.get(bisect_right(starts, intro.firm_start) - 1)
        if firm is not None and found.entities[firm].type != "Organization":
            continue  # the words after the name are a person's or a product's
        if firm is None:
            firm = entity_iri(intro.firm)
            found.entities.setdefault(firm, Entity(firm, intro.firm, "Organization"))
            mentions.append(Mention(intro.firm_start, intro.firm_end, intro.firm, firm, "Organization", "handoff"))
        if firm != focus:
            roles.append(Role(person, "Analyst", firm, ANALYST_ROLE, intro.start, intro.firm_end, intro.firm))
    return mentions, roles


# ---------------------------------------------------------------- turns as quotations

def outside_turns_or_attributed(document: Document, quotes: list[Quote]) -> list[Quote]:
    """Rule: inside a transcript turn, words in quotation marks that no rule attributes are part of the turn's
    own quotation, not a quotation of their own."""
    spans = [(t.start, t.end) for t in document.turns]
    return [q for q in quotes if q.speaker or not any(s <= q.start and q.end <= e for s, e in spans)]


def moderators(document: Document, intros: list[Introduction]) -> frozenset[str]:
    """Rule: a speaker other than the call's staff who introduces two or more questioners with their firms, and
    more of them than the staff does ('The next question comes from Adam at Morgan Stanley'), runs the call's
    questions: a moderator, whose turns are hand-offs, no one's statement."""
    starts, counts = [t.start for t in document.turns], Counter()
    for intro in intros:
        k = bisect_right(starts, intro.start) - 1
        if intro.firm is not None and k >= 0 and intro.start < document.turns[k].end:
            counts[document.turns[k].speaker] += 1
    staff = sum(n for speaker, n in counts.items() if is_call_staff(speaker))
    return frozenset(speaker for speaker, n in counts.items()
                     if n >= MODERATOR_INTRODUCTIONS and n > staff and not is_call_staff(speaker))


def questions_and_answers(document: Document, quotes: list[Quote], speakers: dict[Turn, str],
                          analysts: frozenset[str], hosts: frozenset[str] = frozenset()) -> list[Quote]:
    """Rule: in a call, an analyst's turn asks a question; the turns of others after it answer it, until the next
    question or a turn of the call's staff or its moderator (`hosts`: a hand-off or the closing)."""
    by_start = {quote.start: quote for quote in quotes}
    question, marked = None, []
    for turn in document.turns:
        quote = by_start.get(turn.start)
        if quote is None:
            question = None if is_call_staff(turn.speaker) or turn.speaker in hosts else question
        elif speakers.get(turn) in analysts:
            question = replace(quote, question=True)
            marked.append(question)
        else:
            marked.append(replace(quote, answers=(question.start, question.end)) if question else quote)
    return marked


@lru_cache(maxsize=1)
def _acknowledgement() -> re.Pattern:
    """The acknowledgement and thanks phrases of the hand-off cues, as one pattern for a whole text."""
    cues = lexicon.concept_forms(lexicon.HANDOFF_CUES)
    forms = sorted(set(cues["acknowledgement"]) | set(cues["thanks"]), key=len, reverse=True)
    phrase = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?:(?:{phrase})\b[\s,.!]*)+", re.I)


def _only_acknowledgement(text: str) -> bool:
    """Rule: a turn that only acknowledges ('Yes.', 'Okay. Thank you.') states nothing to quote."""
    return bool(_acknowledgement().fullmatch(text.strip()))


def turn_quotes(document: Document, speakers: dict[Turn, str], hosts: frozenset[str] = frozenset()) -> list[Quote]:
    """Rule: every turn of a transcript is a quotation of its speaker, word for word, except the turns of the
    call's staff and its moderator (`hosts`: hand-offs are no one's statement); an unnamed person's turn keeps its
    label."""
    quotes = []
    for turn in document.turns:
        if turn.end <= turn.start or is_call_staff(turn.speaker) or turn.speaker in hosts \
                or _only_acknowledgement(document.text[turn.start:turn.end]):
            continue
        speaker = speakers.get(turn)
        quotes.append(Quote(turn.start, turn.end, document.text[turn.start:turn.end], speaker, False,
                            "turn" if turn.label_start >= 0 else "inferred-turn", turn.confidence,
                            (turn.start, turn.end), None if speaker else turn.speaker))
    return quotes
