"""Every export format round-trips: what is written reads back (json, pandas, pyarrow) as the
contract's records."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest
from test_serve_pages import build_ledger
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.export import EXPORTERS, export
from newsledger.store import Store

pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture(scope="module")
def store(ledger):
    s = Store(ledger.url)
    yield s
    s.dispose()


@pytest.fixture(scope="module")
def contract(store, tmp_path_factory) -> dict[str, list[dict]]:
    """The JSON Lines export, by kind: the reference every other format is compared with."""
    path = tmp_path_factory.mktemp("jsonl") / "ledger.jsonl"
    export(store, "jsonl", str(path))
    out = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out[rec["kind"]].append(rec)
    return dict(out)


def by_id(recs: list[dict], key: str) -> dict[str, dict]:
    return {r[key]: r for r in recs}


def test_every_format_is_registered():
    assert {"jsonl", "csv", "geojson", "parquet", "acled-csv"} <= set(EXPORTERS)


def test_jsonl_holds_every_kind(contract):
    assert {k: len(v) for k, v in contract.items()} == {"document": 4, "event": 3, "claim": 2, "figure": 5}


def test_geojson_round_trips_events_as_points(store, contract, tmp_path):
    path = tmp_path / "events.geojson"
    assert export(store, "geojson", str(path)) == {"event": 3}
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    features = {f["id"]: f for f in fc["features"]}
    assert features["ev-riverton"]["geometry"] == {"type": "Point", "coordinates": [35.2, 48.1]}
    assert [f["geometry"] for f in fc["features"] if f["properties"]["location"]["name"] == "Hill Village"] == [None]
    assert {k: f["properties"] for k, f in features.items()} == by_id(contract["event"], "event_id")


def test_parquet_round_trips_every_kind(store, contract, tmp_path):
    counts = export(store, "parquet", str(tmp_path))
    assert counts == {k: len(v) for k, v in contract.items()}
    for kind, expected in contract.items():
        table = pq.read_table(tmp_path / f"{kind}s.parquet")
        json_cols = json.loads(table.schema.metadata[b"newsledger:json_columns"])
        rows = [{k: (json.loads(v) if k in json_cols and v is not None else v) for k, v in r.items()}
                for r in table.to_pylist()]
        assert rows == expected


def test_parquet_keeps_numbers_typed(store, tmp_path):
    export(store, "parquet", str(tmp_path))
    schema = pq.read_schema(tmp_path / "figures.parquet")
    assert str(schema.field("value").type) == "int64"
    assert str(schema.field("low").type) == "int64"


def test_parquet_without_text(store, tmp_path):
    export(store, "parquet", str(tmp_path), with_text=False)
    assert "text" not in pq.read_schema(tmp_path / "documents.parquet").names


def test_csv_round_trips_with_json_cells(store, contract, tmp_path):
    export(store, "csv", str(tmp_path))
    figs = pd.read_csv(tmp_path / "figures.csv", keep_default_na=False)
    assert len(figs) == len(contract["figure"])
    evidence = {r.figure_id: json.loads(r.evidence) for r in figs.itertuples()}
    assert evidence == {f["figure_id"]: f["evidence"] for f in contract["figure"]}


def test_acled_csv_has_acled_columns_and_one_row_per_event(store, contract, tmp_path):
    from newsledger.export.acled import COLUMNS

    path = tmp_path / "acled.csv"
    assert export(store, "acled-csv", str(path)) == {"event": 3}
    df = pd.read_csv(path)
    assert tuple(df.columns) == COLUMNS
    assert set(df.event_id_cnty) == {e["event_id"] for e in contract["event"]}
    river = df.set_index("event_id_cnty").loc["ev-riverton"]
    assert (river.event_date, river.event_type, river.sub_event_type) == \
        ("2024-03-05", "Explosions/Remote violence", "Air/drone strike")
    assert (river.latitude, river.longitude, river.geo_precision, river.fatalities) == (48.1, 35.2, 1, 12)
    assert river.source == "Example Wire; Northern Broadcaster"
    assert river.notes.startswith("An airstrike hit a crowded market in Riverton")
    hill = df[df.location == "Hill Village"].iloc[0]
    assert pd.isna(hill.latitude) and pd.isna(hill.fatalities)      # unknown stays empty, never 0


def test_acled_csv_keeps_hostile_text_as_data(store, tmp_path):
    path = tmp_path / "acled.csv"
    export(store, "acled-csv", str(path))
    df = pd.read_csv(path)
    assert "Protesters <img src=x onerror=alert(3)>" in set(df.actor1)


@pytest.mark.parametrize("fmt,target", [("geojson", "out.geojson"), ("parquet", "pq"), ("acled-csv", "a.csv")])
def test_cli_exports_each_new_format(ledger, tmp_path, fmt, target):
    result = CliRunner().invoke(app, ["--db", ledger.url, "export", "--format", fmt, str(tmp_path / target)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / target).exists()


def test_geojson_to_standard_output(ledger):
    result = CliRunner().invoke(app, ["--db", ledger.url, "export", "--format", "geojson", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["type"] == "FeatureCollection"
