"""Storage works the same on SQLite and PostgreSQL: migrations, idempotent re-ingest, sources."""
from __future__ import annotations

from conftest import write
from fixtures import ARTICLE, ARTICLE_DATELINE

from newsledger.analyse import Context
from newsledger.pipeline import ingest
from newsledger.store import Store


def test_schema_is_created_by_migrations(db_url):
    store = Store(db_url)
    for table in ("documents", "segments", "events", "event_mentions", "claims", "figures", "mentions",
                  "evidence", "ingest_runs", "quarantine", "event_links", "document_sources"):
        assert store.count(table) == 0
    Store(db_url)                                   # opening again migrates nothing and loses nothing
    store.dispose()


def test_reingest_adds_nothing(tmp_path, db_url):
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", ARTICLE_DATELINE)
    store = Store(db_url)
    ctx = Context(use_model="rules")
    first = ingest([str(tmp_path / "in")], store, ctx)
    counts = {t: store.count(t) for t in ("documents", "figures", "claims", "event_mentions", "evidence")}
    second = ingest([str(tmp_path / "in")], store, ctx)
    assert (first.ingested, second.ingested, second.duplicates) == (2, 0, 2)
    assert {t: store.count(t) for t in counts} == counts
    assert store.count("document_sources") == 2
    store.dispose()


def test_same_story_under_two_names_is_one_document_with_two_sources(tmp_path, db_url):
    write(tmp_path / "in" / "one.txt", ARTICLE)
    write(tmp_path / "in" / "copy" / "two.txt", ARTICLE.replace("\n\n", "\n\n\n"))
    store = Store(db_url)
    stats = ingest([str(tmp_path / "in")], store, Context(use_model="rules"))
    assert (stats.ingested, stats.duplicates) == (1, 1)
    [doc] = list(store.documents())
    assert sorted(s.rsplit("/", 1)[1] for s in doc["sources"]) == ["one.txt", "two.txt"]
    store.dispose()


def test_runs_are_recorded(tmp_path, db_url):
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "e.txt", "")
    store = Store(db_url)
    ingest([str(tmp_path / "in")], store, Context(use_model="rules"))
    [run] = store.runs()
    assert (run["ingested"], run["quarantined"]) == (1, 1) and run["finished_at"]
    assert store.quarantined()[0]["reason"] == "empty"
    store.dispose()


def test_worker_processes_give_the_same_ledger(tmp_path):
    from newsledger.export import records

    for i, text in enumerate((ARTICLE, ARTICLE_DATELINE, ARTICLE.replace("3,000", "4,000"))):
        write(tmp_path / "in" / f"{i}.txt", text)
    write(tmp_path / "in" / "copy.txt", ARTICLE)
    out = {}
    for jobs in (1, 2):
        store = Store(f"sqlite:///{tmp_path / f'j{jobs}.db'}")
        stats = ingest([str(tmp_path / "in")], store, Context(use_model="rules"), jobs=jobs)
        assert (stats.ingested, stats.duplicates) == (3, 1)
        out[jobs] = [r for r in records.ledger(store) if r["kind"] != "document"] + list(store.documents())
        for d in out[jobs][-3:]:
            d.pop("ingested_at"), d.pop("run_id")
        store.dispose()
    assert out[1] == out[2]
