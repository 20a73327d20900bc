"""Reconcile: across documents, one event per real incident (filled by the reconcile issue).

For now each document's event is its own event.
"""
from __future__ import annotations

from typing import Iterable

from ..store import Store


def reconcile(store: Store, doc_ids: Iterable[str] | None = None) -> dict:
    mentions = list(store.records("event_mentions"))
    events = [dict(m) for m in mentions]
    links = [{"mention_id": m["event_id"], "event_id": m["event_id"], "score": 1.0, "decision": {"rule": "self"}}
             for m in mentions]
    store.replace_events(events, links)
    return {"mentions": len(mentions), "events": len(events)}
