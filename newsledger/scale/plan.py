"""Partition the inputs of a run into Dask tasks (:class:`Part`).

A part holds up to ``BATCH`` documents, cut where a local run cuts its batches: the local
pipeline cleans consecutive batches of ``BATCH`` raw documents (boilerplate lines are found
per outlet inside one batch), so a part that is exactly one local batch is cleaned exactly as
the local run cleans it. A ``.txt``/``.html`` file is one document; a JSON Lines file is one
document per non-blank line and is split between parts at line boundaries (records inside
one file go to several workers; the client reads each JSON Lines file once to count its lines).
A WARC archive's records can only be counted by parsing it:
each archive is a part of its own (its records are cleaned in batches of ``BATCH`` from the
archive's start), so inputs that mix WARC archives with other files may see batch
boundaries, and so repeated-line boilerplate, differ from a local run.
"""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..ingest import format_of, guard
from ..ingest.paths import expand, head, read_bytes
from ..pipeline import BATCH


@dataclass(frozen=True)
class Unit:
    """One file, or the lines ``[line_lo, line_hi)`` (0-based, of ``str.splitlines``) of a JSON Lines file."""
    path: str
    line_lo: int | None = None
    line_hi: int | None = None


@dataclass
class Part:
    """One Dask task: read, clean (as one batch), analyse and store these units."""
    index: int
    units: list[Unit] = field(default_factory=list)
    documents: int | None = 0               # None: unknown until read (a WARC archive)

    @property
    def key(self) -> str:
        return f"newsledger-part-{self.index}"


def jsonl_lines(data: bytes) -> list[str] | None:
    """The lines the JSON Lines reader will see (``None``: it will quarantine the whole file)."""
    if guard.check_bytes(data):
        return None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
    text, _ = guard.decode(data)
    return None if text is None else text.splitlines()


def _units(path: str) -> Iterator[tuple[Unit, int | None]]:
    """(unit, number of raw documents) for one input file; JSON Lines one unit per record."""
    name = path.rstrip("/").rsplit("/", 1)[-1] if "://" in path else os.path.basename(path)
    fmt = format_of(name)
    if fmt is None and "." not in name.lstrip("."):
        fmt = format_of(name, head(path))           # no suffix: sniffed from its first bytes, as a local run does
    if fmt == "warc":
        yield Unit(path), None
        return
    if fmt != "jsonl":
        yield Unit(path), 1                  # one document, or one quarantine record
        return
    data, problem = read_bytes(path)
    lines = None if problem is not None else jsonl_lines(data)
    if lines is None:
        yield Unit(path), 1
        return
    records = [i for i, line in enumerate(lines) if line.strip()]
    lo = 0
    for k, i in enumerate(records):
        hi = records[k + 1] if k + 1 < len(records) else len(lines)
        yield Unit(path, lo, hi), 1
        lo = hi


def _merged(units: list[Unit]) -> list[Unit]:
    """Adjacent line ranges of one file become one unit."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if prev and u.line_lo is not None and prev.path == u.path and prev.line_hi == u.line_lo:
            out[-1] = Unit(u.path, prev.line_lo, u.line_hi)
        else:
            out.append(u)
    return out


def plan(paths: Iterable[str], batch: int = BATCH) -> list[Part]:
    """The parts of a run over ``paths`` (files, directories, URLs), in input order."""
    parts: list[Part] = []
    current: list[Unit] = []

    def close() -> None:
        if current:
            parts.append(Part(len(parts), _merged(current), len(current)))
            current.clear()

    for path in expand(paths):
        for unit, n in _units(path):
            if n is None:
                close()
                parts.append(Part(len(parts), [unit], None))
                continue
            current.append(unit)
            if len(current) >= batch:
                close()
    close()
    return parts
