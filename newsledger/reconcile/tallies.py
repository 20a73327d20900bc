"""Cumulative tallies ("30,035 killed since October 7") as a time series per claimant and measure.

A tally is a figure with a ``period``. Each point is dated by the period's end when the text
gives one, else by the reporting document's publication date, so a user sees how, say, a
ministry's count moved from report to report. Series are keyed by claimant, measure and the
victim group (``counts.victim_class``, the label of ``counts.victim_group``), so "soldiers killed"
and "civilians killed" from one claimant stay two series.
"""
from __future__ import annotations

from .counts import victim_class


def series(figures: list[dict], docs: dict[str, dict], claimant: str | None = None) -> list[dict]:
    want = claimant.casefold() if claimant else None
    groups: dict[tuple, dict] = {}
    for f in figures:
        if not f.get("period"):
            continue
        who = f.get("claimant") or "unattributed"
        if want and want not in who.casefold():
            continue
        doc = docs.get(f.get("doc_id")) or {}
        period = f.get("period") or {}
        key = (who.casefold(), f.get("measure"), victim_class(f.get("victims")))
        g = groups.setdefault(key, {"claimant": who, "measure": f.get("measure"), "victims": f.get("victims"),
                                    "points": []})
        g["points"].append({
            "date": period.get("end") or doc.get("published"),
            "value": f.get("value"), "low": f.get("low"), "high": f.get("high"),
            "qualifier": f.get("qualifier"), "period_start": period.get("start"),
            "figure_id": f.get("figure_id"), "doc_id": f.get("doc_id"),
            "published": doc.get("published"), "outlet": doc.get("outlet"),
        })
    out = []
    for key in sorted(groups):
        g = groups[key]
        g["points"].sort(key=lambda p: (p["date"] or "", p["value"] if p["value"] is not None else p["low"] or 0,
                                        p["figure_id"]))
        nums = [p["value"] if p["value"] is not None else p["low"] for p in g["points"]]
        nums = [n for n in nums if n is not None]
        g["first"], g["last"] = (nums[0], nums[-1]) if nums else (None, None)
        out.append(g)
    return out
