"""Actor registry and actor mentions (interface; the claims/figures issue fills it).

``ActorRegistry.from_data(data)`` builds it from ``data/actors.yaml``.
``registry.find_all(text) -> list[ActorMention]``: every registry actor named in text.
``registry.resolve(span) -> ActorMention | None``: the canonical actor for a speaker span.
"""
from __future__ import annotations

from ..records import ActorMention, Document


class ActorRegistry:
    def __init__(self, entries: list[dict]):
        self.entries = entries

    @classmethod
    def from_data(cls, data) -> "ActorRegistry":
        return cls((data or {}).get("actors", []))

    def find_all(self, text: str) -> list[ActorMention]:
        return []

    def resolve(self, span: str) -> ActorMention | None:
        return None


def component(doc: Document, ctx) -> Document:
    doc.actors = ctx.actors.find_all(doc.text)
    return doc
