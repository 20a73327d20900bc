"""Shared fixtures: temporary stores on SQLite and (when available) PostgreSQL, and the shared data."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not here (the shared data sits beside the repository)")
    return p


def _pg_admin_url() -> str | None:
    return os.environ.get("NEWSLEDGER_TEST_PG")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database for one test (NEWSLEDGER_TEST_PG names the server)."""
    admin = _pg_admin_url()
    if not admin:
        pytest.skip("set NEWSLEDGER_TEST_PG=postgresql://user@host/db to run the PostgreSQL tests")
    import psycopg

    name = "nl_test_" + uuid.uuid4().hex[:10]
    conn_url = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conn_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = conn_url.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    from newsledger.store import db as store_db  # noqa: F401  (engines are disposed by the tests)
    with psycopg.connect(conn_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request):
    """Each storage test runs against both databases."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
