#!/usr/bin/env python3
"""Who said it: quotation finding and speaker attribution of `kg`, on golds in the scorer's format.

Scores the CLI with the shared scorer's own matching rules (imported from its file, so the numbers are the
scorer's), and splits what it gets wrong: of the quotations that have a named speaker in the gold and that kg
found, the share with the right speaker, with a wrong one and with none. The attribution training set is split
in two by file order: every 4th file is held out (`--split holdout`), the rest is for development (`--split dev`).

    python bench/bench_attribution.py ../shared/eval/polnear-train/gold --split dev
    python bench/bench_attribution.py ../shared/eval/polnear-train/gold --split holdout --errors /tmp/errors.jsonl

`--errors FILE` writes one JSON line per miss (document, gold words and speaker, kg's speaker and rule) for
reading; it holds the publishers' sentences, so keep it outside the project.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT_EVERY = 4


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kg_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def golds(paths: list[str], split: str) -> list[str]:
    files = sorted(str(Path(p) / f) for p in paths if os.path.isdir(p) for f in os.listdir(p) if f.endswith(".json"))
    files += [p for p in paths if not os.path.isdir(p)]
    if split == "all":
        return files
    held = {f for i, f in enumerate(files) if i % HOLDOUT_EVERY == 0}
    return sorted(held) if split == "holdout" else [f for f in files if f not in held]


def run(kg: list[str], store: str, *args: str) -> str:
    result = subprocess.run(kg + list(args), capture_output=True, text=True, env={**os.environ, "KG_STORE": store})
    if result.returncode != 0:
        sys.exit(f"`{shlex.join(kg + list(args))}` failed: {result.stderr[-2000:]}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="gold files or folders")
    parser.add_argument("--split", choices=("all", "dev", "holdout"), default="all")
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    parser.add_argument("--kg", default="kg", help="how to call the CLI")
    parser.add_argument("--errors", help="write the misses here, one JSON object a line")
    args = parser.parse_args()
    scorer = load_scorer(Path(args.scorer))
    kg = shlex.split(args.kg)
    items = [(path, json.load(open(path))) for path in golds(args.gold, args.split)]
    docs = [scorer.find_doc(path, gold) for path, gold in items]
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        run(kg, store, "ingest", *docs)
        quotes = json.loads(run(kg, store, "quotes", "--format", "json"))
    by_doc = collections.defaultdict(list)
    for quote in quotes:
        by_doc[os.path.basename(str(quote.get("source") or ""))].append(quote)
    found = gold_n = got_n = got_hit = 0
    outcome, by_rule = collections.Counter(), collections.Counter()
    errors = []
    for (path, gold), doc in zip(items, docs):
        got = by_doc[os.path.basename(doc)]
        gold_quotes = gold.get("quotes", [])
        gold_n += len(gold_quotes)
        got_n += len(got)
        for x in got:
            if any(scorer.text_match(g["text"], x.get("text", "")) for g in gold_quotes):
                got_hit += 1
            else:
                errors.append({"doc": os.path.basename(doc), "kind": "extra", "got_text": x.get("text", ""),
                               "got": x.get("speaker"), "rule": x.get("rule"), "partial": x.get("partial")})
        for g in gold_quotes:
            matched = [x for x in got if scorer.text_match(g["text"], x.get("text", ""))]
            if not matched:
                errors.append({"doc": os.path.basename(doc), "kind": "missed", "gold": g["text"], "speaker": g.get("speaker")})
                continue
            found += 1
            if not g.get("speaker"):
                continue
            names = {scorer.norm(g["speaker"])}
            if any(scorer.same_name(names, x.get("speaker")) for x in matched):
                outcome["right"] += 1
                continue
            kind = "wrong" if any(x.get("speaker") for x in matched) else "none"
            outcome[kind] += 1
            by_rule[(kind, matched[0].get("rule"))] += 1
            errors.append({"doc": os.path.basename(doc), "kind": kind, "gold": g["text"], "speaker": g["speaker"],
                           "got": [x.get("speaker") for x in matched], "rule": [x.get("rule") for x in matched]})
    precision, recall = got_hit / got_n if got_n else 0, found / gold_n if gold_n else 0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    named = sum(outcome.values())
    print(f"{len(items)} documents ({args.split}): quotes P={precision:.3f} R={recall:.3f} F1={f1:.3f} "
          f"(gold {gold_n}, kg {got_n})")
    print(f"named speakers found: {named}; right {outcome['right'] / named:.3f}, wrong {outcome['wrong'] / named:.3f}, "
          f"none {outcome['none'] / named:.3f}")
    for (kind, rule), count in by_rule.most_common(12):
        print(f"  {kind:5} {rule}: {count}")
    if args.errors:
        with open(args.errors, "w") as out:
            for error in errors:
                out.write(json.dumps(error) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
