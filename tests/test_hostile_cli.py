"""Every command with hostile options (unwritable paths, missing stores, unknown names, empty values, bad numbers)
ends with a message and an exit status, never a Python traceback: CliRunner runs with catch_exceptions=False,
so an exception the CLI lets through fails the test."""
import shutil

import pytest
from click.testing import CliRunner

from kg import resources
from kg.cli import cli

SAMPLE = resources.samples_dir() / "meta-q4-2024-recap.txt"
STORE, MISSING, FILE, FOLDER, GRAPHS = "{store}", "{missing}", "{file}", "{folder}", "{graphs}"  # filled in per test
FORBIDDEN = "/proc/forbidden"  # a folder no one can make
LISTINGS = ["entities", "quotes", "figures", "claims", "calls"]

# (arguments, exit status, the output exactly or None); the cases the issue names have their output
CASES = [
    # unwritable paths
    (["demo", "--out", FORBIDDEN], 1,
     "Error: [E007] cannot make the folder /proc/forbidden (no such file or directory); choose another --out\n"),
    (["demo", "--out", FILE], 1, None),
    (["extract", str(SAMPLE), "--out", FORBIDDEN], 1,
     "Error: [E007] cannot make the folder /proc/forbidden (no such file or directory); choose another --out\n"),
    (["extract", str(SAMPLE), "--out", FILE], 1, None),
    (["ingest", "--store", FORBIDDEN, str(SAMPLE)], 1, None),
    (["ingest", "--store", FILE, str(SAMPLE)], 1, None),
    (["load", GRAPHS, "--store", FORBIDDEN], 1, None),
    (["export", "--store", STORE, "--out", f"{FORBIDDEN}/graph.nq"], 1, None),
    (["export", "--store", STORE, "--out", FOLDER], 1, None),
    (["viz", "--store", STORE, "--out", f"{FORBIDDEN}/view.html"], 1, None),
    # missing stores
    *[([name, "--store", MISSING], 1,
       f"Error: [E002] no kg store at {MISSING}; ingest into it first (kg ingest --store {MISSING} FILES)\n")
      for name in LISTINGS + ["stats", "export", "validate"]],
    (["query", "documents", "--store", MISSING], 1, None),
    (["remove", "a.txt", "--store", MISSING], 1, None),
    (["viz", "--store", MISSING, "--out", f"{FOLDER}/view.html"], 1,
     f"Error: [E002] no kg store at {MISSING}; ingest into it first (kg ingest --store {MISSING} FILES)\n"),
    (["serve", "--store", MISSING], 1, None),
    (["load", FOLDER, "--store", MISSING], 1,
     f"Error: [E004] {FOLDER} holds no .nq files; kg load reads the folder that `kg extract PATH... --out {FOLDER}` "
     "writes\n"),
    (["load", f"{FOLDER}/nothing", "--store", MISSING], 1, f"Error: [E001] {FOLDER}/nothing: no such folder\n"),
    (["stats", "--store", "postgres:somewhere"], 1, None),
    (["stats", "--store", "http://127.0.0.1:1/sparql"], 1, None),
    # unknown names
    (["query", "--store", STORE, "quotes", "--param", "colour=red"], 1, None),
    (["query", "--store", STORE, "SELECT WHERE {"], 1, None),
    (["query", "--store", STORE, "-f", f"{FOLDER}/missing.rq"], 2, None),
    (["query", "--store", STORE, "-f", FOLDER], 2, None),
    (["remove", "--store", STORE, "nothing-like-this.txt"], 1, None),
    (["viz", "--store", STORE, "--focus", "Nobody At All", "--out", f"{FOLDER}/view.html"], 1, None),
    (["entities", "--store", STORE, "--type", "Alien"], 2, None),
    (["export", "--store", STORE, "--format", "rdfxml"], 2, None),
    (["quotes", "--store", STORE, "--speaker", "Nobody At All"], 0, "(no results)\n"),
    (["figures", "--store", STORE, "--call", "No Such Call"], 0, "(no results)\n"),
    (["validate", "--file", f"{FOLDER}/missing.ttl"], 1, None),
    (["validate", "--file", FILE], None, None),  # what it says of a file without RDF: kg.validate
    (["ingest", "--store", f"{FOLDER}/store", f"{FOLDER}/missing.txt"], 1, None),
    # empty values
    (["ingest", ""], 2, None),
    (["ingest", "--store", "", str(SAMPLE)], 2, None),
    (["extract", "", "--out", f"{FOLDER}/graphs"], 2, None),
    (["extract", str(SAMPLE), "--out", ""], 2, None),
    (["load", ""], 2, None),
    (["remove", ""], 2, None),
    (["remove", "--store", STORE, "   "], 2, None),
    (["validate", "--file", ""], 2, None),
    (["demo", "--out", ""], 2, None),
    (["query", "--store", STORE, ""], 2, None),
    (["query", "--store", STORE, "quotes", "--param", ""], 2, None),
    (["query", "--store", STORE, "quotes", "--param", "="], 1, None),
    (["export", "--store", STORE, "--format", ""], 2, None),
    (["viz", "--store", STORE, "--out", ""], None, None),
    (["viz", "--store", STORE, "--view", ""], 2, None),
    (["serve", "--store", STORE, "--allow-update", "--token", ""], 1, None),
    *[([name, "--store", ""], 2, None) for name in LISTINGS],
    # numbers out of range or not numbers
    (["figures", "--store", STORE, "--limit", "-1"], 2, None),
    (["figures", "--store", STORE, "--offset", "many"], 2, None),
    (["ingest", "--max-bytes", "0", str(SAMPLE)], 2, None),
    (["ingest", "-j", "0", str(SAMPLE)], 2, None),
    (["viz", "--store", STORE, "--depth", "99"], 2, None),
    (["serve", "--store", STORE, "--port", "70000"], 2, None),
    (["serve", "--store", STORE, "--timeout", "0"], 2, None),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """A store of one sample, a folder, a plain file and a folder of extracted graphs."""
    root = tmp_path_factory.mktemp("hostile")
    store = root / "store"
    assert CliRunner().invoke(cli, ["ingest", "--store", str(store), str(SAMPLE)]).exit_code == 0
    (root / "file").write_text("a plain file, neither RDF nor a store")
    graphs = root / "graphs"
    assert CliRunner().invoke(cli, ["extract", str(SAMPLE), "--out", str(graphs)]).exit_code == 0
    return {STORE: str(store), FILE: str(root / "file"), GRAPHS: str(graphs)}


@pytest.mark.parametrize("args, status, expected", CASES, ids=[" ".join(args) for args, *_ in CASES])
def test_no_command_lets_a_traceback_through(places, tmp_path, args, status, expected):
    named = {**places, FOLDER: str(tmp_path), MISSING: str(tmp_path / "missing-store")}  # a test's own: none made
    args = [named.get(arg, arg).replace(FOLDER, str(tmp_path)) for arg in args]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "Traceback" not in result.output
    if status is not None:
        assert result.exit_code == status, result.output
    if expected is not None:
        for placeholder, value in named.items():
            expected = expected.replace(placeholder, value)
        assert result.output == expected
    elif result.exit_code:  # said in one line, by click or kg, or by an ingest for the file
        assert any(line.startswith(("Error: ", "error: ")) for line in result.output.splitlines()), result.output
    shutil.rmtree(tmp_path, ignore_errors=True)
