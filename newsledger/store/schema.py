"""The storage schema (SQLAlchemy Core). Migrations live in ``migrations/`` (Alembic).

Each analysed record keeps its queryable columns plus ``data``: the full record as
JSON in the export contract's shape, so export reads it back without analysis.
"""
from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("outlet", String(200)),
    Column("outlet_basis", String(40)),           # metadata, the text rule that found it, or none (0003)
    Column("title", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("published_basis", String(20), nullable=False),
    Column("language", String(8), nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("framing", JSON, nullable=False),
    Column("run_id", Integer),
    Column("ingested_at", String(32), nullable=False),
)

document_sources = Table(
    "document_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("run_id", Integer),
    UniqueConstraint("doc_id", "source", name="uq_document_source"),
)

segments = Table(
    "segments", metadata,
    Column("segment_id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("title", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# places, actors and dates found in the text
mentions = Table(
    "mentions", metadata,
    Column("mention_id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("canonical", Text),
    Column("data", JSON, nullable=False),
)

figures = Table(
    "figures", metadata,
    Column("figure_id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("measure", String(32), nullable=False, index=True),
    Column("value", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("victims", Text),
    Column("claimant", Text, index=True),
    Column("mention_event_id", String(40), index=True),
    Column("claim_id", String(40)),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("data", JSON, nullable=False),
    # for faceting and sorting (Datasette): the reporting document's outlet and date
    Column("outlet", String(200), index=True),
    Column("published", String(10), index=True),
)

claims = Table(
    "claims", metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("speaker", Text, nullable=False),
    Column("speaker_canonical", Text, index=True),
    Column("speaker_type", String(20)),
    Column("mode", String(10)),
    Column("mention_event_id", String(40), index=True),
    Column("data", JSON, nullable=False),
    Column("outlet", String(200), index=True),
    Column("published", String(10), index=True),
)

# an event as one document reports it
event_mentions = Table(
    "event_mentions", metadata,
    Column("mention_id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60)),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("place", Text),
    Column("country", String(80)),
    Column("lat", Float),
    Column("lon", Float),
    Column("data", JSON, nullable=False),
)

# real-world incidents: clusters of event mentions across documents (filled by reconcile)
events = Table(
    "events", metadata,
    Column("event_id", String(40), primary_key=True),
    Column("event_type", String(40), nullable=False),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("place", Text, index=True),
    Column("country", String(80)),
    Column("lat", Float),
    Column("lon", Float),
    Column("data", JSON, nullable=False),
    # for faceting and sorting (Datasette); the full record stays in ``data``
    Column("sub_event_type", String(60), index=True),
    Column("admin1", Text, index=True),
    Column("actor1", Text, index=True),
    Column("actor2", Text, index=True),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer, index=True),
    Column("fatalities_high", Integer),
    Column("n_documents", Integer),
)

event_links = Table(
    "event_links", metadata,
    Column("mention_id", String(40), ForeignKey("event_mentions.mention_id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("score", Float),
    Column("decision", JSON, nullable=False),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(40), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("record_kind", String(16), nullable=False),
    Column("record_id", String(40), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("inputs", JSON, nullable=False),
    Column("ingested", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
)

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer),
    Column("source", Text, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("source", "reason", name="uq_quarantine_source_reason"),
)

Index("ix_events_place_date", events.c.place, events.c.date_start)
Index("ix_events_event_type", events.c.event_type)
Index("ix_events_country", events.c.country)


def event_columns(e: dict) -> dict:
    """The queryable columns of a merged event (export-contract dict)."""
    loc = e.get("location") or {}
    fat = e.get("fatalities") or {}
    return {"event_id": e["event_id"], "event_type": e["event_type"], "sub_event_type": e.get("sub_event_type"),
            "date_start": e.get("date_start"), "date_end": e.get("date_end"), "place": loc.get("name"),
            "admin1": loc.get("admin1"), "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
            "actor1": e.get("actor1"), "actor2": e.get("actor2"), "fatalities_low": fat.get("low"),
            "fatalities_best": fat.get("best"), "fatalities_high": fat.get("high"),
            "n_documents": len(e.get("doc_ids") or []), "data": e}
