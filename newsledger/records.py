"""Typed records that flow through the pipeline.

They mirror the export contract (``shared/spec/export-format.md``): a stage is a
function from records to records, so it can run on one hand-made document in a
test, on a directory from the CLI, or on a partition of a distributed run.

Offsets (``start``/``end``) always point into ``Document.text`` (the cleaned
text), end exclusive.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


_SCALARS = (str, int, float, type(None))
_FIELDS: dict[type, tuple[str, ...] | None] = {}      # a record class -> its field names (None: no dataclass)


def _field_names(cls: type) -> tuple[str, ...] | None:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELDS[cls]


def as_dict(rec: Any) -> Any:
    """A record as a plain JSON-able dict (dataclasses recursively; no deep copies of scalars,
    which makes it several times faster than ``dataclasses.asdict``)."""
    if isinstance(rec, _SCALARS):
        return rec
    names = _field_names(type(rec))
    if names is not None:
        return {n: as_dict(getattr(rec, n)) for n in names}
    if isinstance(rec, (list, tuple)):
        return [as_dict(x) for x in rec]
    if isinstance(rec, dict):
        return {k: as_dict(v) for k, v in rec.items()}
    return rec


@dataclass
class RawDocument:
    """What a reader yields: text or HTML plus whatever metadata the container holds."""

    source: str                      # file path, URL or "<stdin>"
    text: str | None = None          # plain text (already decoded)
    html: str | None = None          # raw HTML (decoded)
    url: str | None = None
    title: str | None = None
    published: str | None = None     # "YYYY-MM-DD" when the container says
    published_basis: str = "none"    # header, dateline, html-meta, warc, inferred, none
    outlet: str | None = None
    fmt: str = "txt"                 # reader name


@dataclass
class Quarantined:
    """An input that could not be ingested, and why."""

    source: str
    reason: str
    detail: str = ""


@dataclass
class Evidence:
    doc_id: str
    start: int
    end: int
    text: str


@dataclass
class Segment:
    segment_id: str
    title: str | None
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    segment: int = 0                 # index into Document.segments


@dataclass
class DateMention:
    """A date expression resolved against the publication date."""

    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    precision: str = "day"           # day, week, month, year, unknown
    kind: str = "point"              # point, range, since (cumulative period start)


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    name: str                        # canonical place name
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 1               # 1 named place, 2 part of larger area, 3 region only
    feature: str = "city"            # city, camp, neighbourhood, village, settlement, region, country
    parent: str | None = None        # enclosing city for camps/neighbourhoods
    rule: str = ""                   # the named rule that produced this record
    admin2: str | None = None        # the district (admin2 unit) when the gazetteer knows it


@dataclass
class ActorMention:
    start: int
    end: int
    text: str                        # as written
    canonical: str                   # neutral canonical name
    type: str = "unknown"            # person, government, armed_group, ngo, media, organization, military
    affiliation: str | None = None
    label: str | None = None         # outlet's loaded label when the surface form is one ("IOF")
    side: str | None = None          # country/party key, used for mirrored rules
    rule: str = ""                   # the named rule that produced this record


@dataclass
class Figure:
    figure_id: str
    doc_id: str
    measure: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    victims: str
    claimant: str
    evidence: Evidence
    event_id: str | None = None
    claim_id: str | None = None
    period: dict | None = None       # {"start": ..., "end": ...}
    number_text: str = ""            # the number as written ("about 120")
    segment: int = 0
    rule: str = ""                   # the named rule that produced this record


@dataclass
class Claim:
    claim_id: str
    doc_id: str
    speaker: str
    speaker_canonical: str
    speaker_type: str
    cue: str
    mode: str                        # direct, indirect, mixed
    content: str
    evidence: Evidence
    affiliation: str | None = None
    channel: str | None = None
    channel_name: str | None = None
    date: str | None = None
    event_id: str | None = None
    segment: int = 0
    rule: str = ""                   # the named rule that produced this record


@dataclass
class Location:
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    admin2: str | None = None
    rule: str = ""                   # the place rule that resolved the name (PlaceMention.rule)


@dataclass
class Event:
    """An incident as reported by one document (a mention); reconcile merges them across documents."""

    event_id: str
    doc_ids: list[str]
    event_type: str
    sub_event_type: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    location: Location
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    fatalities: dict | None = None
    injured: dict | None = None
    evidence: list[Evidence] = field(default_factory=list)
    trigger: str = ""                # the event word that fired ("raid", "airstrike")
    segment: int = 0
    rule: str = ""                   # the named rule that produced this record


@dataclass
class Framing:
    """A loaded label the outlet chose, kept as evidence (never a canonical value)."""

    term: str
    neutral: str
    category: str                    # actor_label, victim_term, act_term, place_label, agency
    evidence: Evidence
    rule: str = ""                   # the named rule that produced this record
    side: str | None = None          # the side the term refers to (data/framing_sides.yaml key), when known
    conflict: str | None = None      # the conflict whose side lexicon gave the side
    usage: str | None = None         # "self": a side's word for itself; "other": for the other side


@dataclass
class Document:
    doc_id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str = "none"
    # how the outlet was found: metadata, or the outlets rule that named it (wire_dateline, byline, ...)
    outlet_basis: str = "none"
    language: str = "en"
    segments: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # annotations added by analyse components
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span of the cleaned text (whitespace trimmed)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(self.doc_id, start, end, self.text[start:end])

    def segment_of(self, offset: int) -> int:
        for i, seg in enumerate(self.segments):
            if seg.start <= offset < seg.end:
                return i
        return 0
