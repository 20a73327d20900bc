"""The JSON API under ``/api/``: the same records as the pages, in the export contract's shape."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

from fastapi.exceptions import RequestValidationError
from pydantic import StringConstraints, WithJsonSchema

from fastapi import APIRouter, HTTPException, Query, Request

from . import models as M
from .ledger import Ledger
from .query import EventFilter

router = APIRouter(prefix="/api", tags=["ledger"])
NOT_FOUND = {404: {"model": M.Problem, "description": "no such record"}}
MAX_LIMIT = 500


def ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def page(items: list, offset: int, limit: int) -> dict:
    return {"total": len(items), "offset": offset, "limit": limit, "items": items[offset:offset + limit]}


def _contains(value: str | None, needle: str | None) -> bool:
    return not needle or (value is not None and needle.casefold() in value.casefold())


DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# a calendar day: the pattern is checked on input, ``format: date`` tells clients (and schemathesis)
# that it must exist; real_day answers 422 for one that does not (2024-13-45)
Day = Annotated[str, StringConstraints(pattern=DAY_PATTERN),
                WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN})]
Offset = Query(0, ge=0)
Limit = Query(100, ge=1, le=MAX_LIMIT)


def real_day(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD query value that names a day of the calendar; a 422 like FastAPI's own otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError([{"type": "date_from_datetime_parsing", "loc": ("query", name),
                                       "msg": "Input should be a valid date (YYYY-MM-DD) that exists",
                                       "input": value}])


@router.get("/events", response_model=M.Page[M.Event], summary="Events, newest first")
def events(request: Request,
           place: Optional[str] = Query(None, description="part of the place name, admin1 or country"),
           date_from: Optional[Day] = Query(None, description="YYYY-MM-DD: events ending on or after it "
                                                              "(a day that does not exist, 2024-13-45, is a 422)"),
           date_to: Optional[Day] = Query(None, description="YYYY-MM-DD: events starting on or before it"),
           type: Optional[str] = Query(None, description="event_type, exactly"),
           actor: Optional[str] = Query(None, description="part of an actor's name"),
           offset: int = Offset, limit: int = Limit):
    flt = EventFilter(place=place, date_from=real_day(date_from, "date_from"), date_to=real_day(date_to, "date_to"),
                      event_type=type, actor=actor)
    return page(flt.apply(ledger(request).snapshot().events), offset, limit)


@router.get("/events/{event_id}", response_model=M.EventDetail, responses=NOT_FOUND,
            summary="One event with its reports, figures and claims")
def event(request: Request, event_id: str):
    snap = ledger(request).snapshot()
    ev = snap.events_by_id.get(event_id)
    if ev is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {"event": ev, "reports": snap.reports(ev), "figures": snap.event_figures(ev),
            "claims": snap.event_claims(ev)}


@router.get("/documents", response_model=M.Page[M.DocumentInfo], summary="Documents (without text)")
def documents(request: Request, outlet: Optional[str] = Query(None, description="part of the outlet's name"),
              offset: int = Offset, limit: int = Limit):
    docs = [d for d in ledger(request).snapshot().documents.values() if _contains(d.get("outlet"), outlet)]
    return page(docs, offset, limit)


@router.get("/documents/{doc_id}", response_model=M.Document, responses=NOT_FOUND,
            summary="One document with its cleaned text")
def document(request: Request, doc_id: str):
    doc = ledger(request).document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc


@router.get("/claims", response_model=M.Page[M.Claim], summary="Claims: who said what")
def claims(request: Request, event_id: Optional[str] = None, doc_id: Optional[str] = None,
           speaker: Optional[str] = Query(None, description="part of the speaker's canonical name"),
           outlet: Optional[str] = Query(None, description="part of the reporting outlet's name"),
           offset: int = Offset, limit: int = Limit):
    snap = ledger(request).snapshot()
    items = [c for c in snap.claims
             if (not event_id or c.get("event_id") == event_id) and (not doc_id or c.get("doc_id") == doc_id)
             and _contains(c.get("speaker_canonical") or c.get("speaker"), speaker)
             and _contains((snap.documents.get(c.get("doc_id")) or {}).get("outlet"), outlet)]
    return page(items, offset, limit)


@router.get("/figures", response_model=M.Page[M.Figure], summary="Figures: numbers somebody reported")
def figures(request: Request, event_id: Optional[str] = None, doc_id: Optional[str] = None,
            measure: Optional[str] = None,
            claimant: Optional[str] = Query(None, description="part of the claimant's name"),
            offset: int = Offset, limit: int = Limit):
    items = [f for f in ledger(request).snapshot().figures
             if (not event_id or f.get("event_id") == event_id) and (not doc_id or f.get("doc_id") == doc_id)
             and (not measure or f.get("measure") == measure) and _contains(f.get("claimant"), claimant)]
    return page(items, offset, limit)
