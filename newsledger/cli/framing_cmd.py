"""``newsledger framing``: how outlets worded things — one event side by side, or one outlet's rates."""
from __future__ import annotations

from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import app, state

out = Console()
err = Console(stderr=True)


def _term(f: dict) -> str:
    side = f" [{f['side']}]" if f.get("side") else ""
    times = f" ×{f['count']}" if f.get("count", 1) > 1 else ""
    source = f" ({f['source']})" if f.get("source") else ""
    return escape(f"{f.get('term')}{times}{source} → {f.get('neutral')}{side}")      # text as written, never markup


def _event(store, event_id: str) -> None:
    from ..export import framing, records
    events = [e for e in records.events(store) if e["event_id"] == event_id] or \
             [e for e in records.events(store) if e["event_id"].startswith(event_id)]
    if len(events) != 1:
        err.print(f"no single event matches {event_id!r}")
        raise typer.Exit(1)
    ev = events[0]
    docs = {d["doc_id"]: d for d in records.documents(store, with_text=False, doc_ids=ev.get("doc_ids") or [])}
    loc = (ev.get("location") or {}).get("name") or "?"
    table = Table(title=f"{ev.get('event_type')} · {loc} · {ev.get('date_start') or '?'} · {ev['event_id']}")
    table.add_column("outlet")
    for _, label in framing.COLUMNS:
        table.add_column(label)
    figs = [f for f in records.figures(store) if f.get("event_id") == ev["event_id"]
            or f["figure_id"] in set(ev.get("figures") or [])]
    extra = framing.event_words(store, ev) + framing.casualty_words(figs)
    for r in framing.event_comparison(ev, docs, extra):
        table.add_row(escape(f"{r.outlet}\n{r.published or ''}"), *("\n".join(_term(f) for f in r.cells[c])
                                                           for c, _ in framing.COLUMNS))
    out.print(table)


def _outlet(store, outlet: str) -> None:
    from ..export import framing, records
    docs = list(records.documents(store))
    prof = framing.outlet_profile(docs, outlet)
    if prof is None:
        known = ", ".join(f"{o} ({n})" for o, n in framing.outlets(docs))
        err.print(escape(f"no documents from outlet {outlet!r}; outlets: {known}"))
        raise typer.Exit(1)
    out.print(escape(f"{prof.outlet}: {prof.n_docs} document(s), {prof.n_words} words; "
              f"corpus: {prof.corpus_docs} document(s), {prof.corpus_words} words"))
    summary = Table("category", "count", "per 1,000 words", "corpus count", "corpus per 1,000 words")
    for cat, k, r, ka, ra in prof.by_category:
        summary.add_row(cat, str(k), f"{r:.2f}", str(ka), f"{ra:.2f}")
    out.print(summary)
    terms = Table("category", "term", "neutral", "count", "per 1,000 words", "corpus count", "corpus per 1,000")
    for x in prof.rates:
        terms.add_row(x.category, escape(x.term), escape(x.neutral), str(x.count), f"{x.per_1000:.2f}", str(x.corpus_count),
                      f"{x.corpus_per_1000:.2f}")
    out.print(terms)


@app.command("framing")
def framing_cmd(
    event_id: Optional[str] = typer.Argument(None, help="An event id (or a unique prefix): each report's words "
                                                        "for the forces, the act and the dead, side by side."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="One outlet's framing terms per 1,000 words "
                                                                "against the corpus average."),
):
    """How outlets worded things: one event's reports side by side, or one outlet against the corpus."""
    store = state.store()
    if event_id:
        _event(store, event_id)
    elif outlet:
        _outlet(store, outlet)
    else:
        from ..export import framing, records
        table = Table("outlet", "documents")
        for o, n in framing.outlets(list(records.documents(store, with_text=False))):
            table.add_row(escape(o), str(n))
        out.print(table)
