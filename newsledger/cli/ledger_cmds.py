"""Sub-commands that read reconciled events: events, show, tallies, and reconcile / unmerge."""
from __future__ import annotations

from datetime import date
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from . import app, state

out = Console()
err = Console(stderr=True)


def _count(c: dict | None) -> str:
    if not c:
        return ""
    s = str(c["best"]) if c["low"] == c["high"] else f"{c['best']} ({c['low']}–{c['high']})"
    return s + (" ≠" if c.get("conflict") else "")


def _day(value: str | None, option: str) -> str | None:
    """A YYYY-MM-DD option checked as a real day; a clear message and exit 2 otherwise."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day; write YYYY-MM-DD, e.g. 2024-03-05", param_hint=option)


def decision_text(mention_id: str, r: dict, mention_doc: dict[str, str]) -> str:
    """One merge decision as a sentence: what the mention joined, at what score, and why."""
    d = r.get("decision") or {}
    rule = d.get("rule") or "?"
    where = f" (report {mention_doc[mention_id]})" if mention_id in mention_doc else ""
    if rule == "merged":
        feats = ", ".join(f"{k} {v:g}" for k, v in (d.get("features") or {}).items() if v is not None)
        return (f"{mention_id}{where}: merged with {d.get('with')} at score {d.get('score', 0):.2f} "
                f"(threshold {d.get('threshold', '?')}); {feats}")
    best = d.get("best_candidate")
    text = {"alone": "kept on its own", "not_mergeable": "kept on its own (too little to compare)"}.get(rule, rule)
    if best:
        text += f"; closest candidate {best.get('with')} scored {best.get('score', 0):.2f}"
    if d.get("splits"):
        text += "; kept apart by a manual unmerge"
    return f"{mention_id}{where}: {text}"


def _find(store, event_id: str) -> dict | None:
    hits = list(store.records("events", where=lambda t: t.c.event_id == event_id))
    if not hits:
        hits = list(store.records("events", where=lambda t: t.c.event_id.startswith(event_id)))
    return hits[0] if len(hits) == 1 else None


@app.command("events")
def events_cmd(
    place: Optional[str] = typer.Option(None, "--place", help="Place name contains this (case-insensitive)."),
    since: Optional[str] = typer.Option(None, "--since", help="Events ending on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Events starting on or before YYYY-MM-DD."),
    etype: Optional[str] = typer.Option(None, "--type", help="Event type contains this (e.g. Battles)."),
):
    """List the reconciled events (one row per real incident, with how many reports carry it)."""
    since, until = _day(since, "--since"), _day(until, "--until")
    rows = []
    for e in state.require_store().records("events"):
        loc = e.get("location") or {}
        if place and place.casefold() not in " ".join(str(loc.get(k) or "") for k in ("name", "admin1", "country")).casefold():
            continue
        if etype and etype.casefold() not in (e.get("event_type") or "").casefold():
            continue
        if since and (e.get("date_end") or e.get("date_start") or "") < since:
            continue
        if until and (e.get("date_start") or "9999") > until:
            continue
        rows.append(e)
    rows.sort(key=lambda e: (e.get("date_start") or "", e["event_id"]))
    table = Table()
    table.add_column("dates", no_wrap=True, min_width=10)
    for name in ("type", "place", "reports", "killed", "injured"):
        table.add_column(name)
    table.add_column("event", no_wrap=True)
    for e in rows:
        dates = e.get("date_start") or "?"
        if e.get("date_end") and e["date_end"] != e.get("date_start"):
            dates += f"..{e['date_end']}"
        table.add_row(dates, f"{e.get('event_type')}\n{e.get('sub_event_type') or ''}".strip(),
                      (e.get("location") or {}).get("name") or "", str(len(e.get("doc_ids") or [])),
                      _count(e.get("fatalities")), _count(e.get("injured")), e["event_id"])
    out.print(table)
    out.print(f"{len(rows)} event(s)")


@app.command()
def show(event_id: str = typer.Argument(..., help="An event id (or a unique prefix of one).")):
    """One event with every report, the claims and figures by claimant, and the evidence."""
    store = state.require_store()
    e = _find(store, event_id)
    if e is None:
        err.print(f"no single event matches {event_id!r}")
        raise typer.Exit(1)
    loc = e.get("location") or {}
    out.print(f"[bold]{e['event_id']}[/]  {e.get('event_type')} / {e.get('sub_event_type')}", highlight=False)
    out.print(f"  when   {e.get('date_start')} .. {e.get('date_end')} ({e.get('date_precision')})", highlight=False)
    out.print(f"  where  {loc.get('name')}, {loc.get('admin1') or ''} {loc.get('country') or ''} "
              f"(precision {loc.get('precision')})", highlight=False)
    actors = " / ".join(a for a in (e.get("actor1"), e.get("actor2")) if a) or "not named in the reports"
    out.print(f"  actors {actors}"
              + (f"; with {', '.join(e['assoc_actors'])}" if e.get("assoc_actors") else ""), highlight=False)
    for field in ("fatalities", "injured", "critically_injured"):
        c = e.get(field)
        if not c:
            continue
        out.print(f"  {field}: best {c['best']}, low {c['low']}, high {c['high']}"
                  + ("  [red]claimants disagree[/]" if c.get("conflict") else ""), highlight=False)
        for who, n in c["by_claimant"].items():
            out.print(f"    {who}: {n}  ({', '.join(c['sources'].get(who, []))})", highlight=False)
        for who, ns in (c.get("claimant_values") or {}).items():
            out.print(f"    {who} reports {' and '.join(map(str, ns))}", highlight=False)
        for o in c.get("other_victims") or []:
            out.print(f"    ({o['victims']}) best {o['best']}: "
                      + ", ".join(f"{w} {n}" for w, n in o["by_claimant"].items()), highlight=False)
        if c.get("summary"):
            out.print(f"    who reported what: {c['summary']}", highlight=False)
    docs = store.document_meta(e.get("doc_ids") or [])
    mentions = set(e.get("mentions") or [])
    figures = {f["figure_id"]: f for f in store.records("figures", where=lambda t: t.c.doc_id.in_(e["doc_ids"]))}
    claims = [c for c in store.records("claims", where=lambda t: t.c.doc_id.in_(e["doc_ids"]))
              if c.get("event_id") in mentions]
    links = {r["mention_id"]: r for r in store.rows("event_links", where=lambda t: t.c.event_id == e["event_id"])}
    out.print(f"\n[bold]{len(e.get('doc_ids') or [])} report(s)[/]")
    for d in e.get("doc_ids") or []:
        meta = docs.get(d) or {}
        out.print(f"\n  [bold]{meta.get('title') or meta.get('source')}[/] — {meta.get('outlet') or '?'}, "
                  f"{meta.get('published') or 'no date'}  ({d})", highlight=False)
        for f in sorted((f for f in figures.values() if f["figure_id"] in set(e.get("figures") or [])
                         and f["doc_id"] == d), key=lambda f: (f.get("claimant") or "", f["measure"])):
            n = f["value"] if f.get("value") is not None else f"≥{f.get('low')}"
            out.print(f"    figure  {f.get('claimant')}: {f['measure']} {n} {f.get('victims') or ''}", highlight=False)
        for c in claims:
            if c["doc_id"] == d:
                out.print(f"    claim   {c.get('speaker_canonical')} ({c.get('cue')}): {c.get('content')}",
                          highlight=False)
        for ev in e.get("evidence") or []:
            if ev.get("doc_id") == d:
                out.print(f"    “{ev.get('text')}”", highlight=False)
    out.print("\n[bold]merge decisions[/]")
    mention_doc = {m["mention_id"]: m["doc_id"] for m in store.rows("event_mentions",
                                                                     where=lambda t: t.c.mention_id.in_(list(links)))}
    for mid, r in sorted(links.items()):
        out.print("  " + decision_text(mid, r, mention_doc), highlight=False, soft_wrap=True)


@app.command("tallies")
def tallies_cmd(claimant: Optional[str] = typer.Option(None, "--claimant", help="Claimant name contains this.")):
    """Cumulative counts (figures over a period) as they moved from report to report."""
    from ..reconcile import tallies

    series = tallies(state.require_store(), claimant)
    table = Table("claimant", "measure", "victims", "date", "count", "report")
    for s in series:
        for k, p in enumerate(s["points"]):
            n = p["value"] if p["value"] is not None else f"≥{p['low']}"
            table.add_row(s["claimant"] if k == 0 else "", s["measure"] if k == 0 else "",
                          (s["victims"] or "") if k == 0 else "", p["date"] or "?", str(n),
                          f"{p.get('outlet') or ''} {p.get('published') or ''}".strip())
    out.print(table)
    out.print(f"{len(series)} series")


@app.command("reconcile")
def reconcile_cmd(
    full: bool = typer.Option(False, "--full", help="Recompute every event, not only the new mentions' blocks."),
    forget_splits: bool = typer.Option(False, "--forget-splits", help="With --full: also undo manual unmerges."),
):
    """Merge the stored event mentions into events (runs after every ingest by itself)."""
    from ..reconcile import reconcile

    r = reconcile(state.store(), full=full or forget_splits, keep_splits=not forget_splits)
    err.print(f"{r['mode']}: {r['recomputed']} of {r['mentions']} mention(s) placed into {r['events']} event(s)",
              highlight=False)


@app.command()
def unmerge(event_id: str = typer.Argument(..., help="The merged event to split back into its reports.")):
    """Split an event back into its mentions; later runs keep them apart."""
    from ..reconcile import unmerge as run

    try:
        new = run(state.store(), event_id)
    except KeyError:
        err.print(f"no event {event_id!r}")
        raise typer.Exit(1)
    out.print(f"{event_id} split into {len(new)} event(s): {', '.join(new)}", highlight=False)


def datasette_metadata(columns: dict[str, set[str]] | None, database: str) -> dict:
    """The packaged Datasette metadata for ``database``; with ``columns`` (table -> its columns),
    facets and sort orders naming a column the store lacks are left out."""
    import json
    from importlib import resources

    meta = json.loads(resources.files("newsledger.data").joinpath("datasette-metadata.json").read_text("utf-8"))
    tables = meta.pop("tables")
    if columns is not None:
        tables = {t: m for t, m in tables.items() if t in columns}
        for t, m in tables.items():
            m["facets"] = [f for f in m.get("facets") or [] if f in columns[t]]
            if m.get("sort_desc") not in columns[t]:
                m.pop("sort_desc", None)
            m["columns"] = {c: d for c, d in (m.get("columns") or {}).items() if c in columns[t]}
    return {**meta, "databases": {database: {"tables": tables}}}


@app.command("datasette-metadata")
def datasette_metadata_cmd():
    """Print Datasette metadata for the store (titles, descriptions, facets):
    `newsledger datasette-metadata > meta.json && datasette newsledger.db -m meta.json`."""
    import json
    import os

    from sqlalchemy import inspect

    store = state.existing_store()
    columns = None
    if store is not None:
        insp = inspect(store.engine)
        columns = {t: {c["name"] for c in insp.get_columns(t)} for t in insp.get_table_names()}
    database = os.path.splitext(os.path.basename(state.db.split("?", 1)[0]))[0] or "newsledger"
    typer.echo(json.dumps(datasette_metadata(columns, database), indent=2, ensure_ascii=False))
