"""ACLED-style CSV: one row per event under ACLED's column names, for tools built on ACLED data.
``source`` lists the outlets of the reporting documents; ``notes`` is the first evidence
sentence; ``fatalities`` is the reconciled best estimate (empty when no figure was reported)."""
from __future__ import annotations

import csv

from . import output, register, records

COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
           "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")


def row(event: dict, outlets: dict[str, str]) -> dict:
    loc = event.get("location") or {}
    sources = dict.fromkeys(outlets[d] for d in event.get("doc_ids") or [] if d in outlets)
    evidence = event.get("evidence") or []
    return {
        "event_id_cnty": event["event_id"], "event_date": event.get("date_start"),
        "event_type": event.get("event_type"), "sub_event_type": event.get("sub_event_type"),
        "actor1": event.get("actor1"), "actor2": event.get("actor2"), "admin1": loc.get("admin1"),
        "location": loc.get("name"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"), "source": "; ".join(sources),
        "notes": evidence[0]["text"] if evidence else None,
        "fatalities": (event.get("fatalities") or {}).get("best"),
    }


@register("acled-csv")
def write(store, path: str, with_text: bool = True) -> dict:
    outlets = {d["doc_id"]: d.get("outlet") or d["source"] for d in records.documents(store, with_text=False)}
    n = 0
    with output(path, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for e in records.events(store):
            w.writerow(row(e, outlets))
            n += 1
    return {"event": n}
