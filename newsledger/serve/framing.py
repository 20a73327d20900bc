"""Framing pages: one merged event's reports side by side, an outlet's rates against the corpus, and
``/api/framing`` (the ``kind: framing`` records). Read-only, no scripts, everything escaped."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..export import framing as views
from ..export import records
from .pages import render, snapshot

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
api = APIRouter(prefix="/api")


def _documents_with_text(request: Request) -> list[dict]:
    return list(records.documents(request.app.state.ledger.store))


def _reports(request: Request, event: dict) -> list:
    snap = snapshot(request)
    extra = views.event_words(request.app.state.ledger.store, event) + views.casualty_words(snap.event_figures(event))
    return views.event_comparison(event, snap.documents, extra)


def event_comparison_view(request: Request, event: dict) -> tuple[list, tuple]:
    """(reports, columns) for the side-by-side table on an event's page (a template global)."""
    return _reports(request, event), views.COLUMNS


@router.get("/framing")
def outlets(request: Request):
    docs = list(snapshot(request).documents.values())
    return render(request, "framing_outlets.html", title="Framing", outlets=views.outlets(docs))


@router.get("/framing/outlets/{outlet}")
def outlet(request: Request, outlet: str):
    prof = views.outlet_profile(_documents_with_text(request), outlet)
    if prof is None:
        raise HTTPException(404, "No documents from this outlet.")
    return render(request, "framing_outlet.html", title=f"Framing — {prof.outlet}", prof=prof)


@router.get("/framing/events/{event_id}")
def event(request: Request, event_id: str):
    snap = snapshot(request)
    ev = snap.events_by_id.get(event_id)
    if ev is None:
        raise HTTPException(404, "No such event.")
    return render(request, "framing_event.html", title=f"Framing — {(ev.get('location') or {}).get('name')}",
                  ev=ev, reports=_reports(request, ev), columns=views.COLUMNS)


@api.get("/framing", summary="Framing records (kind: framing), filtered by outlet, event, document or category")
def framing_records(request: Request, outlet: Optional[str] = Query(None), event_id: Optional[str] = None,
                    doc_id: Optional[str] = None, category: Optional[str] = None):
    snap = snapshot(request)
    out = [r for r in views.records(request.app.state.ledger.store, list(snap.documents.values()), snap.events)
           if (outlet is None or (r.get("outlet") or "").casefold() == outlet.casefold())
           and (event_id is None or r.get("event_id") == event_id)
           and (doc_id is None or r["doc_id"] == doc_id) and (category is None or r["category"] == category)]
    return {"total": len(out), "items": out}
