"""The client side of a Dask run: connect, submit the parts, show progress, reconcile."""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from time import perf_counter
from typing import Callable, Iterable, Iterator

from ..pipeline import BATCH, RunStats, _save
from ..records import Quarantined
from ..store import Store
from .plan import Part, plan
from .worker import PartResult, doc_ids_of, prepare_part, store_part, warm_worker


SLICE = 16          # documents per storing task: 840 news articles on 2 workers -> 53 tasks


def _local_spec(address: str) -> tuple[int, bool] | None:
    """``local:N`` (N worker processes) or ``local-threads:N`` (N threads in this process)."""
    for prefix, processes in (("local:", True), ("local-threads:", False)):
        if address.startswith(prefix):
            n = address[len(prefix):] or "2"
            if not n.isdigit() or int(n) < 1:
                raise ValueError(f"{address!r}: expected {prefix}N with N >= 1 workers")
            return int(n), processes
    if address == "local":
        return 2, True
    return None


@contextmanager
def connect(address: str) -> Iterator[object]:
    """A ``distributed.Client`` for ``local:N`` (a LocalCluster of N one-thread worker
    processes), ``local-threads:N``, or a running scheduler's address (``tcp://host:8786``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:                               # pragma: no cover - depends on the install
        raise RuntimeError("--dask needs the scale extra: pip install 'newsledger[scale]'") from exc
    if not logging.getLogger().isEnabledFor(logging.INFO):     # --verbose shows Dask's own log
        logging.getLogger("distributed").setLevel(logging.WARNING)
    spec = _local_spec(address)
    if spec is None:
        with Client(address) as client:
            yield client
        return
    n, processes = spec
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=":0",
                      memory_limit=0 if not processes else "auto") as cluster, Client(cluster) as client:
        yield client


def store_url_for_workers(url: str) -> str:
    """The store URL as a worker must see it: a relative SQLite path made absolute (workers may
    start in another directory); an in-memory SQLite database cannot be shared."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if not u.drivername.startswith("sqlite"):
        return url
    if not u.database or u.database == ":memory:" or u.database.startswith("file::memory:"):
        raise ValueError("a Dask run needs a database file or server, not an in-memory SQLite database")
    if not os.path.isabs(u.database):
        return u.set(database=os.path.abspath(u.database)).render_as_string(hide_password=False)
    return url


def _later(ids: list[str | None], seen: set[str]) -> frozenset[int]:
    """Positions of documents already met in the run (``seen`` grows with this part's ids)."""
    later = set()
    for pos, doc_id in enumerate(ids):
        if doc_id is None:
            continue
        if doc_id in seen:
            later.add(pos)
        seen.add(doc_id)
    return frozenset(later)


def default_writer(url: str) -> str:
    """Who writes the store: the workers (PostgreSQL: concurrent writers) or the client (SQLite:
    one file, one writer; measured on 2,000 short articles with 2 workers, workers writing
    SQLite spent a third of their time waiting for its lock)."""
    return "client" if url.startswith("sqlite") else "workers"


class _Run:
    """The client's book-keeping for one Dask run: parts are stored in the order their ids
    become known, results are counted, further sources are recorded at the end."""

    def __init__(self, client, store: Store, stats: RunStats, parts: list[Part], submit_store, known: set[str]):
        self.client, self.store, self.stats, self.parts = client, store, stats, parts
        self.submit_store = submit_store
        self.seen = known
        self.ids: dict[int, list[str | None]] = {}
        self.left: dict[int, int] = {}              # storing tasks still running, per part
        self.next = 0
        self.deferred: list[tuple[int, int, str, str]] = []
        self.timings: dict[str, float] = {"client_store": 0.0}

    def ids_known(self, k: int, ids: list[str | None], prepared: list, pending) -> None:
        self.ids[k] = ids
        while self.next in self.ids:
            k = self.next
            futures = self.submit_store(prepared[k], self.parts[k], self.ids.pop(k), self.seen)
            self.left[k] = len(futures)
            for f in futures:
                pending.add(f)
            if not futures:
                prepared[k].release()
            self.next += 1

    def stored(self, k: int, res: PartResult, prepared: list) -> list[Quarantined]:
        """Count (and for the client writer, store) a storing task's result; its quarantine records."""
        before = len(self.stats.quarantined)
        self.left[k] -= 1
        if not self.left[k]:
            prepared[k].release()
        t0 = perf_counter()
        for _pos, doc, status in res.analysed:
            _save(self.store, doc, status, self.stats, None)
        self.timings["client_store"] += perf_counter() - t0
        self.stats.ingested += res.ingested
        self.stats.duplicates += res.duplicates
        self.stats.quarantined += res.quarantined
        self.deferred += [(k, *d) for d in res.deferred]
        for name, v in res.timings.items():
            self.timings[name] = self.timings.get(name, 0.0) + v
        return self.stats.quarantined[before:]

    def record_sources(self) -> None:
        """Sources of documents met earlier in the run (or stored before it), in input order."""
        for _k, _pos, doc_id, source in sorted(self.deferred):
            self.store.add_source(doc_id, source, self.stats.run_id)
            self.stats.duplicates += 1


def warm_workers(client, lexicon_dirs: Iterable[str] | None = None, use_model: str = "auto") -> dict[str, bool]:
    """Load the model, gazetteer and rules on every worker now, in the thread its tasks run in (a task pinned
    to each worker; ``client.run`` would use another thread). Worker address -> whether a model is loaded.
    Optional: a worker that is not warmed loads all of it with its first task."""
    dirs = tuple(os.path.abspath(d) for d in lexicon_dirs) if lexicon_dirs else None
    futures = {addr: client.submit(warm_worker, dirs, use_model, workers=[addr], allow_other_workers=False,
                                   pure=False, key=f"warm-{addr}")
               for addr in client.scheduler_info()["workers"]}
    return {addr: f.result() for addr, f in futures.items()}


def ingest_dask(paths: Iterable[str], store: Store, client, lexicon_dirs: tuple[str, ...] | None = None,
                use_model: str = "auto", reconcile: bool = True,
                on_part: Callable[[PartResult, Part, list[Quarantined]], None] | None = None,
                on_plan: Callable[[list[Part]], None] | None = None,
                task: Callable[..., PartResult] = store_part, batch: int = BATCH,
                slice_size: int = SLICE, writer: str | None = None) -> RunStats:
    """Ingest ``paths`` into ``store`` on the Dask cluster behind ``client``; never raises on bad input.

    Each part is read and cleaned on a worker and kept there; its documents' ids come back, and
    once the ids of every earlier part are known the part is analysed and stored (a document met
    earlier in the run is left to the client, which records its further sources in input order
    at the end: the ledger is the local run's, sources included). ``writer``: ``"workers"``
    (each worker writes its documents, one transaction each) or ``"client"`` (workers return
    them; the default for SQLite, see :func:`default_writer`). ``task`` is what stores a part
    (tests pass a wrapper that kills its worker once); ``batch`` is the most documents of a part
    (the local pipeline's batch, so that cleaning matches it); ``slice_size`` the most documents
    one storing task analyses (a part is analysed by several tasks, so that workers share it)."""
    from distributed import as_completed

    paths = list(paths)
    if "-" in paths:
        raise ValueError("a Dask run reads files or URLs, not standard input")
    url = store_url_for_workers(store.url)
    writer = writer or default_writer(url)
    lexicon_dirs = tuple(os.path.abspath(d) for d in lexicon_dirs) if lexicon_dirs else None
    stats = RunStats(run_id=store.start_run(paths))
    t = {"plan": 0.0, "workers": 0.0, "sources": 0.0, "reconcile": 0.0}
    t0 = perf_counter()
    parts = plan(paths, batch)
    t["plan"] = perf_counter() - t0
    if on_plan:
        on_plan(parts)
    tag = f"run{stats.run_id}"
    if reconcile:
        from ..pipeline import prefetch_reconcile
        prefetch_reconcile()           # the workers are up: the client mostly waits on them meanwhile
    phase: dict[str, tuple[str, int]] = {}

    def submit_store(prep, part: Part, ids: list[str | None], seen: set[str]) -> list:
        later = _later(ids, seen)
        out = []
        for lo in range(0, len(ids), slice_size):
            hi = min(lo + slice_size, len(ids))
            f = client.submit(task, prep, url if writer == "workers" else None, stats.run_id, lexicon_dirs,
                              use_model, frozenset(p for p in later if lo <= p < hi), (lo, hi),
                              key=f"{part.key}-store-{lo}-{tag}", pure=False, priority=10)
            phase[f.key] = ("store", part.index)
            out.append(f)
        return out

    t1 = perf_counter()
    prepared = [client.submit(prepare_part, p, lexicon_dirs, batch, key=f"{p.key}-prepare-{tag}", pure=False)
                for p in parts]
    ids_f = [client.submit(doc_ids_of, f, key=f"{p.key}-ids-{tag}") for p, f in zip(parts, prepared)]
    phase.update((f.key, ("ids", k)) for k, f in enumerate(ids_f))
    run = _Run(client, store, stats, parts, submit_store, store.doc_ids() if writer == "client" else set())
    pending = as_completed(ids_f)
    for fut in pending:
        kind, k = phase[fut.key]
        res = fut.result()
        fut.release()
        if kind == "ids":
            run.ids_known(k, res, prepared, pending)
            continue
        quarantined = run.stored(k, res, prepared)
        if on_part:
            on_part(res, parts[k], quarantined)
    t["workers"] = perf_counter() - t1
    t2 = perf_counter()
    run.record_sources()
    t["sources"] = perf_counter() - t2
    if reconcile and stats.ingested:
        t3 = perf_counter()
        from ..reconcile import reconcile as run_reconcile
        run_reconcile(store)
        t["reconcile"] = perf_counter() - t3
    store.finish_run(stats.run_id, stats.ingested, stats.duplicates, len(stats.quarantined))
    stats.timings = {**t, **run.timings}
    return stats
