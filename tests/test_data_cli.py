"""What the CLI prints for the data layer's rough edges (issue 18): one row per call, numbers in JSON, a clear
separator, name lookups that find who has what is asked for and say whom they chose, unknown query names and
SPARQL syntax errors in one line. Each on a real store on disk, with the exact output."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg import queries
from kg.cli import cli
from kg.rdf.namespaces import ENT
from kg.store import open_store
from test_counts import write_corpus
from test_queries import add_people

BOEING = ("Company: Boeing\nQuarter: Q3 2025\n\n"
          "Operator: Our first question comes from Lee Park with Keystone Research.\n"
          "Lee Park: How is the 737 ramp going?\n"
          "Kelly Ortberg: The ramp is on track and we expect to reach 38 a month in 2025.\n")
HALCYON = ("Chipmaker results\n\nPublished 3 Feb 2025\n\n"
           "Halcyon Semiconductor expects revenue between $4.1 billion and $4.3 billion in 2025.\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    corpus = write_corpus(folder / "corpus")
    (folder / "corpus" / "boeing.md").write_text(BOEING, encoding="utf-8")  # Kelly Ortberg: named only by turns
    (folder / "corpus" / "halcyon.txt").write_text(HALCYON, encoding="utf-8")
    path = str(folder / "store")
    result = CliRunner().invoke(cli, ["ingest", "--store", path, str(folder / "corpus"), "-j", "1"])
    assert result.exit_code == 0, result.output
    with open_store(path) as opened:  # a person named "Jensen" who said nothing, and two who have "Jensen" as a word
        add_people(opened, (ENT["jensen"], "Jensen", []), (ENT["jensen-huang"], "Jensen Huang", ["We ship."]),
                   (ENT["jensen-hwang"], "Jensen Hwang", []))
    assert len(corpus) == 8
    return path


def run(store: str, *args: str):
    return CliRunner().invoke(cli, [*args, "--store", store], catch_exceptions=False)


def test_each_call_is_one_row_and_stats_count_them(store):
    result = run(store, "calls")
    assert (result.exit_code, result.stdout) == (0, (
        "name                           company  period     date        documents  participants\n"
        "-----------------------------  -------  ---------  ----------  ---------  ----------------------------\n"
        "Apple Q1 FY2025 earnings call  Apple    Q1 FY2025  2025-01-30  2          Ana Ruiz; Lee Park; Tim Cook\n"
        "Apple Q2 FY2025 earnings call  Apple    Q2 FY2025              1          Lee Park; Tim Cook\n"
        "Boeing Q3 2025 earnings call   Boeing   Q3 2025                1          Kelly Ortberg; Lee Park\n"))
    stats = json.loads(run(store, "stats", "--format", "json").stdout)[0]
    assert stats["events"] == 3


def test_named_query_json_gives_numbers_and_exact_decimals(store):
    rows = json.loads(run(store, "query", "figures", "--param", "entity=Halcyon", "--format", "json").stdout)
    listed = json.loads(run(store, "figures", "--entity", "Halcyon", "--format", "json").stdout)
    assert [(r["value"], r["min"], r["max"], r["start"]) for r in rows] == [(4100000000.0, 4100000000.0, 4300000000.0, 87)]
    assert [(r["value"], r["min"], r["max"], r["start"]) for r in listed] == [(4100000000.0, 4100000000.0, 4300000000.0, 87)]


def test_a_calls_participants_are_joined_clearly(store):
    line = run(store, "query", "calls", "--param", "call=Boeing").stdout.splitlines()[2]
    assert sorted(line.split("  ")[-1].split("; ")) == ["Kelly Ortberg", "Lee Park"]


def test_a_speaker_known_by_turns_alone_is_found(store):
    result = run(store, "quotes", "--speaker", "Ortberg")
    assert (result.exit_code, result.stdout.splitlines()[2].split("  ")[0], result.stderr) == (0, "Kelly Ortberg", "")


def test_a_name_finds_those_with_what_is_asked_and_says_whom(store):
    result = run(store, "quotes", "--speaker", "Jensen")
    assert result.exit_code == 0
    assert [line.split("  ")[0] for line in result.stdout.splitlines()[2:]] == ["Jensen Huang"]
    assert result.stderr == "speaker 'Jensen': 2 entities: Jensen Huang, Jensen Hwang\n"
    named = run(store, "query", "quotes-by-person", "--param", "person=Jensen", "--format", "json")
    assert [r["speakerName"] for r in json.loads(named.stdout)] == ["Jensen Huang"]
    assert named.stderr == "person 'Jensen': 2 entities: Jensen Huang, Jensen Hwang\n"
    assert run(store, "quotes", "--speaker", "Jensen Huang").stderr == ""  # one entity: nothing to say


def test_an_unknown_query_name_is_named_with_the_list(store):
    result = CliRunner().invoke(cli, ["query", "nosuchquery", "--store", store])
    assert (result.exit_code, result.output) == (1, (
        f"Error: [E004] no named query 'nosuchquery'; the named queries are: {', '.join(queries.names())} "
        "(`kg query --list` shows their parameters)\n"))


@pytest.mark.parametrize(("sparql", "error"), [
    ("SELECT ?x WHERE { ?x ?y }", "line 1, column 26: expected one of LATERAL, SERVICE"),
    ("SELECT ?x WHERE {\n  ?x a schema:Person\n  ?y }", "line 3, column 7: expected one of BIND"),
    ("SELECT ?x WHERE { ?x ?y \"open }", 'line 1, column 32: expected one of "\\"", "\\\\", "\\\\U", "\\\\u"'),
])
def test_a_syntax_error_is_one_line_in_the_users_own_text(store, sparql, error):
    result = CliRunner().invoke(cli, ["query", sparql, "--store", store])
    assert (result.exit_code, result.output) == (1, f"Error: [E003] the SPARQL query is not valid at {error}\n")


def test_entity_lookups_return_iris(store):  # the library's answer behind the CLI's line on stderr
    with open_store(store) as opened:
        result = queries.load("quotes").run(opened, {"speaker": "Jensen"})
    assert result.chosen == {"speaker": [("Jensen Huang", str(ENT["jensen-huang"])),
                                         ("Jensen Hwang", str(ENT["jensen-hwang"]))]}
    assert all(isinstance(URIRef(iri), URIRef) for _, iri in result.chosen["speaker"])
