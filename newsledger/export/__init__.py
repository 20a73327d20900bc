"""Export: writers read the store (never the analysis) and write files.

Writers form a registry (:data:`EXPORTERS`) keyed by format name; each is
``write(store, path, with_text=True) -> dict[str, int]`` (records written per kind).
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, Callable, Iterator

from ..store import Store

Exporter = Callable[..., dict]
EXPORTERS: dict[str, Exporter] = {}


def register(name: str):
    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn
    return deco


@contextmanager
def output(path: str, newline: str | None = None) -> Iterator[IO[str]]:
    """The file at ``path`` opened for writing text, or standard output for ``-``."""
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline=newline) as fh:
        yield fh


def export(store: Store, fmt: str, path: str, with_text: bool = True) -> dict:
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(EXPORTERS))}")
    return EXPORTERS[fmt](store, path, with_text=with_text)


from . import acled, csv_export, geojson, jsonl, parquet  # noqa: E402,F401  (register built-ins)
