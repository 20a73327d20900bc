"""Export: writers read the store (never the analysis) and write files.

Writers form a registry (:data:`EXPORTERS`) keyed by format name; each is
``write(store, path, with_text=True) -> dict[str, int]`` (records written per kind).
A format that writes one file per kind registers where each kind goes (:data:`FILE_PER_KIND`),
so the command line can name every file it wrote.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, Callable, Iterator

from ..store import Store

Exporter = Callable[..., dict]
EXPORTERS: dict[str, Exporter] = {}
FILE_PER_KIND: dict[str, Callable[[str, str], str]] = {}


def register(name: str, file_of_kind: Callable[[str, str], str] | None = None):
    """Register a writer; ``file_of_kind(path, kind)`` names its file per kind, if it writes several."""
    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        if file_of_kind is not None:
            FILE_PER_KIND[name] = file_of_kind
        return fn
    return deco


def written_files(fmt: str, path: str, counts: dict) -> list[str]:
    """The files an export of ``counts`` records wrote: one per kind, or ``path`` itself."""
    if fmt in FILE_PER_KIND:
        return [FILE_PER_KIND[fmt](path, kind) for kind in counts]
    return [path]


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
