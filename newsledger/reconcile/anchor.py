"""Dates for undated reports, anchored on the incidents other documents date.

An article with no publication date cannot resolve "on Tuesday evening" by itself. When one of
its event mentions merges into an event that dated documents report, that event's dates anchor
the article: its other undated mentions that name a weekday get the occurrence of that weekday
nearest the anchor (within ``MAX_DAYS``). The resolved date is marked ``date_basis:
"anchored"`` with the anchoring event, so a reader sees it was not in the article. Mentions are
not changed; only the events built from them carry the date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
MAX_DAYS = 3          # an anchored weekday must fall within this many days of the anchoring event


def _doc_anchors(clusters, mentions: dict[str, dict]) -> dict[str, tuple[str, str, str]]:
    """doc_id → (anchor start, anchor end, event_id) for undated docs whose mentions joined dated events."""
    anchors: dict[str, tuple[str, str, str]] = {}
    for c in clusters:
        members = [mentions[m] for m in c.members]
        dated = [m for m in members if m.get("date_start")]
        if not dated:
            continue
        start = min(m["date_start"] for m in dated)
        end = max(m.get("date_end") or m["date_start"] for m in dated)
        for m in members:
            if not m.get("date_start"):
                for d in m.get("doc_ids") or []:
                    anchors.setdefault(d, (start, end, c.event_id))
    return anchors


def nearest_weekday(name: str, start: str, end: str) -> str | None:
    wd = WEEKDAYS.index(name.lower())
    lo, hi = date.fromisoformat(start), date.fromisoformat(end)
    best = None
    for k in range(-MAX_DAYS, (hi - lo).days + MAX_DAYS + 1):
        day = lo + timedelta(days=k)
        dist = 0 if lo <= day <= hi else min(abs((day - lo).days), abs((day - hi).days))
        if day.weekday() == wd and (best is None or dist < best[0]):
            best = (dist, day)
    return best[1].isoformat() if best else None


def anchored(clusters, mentions: dict[str, dict]) -> dict[str, dict]:
    """Copies of the undated mentions that can be dated through an anchor, by mention id."""
    anchors = _doc_anchors(clusters, mentions)
    out: dict[str, dict] = {}
    for mid, m in mentions.items():
        if m.get("date_start") or not m.get("doc_ids") or m["doc_ids"][0] not in anchors:
            continue
        start, end, eid = anchors[m["doc_ids"][0]]
        names = [w for e in m.get("evidence") or [] for w in _WEEKDAY.findall(e.get("text") or "")]
        day = nearest_weekday(names[0], start, end) if names else None
        if day:
            out[mid] = {**m, "date_start": day, "date_end": day, "date_precision": "day",
                        "date_basis": "anchored", "date_anchor": eid}
    return out
