"""Bulk ingestion of the S&P 500 corpus: wall time, documents and words per second, peak memory, triples and
store size; per-core throughput as a ratio to spaCy's bare tokenizer on the same text (the floor any spaCy
pipeline pays), measured in the same run.

    python bench/bench_ingest.py ../shared/corpus/sp500 --jobs 2
    python bench/bench_ingest.py ../shared/corpus/sp500 --jobs 2 --limit 300   # a quicker sample
    python bench/bench_ingest.py ../shared/corpus/sp500 --jobs 2 --keep /tmp/sp500-store   # keep the store
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kg.extract.nlp import pipeline
from kg.store import OxigraphStore


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--keep", help="build the store in this folder (must not exist) and keep it, e.g. for "
                                   "bench_queries.py; by default a temporary store is removed at the end")
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob("*.txt"))
    files = [f for f in files if not f.name.startswith("LICENSE")]
    if args.limit:
        files = files[:args.limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6

    tokenizer = pipeline().tokenizer
    start = time.perf_counter()
    for text in texts:
        tokenizer(text)
    tokenize_seconds = time.perf_counter() - start

    work = Path(tempfile.mkdtemp())
    listing = work / "files.txt"
    listing.write_text("\n".join(map(str, files)))
    store = Path(args.keep) if args.keep else work / "store"
    if store.exists():
        sys.exit(f"{store} exists: give a new folder to --keep")
    command = [sys.executable, "-m", "kg", "ingest", "--store", str(store), "-j", str(args.jobs), *map(str, files)]
    peak, done = 0, threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    watcher.join()
    with OxigraphStore(str(store)) as s:
        triples = len(s)
    size = folder_size(store)
    per_core_words = words / wall / args.jobs
    print(f"files: {len(files)} ({megabytes:.1f} MB, {words:,} words), jobs: {args.jobs}, cores: {os.cpu_count()}")
    print(f"kg ingest: exit {process.returncode}; {out.strip().splitlines()[-1] if out.strip() else ''}")
    if process.returncode:
        print(err[-2000:])
    print(f"wall time: {wall:.1f} s ({wall / 60:.1f} min); {len(files) / wall:.1f} docs/s; {words / wall:,.0f} words/s")
    print(f"peak memory (kg and its workers): {peak / 1e9:.2f} GB")
    print(f"triples: {triples:,}; store on disk: {size / 1e6:.0f} MB")
    print(f"spaCy bare tokenizer, one core: {words / tokenize_seconds:,.0f} words/s")
    print(f"kg per core: {per_core_words:,.0f} words/s = 1/{(words / tokenize_seconds) / per_core_words:.1f} "
          "of the bare tokenizer")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
