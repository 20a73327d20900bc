"""One merged event (export contract shape) from its member mentions and their figures.

Choices, all deterministic:
* ``doc_ids``: every member's documents, sorted.
* dates: the union of the members' ranges (earliest start, latest end), taken over the members
  with the finest date precision only, so a "this month" mention does not stretch a dated raid.
  Union rather than intersection because outlets often report one day of a multi-day operation
  and adjacent-day members (merged with a one-day tolerance) may not intersect at all.
* ``location``: the most precise member location (precision, then coordinates known, then the
  name most members use, then the smallest mention id).
* ``event_type``/``sub_event_type``/actors: the value most members give (ties: ACLED order /
  alphabetical); ``assoc_actors``: the union of the rest.
* ``figures``: every figure of every member; ``fatalities``/``injured``/``critically_injured``:
  ``counts.reconcile_figures``.
* ``evidence``: every member's evidence; ``mentions``: the member mention ids (added field).
* ``rule``: the typing rule of the first member of the chosen type; ``rules``: every member's rule.
"""
from __future__ import annotations

from collections import Counter

from .counts import reconcile_figures
from .features import norm_name

TYPE_ORDER = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
              "Strategic developments"]
PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def _majority(values: list, order=None):
    vals = [v for v in values if v]
    if not vals:
        return None
    counts = Counter(vals)
    rank = (lambda v: order.index(v) if v in order else len(order)) if order else (lambda v: 0)
    return min(counts, key=lambda v: (-counts[v], rank(v), v))


def build_event(event_id: str, members: list[dict], figures: list[dict], docs: dict[str, dict]) -> dict:
    members = sorted(members, key=lambda m: m["event_id"])
    finest = min(PRECISION.get(m.get("date_precision") or "unknown", 4) for m in members)
    dated = [m for m in members if m.get("date_start") and PRECISION.get(m.get("date_precision") or "unknown", 4) == finest]
    dated = dated or [m for m in members if m.get("date_start")]
    names = Counter(norm_name((m.get("location") or {}).get("name")) for m in members)

    def loc_key(m):
        loc = m.get("location") or {}
        return (loc.get("precision") or 3, loc.get("lat") is None, not loc.get("name"),
                -names[norm_name(loc.get("name"))], m["event_id"])

    location = dict(min(members, key=loc_key).get("location") or {})
    etype = _majority([m.get("event_type") for m in members], TYPE_ORDER) or members[0].get("event_type")
    actor1 = _majority([m.get("actor1") for m in members])
    actor2 = _majority([m.get("actor2") for m in members if m.get("actor2") != actor1])
    assoc = sorted({a for m in members for a in [m.get("actor1"), m.get("actor2"), *(m.get("assoc_actors") or [])]
                    if a and a not in (actor1, actor2)})
    member_ids = {m["event_id"] for m in members}
    listed = {fid for m in members for fid in m.get("figures") or []}
    figs = [f for f in figures if f.get("event_id") in member_ids or f.get("figure_id") in listed]
    counts = reconcile_figures(figs, docs)
    typed = [m for m in members if m.get("event_type") == etype] or members
    return {
        "event_id": event_id,
        "doc_ids": sorted({d for m in members for d in m.get("doc_ids") or []}),
        "event_type": etype,
        "sub_event_type": _majority([m.get("sub_event_type") for m in members if m.get("event_type") == etype]),
        "date_start": min((m["date_start"] for m in dated), default=None),
        "date_end": max(((m.get("date_end") or m["date_start"]) for m in dated), default=None),
        "date_precision": min((m.get("date_precision") or "unknown" for m in members), key=lambda p: PRECISION.get(p, 4)),
        "location": location,
        "actor1": actor1,
        "actor2": actor2,
        "assoc_actors": assoc,
        "figures": sorted(listed | {f["figure_id"] for f in figs}),
        **counts,
        "evidence": sorted((e for m in members for e in m.get("evidence") or []),
                           key=lambda e: (e.get("doc_id"), e.get("start"), e.get("end"))),
        "mentions": sorted(member_ids),
        "rule": typed[0].get("rule") or "",
        "rules": sorted({m.get("rule") for m in members if m.get("rule")}),
        **_date_basis(members),
    }


def _date_basis(members: list[dict]) -> dict:
    """Where a date came from when no member document gave it (see ``anchor``)."""
    anchors = sorted({m["date_anchor"] for m in members if m.get("date_basis") == "anchored"})
    if anchors and not any(m.get("date_start") and m.get("date_basis") != "anchored" for m in members):
        return {"date_basis": "anchored", "date_anchors": anchors}
    return {}
