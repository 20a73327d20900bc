"""The CLI a newcomer meets: demo, ingest, export in the contract's shape, status."""
from __future__ import annotations

import json

from conftest import write
from fixtures import ARTICLE
from typer.testing import CliRunner

from newsledger.cli import app

runner = CliRunner()
CONTRACT_DOCUMENT = {"doc_id", "source", "outlet", "title", "published", "published_basis", "language",
                     "n_chars", "segments", "warnings", "text"}


def test_demo_runs_on_a_fresh_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    res = runner.invoke(app, ["--db", url, "demo"])
    assert res.exit_code == 0, res.output
    assert "3 new" in res.output
    assert "export --format jsonl" in res.output


def test_demo_keeps_to_its_own_store(tmp_path, monkeypatch):
    """The README's main job after the demo: the ledger holds the user's articles alone."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLEDGER_DB", raising=False)
    assert runner.invoke(app, ["demo"]).exit_code == 0
    assert (tmp_path / "newsledger-demo.db").exists() and not (tmp_path / "newsledger.db").exists()
    write(tmp_path / "in" / "a.txt", ARTICLE)
    assert runner.invoke(app, ["ingest", str(tmp_path / "in")]).exit_code == 0
    assert runner.invoke(app, ["export", "--format", "jsonl", "ledger.jsonl"]).exit_code == 0
    docs = [json.loads(x) for x in (tmp_path / "ledger.jsonl").read_text().splitlines()]
    assert [d["source"] for d in docs if d["kind"] == "document"] == [str(tmp_path / "in" / "a.txt")]


def test_status_without_a_store_creates_none(tmp_path):
    path = tmp_path / "none.db"
    res = runner.invoke(app, ["--db", f"sqlite:///{path}", "status"])
    assert res.exit_code == 1 and "no ledger at" in res.output
    assert not path.exists()
    res = runner.invoke(app, ["--db", f"sqlite:///{path}", "export", "-f", "jsonl", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 1 and not path.exists()


def test_verbose_does_not_log_schema_migrations(tmp_path):
    import logging

    runner.invoke(app, ["-v", "--db", f"sqlite:///{tmp_path / 'v.db'}", "status"])
    assert logging.getLogger("alembic").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("newsledger.store").getEffectiveLevel() == logging.INFO


def test_every_option_has_help():
    import click
    import typer.main

    group = typer.main.get_command(app)
    missing = [f"{name} {p.opts[0]}" for name, cmd in group.commands.items() for p in cmd.params
               if isinstance(p, click.Option) and not p.help]
    assert missing == []
    text = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"}).output
    assert "ledger.events.parquet" in text and "acled-csv" in text


def test_export_jsonl_follows_the_contract(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    write(tmp_path / "in" / "a.txt", ARTICLE)
    runner.invoke(app, ["--db", url, "ingest", str(tmp_path / "in")])
    out = tmp_path / "l.jsonl"
    assert runner.invoke(app, ["--db", url, "export", "--format", "jsonl", str(out)]).exit_code == 0
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    [doc] = [r for r in recs if r["kind"] == "document"]
    assert CONTRACT_DOCUMENT <= set(doc)
    for r in recs:
        ev = r.get("evidence")
        for e in (ev if isinstance(ev, list) else [ev] if ev else []):
            assert doc["text"][e["start"]:e["end"]] == e["text"]
    res = runner.invoke(app, ["--db", url, "export", "--no-text", "--format", "jsonl", str(out)])
    assert res.exit_code == 0 and "text" not in json.loads(out.read_text().splitlines()[0])


def test_export_csv_writes_one_file_per_kind(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    write(tmp_path / "in" / "a.txt", ARTICLE)
    runner.invoke(app, ["--db", url, "ingest", str(tmp_path / "in")])
    assert runner.invoke(app, ["--db", url, "export", "--format", "csv", str(tmp_path / "csv")]).exit_code == 0
    assert (tmp_path / "csv" / "documents.csv").exists()


def test_db_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_DB", f"sqlite:///{tmp_path / 'env.db'}")
    write(tmp_path / "in" / "a.txt", ARTICLE)
    assert runner.invoke(app, ["ingest", str(tmp_path / "in")]).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_unknown_export_format_is_refused(tmp_path):
    res = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "export", "--format", "xml", "o"])
    assert res.exit_code == 2
