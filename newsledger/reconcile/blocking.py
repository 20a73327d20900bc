"""Blocking: candidate pairs only within a date window and an area, so cost grows ~linearly.

Each mergeable mention is filed under (place key, date bucket) for every ``BUCKET_DAYS``-day
bucket its interval [start, end + 1] touches. Place keys:

  * ``g``: the 0.15-degree grid cell of its coordinates; a query looks at every cell within
    ``NEAR_KM`` of the point (so the camp finds its city across a cell border);
  * ``n``: its normalised place name (mentions without coordinates still meet);
  * ``c``: a region- or country-level mention is filed under its name and found by mentions
    whose country/admin1 is that name (scored low by ``features``).

Two mentions whose dates overlap or touch share at least one day of [start, end + 1] and hence
a bucket; two mentions within ``NEAR_KM`` share a queried cell. Mentions of the same document
are never paired. An undated mention (named town or camp) is paired with every dated mention
filed under its place keys, whatever the date (``features.score_pairs`` decides).
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable

import numpy as np

from .features import NEAR_KM, Table

BUCKET_DAYS = 4
CELL_DEG = 0.15             # ~16.7 km of latitude


def _buckets(t: Table, i: int) -> range:
    return range(int(t.start[i]) // BUCKET_DAYS, (int(t.end[i]) + 1) // BUCKET_DAYS + 1)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _filed(t: Table, i: int) -> list[tuple]:
    keys = []
    if not math.isnan(t.lat[i]):
        keys.append(("g", *_cell(t.lat[i], t.lon[i])))
    if t.name[i]:
        keys.append(("n", int(t.name[i])))
        if t.precision[i] == 3:
            keys.append(("c", int(t.name[i])))
    return keys


def _queried(t: Table, i: int) -> list[tuple]:
    keys = []
    lat, lon = t.lat[i], t.lon[i]
    if not math.isnan(lat):
        dlat = NEAR_KM / 111.0
        dlon = NEAR_KM / (111.0 * max(math.cos(math.radians(lat)), 0.05))
        (a0, b0), (a1, b1) = _cell(lat - dlat, lon - dlon), _cell(lat + dlat, lon + dlon)
        keys += [("g", a, b) for a in range(a0, a1 + 1) for b in range(b0, b1 + 1)]
    if t.name[i]:
        keys.append(("n", int(t.name[i])))
    keys += [("c", a) for a in t.area[i]]
    return keys


class Index:
    """(place key, date bucket) -> mention indexes, over every mergeable mention of a table."""

    def __init__(self, t: Table):
        self.t = t
        self.cells: dict[tuple, list[int]] = defaultdict(list)
        self.places: dict[tuple, list[int]] = defaultdict(list)     # dated, by place only
        self.undated: dict[tuple, list[int]] = defaultdict(list)    # undated, by place only
        for i in range(len(t.ids)):
            if t.dated(i):
                for k in _filed(t, i):
                    for b in _buckets(t, i):
                        self.cells[(k, b)].append(i)
                    if k[0] != "c":
                        self.places[k].append(i)
            elif t.undated(i):
                for k in _filed(t, i):
                    self.undated[k].append(i)

    def _found(self, i: int) -> set[int]:
        t, found = self.t, set()
        keys = [k for k in _queried(t, i)]
        if t.dated(i):
            for k in keys:
                for b in _buckets(t, i):
                    found.update(self.cells.get((k, b), ()))
                found.update(self.undated.get(k, ()))
        else:
            for k in keys:
                found.update(self.places.get(k, ()))
        return found

    def pairs(self, rows: Iterable[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Unique candidate pairs (I < J, different documents) touching ``rows`` (all when None)."""
        t, n = self.t, len(self.t.ids)
        both = rows is None
        rows = range(n) if rows is None else rows
        codes: list[np.ndarray] = []
        docs = t.docs
        for i in rows:
            if not t.mergeable(i):
                continue
            found = self._found(i)
            di = docs[i]
            js = [j for j in found if (j > i if both else j != i) and docs[j] != di]
            if js:
                a = np.fromiter(js, dtype=np.int64, count=len(js))
                codes.append(np.minimum(a, i) * n + np.maximum(a, i))
        if not codes:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        u = np.unique(np.concatenate(codes))
        return u // n, u % n
