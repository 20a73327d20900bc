"""The ledger as the web view reads it: contract-shaped records from
:mod:`newsledger.export.records`, indexed by id, rebuilt only when the store changes."""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..export import records
from ..store import Store


def _group(items: Iterable[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        if it.get(key):
            out[it[key]].append(it)
    return dict(out)


HEADLINE_CHARS = 90


def headline(text: str) -> str:
    """A title for a document that has none: its first line, cut at a word near 90 characters."""
    line = next((x.strip() for x in (text or "").splitlines() if x.strip()), "")
    if len(line) <= HEADLINE_CHARS:
        return line or "Untitled report"
    cut = line[:HEADLINE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–-— ") + "…"


def _event_sort_key(e: dict):
    return (e.get("date_start") or "", e["event_id"])


@dataclass
class Snapshot:
    documents: dict[str, dict]                  # without text
    events: list[dict]                          # newest first
    claims: list[dict]
    figures: list[dict]
    ready: bool = True                          # False: the store has no ledger tables yet
    titles: dict[str, str] = field(default_factory=dict)   # doc_id -> title, or a headline from the text
    events_by_id: dict[str, dict] = field(init=False)
    claims_by_event: dict[str, list[dict]] = field(init=False)
    figures_by_event: dict[str, list[dict]] = field(init=False)
    claims_by_doc: dict[str, list[dict]] = field(init=False)
    figures_by_doc: dict[str, list[dict]] = field(init=False)

    def __post_init__(self) -> None:
        self.events_by_id = {e["event_id"]: e for e in self.events}
        self.claims_by_event = _group(self.claims, "event_id")
        self.figures_by_event = _group(self.figures, "event_id")
        self.claims_by_doc = _group(self.claims, "doc_id")
        self.figures_by_doc = _group(self.figures, "doc_id")

    @classmethod
    def load(cls, store: Store) -> "Snapshot":
        from sqlalchemy import inspect

        if not inspect(store.engine).has_table("documents"):
            return cls({}, [], [], [], ready=False)
        docs, titles = {}, {}
        for d in records.documents(store, with_text=True):
            titles[d["doc_id"]] = d.get("title") or headline(d.pop("text"))
            d.pop("text", None)
            docs[d["doc_id"]] = d
        events = sorted(records.events(store), key=_event_sort_key, reverse=True)
        return cls(docs, events, list(records.claims(store)), list(records.figures(store)), titles=titles)

    # -- one event ---------------------------------------------------------------
    def event_figures(self, event: dict) -> list[dict]:
        """Figures linked to the event, by the figure's event_id or the event's figure list."""
        listed = set(event.get("figures") or [])
        linked = self.figures_by_event.get(event["event_id"], [])
        seen = {f["figure_id"] for f in linked}
        return linked + [f for f in self.figures if f["figure_id"] in listed and f["figure_id"] not in seen]

    def event_claims(self, event: dict) -> list[dict]:
        return self.claims_by_event.get(event["event_id"], [])

    def source_names(self) -> dict[str, str]:
        """A file name a record may embed (``unattributed (a.txt)``) -> how a reader knows that
        report: its outlet and date, else its title."""
        out = {}
        for d in self.documents.values():
            name = ", ".join(p for p in (d.get("outlet"), d.get("published")) if p) or d.get("title") or "a report"
            for src in d.get("sources") or [d.get("source") or ""]:
                out[src.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0]] = name
        return out

    def reports(self, event: dict) -> list[dict]:
        """The documents carrying an event, oldest first."""
        docs = [self.documents[d] for d in event.get("doc_ids") or [] if d in self.documents]
        return sorted(docs, key=lambda d: (d.get("published") or "", d["doc_id"]))


class Ledger:
    """Reads the store on demand; the snapshot is kept until ``changed()`` gives a new value."""

    def __init__(self, store: Store, changed: Callable[[], object]):
        self.store = store
        self._changed = changed
        self._lock = threading.Lock()
        self._marker: object = object()
        self._snap: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        marker = self._changed()
        with self._lock:
            if self._snap is None or marker != self._marker:
                self._snap, self._marker = Snapshot.load(self.store), marker
            return self._snap

    def document(self, doc_id: str) -> dict | None:
        """One document record with its cleaned text."""
        doc = self.snapshot().documents.get(doc_id)
        if doc is None:
            return None
        stored = next(iter(self.store.documents([doc_id])), None)
        return None if stored is None else {**doc, "text": stored["text"]}

    def places(self, doc_id: str) -> list[dict]:
        """Place mentions found in a document's text (start, end, text, canonical)."""
        return self.store.rows("mentions", where=lambda t: (t.c.doc_id == doc_id) & (t.c.kind == "place"))
