"""The ingest job: read → clean → analyse → store → reconcile, with progress and quarantine.

Documents are processed in batches (so lines repeated across one outlet's pages can be
recognised as boilerplate); analysis can run in worker processes (``jobs``).

The steps are public so other drivers (a cluster, a queue) can run them one document at a time:
``clean_batch(raws)`` → ``analyse_one(doc, ctx)`` or ``analyse_batch(docs, ctx)`` (never raise: an exception becomes a
``Quarantined`` with reason ``analysis``) → ``store_one(store, item, run_id)`` (idempotent:
several writers may store the same document at once) → ``reconcile(store)`` (merges every
mention that awaits merging, whoever stored it; safe to repeat, and repairs a killed run).
"""
from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from time import perf_counter
from typing import Callable, Iterable, Iterator

from sqlalchemy.exc import DataError, IntegrityError

from .analyse import Context, analyse, analyse_many
from .clean import boilerplate, clean
from .ingest import read_all
from .records import Document, Quarantined, RawDocument
from .store import Store

log = logging.getLogger(__name__)
BATCH = 256
PARSE_BATCH = 16           # documents analysed together, their dependency parses batched (analyse_many)


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


def _init_worker(ctx: Context) -> None:
    """A forked worker analyses with its parent's Context: the model, gazetteer and actor registry the
    parent loaded before forking are shared (copy-on-write), not loaded again in every worker."""
    global _WORKER_CTX
    _WORKER_CTX = ctx


_WARM_UP = Path(__file__).resolve().parent / "demo" / "01_wire_kharkiv_strike.txt"   # an invented sample article


def warm(ctx: Context) -> Context:
    """Load and compile all that analysis uses (model, gazetteer, actor registry, every component's
    lexicons and rules) by analysing one shipped sample article; nothing is stored and the Context's
    timings are left as they were. Run before forking workers, so that they share it all."""
    ctx.preload()
    before = dict(ctx.timings)
    try:
        doc = clean(RawDocument(source="<warm-up>", text=_WARM_UP.read_text(encoding="utf-8")))
        if isinstance(doc, Document):
            analyse(doc, ctx)
    except Exception:  # noqa: BLE001 - a warm-up only: the documents themselves report any problem
        log.debug("warm-up analysis failed", exc_info=True)
    ctx.timings.clear()
    ctx.timings.update(before)
    return ctx


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _failed(doc: Document, exc: BaseException) -> Quarantined:
    log.error("analysis failed for %s (%s); quarantined\n%s", doc.source, doc.doc_id,
              "".join(traceback.format_exception(exc)))
    return Quarantined(doc.source, "analysis", _one_line(f"{type(exc).__name__} in analysis: {exc} "
                                                         "(traceback in the log)"))


def analyse_one(doc: Document, ctx: Context) -> Document | Quarantined:
    """Analyse one cleaned document; an exception in any component quarantines it (reason
    ``analysis``, the traceback in the log) instead of ending the run."""
    try:
        return analyse(doc, ctx)
    except Exception as exc:                            # noqa: BLE001  (any component, any bug)
        return _failed(doc, exc)


def analyse_batch(docs: list[Document], ctx: Context) -> list[Document | Quarantined]:
    """``analyse_one`` over several documents, their dependency parses batched (the same results)."""
    return [_failed(doc, r) if isinstance(r, BaseException) else r
            for doc, r in zip(docs, analyse_many(docs, ctx))]


def _analyse_items(items: list, ctx: Context) -> list:
    """(item, status, component timings) for a batch of (item, status): new English documents are
    analysed together, the others pass through. The batch's timings come with its first item."""
    new = [i for i, (_, status) in enumerate(items) if status == "new"]
    before = dict(ctx.timings)
    analysed = analyse_batch([items[i][0] for i in new], ctx) if new else []
    out = [(doc, status, {}) for doc, status in items]
    for i, doc in zip(new, analysed):
        out[i] = (doc, "quarantined" if isinstance(doc, Quarantined) else "new", {})
    if out:
        out[0] = (*out[0][:2], {k: v - before.get(k, 0.0) for k, v in ctx.timings.items()})
    return out


def _analyse_in_worker(items):
    return _analyse_items(items, _WORKER_CTX)


def prefetch_reconcile() -> threading.Thread:
    """Import what reconciling needs (NumPy, SciPy, scikit-learn's TF-IDF: over a second) in a thread while
    workers analyse, rather than after them. Start it only once worker processes are forked (a fork while
    another thread imports can leave the child waiting on the import lock)."""
    def run() -> None:
        try:
            from . import reconcile  # noqa: F401
            from sklearn.feature_extraction import text  # noqa: F401
        except Exception:  # noqa: BLE001 - the import when reconciling reports any problem
            pass
    thread = threading.Thread(target=run, name="prefetch-reconcile", daemon=True)
    thread.start()
    return thread


def _batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def clean_one(raw: RawDocument, repeated: frozenset[str] = frozenset(), dirs=None) -> Document | Quarantined:
    """``clean`` that never raises: an exception quarantines the input (reason ``clean``)."""
    try:
        return clean(raw, repeated, dirs)
    except Exception as exc:                            # noqa: BLE001
        log.error("cleaning failed for %s; quarantined\n%s", raw.source, traceback.format_exc())
        return Quarantined(raw.source, "clean", _one_line(f"{type(exc).__name__} while cleaning: {exc}"))


def clean_batch(raws: list[RawDocument | Quarantined], dirs=None) -> list[Document | Quarantined]:
    rules = boilerplate.rules(dirs)
    good = [r for r in raws if isinstance(r, RawDocument)]
    repeated = boilerplate.repeated_lines(((r.outlet, r.text or "") for r in good), rules)
    return [r if isinstance(r, Quarantined) else clean_one(r, repeated.get(r.outlet or "", frozenset()), dirs)
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


def store_one(store: Store, item: Document | Quarantined, run_id: int | None = None,
              analysed: bool = True) -> tuple[Document | Quarantined, str]:
    """Store one cleaned (and analysed) document or quarantine record, idempotently.

    Returns the item and what happened: ``new`` (stored by this call), ``duplicate`` (already
    stored, maybe by another writer a moment ago: its source is added) or ``quarantined``. A
    document kept without analysis (``analysed=False``: not in English) is stored and its reason
    recorded in the quarantine. A document the database refuses is quarantined (``store``)."""
    if isinstance(item, Quarantined):
        store.add_quarantine(item, run_id)
        return item, "quarantined"
    try:
        new = store.write_document(item, run_id)
    except (DataError, IntegrityError) as exc:          # a value this database cannot hold
        log.error("storing %s failed; quarantined\n%s", item.source, traceback.format_exc())
        q = Quarantined(item.source, "store", _one_line(f"{type(exc).__name__}: {exc.orig or exc}"))
        store.add_quarantine(q, run_id)
        return q, "quarantined"
    if not analysed:                                    # kept, not analysed: say so in the quarantine
        q = Quarantined(item.source, "language", "stored without analysis: the text is not in English "
                        f"(detected: {item.language})")
        store.add_quarantine(q, run_id)
        return q, "unanalysed-new" if new else "unanalysed-duplicate"
    return item, "new" if new else "duplicate"


def _save(store: Store, doc, status: str, stats: RunStats, on_item) -> None:
    if status == "duplicate":
        store.add_source(doc.doc_id, doc.source, stats.run_id)
        stats.duplicates += 1
    else:
        doc, status = store_one(store, doc, stats.run_id, analysed=status != "unanalysed")
        if status.endswith("new"):
            stats.ingested += 1
        elif status.endswith("duplicate"):               # the same story twice in this run, or another writer's
            stats.duplicates += 1
        if isinstance(doc, Quarantined):
            stats.quarantined.append(doc)
            status = "quarantined"
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
        warm(ctx)                      # once here, not once per worker
        pool = mp.get_context("fork").Pool(jobs, _init_worker, (ctx,))
        if reconcile:
            prefetch_reconcile()       # this process mostly waits on the workers meanwhile
        batches = pool.imap(_analyse_in_worker, _batched(items, PARSE_BATCH))
    else:
        batches = (_analyse_items(batch, ctx) for batch in _batched(items, PARSE_BATCH))
    results = (r for batch in batches for r in batch)
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
    if reconcile:                      # whatever awaits merging, whoever stored it and whenever
        t1 = perf_counter()
        from .reconcile import reconcile as run_reconcile
        run_reconcile(store)
        t["reconcile"] = perf_counter() - t1
    store.finish_run(stats.run_id, stats.ingested, stats.duplicates, len(stats.quarantined))
    stats.timings = {**t, **{f"analyse.{k}": v for k, v in comp.items()}}
    return stats
