"""Scale-out on Dask: parts cut where a local run cuts its batches, records inside JSON Lines
files keep their sources, and the ledger from a Dask run equals the local run's record for
record, also when a worker dies in the middle of a part. Texts are invented."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from typer.testing import CliRunner  # noqa: E402

from newsledger.cli import app  # noqa: E402
from newsledger.export import export  # noqa: E402
from newsledger.ingest import read_all  # noqa: E402
from newsledger.ingest.paths import expand, read_path  # noqa: E402
from newsledger.pipeline import ingest  # noqa: E402
from newsledger.analyse import Context  # noqa: E402
from newsledger.scale import connect, ingest_dask, store_url_for_workers  # noqa: E402
from newsledger.scale.plan import plan  # noqa: E402
from newsledger.scale.worker import read_unit, store_part  # noqa: E402
from newsledger.store import Store  # noqa: E402

from conftest import write  # noqa: E402

ARTICLES = {
    "a01_harbour.txt": "date 2031-03-04\n\nPORT VEYRA, March 3 — Two rockets struck the fish market of Port Veyra "
                       "on Monday, killing four civilians and wounding eleven, the harbour police said. "
                       "The Coastal Liberation Front denied any role in the attack.\n",
    "a02_ridge.txt": "date 2031-03-05\n\nFighters of the Kessin Highland Guard clashed with army units near the "
                     "village of Drumlow on Tuesday. A local official said six soldiers were killed in the fighting, "
                     "while the group claimed it had captured two outposts.\n",
    "a03_square.txt": "date 2031-03-06\n\nSeveral hundred students marched through the main square of Lenhaven "
                      "on Wednesday to demand the release of detained teachers. Organisers said the protest was "
                      "peaceful; police said three people were arrested.\n",
    "a04_same_story.txt": "date 2031-03-04\n\nPORT VEYRA, March 3 — Two rockets struck the fish market of Port Veyra "
                          "on Monday, killing four civilians and wounding eleven, the harbour police said. "
                          "The Coastal Liberation Front denied any role in the attack.\n",
}
RECORDS = [
    {"url": "https://example.org/news/1", "title": "Drone strike on depot", "published": "2031-04-01",
     "text": "A drone strike hit a fuel depot outside Marrowgate on Saturday, the regional governor said, "
             "adding that nobody was hurt. Firefighters worked through the night."},
    {"url": "https://example.org/news/2", "title": "Talks resume",
     "text": "Negotiators from both delegations met again in Saltmere on Sunday. A spokesman for the mediators "
             "said the talks would continue next week."},
    {"title": "No url",
     "text": "Unknown gunmen abducted three aid workers on the road to Fennick on Friday, a charity said in a "
             "statement, calling for their immediate release."},
]


PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{text}</p></article></body></html>")


def make_corpus(root: Path) -> Path:
    from test_ingest_formats import warc_bytes

    for name, text in ARTICLES.items():
        write(root / name, text)
    write(root / "b01_wire.jsonl", "\n".join(json.dumps(r) for r in RECORDS[:2]) + "\n\n"
          + "{not json\n" + json.dumps(RECORDS[2]) + "\n")
    write(root / "b02_crawl.warc", b"".join(warc_bytes(f"https://example.net/{k}", PAGE.format(
        title=f"Report {k}", text=text + " Residents said the roads remained closed.")) for k, text in
        enumerate([ARTICLES["a02_ridge.txt"][18:], ARTICLES["a03_square.txt"][18:].replace("Lenhaven", "Orrin Bay")])))
    write(root / "c01_empty.txt", "")
    return root


def export_lines(url: str, tmp: Path, name: str) -> list[str]:
    out = tmp / f"{name}.jsonl"
    store = Store(url)
    export(store, "jsonl", str(out))
    store.dispose()
    return sorted(ln for ln in out.read_text("utf-8").splitlines() if ln.strip())


def ledger_of_local_run(corpus: Path, url: str, tmp: Path) -> list[str]:
    store = Store(url)
    ingest([str(corpus)], store, Context(use_model="rules"))
    store.dispose()
    return export_lines(url, tmp, "local")


def test_parts_are_cut_where_local_batches_are_cut(tmp_path):
    corpus = make_corpus(tmp_path / "in")
    parts = plan([str(corpus)], batch=3)
    files = sorted(str(p) for p in corpus.iterdir())
    # 5 text files (one empty), 4 JSON lines (one broken), a WARC archive: a part of its own, size unknown
    assert [p.documents for p in parts] == [3, 3, 2, None, 1]
    assert [u.path for u in parts[0].units] == files[:3]
    jsonl = [u for p in parts for u in p.units if u.path.endswith(".jsonl")]
    assert [(u.line_lo, u.line_hi) for u in jsonl] == [(0, 3), (3, 5)]   # split between two parts
    assert parts[1].units[0].path == files[3]
    assert [u.path for u in parts[3].units] == [files[5]] and files[5].endswith(".warc")


def test_a_file_without_suffix_is_sniffed_as_a_local_run_does(tmp_path):
    feed = write(tmp_path / "feed", "\n".join(json.dumps(r) for r in RECORDS) + "\n")
    parts = plan([str(feed)], batch=2)
    assert [p.documents for p in parts] == [2, 1]
    assert [item.source for p in parts for u in p.units for item in read_unit(u)] == \
        [item.source for item in read_all([str(feed)])]


def test_lines_of_a_jsonl_file_keep_the_sources_of_a_local_read(tmp_path):
    corpus = make_corpus(tmp_path / "in")
    parts = plan([str(corpus)], batch=3)
    split = [item.source for p in parts for u in p.units for item in read_unit(u)]
    local = [item.source for item in read_all([str(corpus)])]
    assert split == local
    assert any(s.endswith("b01_wire.jsonl#L4") for s in split)     # the broken line, numbered as locally


def test_file_urls_read_like_local_paths(tmp_path):
    corpus = make_corpus(tmp_path / "in")
    urls = list(expand([corpus.as_uri()]))
    assert [u.split("://", 1)[1] for u in urls] == list(expand([str(corpus)]))
    via_url = [getattr(d, "text", None) for u in urls for d in read_path(u)]
    local = [getattr(d, "text", None) for d in read_all([str(corpus)])]
    assert via_url == local


def test_worker_store_url_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert store_url_for_workers("sqlite:///ledger.db") == f"sqlite:///{tmp_path / 'ledger.db'}"
    assert store_url_for_workers("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(ValueError):
        store_url_for_workers("sqlite:///:memory:")


@pytest.mark.parametrize("writer", ["workers", "client"])
def test_dask_ledger_equals_the_local_run(tmp_path, db_url, writer):
    corpus = make_corpus(tmp_path / "in")
    local = ledger_of_local_run(corpus, f"sqlite:///{tmp_path / 'local.db'}", tmp_path)
    store = Store(db_url)
    with connect("local-threads:2") as client:
        stats = ingest_dask([str(corpus)], store, client, use_model="rules", batch=3, slice_size=2, writer=writer)
    store.dispose()
    assert (stats.ingested, stats.duplicates, len(stats.quarantined)) == (8, 1, 2)
    assert export_lines(db_url, tmp_path, "dask") == local
    assert any('"kind": "event"' in ln for ln in local)
    assert sum('"source": "https://example.net/' in ln for ln in local) == 2      # the WARC's two records


def test_a_worker_killed_mid_part_leaves_the_ledger_exact(tmp_path):
    """The first run of part 0 stores one document and kills its worker process; the scheduler
    gives the part to a worker again and the ledger is the local run's."""
    import cloudpickle

    corpus = make_corpus(tmp_path / "in")
    local = ledger_of_local_run(corpus, f"sqlite:///{tmp_path / 'local.db'}", tmp_path)
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    marker = tmp_path / "killed-once"
    cloudpickle.register_pickle_by_value(__import__(__name__))

    def dies_once(prepared, url, run_id, dirs, use_model, later, span):
        if prepared.index == 0 and not marker.exists():
            marker.write_text("killed")
            store_part(prepared, url, run_id, dirs, use_model, later, (span[0], span[0] + 1))
            os._exit(1)
        return store_part(prepared, url, run_id, dirs, use_model, later, span)

    store = Store(url)
    with connect("local:2") as client:
        stats = ingest_dask([str(corpus)], store, client, use_model="rules", batch=3, task=dies_once,
                            writer="workers")
    store.dispose()
    assert marker.exists()
    assert stats.ingested + stats.duplicates == 9
    assert export_lines(url, tmp_path, "dask") == local


def test_cli_ingest_with_dask(tmp_path):
    corpus = make_corpus(tmp_path / "in")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    res = CliRunner().invoke(app, ["--db", url, "ingest", "--rules-only", "-q", "--dask", "local-threads:1",
                                   str(corpus)])
    assert res.exit_code == 0, res.output
    assert "8 new document(s), 1 already stored, 2 quarantined" in res.output
    assert "bad_json" in res.output and "empty" in res.output          # each quarantine reported
    res = CliRunner().invoke(app, ["--db", url, "ingest", "--rules-only", "-q", "--dask", "local-threads:1",
                                   str(corpus)])
    assert "0 new document(s), 9 already stored, 2 quarantined" in res.output
    res = CliRunner().invoke(app, ["--db", url, "ingest", "--dask", "local-threads:1", "-"])
    assert res.exit_code == 2 and "not standard input" in res.output
    res = CliRunner().invoke(app, ["--db", url, "ingest", "--dask", "local:none", str(corpus)])
    assert res.exit_code == 2 and "expected local:N" in res.output


def test_warm_workers_loads_each_workers_task_thread_context(tmp_path):
    from newsledger.scale import warm_workers
    from newsledger.scale.worker import _CONTEXTS

    corpus = make_corpus(tmp_path / "in")
    local = ledger_of_local_run(corpus, f"sqlite:///{tmp_path / 'local.db'}", tmp_path)
    db_url = f"sqlite:///{tmp_path / 'dask.db'}"
    store = Store(db_url)
    with connect("local-threads:1") as client:
        warmed = warm_workers(client, use_model="rules")
        contexts = dict(_CONTEXTS)          # threads of this process: the in-process cluster's workers
        ingest_dask([str(corpus)], store, client, use_model="rules", batch=3, slice_size=2)
        assert dict(_CONTEXTS) == contexts   # the analysis tasks used the warmed Context, none new
    store.dispose()
    assert list(warmed.values()) == [False]                      # rules only: no model
    assert any("gazetteer" in vars(c) and "cues" in c._built for c in contexts.values())
    assert export_lines(db_url, tmp_path, "dask") == local
