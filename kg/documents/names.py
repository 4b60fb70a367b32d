"""Is this label a speaker? Names, call roles and job titles."""
from __future__ import annotations

import re

_ROLES = frozenset(
    {"operator", "moderator", "host", "interviewer", "unidentified analyst", "unidentified participant",
     "unidentified speaker", "unidentified company representative", "unidentified company speaker",
     "unknown speaker", "unknown analyst", "unknown participant"}
)
# Lower-case words allowed inside a name: "Franz von Holzhausen", "Luis de Guindos".
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
                        "bin", "al", "ter", "ten", "dos", "das", "y"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Capitalised words that start a `Word: ...` line in articles and headers but are not names.
_NOT_NAMES = frozenset(
    {"note", "notes", "source", "sources", "date", "published", "posted", "updated", "update", "editor",
     "disclaimer", "disclosure", "correction", "photo", "image", "caption", "credit", "related", "summary",
     "title", "author", "by", "publisher", "company", "quarter", "ticker", "symbol", "period", "warning",
     "example", "question", "answer", "q", "a", "tags", "tag", "category", "link", "transcript", "agenda",
     "time", "location", "participants", "contact", "email", "phone", "website", "subject", "from", "to",
     "topic", "read", "more", "see", "also", "watch", "listen", "key", "takeaways", "bottom", "line",
     "thank", "thanks", "good", "hello", "hi", "okay", "ok", "yes", "no", "great", "sure", "right",
     "well", "so", "and", "but", "next", "end", "duration", "presentation", "analysts", "executives"}
)
_TITLE_WORDS = frozenset(
    {"chief", "officer", "president", "director", "vice", "head", "executive", "manager", "designer",
     "engineer", "chairman", "chairwoman", "chair", "founder", "co-founder", "treasurer", "controller",
     "counsel", "secretary", "analyst", "strategist", "economist", "ceo", "cfo", "coo", "cto", "cio",
     "cmo", "evp", "svp", "vp", "ir", "relations"}
)
_INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}$|^[^\W\d_]$")
_SPEAKER_MAX_WORDS = 6


def is_role(label: str) -> bool:
    """A call role that stands in for a name: "Operator", "Unidentified Analyst"."""
    return " ".join(label.split()).lower() in _ROLES


def is_name(label: str) -> bool:
    """1-6 capitalised words or initials, lower-case particles inside, no word that starts a sentence."""
    words = label.split()
    if not 1 <= len(words) <= _SPEAKER_MAX_WORDS or words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    if any(word.lower().strip(".") in _NOT_NAMES for word in words):
        return False
    return all(word in _PARTICLES or _is_name_word(word) for word in words)


def is_speaker(label: str) -> bool:
    """A label that can introduce a speaker turn: a role or a name."""
    return is_role(label) or is_name(label)


def is_title(text: str) -> bool:
    """Reads like a job title: "Chief Financial Officer", "SVP, Investor Relations", "Analyst"."""
    return any(word.strip(".,()").lower() in _TITLE_WORDS for word in text.split())


def _is_name_word(word: str) -> bool:
    """"Cook", "O'Brien", "Jean-Pierre", "D.", "J.P." or a suffix such as "Jr."."""
    if word.lower() in _SUFFIXES or (word[0].isupper() and _INITIALS.match(word)):
        return True
    return word[0].isupper() and all(c.isalpha() or c in "'’-" for c in word)
