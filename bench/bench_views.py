"""Benchmark `kg viz` on stores of several sizes: whole-process time and peak memory of each view, each store's
ratio to the first, and (as a baseline in the same run) kg as it was before views read the store by bounded
queries, which projected the whole graph into networkx first.

    python bench/bench_views.py --store 40=STORE40 --store 300=STORE300 --store corpus=CORPUS_STORE \\
        [--baseline-src DIR --baseline-on 40] [--runs 3] [--focus Nvidia] [--browser]

Each view is `kg viz` (the entity view of the whole store), `kg viz --focus NAME` and `kg viz --view timeline
--focus NAME`, run as a fresh process
(`python -m kg viz ...`) `--runs` times: the median wall time and the largest peak resident memory (the process
and its children, from wait4); also without the median start-up of `python -m kg --version` in the same run (the
imports every command pays). `--baseline-src DIR` is a source checkout of the old kg (for example
`git worktree add DIR 7553d27`), run from DIR with PYTHONPATH=DIR on the stores named by `--baseline-on`, once each (it
takes minutes). `--browser` also loads each page in headless Chromium (Debian's, through Playwright) and times
it until the network is drawn (`window.kgReady`).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def run(command: list[str], env: dict | None = None, timeout: float = 1800,
        cwd: str | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB (from wait4: the process and the children it waited for) and standard output;
    a command past `timeout` is killed and reported as taking forever."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode < 0:
            return float("inf"), usage.ru_maxrss / 1024, f"killed after {timeout:.0f} s"
        if process.returncode:
            if cwd:  # a baseline that cannot do what is asked (a view it does not have): said, not fatal
                return wall, usage.ru_maxrss / 1024, f"failed: {err.read().strip().splitlines()[-1]}"
            raise SystemExit(f"{' '.join(command)} failed: {err.read().strip()}")
        return wall, usage.ru_maxrss / 1024, out.read().strip()


def viz(store: str, options: list[str], out: Path, source: str | None = None, timeout: float = 1800):
    env = dict(os.environ)
    if source:  # run from the source folder too: `python -m` puts the current folder first on the path
        env["PYTHONPATH"] = source
    return run([sys.executable, "-m", "kg", "viz", "--store", str(Path(store).resolve()), *options, "--out",
                str(out.resolve())], env, timeout, cwd=source)


def time_in_browser(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.perf_counter()
    page.goto(path.as_uri())
    while not page.evaluate("window.kgReady === true"):
        page.wait_for_timeout(20)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def bench(stores: list[tuple[str, str]], views: list[tuple[str, list[str]]], runs: int, baseline_src: str | None,
          baseline_on: set[str], browser, out: Path) -> None:
    startup = statistics.median(run([sys.executable, "-m", "kg", "--version"])[0] for _ in range(runs))
    print(f"start-up (python -m kg --version), median of {runs}: {startup:.2f} s\n")
    print(f"{'store':<8} {'view':<22} {'median s':>9} {'runs s':>22} {'peak MB':>8} {'nodes':>6} {'/ first':>8}"
          f"{'  - start-up s':>14}{'  browser s' if browser else ''}")
    first: dict[str, float] = {}
    for name, store in stores:
        for label, options in views:
            page = out / f"{name}-{label.replace(' ', '-')}.html"
            measured = [viz(store, options, page) for _ in range(runs)]
            walls = [wall for wall, _, _ in measured]
            median = statistics.median(walls)
            first.setdefault(label, median)
            nodes = re.search(r": (\d+) (?:nodes|points)", measured[-1][2])  # a timeline counts points
            line = (f"{name:<8} {label:<22} {median:>9.2f} {' '.join(f'{w:.2f}' for w in walls):>22} "
                    f"{max(peak for _, peak, _ in measured):>8.0f} {nodes.group(1) if nodes else '?':>6} "
                    f"{median / first[label]:>7.2f}x {median - startup:>13.2f}")
            if browser:
                line += f" {time_in_browser(browser, page):>10.2f}"
            print(line, flush=True)
    if not baseline_src:
        return
    print(f"\nbaseline: kg from {baseline_src} (the whole graph projected into networkx), once per view")
    for name, store in stores:
        if name not in baseline_on:
            continue
        for label, options in views:
            wall, peak, output = viz(store, options, out / f"baseline-{name}.html", baseline_src)
            print(f"{name:<8} {label:<22} {wall:>9.2f} {'':>22} {peak:>8.0f}   {output.splitlines()[-1] if output else ''}",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", required=True, metavar="NAME=STORE",
                        help="a store to measure on, named in the table (the first is the ratios' base)")
    parser.add_argument("--focus", default="Nvidia", help="the entity of the focused view")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-src", help="a source checkout of the kg to compare with")
    parser.add_argument("--baseline-on", nargs="*", default=[], help="names of the stores to run the baseline on")
    parser.add_argument("--browser", action="store_true", help="also time each page in headless Chromium")
    parser.add_argument("--out", type=Path, help="folder for the pages (default: a temporary one)")
    args = parser.parse_args()
    stores = [tuple(spec.split("=", 1)) for spec in args.store]
    views = [("kg viz", []), (f"kg viz --focus {args.focus}", ["--focus", args.focus]),
             (f"--view timeline --focus {args.focus}", ["--view", "timeline", "--focus", args.focus])]
    browser = playwright = None
    if args.browser:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        with tempfile.TemporaryDirectory() as folder:
            out = args.out or Path(folder)
            out.mkdir(parents=True, exist_ok=True)
            bench(stores, views, args.runs, args.baseline_src, set(args.baseline_on), browser, out)
    finally:
        if browser:
            browser.close()
            playwright.stop()


if __name__ == "__main__":
    main()
