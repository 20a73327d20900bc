"""The ``serve`` sub-command: browse the ledger in a web browser (read-only)."""
from __future__ import annotations

import typer

from . import app, state
from .commands import err

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; the default is this machine only."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
):
    """Serve the ledger as web pages and a JSON API (/api/, its docs at /docs), read-only.

    The SQLite store also opens in Datasette as it is: `datasette newsledger.db`.
    """
    import uvicorn

    from ..serve import create_app
    from ..serve.app import server_config

    try:
        application = create_app(state.db)
    except (FileNotFoundError, ValueError) as e:
        err.print(str(e), highlight=False)
        raise typer.Exit(2)
    if host not in LOOPBACK:
        err.print(f"[yellow]warning[/] serving on {host}: anyone who can reach this address can read the ledger",
                  highlight=False)
    err.print(f"newsledger: http://{'[' + host + ']' if ':' in host else host}:{port}/  (read-only; Ctrl+C stops)",
              highlight=False)
    uvicorn.Server(server_config(application, host, port)).run()
