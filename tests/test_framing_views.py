"""Framing views: the ``kind: framing`` export records, ``newsledger framing`` and the /framing pages,
on two invented reports of one invented raid told by two outlets in their own words."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsledger.analyse import Context, analyse
from newsledger.cli import app
from newsledger.ids import doc_id_for, span_id
from newsledger.records import Document, Segment, as_dict
from newsledger.store import Store

ONE = """Army says militia raid repelled near Um Sabi

The national army said its forces repelled an attack by the Janjaweed on the village of Um Sabi on Monday.
Nine villagers were killed, residents said. The Janjaweed withdrew at night.
"""
TWO = """Founding Forces take Um Sabi

The Rapid Support Forces said the Founding Forces entered Um Sabi on Monday in a defensive operation against the Kizan.
The Sudanese Armed Forces killed four fighters in the clashes, a commander said.
"""
runner = CliRunner()


def _doc(text, source, outlet):
    doc_id = doc_id_for(text)
    d = Document(doc_id=doc_id, source=source, text=text, title=text.split("\n", 1)[0], outlet=outlet,
                 published="2031-05-06", published_basis="header", sources=[source],
                 segments=[Segment(span_id("s", doc_id, 0, len(text)), text.split("\n", 1)[0], 0, len(text))])
    return analyse(d, Context(use_model="rules"))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('framing') / 'l.db'}"
    a, b = _doc(ONE, "a/um_sabi.txt", "Outlet North"), _doc(TWO, "b/um_sabi.txt", "Outlet South")
    store = Store(url)
    for d in (a, b):
        store.save_document(d)
    ev = {"event_id": "ev-um-sabi", "doc_ids": [a.doc_id, b.doc_id], "event_type": "Battles",
          "sub_event_type": "Armed clash", "date_start": "2031-05-05", "date_end": "2031-05-05",
          "date_precision": "day", "location": {"name": "Um Sabi"}, "actor1": None, "actor2": None,
          "assoc_actors": [], "figures": [], "evidence": [as_dict(a.evidence(0, 20)), as_dict(b.evidence(0, 20))]}
    links = [{"mention_id": m.event_id, "event_id": "ev-um-sabi", "score": 1.0, "decision": {"rule": "test"}}
             for d in (a, b) for m in d.events]
    store.replace_events([ev], links)
    store.dispose()
    return url


def test_framing_records_are_exported_as_their_own_kind(ledger, tmp_path):
    res = runner.invoke(app, ["--db", ledger, "export", "--format", "jsonl", str(tmp_path / "l.jsonl")])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in open(tmp_path / "l.jsonl", encoding="utf-8")]
    fr = [r for r in recs if r["kind"] == "framing"]
    janjaweed = [r for r in fr if r["term"] == "Janjaweed"][0]
    assert (janjaweed["category"], janjaweed["neutral"], janjaweed["side"], janjaweed["usage"]) == \
        ("actor_label", "Rapid Support Forces", "rsf", "other")
    assert janjaweed["outlet"] == "Outlet North" and janjaweed["event_id"] == "ev-um-sabi"
    assert janjaweed["evidence"]["text"] == "Janjaweed" and janjaweed["rule"] == "registry_label"
    kizan = [r for r in fr if r["term"] == "Kizan"][0]
    assert (kizan["neutral"], kizan["side"], kizan["outlet"]) == ("Military Forces of Sudan", "saf", "Outlet South")


def test_cli_event_shows_each_outlet_side_by_side(ledger):
    res = runner.invoke(app, ["--db", ledger, "framing", "ev-um"], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    north = res.output[res.output.index("Outlet North"):res.output.index("Outlet South")]   # rows by outlet
    south = res.output[res.output.index("Outlet South"):]
    assert "Janjaweed ×2 → Rapid Support Forces" in north and "were killed → agentless" in north
    assert "Kizan → Military Forces of Sudan [saf]" in south and "defensive operation → military operation" in south


def test_cli_outlet_rates_come_with_counts_and_the_corpus_average(ledger):
    res = runner.invoke(app, ["--db", ledger, "framing", "--outlet", "outlet south"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Outlet South: 1 document(s)" in res.output and "corpus: 2 document(s)" in res.output
    row = next(line for line in res.output.splitlines() if "Kizan" in line)
    assert "Military Forces of Sudan" in row and "│ 1 " in row


def test_cli_unknown_outlet_lists_the_known_ones(ledger):
    res = runner.invoke(app, ["--db", ledger, "framing", "--outlet", "Nowhere Daily"])
    assert res.exit_code == 1 and "Outlet North (1)" in res.output


@pytest.fixture(scope="module")
def client(ledger):
    from fastapi.testclient import TestClient

    from newsledger.serve import create_app
    with TestClient(create_app(ledger)) as c:
        yield c


def test_event_page_links_to_the_side_by_side_view(client):
    assert 'href="/framing/events/ev-um-sabi"' in client.get("/events/ev-um-sabi").text


def test_event_page_shows_each_outlets_words_side_by_side(client):
    html = client.get("/events/ev-um-sabi").text
    table = html[html.index('id="framing"'):]
    north = next(r for r in table.split("<tr>") if "Outlet North" in r)
    south = next(r for r in table.split("<tr>") if "Outlet South" in r)
    assert "<q>Janjaweed</q>" in north and "<q>Kizan</q>" in south and "Kizan" not in north


def test_side_by_side_page_puts_each_outlets_words_in_one_row(client):
    res = client.get("/framing/events/ev-um-sabi")
    assert res.status_code == 200
    rows = res.text.split("<tr>")[2:]
    north = next(r for r in rows if "Outlet North" in r)
    south = next(r for r in rows if "Outlet South" in r)
    assert "<q>Janjaweed</q></a> ×2" in north and "<q>were killed</q>" in north      # a repeated word: once, counted
    assert "<q>Kizan</q>" in south and "<q>defensive operation</q>" in south
    assert "(event word)" in north and "(event word)" in south        # each report's own word for the act
    assert "<q>Nine villagers were killed, residents said.</q></a> <small>(figure) → killed: 9" in north


def test_outlet_page_shows_rates_and_counts(client):
    res = client.get("/framing/outlets/Outlet%20North")
    assert res.status_code == 200
    assert "1 document(s)" in res.text and "<q>Janjaweed</q>" in res.text
    assert client.get("/framing/outlets/Nowhere").status_code == 404


def test_api_lists_framing_records_by_outlet(client):
    body = client.get("/api/framing", params={"outlet": "Outlet South", "category": "actor_label"}).json()
    assert {r["term"] for r in body["items"]} >= {"Kizan", "the Founding Forces"} and body["total"] == len(body["items"])
