"""The `kg` command line: parses options, calls one library function, prints the result.

Errors from the library (`kg.errors.KGError`) become one-line messages and a non-zero exit status. Only click
and kg's light modules are imported here; each command's library function imports what it needs (`kg.api`).
"""
from __future__ import annotations

import functools
import sys
import time
from typing import TYPE_CHECKING

import click

from kg import api, output
from kg.errors import KGError, ValidationFailed
from kg.serve.settings import DEFAULT_HOST, DEFAULT_LIMIT, DEFAULT_PORT, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from kg.ingest import IngestReport, Outcome
    from kg.queries import Page


def stacked(*decorators):
    """One decorator for several, as if they were written one above the other in this order."""
    def decorate(command):
        return functools.reduce(lambda wrapped, decorator: decorator(wrapped), reversed(decorators), command)
    return decorate


def given(ctx, param, value):
    """A path or name typed on the command line must not be empty ('' would mean the current folder)."""
    for item in value if isinstance(value, tuple) else (value,):
        if isinstance(item, str) and not item.strip():
            raise click.BadParameter("is empty")
    return value


store_option = click.option("--store", "store", envvar="KG_STORE", default=None, metavar="PATH", callback=given,
                            help="Store folder (default ./kg-store), or BACKEND:LOCATION. Env: KG_STORE.")


def format_option(*choices: str, default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


# a table shows kg.queries.PAGE_SIZE rows, written out in the help (kg.queries loads rdflib; a test keeps them equal)
page_options = stacked(
    click.option("--limit", type=click.IntRange(0), default=None,
                 show_default="100 in a table, all in JSON, CSV and TSV",
                 help="At most this many rows; 0 for all of them."),
    click.option("--offset", type=click.IntRange(0), default=0, show_default=True,
                 help="Skip this many rows first (the next page: --offset 100)."),
)


def _page(limit: int | None, offset: int, fmt: str) -> Page:
    """The rows asked for: a table shows a page unless told otherwise; JSON, CSV and TSV, made for programs, all."""
    from kg import queries
    if limit is None:
        limit = queries.PAGE_SIZE if fmt == "table" else 0
    return queries.Page(limit or None, offset)


def _tell(shown: int, page: Page | None, result, values: dict) -> None:
    """Say on stderr which entities a name stood for when several, and that the rows printed are a page of more."""
    from kg.queries import chosen_lines
    last = page.offset + shown if page else shown
    more = [f"rows {page.offset + 1}-{last} shown; more with --offset {last}, all with --limit 0"] if result.more else []
    click.echo("".join(f"{line}\n" for line in chosen_lines(result.chosen, values) + more), err=True, nl=False)


def library_errors(command):
    """Turn kg.errors exceptions into click errors (message on stderr, exit status 1), and so a file or folder
    that cannot be read or written (an OSError: the message names it)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ValidationFailed as error:
            click.echo(error.report, err=True)
            raise click.ClickException(str(error)) from error
        except KGError as error:
            raise click.ClickException(str(error)) from error
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{(error.strerror or str(error)).lower()}") from error
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli():
    """kg: a knowledge graph of what executives say.

    \b
    Example:
        kg demo
        kg ingest articles/ && kg quotes --speaker Zuckerberg
    """


class BarProgress:
    """A progress bar with documents per second on stderr, and per-file errors and warnings as they come."""

    def __init__(self, label: str):
        self.label, self.bar, self.started, self.done = label, None, 0.0, 0

    def start(self, total: int) -> None:
        self.started = time.monotonic()
        if total > 1:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True,
                                         item_show_func=lambda _: self._rate())
            self.bar.render_progress()

    def _rate(self) -> str:
        elapsed = time.monotonic() - self.started
        return f"{self.done / elapsed:.1f} docs/s" if elapsed > 0 else ""

    def advance(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            click.echo(f"error: {outcome.source}: {outcome.reason}", err=True)
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        self.done += 1
        if self.bar is not None:
            self.bar.update(1, outcome)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def summarise(report: IngestReport, progress: BarProgress, verb: str = "added") -> None:
    """The progress bar finished, the files of the folders that kg does not read, and the summary line; exit
    status 1 when a file failed or warned (each said so as it came)."""
    progress.finish()
    for outcome in report.with_status("skipped"):
        click.echo(f"skipped: {outcome.source}: {outcome.reason}", err=True)
    click.echo(output.summary(report, verb))
    if report.failed or report.warned:
        sys.exit(1)


# the limit is kg.ingest.DEFAULT_MAX_BYTES, written out here (kg.ingest loads spaCy; a test keeps the two equal)
extraction_options = stacked(
    click.option("--max-bytes", type=click.IntRange(1), default=20_000_000, show_default=True,
                 help="Refuse files larger than this."),
    click.option("-j", "--jobs", type=click.IntRange(1), default=None, show_default="the cores",
                 help="Worker processes for extraction."),
)


@cli.command()
@click.argument("paths", nargs=-1, required=True, callback=given)
@click.option("--force", is_flag=True, help="Re-extract documents already in the store.")
@extraction_options
@store_option
@library_errors
def ingest(paths, force, max_bytes, jobs, store):
    """Ingest files, folders (recursively) and '-' (standard input).

    Files of a folder in a format kg does not read are named on standard error and skipped.

    \b
    Example:
        kg ingest article.txt transcripts/ -j 2
        cat article.txt | kg ingest -
    """
    progress = BarProgress("ingesting")
    summarise(api.ingest_paths(store, paths, force=force, max_bytes=max_bytes, jobs=jobs,
                               stdin=lambda: sys.stdin.buffer.read(), progress=progress), progress)


@cli.command(name="extract")
@click.argument("paths", nargs=-1, required=True, callback=given)
@click.option("--out", "-o", required=True, callback=given, help="Folder for one N-Quads file per document.")
@extraction_options
@library_errors
def extract_command(paths, out, max_bytes, jobs):
    """Extract documents to N-Quads files (one named graph each), without a store, for bulk loaders.

    \b
    Example:
        kg extract corpus/ --out graphs/ -j 8 && kg load graphs/
    """
    progress = BarProgress("extracting")
    summarise(api.extract_paths(paths, out, max_bytes=max_bytes, jobs=jobs, progress=progress), progress, "written")


@cli.command()
@click.argument("folder", callback=given)
@click.option("--force", is_flag=True, help="Replace documents already in the store.")
@store_option
@library_errors
def load(folder, force, store):
    """Load a folder of N-Quads files written by `kg extract`, one transaction per document.

    \b
    Example:
        kg load graphs/ --store kg-store
    """
    progress = BarProgress("loading")
    summarise(api.load_paths(store, folder, force=force, progress=progress), progress)


@cli.command()
@click.argument("sparql_or_name", required=False)
@click.option("-f", "--file", "file", type=click.File("r"), help="Read the query from a .rq file.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Parameter of a named query.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@page_options
@format_option("table", "json", "csv", "tsv")
@store_option
@library_errors
def query(sparql_or_name, file, params, list_, limit, offset, fmt, store):
    """Run a SPARQL query, or a named query with bound parameters. CONSTRUCT/DESCRIBE print Turtle.

    \b
    Example:
        kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'
        kg query quotes --param speaker=Varga
        kg query documents --limit 20 --offset 40
        kg query --list

    A named query's table shows its first 100 rows unless given --limit (0 for all), with headings in words and
    without its columns of IRIs; JSON, CSV and TSV have every row and column, as has SPARQL text (write LIMIT
    in it).
    """
    from kg import queries
    if list_:
        click.echo(output.named_queries(map(queries.load, queries.names())))
        return
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"'{item}' is not KEY=VALUE", param_hint="--param")
        values[key] = value
    if file is None and not sparql_or_name:
        raise click.UsageError("give a SPARQL query, a query name (kg query --list) or -f FILE.rq")
    name = sparql_or_name if file is None and not set(" {\n") & set(sparql_or_name) else None  # a word: a name
    text = file.read() if file is not None else "" if name else sparql_or_name
    source = click.get_current_context().get_parameter_source
    paged = name is not None or any(source(p) is not click.core.ParameterSource.DEFAULT for p in ("limit", "offset"))
    page = _page(limit, offset, fmt) if paged else None
    result = api.run_query(store, text, values, name, page)
    if result.kind == "ask":
        click.echo("true" if result.boolean else "false")
    elif result.kind == "graph":
        click.echo(result.graph.serialize(format="turtle"))
    elif name is not None and fmt == "table":
        click.echo(output.query_table(result.dicts(), result.variables))
    else:
        from kg.listings import plain  # JSON: numbers, as the listings give them
        text = plain if fmt == "json" else lambda v: None if v is None else str(v)
        click.echo(output.render([{k: text(v) for k, v in row.items()} for row in result.dicts()], fmt, result.variables))
    _tell(len(result.rows), page, result, values)


listing_options = stacked(page_options, format_option("table", "json", "csv"), store_option, library_errors)
document_option = click.option("--document", help="Part of a document's path or title.")
call_option = click.option("--call", help="Part of a call's name, e.g. 'Meta Q4 2024' (see kg calls).")
speaker_option = click.option("--speaker", help="Who said it (or made the claim): a name, alias or ticker, or a "
                              "word of one (else part of a name).")
fact_listing_options = stacked(document_option, call_option, listing_options)  # quotes, figures and claims


def _listing(what: str, fmt: str, store: str | None, limit: int, offset: int, **filters):
    page = _page(limit, offset, fmt)
    rows = api.listing(store, what, page, **filters)
    click.echo(output.render(rows, fmt, output.LISTING_COLUMNS[what] if fmt != "json" else None))
    _tell(len(rows), page, rows, filters)


@cli.command()
@click.option("--entity", "name", help="A name, alias or ticker, or a word of one (else part of a name).")
@click.option("--type", "type_", type=click.Choice(["Person", "Organization", "AIModel", "Product"]))
@document_option
@listing_options
def entities(name, type_, document, limit, offset, fmt, store):
    """List people, organisations, AI models and products, with aliases, roles and developers.

    \b
    Example:
        kg entities --type Person --format json
    """
    _listing("entities", fmt, store, limit, offset, name=name, type=type_, document=document)


@cli.command()
@speaker_option
@fact_listing_options
def quotes(speaker, document, call, limit, offset, fmt, store):
    """List quotations with their speakers and character offsets.

    \b
    Example:
        kg quotes --speaker Varga
    """
    _listing("quotes", fmt, store, limit, offset, speaker=speaker, document=document, call=call)


@cli.command()
@click.option("--entity", help="The subject: a name, alias or ticker, or a word of one (else part of a name).")
@click.option("--metric", help="Part of the metric's label (revenue, capex, ...).")
@fact_listing_options
def figures(entity, metric, document, call, limit, offset, fmt, store):
    """List figures: value, unit, metric, subject and period.

    \b
    Example:
        kg figures --entity Meta --metric revenue
    """
    _listing("figures", fmt, store, limit, offset, entity=entity, metric=metric, document=document, call=call)


@cli.command()
@click.option("--entity", help="The claimant or an entity the claim is about: a name, alias or ticker, or a word of one.")
@speaker_option
@fact_listing_options
def claims(entity, speaker, document, call, limit, offset, fmt, store):
    """List claims (forecasts, plans, assessments, reported facts) with their claimants.

    \b
    Example:
        kg claims --entity DeepSeek
    """
    _listing("claims", fmt, store, limit, offset, entity=entity, speaker=speaker, document=document, call=call)


@cli.command()
@call_option
@listing_options
def calls(call, limit, offset, fmt, store):
    """List earnings calls: company, fiscal period, date, documents and who spoke.

    \b
    Example:
        kg calls --call Halcyon
        kg figures --call 'Halcyon Semiconductor Q3' --metric revenue
    """
    _listing("calls", fmt, store, limit, offset, call=call)


@cli.command()
@click.option("--out", "-o", default="kg-view.html", show_default=True, help="HTML file to write.")
@click.option("--view", type=click.Choice(["entity", "speaker", "claims", "figures", "timeline", "query"]),
              default="entity", show_default=True, help="Which ready-made view.")
@click.option("--focus", help="Entity name, alias or ticker: draw its neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 6), default=2, show_default=True, help="Hops around --focus.")
@click.option("--limit", type=click.IntRange(1), default=300, show_default=True, help="At most this many nodes.")
@click.option("-f", "--file", "file", type=click.File("r"), help="CONSTRUCT query for --view query.")
@store_option
@library_errors
def viz(out, view, focus, depth, limit, file, store):
    """Write an interactive, self-contained HTML view of the graph, read by bounded queries (--limit nodes).

    \b
    Example:
        kg viz --focus Meta --depth 2 --out meta.html
        kg viz --view figures --focus Nvidia --out nvidia-figures.html
        kg viz --view timeline --focus Nvidia --out nvidia-timeline.html
        kg viz --view query -f construct.rq --out result.html
    """
    construct = file.read() if file is not None else None
    stats = api.viz(store, out, view=view, focus=focus, depth=depth, limit=limit, construct=construct)
    click.echo(f"wrote {out}: {stats.summary}")
    if stats.focus_matches:
        more = " ..." if len(stats.focus_matches) > 5 else ""
        click.echo(f"'{focus}' also names {', '.join(stats.focus_matches[:5])}{more}", err=True)


@cli.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on (0.0.0.0: every one).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on (0: any free one).")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates and Graph Store writes carrying the token.")
@click.option("--token", envvar="KG_SERVE_TOKEN", metavar="TOKEN",
              help="Token that updates must carry as 'Authorization: Bearer TOKEN'. Env: KG_SERVE_TOKEN.")
@click.option("--timeout", type=click.IntRange(1), default=DEFAULT_TIMEOUT, show_default=True, help="Seconds per query.")
@click.option("--limit", type=click.IntRange(1), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many rows (or triples) in an answer.")
@store_option
@library_errors
def serve(host, port, allow_update, token, timeout, limit, store):
    """Serve the store as a SPARQL 1.1 endpoint (/query, /update, /store) with a query page at /.

    Read-only unless started with --allow-update and --token; kg's prefixes are added to queries. While it runs,
    listings read the store beside it and `kg ingest` is refused: ingest through the endpoint (see the example).

    \b
    Example:
        kg serve --port 7878
        kg serve --allow-update --token s3cret &
        KG_STORE_TOKEN=s3cret kg ingest --store sparql:http://127.0.0.1:7878 article.txt
    """
    api.serve(store, host, port, allow_update=allow_update, token=token, timeout=timeout, limit=limit,
              ready=lambda url: click.echo(f"serving {url}/ (SPARQL endpoint {url}/query); Ctrl-C stops", err=True))


@cli.command()
@format_option("turtle", "trig", "nquads", "jsonld", default="trig")
@click.option("--out", "-o", type=click.File("w", lazy=True), default="-",
              help="File to write (default: standard output).")
@store_option
@library_errors
def export(fmt, out, store):
    """Export the whole graph (documents, gazetteer, ontology) as RDF.

    \b
    Example:
        kg export --format nquads --out graph.nq
    """
    out.write(api.export(store, fmt))


@cli.command()
@format_option("table", "json")
@store_option
@library_errors
def stats(fmt, store):
    """Count documents, entities, quotes, figures, claims and triples.

    \b
    Example:
        kg stats --format json
    """
    click.echo(output.counts(api.stats(store), fmt))


@cli.command()
@click.argument("document", callback=given)
@store_option
@library_errors
def remove(document, store):
    """Remove one document's facts (by its path, as ingested or any other of the same file, IRI or hash prefix).

    \b
    Example:
        kg remove data/samples/orbital-labs-comet.txt
    """
    removed = api.remove(store, document)
    click.echo(f"removed {removed['source']} ({removed['hash'][:16]})")


@cli.command()
@click.option("--file", "file", type=click.Path(dir_okay=False), callback=given,
              help="Validate this RDF file instead of the store.")
@store_option
@library_errors
def validate(file, store):
    """Check the graph against the SHACL shapes (pyshacl); exit 1 with a report when it does not conform.

    \b
    Example:
        kg validate
        kg validate --file graph.ttl
    """
    result = api.validate_graph(store, file)
    click.echo(f"conforms: {result.triples} triples checked against ontology/shapes.ttl")


@cli.command()
@click.option("--out", "out_dir", default="kg-demo", show_default=True, callback=given,
              help="Folder for the demo store and view.")
@library_errors
def demo(out_dir):
    """Ingest the bundled samples into a fresh store, print a summary and write the HTML view.

    \b
    Example:
        kg demo --out kg-demo
    """
    result = api.demo(out_dir)
    click.echo(f"store: {result.store}")
    click.echo(output.counts(result.stats, "table"))
    click.echo("\nsome quotes:")
    click.echo(output.render(result.quotes, "table", ["speaker", "text", "source"]))
    click.echo("\nsome figures:")
    click.echo(output.render(result.figures, "table", ["text", "metric", "subject", "period"]))
    click.echo(f"\nview: {result.view} (open it in a browser)")
    click.echo("\ntry:\n"
               f"  kg quotes --store {result.store} --speaker Varga\n"
               f"  kg figures --store {result.store} --entity Meta --metric revenue\n"
               f"  kg query --store {result.store} quotes --param speaker=Varga\n"
               f"  kg viz --store {result.store} --focus Meta --out meta.html")


def main():
    cli(prog_name="kg")
