"""People's names in a text without markup: speaker labels, and names around a call's hand-offs.

The words (honorifics, particles, suffixes, title words, call roles) come from the lexicon.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg import lexicon

_INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}$|^[^\W\d_]$")
_SPEAKER_MAX_WORDS = 6
MAX_NAME_WORDS = 4

NAME_WORD = r"(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][\w'’\-]*)"  # "Vant", "O'Neill", or an initial inside a name ("J.")


@lru_cache(maxsize=1)
def _particle() -> str:
    """A lower-case particle inside a name ("de", "van"), or "St." of a saint's name."""
    words = sorted(lexicon.words(lexicon.NAME_PARTICLES), key=lambda w: (-len(w), w))
    return rf"(?:{'|'.join(map(re.escape, words))}|St\.?)"


@lru_cache(maxsize=1)
def honorific() -> str:
    """An honorific and the space after it ("Mr. ", "Dr "), as a regex."""
    words = sorted(lexicon.words(lexicon.HONORIFICS), key=lambda w: (-len(w), w))
    return rf"(?:(?:{'|'.join(w.capitalize() for w in words)})\.?\s+)"


@lru_cache(maxsize=1)
def name_pattern() -> str:
    """A capitalised run ("Rosa Kim", "Jean-Luc de la Fontaine", "Mark O'Neill") in the group `name`; an
    honorific before it is left out."""
    return rf"{honorific()}?(?P<name>{NAME_WORD}(?:\s+(?:{_particle()}\s+)*{NAME_WORD}){{0,5}})"


@lru_cache(maxsize=1)
def name_regex() -> re.Pattern:
    return re.compile(name_pattern())


def _label_key(label: str) -> str:
    return " ".join(label.lower().split())


def is_call_staff(label: str) -> bool:
    """A label such as 'Operator' or 'Moderator' (lexicon call-staff-labels) names who runs the call."""
    return _label_key(label) in lexicon.words(lexicon.CALL_STAFF_LABELS)


def is_role(label: str) -> bool:
    """A label that stands in for a name: the call's staff ("Operator", "Conference Operator 2") or a speaker
    without a name ("Unidentified Analyst", "Host"): it starts with the words of one of those labels."""
    key = _label_key(label) + " "
    forms = lexicon.words(lexicon.CALL_STAFF_LABELS) | lexicon.words(lexicon.UNNAMED_SPEAKER_LABELS)
    return any(key.startswith(form + " ") for form in forms)


def is_name(label: str) -> bool:
    """1-6 capitalised words or initials, lower-case particles inside, no word that starts a sentence."""
    words = label.split()
    particles = lexicon.words(lexicon.NAME_PARTICLES)
    if not 1 <= len(words) <= _SPEAKER_MAX_WORDS or words[0] in particles or words[-1] in particles:
        return False
    if any(word.lower().strip(".") in lexicon.words(lexicon.NOT_NAME_WORDS) for word in words):
        return False
    return all(word in particles or _is_name_word(word) for word in words)


def is_speaker(label: str) -> bool:
    """A label that can introduce a speaker turn: a role or a name."""
    return is_role(label) or is_name(label)


def is_title(text: str) -> bool:
    """Reads like a job title: "Chief Financial Officer", "SVP, Investor Relations", "Analyst"."""
    return any(word.strip(".,()").lower() in lexicon.words(lexicon.TITLE_WORDS) for word in text.split())


def _is_name_word(word: str) -> bool:
    """"Cook", "O'Brien", "Jean-Pierre", "D.", "J.P." or a suffix such as "Jr."."""
    if word.lower() in lexicon.words(lexicon.NAME_SUFFIXES) or (word[0].isupper() and _INITIALS.match(word)):
        return True
    return word[0].isupper() and all(c.isalpha() or c in "'’-" for c in word)


@lru_cache(maxsize=1)
def post_words() -> frozenset[str]:
    """Words of a post or unit that stand around a name in a call, not in it ("Senior Vice President")."""
    return lexicon.words(lexicon.TITLE_WORDS) | lexicon.words(lexicon.TITLE_CONTEXT_WORDS)


@lru_cache(maxsize=1)
def not_a_name() -> frozenset[str]:
    """Capitalised words that may follow a hand-over or a thanks but are not a name (lexicon hand-off cues)."""
    return frozenset(lexicon.concept_forms(lexicon.HANDOFF_CUES)["not-a-name"])


def name_words(run: str) -> str | None:
    """The person's name in a capitalised run: the last stretch of name words between post words and
    possessives ("Apple CEO Tim Cook" -> "Tim Cook", "Rosa Kim Vice President" -> "Rosa Kim")."""
    stretches: list[list[str]] = []
    current: list[str] = []
    for word in run.split():
        low = word.lower().strip(".,")
        possessive = low.endswith(("'s", "’s"))
        if low in post_words() or low in not_a_name() or possessive or "&" in word:
            if current:
                stretches.append(current)
            current = []
            if possessive:
                stretches.clear()
            continue
        current.append(word)
    if current:
        stretches.append(current)
    if not stretches:
        return None
    words = stretches[-1][:MAX_NAME_WORDS]
    while words and re.fullmatch(_particle(), words[-1]):
        words.pop()
    return " ".join(words) or None


NAME_PREFIX_MIN = 3  # "Will" for "William", "Doug" for "Douglas"


def calls_by_name(name: str, label: str) -> bool:
    """'Adam', 'Will', 'Jonas' or 'Adam Jonas' may call the speaker labelled 'Adam Michael Jonas' / 'William Stein'."""
    parts = [w for w in label.replace(".", " ").split() if len(w) > 1]
    if not parts:
        return False
    first, last = parts[0].lower(), parts[-1].lower()
    for word in name.split():
        low = word.lower()
        if word[:1].isupper() and (low in (first, last) or (len(low) >= NAME_PREFIX_MIN and first.startswith(low))):
            return True
    return False


def first_name(name: str) -> str:
    return name.split()[0]


def same_person(name: str, speaker: str) -> bool:
    """"Dana" or "Reyes" or "Dana Reyes" for Dana Reyes."""
    words = speaker.split() or [""]
    return name == speaker or name in words or (" " in name and name.split()[0] == words[0])


def same_first_name(word: str, first: str) -> bool:
    """'rich' and 'richard', 'Chris' and 'Christopher' (a short form), 'chantelle' and 'chantel', 'collette' and
    'colette' (spellings a letter apart, in names of five letters or more)."""
    short, long = sorted((word.lower(), first.lower()), key=len)
    return long.startswith(short) if len(short) < 5 else long.startswith(short) or _one_letter_apart(short, long)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed ('collette' and 'colette')."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:]


SPELLING_EDITS = 2  # how many letters two spellings of one name may differ by ('Reilly' and 'Riley')


def spelled_alike(a: str, b: str) -> bool:
    """Two full names that speech to text may have spelled for one person: the same surname and first names a
    short form or SPELLING_EDITS letters apart ('Dave Singleton', 'David Singleton'), or the same first name
    and surnames of four letters or more that many letters apart ('Paul Reilly', 'Paul Riley')."""
    if a == b or len(a.split()) < 2 or len(b.split()) < 2:
        return False
    first_a, *_, last_a = a.split()
    first_b, *_, last_b = b.split()
    if last_a == last_b:
        return same_first_name(first_a, first_b) or _within_edits(first_a.lower(), first_b.lower(), 3)
    return first_a == first_b and _within_edits("".join(a.split()[1:]).lower(), "".join(b.split()[1:]).lower(), 4)


def words_alike(a: str, b: str) -> bool:
    """Two words of six letters or more that may be one word, in capitals or not, or spelled two ways by speech to
    text ('Terzepatide', 'tirzepatide'): SPELLING_EDITS letters apart at most."""
    return _within_edits(a.lower(), b.lower(), 6)


def _within_edits(a: str, b: str, shortest: int) -> bool:
    """At most SPELLING_EDITS letters added, dropped or changed between two words of `shortest` letters or more."""
    if min(len(a), len(b)) < shortest or abs(len(a) - len(b)) > SPELLING_EDITS:
        return False
    row = list(range(len(b) + 1))  # Levenshtein distance, one row at a time
    for i, x in enumerate(a, 1):
        row, previous = [i], row
        for j, y in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y)))
    return row[-1] <= SPELLING_EDITS


_NEXT_WORD = re.compile(rf"\s+({NAME_WORD})")
_PREVIOUS_WORD = re.compile(rf"({NAME_WORD})\s+$")


class People:
    """Who the text has introduced, to complete first names: "Mark" is the "Mark Ode" named before."""

    def __init__(self, text: str):
        self.text = text
        self.full: list[str] = []
        self._searched: dict[str, int] = {}  # how far the text was searched for a name
        self._only: dict[str, str | None] = {}  # the one full name the whole text gives a word, if any

    def add(self, name: str) -> None:
        if " " in name and name not in self.full:
            self.full.append(name)

    def complete(self, name: str, before: int) -> tuple[str, bool]:
        """The full name for `name`, and whether the text gave it (in full, or introduced before `before`)."""
        if " " in name:
            return name, True
        for full in self.full:
            words = full.split()
            if words[0] == name or words[-1] == name:
                return full, True
        searched = self._searched.get(name, -1)
        if searched < before:
            self._searched[name] = before
            if found := self._search(name, max(searched, 0), before):
                self.add(found)
                return found, True
        return name, False

    def only_full_name(self, name: str) -> str | None:
        """The one full name the whole text gives a first name or surname ("Mark" said only as "Mark Ode", here
        or after its turn), None where it gives none or several."""
        if " " in name:
            return None
        if name not in self._only:  # asked again for each turn of the speaker: the text is read once per name
            found = {full for full in self._full_names(name, 0, len(self.text)) if _surnamed(name, full)}
            self._only[name] = found.pop() if len(found) == 1 else None
        return self._only[name]

    def _search(self, name: str, start: int, before: int) -> str | None:
        """The first "<name> <Surname>" (or "<Given> <name>") between `start` and `before`."""
        return next(self._full_names(name, start, before), None)

    def _full_names(self, name: str, start: int, before: int) -> Iterator[str]:
        """Each "<name> <Surname>" (or "<Given> <name>") between `start` and `before`, in text order."""
        text, pos = self.text, find(self.text, name, start, before)
        while pos != -1:
            stop = pos + len(name)
            if (pos == 0 or not text[pos - 1].isalnum()) and (stop == len(text) or not text[stop].isalnum()):
                after = _NEXT_WORD.match(text, stop)
                before_word = _PREVIOUS_WORD.search(text, max(0, pos - 30), pos)
                for other, full in ((after and after[1], f"{name} {after and after[1]}"),
                                    (before_word and before_word[1], f"{before_word and before_word[1]} {name}")):
                    if other and other.lower() not in not_a_name() and other.lower() not in post_words() \
                            and not other.lower().endswith(("'s", "’s")):
                        yield full
                        break
            pos = find(text, name, pos + 1, before)


def _surnamed(name: str, full: str) -> bool:
    """A full name that completes a first name with a surname ("Mark Ode"), or a surname with a first name ("Mark
    Ode" for "Ode"): not two first names in a row, two people ("Mark Dana"), nor a cut abbreviation ("St")."""
    first, last = full.split()
    names = lexicon.words(lexicon.FIRST_NAMES)
    if first == name:
        return last.lower() not in names and len(last) > 2
    return name.lower() not in names and first.lower() in names


def find_all(text: str, word: str, start: int, end: int) -> list[int]:
    out, pos = [], find(text, word, start, end)
    while pos != -1:
        out.append(pos)
        pos = find(text, word, pos + len(word), end)
    return out


def find(text: str, word: str, start: int, end: int) -> int:
    return text.find(word, start, end) if end > start else -1
