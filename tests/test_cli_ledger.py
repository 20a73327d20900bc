"""The ledger commands: events, show, tallies, reconcile, unmerge (against a temp SQLite store)."""
from __future__ import annotations

from test_reconcile import scenario_documents
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.reconcile import reconcile
from newsledger.store import Store

runner = CliRunner()


def _url(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    store = Store(url)
    for d in scenario_documents():
        store.save_document(d)
    reconcile(store)
    return url, store.event_of_mention()["m-a1"]


def test_events_lists_and_filters(tmp_path):
    url, op = _url(tmp_path)
    res = runner.invoke(app, ["--db", url, "events"])
    assert res.exit_code == 0, res.output
    assert op in res.output and "5 event(s)" in res.output
    res = runner.invoke(app, ["--db", url, "events", "--place", "southville"])
    assert "1 event(s)" in res.output
    res = runner.invoke(app, ["--db", url, "events", "--since", "2023-07-01", "--until", "2023-07-31",
                              "--type", "battles"])
    assert res.exit_code == 0 and "2 event(s)" in res.output and op in res.output


def test_show_prints_reports_figures_and_evidence(tmp_path):
    url, op = _url(tmp_path)
    res = runner.invoke(app, ["--db", url, "show", op[:8]])
    assert res.exit_code == 0, res.output
    for s in ("3 report(s)", "Outlet A", "Outlet B", "Ministry of Health: 12", "Outlet B: 11",
              "claimants disagree", "troops withdrew from the camp", "merged score"):
        assert s in res.output, s
    assert runner.invoke(app, ["--db", url, "show", "Enothing"]).exit_code == 1


def test_tallies_command(tmp_path):
    url, _ = _url(tmp_path)
    res = runner.invoke(app, ["--db", url, "tallies", "--claimant", "Ministry"])
    assert res.exit_code == 0, res.output
    assert "30000" in res.output and "31000" in res.output and "1 series" in res.output


def test_unmerge_and_reconcile_commands(tmp_path):
    url, op = _url(tmp_path)
    res = runner.invoke(app, ["--db", url, "unmerge", op])
    assert res.exit_code == 0 and "split into 3 event(s)" in res.output, res.output
    res = runner.invoke(app, ["--db", url, "reconcile", "--full"])
    assert res.exit_code == 0 and "full" in res.output
    assert "7 event(s)" in runner.invoke(app, ["--db", url, "events"]).output
    runner.invoke(app, ["--db", url, "reconcile", "--forget-splits"])
    assert "5 event(s)" in runner.invoke(app, ["--db", url, "events"]).output
