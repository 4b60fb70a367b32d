"""The schemes the rules read: each constant of `kg.lexicon` names a scheme that `data/` or `ontology/` holds."""
import pytest

from kg import lexicon

SCHEMES = sorted(name for name, value in vars(lexicon).items()
                 if name.isupper() and type(value) is str and value.startswith("https://w3id.org/kg/"))


def test_the_constants_are_found():
    assert {"DETERMINERS", "COMPARISON_BASES", "LIST_JOINS"} <= set(SCHEMES)


@pytest.mark.parametrize("name", SCHEMES)
def test_each_scheme_a_rule_reads_holds_words(name):
    assert lexicon.load().terms(getattr(lexicon, name)), f"lexicon.{name} names no scheme of the data"
