"""Write a big one-line document: one sentence with a quotation and two figures, repeated to the size asked.

    python bench/big_document.py --mb 5 --out /tmp/big-5mb.txt
    python bench/big_document.py --mb 0.5 --out /tmp/big-05mb.txt

Filings and long transcripts of 0.5-5 MB are normal; ingestion and the listings must cost what they print
(see bench/README-big-documents.md for what it measured).
"""
from __future__ import annotations

import argparse
from pathlib import Path

SENTENCE = ('Halcyon Semiconductor reported revenue of $2.4 billion, up 38% from a year earlier, and CEO Elena Varga '
            'said "demand keeps running ahead of what we can build." ')


def big_text(size: int) -> str:
    """The sentence repeated until the text holds at least `size` characters, on one line."""
    return SENTENCE * (size // len(SENTENCE) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, required=True, help="size in megabytes (10^6 characters)")
    parser.add_argument("--out", required=True, help="file to write")
    args = parser.parse_args()
    Path(args.out).write_text(big_text(int(args.mb * 1_000_000)), encoding="utf-8")


if __name__ == "__main__":
    main()
