"""Count the rows of `kg query guidance-vs-actual` or `kg query agreement` (JSON, every row) and print a random
sample to check by reading the sources: each figure's words with the text around them, from its source file.

    kg query guidance-vs-actual --store STORE --format json --limit 0 > guidance.json
    python bench/sample_pairs.py guidance.json --seed 16 --size 30
    kg query agreement --store STORE --format json --limit 0 > agreement.json
    python bench/sample_pairs.py agreement.json --seed 16 --size 30

Guidance rows are sampled among those paired with a result (an `outcome`); agreement rows among those that agree.
Source paths are read as the rows give them (relative ones from the folder the store was built from).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

AROUND = 160  # characters shown either side of a figure's start


def around(path: str, start: int) -> str:
    text = Path(path).read_text(encoding="utf-8")
    start = int(start)
    return re.sub(r"\s+", " ", f"{text[max(0, start - AROUND):start]}[[{text[start:start + AROUND]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", help="the JSON rows of guidance-vs-actual or agreement")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--size", type=int, default=30)
    args = parser.parse_args()
    rows = json.loads(Path(args.rows).read_text(encoding="utf-8"))
    guidance = bool(rows) and "outcome" in rows[0]
    if guidance:
        chosen = [row for row in rows if row["outcome"]]
        print(f"{len(rows)} guidance rows, {len(chosen)} paired with a result: "
              f"{dict(Counter(row['outcome'] for row in chosen))}; {len({r['company'] for r in chosen})} companies")
    else:
        chosen = [row for row in rows if row["verdict"] == "agree"]
        print(f"{len(rows)} pairs: {dict(Counter(row['verdict'] for row in rows))}")
    random.seed(args.seed)
    for number, row in enumerate(random.sample(chosen, min(args.size, len(chosen))), 1):
        if guidance:
            print(f"\n#{number} {row['company']} | {row['metric']} | {row['period']} | guided {row['guidance_text']!r}"
                  f" -> {row['actual_text']!r}: {row['outcome']} ({row['deviation']}%), revision {row['revision']}")
            sides = (("guidance", row["guidance_source"], row["guidance_start"]),
                     ("actual", row["actual_source"], row["actual_start"]))
        else:
            print(f"\n#{number} {row['subject']} | {row['metric']} | {row['period']} | {row['text_a']!r} against "
                  f"{row['text_b']!r}: {row['verdict']}")
            sides = (("a", row["source_a"], row["start_a"]), ("b", row["source_b"], row["start_b"]))
        for side, path, start in sides:
            print(f"  {side} {Path(path).name}: {around(path, start)}")


if __name__ == "__main__":
    main()
