"""The schemes the rules read: each constant of `kg.lexicon` names a scheme that `data/` or `ontology/` holds."""
import pytest

from kg import lexicon
from kg.extract.nlp import make_doc
from kg.extract.phrases import find

SCHEMES = sorted(name for name, value in vars(lexicon).items()
                 if name.isupper() and type(value) is str and value.startswith("https://w3id.org/kg/"))


def test_the_constants_are_found():
    assert {"DETERMINERS", "COMPARISON_BASES", "LIST_JOINS"} <= set(SCHEMES)


@pytest.mark.parametrize("name", SCHEMES)
def test_each_scheme_a_rule_reads_holds_words(name):
    assert lexicon.load().terms(getattr(lexicon, name)), f"lexicon.{name} names no scheme of the data"


def test_a_verb_is_a_speech_verb_or_a_quotation_verb_not_both():
    """Speech verbs cue quotations and claims, quotation verbs quotations only: one home for each verb form."""
    both = lexicon.words(lexicon.SPEECH_VERBS) & lexicon.words(lexicon.QUOTATION_VERBS)
    assert not both, f"in both schemes: {sorted(both)}"


@pytest.mark.parametrize("text, found", [
    ("Sales in the U.S. grew.", ["U.S."]),  # one token in capitals
    ("sales in the u.s. grew.", ["u.s."]),  # two tokens in lower case
    ("Both the U.K. and Canada grew.", ["U.K.", "Canada"]),
])
def test_an_abbreviation_with_full_stops_is_found_however_it_is_written(text, found):
    doc = make_doc(text)
    assert [doc[h.start:h.end].text for h in find(doc, lexicon.PLACES)] == found
