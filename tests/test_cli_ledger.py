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
              "claimants disagree", "troops withdrew from the camp", "merged with m-", "at score 0.72"):
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


def test_a_date_that_is_not_a_day_is_refused_with_a_clear_message(tmp_path):
    url, _ = _url(tmp_path)
    for bad in ("2023-13-45", "2023-7-1", "yesterday"):
        res = runner.invoke(app, ["--db", url, "events", "--since", bad])
        assert res.exit_code == 2
        assert "is not a day; write YYYY-MM-DD" in res.output


def test_events_never_cut_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    url, _ = _url(tmp_path)
    out = runner.invoke(app, ["--db", url, "events"]).output
    assert "2023-07-03..2023-07-04" in out


def test_merge_decisions_read_as_sentences():
    from newsledger.cli.ledger_cmds import decision_text

    merged = {"decision": {"rule": "merged", "score": 0.7212, "with": "m-2", "threshold": 0.5,
                           "features": {"date": 0.85, "place": 1.0, "text": None}}}
    assert decision_text("m-1", merged, {"m-1": "d-9"}) == \
        "m-1 (report d-9): merged with m-2 at score 0.72 (threshold 0.5); date 0.85, place 1"
    alone = {"decision": {"rule": "alone", "best_candidate": {"with": "m-3", "score": 0.31}}}
    assert decision_text("m-1", alone, {}) == "m-1: kept on its own; closest candidate m-3 scored 0.31"


def test_show_without_actors_says_so(tmp_path):
    url, op = _url(tmp_path)
    store = Store(url)
    [event] = store.records("events", where=lambda t: t.c.event_id == op)
    links = store.rows("event_links", where=lambda t: t.c.event_id == op)
    store.replace_events([event | {"actor1": None, "actor2": None}], links, [r["mention_id"] for r in links])
    out = runner.invoke(app, ["--db", url, "show", op]).output
    assert "actors not named in the reports" in out
    assert "None" not in out.split("report(s)")[0]


def test_datasette_metadata_names_tables_and_facets_the_store_has(tmp_path):
    import json

    url, _ = _url(tmp_path)
    res = runner.invoke(app, ["--db", url, "datasette-metadata"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout)
    tables = meta["databases"]["x"]["tables"]
    assert tables["events"]["title"].startswith("Events") and "event_type" in tables["events"]["facets"]
    assert {"claims", "figures", "documents"} <= set(tables)
    store = Store(url)
    from sqlalchemy import inspect
    cols = {t: {c["name"] for c in inspect(store.engine).get_columns(t)} for t in tables}
    assert all(set(m.get("facets") or []) <= cols[t] for t, m in tables.items())


def test_datasette_metadata_without_a_store_is_the_packaged_file(tmp_path):
    import json

    res = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'none.db'}", "datasette-metadata"])
    tables = json.loads(res.stdout)["databases"]["none"]["tables"]
    assert tables["events"]["facets"] == ["event_type", "sub_event_type", "country", "admin1", "actor1", "actor2"]
    assert "claimant" in tables["figures"]["facets"] and "outlet" in tables["claims"]["facets"]
    assert not (tmp_path / "none.db").exists()
