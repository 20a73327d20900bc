"""GeoJSON: the events as a FeatureCollection of points (RFC 7946: [lon, lat]); an event without
stored coordinates is a feature with a null geometry. Properties are the contract's event record."""
from __future__ import annotations

import json
from . import output, register, records


def feature(event: dict) -> dict:
    loc = event.get("location") or {}
    point = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        point = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    return {"type": "Feature", "id": event["event_id"], "geometry": point, "properties": event}


@register("geojson")
def write(store, path: str, with_text: bool = True) -> dict:
    features = [feature(e) for e in records.events(store)]
    with output(path) as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
        fh.write("\n")
    return {"event": len(features)}
