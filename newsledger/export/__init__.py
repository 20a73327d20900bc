"""Export: writers read the store (never the analysis) and write files.

Writers form a registry (:data:`EXPORTERS`) keyed by format name; each is
``write(store, path, with_text=True) -> dict[str, int]`` (records written per kind).
"""
from __future__ import annotations

from typing import Callable

from ..store import Store

Exporter = Callable[..., dict]
EXPORTERS: dict[str, Exporter] = {}


def register(name: str):
    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn
    return deco


def export(store: Store, fmt: str, path: str, with_text: bool = True) -> dict:
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(EXPORTERS))}")
    return EXPORTERS[fmt](store, path, with_text=with_text)


from . import acled, csv_export, geojson, jsonl, parquet  # noqa: E402,F401  (register built-ins)
