"""Framing records read from the store, and the two views built on them.

``records(store)``: one ``kind: framing`` record per loaded term an outlet used (an addition to the
export contract). ``outlet_profile(...)``: an outlet's terms per 1,000 words against the corpus
average, with the counts. ``event_comparison(...)``: for one merged event, each report's words for
the act, the dead and the forces, side by side. The CLI (``newsledger framing``) and the web view
(``/framing/...``) both read through here.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..ids import span_id
from ..store import Store

_WORD = re.compile(r"\w+")
# Columns of the side-by-side view: the words for the forces, for the act, for the dead, and how the
# death is told (agency); place labels last.
COLUMNS = (("actor_label", "Forces and actors"), ("act_term", "The act"), ("victim_term", "The dead"),
           ("agency", "Agency"), ("place_label", "Places"))


def _segment(doc: dict, offset: int) -> int:
    for i, s in enumerate(doc.get("segments") or []):
        if s.get("start", 0) <= offset < s.get("end", 0):
            return i
    return 0


def framing_record(doc: dict, f: dict, event_id: str | None) -> dict:
    ev = f.get("evidence") or {}
    return {"kind": "framing",
            "framing_id": span_id("fr", doc["doc_id"], ev.get("start"), ev.get("end"), f.get("category")),
            "doc_id": doc["doc_id"], "outlet": doc.get("outlet"), "term": f.get("term"),
            "category": f.get("category"), "neutral": f.get("neutral"), "side": f.get("side"),
            "conflict": f.get("conflict"), "usage": f.get("usage"), "rule": f.get("rule") or "",
            "event_id": event_id, "evidence": ev}


def _events_by_place(events: list[dict], docs: dict[str, dict]) -> dict[tuple[str, int], set[str]]:
    """(doc_id, segment) -> the merged events whose evidence lies there."""
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in events:
        for ev in e.get("evidence") or []:
            d = docs.get(ev.get("doc_id"))
            if d is not None:
                out[(d["doc_id"], _segment(d, ev.get("start") or 0))].add(e["event_id"])
        for did in e.get("doc_ids") or []:
            if did in docs and not any(k[0] == did for k in out if e["event_id"] in out[k]):
                out[(did, 0)].add(e["event_id"])
    return out


def records(store: Store, docs: list[dict] | None = None, events: list[dict] | None = None) -> Iterator[dict]:
    """Every framing record, with ``event_id`` when exactly one event is told where the term is."""
    from . import records as contract
    docs = docs if docs is not None else list(contract.documents(store, with_text=False))
    events = events if events is not None else list(contract.events(store))
    by_id = {d["doc_id"]: d for d in docs}
    where = _events_by_place(events, by_id)
    for d in docs:
        for f in d.get("framing") or []:
            ids = where.get((d["doc_id"], _segment(d, (f.get("evidence") or {}).get("start") or 0))) or set()
            yield framing_record(d, f, next(iter(ids)) if len(ids) == 1 else None)


# -- an outlet's profile ---------------------------------------------------------------------

@dataclass
class Rate:
    category: str
    term: str
    neutral: str
    count: int                 # times this outlet used it
    per_1000: float            # per 1,000 words of this outlet
    corpus_count: int          # times all outlets used it
    corpus_per_1000: float     # per 1,000 words of the whole corpus


@dataclass
class Profile:
    outlet: str
    n_docs: int
    n_words: int
    corpus_docs: int
    corpus_words: int
    rates: list[Rate] = field(default_factory=list)
    by_category: list[tuple[str, int, float, int, float]] = field(default_factory=list)


def _words(doc: dict) -> int:
    return len(_WORD.findall(doc.get("text") or ""))


def outlets(docs: list[dict]) -> list[tuple[str, int]]:
    """Outlets with how many documents each has, most first (unknown outlets as "unknown")."""
    return Counter(d.get("outlet") or "unknown" for d in docs).most_common()


def outlet_profile(docs: list[dict], outlet: str) -> Profile | None:
    """``outlet``'s framing terms per 1,000 words against the corpus average (documents with text)."""
    mine = [d for d in docs if (d.get("outlet") or "unknown").casefold() == outlet.casefold()]
    if not mine:
        return None
    words = {d["doc_id"]: _words(d) for d in docs}
    n_mine, n_all = sum(words[d["doc_id"]] for d in mine), sum(words.values())
    key = lambda f: (f.get("category"), (f.get("term") or "").casefold(), f.get("neutral"))
    all_counts = Counter(key(f) for d in docs for f in d.get("framing") or [])
    my_counts = Counter(key(f) for d in mine for f in d.get("framing") or [])
    shown = {}
    for d in mine:
        for f in d.get("framing") or []:
            shown.setdefault(key(f), f.get("term") or "")     # the first form as written
    per = lambda n, w: round(1000.0 * n / w, 2) if w else 0.0
    prof = Profile(mine[0].get("outlet") or "unknown", len(mine), n_mine, len(docs), n_all)
    prof.rates = sorted((Rate(c, shown[(c, t, n)], n, k, per(k, n_mine), all_counts[(c, t, n)], per(all_counts[(c, t, n)], n_all))
                         for (c, t, n), k in my_counts.items()), key=lambda r: (r.category, -r.count, r.term))
    for cat, _ in COLUMNS:
        k = sum(v for (c, _, _), v in my_counts.items() if c == cat)
        ka = sum(v for (c, _, _), v in all_counts.items() if c == cat)
        prof.by_category.append((cat, k, per(k, n_mine), ka, per(ka, n_all)))
    return prof


# -- one event, side by side ------------------------------------------------------------------

@dataclass
class Report:
    doc_id: str
    outlet: str
    title: str | None
    published: str | None
    cells: dict[str, list[dict]]          # category -> framing dicts (term, neutral, side, evidence, count)

    @property
    def n_terms(self) -> int:
        return sum(len(v) for v in self.cells.values())


def event_words(store: Store, event: dict) -> list[dict]:
    """The event word each report used ("raid", "incursion", "aggression"), as view entries for the act
    column: read from the document mentions merged into ``event`` (or the mention itself before reconcile)."""
    ids = [r["mention_id"] for r in store.rows("event_links", where=lambda t: t.c.event_id == event["event_id"])]
    ids = ids or [event["event_id"]]
    out = []
    for m in store.records("event_mentions", where=lambda t: t.c.mention_id.in_(ids)):
        ev = (m.get("evidence") or [{}])[0]
        if m.get("trigger") and ev.get("doc_id"):
            out.append({"term": m["trigger"], "neutral": f"{m.get('event_type')}: {m.get('sub_event_type')}",
                        "category": "act_term", "side": None, "evidence": ev, "source": "event word"})
    return out


def casualty_words(figures: Iterable[dict]) -> list[dict]:
    """How each report told the dead: the sentence part of each ``killed`` figure, for the dead column."""
    short = lambda t: t if len(t) <= 160 else t[:157].rstrip() + "…"
    return [{"term": short(f["evidence"]["text"]), "neutral": f"killed: {f.get('value') if f.get('value') is not None else f.get('low')}"
             f" {f.get('victims') or ''} ({f.get('claimant') or 'unattributed'})".rstrip(),
             "category": "victim_term", "side": None, "evidence": f["evidence"], "source": "figure"}
            for f in figures if f.get("measure") == "killed" and f.get("evidence")]


def event_comparison(event: dict, docs: dict[str, dict], extra: Iterable[dict] = ()) -> list[Report]:
    """Each report of ``event``: its framing terms, by category, from the segments that tell the event;
    ``extra`` adds view entries with their own evidence (event words, casualty sentences) to their report."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for x in extra:
        by_doc[x["evidence"]["doc_id"]].append(x)
    segs: dict[str, set[int]] = defaultdict(set)
    for ev in event.get("evidence") or []:
        d = docs.get(ev.get("doc_id"))
        if d is not None:
            segs[d["doc_id"]].add(_segment(d, ev.get("start") or 0))
    out = []
    for did in event.get("doc_ids") or []:
        d = docs.get(did)
        if d is None:
            continue
        keep = segs.get(did) or set(range(max(1, len(d.get("segments") or []))))
        cells: dict[str, list[dict]] = {c: [] for c, _ in COLUMNS}
        seen: dict[tuple, dict] = {}
        for x in by_doc.get(did, []):
            cells[x["category"]].append({**x, "count": 1})
        for f in d.get("framing") or []:
            if _segment(d, (f.get("evidence") or {}).get("start") or 0) in keep and f.get("category") in cells:
                key = (f["category"], (f.get("term") or "").casefold(), f.get("neutral"), f.get("side"))
                if key in seen:
                    seen[key]["count"] += 1          # the same word again: counted, shown once (first use)
                    continue
                seen[key] = {**f, "count": 1}
                cells[f["category"]].append(seen[key])
        out.append(Report(did, d.get("outlet") or (d.get("source") or did).rsplit("/", 1)[-1], d.get("title"), d.get("published"), cells))
    return sorted(out, key=lambda r: (r.published or "", r.outlet, r.doc_id))
