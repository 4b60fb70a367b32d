"""The gazetteer's data: one entry for each name, alias and ticker, and no common word as a company's name."""
from collections import defaultdict

import pytest

from kg.extract.entities import gazetteer_mentions
from kg.extract.gazetteer import load_gazetteer
from kg.extract.nlp import make_doc


def _held_by_several(pairs) -> dict[str, list[str]]:
    holders = defaultdict(set)
    for key, iri in pairs:
        holders[key].add(iri)
    return {key: sorted(iris) for key, iris in holders.items() if len(iris) > 1}


def test_no_name_or_alias_is_shared_by_two_entries():
    """Across all gazetteer files: a form two entries share would name either of them at random."""
    gazetteer = load_gazetteer()
    shared = _held_by_several((form.lower(), known.iri) for form, known in gazetteer.surface_forms())
    assert not shared, shared


def test_no_ticker_is_held_by_two_companies():
    gazetteer = load_gazetteer()
    shared = _held_by_several((ticker, known.iri) for known in gazetteer.entries.values() for ticker in known.tickers)
    assert not shared, shared


@pytest.mark.parametrize("text, found", [
    ("Halverton now buys engines from Boeing for its fleet.", ["Boeing"]),
    ("The partnership with the Walt Disney Company grew.", ["Disney"]),
    ("Brightwell sells its kits through Target Corporation.", ["Target Corporation"]),
    # a company whose short name is a common word is named by its longer forms only
    ("Target margins rose in the quarter.", []),
    ("Southern states saw more storms.", []),
    ("Delta between the two plans is small.", []),
    ("Progressive pricing helped the segment.", []),
])
def test_a_company_is_found_by_its_names_and_not_by_a_common_word(text, found):
    doc = make_doc(text)  # the matcher finds overlapping forms ('Walt Disney Company', 'Disney'): one name each
    assert sorted({m.name for m in gazetteer_mentions(doc, load_gazetteer())}) == found


@pytest.mark.parametrize("text, found", [
    # a product's code alone names it only beside another of its names or its developer
    ("OCI losses weighed on our capital ratio this quarter.", []),
    ("Oracle said OCI bookings doubled.", ["Oracle", "Oracle Cloud Infrastructure"]),
    ("Our new R1 drone flies longer.", []),
    ("DeepSeek trained R1 on a small budget.", ["DeepSeek", "DeepSeek-R1"]),
    ("Nova is losing share in the category.", []),
    ("We run on Azure, GCP and AWS.", ["AWS", "Azure", "Google Cloud"]),
    ("Amazon said Nova models got faster.", ["Amazon", "Amazon Nova"]),
])
def test_a_products_code_alone_needs_its_developer_or_another_name(text, found):
    doc = make_doc(text)
    assert sorted({m.name for m in gazetteer_mentions(doc, load_gazetteer())}) == found
