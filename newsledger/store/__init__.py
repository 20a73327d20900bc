"""Store: the SQLAlchemy database behind the ledger (SQLite embedded, PostgreSQL for real)."""
from .db import DEFAULT_URL, Store

__all__ = ["Store", "DEFAULT_URL"]
