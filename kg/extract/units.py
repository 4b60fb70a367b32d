"""Units of a company named as such: segments ('the North America segment') and the units a post is held at
('President of Lilly Oncology'), organisations that report their own results."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.documents.names import post_words
from kg.extract.found import Found
from kg.extract.nlp import pipeline, word_positions, words
from kg.extract.phrases import find
from kg.extract.shapes import is_capitalised, is_proper_word

MAX_UNIT_WORDS = 4  # "North American Surface Transportation"


def segment_names(doc: Doc) -> list[Found]:
    """Rule: capitalised words right before a segment noun ('our North America segment', 'the Cloud
    division') name a part of the company that reports its own figures, a place's name too. Its name is the form
    the text writes at least half the times it names it: with the noun ('International segment'), else the words
    alone ('Services'; the other form is an alias)."""
    texts, positions = words(doc), word_positions(doc)
    spans = []
    for hit in find(doc, lexicon.SEGMENT_NOUNS):
        start = hit.start
        while start > 0 and hit.start - start < 3 and _is_segment_word(doc[start - 1]) \
                and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        if start < hit.start and is_capitalised(doc[start]) and not _common_opening(doc, start, hit.start):
            spans.append((start, hit.start, hit.end))
    with_noun = Counter(tuple(texts[start:end]) for start, end, _ in spans)
    found = []
    for start, end, noun_end in spans:
        key = tuple(texts[start:end])
        written = sum(texts[i:i + len(key)] == list(key) for i in positions.get(key[0], ()))
        name = doc[start:noun_end if 2 * with_noun[key] >= written else end].text
        found.append(Found(start, end, name, "Organization", "segment"))
    return found


def _common_opening(doc: Doc, start: int, end: int) -> bool:
    """Rule: one word that opens a sentence and is a common word in lower case, a metric's modifier, a
    determiner, a preposition or a stop word, names no segment ('Adjusted segment margin was 21%', 'Total
    segment profit', 'By segment, ...', 'The division')."""
    opens = start == 0 or doc[start - 1].text in (".", "?", "!", ":") or "\n" in doc[start - 1].whitespace_
    return end - start == 1 and opens and doc[start].text.lower() in _common_words()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(pipeline().Defaults.stop_words).union(*(lexicon.words(scheme) for scheme in (
        lexicon.METRIC_MODIFIERS, lexicon.DETERMINERS, lexicon.PREPOSITIONS, lexicon.CONJUNCTIONS)))


def _is_segment_word(token: Token) -> bool:
    """A word of a segment's name: a proper word with a letter ('AWS', 'North', 'EMEA'), not a period ('Q2')."""
    return is_proper_word(token) and token.text[:1].isalpha() and not (token.text[:1] in "QH" and token.text[1:].isdigit())


def business_units(doc: Doc, owner_starts: list[int], known: list[Found]) -> list[Found]:
    """Rule: where a title names the organisation of the post ('Ana Ruiz, President of Corvane Oncology';
    `owner_starts`: the token where each such name starts), a known organisation's name and more capitalised
    words, or two to four capitalised words, name an organisation (a unit of the company, or a company); not
    where a word is a post's or a function's ('Investor Relations', 'Capital Markets') or it names a place
    ('North America')."""
    organisations = {f.start: f for f in known if f.type == "Organization"}
    not_units = lexicon.words(lexicon.DEPARTMENT_WORDS) | post_words()
    places = lexicon.words(lexicon.PLACES)
    found = []
    for start in owner_starts:
        owner = organisations.get(start)
        end = start
        while end < len(doc) and end - start < MAX_UNIT_WORDS and is_proper_word(doc[end]) \
                and is_capitalised(doc[end]) and doc[end].lower_ not in not_units:
            end += 1
        if end < len(doc) and is_proper_word(doc[end]) or doc[start:end].text.lower() in places:
            continue  # a word of a post or a function, or a place
        if (owner and end > owner.end) or (not owner and end - start >= 2):
            found.append(Found(start, end, doc[start:end].text, "Organization", "title"))
    return found
