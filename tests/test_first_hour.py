"""Cases of the first hour of a new user (issue 18) that the other tests do not assert as the issue describes them:
a name lookup that passes over a junk entity, the listings the README says take --call, the SPARQL row counts
the README states, a skipped Word file named, and a range's plain numbers in CSV. The sentences are invented."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import resources
from kg.cli import cli
from kg.rdf.namespaces import ENT
from kg.store import open_store
from test_queries import add_people
from test_readme import SPARQL_ROWS

README = Path(__file__).resolve().parent.parent / "README.md"
READS = "(kg reads .txt, .md, .json, .html, .htm)"
ROCKETS = ("Launch pads get busier\n\nPublished 6 Mar 2025\n\n"
           "\u201cOur boosters will land on the barge every week by the autumn,\u201d Elon Musk said on Monday.\n\n"
           "\u201cThe next engine is already on the test stand,\u201d Musk said.\n")
PUMPS = ("Pumps and valves\n\nPublished 9 Jan 2025\n\n"
         "Brindle Pumpworks expects revenue between $4.1 billion and $4.3 billion in 2026, its chief executive "
         "Odile Marchetti said.\n")


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder of two invented articles and a Word file kg does not read, ingested into `store` beside it."""
    root = tmp_path_factory.mktemp("first-hour")
    (root / "in").mkdir()
    (root / "in" / "rockets.txt").write_text(ROCKETS, encoding="utf-8")
    (root / "in" / "pumps.txt").write_text(PUMPS, encoding="utf-8")
    (root / "in" / "deck.docx").write_bytes(b"PK\x03\x04 not read")
    return root


@pytest.fixture(scope="module")
def ingest_result(folder):
    return run("ingest", "--store", folder / "store", folder / "in", "-j", "1")


@pytest.fixture(scope="module")
def store(folder, ingest_result) -> str:
    assert ingest_result.exit_code == 0, ingest_result.output
    path = str(folder / "store")
    with open_store(path) as opened:  # what an extraction once made of "Like Elon, ...": a person who said nothing
        add_people(opened, (ENT["like-elon"], "Like Elon", []))
    return path


def test_a_folder_ingest_names_the_word_file_it_skips(folder, ingest_result):
    assert ingest_result.exit_code == 0
    assert ingest_result.stderr.splitlines()[-1] == \
        f"skipped: {folder / 'in' / 'deck.docx'}: unsupported format '.docx' {READS}"
    assert re.match(r"2 added, 0 replaced, 0 unchanged, 0 failed, 1 skipped: \d+ entities", ingest_result.stdout)


def test_a_speaker_lookup_prefers_who_said_something_to_a_junk_name(store):
    result = run("quotes", "--speaker", "Elon", "--store", store, "--format", "json")
    assert result.exit_code == 0
    assert [(q["speaker"], q["text"]) for q in json.loads(result.stdout)] == [
        ("Elon Musk", "Our boosters will land on the barge every week by the autumn"),
        ("Elon Musk", "The next engine is already on the test stand")]
    assert result.stderr == "speaker 'Elon': 2 entities: Elon Musk, Like Elon\n"


def test_a_range_in_a_listings_csv_is_plain_numbers_with_min_max_and_end(store):
    result = run("figures", "--document", "pumps", "--store", store, "--format", "csv")
    assert result.exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["text"], row["value"], row["min"], row["max"], row["start"], row["end"]) == (
        "$4.1 billion and $4.3 billion", "4100000000", "4100000000", "4300000000", "82", "111")
    as_json = json.loads(run("figures", "--document", "pumps", "--store", store, "--format", "json").stdout)
    assert [(f["value"], f["min"], f["max"]) for f in as_json] == [(4100000000.0, 4100000000.0, 4300000000.0)]


# the README's shell blocks say which listings take --call; the CLI's options must say the same
CALL = "Halcyon Semiconductor Q3"
CALL_ROWS = {"quotes": 5, "figures": 9, "claims": 2, "calls": 1}  # of the samples' Halcyon call


def readme_says_take_call() -> set[str]:
    said = re.search(r"# ([a-z, ]+) also take --call NAME", README.read_text(encoding="utf-8"))
    assert said, "the README no longer says which listings take --call"
    return set(re.split(r", | and ", said.group(1)))


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("samples") / "store")
    assert run("ingest", "--store", path, resources.samples_dir(), "-j", "1").exit_code == 0
    return path


def test_the_listings_the_readme_says_take_call_are_those_that_do():
    taking = {name for name, command in cli.commands.items() if any(p.name == "call" for p in command.params)}
    assert readme_says_take_call() | {"calls"} == taking == set(CALL_ROWS)


@pytest.mark.parametrize("listing", sorted(CALL_ROWS))
def test_each_listing_that_takes_call_gives_the_calls_rows_only(samples_store, listing):
    result = run(listing, "--call", CALL, "--store", samples_store, "--format", "json", "--limit", "0")
    assert (result.exit_code, result.stderr) == (0, "")
    rows = json.loads(result.stdout)
    assert len(rows) == CALL_ROWS[listing]
    if listing == "calls":
        assert [c["name"] for c in rows] == ["Halcyon Semiconductor Q3 2025 earnings call"]
    else:
        assert {Path(r["source"]).name for r in rows} == {"halcyon-q3-2025-call.md"}


def test_the_readme_states_the_sparql_row_counts_that_are_checked():
    stated = re.search(r"they\s+give ([\d, ]+ and \d+) rows", README.read_text(encoding="utf-8"))
    assert stated and [int(n) for n in re.findall(r"\d+", stated.group(1))] == SPARQL_ROWS
