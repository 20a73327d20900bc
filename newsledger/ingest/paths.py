"""Paths through fsspec: local files as :func:`newsledger.ingest.expand` and
:func:`newsledger.ingest.read_path` see them, and object-store URLs (``s3://``, ``gs://``,
``https://``...) for whichever fsspec implementation is installed (``s3fs`` for ``s3://``).

A local path takes the same code path as a local run, so a Dask run reads exactly what
``ingest`` reads; only URLs go through fsspec. Nothing here parses an article: bytes are
handed to the reader registry.
"""
from __future__ import annotations

import os
import re
from typing import Iterable, Iterator

from ..records import Quarantined, RawDocument
from . import READERS, expand as expand_local, format_of, guard, read_path as read_local

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")
_GLOB = re.compile(r"[*?\[]")


def is_url(path: str) -> bool:
    """``s3://bucket/key`` and friends; ``file://`` counts as a URL too."""
    return bool(_URL.match(path))


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/") if part)


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files under the given paths: local ones in :func:`newsledger.ingest.expand` order,
    URLs through fsspec (directories recursively and globs, sorted, hidden names skipped)."""
    for p in paths:
        if not is_url(p):
            yield from expand_local([p])
            continue
        import fsspec

        fs, root = fsspec.core.url_to_fs(p)
        if _GLOB.search(root):
            found = sorted(f for f in fs.glob(root) if not fs.isdir(f))
        elif fs.isdir(root):
            found = sorted(f for f in fs.find(root) if not _hidden(f[len(root):]))
        else:
            yield p                              # a file, or a missing path the reader reports
            continue
        for f in found:
            yield fs.unstrip_protocol(f)


def read_bytes(path: str) -> tuple[bytes | None, Quarantined | None]:
    """The bytes of one file (local or URL), or why they could not be read."""
    try:
        if is_url(path):
            import fsspec

            fs, key = fsspec.core.url_to_fs(path)
            size = fs.size(key)
            if size is not None and size > guard.MAX_BYTES:
                return None, Quarantined(path, "too_large", f"{size} bytes is over the {guard.MAX_BYTES} byte limit")
            with fs.open(key, "rb") as fh:
                return fh.read(), None
        if os.path.getsize(path) > guard.MAX_BYTES:
            return None, Quarantined(path, "too_large",
                                     f"{os.path.getsize(path)} bytes is over the {guard.MAX_BYTES} byte limit")
        with open(path, "rb") as fh:
            return fh.read(), None
    except (OSError, ValueError) as exc:        # fsspec raises FileNotFoundError (an OSError) too
        return None, Quarantined(path, "unreadable", getattr(exc, "strerror", None) or str(exc))


def head(path: str, n: int = 512) -> bytes:
    """The first ``n`` bytes of a file (empty when it cannot be read: the reader reports that)."""
    try:
        if is_url(path):
            import fsspec

            with fsspec.open(path, "rb") as fh:
                return fh.read(n)
        with open(path, "rb") as fh:
            return fh.read(n)
    except (OSError, ValueError):
        return b""


def read_path(path: str) -> Iterator[RawDocument | Quarantined]:
    """:func:`newsledger.ingest.read_path` for local paths and URLs alike."""
    if not is_url(path):
        yield from read_local(path)
        return
    data, problem = read_bytes(path)
    if problem is not None:
        yield problem
        return
    bad = guard.check_bytes(data)
    if bad:
        yield Quarantined(path, *bad)
        return
    name = path.rstrip("/").rsplit("/", 1)[-1]
    fmt = format_of(name, data[:512])
    if fmt is None:
        yield Quarantined(path, "unknown_format", f"no reader for {name!r}")
        return
    yield from READERS[fmt](data, path)
