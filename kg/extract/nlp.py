"""spaCy on a blank English pipeline: tokens and sentences, no statistical model needed.

The text is normalised character for character (curly apostrophes, Unicode dashes and minus signs, odd spaces)
so that every offset in the `Doc` is an offset in the original text.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import lexicon

# One character in, one character out: offsets survive normalisation.
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200a": " ",
    "\u201e": "\u201c", "\u201f": "\u201c", "\u00ab": "\u201c", "\u00bb": "\u201d",
})


def normalise(text: str) -> str:
    """Same length as `text`; quotation marks keep their direction (“ ” stay distinct from ")."""
    return text.translate(_SAME_LENGTH)


_ENDERS = {".", "!", "?", "...", "…"}
_CLOSERS = {"”", "'", ")", "]", '"'}
_OPENERS = {"“", '"', "'", "("}


def _abbreviated(word: str) -> bool:
    """'Lt', 'Gen', 'Capt' before a full stop the tokenizer split off: an abbreviation (lexicon
    unfinished-abbreviations), not a sentence's end."""
    return word[:1].isupper() and word.lower() in lexicon.words(lexicon.UNFINISHED_ABBREVIATIONS)


@Language.component("kg_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries by rule: after . ! ? (and the closing quotation marks or brackets that follow them),
    when the next word starts upper-case, with a digit or with an opening mark; and at every line break,
    so headlines and bylines never run into the lead."""
    # token texts and trailing spaces from arrays: building a Token object per token is the slow part
    strings = doc.vocab.strings
    texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
    starts_at = doc.to_array(IDX).tolist()
    text = doc.user_data.get("kg_text") or doc.text  # Doc.text is rebuilt token by token on every access
    ends = starts_at[1:] + [len(text)]
    spaces = [text[start + len(word):end] for start, word, end in zip(starts_at, texts, ends)]
    starts = [False] * len(texts)
    if texts:
        starts[0] = True
    i = 0
    while i < len(texts) - 1:
        if "\n" in texts[i] or "\n" in spaces[i]:
            starts[i + 1] = True
        elif texts[i] in _ENDERS and not (texts[i] == "." and i and _abbreviated(texts[i - 1])):
            j = i + 1
            # a closing mark right after the full stop belongs to this sentence (" only if a space follows it)
            while j < len(texts) - 1 and texts[j] in _CLOSERS and (texts[j] != '"' or spaces[j]):
                j += 1
            nxt = texts[j]
            if nxt[:1].isupper() or nxt[:1].isdigit() or nxt in _OPENERS or nxt.isspace():
                starts[j] = True
            i = j - 1
        i += 1
    # one array write: setting is_sent_start token by token re-checks the whole Doc each time
    values = numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], values)
    doc.user_data["kg_words"] = texts
    doc.user_data["kg_token_starts"] = starts_at
    doc.user_data["kg_sentence_starts"] = [i for i, start in enumerate(starts) if start]
    return doc


def text(doc: Doc) -> str:
    """The Doc's (normalised) text, kept: `Doc.text` joins every token anew on each access."""
    return doc.user_data["kg_text"]


def words(doc: Doc) -> list[str]:
    """The token texts, computed once (creating spaCy Token objects in loops is the costly part)."""
    return doc.user_data["kg_words"]


def word_positions(doc: Doc) -> dict[str, list[int]]:
    """Each distinct token text and the indexes where it stands, computed once: rules that look for a few words
    ("according", ":", first names) read these instead of scanning every token."""
    positions = doc.user_data.get("kg_word_positions")
    if positions is None:
        positions = doc.user_data["kg_word_positions"] = {}
        for i, word in enumerate(words(doc)):
            positions.setdefault(word, []).append(i)
    return positions


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset."""
    return doc.user_data["kg_token_starts"]


def sentence(doc: Doc, i: int) -> Span:
    """The sentence holding token i (Token.sent re-checks the whole Doc on every call)."""
    starts = doc.user_data["kg_sentence_starts"]
    k = bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k]:end]


@lru_cache(maxsize=1)
def pipeline() -> Language:
    nlp = spacy.blank("en")
    # a closing quotation mark glued to the next word ('mean-spirited,”Clinton said') is a token of its own
    infixes = list(nlp.Defaults.infixes) + [r"""(?<=[,.!?])[”"](?=[A-Za-z])"""]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # a dash glued to a capitalised word ('-President Obama, tweeting') is a token of its own; '-2%' stays one
    prefixes = list(nlp.Defaults.prefixes) + [r"""-(?=[A-Z])"""]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    nlp.add_pipe("kg_sentences")
    nlp.max_length = 60_000_000
    return nlp


def make_doc(text: str) -> Doc:
    """Tokens and sentences of `text` (normalised); `doc.text` has the same length as `text`."""
    nlp, normalised = pipeline(), normalise(text)
    doc = nlp.make_doc(normalised)
    doc.user_data["kg_text"] = normalised
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def tokenize(text: str) -> Doc:
    """Tokens only, for building phrase patterns."""
    return pipeline().make_doc(normalise(text))
