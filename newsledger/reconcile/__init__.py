"""Reconcile: across documents, one event per real incident, with reconciled figures.

* ``reconcile(store)`` after an ingest: only the mentions not yet linked to an event (or those
  of ``doc_ids``) are placed, together with every mention and event they reach through
  above-threshold pairs (``merge.closure``); the rest of the ledger is left as it is.
* ``reconcile(store, full=True)``: everything recomputed (``keep_splits=False`` also forgets
  manual splits).
* ``unmerge(store, event_id)``: split an event back into its mentions; the split is kept in
  ``event_links.decision`` and honoured by later runs (its mentions may still merge with others).
* ``tallies(store, claimant=None)``: cumulative figures as time series.

The mentions themselves (table ``event_mentions``) are never changed, so any merge can be
inspected (``event_links.decision``: rule, score, features, the mention it joined) or undone.

Reconcile is a resumable step. A mention awaits merging while it has no ``event_links`` row
(``Store.pending_mentions``); every ingest and ``newsledger reconcile`` merges whatever awaits,
whether or not that run stored anything, so a run killed before or during its merge is repaired
by the next command. Each reconcile runs in one transaction under the store's ``reconcile`` lock
(``Store.exclusive``): two writers never merge at once, and a kill rolls the merge back whole.
"""
from __future__ import annotations

from typing import Iterable

from ..store import Store
from .anchor import anchored
from .blocking import Index
from .build import build_event
from .features import Table
from .merge import Cluster, closure, cluster, merge, score  # noqa: F401  (public API)
from .tallies import series


def _chunks(ids: list[str], n: int = 500):
    for k in range(0, len(ids), n):
        yield ids[k:k + n]


def _figures_of(store: Store, doc_ids: Iterable[str] | None) -> list[dict]:
    if doc_ids is None:
        return list(store.records("figures"))
    out: list[dict] = []
    for part in _chunks(sorted(set(doc_ids))):
        out += store.records("figures", where=lambda t, p=part: t.c.doc_id.in_(p))
    return out


def _write(store: Store, clusters: list[Cluster], mentions: dict[str, dict], touched: list[str] | None) -> int:
    mentions = {**mentions, **anchored(clusters, mentions)}
    doc_ids = None if touched is None else {d for c in clusters for m in c.members for d in mentions[m]["doc_ids"]}
    figures = _figures_of(store, doc_ids)
    docs = store.document_meta(doc_ids)
    by_event: dict[str, list[dict]] = {}
    by_id = {f["figure_id"]: f for f in figures}
    for f in figures:
        by_event.setdefault(f.get("event_id"), []).append(f)
    events, links = [], []
    for c in clusters:
        members = [mentions[m] for m in c.members]
        listed = {fid for m in members for fid in m.get("figures") or []}
        own = {f["figure_id"]: f for m in c.members for f in by_event.get(m, ())}
        own.update((fid, by_id[fid]) for fid in listed if fid in by_id)
        events.append(build_event(c.event_id, members, list(own.values()), docs))
        for m in c.members:
            d = c.decisions.get(m) or {"rule": "alone"}
            links.append({"mention_id": m, "event_id": c.event_id,
                          "score": d.get("score", (d.get("best_candidate") or {}).get("score")), "decision": d})
    store.replace_events(events, links, touched)
    return len(events)


def reconcile(store: Store, doc_ids: Iterable[str] | None = None, full: bool = False,
              keep_splits: bool = True, split: dict[str, set[str]] | None = None) -> dict:
    """Merge stored event mentions into events; incremental unless ``full``.

    One transaction under the store's ``reconcile`` lock; with nothing awaiting merging (and no
    ``doc_ids``, ``split`` or ``full``) it returns at once."""
    with store.exclusive("reconcile"):
        if not (full or doc_ids or split) and store.pending_mentions() == 0:
            return {"mode": "incremental", "mentions": store.count("event_mentions"), "events": 0,
                    "recomputed": 0}
        return _reconcile(store, doc_ids, full, keep_splits, split)


def _reconcile(store: Store, doc_ids: Iterable[str] | None, full: bool, keep_splits: bool,
               split: dict[str, set[str]] | None) -> dict:
    mentions = list(store.records("event_mentions"))
    by_id = {m["event_id"]: m for m in mentions}
    old = store.rows("event_links")
    event_of = {r["mention_id"]: r["event_id"] for r in old}
    exclusive: dict[str, set[str]] = {}
    if keep_splits:
        for r in old:
            exclusive.setdefault(r["mention_id"], set()).update((r["decision"] or {}).get("splits") or [])
    for mid, keys in (split or {}).items():
        exclusive.setdefault(mid, set()).update(keys)
    t = Table.build(mentions)
    idx = Index(t)
    if full or not old:
        clusters = cluster(t, range(len(mentions)), score(t, idx), exclusive)
        n = _write(store, clusters, by_id, None)
        return {"mode": "full", "mentions": len(mentions), "events": n, "recomputed": len(mentions)}
    wanted = set(doc_ids or ())
    seeds = [i for i, m in enumerate(mentions)
             if m["event_id"] not in event_of or wanted & set(m.get("doc_ids") or []) or m["event_id"] in (split or {})]
    if not seeds:
        return {"mode": "incremental", "mentions": len(mentions), "events": 0, "recomputed": 0}
    pos = {m["event_id"]: i for i, m in enumerate(mentions)}
    groups: dict[str, list[int]] = {}
    for mid, eid in event_of.items():
        if mid in pos:
            groups.setdefault(eid, []).append(pos[mid])
    nodes, edges = closure(t, idx, seeds, list(groups.values()))
    clusters = cluster(t, nodes, edges, exclusive)
    n = _write(store, clusters, by_id, [t.ids[i] for i in nodes])
    return {"mode": "incremental", "mentions": len(mentions), "events": n, "recomputed": len(nodes)}


def unmerge(store: Store, event_id: str) -> list[str]:
    """Split a merged event: its mentions may no longer share an event. Returns the new event ids."""
    members = [r["mention_id"] for r in store.rows("event_links", where=lambda t: t.c.event_id == event_id)]
    if not members:
        raise KeyError(event_id)
    reconcile(store, split={m: {f"split:{event_id}"} for m in members})
    now = store.event_of_mention()
    return sorted({now[m] for m in members if m in now})


def tallies(store: Store, claimant: str | None = None) -> list[dict]:
    """Cumulative figures per claimant, measure and victims, each a series of dated points."""
    figs = [f for f in store.records("figures") if f.get("period")]
    return series(figs, store.document_meta({f["doc_id"] for f in figs}), claimant)
