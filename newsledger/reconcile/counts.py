"""Reconciled casualty counts per event, after UCDP GED's low / best / high, per victim group.

``reconcile_measure(figures, docs)`` takes the figures of one event for one measure (cumulative
tallies, i.e. figures with a ``period``, are left out: they are not about the event) and returns
``{low, best, high, by_claimant, conflict, sources, victims, group, groups, other_victims,
consistent, reports, summary}``:

* **Victim groups.** Every figure's victims fall in one group (``victim_group``): the total
  ("people", "victims", "others"), civilians, a party's security forces or fighters, a
  nationality, children, women, perpetrators, or another named group (journalists, hostages).
  Counts of different groups are never read as competing counts of the same thing.
* **Voices.** A figure's claimant speaks for itself; an unattributed figure speaks for its outlet,
  or for its own document when the outlet is unknown (two unattributed reports are two voices).
  Per voice the numbers of its most recently published report count.
* **Intervals.** Each number is an interval: exact 12 = [12, 12], "at least 5" = [5, ∞),
  "more than 10" = [11, ∞), "about 200" = [180, 220], "nearly 200" = [180, 200], "up to 80" = [0, 80],
  "dozens" = [24, ∞). A voice's interval is the hull of its numbers.
* **Conflict** = two voices whose intervals for the same group do not overlap ("at least 5" against
  4 is one; "at least 8" against 12 is not). An outlet's own number beside a different number that
  the same report attributes to a named claimant is that outlet reporting two numbers itself
  (``claimant_values``), not a dispute between the two.
* **Per group** ``best`` = the number most voices give; ties go to a named claimant over an outlet's
  own voice, then to exact numbers, then to the larger. ``low``/``high`` = the smallest/largest
  current number (or a stated upper bound).
* **Headline** (the top-level numbers) = the reconciled total. Without a total figure: the one
  group; groups known to be disjoint (civilians, a party's soldiers, another party's fighters,
  perpetrators; different nationalities) are summed; otherwise the group most voices speak about.
* **Consistent**: subgroups that sum to no more than the total (per set of disjoint groups) agree
  with it; a larger sum sets ``consistent`` false (shown, not a conflict between claimants).
* ``sources`` = voice -> every figure_id behind its number; ``reports`` and ``summary`` say in
  words who reported which number, so the JSON, the CLI and the web view show the same thing.

``injured`` counts measure ``injured`` only; ``critically_injured`` is reconciled separately
(it is usually a subset of the injured already counted, so adding it would double count).
"""
from __future__ import annotations

import math
import re

MEASURES = {"fatalities": "killed", "injured": "injured", "critically_injured": "critically_injured"}
UNNAMED = {"", "unattributed", "unknown", "unnamed", "none"}
EXACT = {"exact", "about", "nearly"}

# -- victim groups: vocabularies grouped by purpose (head nouns, matched on word starts) ------------
TOTAL_WORDS = ("people", "persons", "person", "individuals", "victims", "others", "other", "more", "casualties",
               "lives", "bodies", "dead")
GROUP_WORDS = (
    ("perpetrators", ("perpetrator", "attacker", "assailant", "gunman", "gunmen", "shooter", "bomber", "hijacker")),
    ("security forces", ("soldier", "troop", "officer", "police", "policem", "security", "personnel", "servicem",
                         "service member", "reservist", "guard", "army", "gendarme", "trooper", "conscript",
                         "recruit", "marine", "sailor", "pilot", "commando")),
    ("fighters", ("fighter", "militant", "combatant", "insurgent", "rebel", "militiam", "jihadist", "terrorist")),
    ("children", ("child", "minor", "kid", "boy", "girl", "teen", "infant", "baby", "babies", "toddler", "student",
                  "pupil", "schoolchild")),
    ("women", ("woman", "women", "mother")),
    ("civilians", ("civilian", "resident", "villager", "farmer", "worshipper", "passenger", "pilgrim", "shopper",
                   "bystander", "pedestrian", "family", "families", "relative", "man", "men", "protester",
                   "protestor", "demonstrator", "rioter", "mourner", "shepherd", "herder", "trader", "driver")),
)
NATIONAL_HEADS = ("citizen", "national", "resident")
# groups whose members cannot also be in another of these (for the disjoint sum and consistency)
ROLES = ("security forces", "fighters", "perpetrators", "civilians")
CIVILIAN_PARTS = ("children", "women")


def _plural_base(word: str) -> str:
    w = word.strip("’'").rstrip("s") if word.endswith("s") and not word.endswith("ss") else word
    return w[:-1] if w.endswith("e") and w[:-1].endswith(("ni", "li", "ki")) else w


def victim_group(victims: str | None) -> tuple[str, str, str]:
    """(kind, party, label) of a victims phrase: ("total", "", "people"), ("security forces",
    "Israeli", "Israeli security forces"), ("nationality", "Pakistani", "Pakistani nationals")."""
    v = re.sub(r"\s+", " ", (victims or "").strip())
    low = v.lower()
    words = low.split()
    if not words or all(w in TOTAL_WORDS for w in words[-1:]) and not any(w[:1].isupper() for w in v.split()[:-1]):
        return "total", "", "people"
    toks = v.split()
    party = next((t for t in toks[:-1] if t[:1].isupper() and t.lower() not in ("the", "a", "an")), "")
    for kind, stems in GROUP_WORDS:
        if any(re.search(rf"\b{re.escape(s)}", low) for s in stems):
            if kind in ("security forces", "fighters"):
                return kind, party, f"{party} {kind}".strip()
            if kind == "civilians" and party:
                return "nationality", _plural_base(party), f"{_plural_base(party)} nationals"
            return kind, "", kind
    head = toks[-1]
    if head[:1].isupper():                       # "Pakistanis", "Lebanese"
        return "nationality", _plural_base(head), f"{_plural_base(head)} nationals"
    if head.lower().rstrip("s") in NATIONAL_HEADS and party:
        return "nationality", _plural_base(party), f"{_plural_base(party)} nationals"
    if words[-1] in TOTAL_WORDS:
        return "total", "", "people"
    return "other", head.lower(), head.lower()


def victim_class(victims: str | None) -> str:
    """The label of a victims phrase's group (kept for callers that key series by it)."""
    return victim_group(victims)[2]


def _disjoint(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two groups (kind, party) cannot share members."""
    (ka, pa), (kb, pb) = a, b
    if (ka, pa) == (kb, pb):
        return False
    if ka in ROLES and kb in ROLES:
        return True                                  # a party's soldiers vs another's, civilians vs fighters
    if ka == kb == "nationality":
        return True
    for (k1, p1), (k2, p2) in ((a, b), (b, a)):
        if k1 == "nationality" and k2 in ("security forces", "fighters") and p2:
            return _plural_base(p2).lower() != p1.lower()
        if k1 in CIVILIAN_PARTS and k2 in ("security forces", "fighters", "perpetrators", *CIVILIAN_PARTS):
            return True                              # women and children: counted apart
    return False


# -- numbers as intervals ---------------------------------------------------------------------------
def _number(f: dict) -> int | None:
    """The number a figure states: "more than 13" states 13 (its ``low`` is 14), as coders record it."""
    if f.get("value") is not None:
        return f.get("value")
    if f.get("qualifier") == "more_than" and f.get("low") is not None:
        return f["low"] - 1
    return f.get("low")


def interval(f: dict) -> tuple[float, float]:
    """The range of counts a figure allows (``math.inf`` for an open upper end)."""
    q = f.get("qualifier") or "exact"
    v, lo, hi = f.get("value"), f.get("low"), f.get("high")
    if q == "about" and v is not None:
        tol = max(1, math.ceil(0.1 * v))
        return v - tol, v + tol
    if q == "nearly" and v is not None:
        return v - max(1, math.ceil(0.1 * v)), v
    if q == "up_to":
        return 0, hi if hi is not None else (v if v is not None else math.inf)
    if q in ("at_least", "more_than", "vague"):
        return (lo if lo is not None else v or 0), math.inf
    n = _number(f)
    return (n, n) if n is not None else (0, math.inf)


def _hull(figs: list[dict]) -> tuple[float, float]:
    ivs = [interval(f) for f in figs]
    return min(a for a, _ in ivs), max(b for _, b in ivs)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# -- voices -------------------------------------------------------------------------------------------
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


def _voices(figs: list[dict], docs: dict[str, dict]):
    by_key: dict[str, list[dict]] = {}
    names: dict[str, tuple[str, bool]] = {}
    for f in figs:
        name, named = claimant_of(f, docs)
        by_key.setdefault(name.casefold(), []).append(f)
        names.setdefault(name.casefold(), (name, named))
    current: dict[str, list[dict]] = {}          # voice -> the figures of its latest report
    sources: dict[str, list[str]] = {}
    named: dict[str, bool] = {}
    for key, fs in sorted(by_key.items()):
        name = names[key][0]
        latest = max((docs.get(f.get("doc_id")) or {}).get("published") or "" for f in fs)
        current[name] = [f for f in fs if ((docs.get(f.get("doc_id")) or {}).get("published") or "") == latest]
        sources[name] = sorted(f["figure_id"] for f in fs)
        named[name] = names[key][1]
    return current, sources, named


def _relayed(current: dict[str, list[dict]], named: dict[str, bool], hulls: dict) -> dict[str, list[str]]:
    """Outlet voices whose own number differs from one their own report attributes to a named
    claimant: the outlet reports two numbers itself. Shown as such; not a dispute between voices."""
    out: dict[str, list[str]] = {}
    for o, own in current.items():
        if named[o]:
            continue
        docs = {f.get("doc_id") for f in own}
        for c, fs in current.items():
            if named[c] and any(f.get("doc_id") in docs for f in fs) \
                    and not _overlap(hulls[o], _hull([f for f in fs if f.get("doc_id") in docs])):
                out.setdefault(o, []).append(c)
    return out


def _one_group(figs: list[dict], docs: dict[str, dict]) -> dict:
    current, sources, named = _voices(figs, docs)
    said = {c: sorted({_number(f) for f in fs}) for c, fs in current.items()}
    echo = {v: sum(v in vs for vs in said.values()) for vs in said.values() for v in vs}
    by_claimant = {c: max(vs, key=lambda v: (echo[v], v)) for c, vs in said.items()}
    chosen = {c: next(f for f in current[c] if _number(f) == v) for c, v in by_claimant.items()}
    support: dict[int, list[int]] = {}
    for c, f in chosen.items():
        s = support.setdefault(by_claimant[c], [0, 0, 0])
        s[0] += 1
        s[1] += named[c]
        s[2] += f.get("value") is not None and (f.get("qualifier") or "exact") in EXACT
    best = max(support, key=lambda v: (*support[v], v))
    live = [f for fs in current.values() for f in fs]
    nums = [_number(f) for f in live]
    highs = [f["high"] for f in live if f.get("high") is not None]
    hulls = {c: _hull(fs) for c, fs in current.items()}
    relayed = _relayed(current, named, hulls)
    disputes = []
    voices = sorted(current)
    for i, a in enumerate(voices):
        for b in voices[i + 1:]:
            if a not in relayed and b not in relayed and not _overlap(hulls[a], hulls[b]):
                disputes.append([a, b])
    victims = sorted((f.get("victims") or "" for f in figs), key=lambda v: (-sum(g.get("victims") == v for g in figs), v))
    out = {"low": min(nums), "best": best, "high": max(nums + highs), "by_claimant": by_claimant,
           "conflict": bool(disputes), "sources": sources, "victims": victims[0] or None}
    if disputes:
        out["disputes"] = disputes
    several = {c: vs for c, vs in said.items() if len(vs) > 1}
    if several:
        out["claimant_values"] = several            # a report giving two numbers for one event
    out["reports"] = [{"claimant": c, "named": named[c], "values": said[c],
                       "qualifiers": sorted({f.get("qualifier") or "exact" for f in current[c]}),
                       "doc_ids": sorted({f.get("doc_id") for f in current[c]}),
                       **({"same_report_attributes": relayed[c]} if c in relayed else {})} for c in voices]
    return out


def _say(r: dict) -> str:
    words = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "nearly": "nearly ",
             "up_to": "up to ", "vague": "at least "}
    q = r["qualifiers"][0] if len(r["qualifiers"]) == 1 else "exact"
    vals = " and ".join(f"{words.get(q, '')}{v:,}" for v in r["values"])
    own = "" if r["named"] else " (in its own words)" if not r["claimant"].startswith("unattributed") else ""
    two = "; one report gives two numbers" if len(r["values"]) > 1 else ""
    if r.get("same_report_attributes"):
        two += f"; the same report attributes another number to {' and '.join(r['same_report_attributes'])}"
    return f"{r['claimant']}{own}: {vals}{two}"


def _summary(groups: dict[str, dict], head: str) -> str:
    parts = []
    for label, g in sorted(groups.items(), key=lambda kv: (kv[0] != head, kv[0])):
        said = "; ".join(_say(r) for r in g["reports"])
        flag = " — claimants disagree" if g["conflict"] else ""
        parts.append(f"{label}: {said}{flag}")
    return ". ".join(parts)


def _consistent(groups: dict[tuple, dict]) -> bool:
    """Subgroups summing to no more than the total agree with it. Summed together: the roles
    (security forces, fighters, civilians), the nationalities; children and women each alone.
    Perpetrators are often counted apart from the total, so they are left out."""
    total = groups.get(("total", ""))
    if total is None:
        return True
    ceiling = max(_hull_of(r) for r in [total])
    parts = [[k for k in groups if k[0] in ROLES and k[0] != "perpetrators"],
             [k for k in groups if k[0] == "nationality"],
             *[[k] for k in groups if k[0] in CIVILIAN_PARTS]]
    return all(sum(groups[k]["low"] for k in part) <= ceiling for part in parts if part)


def _hull_of(r: dict) -> float:
    """The largest count a reconciled group allows (open when a voice said "at least")."""
    open_ended = any(set(x["qualifiers"]) & {"at_least", "more_than", "vague"} for x in r["reports"])
    return math.inf if open_ended else r["high"]


def reconcile_measure(figures: list[dict], docs: dict[str, dict]) -> dict | None:
    """low/best/high/by_claimant/conflict for one event and one measure; None without figures."""
    figs = [f for f in figures if not f.get("period") and _number(f) is not None]
    if not figs:
        return None
    by_group: dict[tuple, list[dict]] = {}
    labels: dict[tuple, str] = {}
    for f in figs:
        kind, party, label = victim_group(f.get("victims"))
        by_group.setdefault((kind, party), []).append(f)
        labels[(kind, party)] = label
    results = {k: {**_one_group(v, docs), "group": labels[k]} for k, v in by_group.items()}
    keys = sorted(results, key=lambda k: (-len(results[k]["by_claimant"]), -results[k]["best"], labels[k]))
    if ("total", "") in results:
        head_key = ("total", "")
    else:
        head_key = keys[0]
    main = dict(results[head_key])
    if ("total", "") not in results and len(keys) > 1 and all(_disjoint(a, b) for i, a in enumerate(keys)
                                                               for b in keys[i + 1:]):
        main = _sum_of(results, keys)
    main["other_victims"] = [results[k] for k in keys if k != head_key or main.get("group") == "sum of groups"]
    main["groups"] = {labels[k]: results[k] for k in keys}
    main["conflict"] = any(r["conflict"] for r in results.values())
    main["consistent"] = _consistent(results)
    main["summary"] = _summary(main["groups"], labels[head_key] if main.get("group") != "sum of groups" else "")
    return main


def _sum_of(results: dict[tuple, dict], keys: list[tuple]) -> dict:
    """A headline for disjoint groups without a total: their sum (per voice, the groups it spoke of)."""
    rs = [results[k] for k in keys]
    by_claimant: dict[str, int] = {}
    sources: dict[str, list[str]] = {}
    for r in rs:
        for c, v in r["by_claimant"].items():
            by_claimant[c] = by_claimant.get(c, 0) + v
            sources[c] = sorted(set(sources.get(c, [])) | set(r["sources"].get(c, [])))
    return {"low": sum(r["low"] for r in rs), "best": sum(r["best"] for r in rs),
            "high": sum(r["high"] for r in rs), "by_claimant": by_claimant, "conflict": False,
            "sources": sources, "victims": ", ".join(r["group"] for r in rs), "group": "sum of groups",
            "reports": [x for r in rs for x in r["reports"]]}


def reconcile_figures(figures: list[dict], docs: dict[str, dict]) -> dict[str, dict | None]:
    """Every reconciled measure of one event: {"fatalities": ..., "injured": ..., ...}."""
    return {field: reconcile_measure([f for f in figures if f.get("measure") == m], docs)
            for field, m in MEASURES.items()}
