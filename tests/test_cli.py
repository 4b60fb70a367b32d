"""The CLI, end to end, on a real Oxigraph store on disk."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from kg import listings, output, queries, resources
from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def listing(store, what, *extra):
    result = invoke(what, "--store", store, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ingest_into(store_path, samples) -> str:
    result = invoke("ingest", "--store", store_path, samples)
    assert result.exit_code == 0, result.output
    return store_path


@pytest.fixture(scope="module")
def ingested_samples(tmp_path_factory) -> tuple[str, Path]:
    """A copy of the samples ingested once, into a store the tests that take it leave as they found it."""
    folder = tmp_path_factory.mktemp("ingested")
    samples = folder / "samples"
    shutil.copytree(resources.samples_dir(), samples)
    return ingest_into(str(folder / "store"), samples), samples


@pytest.fixture
def ingested(ingested_samples) -> str:
    return ingested_samples[0]


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        result = invoke(name, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output, name
        assert command.help and len(command.help.split("\n")[0]) > 10, name
        assert f"kg {name}" in readme, f"`kg {name}` is not in README.md"
        for path in re.findall(r"\bdata/\S+", result.output):  # a file of the checkout that an example names
            assert (ROOT / path).exists(), f"`kg {name} --help` names {path}, which does not exist"


def test_the_defaults_the_help_states_are_the_librarys():
    from kg.ingest import DEFAULT_MAX_BYTES
    def help_of(command):
        return " ".join(invoke(command, "--help").output.split())
    assert f"[default: ({queries.PAGE_SIZE} in a table" in help_of("figures")
    assert f"its first {queries.PAGE_SIZE} rows" in help_of("query")
    assert f"[default: {DEFAULT_MAX_BYTES};" in help_of("ingest") and f"[default: {DEFAULT_MAX_BYTES};" in help_of("extract")


def modules_loaded_by(*args) -> set[str]:
    """The top-level packages loaded by running `kg ARGS` in a fresh interpreter."""
    script = ("import sys\nfrom kg.cli import cli\ntry:\n    cli(sys.argv[1:], prog_name='kg')\n"
              "except SystemExit as stop:\n    assert not stop.code, stop.code\n"
              "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                         check=True)
    return {name.split(".")[0] for name in run.stderr.split()}


def test_a_listing_loads_neither_spacy_nor_pyshacl_and_the_version_not_even_rdflib(ingested):
    assert not {"spacy", "pyshacl", "rdflib", "pyoxigraph"} & modules_loaded_by("--version")
    for args in (["entities"], ["quotes", "--speaker", "Varga"], ["query", "figures"], ["stats"]):
        assert not {"spacy", "pyshacl"} & modules_loaded_by(*args, "--store", ingested), args


def test_ingest_summary_and_listings(ingested):
    quotes = listing(ingested, "quotes")
    assert {"text", "speaker", "source", "start", "end"} <= set(quotes[0])
    speakers = {q["speaker"] for q in quotes}
    assert {"Priya Raman", "Elena Varga", "Marcus Bell"} <= speakers
    for q in quotes:
        text = Path(q["source"]).read_text(encoding="utf-8")
        assert text[q["start"]:q["end"]] == q["text"]
    figures = listing(ingested, "figures", "--entity", "Halcyon", "--metric", "revenue")
    assert any(f["value"] == 2.4e9 and f["unit"] == "USD" and f["period"] == "Q3 2025" for f in figures)
    entities = {e["name"]: e for e in listing(ingested, "entities")}
    assert entities["Comet 2"]["type"] == "AIModel" and entities["Comet 2"]["developer"] == "Orbital Labs"
    claims = listing(ingested, "claims", "--entity", "Orbital")
    assert claims and all({"text", "claimant", "kind", "about", "source", "start", "end"} <= set(c) for c in claims)


def test_speaker_filter_is_bound_not_pasted(ingested):
    for hostile in ['"} ; DROP ALL ; {"', "') || true || ('", "<http://x y>"]:
        result = invoke("quotes", "--store", ingested, "--speaker", hostile, "--format", "json")
        assert result.exit_code == 0
        assert json.loads(result.output) == []
    assert listing(ingested, "quotes", "--speaker", "raman")


def test_ingesting_twice_changes_nothing(ingested_samples):
    ingested, samples = ingested_samples
    before = invoke("export", "--store", ingested, "--format", "nquads").output
    again = invoke("ingest", "--store", ingested, samples)
    assert again.exit_code == 0
    assert again.stdout == "0 added, 0 replaced, 4 unchanged, 0 failed\n"  # nothing new: no counts after it
    after = invoke("export", "--store", ingested, "--format", "nquads").output
    assert sorted(before.splitlines()) == sorted(after.splitlines())


def test_remove_takes_out_one_document(samples, store_path):
    ingested = ingest_into(store_path, samples)
    doc = samples / "orbital-labs-comet.txt"
    result = invoke("remove", "--store", ingested, doc)
    assert result.exit_code == 0 and result.output.startswith(f"removed {doc}")
    sources = {q["source"] for q in listing(ingested, "quotes")}
    assert str(doc) not in sources and str(samples / "halcyon-chips-q3.txt") in sources
    assert "Comet 2" not in {e["name"] for e in listing(ingested, "entities")}


def test_remove_unknown_document(ingested):
    result = CliRunner().invoke(cli, ["remove", "--store", ingested, "nothing-like-this.txt"])
    assert result.exit_code == 1
    assert result.output == "Error: [E004] no ingested document matches 'nothing-like-this.txt'; " \
                            "`kg query documents` lists them\n"


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\n  ", "is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "looks binary, not text"),
    ("report.pdf", b"%PDF-1.4 something", "unsupported format '.pdf' (kg reads .txt, .md, .json, .html, .htm)"),
])
def test_bad_file_gets_one_line_error_and_the_others_go_in(samples, store_path, tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["ingest", "--store", store_path, str(samples), str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}: {reason}\n" in result.output
    assert result.output.count(str(bad)) == 1  # said once, as it came; no recap
    assert re.search(r"^4 added, 0 replaced, 0 unchanged, 1 failed", result.output, re.M)


def test_not_utf8_is_decoded_with_a_warning_and_fails_the_exit_status(samples, store_path):
    latin = samples / "latin1.txt"
    latin.write_bytes("Caf\xe9 chain Bistro Nova said that sales rose 5% in 2025.".encode("latin-1"))
    result = CliRunner().invoke(cli, ["ingest", "--store", store_path, str(latin)])
    assert result.exit_code == 1
    assert f"warning: {latin}: not valid UTF-8 (first bad byte at offset 3)" in result.output
    assert listing(store_path, "figures")[0]["text"] == "5%"


def test_missing_path(store_path, tmp_path):
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(cli, ["ingest", "--store", store_path, str(missing)])
    assert result.exit_code == 1
    assert f"error: {missing}: no such file\n" in result.output


def test_stdin(store_path):
    text = "CFO Maria Okafor said that margins will improve in 2026.\n"
    result = invoke("ingest", "--store", store_path, "-", input=text)
    assert result.exit_code == 0, result.output
    claims = listing(store_path, "claims")
    assert claims[0]["claimant"] == "Maria Okafor" and claims[0]["source"] == "<stdin>"


def test_query_text_named_and_construct(ingested):
    result = invoke("query", "--store", ingested, "--format", "csv",
                    "SELECT (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation }")
    assert result.exit_code == 0 and result.output.splitlines()[0] == "n"
    assert int(result.output.splitlines()[1]) == len(listing(ingested, "quotes"))
    named = invoke("query", "--store", ingested, "quotes", "--param", "speaker=Varga", "--format", "json")
    assert {r["speakerName"] for r in json.loads(named.output)} == {"Elena Varga"}
    construct = invoke("query", "--store", ingested,
                       "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }")
    assert "schema:name" in construct.output


def test_query_errors_are_one_line(ingested):
    bad = CliRunner().invoke(cli, ["query", "--store", ingested, "SELECT WHERE {"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: [E003] the SPARQL query is not valid")
    unknown = CliRunner().invoke(cli, ["query", "--store", ingested, "quotes", "--param", "colour=red"])
    assert unknown.output == "Error: [E003] query 'quotes' has no parameter 'colour' (its parameters: speaker, document, call)\n"


def test_listings_and_named_queries_show_a_page_at_a_time(ingested):
    every = listing(ingested, "figures", "--limit", 0)
    assert len(every) > 8  # several pages
    first = invoke("figures", "--store", ingested, "--format", "json", "--limit", 3)
    assert json.loads(first.stdout) == every[:3]
    assert first.stderr == "rows 1-3 shown; more with --offset 3, all with --limit 0\n"
    pages = [listing(ingested, "figures", "--limit", 4, "--offset", offset) for offset in range(0, len(every), 4)]
    assert [row for page in pages for row in page] == every
    last = invoke("figures", "--store", ingested, "--format", "json", "--limit", 4, "--offset", len(every) - 2)
    assert json.loads(last.stdout) == every[-2:] and last.stderr == ""  # nothing follows: nothing said
    csv = invoke("query", "--store", ingested, "figures", "--format", "csv")  # made for programs: every row
    assert len(csv.stdout.splitlines()) == 1 + len(every) and csv.stderr == ""
    assert listing(ingested, "figures") == every
    documents = invoke("query", "--store", ingested, "documents", "--format", "csv", "--limit", 1, "--offset", 1)
    assert documents.stdout.splitlines()[1].split(",")[1].endswith("halcyon-q3-2025-call.md")  # by path: the second
    assert documents.stderr == "rows 2-2 shown; more with --offset 2, all with --limit 0\n"


def test_a_table_shows_a_page_unless_told_otherwise(ingested, monkeypatch):
    monkeypatch.setattr(queries, "PAGE_SIZE", 3)  # the samples have fewer figures than a real page
    table = invoke("figures", "--store", ingested)
    assert len(table.stdout.splitlines()) == 2 + 3  # header, rule, a page of rows
    assert table.stderr == "rows 1-3 shown; more with --offset 3, all with --limit 0\n"
    named = invoke("query", "--store", ingested, "figures", "--offset", 3)
    assert len(named.stdout.splitlines()) == 2 + 3 and named.stderr.startswith("rows 4-6 shown;")
    every = invoke("figures", "--store", ingested, "--limit", 0)
    assert len(every.stdout.splitlines()) == 2 + len(listing(ingested, "figures")) and every.stderr == ""


def test_entity_details_are_the_same_looked_up_or_read_whole(ingested, monkeypatch):
    looked_up = listing(ingested, "entities")
    assert any(e["aliases"] for e in looked_up) and any(e["roles"] for e in looked_up)
    monkeypatch.setattr(listings, "LOOKED_UP", 0)  # as for a corpus where most entities are listed
    assert listing(ingested, "entities") == looked_up
    assert listing(ingested, "entities", "--limit", 2) == looked_up[:2]


def test_a_page_of_sparql_text_is_asked_for_in_the_text(ingested):
    text = "SELECT ?q WHERE { ?q a schema:Quotation }"
    assert len(invoke("query", "--store", ingested, "--format", "csv", text).stdout.splitlines()) > 2  # all rows
    result = CliRunner().invoke(cli, ["query", "--store", ingested, text, "--limit", "2"])
    assert result.exit_code == 1
    assert result.output == "Error: [E003] --limit and --offset go with a named query; write LIMIT and OFFSET in your SPARQL\n"


def test_query_list(store_path):
    result = invoke("query", "--list", "--store", store_path)
    assert "quotes:" in result.output and "--param speaker=" in result.output


def test_stats_and_export(ingested, tmp_path):
    stats = json.loads(invoke("stats", "--store", ingested, "--format", "json").output)[0]
    assert stats["documents"] == 4 and stats["quotes"] > 5 and stats["triples"] > 100
    out = tmp_path / "graph.trig"
    assert invoke("export", "--store", ingested, "--format", "trig", "--out", out).exit_code == 0
    import rdflib
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    quads = list(ds.quads((None, None, None, None)))
    assert len(quads) == stats["triples"]
    assert len({str(g) for *_, g in quads}) == stats["documents"] + 3  # documents, entities, gazetteer, ontology


def test_validate_passes_on_the_samples(ingested):
    result = invoke("validate", "--store", ingested)
    assert result.exit_code == 0 and result.output.startswith("conforms:")


def test_validate_fails_on_a_broken_graph(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("""
        @prefix schema: <https://schema.org/> .
        @prefix kg: <https://w3id.org/kg/ontology#> .
        <https://w3id.org/kg/id/quote/x/1-2> a schema:Quotation .
        <https://w3id.org/kg/id/figure/x/1-2> a kg:Figure ; schema:value "lots" .
    """)
    result = CliRunner().invoke(cli, ["validate", "--file", str(broken)])
    assert result.exit_code == 1
    assert "Error: [E005] the graph does not conform to the shapes" in result.output
    assert "Constraint Violation" in result.output


def test_store_in_use_and_unknown_backend(store_path):
    result = CliRunner().invoke(cli, ["stats", "--store", "postgres:whatever"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: [E006] unknown store backend 'postgres'")


def test_viz_writes_an_offline_page(ingested, tmp_path):
    out = tmp_path / "view.html"
    result = invoke("viz", "--store", ingested, "--focus", "Halcyon", "--out", out)
    assert result.exit_code == 0, result.output
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    links = [tag.get("src") or tag.get("href") for tag in page.find_all(["script", "link", "img", "iframe"])]
    assert page.find(id="kg-network") is not None
    assert not [link for link in links if link and not link.startswith(("#", "data:"))]


def test_viz_unknown_focus(ingested, tmp_path):
    result = CliRunner().invoke(cli, ["viz", "--store", ingested, "--focus", "Nobody At All", "--out",
                                      str(tmp_path / "v.html")])
    assert result.exit_code == 1 and "Error: [E004] no entity named 'Nobody At All'" in result.output


def test_demo(tmp_path):
    result = invoke("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "view.html").is_file()
    assert "documents" in result.output and "kg quotes --store" in result.output


def test_a_named_querys_table_is_for_people_and_its_json_keeps_everything(ingested_samples, monkeypatch):
    ingested, samples = ingested_samples
    monkeypatch.chdir(samples.parent)  # the documents are below: their paths from here
    table = invoke("query", "--store", ingested, "quotes", "--param", "speaker=Varga").stdout.splitlines()
    assert table[0].split() == ["text", "speaker", "source", "start", "end", "sentence", "partial", "rule", "title"]
    assert "https://" not in "\n".join(table) and "samples/halcyon-q3-2025-call.md" in table[-1]
    assert not any(str(samples) in line for line in table)
    rows = json.loads(invoke("query", "--store", ingested, "quotes", "--param", "speaker=Varga", "--format",
                             "json").stdout)
    assert list(rows[0]) == ["quote", "text", "speaker", "speakerName", "source", "start", "end", "sentence",
                             "partial", "rule", "document", "title", "speaker_", "document_", "call_"]
    assert rows[0]["quote"].startswith("https://") and rows[0]["source"] == str(samples / "halcyon-chips-q3.txt")
    figures = invoke("query", "--store", ingested, "figures").stdout.splitlines()[0].split()
    assert figures[:10] == ["text", "value", "min", "max", "unit", "metric", "subject", "period", "direction", "bound"]
    calls = invoke("query", "--store", ingested, "calls").stdout
    participants = calls.splitlines()[2].split("  ")[-1]  # GROUP_CONCAT joins them in no set order
    assert sorted(participants.split("; ")) == ["Elena Varga", "Jordan Pike", "Marcus Bell", "Nadia Osei"]
    assert invoke("query", "--store", ingested, "co-mentions").stdout.split()[:3] == ["name", "1", "name"]


def test_a_listing_shows_paths_from_here_when_below_else_whole(ingested_samples, monkeypatch, tmp_path):
    ingested, samples = ingested_samples
    monkeypatch.chdir(samples)
    assert "  halcyon-chips-q3.txt  " in invoke("quotes", "--store", ingested).stdout
    monkeypatch.chdir(samples.parent / "..")  # above the samples: still below, one folder more
    assert f"  {samples.parent.name}/samples/halcyon-chips-q3.txt  " in invoke("quotes", "--store", ingested).stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    whole = str(samples / "halcyon-chips-q3.txt")  # clipped at its start when long: the file's name is kept
    shown = whole if len(whole) <= output.MAX_CELL else "\u2026" + whole[1 - output.MAX_CELL:]
    assert f"  {shown}  " in invoke("quotes", "--store", ingested).stdout
    assert listing(ingested, "quotes")[0]["source"] == str(samples / "halcyon-chips-q3.txt")  # JSON: as ingested


@pytest.mark.parametrize("command", [["entities"], ["quotes"], ["figures"], ["claims"], ["calls"], ["stats"],
                                     ["export"], ["query", "documents"], ["query", "SELECT * WHERE { ?s ?p ?o }"],
                                     ["remove", "a.txt"], ["validate"]])
def test_a_folder_without_a_store_is_said_and_nothing_is_made(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    result = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert (result.exit_code, result.output) == (
        1, "Error: [E002] no kg store at kg-store; ingest into it first (kg ingest --store kg-store FILES)\n")
    assert not any(tmp_path.iterdir())
    elsewhere = CliRunner().invoke(cli, [*command, "--store", str(tmp_path / "nothing")])
    assert elsewhere.exit_code == 1 and f"no kg store at {tmp_path / 'nothing'};" in elsewhere.output
    assert not any(tmp_path.iterdir())


def test_a_folder_ingest_names_the_files_it_skips(samples, store_path):
    (samples / "scan.pdf").write_bytes(b"%PDF-1.7")
    (samples / "notes").mkdir()
    (samples / "notes" / "table.csv").write_text("a,b\n")
    (samples / ".hidden.docx").write_text("x")  # hidden: passed over silently
    result = CliRunner().invoke(cli, ["ingest", "--store", store_path, str(samples)])
    assert result.exit_code == 0
    reads = "(kg reads .txt, .md, .json, .html, .htm)"
    assert result.stderr.splitlines()[-2:] == [f"skipped: {samples / 'notes' / 'table.csv'}: unsupported format '.csv' {reads}",
                                               f"skipped: {samples / 'scan.pdf'}: unsupported format '.pdf' {reads}"]
    assert re.match(r"4 added, 0 replaced, 0 unchanged, 0 failed, 2 skipped: \d+ entities", result.stdout)


def test_load_of_a_folder_without_nquads_is_an_error(tmp_path, store_path):
    empty = tmp_path / "graphs"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["load", "--store", store_path, str(empty)])
    assert (result.exit_code, result.output) == (1, f"Error: [E004] {empty} holds no .nq files; kg load reads the "
                                                    f"folder that `kg extract PATH... --out {empty}` writes\n")
    assert not Path(store_path).exists()


def test_remove_by_another_path_of_the_same_file(samples, store_path, monkeypatch):
    monkeypatch.chdir(samples.parent)
    assert invoke("ingest", "--store", store_path, "samples/orbital-labs-comet.txt").exit_code == 0
    assert invoke("ingest", "--store", store_path, "samples/meta-q4-2024-recap.txt").exit_code == 0
    absolute = samples / "orbital-labs-comet.txt"
    result = invoke("remove", "--store", store_path, absolute)
    assert result.output.startswith("removed samples/orbital-labs-comet.txt (")
    assert invoke("remove", "--store", store_path, "./samples//meta-q4-2024-recap.txt").exit_code == 0
    assert listing(store_path, "quotes") == []


def test_demo_into_a_folder_it_cannot_make_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--out", "/proc/forbidden"], catch_exceptions=False)
    assert (result.exit_code, result.output) == (1, "Error: [E007] cannot make the folder /proc/forbidden (no such "
                                                    "file or directory); choose another --out\n")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "mine.txt").write_text("not a store")
    kept = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)], catch_exceptions=False)
    assert kept.exit_code == 1 and "is not a kg store that the demo may replace; choose another --out" in kept.output
    assert (tmp_path / "store" / "mine.txt").is_file()


def test_a_json_article_with_a_text_key(tmp_path, store_path):
    note = tmp_path / "note.json"
    note.write_text(json.dumps({"title": "Acme grows", "date": "2025-03-01", "publisher": "Example Wire",
                                "text": "CFO Maria Okafor said that margins will improve in 2026."}))
    assert invoke("ingest", "--store", store_path, note).exit_code == 0
    claims = listing(store_path, "claims")
    assert [(c["claimant"], c["text"]) for c in claims] == [("Maria Okafor", "margins will improve in 2026")]
    documents = json.loads(invoke("query", "--store", store_path, "documents", "--format", "json").stdout)
    assert [(d["title"], d["published"], d["kind"]) for d in documents] == [("Acme grows", "2025-03-01", "article")]
    readme = README.read_text(encoding="utf-8")
    assert all(f"`{key}`" in readme for key in ("content", "transcript", "text", "title", "date", "publisher",
                                                "symbol", "ticker", "quarter", "year", "speaker", "speech"))


def test_a_listing_as_csv_has_every_key_and_plain_numbers(ingested):
    import csv as csv_module
    import io
    as_json = json.loads(invoke("figures", "--store", ingested, "--format", "json", "--limit", 0).stdout)
    rows = list(csv_module.DictReader(io.StringIO(invoke("figures", "--store", ingested, "--format", "csv",
                                                         "--limit", 0).stdout)))
    assert len(rows) == len(as_json) and {"min", "max", "end"} <= set(rows[0])
    for row, expected in zip(rows, as_json):
        assert float(row["value"]) == expected["value"] and "," not in row["value"]
        assert row["min"] == ("" if expected["min"] is None else format(expected["min"], ".15g"))
