"""The web view and JSON API: read-only, bound to localhost by default, everything escaped.

``newsledger serve`` opens the store read-only and serves server-rendered pages (events,
an event, documents, a map) plus ``/api/`` for the same data, all read through
:mod:`newsledger.export.records` so the pages, the API and the exports agree on one shape.

The SQLite store also opens in Datasette as it is (``datasette newsledger.db``): every
analysed table keeps its queryable columns plus ``data``, the full contract-shaped record
as JSON.
"""
from .app import create_app

__all__ = ["create_app"]
