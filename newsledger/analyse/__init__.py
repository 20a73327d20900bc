"""Analyse: a list of named components, each ``component(doc, ctx) -> doc``.

Each component reads what earlier ones added and adds its own annotations. No
I/O, no database, no global state: ``ctx`` (:class:`Context`) holds what is
loaded once (lexicons, actor registry, gazetteer, optional spaCy pipeline).
A component can be switched off (``disable=("claims",)``) and tested alone.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

from ..records import Document
from . import actors, batchparse, claims, dates, events, figures, framing, outlets, places, sentences
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


# components whose model calls are batched across the documents of analyse_many
BATCHED = {"claims"}


def analyse_many(docs: Sequence[Document], ctx: Context | None = None,
                 disable: Iterable[str] = ()) -> list[Document | Exception]:
    """``analyse`` over several documents: the same results, with the claim rules' dependency
    parses batched across the documents (:mod:`.batchparse`). Each entry is the analysed
    document or the exception that stopped its analysis (the others go on)."""
    ctx = ctx or Context()
    off = set(disable)
    results: list[Document | Exception] = list(docs)
    for name, comp in COMPONENTS:
        if name in off:
            continue
        live = [i for i, r in enumerate(results) if not isinstance(r, BaseException)]
        if name in BATCHED and len(live) > 1 and ctx.nlp is not None:
            with ctx.timer(name):
                out = batchparse.run_batched(lambda d, comp=comp: comp(d, ctx), [results[i] for i in live], ctx.nlp)
            for i, r in zip(live, out):
                results[i] = r
            continue
        for i in live:
            try:
                with ctx.timer(name):
                    results[i] = comp(results[i], ctx)
            except Exception as exc:                      # noqa: BLE001  this document only
                results[i] = exc
    return results


__all__ = ["analyse", "analyse_many", "Context", "COMPONENTS"]
