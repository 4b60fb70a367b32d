"""SPARQL over the union of the graphs counts right on a store where the same entities appear in many documents:
the README's example queries and a count per speaker give exact numbers; each call is one row; removing a
document leaves the store as if it had never been ingested."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from rdflib import Literal

from kg import api, listings
from kg.ingest import ONTOLOGY_GRAPH, ingest
from kg.queries import with_prefixes
from kg.store import open_store

README = Path(__file__).resolve().parent.parent / "README.md"
ARTICLES = 5


def article(i: int) -> str:
    """Chips again: Meta's revenue, Elena Varga and DeepSeek in each article."""
    return (f"Chip results, part {i}\n\nPublished {i + 1} Feb 2025\n\n"
            f"Meta Platforms reported revenue of ${40 + i} billion in the fourth quarter of 2024. "
            f"\"Demand for our accelerators keeps growing, quarter {i},\" Halcyon Semiconductor CEO Elena Varga said. "
            f"Varga said that DeepSeek will push chip makers to spend more on AI in 2025.\n")


def call(quarter: int, dated: bool) -> str:
    """An Apple call in which an analyst (not in the gazetteer) asks about accelerators and Tim Cook answers."""
    date = f"Date: 2025-0{quarter}-30\n" if dated else ""
    return (f"Company: Apple\nQuarter: Q{quarter} 2025\n{date}\n"
            "Operator: Our first question comes from Lee Park with Keystone Research.\n"
            "Lee Park: How is accelerator demand holding up in China this quarter?\n"
            "Tim Cook: Accelerator demand in China was strong, and we expect it to grow.\n")


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    texts = {f"meta-{i}.txt": article(i) for i in range(1, ARTICLES + 1)}
    # two records of Apple's Q1 call: one gives its date, the other its analyst; and a Q2 call
    texts |= {"apple-q1.md": call(1, dated=False), "apple-q1-dated.md": call(1, dated=True).replace("Lee Park", "Ana Ruiz"),
              "apple-q2.md": call(2, dated=False)}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("counts") / "corpus")


def ingested(folder: Path, files: list[Path]):
    store = open_store(f"oxigraph:{folder}")
    report = ingest(store, [str(f) for f in files])
    assert not report.failed
    return store


@pytest.fixture(scope="module")
def store(corpus, tmp_path_factory):
    store = ingested(tmp_path_factory.mktemp("store") / "store", corpus)
    yield store
    store.close()


def readme_queries() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Asking questions in SPARQL", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.S)


def select(store, text: str) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in store.query(with_prefixes(text)).rows]


def test_the_readme_examples_count_each_fact_once(store):
    varga, meta_revenue, deepseek, accelerators = readme_queries()
    assert len(select(store, varga)) == ARTICLES  # one row per quotation, not one per graph naming her
    assert sorted(select(store, meta_revenue)) == [("Q4 2024", f"{40 + i}000000000", "USD") for i in range(1, ARTICLES + 1)]
    assert select(store, deepseek) == [("Elena Varga", "forecast", "DeepSeek will push chip makers to spend more on AI in 2025")] * ARTICLES
    question = "How is accelerator demand holding up in China this quarter?"
    assert sorted(select(store, accelerators)) == [("Ana Ruiz", question, "Tim Cook"), ("Lee Park", question, "Tim Cook")]


def test_quotations_per_speaker_name(store):
    counts = select(store, "SELECT ?name (COUNT(?q) AS ?quotes) WHERE { ?q a schema:Quotation ; "
                           "schema:spokenByCharacter/schema:name ?name } GROUP BY ?name ORDER BY ?name")
    assert counts == [("Ana Ruiz", "1"), ("Elena Varga", str(ARTICLES)), ("Lee Park", "2"), ("Tim Cook", "3")]


def test_each_entity_and_name_once(store):
    people = select(store, "SELECT ?name WHERE { ?doc schema:mentions ?p . ?p a schema:Person ; schema:name ?name } "
                           "GROUP BY ?name ORDER BY ?name")
    assert people == [("Ana Ruiz",), ("Elena Varga",), ("Lee Park",), ("Tim Cook",)]
    repeated = select(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o } FILTER(?g1 != ?g2) } LIMIT 5")
    assert repeated == []  # no triple is in two graphs: the union meets each once


def test_a_call_recorded_twice_is_one_row(store):
    calls = listings.calls(store)
    assert [(c["name"], c["date"], c["documents"], c["participants"]) for c in calls] == [
        ("Apple Q1 FY2025 earnings call", "2025-01-30", 2, ["Ana Ruiz", "Lee Park", "Tim Cook"]),
        ("Apple Q2 FY2025 earnings call", None, 1, ["Lee Park", "Tim Cook"])]
    assert listings.stats(store)["events"] == len(calls)


def quads(store) -> set:
    """The store's quads but the ontology graph's (the same in every store, with blank nodes of its own)."""
    return {q for q in store.quads() if q[3] != ONTOLOGY_GRAPH}


def named(store, name: str) -> bool:
    return bool(store.query(with_prefixes("ASK { ?entity schema:name ?name }"), {"name": Literal(name)}).boolean)


@pytest.mark.parametrize("gone", ["meta-1.txt", "apple-q1-dated.md"])
def test_removing_a_document_is_as_if_it_had_never_been_ingested(corpus, tmp_path, gone):
    folder = tmp_path / "store"
    ingested(folder, corpus).close()
    api.remove(str(folder), str(corpus[0].parent / gone))
    with open_store(str(folder)) as store, ingested(tmp_path / "expected", [f for f in corpus if f.name != gone]) as expected:
        assert quads(store) == quads(expected)
        assert named(store, "Ana Ruiz") == (gone != "apple-q1-dated.md")  # the only document that names her


def test_the_order_of_ingestion_does_not_matter(corpus, tmp_path):
    with ingested(tmp_path / "forward", corpus) as forward, open_store(str(tmp_path / "backward")) as backward:
        for path in reversed(corpus):  # one at a time: each merged into what the entities graph holds
            ingest(backward, [str(path)])
        assert quads(forward) == quads(backward)
