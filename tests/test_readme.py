"""The README's examples run as written, on the bundled samples, and print the rows they should.

Every `kg` line of the README's shell blocks runs in a folder laid out as the README says (`article.txt`,
`articles/`, `transcripts/`, `call.md`), in order, and each listing prints the number of rows stated here;
every SPARQL block runs through `kg query` on a store of the samples.
"""
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import resources
from kg.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
SAMPLES = resources.samples_dir()

NOT_RUN = {  # lines of the README this test does not run, and where they are tested instead
    "kg serve --port 7878": "serves until stopped: tests/test_serve.py",
    "kg ingest --store sparql:http://127.0.0.1:7878 a.txt": "needs that server: tests/test_remote_store.py",
}
# the rows each line prints: a listing's rows (JSON, CSV or table), else None (any output, exit status 0)
ROWS = {
    "kg ingest article.txt": None,
    "kg ingest articles/ transcripts/ call.md": None,
    "cat article.txt | kg ingest -": None,
    "kg ingest --force article.txt": None,
    "kg ingest -j 2 transcripts/": None,
    "kg extract articles/ --out graphs/ -j 2": None,
    "kg load graphs/": None,
    "kg entities --type Person": 8,
    "kg quotes --speaker Varga --format json": 5,
    "kg figures --entity Halcyon --metric revenue": 8,
    "kg claims --entity DeepSeek": 2,
    "kg calls": 2,
    "kg figures --call 'Halcyon Semiconductor Q3' --metric revenue": 5,
    "kg figures --entity Halcyon --limit 2 --offset 2": 2,
    "kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name FILTER EXISTS { ?d schema:mentions ?p } }'": 8,  # those `kg entities` lists
    "kg query -f my-query.rq --format csv": 1,
    "kg query --list": None,
    "kg query quotes --param speaker=Varga": 5,
    "kg query documents --limit 0": 4,
    "kg viz --out meta.html --focus Meta --depth 2": None,
    "kg export --format nquads --out graph.nq": None,
    "kg stats": None,
    "kg remove articles/orbital-labs-comet.txt": None,
    "kg validate": None,
    "kg demo --out kg-demo": None,
}
COUNTED_IN_THE_UNION = ["kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name FILTER EXISTS { ?d schema:mentions ?p } }'"]
# the rows of the SPARQL blocks, in the README's order, on the samples (the README says them too)
SPARQL_ROWS = [5, 1, 2, 1]
MY_QUERY = "SELECT (COUNT(DISTINCT ?q) AS ?quotes) WHERE { ?q a schema:Quotation }"


def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)


def readme_commands() -> list[str]:
    """The `kg` lines of the README's shell blocks, without their comments."""
    lines = [line for block in readme_blocks("sh") for line in block.splitlines()]
    return [line.split("  #")[0].strip() for line in lines if line.startswith(("kg ", "cat "))]


def run(line: str):
    """A README line run as a shell would (`cat FILE | kg ...` feeds the file to standard input)."""
    words, given = shlex.split(line), None
    if words[0] == "cat":
        given, words = Path(words[1]).read_bytes(), words[3:]
    assert words[0] == "kg", line
    return CliRunner().invoke(cli, words[1:], input=given, catch_exceptions=False)


def rows(line: str, printed: str) -> list:
    """The rows a listing printed, in the format the line asks for."""
    if "--format json" in line:
        return json.loads(printed)
    if "--format csv" in line:
        return printed.splitlines()[1:]
    return [] if printed.strip() == "(no results)" else printed.splitlines()[2:]


@pytest.fixture
def folder_of_the_examples(tmp_path, monkeypatch):
    """A folder with the files the README's lines name, made of the bundled samples."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "transcripts").mkdir()
    shutil.copy(SAMPLES / "meta-q4-2024-recap.txt", tmp_path / "article.txt")
    for name in ("halcyon-chips-q3.txt", "orbital-labs-comet.txt"):
        shutil.copy(SAMPLES / name, tmp_path / "articles" / name)
    (tmp_path / "articles" / "scan.pdf").write_bytes(b"%PDF-1.7")  # named and skipped
    for copy in (tmp_path / "transcripts" / "halcyon-q3-2025-call.md", tmp_path / "call.md"):
        shutil.copy(SAMPLES / "halcyon-q3-2025-call.md", copy)
    (tmp_path / "my-query.rq").write_text(MY_QUERY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    return tmp_path


def test_every_line_of_the_readme_is_run_here():
    assert sorted(readme_commands()) == sorted([*ROWS, *NOT_RUN])


@pytest.mark.slow
def test_the_readme_commands_run_as_written(folder_of_the_examples):
    for line in readme_commands():
        if line in NOT_RUN:
            continue
        result = run(line)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        if ROWS[line] is not None and line not in COUNTED_IN_THE_UNION:  # those: test_the_union_counts_right
            assert len(rows(line, result.stdout)) == ROWS[line], f"{line}\n{result.stdout}"
    assert "skipped: articles/scan.pdf: unsupported format '.pdf'" in run("kg ingest articles/").stderr
    assert (folder_of_the_examples / "meta.html").is_file() and (folder_of_the_examples / "graph.nq").is_file()


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("readme") / "store")
    assert CliRunner().invoke(cli, ["ingest", "--store", store, str(SAMPLES)]).exit_code == 0
    return store


def sparql_rows(store: str, sparql: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["query", "--store", store, "--format", "json", sparql],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_readme_has_the_sparql_blocks_counted_here():
    assert len(readme_blocks("sparql")) == len(SPARQL_ROWS)


@pytest.mark.parametrize("index", range(len(SPARQL_ROWS)))
def test_the_readme_sparql_finds_what_it_should(samples_store, index):
    found = sparql_rows(samples_store, readme_blocks("sparql")[index])
    assert len({json.dumps(row, sort_keys=True) for row in found}) == SPARQL_ROWS[index]


@pytest.mark.parametrize("index", range(len(SPARQL_ROWS)))
def test_the_readme_sparql_counts_right(samples_store, index):  # each row once: the union repeats no statement
    assert len(sparql_rows(samples_store, readme_blocks("sparql")[index])) == SPARQL_ROWS[index]


@pytest.mark.parametrize("line", COUNTED_IN_THE_UNION)
def test_the_union_counts_right(samples_store, line):
    sparql = shlex.split(line)[2]
    assert len(sparql_rows(samples_store, sparql)) == ROWS[line]
