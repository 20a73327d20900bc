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
    lexicon_dirs: tuple[str, ...] | None = None

    def store(self):
        from ..store import Store
        return Store(self.db)

    def context(self, use_model: str = "auto"):
        from ..analyse import Context
        return Context(lexicon_dirs=self.lexicon_dirs, use_model=use_model)


state = State()


@app.callback()
def main_options(
    db: str = typer.Option(None, "--db", envvar="NEWSLEDGER_DB",
                           help=f"SQLAlchemy database URL (default {DEFAULT_URL})."),
    lexicon_dir: Optional[list[str]] = typer.Option(
        None, "--lexicon-dir", help="Directory of your own lexicon files (actors.yaml, cues.yaml, ...) "
                                    "merged into the built-ins; repeatable."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
):
    state.db = db or DEFAULT_URL
    dirs = tuple(lexicon_dir or ()) + tuple(p for p in os.environ.get("NEWSLEDGER_LEXICON_DIR", "").split(os.pathsep) if p)
    state.lexicon_dirs = dirs or None
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


from . import commands, framing_cmd, ledger_cmds, serve_cmd  # noqa: E402,F401  (registers the sub-commands)


def main() -> None:
    app()
