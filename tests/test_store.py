"""Storage works the same on SQLite and PostgreSQL: migrations, idempotent re-ingest, sources."""
from __future__ import annotations

from conftest import write
from fixtures import ARTICLE, ARTICLE_DATELINE

from newsledger.analyse import Context
from newsledger.pipeline import ingest
from newsledger.records import Quarantined
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


WAR_REPORT = """date 2022-10-04

Shelling kills four in river port

Four people were killed and nine wounded when shells hit the river port of Galati on Monday, the regional governor said.

"The shelling lasted an hour," the governor told reporters.
"""

WAR_REPORT_2 = """Tuesday, October 4, 2022

Galati: four dead after port shelled

The regional governor said on Monday that four people died and nine were wounded after shells hit the river port of Galati.
"""


def test_writing_a_document_twice_is_a_no_op_that_adds_its_source(db_url):
    from newsledger.analyse import analyse
    from newsledger.clean import clean
    from newsledger.records import RawDocument

    doc = analyse(clean(RawDocument(source="a.txt", text=WAR_REPORT)), Context(use_model="rules"))
    store = Store(db_url)
    assert store.write_document(doc) is True
    counts = {t: store.count(t) for t in ("documents", "figures", "claims", "event_mentions", "evidence")}
    doc.sources, doc.source = ["b.txt"], "b.txt"
    assert store.write_document(doc) is False
    assert {t: store.count(t) for t in counts} == counts
    assert sorted(list(store.documents())[0]["sources"]) == ["a.txt", "b.txt"]
    assert store.add_quarantine(Quarantined("x.bin", "binary", "NUL bytes")) is True
    assert store.add_quarantine(Quarantined("x.bin", "binary", "NUL bytes")) is False
    store.dispose()


def test_mentions_await_merging_until_a_later_command_merges_them(tmp_path, db_url):
    from newsledger.reconcile import reconcile

    write(tmp_path / "in" / "a.txt", WAR_REPORT)
    write(tmp_path / "in" / "b.txt", WAR_REPORT_2)
    store = Store(db_url)
    ctx = Context(use_model="rules")
    ingest([str(tmp_path / "in")], store, ctx, reconcile=False)       # as if killed before the merge
    assert store.pending_mentions() == 2 and store.count("events") == 0
    stats = ingest([str(tmp_path / "in")], store, ctx)                # adds nothing, still merges
    assert stats.ingested == 0 and store.pending_mentions() == 0
    [event] = store.rows("events")
    assert len(event["data"]["doc_ids"]) == 2
    assert reconcile(store)["recomputed"] == 0                         # nothing awaits: nothing redone
    store.dispose()


def test_events_figures_and_claims_have_facet_columns(tmp_path, db_url):
    write(tmp_path / "in" / "a.txt", WAR_REPORT)
    write(tmp_path / "in" / "b.txt", WAR_REPORT_2)
    store = Store(db_url)
    ingest([str(tmp_path / "in")], store, Context(use_model="rules"))
    [e] = store.rows("events")
    assert (e["event_type"], e["sub_event_type"], e["date_start"]) == (
        e["data"]["event_type"], e["data"]["sub_event_type"], e["data"]["date_start"])
    assert (e["country"], e["admin1"]) == (e["data"]["location"]["country"], e["data"]["location"].get("admin1"))
    assert (e["fatalities_low"], e["fatalities_best"], e["fatalities_high"]) == (4, 4, 4)
    assert (e["actor1"], e["actor2"], e["n_documents"]) == (e["data"]["actor1"], e["data"]["actor2"], 2)
    docs = {d["doc_id"]: d for d in store.documents()}
    for table in ("figures", "claims"):
        rows = store.rows(table)
        assert rows and all(r["published"] == docs[r["doc_id"]]["published"] for r in rows)
        assert all(r["outlet"] == docs[r["doc_id"]]["outlet"] for r in rows)
    store.dispose()


def test_the_facet_migration_fills_the_columns_of_an_existing_store(tmp_path):
    from alembic import command
    from alembic.config import Config
    from importlib import resources

    url = f"sqlite:///{tmp_path / 'old.db'}"
    write(tmp_path / "in" / "a.txt", WAR_REPORT)
    store = Store(url)
    ingest([str(tmp_path / "in")], store, Context(use_model="rules"))
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("newsledger.store").joinpath("migrations")))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")                                 # a store written before the columns
    store.dispose()
    store = Store(url)                                                 # opening it migrates and fills them
    [e] = store.rows("events")
    assert e["fatalities_best"] == 4 and e["event_type"] == e["data"]["event_type"]
    assert all(r["published"] == "2022-10-04" for r in store.rows("figures"))
    store.dispose()


def test_two_stores_opened_at_once_on_a_fresh_database_migrate_once(db_url):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _i: Store(db_url), range(4)))
    assert [s.count("documents") for s in stores] == [0, 0, 0, 0]
    for s in stores:
        s.dispose()
