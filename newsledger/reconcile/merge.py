"""Cross-document merging of event mentions: a pure function over records (no database).

``merge(mentions)`` returns clusters: each a merged event id, its member mention ids and, per
member, the decision (rule, score, features, the mention it was joined to) that
``Store.replace_events`` keeps in ``event_links.decision`` so every merge can be inspected and
undone.

Clustering is a deterministic union-find over the candidate pairs that score at least
``MERGE_THRESHOLD``, taken best first in a total order (score, then the two mention ids), with
two constraints: a cluster's members are all dated within ``MAX_GAP_DAYS`` of each other (no chain
of daily incidents at one place), and a cluster never holds two mentions sharing an *exclusive key* — their document
(``doc:<id>``: the per-document stage already decided those are distinct, so a listing page's
three raids in one city never collapse) or a split made by ``unmerge`` (``split:<event>``).
Since the pairs, their scores and the order depend only on the set of mentions, the result is
the same whatever order the mentions come in, and running it again changes nothing.

The greedy union only ever joins mentions linked by a path of above-threshold pairs, so each
connected component of that graph can be clustered alone: ``closure`` finds the components
touching new mentions, which is what an incremental reconcile recomputes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

from ..ids import digest
from .blocking import Index
from .features import MAX_GAP_DAYS, MERGE_THRESHOLD, UNDATED_MARGIN, Table, score_pairs

FEATURES = ("date", "place", "km", "type", "actor", "text", "undated")


def event_id_for(member_ids: Iterable[str]) -> str:
    """A merged event's id: stable as long as its smallest member stays in it."""
    return "E" + digest(min(member_ids))


@dataclass
class Cluster:
    event_id: str
    members: list[str]
    decisions: dict[str, dict] = field(default_factory=dict)


@dataclass
class Edges:
    """Scored candidate pairs (indexes into a Table)."""

    I: np.ndarray
    J: np.ndarray
    f: dict[str, np.ndarray]

    @classmethod
    def empty(cls) -> "Edges":
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, {k: np.zeros(0) for k in (*FEATURES, "score")})

    @classmethod
    def concat(cls, parts: list["Edges"]) -> "Edges":
        parts = [p for p in parts if len(p.I)] or [cls.empty()]
        return cls(np.concatenate([p.I for p in parts]), np.concatenate([p.J for p in parts]),
                   {k: np.concatenate([p.f[k] for p in parts]) for k in parts[0].f})


def score(t: Table, idx: Index, rows: Iterable[int] | None = None) -> Edges:
    I, J = idx.pairs(rows)
    return Edges(I, J, score_pairs(t, I, J))


def closure(t: Table, idx: Index, seeds: Iterable[int], groups: list[list[int]] | None = None
            ) -> tuple[set[int], Edges]:
    """The mentions linked to ``seeds`` by above-threshold pairs, and every pair scored on the way.

    ``groups`` (the current clusters, as index lists) are pulled in whole: a cluster that a new
    mention reaches is rewritten, so all its members are re-decided.
    """
    group_of = {i: g for g in (groups or []) for i in g}
    seen: set[int] = set()
    frontier = set(seeds)
    parts = []
    while frontier:
        for i in list(frontier):
            frontier |= set(group_of.get(i, ()))
        frontier -= seen
        seen |= frontier
        e = score(t, idx, sorted(frontier))
        parts.append(e)
        hit = e.f["score"] >= MERGE_THRESHOLD
        frontier = (set(e.I[hit].tolist()) | set(e.J[hit].tolist())) - seen
    edges = Edges.concat(parts)
    # each pair once (a pair between two frontier mentions is scored from both sides)
    n = max(len(t.ids), 1)
    _, first = np.unique(edges.I * n + edges.J, return_index=True)
    return seen, Edges(edges.I[first], edges.J[first], {k: v[first] for k, v in edges.f.items()})


def _decision(t: Table, edges: Edges, k: int, other: int, rule: str) -> dict:
    return {"rule": rule, "score": float(edges.f["score"][k]), "with": t.ids[other],
            "features": {name: (None if np.isnan(edges.f[name][k]) else round(float(edges.f[name][k]), 4))
                         for name in FEATURES},
            "threshold": MERGE_THRESHOLD}


def _apart(t: Table, a: int, b: int) -> bool:
    """Two dated mentions whose dates cannot be one incident."""
    return max(t.start[a], t.start[b]) - min(t.end[a], t.end[b]) > MAX_GAP_DAYS


def undated_best(t: Table, edges: Edges) -> np.ndarray:
    """Scores with each undated mention's pairs cut to its best partner's date (0 elsewhere).

    An undated mention keeps its above-threshold pairs with mentions dated like its best partner,
    and only when its best pair beats every pair with a mention dated otherwise by
    ``UNDATED_MARGIN``; otherwise (ambiguous: which of the raids in this town?) it keeps none.
    """
    s = edges.f["score"].copy()
    und = np.flatnonzero(edges.f["undated"] > 0)
    by: dict[int, list[int]] = {}
    for k in und.tolist():
        u = int(edges.I[k]) if t.start[edges.I[k]] < 0 else int(edges.J[k])
        by.setdefault(u, []).append(k)
    for u, ks in by.items():
        other = {k: int(edges.J[k]) if int(edges.I[k]) == u else int(edges.I[k]) for k in ks}
        good = sorted((k for k in ks if s[k] >= MERGE_THRESHOLD), key=lambda k: (-s[k], t.ids[other[k]]))
        if not good:
            continue
        best = other[good[0]]
        rivals = [k for k in good if _apart(t, best, other[k])]
        if rivals and s[good[0]] - s[rivals[0]] < UNDATED_MARGIN:
            rivals = good
        for k in rivals:
            s[k] = 0.0
    return s


def cluster(t: Table, rows: Iterable[int], edges: Edges, exclusive: dict[str, set[str]] | None = None
            ) -> list[Cluster]:
    """Union-find over ``edges`` restricted to ``rows``, best pair first, honouring exclusive keys."""
    rows = sorted(set(rows))
    exclusive = exclusive or {}
    rank = {i: r for r, i in enumerate(sorted(rows, key=lambda i: t.ids[i]))}
    parent = {i: i for i in rows}
    keys = {i: {f"doc:{t.docs[i]}"} | set(exclusive.get(t.ids[i], ())) for i in rows}
    # per cluster: the latest start and the earliest end of its dated members; two clusters join
    # only when every member's dates stay within MAX_GAP_DAYS of every other's (no chains of
    # daily incidents at one place: 13th ~ 14th ~ 15th is not one event)
    latest = {i: int(t.start[i]) for i in rows}
    earliest = {i: int(t.end[i]) if t.start[i] >= 0 else 1 << 40 for i in rows}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    mask = np.zeros(len(t.ids), dtype=bool)
    mask[rows] = True
    rank_of = np.zeros(len(t.ids), dtype=np.int64)
    for i, r in rank.items():
        rank_of[i] = r
    s = undated_best(t, edges)
    ks = np.flatnonzero(mask[edges.I] & mask[edges.J] & (s > 0))
    ri, rj = rank_of[edges.I[ks]], rank_of[edges.J[ks]]
    lo, hi = np.minimum(ri, rj), np.maximum(ri, rj)
    ks = ks[np.lexsort((hi, lo, -s[ks]))]
    best: dict[int, dict] = {}
    for k in ks.tolist():
        i, j = int(edges.I[k]), int(edges.J[k])
        a, b = find(i), find(j)
        if s[k] < MERGE_THRESHOLD:
            rule = "below_threshold"
        elif a == b:
            rule = "merged"
        elif keys[a] & keys[b]:
            rule = "blocked_exclusive"          # same document (or split by hand) already there
        elif max(latest[a], latest[b]) - min(earliest[a], earliest[b]) > MAX_GAP_DAYS:
            rule = "blocked_dates"              # some member's date is too far from another's
        else:
            if rank[a] > rank[b]:
                a, b = b, a
            parent[b] = a
            keys[a] |= keys.pop(b)
            latest[a], earliest[a] = max(latest[a], latest.pop(b)), min(earliest[a], earliest.pop(b))
            rule = "merged"
        for x, y in ((i, j), (j, i)):
            if x not in best or (best[x]["rule"] != "merged" and rule == "merged"):
                best[x] = _decision(t, edges, k, y, rule)
    members: dict[int, list[int]] = {}
    for i in rows:
        members.setdefault(find(i), []).append(i)
    out = []
    for ms in members.values():
        ids = sorted(t.ids[i] for i in ms)
        c = Cluster(event_id_for(ids), ids)
        for i in ms:
            d = best.get(i)
            if d is None:
                d = {"rule": "alone" if t.mergeable(i) else "not_mergeable"}
            elif len(ms) == 1 or d["rule"] != "merged":
                d = {"rule": "alone", "best_candidate": d}
            split = sorted(x for x in exclusive.get(t.ids[i], ()) if x.startswith("split:"))
            if split:
                d["splits"] = split
            c.decisions[t.ids[i]] = d
        out.append(c)
    return sorted(out, key=lambda c: c.event_id)


def merge(mentions: list[dict], exclusive: dict[str, set[str]] | None = None) -> list[Cluster]:
    """Cluster every mention (full recompute): the pure entry point the benchmark times."""
    t = Table.build(mentions)
    idx = Index(t)
    return cluster(t, range(len(t.ids)), score(t, idx), exclusive)
