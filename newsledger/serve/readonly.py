"""Open a store for reading only: SQLite with ``mode=ro`` and ``query_only``; PostgreSQL with
read-only transactions. The web view never writes."""
from __future__ import annotations

import os
import time
from typing import Callable

from ..store import Store
from ..store import db as store_db

SQLITE = "sqlite:///"


def sqlite_path(url: str) -> str | None:
    """The file behind a ``sqlite:///PATH`` URL; None for other databases."""
    if not url.startswith(SQLITE):
        return None
    path = url[len(SQLITE):].split("?", 1)[0]
    if not path or path == ":memory:":
        raise ValueError("the web view needs a database file, not an in-memory database")
    return path


def open_readonly(url: str) -> Store:
    """A :class:`Store` on ``url`` that cannot write (and never migrates)."""
    return Store(url, read_only=True)


def change_marker(url: str, ttl: float = 5.0) -> Callable[[], object]:
    """A cheap function whose value changes when the stored ledger may have changed:
    the database file and its write-ahead log for SQLite, a ``ttl``-second clock otherwise."""
    path = sqlite_path(store_db.normalise_url(url))
    if path is None:
        return lambda: int(time.monotonic() // ttl)

    def marker() -> object:
        out = []
        for p in (path, path + "-wal"):
            try:
                st = os.stat(p)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)
    return marker
