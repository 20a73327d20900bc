"""Server-rendered pages (Jinja2 with autoescape; no scripts): events, an event, a map, documents,
claims. Query values are read defensively: anything malformed is ignored, never an error."""
from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from . import charts
from .highlight import Span, highlight
from .ledger import Snapshot
from .query import ClaimFilter, EventFilter, figure_label, figure_table, flagged_measures

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 200
ACLED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")       # ASCII digits only ("²" is a digit to str.isdigit)
_NUMBER = re.compile(r"^[0-9]{1,11}$")


def _day(value: str | None) -> str | None:
    """A "YYYY-MM-DD" form value, or None when empty or not a real day."""
    if not value or not _DAY.match(value):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _filter(request: Request) -> EventFilter:
    q = request.query_params
    return EventFilter(place=q.get("place") or None, date_from=_day(q.get("date_from")),
                       date_to=_day(q.get("date_to")), event_type=q.get("type") or None,
                       actor=q.get("actor") or None)


def _int(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if _NUMBER.match(value) else None


def _types(snap: Snapshot) -> list[str]:
    return sorted(set(ACLED_TYPES) | {e["event_type"] for e in snap.events if e.get("event_type")})


def render(request: Request, name: str, status_code: int = 200, **context):
    snap = request.app.state.ledger.snapshot()
    context = {"titles": snap.titles, "ready": snap.ready, **context}
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def snapshot(request: Request) -> Snapshot:
    return request.app.state.ledger.snapshot()


def evidence_url(ev: dict) -> str:
    return f"/documents/{ev['doc_id']}?start={ev['start']}&end={ev['end']}#mark"


@router.get("/")
def events(request: Request):
    snap = snapshot(request)
    flt = _filter(request)
    found = flt.apply(snap.events)
    offset = _int(request, "offset") or 0
    return render(request, "events.html", title="Events", flt=flt, events=found[offset:offset + PAGE],
                  total=len(found), offset=offset, page=PAGE, types=_types(snap), timeline=charts.timeline(found),
                  n_all=len(snap.events))


@router.get("/map")
def event_map(request: Request):
    snap = snapshot(request)
    flt = _filter(request)
    found = flt.apply(snap.events)
    view = charts.event_map(found)
    unplaced = sum(1 for e in found if (e.get("location") or {}).get("lat") is None)
    return render(request, "map.html", title="Map", flt=flt, view=view, total=len(found), unplaced=unplaced,
                  types=_types(snap))


@router.get("/events/{event_id}")
def event(request: Request, event_id: str):
    snap = snapshot(request)
    ev = snap.events_by_id.get(event_id)
    if ev is None:
        raise HTTPException(404, "No such event.")
    figs = snap.event_figures(ev)
    return render(request, "event.html", title=f"{ev.get('event_type')} — {(ev.get('location') or {}).get('name')}",
                  ev=ev, reports=snap.reports(ev), table=figure_table(figs, flagged_measures(ev)),
                  claims=snap.event_claims(ev), n_figures=len(figs), sources=snap.source_names(),
                  framing=[(d, framing_rows(d)) for d in snap.reports(ev) if d.get("framing")])


@router.get("/documents")
def documents(request: Request):
    docs = sorted(snapshot(request).documents.values(), key=lambda d: (d.get("published") or "", d["doc_id"]),
                  reverse=True)
    return render(request, "documents.html", title="Documents", docs=docs)


def _spans(doc: dict, snap: Snapshot, places: list[dict], mark: tuple[int, int] | None) -> list[Span]:
    spans = [Span(c["evidence"]["start"], c["evidence"]["end"], "claim",
                  f"claim: {c.get('speaker_canonical') or c.get('speaker')} ({c.get('cue') or ''})",
                  f"claim-{c['claim_id']}") for c in snap.claims_by_doc.get(doc["doc_id"], [])]
    spans += [Span(f["evidence"]["start"], f["evidence"]["end"], "figure",
                   f"{f['measure']}: {figure_label(f)} {f.get('victims') or ''} — {f.get('claimant') or ''}",
                   f"figure-{f['figure_id']}") for f in snap.figures_by_doc.get(doc["doc_id"], [])]
    spans += [Span(p["start"], p["end"], "place", f"place: {p.get('canonical') or p['text']}") for p in places]
    spans += [Span(f["evidence"]["start"], f["evidence"]["end"], "framing",
                   f"framing: {f.get('term')} (neutral: {f.get('neutral')})", f"framing-{i}")
              for i, f in enumerate(doc.get("framing") or []) if f.get("evidence")]
    if mark:
        spans.append(Span(mark[0], mark[1], "mark", "the evidence you followed", "mark"))
    return spans


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str):
    start, end = _int(request, "start"), _int(request, "end")
    led = request.app.state.ledger
    doc = led.document(doc_id)
    if doc is None:
        raise HTTPException(404, "No such document.")
    snap = led.snapshot()
    mark = (start, end) if start is not None and end is not None and 0 <= start < end <= len(doc["text"]) else None
    places = led.places(doc_id)
    events = [e for e in snap.events if doc_id in (e.get("doc_ids") or [])]
    return render(request, "document.html", title=snap.titles.get(doc_id) or "Untitled report", doc=doc,
                  text=highlight(doc["text"], _spans(doc, snap, places, mark)), mark=mark,
                  claims=snap.claims_by_doc.get(doc_id, []), figures=snap.figures_by_doc.get(doc_id, []),
                  places=places, events=events, framing=framing_rows(doc))


def framing_rows(doc: dict) -> list[dict]:
    """The document's framing records, one row per term (with how often the outlet used it)."""
    rows: dict[tuple, dict] = {}
    for i, f in enumerate(doc.get("framing") or []):
        key = (f.get("category"), f.get("term"), f.get("neutral"))
        row = rows.setdefault(key, {"category": (f.get("category") or "").replace("_", " "), "term": f.get("term"),
                                    "neutral": f.get("neutral"), "n": 0, "anchor": f"framing-{i}"})
        row["n"] += 1
    return sorted(rows.values(), key=lambda r: (r["category"], (r["term"] or "").casefold()))


@router.get("/claims")
def claims(request: Request):
    """Who said what: every claim, filtered by speaker, outlet or event."""
    snap = snapshot(request)
    q = request.query_params
    flt = ClaimFilter(speaker=q.get("speaker") or None, outlet=q.get("outlet") or None,
                      event_id=q.get("event") or None)
    found = flt.apply(snap.claims, snap.documents)
    offset = _int(request, "offset") or 0
    outlets = sorted({d.get("outlet") for d in snap.documents.values() if d.get("outlet")})
    return render(request, "claims.html", title="Claims", flt=flt, claims=found[offset:offset + PAGE],
                  total=len(found), offset=offset, page=PAGE, n_all=len(snap.claims), outlets=outlets,
                  documents=snap.documents, events=snap.events_by_id)
