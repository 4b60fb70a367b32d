"""Bad input, crashes and fuzzing: nothing lost, nothing half-written, never an exception out of extraction."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import api, resources
from kg.cli import cli
from kg.documents import read_path
from kg.extract import extract
from kg.extract.amounts import find_amounts
from kg.extract.quotes import pair_quotes
from kg.iris import document_graph_iri
from kg.model import Document
from kg.rdf.mapping import to_graph, to_nquads
from kg.store import OxigraphStore
from kg.store.oxigraph import PENDING

SAMPLE = (resources.samples_dir() / "halcyon-chips-q3.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------ bad input

BAD_FILES = [
    ("empty.txt", b"", "is empty"),
    ("nul.txt", b"text\x00with\x00nul bytes" * 10, "looks binary, not text"),
    ("malformed.json", b'{"symbol": "ACME", "content": ', "malformed JSON"),
    ("no-content.json", b'{"symbol": "ACME", "year": 2025}', "JSON has no text in 'content', 'transcript' or 'text'"),
    ("scripts-only.html", b"<html><body><script>alert(1)</script></body></html>", "HTML has no readable text"),
]


@pytest.mark.parametrize("name, content, reason", BAD_FILES)
def test_bad_input_is_named_and_the_batch_goes_on(tmp_path, name, content, reason):
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    store = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["ingest", "--store", store, str(good), str(bad), "-j", "1"])
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and error_lines[0].startswith(f"error: {bad}: {reason}")
    assert "1 added, 0 replaced, 0 unchanged, 1 failed" in result.output
    assert result.output.count(str(bad)) == 1  # said once, as it came


def test_huge_single_line_is_refused_by_size(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * 50_000_001)
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "s"), str(huge)])
    assert result.exit_code == 1
    assert f"error: {huge}: is too large (50.0 MB; the limit is 20.0 MB, raise it with --max-bytes)" in result.output


def test_long_single_line_within_the_limit_goes_in(tmp_path):
    line = tmp_path / "line.txt"
    line.write_text(("Chip maker Zentara said revenue rose 5% to $2 billion. " * 1000).strip(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "s"), str(line)])
    assert result.exit_code == 0, result.output


def test_unreadable_path(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "s"), str(folder)])
    assert result.exit_code == 0  # a folder is read recursively; this one has nothing to ingest
    assert "0 added" in result.output


@pytest.mark.parametrize("text", [
    "He said \u201cthis opens \u201cand nests\u201d and never closes.",
    'Unbalanced "straight quote runs to the end of the paragraph\n\nNext paragraph.',
    "\u201d\u201c\u201d\u201c",
    "CEO Jane Roe said: \u201c\u201d",
    "<script>alert(1)</script> \u201c<img src=x onerror=alert(1)>,\u201d CEO Jane Roe said.",
])
def test_odd_quotation_marks_never_break_extraction(text):
    x = extract(Document(text=text, source="odd.txt"))
    for q in x.quotes:
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text


# ------------------------------------------------------------------ crash safety

def _corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    files = []
    for i in range(n):
        path = folder / f"doc-{i:04d}.txt"
        path.write_text("\n\n".join([SAMPLE] * 3) + f"\nNote {i}: CEO Elena Varga said that volumes rose "
                        f"{i % 90 + 1}% in 2025.\n", encoding="utf-8")
        files.append(path)
    return files


def _ingest_process(store: str, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "ingest", "--store", store, str(folder), "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _after_a_batch(journal: Path, process: subprocess.Popen, seconds: float = 120) -> None:
    """Wait until the ingest has written one batch: its journal appeared, then went (or the process ended)."""
    deadline, seen = time.monotonic() + seconds, False
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists():
            seen = True
        elif seen:
            return
        time.sleep(0.005)


def test_a_bulk_load_cut_short_is_undone_when_the_store_opens(tmp_path):
    whole, cut = (Document(f"Doc {i}: CEO Elena Varga said that volumes rose {i}% in 2025.", f"doc-{i}.txt")
                  for i in (1, 2))
    whole_graph, cut_graph = (document_graph_iri(d.content_hash) for d in (whole, cut))
    store = tmp_path / "store"
    with OxigraphStore(str(store)) as s:
        s.add_documents([(whole_graph, to_nquads(extract(whole)))])
        # what a kill in the middle of the next bulk load leaves: its journal, and part of its quads
        (store / PENDING).write_text(cut_graph, encoding="utf-8")
        lines = to_nquads(extract(cut)).splitlines(keepends=True)
        s.ox.bulk_load(b"".join(lines[:len(lines) // 2]), format=ox.RdfFormat.N_QUADS)
        assert s.has_graph(cut_graph)
    with OxigraphStore(str(store)) as s:
        assert not s.has_graph(cut_graph)
        assert s.has_graph(whole_graph)
        assert not (store / PENDING).exists()


@pytest.mark.slow
def test_killed_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    files = _corpus(tmp_path / "corpus", 24)  # a batch is 16 documents: one goes in, the rest do not
    store = str(tmp_path / "store")
    present: set[str] = set()
    for attempt in range(3):  # until the kill lands mid-run, each time on a fresh store
        shutil.rmtree(store, ignore_errors=True)
        process = _ingest_process(store, tmp_path / "corpus")
        _after_a_batch(Path(store) / PENDING, process)  # killed as soon as one batch is in, often mid-load of the next
        process.send_signal(signal.SIGKILL)
        process.wait()
        with OxigraphStore(store) as s:
            present = {g for g in s.graph_names() if "/graph/doc/" in g}
        if 0 < len(present) < len(files):
            break
    assert 0 < len(present) < len(files), "the kill never landed mid-run"
    with OxigraphStore(store) as s:
        for path in files:
            document = read_path(path)
            graph_iri = document_graph_iri(document.content_hash)
            if graph_iri in present:
                rows = s.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                               {"g": rdflib.URIRef(graph_iri)}).rows
                stored = {row[:3] for row in rows}
                assert stored == set(to_graph(extract(document))), f"{path} is half-written"
    rerun = subprocess.run([sys.executable, "-m", "kg", "ingest", "--store", store, str(tmp_path / "corpus")],
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(files) - len(present)} added, 0 replaced, {len(present)} unchanged" in rerun.stdout
    clean = str(tmp_path / "clean")  # the corpus ingested in one go, here (no process to start)
    assert not api.ingest_paths(clean, [str(tmp_path / "corpus")], jobs=1).failed
    with OxigraphStore(store) as a, OxigraphStore(clean) as b:
        assert len(a) == len(b)  # nothing twice, nothing missing


# ------------------------------------------------------------------ properties and fuzzing

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99), st.sampled_from(sorted(SCALES)))
def test_money_round_trip(whole, cents, scale):
    text = f"revenue of ${whole}.{cents:02d} {scale} this year"
    [amount] = find_amounts(text)
    assert amount.unit == "USD"
    assert amount.value == pytest.approx((whole + cents / 100) * SCALES[scale])


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=1, max_value=500), st.sampled_from(sorted(SCALES)))
def test_range_round_trip(a, b, scale):
    low, high = min(a, b), max(a, b) + 1
    [amount] = find_amounts(f"between ${low} {scale} and ${high} {scale}")
    assert (amount.minimum, amount.maximum) == (pytest.approx(low * SCALES[scale]), pytest.approx(high * SCALES[scale]))
    [dash] = find_amounts(f"${low}-{high} {scale}")
    assert (dash.minimum, dash.maximum) == (amount.minimum, amount.maximum)


@given(st.floats(min_value=0.1, max_value=999.9).map(lambda f: round(f, 1)))
def test_percent_round_trip(value):
    [amount] = find_amounts(f"up {value}% year over year")
    assert (amount.value, amount.unit) == (pytest.approx(value), "percent")


QUOTEY = st.lists(st.sampled_from(list('ab .,\n"\u201c\u201d\u2019') + [" said ", "CEO Jane Roe"]), max_size=120).map("".join)


@given(QUOTEY)
def test_quote_pairing_never_overlaps_and_stays_inside(text):
    marked = list(pair_quotes(text))
    for m in marked:
        assert 0 <= m.start <= m.end <= len(text)
    spans = sorted((m.start, m.end) for m in marked)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_extraction_never_raises_and_offsets_stay_inside(text):
    x = extract(Document(text=text, source="fuzz.txt"))
    for fact in x.quotes + x.figures + x.claims:
        assert 0 <= fact.start <= fact.end <= len(text)
        assert text[fact.start:fact.end] == fact.text
    to_graph(x)


def test_environment_is_not_leaking_the_store(monkeypatch):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert os.environ.get("KG_STORE") is None
