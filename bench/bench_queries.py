"""Benchmark the named queries: the embedded default store (Oxigraph on disk) against rdflib's in-memory Dataset.

    python bench/bench_queries.py --store /tmp/bench-store [--runs 5] [--rdflib-runs 3] [--rdflib-timeout 60] [--only NAME...]
    python bench/bench_queries.py --store /tmp/bench-store --ingest ../shared/corpus/sp500   # build it first

Opens the store (building it with `kg ingest` first when --ingest is given) and runs every named query with the
parameters below as the CLI shows them by default in a table (the first page of rows, `kg.queries.PAGE_SIZE`; a
computed query's rows made by `kg.analysis`, as `kg query` makes them): one
warm-up and --runs timed runs, then the same for all the rows (`--limit 0`). Then it loads the same quads into an rdflib Dataset (default
graph = union of the named graphs, as kg's memory store) and runs each query's page --rdflib-runs times, each run in
a forked child stopped after --rdflib-timeout seconds (and not run again). Prints the medians, the ratio and the row
counts (which must agree).
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import analysis, queries  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.store.memory import MemoryStore  # noqa: E402

PARAMS = {  # what an analyst would ask of a season of calls: one company, person or period at a time
    "calls": {"call": "Apple"}, "claims": {"entity": "Apple"}, "claims-about": {"entity": "Apple"},
    "co-mentions": {"entity": "Nvidia"}, "documents-about": {"entity": "Microsoft"}, "entities": {"name": "Hood"},
    "entity-details": {"entity": "Hood"},
    "figures": {"metric": "revenue", "entity": "Apple"},
    "figures-by-company-metric": {"company": "Apple", "metric": "revenue"},
    "guidance": {"period": "Q1 FY2025", "entity": "Apple"}, "mentions": {"speaker": "Cook"},
    "quotes": {"speaker": "Cook"}, "quotes-by-person": {"person": "Cook"},
    "guidance-vs-actual": {"company": "Nvidia", "metric": "revenue"}, "agreement": {"company": "Meta"},
}

PAGE = queries.Page()  # what the CLI shows unless asked for more (`--limit`)


def timed(store, named, params: dict, page: queries.Page | None = PAGE) -> tuple[float, int]:
    """One run as the CLI runs it (entity parameters resolved first; a page of rows, or all with None), timed."""
    started = time.perf_counter()
    result = analysis.run(named, store, params, page) if named.computed else named.run(store, params, page)
    rows = len(result.rows) if result.kind == "select" else int(bool(result.boolean))
    return time.perf_counter() - started, rows


def _child(store, named, params, pipe) -> None:
    pipe.send(timed(store, named, params))


def timed_with_limit(store, named, params: dict, seconds: float) -> tuple[float | None, int | None]:
    """`timed` in a forked child (sharing the loaded dataset), stopped after `seconds`."""
    sys.stdout.flush()  # or the child would print our buffered lines again when it exits
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(target=_child, args=(store, named, params, child))
    process.start()
    if parent.poll(seconds):
        result = parent.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return None, None


def load_rdflib(store) -> MemoryStore:
    """The same quads in rdflib's in-memory Dataset, through an N-Quads dump (rdflib's parser is the fast way in)."""
    memory = MemoryStore()
    with tempfile.NamedTemporaryFile(suffix=".nq") as dump:
        store.ox.dump(dump.name, format=ox.RdfFormat.N_QUADS)
        memory.ds.parse(dump.name, format="nquads")
    return memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="Oxigraph store folder (built with --ingest when given)")
    parser.add_argument("--ingest", nargs="*", help="files or folders to `kg ingest` into --store first")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60)
    parser.add_argument("--only", nargs="*", help="run only these named queries")
    args = parser.parse_args()
    if args.ingest:
        subprocess.run([sys.executable, "-m", "kg", "ingest", "--store", args.store, *args.ingest], check=True)
    store = open_store(f"oxigraph:{args.store}")
    names = args.only or queries.names()
    print(f"store {args.store}: {len(store)} quads in {len(store.graph_names())} graphs; "
          f"page: {PAGE.limit} rows (a table's default)", flush=True)
    fast, whole = {}, {}
    for name in names:  # the embedded store first, before rdflib's dataset takes the memory
        named, params = queries.load(name), PARAMS.get(name, {})
        timed(store, named, params, PAGE)
        fast[name] = [timed(store, named, params, PAGE) for _ in range(args.runs)]
        timed(store, named, params, None)
        whole[name] = [timed(store, named, params, None) for _ in range(args.runs)]
    started = time.perf_counter()
    memory = load_rdflib(store) if args.rdflib_runs else None  # --rdflib-runs 0: the embedded store only
    print("rdflib " + (f"Dataset loaded in {time.perf_counter() - started:.1f} s" if memory else "not run"))
    print(f"{'query':27} {'params':38} {'oxigraph ms':>11} {'rdflib ms':>10} {'ratio':>7} {'page rows':>10}"
          f" {'all rows: ms':>12} {'rows':>5}")
    ratios, slowest = [], 0.0
    for name in names:
        named, params = queries.load(name), PARAMS.get(name, {})
        slow = []
        for _ in range(args.rdflib_runs):
            slow.append(timed_with_limit(memory, named, params, args.rdflib_timeout))
            if slow[-1][0] is None:  # out of time once: no need to wait again
                break
        ox_ms = statistics.median(t for t, _ in fast[name]) * 1000
        slowest = max(slowest, ox_ms)
        if not slow:
            rdflib_text, ratio_text, rdflib_rows = "-", "-", "-"
        elif any(t is None for t, _ in slow):
            ratios.append(args.rdflib_timeout * 1000 / ox_ms)
            rdflib_text, ratio_text, rdflib_rows = f">{args.rdflib_timeout * 1000:.0f}", f">{ratios[-1]:.0f}x", "?"
        else:
            rdflib_ms = statistics.median(t for t, _ in slow) * 1000
            ratios.append(rdflib_ms / ox_ms)
            rdflib_text, ratio_text, rdflib_rows = f"{rdflib_ms:.1f}", f"{ratios[-1]:.0f}x", slow[0][1]
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        whole_ms = statistics.median(t for t, _ in whole[name]) * 1000
        print(f"{name:27} {shown:38} {ox_ms:11.1f} {rdflib_text:>10} {ratio_text:>7} "
              f"{f'{fast[name][0][1]}/{rdflib_rows}':>10} {whole_ms:12.1f} {whole[name][0][1]:>5}")
    ratio = f"{statistics.median(ratios):.0f}x (a ratio with '>' counts at the timeout)" if ratios else "not measured"
    print(f"slowest on oxigraph (a page): {slowest:.1f} ms; median ratio rdflib/oxigraph: {ratio}")


if __name__ == "__main__":
    main()
