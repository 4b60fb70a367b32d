"""Who a speech verb's speaker is: the phrase before the verb ("Clinton press secretary Brian Fallon said") or after
it ("said Sen. Tim Kaine (D-Va.)"), read as a name, a pronoun or a description.

The name is the last run of name words of the phrase; offices, ranks and honorifics before it belong to the
mention, not to the name (lexicon name-prefixes). An apposition or a parenthesis between a name and its verb is
passed over ("Warren, who has not endorsed anyone, told reporters"; "Kaine (D-Va.) said").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.nlp import sentence, words
from kg.extract.phrases import by_end, by_start, find
from kg.extract.shapes import is_name_word

MAX_NAME_WORDS = 5  # "Lily Eskelsen García", "Martin Luther King Jr."
MAX_APPOSITION = 16  # tokens of "Roffman, a securities analyst for ... Scott, recalled"
MAX_AFTER_VERB = 10  # tokens of "said Clinton campaign manager Robby Mook"
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})


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
def _prefixes() -> frozenset[str]:
    """Words before a name that are not part of it: offices, ranks, honorifics, job-title words."""
    return (lexicon.words(lexicon.NAME_PREFIXES) | lexicon.words(lexicon.HONORIFICS)
            | lexicon.words(lexicon.TITLE_WORDS))


def is_name_prefix(token: Token) -> bool:
    """An office, rank, honorific or job-title word before a name ('Sen.', 'Lt', 'President')."""
    return token.lower_.rstrip(".") in _prefixes()


def _is_acronym(token: Token) -> bool:
    """'DNC', 'ACLU', 'CNN': an organisation's initials."""
    text = token.text
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _is_run_word(token: Token) -> bool:
    """A word of a capitalised run: a name word, an honorific ('Sen.'), a particle inside a name ('de')."""
    return is_name_word(token) or is_name_prefix(token) and token.text[:1].isupper() \
        or token.lower_ in lexicon.words(lexicon.NAME_PARTICLES)


def name_in_run(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The name at the end of the capitalised run doc[start:end]: the words after its last office or honorific
    ("Sen. Tim Kaine" -> "Tim Kaine", "Air Force 1st Lt. Tyler Livingston" -> "Tyler Livingston"), without a
    particle at its start ("de Blasio" -> "Blasio"); None for a group ("Democrats")."""
    particles = lexicon.words(lexicon.NAME_PARTICLES)
    first = end
    while first > start and end - first < MAX_NAME_WORDS and not is_name_prefix(doc[first - 1]) \
            and (is_name_word(doc[first - 1]) or doc[first - 1].lower_ in particles):
        first -= 1
    while first < end and doc[first].lower_ in particles:
        first += 1
    if first == end or doc[first].lower_ in lexicon.words(lexicon.GROUP_NOUNS):
        return None
    return first, end


def _run_start(doc: Doc, end: int, floor: int) -> int:
    """Where the capitalised run ending at `end` starts (not before `floor`)."""
    start = end
    while start > floor and _is_run_word(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    return start


def _abbreviation_stop(doc: Doc, i: int) -> bool:
    """A full stop that ends an abbreviated office ("Lt." written as two tokens), not a clause."""
    return doc[i].text == "." and i > 0 and is_name_prefix(doc[i - 1]) and doc[i - 1].text[:1].isupper()


def _pronoun(doc: Doc, i: int) -> bool:
    return doc[i].lower_ in SPEAKER_PRONOUNS


def _named(doc: Doc, start: int, end: int, run_start: int) -> SpeakerPhrase | None:
    """A phrase whose capitalised run is doc[run_start:end]: a name (or an organisation's), else None."""
    if end - run_start == 1 and _is_acronym(doc[run_start]):
        return SpeakerPhrase(start, end, "name", run_start, end, organisation=True)
    found = name_in_run(doc, run_start, end)
    if found is None:
        return None
    definite = run_start > 0 and doc[run_start - 1].lower_ == "the"  # "the White House", "The Post"
    return SpeakerPhrase(min(start, found[0]), end, "name", found[0], found[1], organisation=definite)


def speaker_before(doc: Doc, verb: int, floor: int = 0) -> SpeakerPhrase | None:
    """The speaker phrase right before the speech verb at token `verb` (not before token `floor`)."""
    j = verb - 1
    while j > floor and (doc[j].lower_ in lexicon.words(lexicon.VERB_FILLERS)
                         or (doc[j].is_lower and doc[j].lower_.endswith("ly") and len(doc[j]) > 3)):
        j -= 1
    if j >= floor and doc[j].text in (",", ")"):
        j = _before_aside(doc, j, floor)
    if j is None or j < floor:
        return None
    if _pronoun(doc, j):
        return SpeakerPhrase(j, j + 1, "pronoun")
    if _is_run_word(doc[j]) or _is_acronym(doc[j]):
        run = _run_start(doc, j + 1, floor) if not _is_acronym(doc[j]) else j
        return _named(doc, run, j + 1, run) or SpeakerPhrase(run, j + 1, "description")
    return _description_before(doc, j, floor)


def _before_aside(doc: Doc, j: int, floor: int) -> int | None:
    """The last token of the name before an apposition or parenthesis that ends at token j ('Warren, who ...,'
    or 'Kaine (D-Va.)'), or None when there is none."""
    opener = "(" if doc[j].text == ")" else ","
    k = j - 1
    while k > max(floor, j - MAX_APPOSITION) and doc[k].text != opener:
        if doc[k].text in ('"', "“", "”", ".", ";", ":"):
            return None
        k -= 1
    if k <= floor or doc[k].text != opener:
        return None
    inside = doc[k + 1]
    if opener == "," and not (inside.is_lower or inside.like_num or inside.lower_ in ("a", "an", "the", "who")):
        return None  # "Roe, Smith and Lee said": a list, not an apposition
    name_end = k - 1
    return name_end if name_end >= floor and (is_name_word(doc[name_end]) or _is_acronym(doc[name_end])) else None


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
    """The speaker phrase right after an inverted speech verb ('said Clinton campaign manager Robby Mook', 'said
    the White House', 'said one aide') that ends at `start`; `limit` is the end of its sentence."""
    if start >= limit:
        return None
    if _pronoun(doc, start):
        return SpeakerPhrase(start, start + 1, "pronoun")
    end = start
    breaks = lexicon.words(lexicon.CLAUSE_BREAKS)
    while end < limit and end - start < MAX_AFTER_VERB and doc[end].lower_ not in breaks \
            and (not doc[end].is_punct or _abbreviation_stop(doc, end)):
        end += 1
    while end > start and doc[end - 1].text in ("'s",):
        end -= 1
    if end == start:
        return None
    last = end - 1
    if _is_run_word(doc[last]) or _is_acronym(doc[last]):
        run = _run_start(doc, end, start) if not _is_acronym(doc[last]) else last
        return _named(doc, start, end, run) or SpeakerPhrase(start, end, "description")
    return SpeakerPhrase(start, end, "description")


@lru_cache(maxsize=1)
def attribution_schemes() -> tuple[str, str]:
    return lexicon.SPEECH_VERBS, lexicon.QUOTATION_VERBS


def verbs_by_start(doc: Doc) -> dict:
    """Speech and quotation verbs by their first token."""
    found = dict(by_start(doc, lexicon.QUOTATION_VERBS))
    found.update(by_start(doc, lexicon.SPEECH_VERBS))
    return found


def verbs_by_end(doc: Doc) -> dict:
    """Speech and quotation verbs by the token after their last one."""
    found = dict(by_end(doc, lexicon.QUOTATION_VERBS))
    found.update(by_end(doc, lexicon.SPEECH_VERBS))
    return found


def is_verb(doc: Doc, i: int) -> bool:
    """A speech verb's word written with a capital inside a sentence is a noun or a name ("Secretary of State")."""
    return not doc[i].text[:1].isupper() or sentence(doc, i).start == i


def speaker_of_verb(doc: Doc, verb_start: int, verb_end: int, floor: int | None = None,
                    limit: int | None = None) -> SpeakerPhrase | None:
    """The speaker of the speech verb doc[verb_start:verb_end]: the phrase before it, else the one after it
    (within its sentence, or within [floor, limit))."""
    sent = sentence(doc, verb_start)
    before = speaker_before(doc, verb_start, sent.start if floor is None else floor)
    if before is not None and before.kind != "description":
        return before
    after = speaker_after(doc, verb_end, sent.end if limit is None else limit)
    if after is not None and after.kind != "description":
        return after
    return before or after


def according_to(doc: Doc) -> list[tuple[int, SpeakerPhrase]]:
    """'according to Roe' / 'according to a spokesman': (token of 'according', the phrase after 'to')."""
    texts, found = words(doc), []
    for i in range(len(texts) - 2):
        if texts[i].lower() == "according" and texts[i + 1].lower() == "to":
            phrase = speaker_after(doc, i + 2, sentence(doc, i).end)
            if phrase is not None:
                found.append((i, phrase))
    return found


def speaker_phrases(doc: Doc) -> list[SpeakerPhrase]:
    """Every speaker phrase of the text: of each speech or quotation verb, and after 'according to'."""
    phrases = []
    for scheme in attribution_schemes():
        for hit in find(doc, scheme):
            if not is_verb(doc, hit.start):
                continue
            phrase = speaker_of_verb(doc, hit.start, hit.end)
            if phrase is not None:
                phrases.append(phrase)
    phrases += [phrase for _, phrase in according_to(doc)]
    return phrases
