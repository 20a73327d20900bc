"""The JSON API under /api/: the same records as the export contract, and an OpenAPI document
the responses conform to (checked property-based with schemathesis, kept to a few seconds)."""
from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from test_serve_pages import build_ledger

from newsledger.export import export
from newsledger.serve import create_app
from newsledger.store import Store


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture(scope="module")
def app(ledger):
    return create_app(ledger.url)


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def contract(ledger, tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("jsonl") / "ledger.jsonl"
    store = Store(ledger.url)
    export(store, "jsonl", str(path), with_text=False)
    store.dispose()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def of_kind(recs: list[dict], kind: str) -> list[dict]:
    return [r for r in recs if r["kind"] == kind]


def test_events_are_the_exported_events(client, contract):
    body = client.get("/api/events").json()
    assert body["total"] == 3
    assert sorted(body["items"], key=lambda e: e["event_id"]) == \
        sorted(of_kind(contract, "event"), key=lambda e: e["event_id"])


def test_events_are_newest_first_and_paged(client):
    page = client.get("/api/events?limit=2&offset=1").json()
    assert (page["total"], page["offset"], page["limit"]) == (3, 1, 2)
    assert [e["date_start"] for e in page["items"]] == ["2024-03-05", "2024-03-02"]


@pytest.mark.parametrize("query,expected", [
    ("place=riverton", {"ev-riverton"}),
    ("type=Protests", {"eastport"}),
    ("actor=armed%20group", {"hill"}),
    ("date_from=2024-03-03&date_to=2024-03-07", {"ev-riverton"}),
])
def test_events_filter(client, ledger, query, expected):
    ids = {e["event_id"] for e in client.get(f"/api/events?{query}").json()["items"]}
    assert ids == {ledger.events.get(x, x) for x in expected}


def test_a_date_filter_that_is_not_a_day_is_a_422(client):
    assert client.get("/api/events?date_from=yesterday").status_code == 422


def test_event_brings_its_reports_figures_and_claims(client, ledger):
    body = client.get(f"/api/events/{ledger.events['riverton']}").json()
    assert body["event"]["fatalities"]["conflict"] is True
    assert {d["doc_id"] for d in body["reports"]} == {ledger.docs["wire"], ledger.docs["broadcast"]}
    assert sorted(f["value"] for f in body["figures"] if f["measure"] == "killed") == [9, 12, 14]
    assert [c["speaker_canonical"] for c in body["claims"]] == ["Lena Markov"]


def test_unknown_records_are_404_json(client):
    for url in ("/api/events/nope", "/api/documents/nope"):
        r = client.get(url)
        assert r.status_code == 404 and r.json() == {"detail": r.json()["detail"]}


def test_documents_list_leaves_text_out_and_document_has_it(client, ledger):
    docs = client.get("/api/documents").json()
    assert docs["total"] == 4 and all("text" not in d for d in docs["items"])
    doc = client.get(f"/api/documents/{ledger.docs['hostile']}").json()
    assert "<script>alert('x')</script>" in doc["text"]          # JSON carries the text as data
    assert client.get(f"/api/documents/{ledger.docs['hostile']}").headers["content-type"] == "application/json"


def test_claims_and_figures_filter_by_event_and_document(client, ledger, contract):
    claims = client.get(f"/api/claims?doc_id={ledger.docs['hostile']}").json()["items"]
    assert [c["speaker_canonical"] for c in claims] == ["Sam <b>Reyes</b>"]
    figs = client.get(f"/api/figures?event_id={ledger.events['riverton']}&measure=killed").json()
    assert figs["total"] == 3
    assert client.get("/api/figures?claimant=civil").json()["total"] == 1
    assert client.get("/api/figures").json()["items"] == of_kind(contract, "figure")


def test_openapi_document_describes_only_the_api(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/events", "/api/events/{event_id}", "/api/documents",
                                  "/api/documents/{doc_id}", "/api/claims", "/api/figures", "/api/framing"}
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())      # read-only


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    case.call_and_validate()
