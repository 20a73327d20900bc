"""Reconcile: cross-document merging, reconciled counts, tallies (synthetic mention records)."""
from __future__ import annotations

import random

import pytest

from newsledger.export import records as export_records
from newsledger.ids import span_id
from newsledger.records import Document, Event, Evidence, Figure, Location
from newsledger.reconcile import merge, reconcile, tallies, unmerge
from newsledger.reconcile.counts import reconcile_measure
from newsledger.reconcile.merge import event_id_for
from newsledger.store import Store

CITY = dict(name="Northtown", admin1="North", country="Freedonia", lat=31.50, lon=35.10, precision=1)
CAMP = dict(name="Northtown camp", admin1="North", country="Freedonia", lat=31.507, lon=35.095, precision=1)
OTHER = dict(name="Southville", admin1="South", country="Freedonia", lat=31.00, lon=34.60, precision=1)
REGION = dict(name="Freedonia", admin1=None, country="Freedonia", lat=31.3, lon=35.0, precision=3)


def mention(mid, doc, ds, de=None, loc=CITY, typ="Battles", text="", a1="Army of Freedonia", a2="Hill Brigade"):
    return {"event_id": mid, "doc_ids": [doc], "event_type": typ, "sub_event_type": "Armed clash",
            "date_start": ds, "date_end": de or ds, "date_precision": "day", "location": dict(loc),
            "actor1": a1, "actor2": a2, "assoc_actors": [], "figures": [],
            "evidence": [{"doc_id": doc, "start": 0, "end": len(text), "text": text}], "trigger": "raid"}


def operation_scenario() -> list[dict]:
    """One two-day operation in three reports (camp/city, one-day differences), other raids nearby."""
    return [
        mention("m-a1", "A", "2023-07-03", "2023-07-04", CAMP, text="troops stormed the camp with drones and bulldozers"),
        mention("m-b1", "B", "2023-06-19", loc=CITY, text="raid in which an armoured vehicle was blown up"),
        mention("m-b2", "B", "2023-07-03", loc=CITY, text="the large operation with drones in the camp"),
        mention("m-b3", "B", "2023-11-16", "2023-11-17", CITY, text="overnight raid as hospitals were surrounded"),
        mention("m-c1", "C", "2023-07-04", loc=CITY, text="troops withdrew from the camp ending the operation"),
        mention("m-c2", "C", "2023-07-04", loc=CITY, typ="Protests", text="crowds celebrated in the streets"),
        mention("m-d1", "D", "2023-07-03", loc=OTHER, text="the operation with drones in the camp"),
    ]


def synthetic(n_incidents: int = 40, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    places = [dict(name=f"Place{k}", admin1="R", country="Freedonia", lat=30 + k * 0.3, lon=35 + (k % 3) * 0.2,
                   precision=1) for k in range(8)]
    words = ["strike", "school", "market", "convoy", "checkpoint", "hospital", "mosque", "bridge", "tower", "farm"]
    out = []
    for k in range(n_incidents):
        place = rng.choice(places)
        d = f"2024-03-{rng.randint(1, 20):02d}"
        topic = " ".join(rng.sample(words, 3))
        typ = rng.choice(["Battles", "Explosions/Remote violence", "Protests"])
        for r in range(rng.randint(1, 4)):
            out.append(mention(f"s{k:03d}-{r}", f"doc{rng.randint(0, 25)}-{r}", d, loc=place, typ=typ,
                               text=f"{topic} reported {rng.choice(words)}"))
    return out


def shape(clusters) -> set:
    return {(c.event_id, tuple(c.members)) for c in clusters}


# -- merging (pure) --------------------------------------------------------------------------

def test_operation_is_one_event_and_stays_apart_from_other_raids():
    got = {tuple(c.members) for c in merge(operation_scenario())}
    assert ("m-a1", "m-b2", "m-c1") in got
    for lone in ("m-b1", "m-b3", "m-c2", "m-d1"):
        assert (lone,) in got


def test_merge_is_order_independent():
    ms = synthetic() + operation_scenario()
    want = shape(merge(ms))
    assert len(want) < len(ms)          # something did merge
    for seed in range(5):
        random.Random(seed).shuffle(ms)
        assert shape(merge(ms)) == want


def test_one_document_never_holds_two_mentions_of_one_event():
    # a listing page with three same-day raids in one city, and one other report of the same day
    ms = [mention(f"L{k}", "listing", "2024-01-05", text=f"raid number {k} in the city") for k in range(3)]
    ms.append(mention("W1", "wire", "2024-01-05", text="raid in the city"))
    clusters = merge(ms)
    assert len(clusters) == 3
    for c in clusters:
        docs = [m.split("L")[0] for m in c.members]
        assert sum(m.startswith("L") for m in c.members) <= 1, docs


def test_decisions_record_score_features_and_partner():
    clusters = {tuple(c.members): c for c in merge(operation_scenario())}
    c = clusters[("m-a1", "m-b2", "m-c1")]
    d = c.decisions["m-a1"]
    assert d["rule"] == "merged" and d["score"] >= d["threshold"] and d["with"] in c.members
    assert set(d["features"]) >= {"date", "place", "km", "type", "actor", "text"}
    assert c.event_id == event_id_for(c.members) and c.event_id.startswith("E")


def test_region_level_and_undated_mentions():
    ms = [mention("r1", "A", "2024-02-01", loc=REGION, typ="Strategic developments", text="curfew declared nationwide"),
          mention("r2", "B", "2024-02-01", loc=REGION, typ="Strategic developments", text="nationwide curfew declared"),
          mention("u1", "C", None, loc=CITY), mention("u2", "D", None, loc=CITY)]
    got = {tuple(c.members) for c in merge(ms)}
    assert ("r1", "r2") in got and ("u1",) in got and ("u2",) in got


def test_same_day_same_town_different_sub_types_stay_apart():
    air = mention("s1", "A", "2024-05-02", text="drone strike on the depot near the market")
    air["sub_event_type"] = "Air/drone strike"
    air["event_type"] = "Explosions/Remote violence"
    shell = dict(mention("s2", "B", "2024-05-02", text="drone strike on the depot near the market"),
                 event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    got = {tuple(c.members) for c in merge([air, shell])}
    assert got == {("s1",), ("s2",)}


def test_protests_known_only_by_their_country_stay_apart():
    ms = [mention("p1", "A", "2024-03-09", loc=REGION, typ="Protests", text="traders protested against new taxes"),
          mention("p2", "B", "2024-03-09", loc=REGION, typ="Protests", text="traders protested against new taxes")]
    assert {tuple(c.members) for c in merge(ms)} == {("p1",), ("p2",)}


def test_reports_sharing_no_wording_stay_apart():
    ms = [mention("w1", "A", "2024-04-11", text="gunmen ambushed a convoy of lorries on the highway"),
          mention("w2", "B", "2024-04-11", text="villagers reported cattle seized by herders overnight")]
    assert {tuple(c.members) for c in merge(ms)} == {("w1",), ("w2",)}


def test_daily_incidents_at_one_place_do_not_chain_into_one_event():
    text = "soldiers fired on people queuing for flour at the depot"
    ms = [mention(f"d{k}", f"D{k}", f"2024-06-{10 + k:02d}", text=text) for k in range(4)]
    got = {tuple(c.members) for c in merge(ms)}
    for c in got:
        days = sorted(int(m[1:]) for m in c)
        assert days[-1] - days[0] <= 1
    assert any(len(c) == 2 for c in got)


def test_reports_writing_out_different_calendar_days_stay_apart():
    a = mention("c1", "A", "2024-08-04", text="On 4 August, youths burned tyres at the bus station.")
    b = mention("c2", "B", "2024-08-05", text="On 5 August, youths burned tyres at the bus station.")
    assert {tuple(c.members) for c in merge([a, b])} == {("c1",), ("c2",)}
    # a relative day ("on Sunday") may be a day off and still the same incident
    b = mention("c2", "B", "2024-08-05", text="On Sunday, youths burned tyres at the bus station.")
    assert {tuple(c.members) for c in merge([a, b])} == {("c1", "c2")}


# -- store: incremental, idempotent, reversible ---------------------------------------------

def _document(doc_id, published, outlet, events, figures=()):
    text = " ".join(e["evidence"][0]["text"] or "." for e in events) or "."
    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, title=f"Report {doc_id}", outlet=outlet,
                   published=published, published_basis="header")
    pos = 0
    for e in events:
        t = e["evidence"][0]["text"] or "."
        ev = Evidence(doc_id, pos, pos + len(t), t)
        doc.events.append(Event(event_id=e["event_id"], doc_ids=[doc_id], event_type=e["event_type"],
                                sub_event_type=e["sub_event_type"], date_start=e["date_start"],
                                date_end=e["date_end"], date_precision="day", location=Location(**e["location"]),
                                actor1=e["actor1"], actor2=e["actor2"], evidence=[ev]))
        pos += len(t) + 1
    for k, (mid, measure, value, low, claimant, victims, period) in enumerate(figures):
        doc.figures.append(Figure(figure_id=span_id("f", doc_id, k, k + 1), doc_id=doc_id, measure=measure,
                                   value=value, low=low, high=None, qualifier="exact" if value is not None else "at_least",
                                   victims=victims, claimant=claimant, evidence=Evidence(doc_id, 0, 1, doc.text[:1]),
                                   event_id=mid, period=period))
    return doc


def scenario_documents() -> list[Document]:
    ms = {m["event_id"]: m for m in operation_scenario()}
    return [
        _document("A", "2023-07-05", "Outlet A", [ms["m-a1"]],
                  [("m-a1", "killed", 12, None, "Ministry of Health", "Palestinians", None),
                   ("m-a1", "killed", 12, None, "Outlet A", "Palestinians", None),
                   ("m-a1", "injured", 120, None, "Ministry of Health", "people", None),
                   (None, "killed", 30000, None, "Ministry of Health", "people", {"start": "2023-10-07", "end": None})]),
        _document("B", "2023-11-18", "Outlet B", [ms["m-b1"], ms["m-b2"], ms["m-b3"]],
                  [("m-b2", "killed", 11, None, "Outlet B", "Palestinians", None),
                   ("m-b1", "killed", None, 5, "Outlet B", "people", None),
                   (None, "killed", 31000, None, "Ministry of Health", "people", {"start": "2023-10-07", "end": None})]),
        _document("C", "2023-07-06", "Outlet C", [ms["m-c1"], ms["m-c2"]],
                  [("m-c1", "killed", 1, None, "Army of Freedonia", "soldier", None)]),
        _document("D", "2023-07-04", "Outlet D", [ms["m-d1"]]),
    ]


def _state(store):
    events = {e["event_id"]: (tuple(e["doc_ids"]), tuple(e["mentions"])) for e in store.records("events")}
    return events, store.event_of_mention()


def _store(tmp_path, name, docs, each=False):
    store = Store(f"sqlite:///{tmp_path / name}")
    for d in docs:
        store.save_document(d)
        if each:
            reconcile(store)
    if not each:
        reconcile(store)
    return store


def test_store_merge_and_counts(tmp_path):
    store = _store(tmp_path, "a.db", scenario_documents())
    [op] = [e for e in store.records("events") if "m-a1" in e["mentions"]]
    assert op["doc_ids"] == ["A", "B", "C"]
    assert (op["date_start"], op["date_end"]) == ("2023-07-03", "2023-07-04")
    assert op["location"]["name"] in ("Northtown camp", "Northtown")
    f = op["fatalities"]
    assert (f["low"], f["best"], f["high"], f["conflict"]) == (11, 12, 12, True)
    assert f["by_claimant"] == {"Ministry of Health": 12, "Outlet A": 12, "Outlet B": 11}
    assert [o["best"] for o in f["other_victims"]] == [1]          # the soldier is counted apart
    assert op["injured"]["best"] == 120 and op["injured"]["conflict"] is False
    assert all(f["sources"][c] for c in f["by_claimant"])
    assert set(f["sources"]["Outlet B"]) <= set(op["figures"])
    # figures and evidence follow the merged event in the export
    figs = [x for x in export_records.figures(store) if x["doc_id"] == "B" and x["value"] == 11]
    assert figs[0]["event_id"] == op["event_id"]
    assert {e["doc_id"] for e in op["evidence"]} == {"A", "B", "C"}


def test_incremental_equals_full_and_any_ingest_order(tmp_path):
    docs = scenario_documents()
    full = _state(_store(tmp_path, "full.db", docs))
    for k, order in enumerate([docs, docs[::-1], [docs[2], docs[0], docs[3], docs[1]]]):
        assert _state(_store(tmp_path, f"inc{k}.db", order, each=True)) == full


def test_reconcile_is_idempotent(tmp_path):
    store = _store(tmp_path, "i.db", scenario_documents())
    before = (_state(store), list(store.records("events")))
    assert reconcile(store)["recomputed"] == 0
    reconcile(store, full=True)
    assert (_state(store), list(store.records("events"))) == before


def test_unmerge_is_kept_and_can_be_forgotten(tmp_path):
    store = _store(tmp_path, "u.db", scenario_documents())
    merged = store.event_of_mention()["m-a1"]
    new = unmerge(store, merged)
    assert len(new) == 3 and merged not in {e["event_id"] for e in store.records("events")} - set(new)
    links = {r["mention_id"]: r for r in store.rows("event_links")}
    assert links["m-a1"]["decision"]["splits"] == [f"split:{merged}"]
    reconcile(store, full=True)
    assert len({store.event_of_mention()[m] for m in ("m-a1", "m-b2", "m-c1")}) == 3
    reconcile(store, full=True, keep_splits=False)
    assert store.event_of_mention()["m-a1"] == merged == store.event_of_mention()["m-c1"]
    with pytest.raises(KeyError):
        unmerge(store, "Enope")


# -- reconciled counts and tallies -----------------------------------------------------------

def _fig(fid, claimant, value=None, low=None, high=None, qualifier="exact", victims="people", doc="A"):
    return {"figure_id": fid, "doc_id": doc, "measure": "killed", "value": value, "low": low, "high": high,
            "qualifier": qualifier, "victims": victims, "claimant": claimant, "period": None}


def test_counts_low_best_high_conflict():
    docs = {"A": {"outlet": "Wire", "published": "2024-01-02"}, "B": {"outlet": "Paper", "published": "2024-01-03"}}
    r = reconcile_measure([_fig("f1", "Wire", 7), _fig("f2", "Health Ministry", 9, doc="B"),
                           _fig("f3", "Paper", 9, doc="B"), _fig("f4", "Rescue Service", low=5, qualifier="at_least")], docs)
    assert (r["low"], r["best"], r["high"], r["conflict"]) == (5, 9, 9, True)
    assert r["sources"] == {"Health Ministry": ["f2"], "Paper": ["f3"], "Rescue Service": ["f4"], "Wire": ["f1"]}
    # a tie goes to the named claimant over the outlet itself
    r = reconcile_measure([_fig("f1", "Wire", 7), _fig("f2", "Health Ministry", 9, doc="B")], docs)
    assert r["best"] == 9 and r["conflict"]
    # "at least 8" beside 12 is no disagreement; the claimant's latest report counts
    r = reconcile_measure([_fig("f1", "Wire", low=8, qualifier="at_least"), _fig("f2", "Ministry", 10),
                           _fig("f3", "Ministry", 12, doc="B")], docs)
    assert (r["low"], r["best"], r["high"], r["conflict"]) == (8, 12, 12, False)
    assert r["by_claimant"] == {"Ministry": 12, "Wire": 8} and r["sources"]["Ministry"] == ["f2", "f3"]
    assert reconcile_measure([], docs) is None


def test_tallies_follow_a_claimant_across_reports(tmp_path):
    store = _store(tmp_path, "t.db", scenario_documents())
    [s] = tallies(store, claimant="ministry")
    assert [(p["date"], p["value"]) for p in s["points"]] == [("2023-07-05", 30000), ("2023-11-18", 31000)]
    assert (s["first"], s["last"]) == (30000, 31000)
    assert tallies(store, claimant="nobody") == []


def test_unattributed_reports_are_separate_voices_and_a_report_may_give_two_numbers():
    docs = {"A": {"outlet": None, "published": "2024-01-02", "source": "x/a.txt"},
            "B": {"outlet": None, "published": None, "source": "x/b.txt"}}
    r = reconcile_measure([_fig("f1", "Health Ministry", 12), _fig("f2", "unattributed", 12, doc="B"),
                           _fig("f3", "unattributed", 11, doc="B"), _fig("f4", "unattributed", 12)], docs)
    assert r["by_claimant"] == {"Health Ministry": 12, "unattributed (a.txt)": 12, "unattributed (b.txt)": 12}
    # b.txt reports 12 and 11 itself (shown as such); its range overlaps the others' 12: no dispute
    assert (r["low"], r["best"], r["high"], r["conflict"]) == (11, 12, 12, False)
    assert r["claimant_values"] == {"unattributed (b.txt)": [11, 12]}
    assert r["sources"]["unattributed (b.txt)"] == ["f2", "f3"]


def test_undated_mention_joins_only_an_unambiguous_dated_event():
    ms = operation_scenario()
    ms.append(mention("m-u1", "U", None, loc=CITY, text="troops withdrew from the camp ending the operation with drones"))
    got = {tuple(c.members) for c in merge(ms)}
    assert ("m-a1", "m-b2", "m-c1", "m-u1") in got
    # the same words fit two raids on different dates equally: it stays alone
    twin = [mention("x1", "A", "2024-01-01", text="raid on the market"), mention("x2", "B", "2024-03-01", text="raid on the market"),
            mention("xu", "C", None, text="raid on the market")]
    assert ("xu",) in {tuple(c.members) for c in merge(twin)}
