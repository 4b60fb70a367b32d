"""Which embedded store: rdflib's in-memory Dataset against Oxigraph (in memory and on disk).

Builds a synthetic graph shaped like kg's (one named graph per document with entities, quotes, figures and
claims), then times loading, reopening, and the listing queries kg runs, on each store. Ratios are against
rdflib in the same run.

    python bench/bench_store.py --triples 1000000
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import rdflib
from rdflib import Literal
from rdflib.namespace import PROV, RDF, XSD

from kg import queries
from kg.rdf.namespaces import ENT, ID, KG, METRIC, NIF, SCHEMA
from kg.store import MemoryStore, OxigraphStore

PEOPLE = [f"Person {i}" for i in range(400)]
ORGS = [f"Company {i}" for i in range(300)]
METRICS = ["revenue", "capex", "expenses", "operating-income", "share-price", "users"]


def synthetic_documents(target_triples: int, seed: int = 7):
    """Yield rdflib Graphs (one per document) until about `target_triples` triples."""
    rng = random.Random(seed)
    total, n = 0, 0
    while total < target_triples:
        g = rdflib.Graph(identifier=ID[f"graph/doc/{n:016x}"])
        doc = ID[f"doc/{n:016x}"]
        g.add((doc, RDF.type, KG.Document))
        g.add((doc, KG.sourcePath, Literal(f"corpus/doc-{n}.txt")))
        people, orgs = rng.sample(PEOPLE, 4), rng.sample(ORGS, 3)
        for name, cls in [(p, SCHEMA.Person) for p in people] + [(o, SCHEMA.Organization) for o in orgs]:
            e = ENT[name.lower().replace(" ", "-")]
            g.add((e, RDF.type, cls))
            g.add((e, SCHEMA.name, Literal(name)))
            g.add((doc, SCHEMA.mentions, e))
        for k in range(20):
            q = ID[f"quote/{n:016x}/{k}"]
            speaker = ENT[rng.choice(people).lower().replace(" ", "-")]
            for t in ((q, RDF.type, SCHEMA.Quotation), (q, SCHEMA.text, Literal(f"we grew {k} percent in the quarter")),
                      (q, SCHEMA.spokenByCharacter, speaker), (q, PROV.wasDerivedFrom, doc),
                      (q, NIF.beginIndex, Literal(k * 100)), (q, NIF.endIndex, Literal(k * 100 + 50))):
                g.add(t)
        for k in range(25):
            f = ID[f"figure/{n:016x}/{k}"]
            for t in ((f, RDF.type, KG.Figure), (f, SCHEMA.value, Literal(rng.random() * 1e9, datatype=XSD.decimal)),
                      (f, SCHEMA.unitText, Literal("USD")), (f, KG.metric, METRIC[rng.choice(METRICS)]),
                      (f, KG.subject, ENT[rng.choice(orgs).lower().replace(" ", "-")]), (f, PROV.wasDerivedFrom, doc),
                      (f, NIF.anchorOf, Literal(f"${k} billion")), (f, NIF.beginIndex, Literal(k)),
                      (f, NIF.endIndex, Literal(k + 5))):
                g.add(t)
        total += len(g)
        n += 1
        yield g


QUERIES = {
    "listing: quotes": (queries.load("quotes").text, queries.load("quotes").bindings({})),
    "listing: figures of one company": (queries.load("figures").text,
                                        queries.load("figures").bindings({"entity": "Company 17"})),
    "scan: CONTAINS over quote text": (queries.prefixes() + 'SELECT (COUNT(*) AS ?n) WHERE { ?q schema:text ?t '
                                       'FILTER(CONTAINS(?t, "7 percent")) }', {}),
    "group by: figures per metric": (queries.prefixes() + "SELECT ?m (COUNT(?f) AS ?n) WHERE { ?f kg:metric ?m } "
                                     "GROUP BY ?m", {}),
    "two-hop join: quotes of one person": (queries.prefixes() + 'SELECT ?t WHERE { ?p schema:name "Person 42" . '
                                           "?q schema:spokenByCharacter ?p ; schema:text ?t }", {}),
}


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    args = ap.parse_args()
    graphs = list(synthetic_documents(args.triples))
    print(f"{len(graphs)} documents, {sum(len(g) for g in graphs):,} triples")
    folder = Path(tempfile.mkdtemp())
    stores = {"rdflib memory": MemoryStore(), "oxigraph memory": OxigraphStore(""),
              "oxigraph disk": OxigraphStore(str(folder / "store"))}
    results: dict[str, dict[str, float]] = {name: {} for name in stores}
    for name, store in stores.items():
        start = time.perf_counter()
        for g in graphs:
            store.add_graph(g)
        results[name]["load"] = time.perf_counter() - start
    stores["oxigraph disk"].close()
    start = time.perf_counter()
    stores["oxigraph disk"] = OxigraphStore(str(folder / "store"))
    results["oxigraph disk"]["reopen"] = time.perf_counter() - start
    for label, (text, bindings) in QUERIES.items():
        for name, store in stores.items():
            results[name][label] = timed(lambda: store.query(text, bindings))
    base = results["rdflib memory"]
    print(f"{'':40s}" + "".join(f"{name:>26s}" for name in stores))
    for label in ["load", *QUERIES]:
        cells = []
        for name in stores:
            t = results[name][label]
            cells.append(f"{t:9.3f} s ({base[label] / t:6.1f}x)")
        print(f"{label:40s}" + "".join(f"{c:>26s}" for c in cells))
    print(f"{'reopen (disk; rdflib must re-parse)':40s}{results['oxigraph disk']['reopen']:>61.3f} s")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
