"""Reconciled casualty counts per event, after UCDP GED's low / best / high.

``reconcile_measure(figures, docs)`` takes the figures of one event for one measure (cumulative
tallies, i.e. figures with a ``period``, are left out: they are not about the event) and returns
``{low, best, high, by_claimant, conflict, sources, victims, other_victims}``:

* Figures are first split by who died (``victim_class``): security forces, fighters, children
  and everyone else are counted apart, so "12 Palestinians" and "1 soldier" are not read as two
  claimants disagreeing. The top-level numbers describe the main class (the one most claimants
  speak about, then the largest); the others are listed in ``other_victims`` in the same shape.
* Per claimant one number: from its most recently published report, the largest figure;
  the number is ``value`` or, for "at least" / vague counts, ``low``.
* ``best`` = the number most claimants give; ties go to the number a named claimant gives over
  one the outlet itself (or "unattributed") gives, then to exact figures, then to the larger.
* ``low`` = the smallest claimant number, ``high`` = the largest (or a stated upper bound).
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


def _one_class(figs: list[dict], docs: dict[str, dict]) -> dict:
    by_key: dict[str, list[dict]] = {}
    for f in figs:
        by_key.setdefault((f.get("claimant") or "unattributed").casefold().strip(), []).append(f)
    chosen: dict[str, dict] = {}
    sources: dict[str, list[str]] = {}
    for key, fs in sorted(by_key.items()):
        name = sorted(f.get("claimant") or "unattributed" for f in fs)[0]
        pick = max(fs, key=lambda f: ((docs.get(f.get("doc_id")) or {}).get("published") or "", _number(f)))
        chosen[name] = pick
        sources[name] = sorted(f["figure_id"] for f in fs)
    by_claimant = {c: _number(f) for c, f in chosen.items()}

    def named(c: str, f: dict) -> bool:
        outlet = ((docs.get(f.get("doc_id")) or {}).get("outlet") or "").casefold()
        return c.casefold() not in UNNAMED and c.casefold() != outlet

    support: dict[int, list[int]] = {}
    for c, f in chosen.items():
        s = support.setdefault(by_claimant[c], [0, 0, 0])
        s[0] += 1
        s[1] += named(c, f)
        s[2] += f.get("value") is not None and (f.get("qualifier") or "exact") in EXACT
    best = max(support, key=lambda v: (*support[v], v))
    nums = list(by_claimant.values())
    highs = [f["high"] for f in chosen.values() if f.get("high") is not None]
    points = {f["value"] for f in chosen.values() if f.get("value") is not None
              and (f.get("qualifier") or "exact") in EXACT}
    floors = [f["low"] for f in chosen.values() if f.get("value") is None and f.get("low") is not None]
    ceilings = [f["high"] for f in chosen.values() if f.get("qualifier") == "up_to" and f.get("high") is not None]
    conflict = (len(points) > 1 or any(p < lo for p in points for lo in floors)
                or any(p > hi for p in points for hi in ceilings))
    victims = sorted((f.get("victims") or "" for f in figs), key=lambda v: (-sum(g.get("victims") == v for g in figs), v))
    return {"low": min(nums), "best": best, "high": max(nums + highs), "by_claimant": by_claimant,
            "conflict": conflict, "sources": sources, "victims": victims[0] or None}


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
