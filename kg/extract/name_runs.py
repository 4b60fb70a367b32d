"""The shape of a name in running text: the capitalised run that holds it, the offices and honorifics before it
that belong to the mention ('Sen.', 'President'), initials, particles and hyphens inside it, and the words whose
capital their place explains ('Later Clinton said')."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.nlp import word_positions, words
from kg.extract.shapes import is_name_word

MAX_NAME_WORDS = 5  # "Lily Eskelsen García", "Martin Luther King Jr."


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Words before a name that are not part of it: offices, ranks, honorifics, job-title words."""
    return (lexicon.words(lexicon.NAME_PREFIXES) | lexicon.words(lexicon.HONORIFICS)
            | lexicon.words(lexicon.TITLE_WORDS))


def is_name_prefix(token: Token) -> bool:
    """An office, rank, honorific or job-title word before a name ('Sen.', 'Lt', 'President', 'front-runner')."""
    return token.lower_.rstrip(".") in _prefixes() or hyphen_compound(token) in _prefixes()


def hyphen_compound(token: Token) -> str:
    """Rule: 'Republican front-runner Donald Trump' — the lower-case words glued by hyphens that end at `token`
    ('front-runner', 'co-founder'), which the tokenizer splits, read as one word ('' when there is none)."""
    doc, i = token.doc, token.i
    start = i
    while start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_lower and doc[start - 2].is_alpha:
        start -= 2
    return doc[start:i + 1].text.lower() if start < i and token.is_lower else ""


def lower_word_start(doc: Doc, i: int) -> int:
    """Where the lower-case word that ends at token i starts: before its hyphenated parts ('front-runner')."""
    return i - 2 * hyphen_compound(doc[i]).count("-")


def lower_word_end(doc: Doc, i: int) -> int:
    """Where the lower-case word that starts at token i ends: after its hyphenated parts ('front-runner')."""
    j = i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
            and doc[j + 1].is_lower and doc[j + 1].is_alpha:
        j += 2
    return j


def is_acronym(token: Token) -> bool:
    """'DNC', 'ACLU', 'CNN': an organisation's initials."""
    text = token.text
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def is_run_word(token: Token) -> bool:
    """A word of a capitalised run: a name word, an honorific ('Sen.'), a particle inside a name ('de'), or the
    hyphen inside a double name ('Mary-Kate')."""
    return is_name_word(token) or is_name_prefix(token) and token.text[:1].isupper() \
        or token.lower_ in lexicon.words(lexicon.NAME_PARTICLES) or _inner_hyphen(token)


def _inner_hyphen(token: Token) -> bool:
    """'-' glued between two capitalised words ('Mary-Kate', 'Lopez-Cantera')."""
    doc, i = token.doc, token.i
    return token.text == "-" and not token.whitespace_ and 0 < i < len(doc) - 1 \
        and not doc[i - 1].whitespace_ and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()


def name_in_run(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The name at the end of the capitalised run doc[start:end]: the words after its last office or honorific
    ("Sen. Tim Kaine" -> "Tim Kaine", "Air Force 1st Lt. Tyler Livingston" -> "Tyler Livingston"), without a
    particle at its start ("de Blasio" -> "Blasio"); None for a group ("Democrats")."""
    particles = lexicon.words(lexicon.NAME_PARTICLES)
    first = end
    while first > start and end - first < MAX_NAME_WORDS + 2 and not is_name_prefix(doc[first - 1]) \
            and (is_name_word(doc[first - 1]) or doc[first - 1].lower_ in particles or _inner_hyphen(doc[first - 1])):
        first -= 1
    while first < end and doc[first].lower_ in particles:
        first += 1
    while first < end - 1 and forced_capital(doc, first) and _filler_not_name(doc[first]):
        first += 1  # 'Later Clinton said': an adverb that opens the sentence is not part of the name
    # Rule: a preposition that opens the sentence is not part of the name ('Like Dana said, ...').
    if first < end - 1 and forced_capital(doc, first) and doc[first].lower_ in lexicon.words(lexicon.PREPOSITIONS):
        first += 1
    if first == end or (end - first == 1 and doc[first].lower_ in lexicon.words(lexicon.GROUP_NOUNS)):
        return None
    # Rule: a word that opens a turn or greets ('Yeah, Tom, that's ...', 'Hey, Rich') is no name by itself, and the
    # name it addresses ('Hey, Rich, just thinking about ...') speaks nothing.
    if end - first == 1 and doc[first].lower_ in _interjections() and doc[first].lower_ not in lexicon.words(
            lexicon.FIRST_NAMES):
        return None
    if first > 1 and doc[first - 1].text == "," and doc[first - 2].lower_ in _interjections():
        return None
    return first, end


@lru_cache(maxsize=1)
def _interjections() -> frozenset[str]:
    """One-word acknowledgements, greetings and answer openers of the lexicon's hand-off cues ('yeah', 'okay')."""
    forms = lexicon.concept_forms(lexicon.HANDOFF_CUES)
    return frozenset(form for slug in ("acknowledgement", "greeting", "answer-opener") for form in forms[slug]
                     if " " not in form)


def _filler_not_name(token: Token) -> bool:
    word = token.lower_
    return (word in lexicon.words(lexicon.VERB_FILLERS) or word in lexicon.words(lexicon.CALENDAR_WORDS)) \
        and word not in lexicon.words(lexicon.FIRST_NAMES)


def run_start(doc: Doc, end: int, floor: int) -> int:
    """Where the capitalised run ending at `end` starts (not before `floor`)."""
    start = end
    while start > floor and is_run_word(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    return start


def abbreviation_stop(doc: Doc, i: int) -> bool:
    """A full stop that ends an abbreviated office ("Lt." written as two tokens), not a clause."""
    return doc[i].text == "." and i > 0 and is_name_prefix(doc[i - 1]) and doc[i - 1].text[:1].isupper()


def lower_words(doc: Doc) -> frozenset[str]:
    """The words the text writes in lower case (kept on the Doc)."""
    if "kg_lower_words" not in doc.user_data:
        doc.user_data["kg_lower_words"] = frozenset(word for word in word_positions(doc) if word.islower())
    return doc.user_data["kg_lower_words"]


def forced_capital(doc: Doc, i: int) -> bool:
    """A word whose capital its place explains: a sentence's first word, or the first after a colon or a mark."""
    return doc[i].is_sent_start or (i > 0 and doc[i - 1].text in (":", "“", '"', "\n"))


def possessor_start(doc: Doc, k: int, start: int) -> int:
    """Where the possessor before the name at token k starts ('The Harbor Ledger's'), when it is a capitalised run
    that opens its clause (not before `start`); else k."""
    if k - 2 < start or doc[k - 1].lower_ not in ("'s", "’s"):
        return k
    owner = run_start(doc, k - 1, start)
    owner -= owner > start and doc[owner - 1].lower_ == "the"
    opens = owner == start or doc[owner].is_sent_start or doc[owner - 1].is_punct or doc[owner - 1].is_space
    return owner if owner < k - 1 and opens else k


def words_inside_sentences(doc: Doc) -> frozenset[str]:
    """The words the text writes somewhere inside a sentence: not opening one nor right after a stop or a colon
    (a capital there is the writer's: a name's)."""
    cached = doc.user_data.get("kg_words_inside")
    if cached is None:
        texts, opening = words(doc), set(doc.user_data["kg_sentence_starts"])
        cached = frozenset(w for i, w in enumerate(texts) if i > 0 and i not in opening
                           and texts[i - 1] not in (".", "?", "!", ":", ";"))
        doc.user_data["kg_words_inside"] = cached
    return cached
