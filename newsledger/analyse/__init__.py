"""Analyse: a list of named components, each ``component(doc, ctx) -> doc``.

Each component reads what earlier ones added and adds its own annotations. No
I/O, no database, no global state: ``ctx`` (:class:`Context`) holds what is
loaded once (lexicons, actor registry, gazetteer, optional spaCy pipeline).
A component can be switched off (``disable=("claims",)``) and tested alone.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..records import Document
from . import actors, claims, dates, events, figures, framing, outlets, places, sentences
from .context import Context

Component = Callable[[Document, Context], Document]

COMPONENTS: list[tuple[str, Component]] = [
    ("outlets", outlets.component),
    ("sentences", sentences.component),
    ("dates", dates.component),
    ("places", places.component),
    ("actors", actors.component),
    ("figures", figures.component),
    ("claims", claims.component),
    ("events", events.component),
    ("framing", framing.component),
]


def analyse(doc: Document, ctx: Context | None = None, disable: Iterable[str] = ()) -> Document:
    """Run every enabled component over ``doc`` in order and return it."""
    ctx = ctx or Context()
    off = set(disable)
    for name, comp in COMPONENTS:
        if name not in off:
            with ctx.timer(name):
                doc = comp(doc, ctx)
    return doc


__all__ = ["analyse", "Context", "COMPONENTS"]
