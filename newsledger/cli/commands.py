"""Sub-commands for the core job: ingest, export, demo, status."""
from __future__ import annotations

import os

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import app, state

# soft_wrap: a one-line message stays one line when the output is a file or a pipe (a log)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def run_ingest(paths: list[str], jobs: int = 1, use_model: str = "auto", quiet: bool = False,
               dask: str | None = None, store=None):
    if dask:
        return run_ingest_dask(paths, dask, use_model, quiet)
    from ..ingest import expand
    from ..pipeline import ingest as run
    from ..records import Quarantined

    store = store or state.store()
    files = [p for p in expand(paths)]
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err, disable=quiet or len(files) < 20,
                  transient=True) as bar:
        task = bar.add_task("", total=None if "-" in files else len(files))
        done_sources: set[str] = set()

        def on_item(item, status):
            if isinstance(item, Quarantined):
                err.print(f"[yellow]quarantined[/] {item.source}: {item.reason} — {item.detail}", highlight=False)
            src = item.source.split("#")[0]
            if src not in done_sources:
                done_sources.add(src)
                bar.advance(task)

        stats = run(paths, store, state.context(use_model), jobs=jobs, on_item=on_item)
    return store, stats


def run_ingest_dask(paths: list[str], address: str, use_model: str = "auto", quiet: bool = False):
    """The ingest job on a Dask cluster (newsledger.scale): a progress bar over the planned documents."""
    from ..scale import connect, ingest_dask

    if "-" in paths:
        err.print("--dask reads files, directories or URLs, not standard input")
        raise typer.Exit(2)
    store = state.store()
    try:
        with Progress(TextColumn("[bold]ingest (dask)"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=quiet, transient=True) as bar, connect(address) as client:
            task = bar.add_task("", total=None)

            def on_plan(parts):
                known = [p.documents for p in parts]
                bar.update(task, total=None if None in known else sum(known))

            def on_part(res, part, quarantined):
                for q in quarantined:
                    err.print(f"[yellow]quarantined[/] {q.source}: {q.reason} — {q.detail}", highlight=False)
                bar.advance(task, res.documents)

            stats = ingest_dask(paths, store, client, state.lexicon_dirs, use_model, on_part=on_part,
                                on_plan=on_plan)
    except (OSError, TimeoutError, ValueError) as exc:     # no scheduler there, a bad address, an in-memory store
        err.print(f"--dask {address}: {exc}", highlight=False)
        raise typer.Exit(2)
    return store, stats


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or directories (recursive), or - for standard input."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes for analysis."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Never load a statistical model."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar (quarantined files and the "
                                                             "summary line are still reported)."),
    dask: str = typer.Option(None, "--dask", help="Run on Dask: local:N (a local cluster of N worker processes) "
                                                   "or a scheduler address such as tcp://host:8786."),
):
    """Read articles (.txt .html .jsonl .warc[.gz]), clean, analyse and store them."""
    store, stats = run_ingest(paths, jobs, "rules" if rules_only else "auto", quiet, dask)
    msg = (f"{stats.ingested} new document(s), {stats.duplicates} already stored, "
           f"{len(stats.quarantined)} quarantined  (run {stats.run_id}, {store.url.split('://')[0]})")
    err.print(msg, highlight=False)
    if not stats.ok:
        raise typer.Exit(1)


FORMATS_HELP = ("jsonl: one file, one record per line with its kind (the contract). "
                "csv: a directory PATH with documents.csv, events.csv, claims.csv, figures.csv. "
                "parquet: one file per kind, PATH/events.parquet ... for a directory, or "
                "ledger.events.parquet ... beside PATH=ledger.parquet (read each with pandas.read_parquet). "
                "geojson: the events as a FeatureCollection of points. "
                "acled-csv: the events in ACLED's column set and order.")


@app.command(help="Write the ledger in the export contract's format.\n\n" + FORMATS_HELP)
def export(
    path: str = typer.Argument(..., help="Output file (jsonl, geojson, acled-csv; - for standard output), "
                                         "directory (csv), directory or NAME.parquet (parquet)."),
    fmt: str = typer.Option("jsonl", "--format", "-f",
                            help="jsonl (default), csv, parquet, geojson or acled-csv; see above for the files each writes."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the cleaned text out of document records."),
):
    from ..export import EXPORTERS, export as run, written_files

    if fmt not in EXPORTERS:
        err.print(f"unknown format {fmt!r}; choose from {', '.join(sorted(EXPORTERS))}")
        raise typer.Exit(2)
    store = state.require_store()
    counts = run(store, fmt, path, with_text=not no_text)
    summary = ", ".join(f"{n} {k}(s)" for k, n in counts.items()) or "nothing (the ledger is empty)"
    files = written_files(fmt, path, counts)
    if len(files) == 1:
        err.print(f"wrote {summary} to {files[0]}", highlight=False, soft_wrap=True)
        return
    err.print(f"wrote {summary}:", highlight=False, soft_wrap=True)
    for (kind, n), f in zip(counts.items(), files):
        err.print(f"  {f}  ({n} {kind}(s))", highlight=False, soft_wrap=True)


@app.command()
def status():
    """Counts of what the store holds, and the quarantine (never creates a store)."""
    store = state.require_store()
    for t in ("documents", "segments", "events", "event_mentions", "claims", "figures", "quarantine", "ingest_runs"):
        out.print(f"{t:15} {store.count(t)}")
    for q in store.quarantined():
        out.print(f"  quarantined {q['source']}: {q['reason']} — {q['detail']}", highlight=False)


DEMO_DB = "sqlite:///newsledger-demo.db"


@app.command()
def demo():
    """Ingest the short invented sample articles shipped with newsledger into their own store
    (./newsledger-demo.db, or --db when given) and print a summary; your ledger is left alone."""
    from ..export import records
    from ..store import Store

    folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "demo")
    url = state.db if state.db_given else DEMO_DB
    store, stats = run_ingest([folder], quiet=True, store=Store(url))
    out.print(f"[bold]newsledger demo[/]: {stats.ingested} new, {stats.duplicates} already stored "
              f"in {store.url}")
    docs = {d["doc_id"]: d for d in records.documents(store, with_text=False)}
    for d in docs.values():
        out.print(f"\n[bold]{d['title'] or d['source']}[/] ({d['published'] or 'no date'}, {d['published_basis']})",
                  highlight=False)
    evs = list(records.events(store))
    figs = list(records.figures(store))
    claims = list(records.claims(store))
    out.print(f"\n{len(evs)} event(s), {len(claims)} claim(s), {len(figs)} figure(s)")
    for e in evs:
        loc = (e.get("location") or {}).get("name")
        out.print(f"  event {e['event_id']}: {e['event_type']} / {e.get('sub_event_type')} at {loc} "
                  f"{e.get('date_start')}..{e.get('date_end')} ({len(e.get('doc_ids') or [])} report(s))",
                  highlight=False)
    for f in figs:
        n = f["value"] if f["value"] is not None else f"≥{f['low']}"
        out.print(f"  figure {f['measure']} {n} {f['victims']} — {f['claimant']}", highlight=False)
    for c in claims:
        out.print(f"  claim {c['speaker_canonical']} ({c['cue']}): {c['content'][:80]}", highlight=False)
    browse = "" if state.db_given else f"--db {DEMO_DB} "
    out.print(f"\nBrowse it: newsledger {browse}serve", highlight=False, soft_wrap=True)
    out.print("Your own articles: newsledger ingest PATH && newsledger export --format jsonl ledger.jsonl",
              highlight=False, soft_wrap=True)
