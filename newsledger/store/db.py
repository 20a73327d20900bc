"""The only code that talks to the database.

``Store(url)`` opens (and migrates) a SQLAlchemy database: SQLite by default,
PostgreSQL with ``postgresql://...``. One document and everything analysed from it
is written in one transaction, keyed by its stable ``doc_id``.

Several writers may share one store (two ingests, worker machines):

* every write is idempotent: rows keyed by content-derived ids are inserted with
  ``ON CONFLICT DO NOTHING``, so a document stored by another writer a moment ago is
  simply "already stored" (``write_document`` returns False), never an error;
* migrations run under a lock (a PostgreSQL advisory lock; on SQLite a ``BEGIN IMMEDIATE``
  write transaction), so concurrent first runs create the tables once;
* ``exclusive(name)`` runs a read-compute-write step (reconcile) in one transaction that
  no other writer's step of the same name can interleave with; a kill rolls it back whole.
"""
from __future__ import annotations

import os
import sqlite3
import time
import zlib
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from typing import Iterable, Iterator
from urllib.parse import quote

from sqlalchemy import create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from ..ids import span_id
from ..records import Document, Quarantined, as_dict
from . import schema as S

DEFAULT_URL = "sqlite:///newsledger.db"
SQLITE_BUSY_TIMEOUT_S = 600          # a writer waits this long for another's transaction (reconcile)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the installed psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None           # SQLAlchemy's "begin" event below issues BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    _wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _wal(cur, pause_s: float = 0.05) -> None:
    """Switch a new database to WAL, once. The switch needs the file alone and SQLite answers "database
    is locked" at once (no busy wait) while another process opens or migrates the same new file: try
    again until it is done, by whichever process, within the busy timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            cur.execute("PRAGMA journal_mode=WAL")     # answers the mode it got ("memory" in memory): done
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause_s)


def _sqlite_begin(conn: Connection) -> None:
    """Writes take SQLite's write lock when they begin (``BEGIN IMMEDIATE``): a transaction that
    read first and wrote later could otherwise fail at once when another writer got in between."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("nl_write") else "BEGIN")


def _sqlite_query_only(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def _read_only_url(url: str) -> str:
    """The same database opened so that it cannot be written."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):].split("?", 1)[0]
        if not path or path == ":memory:":
            raise ValueError("a read-only store needs a database file, not an in-memory database")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"no ledger at {path}; run `newsledger ingest` first")
        return f"sqlite:///file:{quote(os.path.abspath(path))}?mode=ro&uri=true"
    sep = "&" if "?" in url else "?"
    return url + sep + "options=" + quote("-c default_transaction_read_only=on")


class Store:
    """``read_only=True`` opens an existing store so that nothing can be written (the web view):
    SQLite with ``mode=ro`` and ``query_only``, PostgreSQL with read-only transactions."""

    def __init__(self, url: str | None = None, migrate: bool = True, read_only: bool = False):
        self.url = normalise_url(url or os.environ.get("NEWSLEDGER_DB") or DEFAULT_URL)
        self.read_only = read_only
        args = {"timeout": SQLITE_BUSY_TIMEOUT_S} if self.url.startswith("sqlite") else {}
        self.engine: Engine = create_engine(_read_only_url(self.url) if read_only else self.url, future=True,
                                            connect_args=args)
        self.dialect = self.engine.dialect.name
        self._bound: Connection | None = None   # the connection of a running ``exclusive`` step
        self._statements: dict[tuple[str, str], object] = {}
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_query_only if read_only else _sqlite_pragmas)
            if not read_only:
                event.listen(self.engine, "begin", _sqlite_begin)
        if migrate and not read_only:
            self.upgrade()

    # -- connections and locks ----------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._bound is not None:
            yield self._bound
            return
        with self.engine.connect() as c:
            yield c

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (inside an ``exclusive`` step: that step's transaction)."""
        if self._bound is not None:
            yield self._bound
            return
        with self.engine.connect() as c:
            c.execution_options(nl_write=True)
            with c.begin():
                yield c

    @contextmanager
    def exclusive(self, name: str) -> Iterator["Store"]:
        """Run a step (reconcile, migrations) in one transaction, alone among the store's writers.

        PostgreSQL: a transaction-scoped advisory lock keyed by ``name``; SQLite: ``BEGIN IMMEDIATE``
        (the database's single write lock). Every store method called inside uses that transaction,
        so the step commits whole or, killed, leaves nothing behind."""
        if self._bound is not None:
            yield self
            return
        with self._write() as c:
            if self.dialect == "postgresql":
                c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(f"newsledger:{name}".encode())})
            self._bound = c
            try:
                yield self
            finally:
                self._bound = None

    def _insert_new(self, table):
        """INSERT ... ON CONFLICT DO NOTHING: another writer may have stored the same row (one statement
        per table, built once: SQLAlchemy then finds its compiled form at once)."""
        key = ("insert_new", table.name)
        if key not in self._statements:
            self._statements[key] = self._build_insert_new(table)
        return self._statements[key]

    def _build_insert_new(self, table):
        dialect = postgresql if self.dialect == "postgresql" else sqlite if self.dialect == "sqlite" else None
        if dialect is None:
            return insert(table).prefix_with("IGNORE") if self.dialect in ("mysql", "mariadb") else insert(table)
        return dialect.insert(table).on_conflict_do_nothing()

    def _inserted(self, c: Connection, table, **row) -> bool:
        """Insert one row unless it is already there; True when this call inserted it."""
        key = ("inserted", table.name)
        if key not in self._statements:
            self._statements[key] = self._insert_new(table).returning(list(table.primary_key.columns)[0])
        return c.execute(self._statements[key], row).first() is not None

    # -- schema -----------------------------------------------------------------
    def upgrade(self) -> None:
        """Bring the schema to the newest migration (Alembic), under the store's migration lock."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("newsledger.store").joinpath("migrations")))
        with self.exclusive("migrate") as store:
            cfg.attributes["connection"] = store._bound
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()

    # -- runs and quarantine ------------------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        with self._write() as c:
            return c.execute(insert(S.ingest_runs).values(started_at=now(), inputs=list(inputs), ingested=0,
                                                          duplicates=0, quarantined=0)).inserted_primary_key[0]

    def finish_run(self, run_id: int, ingested: int, duplicates: int, quarantined: int) -> None:
        with self._write() as c:
            c.execute(update(S.ingest_runs).where(S.ingest_runs.c.run_id == run_id).values(
                finished_at=now(), ingested=ingested, duplicates=duplicates, quarantined=quarantined))

    def add_quarantine(self, q: Quarantined, run_id: int | None = None) -> bool:
        """Record why an input was not stored (once per source and reason); False if known."""
        with self._write() as c:
            return self._inserted(c, S.quarantine, run_id=run_id, source=q.source, reason=q.reason,
                                  detail=q.detail, created_at=now())

    def quarantined(self) -> list[dict]:
        with self._read() as c:
            return [dict(r._mapping) for r in c.execute(select(S.quarantine).order_by(S.quarantine.c.id))]

    def runs(self) -> list[dict]:
        with self._read() as c:
            return [dict(r._mapping) for r in c.execute(select(S.ingest_runs).order_by(S.ingest_runs.c.run_id))]

    # -- documents ----------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self._read() as c:
            return c.execute(select(S.documents.c.doc_id).where(S.documents.c.doc_id == doc_id)).first() is not None

    def doc_ids(self) -> set[str]:
        with self._read() as c:
            return {r[0] for r in c.execute(select(S.documents.c.doc_id))}

    def add_source(self, doc_id: str, source: str, run_id: int | None = None) -> bool:
        """Record another source of a stored document; False when it was already known."""
        with self._write() as c:
            return self._add_sources(c, doc_id, [source], run_id) > 0

    def _add_sources(self, c: Connection, doc_id: str, sources: list[str], run_id: int | None) -> int:
        rows = [{"doc_id": doc_id, "source": s, "run_id": run_id} for s in dict.fromkeys(sources)]
        return sum(self._inserted(c, S.document_sources, **r) for r in rows)

    def write_document(self, doc: Document, run_id: int | None = None) -> bool:
        """Store a document and all its annotations in one transaction, idempotently.

        True when this call stored it; False when it was already stored (by an earlier run or by
        another writer a moment ago): then only its source is added. Safe to call from several
        processes or machines at once and to repeat after a crash."""
        with self._write() as c:
            new = self._inserted(
                c, S.documents, doc_id=doc.doc_id, source=doc.source, outlet=doc.outlet,
                outlet_basis=doc.outlet_basis, title=doc.title, url=doc.url,
                published=doc.published, published_basis=doc.published_basis, language=doc.language,
                n_chars=doc.n_chars, text=doc.text, warnings=list(doc.warnings),
                framing=[as_dict(f) for f in doc.framing], run_id=run_id, ingested_at=now())
            self._add_sources(c, doc.doc_id, doc.sources or [doc.source], run_id)
            if not new:
                return False
            if doc.segments:
                c.execute(self._insert_new(S.segments), [{"segment_id": s.segment_id, "doc_id": doc.doc_id,
                                                          "idx": i, "title": s.title, "start": s.start, "end": s.end}
                                                         for i, s in enumerate(doc.segments)])
            self._save_annotations(c, doc)
        return True

    save_document = write_document              # the name used before several writers were supported

    def _save_annotations(self, c, doc: Document) -> None:
        rows = []
        for kind, items in (("date", doc.dates), ("place", doc.places), ("actor", doc.actors)):
            for m in items:
                canon = getattr(m, "name", None) or getattr(m, "canonical", None) or getattr(m, "date_start", None)
                rows.append({"mention_id": span_id("m", doc.doc_id, m.start, m.end, kind), "doc_id": doc.doc_id,
                             "kind": kind, "start": m.start, "end": m.end, "text": m.text, "canonical": canon,
                             "data": as_dict(m)})
        rows = list({r["mention_id"]: r for r in rows}.values())
        if rows:
            c.execute(self._insert_new(S.mentions), rows)
        ev_rows = []
        if doc.figures:
            c.execute(self._insert_new(S.figures), [{
                "figure_id": f.figure_id, "doc_id": doc.doc_id, "measure": f.measure, "value": f.value,
                "low": f.low, "high": f.high, "qualifier": f.qualifier, "victims": f.victims,
                "claimant": f.claimant, "mention_event_id": f.event_id, "claim_id": f.claim_id,
                "period_start": (f.period or {}).get("start"), "period_end": (f.period or {}).get("end"),
                "outlet": doc.outlet, "published": doc.published, "data": as_dict(f)} for f in doc.figures])
            ev_rows += [("figure", f.figure_id, f.evidence) for f in doc.figures]
        if doc.claims:
            c.execute(self._insert_new(S.claims), [{
                "claim_id": k.claim_id, "doc_id": doc.doc_id, "speaker": k.speaker,
                "speaker_canonical": k.speaker_canonical, "speaker_type": k.speaker_type, "mode": k.mode,
                "mention_event_id": k.event_id, "outlet": doc.outlet, "published": doc.published,
                "data": as_dict(k)} for k in doc.claims])
            ev_rows += [("claim", k.claim_id, k.evidence) for k in doc.claims]
        if doc.events:
            c.execute(self._insert_new(S.event_mentions), [{
                "mention_id": e.event_id, "doc_id": doc.doc_id, "event_type": e.event_type,
                "sub_event_type": e.sub_event_type, "date_start": e.date_start, "date_end": e.date_end,
                "place": e.location.name, "country": e.location.country, "lat": e.location.lat,
                "lon": e.location.lon, "data": as_dict(e)} for e in doc.events])
            ev_rows += [("event", e.event_id, ev) for e in doc.events for ev in e.evidence]
        if ev_rows:
            c.execute(insert(S.evidence), [{"doc_id": doc.doc_id, "record_kind": k, "record_id": rid,
                                            "start": ev.start, "end": ev.end, "text": ev.text}
                                           for k, rid, ev in ev_rows])

    # -- reading ------------------------------------------------------------------
    def count(self, table: str) -> int:
        with self._read() as c:
            return c.execute(select(func.count()).select_from(S.metadata.tables[table])).scalar_one()

    def documents(self, doc_ids: Iterable[str] | None = None) -> Iterator[dict]:
        """Stored documents as dicts with ``sources`` and ``segments`` lists."""
        q = select(S.documents).order_by(S.documents.c.source, S.documents.c.doc_id)
        qs = select(S.document_sources).order_by(S.document_sources.c.id)
        qg = select(S.segments).order_by(S.segments.c.doc_id, S.segments.c.idx)
        if doc_ids is not None:                 # a few documents: read only their sources and segments
            ids = list(doc_ids)
            q = q.where(S.documents.c.doc_id.in_(ids))
            qs = qs.where(S.document_sources.c.doc_id.in_(ids))
            qg = qg.where(S.segments.c.doc_id.in_(ids))
        with self._read() as c:
            srcs: dict[str, list[str]] = {}
            for r in c.execute(qs):
                srcs.setdefault(r.doc_id, []).append(r.source)
            segs: dict[str, list[dict]] = {}
            for r in c.execute(qg):
                segs.setdefault(r.doc_id, []).append({"segment_id": r.segment_id, "title": r.title,
                                                      "start": r.start, "end": r.end})
            for r in c.execute(q):
                d = dict(r._mapping)
                d["sources"] = srcs.get(d["doc_id"], [d["source"]])
                d["segments"] = segs.get(d["doc_id"], [])
                yield d

    def records(self, table: str, where=None) -> Iterator[dict]:
        """The ``data`` JSON of every row of an analysed-record table (figures, claims, ...)."""
        t = S.metadata.tables[table]
        q = select(t.c.data).order_by(*t.primary_key.columns)
        if where is not None:
            q = q.where(where(t))
        with self._read() as c:
            for (data,) in c.execute(q):
                yield data

    def rows(self, table: str, where=None) -> list[dict]:
        t = S.metadata.tables[table]
        q = select(t).order_by(*t.primary_key.columns)
        if where is not None:
            q = q.where(where(t))
        with self._read() as c:
            return [dict(r._mapping) for r in c.execute(q)]

    # -- reconciled events (written by reconcile only) -----------------------------
    def replace_events(self, events: list[dict], links: list[dict], mention_ids: Iterable[str] | None = None) -> None:
        """Replace the merged events touching ``mention_ids`` (all when None) in one transaction."""
        with self._write() as c:
            if mention_ids is None:
                c.execute(delete(S.event_links))
                c.execute(delete(S.events))
            else:
                ids = list(mention_ids)
                old = [r.event_id for r in c.execute(select(S.event_links.c.event_id).where(
                    S.event_links.c.mention_id.in_(ids)))]
                c.execute(delete(S.event_links).where(S.event_links.c.event_id.in_(old)))
                c.execute(delete(S.events).where(S.events.c.event_id.in_(old)))
            if events:
                c.execute(insert(S.events), [S.event_columns(e) for e in events])
            if links:
                c.execute(insert(S.event_links), links)

    def event_of_mention(self) -> dict[str, str]:
        with self._read() as c:
            return {r.mention_id: r.event_id for r in c.execute(select(S.event_links))}

    def pending_mentions(self) -> int:
        """Event mentions stored but not yet merged into an event (reconcile's work queue).

        A mention awaits merging exactly while it has no ``event_links`` row: documents are stored
        with their mentions in one transaction and reconcile links them in another, so a kill between
        the two leaves this count above zero and the next ingest or ``newsledger reconcile`` merges them."""
        m, k = S.event_mentions, S.event_links
        q = select(func.count()).select_from(m.outerjoin(k, k.c.mention_id == m.c.mention_id)).where(
            k.c.mention_id.is_(None))
        with self._read() as c:
            return c.execute(q).scalar_one()

    # -- reconcile helpers (added by the reconcile issue) --------------------------
    def document_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]:
        """doc_id -> {doc_id, source, outlet, title, url, published} without the text."""
        t = S.documents
        cols = [t.c.doc_id, t.c.source, t.c.outlet, t.c.title, t.c.url, t.c.published]
        out: dict[str, dict] = {}
        with self._read() as c:
            if doc_ids is None:
                return {r.doc_id: dict(r._mapping) for r in c.execute(select(*cols))}
            ids = sorted(set(doc_ids))
            for k in range(0, len(ids), 500):
                for r in c.execute(select(*cols).where(t.c.doc_id.in_(ids[k:k + 500]))):
                    out[r.doc_id] = dict(r._mapping)
        return out
