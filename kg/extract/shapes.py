"""Token shapes: which words can be part of a name."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg import lexicon


def is_capitalised(token: Token) -> bool:
    """Starts with a capital, or is camel-cased like 'DeepSeek' / 'xAI' / 'iPhone'."""
    text = token.text
    return bool(text[:1].isupper() or (text[:1].isalpha() and any(c.isupper() for c in text[1:])))


def is_name_word(token: Token) -> bool:
    """A word that can be part of a person's name: capitalised letters, or an initial such as 'E.'."""
    text = token.text
    if token.is_stop or text.lower() in lexicon.words(lexicon.CALENDAR_WORDS):
        return False
    if len(text) == 2 and text[0].isupper() and text[1] == ".":
        return True
    core = text.replace("-", "").replace("'", "")
    return core.isalpha() and text[:1].isupper() and not text.isupper()


def is_proper_word(token: Token) -> bool:
    """A word that can be part of an organisation, model or product name ('Nvidia', 'R1', 'GPT-4o', '4')."""
    text = token.text
    if token.is_stop or token.is_punct or token.is_space or text.lower() in lexicon.words(lexicon.CALENDAR_WORDS):
        return False
    return is_capitalised(token) or (text[:1].isdigit() and len(text) <= 4)


def person_name_end(doc: Doc, i: int, longest: int = 4) -> int | None:
    """End of a 2-4 word personal name starting at token i, or None."""
    j = i
    while j < len(doc) and j - i < longest and is_name_word(doc[j]) and "\n" not in doc[j].whitespace_:
        j += 1
    if j < len(doc) and j - i < longest and is_name_word(doc[j]):
        j += 1
    return j if j - i >= 2 and not doc[j - 1].text.endswith(".") else None


def proper_name_end(doc: Doc, i: int, longest: int = 4) -> int | None:
    """End of a 1-4 word proper name starting at token i, or None."""
    j = i
    while j < len(doc) and j - i < longest and is_proper_word(doc[j]):
        j += 1
    return j if j > i and is_capitalised(doc[i]) else None
