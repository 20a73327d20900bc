"""The ledger as contract-shaped dicts (``shared/spec/export-format.md``), read from the store.

Every exporter and the web view read through here, so they agree on one shape.
"""
from __future__ import annotations

from typing import Iterator

from ..store import Store

DOC_FIELDS = ("doc_id", "source", "outlet", "title", "published", "published_basis", "language", "n_chars",
              "segments", "warnings", "text")


def documents(store: Store, with_text: bool = True, doc_ids=None) -> Iterator[dict]:
    for d in store.documents(doc_ids):
        rec = {"kind": "document", **{k: d.get(k) for k in DOC_FIELDS}}
        rec["sources"] = d["sources"]
        rec["url"] = d.get("url")
        rec["framing"] = d.get("framing") or []
        if not with_text:
            rec.pop("text")
        yield rec


def _event_map(store: Store) -> dict[str, str]:
    return store.event_of_mention()


def events(store: Store) -> Iterator[dict]:
    """Merged events when reconcile has run; otherwise each document's own events."""
    merged = list(store.records("events"))
    if merged or not store.count("event_mentions"):
        for e in merged:
            yield {"kind": "event", **e}
        return
    for e in store.records("event_mentions"):
        yield {"kind": "event", **e}


def figures(store: Store) -> Iterator[dict]:
    emap = _event_map(store)
    for f in store.records("figures"):
        f = dict(f)
        f["event_id"] = emap.get(f.get("event_id"), f.get("event_id"))
        yield {"kind": "figure", **f}


def claims(store: Store) -> Iterator[dict]:
    emap = _event_map(store)
    for k in store.records("claims"):
        k = dict(k)
        k["event_id"] = emap.get(k.get("event_id"), k.get("event_id"))
        yield {"kind": "claim", **k}


KINDS = {"document": documents, "event": events, "claim": claims, "figure": figures}


def by_kind(store: Store, with_text: bool = True) -> Iterator[tuple[str, list[dict]]]:
    """(kind, records) for each kind of the contract, in its order."""
    for kind, fn in KINDS.items():
        yield kind, list(fn(store, with_text) if kind == "document" else fn(store))


def ledger(store: Store, with_text: bool = True) -> Iterator[dict]:
    yield from documents(store, with_text)
    yield from events(store)
    yield from claims(store)
    yield from figures(store)
