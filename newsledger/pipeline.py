"""The ingest job: read → clean → analyse → store → reconcile, with progress and quarantine.

Documents are processed in batches (so lines repeated across one outlet's pages can be
recognised as boilerplate); analysis can run in worker processes (``jobs``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from itertools import islice
from time import perf_counter
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


def analysable(doc: Document) -> bool:
    """Only English (or undetermined) text goes through the analysis components."""
    return doc.language in ("en", "und")


_WORKER_CTX: Context | None = None


def _init_worker(lexicon_dirs, use_model) -> None:
    global _WORKER_CTX
    _WORKER_CTX = Context(lexicon_dirs=lexicon_dirs, use_model=use_model)


def _analyse_item(item, ctx: Context):
    """(item, status, component timings): analysis for new English documents, pass-through otherwise."""
    doc, status = item
    if status != "new":
        return doc, status, {}
    before = dict(ctx.timings)
    doc = analyse(doc, ctx)
    return doc, status, {k: v - before.get(k, 0.0) for k, v in ctx.timings.items()}


def _analyse_in_worker(item):
    return _analyse_item(item, _WORKER_CTX)


def clean_batch(raws: list[RawDocument | Quarantined], dirs=None) -> list[Document | Quarantined]:
    rules = boilerplate.rules(dirs)
    good = [r for r in raws if isinstance(r, RawDocument)]
    repeated = boilerplate.repeated_lines(((r.outlet, r.text or "") for r in good), rules)
    return [r if isinstance(r, Quarantined) else clean(r, repeated.get(r.outlet or "", frozenset()), dirs)
            for r in raws]


def _prepared(paths: list[str], known: set[str], dirs, t: dict) -> Iterator[tuple[object, str]]:
    """Read and clean in batches; tag each item new, duplicate, unanalysed or quarantined.

    Runs in the pool's feeder thread when ``jobs > 1``, so it touches no database: ``known``
    holds the doc_ids already stored."""
    raws = read_all(paths)
    while True:
        t0 = perf_counter()
        batch = list(islice(raws, BATCH))
        if not batch:
            return
        t1 = perf_counter()
        cleaned = clean_batch(batch, dirs)
        t["read"] += t1 - t0
        t["clean"] += perf_counter() - t1
        for item in cleaned:
            if isinstance(item, Quarantined):
                yield item, "quarantined"
            elif item.doc_id in known:
                yield item, "duplicate"
            else:
                known.add(item.doc_id)
                yield item, "new" if analysable(item) else "unanalysed"


def _save(store: Store, doc, status: str, stats: RunStats, on_item) -> None:
    if status == "quarantined":
        store.add_quarantine(doc, stats.run_id)
        stats.quarantined.append(doc)
    elif status == "duplicate":
        store.add_source(doc.doc_id, doc.source, stats.run_id)
        stats.duplicates += 1
    else:
        if store.save_document(doc, stats.run_id):
            stats.ingested += 1
        else:                                           # the same story twice in this run
            store.add_source(doc.doc_id, doc.source, stats.run_id)
            stats.duplicates += 1
        if status == "unanalysed":                      # kept, not analysed: say so in the quarantine
            q = Quarantined(doc.source, "language", "stored without analysis: the text is not in English "
                            f"(detected: {doc.language})")
            store.add_quarantine(q, stats.run_id)
            stats.quarantined.append(q)
            doc, status = q, "quarantined"
    if on_item:
        on_item(doc, status)


def ingest(paths: Iterable[str], store: Store, ctx: Context | None = None, jobs: int = 1,
           on_item: Callable[[Document | Quarantined, str], None] | None = None,
           reconcile: bool = True) -> RunStats:
    """Ingest every input under ``paths`` into ``store``; never raises on bad input.

    With ``jobs > 1`` reading and cleaning (a feeder thread), analysis (worker processes) and
    storing (this process) overlap; results are stored in input order either way.
    """
    ctx = ctx or Context()
    paths = list(paths)
    stats = RunStats(run_id=store.start_run(paths))
    t = {"read": 0.0, "clean": 0.0, "analyse": 0.0, "store": 0.0, "reconcile": 0.0}
    comp: dict[str, float] = {}
    items = _prepared(paths, store.doc_ids(), ctx.lexicon_dirs, t)
    pool = None
    if jobs > 1:
        import multiprocessing as mp
        pool = mp.get_context("fork").Pool(jobs, _init_worker, (ctx.lexicon_dirs, ctx.use_model))
        results = pool.imap(_analyse_in_worker, items, chunksize=4)
    else:
        results = (_analyse_item(item, ctx) for item in items)
    t0 = perf_counter()
    try:
        for doc, status, timings in results:
            for k, v in timings.items():
                comp[k] = comp.get(k, 0.0) + v
            t1 = perf_counter()
            _save(store, doc, status, stats, on_item)
            t["store"] += perf_counter() - t1
    finally:
        if pool:
            pool.close()
            pool.join()
    wall = perf_counter() - t0
    # one process: analysis is what the loop spent beyond reading, cleaning and storing;
    # several: the components' own clocks, summed over the workers (CPU seconds)
    t["analyse"] = sum(comp.values()) if pool else wall - t["read"] - t["clean"] - t["store"]
    if reconcile and stats.ingested:
        t1 = perf_counter()
        from .reconcile import reconcile as run_reconcile
        run_reconcile(store)
        t["reconcile"] = perf_counter() - t1
    store.finish_run(stats.run_id, stats.ingested, stats.duplicates, len(stats.quarantined))
    stats.timings = {**t, **{f"analyse.{k}": v for k, v in comp.items()}}
    return stats
