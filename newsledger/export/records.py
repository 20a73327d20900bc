"""The ledger as contract-shaped dicts (``shared/spec/export-format.md``), read from the store.

Every exporter and the web view read through here, so they agree on one shape.
"""
from __future__ import annotations

from typing import Iterator

from ..store import Store

DOC_FIELDS = ("doc_id", "source", "outlet", "outlet_basis", "title", "published", "published_basis", "language", "n_chars",
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


def _linked(store: Store, table: str, kind: str) -> Iterator[dict]:
    """Records whose ``event_id`` names a document's event, mapped to the merged event."""
    emap = _event_map(store)
    for rec in store.records(table):
        yield {"kind": kind, **rec, "event_id": emap.get(rec.get("event_id"), rec.get("event_id"))}


def figures(store: Store) -> Iterator[dict]:
    return _linked(store, "figures", "figure")


def claims(store: Store) -> Iterator[dict]:
    return _linked(store, "claims", "claim")


def framing(store: Store) -> Iterator[dict]:
    from .framing import records as framing_records
    return framing_records(store)


KINDS = {"document": documents, "event": events, "claim": claims, "figure": figures, "framing": framing}


def tables(store: Store, with_text: bool = True) -> Iterator[tuple[str, list[str], list[dict]]]:
    """(kind, column names, records) for each kind of the contract that has records."""
    for kind, fn in KINDS.items():
        rows = list(fn(store, with_text) if kind == "document" else fn(store))
        if rows:
            yield kind, list(dict.fromkeys(k for r in rows for k in r)), rows


def ledger(store: Store, with_text: bool = True) -> Iterator[dict]:
    yield from documents(store, with_text)
    yield from events(store)
    yield from claims(store)
    yield from figures(store)
    yield from framing(store)
