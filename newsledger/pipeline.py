"""The ingest job: read → clean → analyse → store → reconcile, with progress and quarantine.

Documents are processed in batches (so lines repeated across one outlet's pages can be
recognised as boilerplate); analysis can run in worker processes (``jobs``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from .analyse import Context, analyse
from .clean import boilerplate, clean
from .ingest import read_all
from .records import Document, Quarantined, RawDocument
from .store import Store

log = logging.getLogger(__name__)
BATCH = 256


@dataclass
class RunStats:
    run_id: int | None = None
    ingested: int = 0                      # new documents stored
    duplicates: int = 0                    # documents already in the store (maybe a new source)
    quarantined: list[Quarantined] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.ingested + self.duplicates > 0


def _batches(items: Iterator, n: int) -> Iterator[list]:
    while True:
        chunk = list(islice(items, n))
        if not chunk:
            return
        yield chunk


_WORKER_CTX: Context | None = None


def _init_worker(lexicon_dirs, use_model) -> None:
    global _WORKER_CTX
    _WORKER_CTX = Context(lexicon_dirs=lexicon_dirs, use_model=use_model)


def _analyse_in_worker(doc: Document) -> Document:
    return analyse(doc, _WORKER_CTX)


def clean_batch(raws: list[RawDocument | Quarantined], dirs=None) -> list[Document | Quarantined]:
    rules = boilerplate.rules(dirs)
    good = [r for r in raws if isinstance(r, RawDocument)]
    repeated = boilerplate.repeated_lines(((r.outlet, r.text or "") for r in good), rules)
    return [r if isinstance(r, Quarantined) else clean(r, repeated.get(r.outlet or "", frozenset()), dirs)
            for r in raws]


def ingest(paths: Iterable[str], store: Store, ctx: Context | None = None, jobs: int = 1,
           on_item: Callable[[Document | Quarantined, str], None] | None = None,
           reconcile: bool = True) -> RunStats:
    """Ingest every input under ``paths`` into ``store``; never raises on bad input."""
    from time import perf_counter

    ctx = ctx or Context()
    paths = list(paths)
    stats = RunStats(run_id=store.start_run(paths))
    pool = None
    if jobs > 1:
        import multiprocessing as mp
        pool = mp.get_context("fork").Pool(jobs, _init_worker, (ctx.lexicon_dirs, ctx.use_model))
    t = {"read": 0.0, "clean": 0.0, "analyse": 0.0, "store": 0.0, "reconcile": 0.0}
    try:
        raws = read_all(paths)
        while True:
            t0 = perf_counter()
            batch = list(islice(raws, BATCH))
            if not batch:
                break
            t1 = perf_counter()
            cleaned = clean_batch(batch, ctx.lexicon_dirs)
            t2 = perf_counter()
            todo, seen = [], {}
            for item in cleaned:
                if isinstance(item, Quarantined):
                    store.add_quarantine(item, stats.run_id)
                    stats.quarantined.append(item)
                    if on_item:
                        on_item(item, "quarantined")
                elif item.doc_id in seen:              # the same story twice in this batch
                    seen[item.doc_id].sources.append(item.source)
                    stats.duplicates += 1
                    if on_item:
                        on_item(item, "duplicate")
                elif store.has_document(item.doc_id):
                    store.add_source(item.doc_id, item.source, stats.run_id)
                    stats.duplicates += 1
                    if on_item:
                        on_item(item, "duplicate")
                else:
                    seen[item.doc_id] = item
                    todo.append(item)
            t3 = perf_counter()
            done = pool.imap(_analyse_in_worker, todo, chunksize=8) if pool else (analyse(d, ctx) for d in todo)
            t4 = perf_counter()
            for doc in done:
                t5 = perf_counter()
                if store.save_document(doc, stats.run_id):
                    stats.ingested += 1
                else:
                    stats.duplicates += 1
                t["store"] += perf_counter() - t5
                if on_item:
                    on_item(doc, "ingested")
            t["read"] += t1 - t0
            t["clean"] += t2 - t1
            t["analyse"] += perf_counter() - t4          # store time is taken out below
    finally:
        if pool:
            pool.close()
            pool.join()
    t["analyse"] -= t["store"]
    if reconcile and stats.ingested:
        t0 = perf_counter()
        from .reconcile import reconcile as run_reconcile
        run_reconcile(store)
        t["reconcile"] = perf_counter() - t0
    store.finish_run(stats.run_id, stats.ingested, stats.duplicates, len(stats.quarantined))
    stats.timings = {**t, **{f"analyse.{k}": v for k, v in ctx.timings.items()}}
    return stats
