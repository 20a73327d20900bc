"""Stub: filled in by its issue."""
from __future__ import annotations

from ..records import Document


def component(doc: Document, ctx) -> Document:
    return doc
