"""Speech and quotation verbs in a Doc: where they stand, whether a word there is used as a verb, and the words
between a verb and its subject."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.nlp import sentence
from kg.extract.phrases import by_end, by_start


@lru_cache(maxsize=1)
def attribution_schemes() -> tuple[str, str]:
    return lexicon.SPEECH_VERBS, lexicon.QUOTATION_VERBS


def verbs_by_start(doc: Doc) -> dict:
    """Speech and quotation verbs by their first token (made once per Doc)."""
    if "kg_verbs_by_start" not in doc.user_data:
        found = doc.user_data["kg_verbs_by_start"] = dict(by_start(doc, lexicon.QUOTATION_VERBS))
        found.update(by_start(doc, lexicon.SPEECH_VERBS))
    return doc.user_data["kg_verbs_by_start"]


def verbs_by_end(doc: Doc) -> dict:
    """Speech and quotation verbs by the token after their last one (made once per Doc)."""
    if "kg_verbs_by_end" not in doc.user_data:
        found = doc.user_data["kg_verbs_by_end"] = dict(by_end(doc, lexicon.QUOTATION_VERBS))
        found.update(by_end(doc, lexicon.SPEECH_VERBS))
    return doc.user_data["kg_verbs_by_end"]


def is_verb(doc: Doc, i: int) -> bool:
    """A speech verb's word is a noun after a determiner ("his comments", "Roe's claim"), or after a determiner
    and one more word when the verb is a noun too ("a Twitter comment", lexicon kg:alsoNoun), no verb before a
    word when it speaks only at its clause's end (kg:endsClause), and a name when written with a capital inside
    a sentence ("Secretary of State")."""
    determiners = lexicon.words(lexicon.DETERMINERS)
    if i > 0 and doc[i - 1].lower_ in determiners:
        return False
    if i > 1 and doc[i - 2].lower_ in determiners and doc[i - 1].is_alpha and _noun_form(doc, i):
        return False
    hit = verbs_by_start(doc).get(i)
    if hit is not None and hit.term.props.get("endsClause") and hit.end < len(doc) and doc[hit.end].is_alpha:
        return False  # 'the Senate goes on recess': 'go on' speaks only where its clause ends
    return not doc[i].text[:1].isupper() or sentence(doc, i).start == i


def _noun_form(doc: Doc, i: int) -> bool:
    """The speech verb at token i in a form its noun shares ('comment', 'reports', not 'commented')."""
    hit = verbs_by_start(doc).get(i)
    return hit is not None and bool(hit.term.props.get("alsoNoun")) and not doc[i].lower_.endswith(("ed", "ing"))


def is_participle(doc: Doc, i: int) -> bool:
    """A speech verb in -ing without an auxiliary before it ('..., saying', 'a note explaining'), or after a
    preposition and an adverb ('for not calling'): not finite."""
    if not doc[i].lower_.endswith("ing"):
        return False
    if i == 0 or doc[i - 1].lower_ not in lexicon.words(lexicon.VERB_FILLERS):
        return True
    return i > 1 and doc[i - 2].lower_ in lexicon.words(lexicon.PREPOSITIONS)


def before_infinitive(doc: Doc, i: int) -> bool:
    """'to' and a lower-case word other than a determiner at token i ('continue to grow'), not 'said to People'
    or 'said to the camera', whose speaker is the name before the verb."""
    return i + 1 < len(doc) and doc[i].lower_ == "to" and doc[i + 1].is_lower \
        and doc[i + 1].lower_ not in lexicon.words(lexicon.DETERMINERS)


def skip_fillers(doc: Doc, j: int, floor: int) -> int:
    """Back over auxiliaries, adverbs and days between a subject and its verb ("Trump also said", "Clinton has
    said", "Priebus later Thursday told")."""
    calendar = lexicon.words(lexicon.CALENDAR_WORDS)
    while j > floor and (doc[j].is_space or doc[j].lower_ in lexicon.words(lexicon.VERB_FILLERS) or doc[j].lower_ in calendar
                         or (doc[j].is_lower and doc[j].lower_.endswith("ly") and len(doc[j]) > 3)
                         or (doc[j].lower_ == "on" and doc[j + 1].lower_ in calendar)):
        j -= 1
    return j


def inversion_place(doc: Doc, verb: int, floor: int) -> bool:
    """Where a speaker may follow its verb: the verb opens the sentence, or follows a quotation or a comma."""
    return verb == floor or doc[verb - 1].text in (",", "“", "”", '"', ":")
