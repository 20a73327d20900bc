"""Response models of the JSON API: the export contract (``spec/export-format.md``) as pydantic.
Fields may be added to the contract, so every record allows extra fields."""
from __future__ import annotations

from typing import Generic, Literal, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Evidence(Record):
    doc_id: str
    start: int
    end: int
    text: str


class Location(Record):
    name: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[int] = None


class Tally(Record):
    """Figures reported for an event, reconciled after UCDP GED's low/best/high."""
    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None
    by_claimant: dict[str, Optional[int]] = Field(default_factory=dict)
    conflict: bool = False


class Segment(Record):
    segment_id: str
    title: Optional[str] = None
    start: int
    end: int


class DocumentInfo(Record):
    """A document record without its text (lists, an event's reports)."""
    kind: Literal["document"] = "document"
    doc_id: str
    source: str
    outlet: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    published_basis: str
    language: str
    n_chars: int
    segments: list[Segment] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    url: Optional[str] = None


class Document(DocumentInfo):
    text: str = Field(description="the cleaned text, which all offsets point into")


class Event(Record):
    kind: Literal["event"] = "event"
    event_id: str
    doc_ids: list[str] = Field(default_factory=list)
    event_type: str
    sub_event_type: Optional[str] = None
    date_start: Optional[str] = None
    date_end: Optional[str] = None
    date_precision: Optional[str] = None
    location: Location = Field(default_factory=Location)
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    assoc_actors: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    fatalities: Optional[Tally] = None
    injured: Optional[Tally] = None
    evidence: list[Evidence] = Field(default_factory=list)


class Claim(Record):
    kind: Literal["claim"] = "claim"
    claim_id: str
    doc_id: str
    speaker: str
    speaker_canonical: Optional[str] = None
    speaker_type: Optional[str] = None
    affiliation: Optional[str] = None
    cue: Optional[str] = None
    channel: Optional[str] = None
    channel_name: Optional[str] = None
    mode: Optional[str] = None
    content: str
    date: Optional[str] = None
    event_id: Optional[str] = None
    evidence: Evidence


class Figure(Record):
    kind: Literal["figure"] = "figure"
    figure_id: str
    doc_id: str
    measure: str
    value: Optional[int] = None
    low: Optional[int] = None
    high: Optional[int] = None
    qualifier: str
    victims: Optional[str] = None
    claimant: Optional[str] = None
    event_id: Optional[str] = None
    claim_id: Optional[str] = None
    period: Optional[dict[str, Optional[str]]] = None
    evidence: Evidence


class Page(BaseModel, Generic[T]):
    """One page of a list: ``total`` matches, ``items`` from ``offset``."""
    total: int
    offset: int
    limit: int
    items: list[T]


class EventDetail(BaseModel):
    event: Event
    reports: list[DocumentInfo] = Field(description="the documents that carry the event")
    figures: list[Figure]
    claims: list[Claim]


class Problem(BaseModel):
    detail: str
