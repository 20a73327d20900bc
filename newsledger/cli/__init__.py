"""The ``newsledger`` command line: thin; it parses arguments and calls the library.

Global options come before the sub-command::

    newsledger --db postgresql://user@localhost/ledger ingest articles/
"""
from __future__ import annotations

import logging
import os
from typing import Optional

import typer

from ..store import DEFAULT_URL

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news articles about armed conflict into a neutral, sourced ledger.")


class State:
    db: str = DEFAULT_URL
    db_given: bool = False           # --db on the command line (the demo then writes there too)
    lexicon_dirs: tuple[str, ...] | None = None

    def store(self):
        from ..store import Store
        return Store(self.db)

    def existing_store(self):
        """The store at ``--db`` for reading, or None when there is none yet: a reading command
        never creates one (no file for SQLite, no tables for any database)."""
        from sqlalchemy import inspect

        from ..store import Store
        from ..store.db import normalise_url

        url = normalise_url(self.db)
        if url.startswith("sqlite:///") and not os.path.isfile(url[len("sqlite:///"):].split("?", 1)[0]):
            return None
        store = Store(self.db, migrate=False)
        if not inspect(store.engine).has_table("documents"):
            store.dispose()
            return None
        return store

    def require_store(self):
        """:meth:`existing_store`, or a one-line hint and exit code 1."""
        store = self.existing_store()
        if store is None:
            typer.echo(f"no ledger at {self.db} yet: `newsledger ingest PATH` creates it "
                       "(or pass --db URL)", err=True)
            raise typer.Exit(1)
        return store

    def context(self, use_model: str = "auto"):
        from ..analyse import Context
        return Context(lexicon_dirs=self.lexicon_dirs, use_model=use_model)


state = State()


@app.callback()
def main_options(
    db: str = typer.Option(None, "--db", help=f"SQLAlchemy database URL (default {DEFAULT_URL}; "
                                              "also read from NEWSLEDGER_DB)."),
    lexicon_dir: Optional[list[str]] = typer.Option(
        None, "--lexicon-dir", help="Directory of your own lexicon files (actors.yaml, cues.yaml, ...) "
                                    "merged into the built-ins; repeatable."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
):
    state.db_given = bool(db)
    state.db = db or os.environ.get("NEWSLEDGER_DB") or DEFAULT_URL
    dirs = tuple(lexicon_dir or ()) + tuple(p for p in os.environ.get("NEWSLEDGER_LEXICON_DIR", "").split(os.pathsep) if p)
    state.lexicon_dirs = dirs or None
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # -v is about the ledger: schema migrations say only what went wrong
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("newsledger").setLevel(logging.INFO if verbose else logging.WARNING)


from . import commands, framing_cmd, ledger_cmds, serve_cmd  # noqa: E402,F401  (registers the sub-commands)


def main() -> None:
    app()
