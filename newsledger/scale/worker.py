"""What a Dask worker runs for one :class:`~newsledger.scale.plan.Part`: read and clean it
(:func:`prepare_part`), tell the client its documents' ids (:func:`doc_ids_of`), then analyse
and store it (:func:`store_part`); the same pipeline functions as a local run, one store
transaction per document.

A task may run twice (its worker died, the scheduler gave it to another): a document it
stored before is then found in the store and only its source is recorded (insert-or-ignore),
so the ledger ends the same. A worker keeps one :class:`Context` per thread and one
:class:`Store` per process, so the model and lexicons load once per worker, not once per task.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import islice
from time import perf_counter
from typing import Iterator

from ..analyse import Context
from ..ingest import READERS
from ..ingest.paths import read_bytes, read_path
from ..pipeline import BATCH, PARSE_BATCH, RunStats, _analyse_items, _save, analysable, clean_batch, warm
from ..records import Document, Quarantined, RawDocument
from ..store import Store
from .plan import Part, Unit, jsonl_lines

_CONTEXTS: dict[tuple, Context] = {}
_STORES: dict[str, Store] = {}


@dataclass
class PartResult:
    """What one storing task hands back: counts, quarantine, timings, and what the client finishes."""
    index: int
    ingested: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    deferred: list[tuple[int, str, str]] = field(default_factory=list)   # (position, doc_id, source)
    analysed: list[tuple[int, Document | Quarantined, str]] = field(default_factory=list)  # for the client

    @property
    def documents(self) -> int:
        return self.ingested + self.duplicates + len(self.quarantined) + len(self.deferred) + len(self.analysed)


@dataclass
class Prepared:
    """A part read and cleaned: its items in input order."""
    index: int
    items: list[Document | Quarantined]
    timings: dict[str, float]


def context(lexicon_dirs: tuple[str, ...] | None, use_model: str) -> Context:
    """One Context per worker thread (its timings and the spaCy pipeline are not shared)."""
    dirs = tuple(lexicon_dirs) if lexicon_dirs else None
    key = (threading.get_ident(), dirs, use_model)
    if key not in _CONTEXTS:
        _CONTEXTS[key] = Context(lexicon_dirs=dirs, use_model=use_model)
    return _CONTEXTS[key]


def warm_worker(lexicon_dirs: tuple[str, ...] | None = None, use_model: str = "auto") -> bool:
    """Load and compile what analysis uses in this worker thread's Context (see ``pipeline.warm``); run as a
    task, so that it is the thread the analysis tasks run in. True when a model is loaded."""
    ctx = warm(context(lexicon_dirs, use_model))
    return ctx.nlp is not None


def store(url: str) -> Store:
    """One store (engine and connection pool) per worker process; the client has migrated it."""
    if url not in _STORES:
        _STORES[url] = Store(url, migrate=False)
    return _STORES[url]


def read_unit(unit: Unit) -> Iterator[RawDocument | Quarantined]:
    """The raw documents of one unit: a whole file, or some lines of a JSON Lines file.

    A line range is handed to the JSON Lines reader behind as many empty lines as precede
    it, so its records keep the sources (``file#L12``) a local run gives them."""
    if unit.line_lo is None:
        yield from read_path(unit.path)
        return
    data, problem = read_bytes(unit.path)
    lines = None if problem is not None else jsonl_lines(data)
    if lines is None:                          # changed since the plan: read it as a whole
        yield from read_path(unit.path)
        return
    body = "\n" * unit.line_lo + "\n".join(lines[unit.line_lo:unit.line_hi])
    yield from READERS["jsonl"](body.encode("utf-8"), unit.path)


def prepare_part(part: Part, lexicon_dirs: tuple[str, ...] | None = None, batch: int = BATCH) -> Prepared:
    """Read and clean one part (in batches of ``batch``, as a local run does); kept on the worker."""
    dirs = tuple(lexicon_dirs) if lexicon_dirs else None
    t = {"read": 0.0, "clean": 0.0}
    raws = (raw for unit in part.units for raw in read_unit(unit))
    items: list[Document | Quarantined] = []
    while True:
        t0 = perf_counter()
        chunk = list(islice(raws, batch))
        if not chunk:
            break
        t1 = perf_counter()
        items += clean_batch(chunk, dirs)
        t["read"] += t1 - t0
        t["clean"] += perf_counter() - t1
    return Prepared(part.index, items, t)


def doc_ids_of(prepared: Prepared) -> list[str | None]:
    """What the client needs to find documents met earlier in the run: their ids, in order."""
    return [None if isinstance(d, Quarantined) else d.doc_id for d in prepared.items]


def store_part(prepared: Prepared, url: str | None, run_id: int | None, lexicon_dirs: tuple[str, ...] | None = None,
               use_model: str = "auto", later: frozenset[int] = frozenset(),
               span: tuple[int, int] | None = None) -> PartResult:
    """Analyse and store the documents of a prepared part (those at positions ``span`` only:
    a part is cleaned as one batch but stored by several tasks, so that workers share it).

    ``later``: positions of documents met earlier in the run. They, and documents the store
    already holds, are not analysed: their sources come back in ``deferred`` for the client to
    record in input order, so a story's first source is the one a local run would keep.
    ``url`` None: nothing is written here; the analysed documents come back in ``analysed``
    for the client to store (one SQLite file has one writer: the client)."""
    ctx = context(lexicon_dirs, use_model)
    db = store(url) if url else None
    stats = RunStats(run_id=run_id)
    lo, hi = span or (0, len(prepared.items))
    t = dict(prepared.timings if lo == 0 else {}, analyse=0.0, store=0.0)
    deferred: list[tuple[int, str, str]] = []
    analysed: list[tuple[int, Document | Quarantined, str]] = []
    todo: list[tuple[int, tuple[Document | Quarantined, str]]] = []
    for pos, item in enumerate(prepared.items[lo:hi], lo):
        if isinstance(item, Quarantined):
            status = "quarantined"
        elif pos in later or (db is not None and db.has_document(item.doc_id)):
            deferred.append((pos, item.doc_id, item.source))
            continue
        else:
            status = "new" if analysable(item) else "unanalysed"
        todo.append((pos, (item, status)))
    for i in range(0, len(todo), PARSE_BATCH):           # analysed together: their parses are batched
        chunk = todo[i:i + PARSE_BATCH]
        t0 = perf_counter()
        results = _analyse_items([it for _, it in chunk], ctx)
        t["analyse"] += perf_counter() - t0
        for (pos, _), (doc, status, comp) in zip(chunk, results):
            t1 = perf_counter()
            if db is None:
                analysed.append((pos, doc, status))
            else:
                _save(db, doc, status, stats, None)
            t["store"] += perf_counter() - t1
            for k, v in comp.items():
                t[f"analyse.{k}"] = t.get(f"analyse.{k}", 0.0) + v
    return PartResult(prepared.index, stats.ingested, stats.duplicates, stats.quarantined, t, deferred, analysed)
