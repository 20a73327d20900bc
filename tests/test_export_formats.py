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
    assert {k: len(v) for k, v in contract.items()} == {"document": 4, "event": 3, "claim": 2, "figure": 5, "framing": 2}


def test_geojson_round_trips_events_as_points(store, contract, tmp_path):
    path = tmp_path / "events.geojson"
    assert export(store, "geojson", str(path)) == {"event": 3}
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    features = {f["id"]: f for f in fc["features"]}
    assert features["ev-riverton"]["geometry"] == {"type": "Point", "coordinates": [35.2, 48.1]}
    assert [f["geometry"] for f in fc["features"] if f["properties"]["location"]["name"] == "Hill Village"] == [None]
    assert {k: f["properties"] for k, f in features.items()} == by_id(contract["event"], "event_id")


def test_parquet_named_file_writes_one_file_per_kind_beside_it(ledger, contract, tmp_path):
    """What a pandas user types: the CLI names each file, each loads as its kind's table, and the
    bare name is not a directory that pandas would read as one kind only."""
    target = tmp_path / "ledger.parquet"
    res = CliRunner().invoke(app, ["--db", ledger.url, "export", "--format", "parquet", str(target)])
    assert res.exit_code == 0, res.output
    assert not target.exists()
    for kind, expected in contract.items():
        path = tmp_path / f"ledger.{kind}s.parquet"
        assert str(path) in res.output
        df = pd.read_parquet(path)
        assert len(df) == len(expected) and set(df[f"{kind}_id" if kind != "document" else "doc_id"]) == \
            {r[f"{kind}_id" if kind != "document" else "doc_id"] for r in expected}


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
    hill = df[df.location == "Hill Village"].iloc[0]
    assert pd.isna(hill.latitude) and pd.isna(hill.fatalities)      # unknown stays empty, never 0


# ACLED's current column set, in ACLED's order (ACLED codebook / acledR), written out here on purpose
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]


def test_acled_csv_loads_with_acleds_columns_in_acleds_order(store, tmp_path):
    path = tmp_path / "acled.csv"
    export(store, "acled-csv", str(path))
    df = pd.read_csv(path)
    assert list(df.columns) == ACLED_COLUMNS
    river = df.set_index("event_id_cnty").loc["ev-riverton"]
    assert (river.year, river.time_precision, river.disorder_type) == (2024, 1, "Political violence")
    assert river.country == "Testland" and pd.isna(river.iso) and pd.isna(river.region)   # invented country
    assert (river.inter1, river.inter2, river.interaction, river.civilian_targeting) == \
        ("State forces", "Civilians", "State forces-Civilians", "Civilian targeting")
    assert df.event_date.notna().all()                      # every event of this ledger has a date
    assert set(df.source) == {"Example Wire", "Example Wire; Northern Broadcaster", "<b>Hostile</b> Wire"}


def test_acled_notes_are_composed_from_the_ledger_not_quoted(store, contract, tmp_path):
    path = tmp_path / "acled.csv"
    export(store, "acled-csv", str(path))
    df = pd.read_csv(path).set_index("event_id_cnty")
    sentences = {e["text"] for ev in contract["event"] for e in ev.get("evidence") or []}
    for event_id, note in df.notes.items():
        assert not any(s in note for s in sentences), note
    note = df.loc["ev-riverton"].notes
    assert note.startswith("On 2024-03-05, air/drone strike (Explosions/Remote violence) in Riverton")
    assert "Fatalities reported: 12 (reports range from 9 to 14; claimants disagree)." in note
    assert note.endswith("Based on 2 reports.")


def test_acled_codes_country_region_and_actor_types():
    from newsledger.export.acled import country_codes, interaction, inter

    assert country_codes("Ukraine") == (804, "Europe")
    assert country_codes("Peru") == (604, "South America")
    assert country_codes("Atlantis") == (None, None)
    assert country_codes("Norway") == (578, "Europe")        # "NO" is quoted in the YAML (else it reads as false)
    assert inter("Military Forces of Chile", {}) == "State forces"
    assert inter("Protesters (Chile)", {}) == "Protesters"
    assert inter("Some Movement", {"Some Movement": "armed_group"}) is None     # unknown stays empty
    assert interaction("Protesters", "State forces") == "State forces-Protesters"
    assert interaction("Civilians", None) == "Civilians only"
    assert interaction("State forces", None, has_actor2=True) is None        # the second actor's type is unknown
    assert interaction(None, "Civilians") is None


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


def test_acled_row_of_an_undated_event_takes_its_first_reports_day_at_low_precision():
    from newsledger.export.acled import row

    event = {"event_id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash", "doc_ids": ["a", "b"],
             "location": {"name": "Hilltown", "country": "Peru"}, "actor1": "Military Forces of Peru"}
    docs = {"a": {"outlet": "Andes Wire", "published": "2022-05-04"}, "b": {"outlet": None, "published": "2022-05-03",
                                                                           "source": "/tmp/x/b.txt"}}
    r = row(event, docs)
    assert (r["event_date"], r["year"], r["time_precision"]) == ("2022-05-03", 2022, 3)
    assert r["notes"] == ("Armed clash (Battles) in Hilltown, Peru. Date not stated in the reports; first reported on "
                          "2022-05-03. Actors: Military Forces of Peru. Based on 2 reports.")
    assert r["source"] == "Andes Wire" and (r["iso"], r["region"]) == (604, "South America")
    assert r["fatalities"] is None and r["disorder_type"] == "Political violence"


def test_acled_regions_are_country_codes_each_in_one_region():
    from newsledger.export.acled import conventions

    codes = [c for cs in conventions()["regions"].values() for c in cs]
    assert all(isinstance(c, str) and len(c) == 2 and c.isupper() for c in codes)
    assert len(codes) == len(set(codes))
