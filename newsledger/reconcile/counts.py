"""Reconciled casualty counts per event, after UCDP GED's low / best / high.

``reconcile_measure(figures, docs)`` takes the figures of one event for one measure (cumulative
tallies, i.e. figures with a ``period``, are left out: they are not about the event) and returns
``{low, best, high, by_claimant, conflict, sources, victims, other_victims}``:

* Figures are first split by who died (``victim_class``): security forces, fighters, children
  and everyone else are counted apart, so "12 Palestinians" and "1 soldier" are not read as two
  claimants disagreeing. The top-level numbers describe the main class (the one most claimants
  speak about, then the largest); the others are listed in ``other_victims`` in the same shape.
* Claimants: the figure's claimant; an unattributed figure speaks for its outlet, or for its own
  document when the outlet is unknown (two unattributed reports are two voices, not one).
* Per claimant one number, from its most recently published report: ``value`` or, for
  "at least" / vague counts, ``low``. When that report gives several numbers for the event,
  the one other claimants also give (else the largest) is its number in ``by_claimant``; all
  are listed in ``claimant_values`` and count for ``low``/``high``/``conflict``.
* ``best`` = the number most claimants give; ties go to the number a named claimant gives over
  one the outlet itself (or "unattributed") gives, then to exact figures, then to the larger.
* ``low`` = the smallest current number, ``high`` = the largest (or a stated upper bound).
* ``conflict`` = claimants disagree: two exact numbers differ, or an exact number lies below
  someone's "at least" / above someone's "up to". "At least 8" beside "12" is no conflict.
* ``sources`` = claimant -> every figure_id behind its number (superseded reports included),
  so each value can be traced to its evidence.

``injured`` counts measure ``injured`` only; ``critically_injured`` is reconciled separately
(it is usually a subset of the injured already counted, so adding it would double count).
"""
from __future__ import annotations

import re

MEASURES = {"fatalities": "killed", "injured": "injured", "critically_injured": "critically_injured"}
UNNAMED = {"", "unattributed", "unknown", "unnamed", "none"}
_CLASSES = [
    ("security forces", re.compile(r"\b(soldier|troop|officer|police|policem[ae]n|security|personnel|"
                                   r"serviceme[nm]|reservist|guard|army)", re.I)),
    ("fighters", re.compile(r"\b(fighter|militant|gunm[ae]n|combatant)", re.I)),
    ("children", re.compile(r"\b(child|children|minor|kid|boy|girl|teen|infant|baby)", re.I)),
]
EXACT = {"exact", "about", "nearly"}


def victim_class(victims: str | None) -> str:
    for name, rx in _CLASSES:
        if rx.search(victims or ""):
            return name
    return "all"


def _number(f: dict) -> int | None:
    return f.get("value") if f.get("value") is not None else f.get("low")


def claimant_of(f: dict, docs: dict[str, dict]) -> tuple[str, bool]:
    """(display name, named?) of a figure's claimant. An unattributed number speaks for its outlet,
    or, when the outlet is unknown, for its own document: two documents are two voices."""
    doc = docs.get(f.get("doc_id")) or {}
    who = (f.get("claimant") or "").strip()
    outlet = (doc.get("outlet") or "").strip()
    if who.casefold() in UNNAMED:
        if outlet:
            return outlet, False
        src = (doc.get("source") or f.get("doc_id") or "").rstrip("/").rsplit("/", 1)[-1]
        return f"unattributed ({src})", False
    return who, who.casefold() != outlet.casefold()


def _one_class(figs: list[dict], docs: dict[str, dict]) -> dict:
    by_key: dict[str, list[dict]] = {}
    names: dict[str, tuple[str, bool]] = {}
    for f in figs:
        name, named = claimant_of(f, docs)
        by_key.setdefault(name.casefold(), []).append(f)
        names.setdefault(name.casefold(), (name, named))
    current: dict[str, list[dict]] = {}          # claimant -> the figures of its latest report
    sources: dict[str, list[str]] = {}
    for key, fs in sorted(by_key.items()):
        name = names[key][0]
        latest = max((docs.get(f.get("doc_id")) or {}).get("published") or "" for f in fs)
        current[name] = [f for f in fs if ((docs.get(f.get("doc_id")) or {}).get("published") or "") == latest]
        sources[name] = sorted(f["figure_id"] for f in fs)
    said = {c: sorted({_number(f) for f in fs}) for c, fs in current.items()}
    echo = {v: sum(v in vs for vs in said.values()) for vs in said.values() for v in vs}
    by_claimant = {c: max(vs, key=lambda v: (echo[v], v)) for c, vs in said.items()}
    chosen = {c: next(f for f in current[c] if _number(f) == v) for c, v in by_claimant.items()}
    support: dict[int, list[int]] = {}
    for c, f in chosen.items():
        s = support.setdefault(by_claimant[c], [0, 0, 0])
        s[0] += 1
        s[1] += names[c.casefold()][1]
        s[2] += f.get("value") is not None and (f.get("qualifier") or "exact") in EXACT
    best = max(support, key=lambda v: (*support[v], v))
    live = [f for fs in current.values() for f in fs]
    nums = [_number(f) for f in live]
    highs = [f["high"] for f in live if f.get("high") is not None]
    points = {f["value"] for f in live if f.get("value") is not None and (f.get("qualifier") or "exact") in EXACT}
    floors = [f["low"] for f in live if f.get("value") is None and f.get("low") is not None]
    ceilings = [f["high"] for f in live if f.get("qualifier") == "up_to" and f.get("high") is not None]
    conflict = (len(points) > 1 or any(p < lo for p in points for lo in floors)
                or any(p > hi for p in points for hi in ceilings))
    victims = sorted((f.get("victims") or "" for f in figs), key=lambda v: (-sum(g.get("victims") == v for g in figs), v))
    out = {"low": min(nums), "best": best, "high": max(nums + highs), "by_claimant": by_claimant,
           "conflict": conflict, "sources": sources, "victims": victims[0] or None}
    several = {c: vs for c, vs in said.items() if len(vs) > 1}
    if several:
        out["claimant_values"] = several            # a report giving two numbers for one event
    return out


def reconcile_measure(figures: list[dict], docs: dict[str, dict]) -> dict | None:
    """low/best/high/by_claimant/conflict for one event and one measure; None without figures."""
    figs = [f for f in figures if not f.get("period") and _number(f) is not None]
    if not figs:
        return None
    classes: dict[str, list[dict]] = {}
    for f in figs:
        classes.setdefault(victim_class(f.get("victims")), []).append(f)
    results = {k: _one_class(v, docs) for k, v in classes.items()}
    order = sorted(results, key=lambda k: (-len(results[k]["by_claimant"]), -results[k]["best"], k))
    main = dict(results[order[0]])
    main["other_victims"] = [results[k] for k in order[1:]]
    return main


def reconcile_figures(figures: list[dict], docs: dict[str, dict]) -> dict[str, dict | None]:
    """Every reconciled measure of one event: {"fatalities": ..., "injured": ..., ...}."""
    return {field: reconcile_measure([f for f in figures if f.get("measure") == m], docs)
            for field, m in MEASURES.items()}
