"""The ``kg`` command line: a thin typer layer over the library.

This is the only module that prints or exits.  Library errors (``KGError``)
become ``Error: ...`` on stderr with exit code 1 and no traceback.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.errors import BuildError, KGError

app = typer.Typer(
    name="kg",
    help="Build and explore a knowledge graph of IGF MAG meeting reports: who said what, about which topic, when.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err_console = Console(stderr=True)
# pypdf logs repairs of broken files ("EOF marker not found") without naming the file; the
# ingest error that follows names it, so these lines are noise on the terminal.
logging.getLogger("pypdf").setLevel(logging.ERROR)

OutOpt = Annotated[Path, typer.Option("--out", help="Output folder holding the store and pages.", show_default=True)]
DEFAULT_OUT = Path("output")


def _handle_errors(func):
    """Turn library errors into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BuildError as err:
            for path, reason in err.failures:
                err_console.print(f"[bold red]Error:[/] {escape(path)}: {escape(reason)}", highlight=False, soft_wrap=True)
            err_console.print(f"[bold red]Error:[/] {escape(err.message)}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except KGError as err:
            err_console.print(f"[bold red]Error:[/] {escape(str(err))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("[red]Interrupted.[/]")
            raise typer.Exit(130) from None

    return wrapper


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


# --------------------------------------------------------------------------- parse


@app.command("parse")
@_handle_errors
def parse_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders.", exists=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
) -> None:
    """Print what the parser reads from reports, for inspection.

    Example: [cyan]kg parse examples/ --format json[/]
    """
    from kg.ingest import discover, load_source
    from kg.model import to_jsonable
    from kg.parse import parse_report

    if fmt not in ("json", "table"):
        raise KGError(f"unknown format {fmt!r}", hint="use --format json or --format table")
    records, failed = [], 0
    for path in discover(paths):
        try:
            report = parse_report(load_source(path))
        except KGError as err:
            err_console.print(f"[red]Error:[/] {escape(str(err))}", highlight=False)
            failed += 1
            continue
        records.append(report)
    if fmt == "json":
        data = []
        for r in records:
            item = to_jsonable(r)
            item["source"] = {k: item["source"][k] for k in ("path", "file_name", "sha256", "fmt", "encoding")}
            item["text"] = r.text
            data.append(item)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        for r in records:
            _print_report_table(r)
    if failed:
        raise typer.Exit(1)


def _print_report_table(report) -> None:
    m = report.meeting
    table = Table(title=f"{report.source.file_name} ({report.layout})", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for label, value in [
        ("title", m.title),
        ("series", f"{m.series or '-'} [{m.series_short or m.series_key or '-'}]"),
        ("number", m.number),
        ("date", f"{m.date or '-'} {m.start_time or ''} {m.timezone or ''}".strip()),
        ("format", m.format),
        ("chair", m.chair),
        ("agenda", "\n".join(f"{a.number or '-'} {a.title}" + "".join(f"\n   {s.number} {s.title}" for s in a.sub_items) for a in report.agenda)),
        ("sections", "\n".join(f"{s.title} -> agenda {s.agenda_index}" for s in report.sections)),
        ("actions", "\n".join(f"{a.text} [owner: {a.owner or '-'}; due: {a.due or '-'}]" for a in report.actions)),
        ("participants", "\n".join(f"{p.name} | {p.group or '-'} | {', '.join(p.roles) or '-'} | {', '.join(p.organisations) or '-'}" for p in report.participants)),
        ("turns", str(len(report.turns)) if report.turns else None),
        ("mail", f"{report.mail.author} <{report.mail.author_email}> {report.mail.date}" if report.mail else None),
        ("next meeting", f"{report.next_meeting.date} {report.next_meeting.start_time or ''}" if report.next_meeting else None),
        ("conflicts", "\n".join(f"{c.field}: kept {c.chosen!r}, not {c.rejected!r} ({c.reason})" for c in m.conflicts)),
        ("links", str(len(report.links))),
    ]:
        if value:
            table.add_row(label, escape(str(value)))
    console.print(table)


# --------------------------------------------------------------------------- build


@app.command("build")
@_handle_errors
def build_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (searched recursively).")],
    out: OutOpt = DEFAULT_OUT,
    model: Annotated[str, typer.Option(help="spaCy model: none (rule-based, the default: same F1 on the gold, ~10x faster), auto (the installed statistical model, else rule-based), or a package name.")] = "none",
    aliases: Annotated[Optional[Path], typer.Option(help="TOML file confirming or overriding identity merges.")] = None,
    topics: Annotated[Optional[list[Path]], typer.Option("--topics", help="Extra SKOS topic file(s) extending the scheme.")] = None,
    prune: Annotated[bool, typer.Option(help="Drop reports built earlier that are no longer among the inputs.")] = False,
    workers: Annotated[int, typer.Option(help="Processes for annotation.", min=1)] = 1,
) -> None:
    """Ingest, parse, extract, resolve and write the graph store.

    Re-running on unchanged inputs does nothing; a changed report replaces its
    own named graph. Files that fail are listed at the end and the rest is built.

    Example: [cyan]kg build ../shared/corpus --out output[/]
    """
    from kg.build import build

    with _progress() as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or 1)
            bar.update(tasks[stage], completed=done, total=total or 1)

        summary = build(paths, out, model=model, aliases=aliases, topic_files=topics or (), prune=prune, workers=workers, progress=progress)

    verb = "unchanged" if summary.unchanged else f"built ({summary.processed} report(s) processed)"
    console.print(f"[bold green]{verb}[/] in {summary.seconds:.2f} s -> {summary.out}/store  [dim](model: {summary.model})[/]")
    table = Table(show_header=False, box=None)
    for label, value in [
        ("reports", summary.reports),
        ("meetings", summary.meetings),
        ("people", summary.people),
        ("unresolved names", summary.unresolved),
        ("organisations", summary.organisations),
        ("topics discussed", summary.topics),
        ("interventions", summary.interventions),
        ("files that failed", len(summary.failures)),
    ]:
        table.add_row(f"  {label}", str(value))
    console.print(table)
    for dup, original in summary.duplicates:
        console.print(f"[yellow]skipped[/] {escape(dup)}: same content as {escape(original)}", highlight=False)
    for failure in summary.failures:
        err_console.print(f"[red]failed[/] {escape(failure.path)}: {escape(failure.message)}", highlight=False)
    if summary.unresolved:
        console.print("[dim]Run `kg review` to see unresolved and ambiguous mentions.[/]")
    if summary.failures:
        raise typer.Exit(2)


# --------------------------------------------------------------------------- query & export


@app.command("query")
@_handle_errors
def query_cmd(
    query: Annotated[Optional[str], typer.Argument(help="A SPARQL query (standard prefixes predeclared).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Read the query from a file.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="A named query from the kit (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="Bind a parameter: key=value (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or tsv.")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries of the kit.")] = False,
    all_pages: Annotated[bool, typer.Option("--all-pages", help="For a paged kit query: every page, not just one.")] = False,
    out: OutOpt = DEFAULT_OUT,
) -> None:
    """Run SPARQL over the store: your own, from a file, or from the query kit.

    Long kit listings answer 100 rows a page: --param page=2 for the next, --all-pages for all.
    Example: [cyan]kg query --name people-on-topic --param topic=GDC[/]
    """
    from kg.query import PAGE_SIZE, get_query, list_queries, run_all_pages, run_named_query, run_query

    if list_:
        table = Table("name", "parameters", "description", title="Query kit (kg/queries)")
        for q in list_queries():
            table.add_row(q.name, ", ".join(p.name for p in q.params), escape(q.description))
        console.print(table)
        return
    given = [x for x in (query, file, name) if x]
    if len(given) != 1:
        raise KGError("give exactly one of: a QUERY argument, --file F or --name NAME", hint="`kg query --list` shows the named queries")
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise KGError(f"bad --param {item!r}", hint="write it as key=value")
        params[key.strip()] = value
    if all_pages and not name:
        raise KGError("--all-pages is for kit queries", hint="give --name NAME")
    full_page = False
    if name and all_pages:
        result = run_all_pages(out, name, params)
    elif name:
        result = run_named_query(out, name, params)
        full_page = any(p.type == "page" for p in get_query(name).params) and len(result.rows) == PAGE_SIZE
    else:
        text = file.read_text(encoding="utf-8") if file else query
        result = run_query(out, text, params)
    _print_result(result, fmt)
    if full_page:
        page = int(params.get("page") or 1)
        err_console.print(f"[dim]page {page} is full: more rows may follow (--param page={page + 1}, or --all-pages)[/]")


def _print_result(result, fmt: str) -> None:
    if fmt == "table":
        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*("" if v is None else escape(str(v)) for v in row))
        console.print(table)
        console.print(f"[dim]{len(result.rows)} row(s)[/]")
    elif fmt in ("csv", "tsv", "json"):
        sys.stdout.write(result.to_format(fmt))
    else:
        raise KGError(f"unknown format {fmt!r}", hint="use table, csv, json or tsv")


@app.command("export")
@_handle_errors
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads, jsonld, graphml or gexf.")] = "nquads",
    dest: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    out: OutOpt = DEFAULT_OUT,
) -> None:
    """Export the graph as RDF, or as a networkx projection for Gephi.

    Example: [cyan]kg export --format graphml -o corpus.graphml[/]
    """
    if fmt in ("graphml", "gexf"):
        from kg.viz.project import export_network

        if dest is None:
            raise KGError(f"--format {fmt} needs a file", hint="add -o FILE")
        export_network(out, fmt, dest)
    else:
        from kg.rdf.export import export

        data = export(out, fmt, dest)
        if dest is None and data is not None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    if dest is not None:
        err_console.print(f"wrote {dest}")


@app.command("validate")
@_handle_errors
def validate_cmd(
    out: OutOpt = DEFAULT_OUT,
    report_dir: Annotated[Optional[Path], typer.Option("--report-dir", help="Write the SHACL validation report here.")] = None,
) -> None:
    """Check the store against the SHACL shapes of the graph contract.

    Example: [cyan]kg validate --out output[/]
    """
    from kg.validate import validate

    result = validate(out, report_dir=report_dir)
    if result.conforms:
        console.print(f"[bold green]conforms[/] to ontologies/shapes.ttl ({result.triples} triples checked)")
    else:
        console.print(result.text, highlight=False, markup=False)
        err_console.print(f"[bold red]does not conform:[/] {result.violations} violation(s)")
        raise typer.Exit(1)


# --------------------------------------------------------------------------- people


@app.command("review")
@_handle_errors
def review_cmd(
    out: OutOpt = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or tsv.")] = "table",
) -> None:
    """List unresolved and ambiguous mentions with their candidates and evidence.

    Confirm or override merges in a TOML alias file and rebuild with --aliases.
    Example: [cyan]kg review --out output[/]
    """
    from kg.query import run_all_pages

    result = run_all_pages(out, "review")
    if fmt != "table":
        _print_result(result, fmt)
        return
    if not result.rows:
        console.print("[green]Every mention is resolved.[/]")
        return
    for row in result.to_dicts():
        # Any cell but the record's own may be unbound: a roster entry nobody heard speak has no
        # intervention count, a record from an older build no evidence text.
        console.print(
            f"[bold]{escape(str(row.get('fileName', '?')))}[/]  [cyan]{escape(str(row.get('mention', '?')))}[/]  "
            f"[yellow]{escape(str(row.get('method', '?')))}[/]  ({row.get('interventions', 0)} intervention(s))",
            highlight=False,
        )
        if row.get("candidates"):
            console.print(f"   candidates: {escape(str(row['candidates']))}", highlight=False)
        if row.get("evidence"):
            console.print(f"   evidence:   {escape(str(row['evidence']))}", highlight=False, style="dim")
    console.print(f"[dim]{len(result.rows)} mention(s) to review; confirm or override them in a TOML alias file "
                  "(see examples/aliases.toml) and rebuild with --aliases FILE.[/]")


@app.command("evaluate")
@_handle_errors
def evaluate_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files (see ../shared/eval/README.md).")],
    out: OutOpt = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Score the built graph against gold annotations (P/R/F1).

    Example: [cyan]kg evaluate --gold ../shared/eval/gold --out output[/]
    """
    from kg.evaluate import evaluate

    report = evaluate(out, gold)
    if fmt == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        console.print(report.to_table())


# --------------------------------------------------------------------------- explore


@app.command("viz")
@_handle_errors
def viz_cmd(
    out: OutOpt = DEFAULT_OUT,
    since: Annotated[Optional[str], typer.Option(help="Only meetings on or after this date (YYYY or YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only meetings on or before this date.")] = None,
    series: Annotated[Optional[str], typer.Option(help="Only this meeting series (key or name).")] = None,
    min_activity: Annotated[int, typer.Option(help="Hide nodes with fewer interventions/links than this.")] = 0,
    collapse: Annotated[Optional[str], typer.Option(help="Fold people into 'organisation'.")] = None,
) -> None:
    """Write the interactive network pages and output/index.html.

    Example: [cyan]kg viz --out output --since 2024[/]
    """
    from kg.viz import render_views

    pages = render_views(out, since=since, until=until, series=series, min_activity=min_activity, collapse=collapse)
    console.print(f"wrote {len(pages)} page(s); open {out / 'index.html'}")


@app.command("topic")
@_handle_errors
def topic_cmd(
    topic: Annotated[str, typer.Argument(help="Topic label, alias or key, e.g. GDC.")],
    out: OutOpt = DEFAULT_OUT,
) -> None:
    """Write a topic-evolution page (timeline, people, organisations, key sentences) with CSV/JSON.

    Example: [cyan]kg topic GDC --out output[/]
    """
    from kg.viz import render_topic

    page = render_topic(out, topic)
    console.print(f"wrote {page} (+ .csv, .json)")


@app.command("topics")
@_handle_errors
def topics_cmd(out: OutOpt = DEFAULT_OUT, fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
    """List topics with their first/last dates and activity, for choosing one.

    Example: [cyan]kg topics --out output[/]
    """
    from kg.model import to_jsonable
    from kg.viz import list_topics

    topics = list_topics(out)
    if fmt == "json":
        sys.stdout.write(json.dumps(to_jsonable(topics), ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("key", "label", "first", "last", "meetings", "interventions", title="Topics")
    for t in topics:
        table.add_row(t.key, escape(t.label), t.first or "", t.last or "", str(t.meetings), str(t.interventions))
    console.print(table)


# --------------------------------------------------------------------------- serve & push


@app.command("serve")
@_handle_errors
def serve_cmd(
    out: OutOpt = DEFAULT_OUT,
    host: Annotated[str, typer.Option(help="Address to bind (loopback unless you mean otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Per-query timeout in seconds.")] = 10.0,
    max_results: Annotated[int, typer.Option(help="Largest number of result rows returned.")] = 10000,
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at /sparql, the query page at /query and the built pages.

    Example: [cyan]kg serve --out output --port 7878[/]
    """
    from kg.serve import serve

    def ready(url: str) -> None:
        console.print(f"SPARQL endpoint: {url}sparql   query page: {url}query   pages: {url}  (Ctrl-C to stop)")

    serve(out, host, port, timeout=timeout, max_results=max_results, ready=ready)


@app.command("push")
@_handle_errors
def push_cmd(
    endpoint: Annotated[str, typer.Option(help="SPARQL query endpoint of the server.")],
    graph_store: Annotated[Optional[str], typer.Option(help="Graph Store Protocol URL (default: derived from the endpoint).")] = None,
    auth: Annotated[Optional[str], typer.Option(help="user:password for HTTP basic auth.")] = None,
    token: Annotated[Optional[str], typer.Option(help="Bearer token.")] = None,
    prune: Annotated[bool, typer.Option(help="Delete graphs of ours on the server that the store no longer has.")] = False,
    out: OutOpt = DEFAULT_OUT,
) -> None:
    """Send every named graph to a SPARQL 1.1 Graph Store Protocol server, replacing each graph.

    Example: [cyan]kg push --endpoint http://127.0.0.1:7879/query --graph-store http://127.0.0.1:7879/store[/]
    """
    from kg.push import push

    credentials = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep:
            raise KGError("--auth must be user:password")
        credentials = (user, password)
    report = push(out, endpoint, graph_store, auth=credentials, token=token, prune=prune)
    console.print(f"pushed {report.graphs} graph(s), {report.triples} triple(s) to {report.graph_store} in {report.seconds:.1f} s")
    for iri in report.deleted:
        console.print(f"deleted {iri} (no longer in the store)", highlight=False)
    for bad in report.mismatches:
        err_console.print(f"[red]mismatch[/] {bad.graph}: sent {bad.triples} triple(s), the server holds {bad.remote_triples}", highlight=False)
    if report.mismatches:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- synth


@app.command("synth")
@_handle_errors
def synth_cmd(
    n: Annotated[int, typer.Argument(help="How many reports to write.", min=1)],
    directory: Annotated[Path, typer.Argument(help="Folder to write them to (gold files go to DIR/gold).")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same bytes.")] = 0,
) -> None:
    """Write N realistic synthetic reports across layouts, with ground truth in the gold format.

    Example: [cyan]kg synth 1000 /tmp/synth --seed 7[/]
    """
    from kg.synth import synthesize

    summary = synthesize(n, directory, seed=seed)
    console.print(f"wrote {summary.reports} report(s) to {directory} ({summary.people} people, {summary.words} words)")


def main() -> None:  # pragma: no cover - console entry
    app()
