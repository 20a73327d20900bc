"""Ingest: readers turn files, directories, stdin and containers into RawDocuments.

Readers form a registry keyed by format (:data:`READERS`); each is a function
``read(path_or_bytes, source) -> Iterator[RawDocument | Quarantined]``. A new
format is a new reader registered with :func:`register`, not a new branch.
Bad input never raises: it yields a :class:`Quarantined` with the reason.
"""
from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..records import Quarantined, RawDocument
from . import guard

log = logging.getLogger(__name__)
Reader = Callable[[bytes, str], Iterator["RawDocument | Quarantined"]]
READERS: dict[str, Reader] = {}
SUFFIXES: dict[str, str] = {}


def register(name: str, suffixes: Iterable[str]):
    """Decorator: register a reader under ``name`` for the given file suffixes."""
    def deco(fn: Reader) -> Reader:
        READERS[name] = fn
        for s in suffixes:
            SUFFIXES[s] = name
        return fn
    return deco


from . import html_reader, jsonl_reader, txt_reader, warc_reader  # noqa: E402,F401  (register built-ins)


def format_of(name: str, head: bytes = b"") -> str | None:
    low = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix):
            return SUFFIXES[suffix]
    base = os.path.basename(low)
    if "." in base.lstrip("."):
        return None                        # a suffix no reader knows (.pdf, .png, ...)
    return sniff(head) if head else None


def sniff(head: bytes) -> str:
    """Guess the format of unnamed input (stdin) from its first bytes."""
    h = head.lstrip()[:512].lower()
    if h.startswith(b"warc/") or head[:2] == b"\x1f\x8b":
        return "warc"
    if h.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<div", b"<article")):
        return "html"
    if h.startswith(b"{"):
        return "jsonl"
    return "txt"


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files under the given paths (directories recursively, sorted); ``-`` is stdin."""
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if not f.startswith("."):
                    yield os.path.join(root, f)


def read_path(path: str) -> Iterator[RawDocument | Quarantined]:
    """Yield the raw documents in one file (or stdin for ``-``), or its quarantine record."""
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(guard.MAX_BYTES + 1)
        else:
            if os.path.getsize(path) > guard.MAX_BYTES:
                yield Quarantined(source, "too_large",
                                  f"{os.path.getsize(path)} bytes is over the {guard.MAX_BYTES} byte limit")
                return
            data = Path(path).read_bytes()
    except OSError as exc:
        yield Quarantined(source, "unreadable", exc.strerror or str(exc))
        return
    name = os.path.basename(path) if path != "-" else ""
    if data[:2] == b"\x1f\x8b" and name.lower().endswith(".gz") and format_of(name) is None:
        data, problem = guard.gunzip(data)          # page.html.gz, notes.txt.gz: the inner file's reader
        if problem:
            yield Quarantined(source, *problem)
            return
        name = name[:-3]
    problem = guard.check_bytes(data)
    if problem:
        yield Quarantined(source, *problem)
        return
    fmt = format_of(name, data[:512])
    if fmt is None:
        yield Quarantined(source, "unknown_format", f"no reader for {os.path.basename(path)!r}")
        return
    try:
        yield from READERS[fmt](data, source)
    except Exception as exc:                    # noqa: BLE001  (a reader's bug must not end the run)
        log.error("reading %s failed; quarantined\n%s", source, traceback.format_exc())
        detail = " ".join(f"{type(exc).__name__} in the {fmt} reader: {exc}".split())[:300]
        yield Quarantined(source, "unreadable", detail)


def read_all(paths: Iterable[str]) -> Iterator[RawDocument | Quarantined]:
    for p in expand(paths):
        yield from read_path(p)
