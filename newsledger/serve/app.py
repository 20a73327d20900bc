"""The FastAPI application: pages, ``/api/``, API docs, static files, safe headers.

It answers every request with a page or a 4xx, never a 500 for anything a client sends:
request targets over :data:`MAX_TARGET` bytes get 414, malformed query values are ignored by
the pages and answered 422 by the API, and a store without tables shows an empty ledger.
"""
from __future__ import annotations

import logging
from importlib import metadata, resources

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import api, apidocs, framing, pages
from .ledger import Ledger
from .query import figure_label
from .readonly import change_marker, open_readonly

HERE = resources.files("newsledger.serve")
MAX_TARGET = 128 * 1024          # bytes of path + query string; longer is 414 URI Too Long
# pages contributed by other modules of this package, included when present (each defines ``router``)
log = logging.getLogger(__name__)

# No script may run: pages are plain HTML and inline SVG; styles come from /static only.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE.joinpath("templates"))),
                             autoescape=True)
    env.filters["figure_label"] = figure_label
    env.filters["claimant"] = claimant_label
    env.globals["evidence_url"] = pages.evidence_url
    env.globals["framing_reports"] = framing.event_comparison_view
    return Jinja2Templates(env=env)


def claimant_label(key: str | None, sources: dict[str, str] | None = None) -> str:
    """A claimant key as a reader would say it: a file name inside it (``unattributed (a.txt)``)
    becomes the report's outlet and date."""
    if not key:
        return "unattributed"
    if "(" in key and key.endswith(")"):
        head, inner = key[:-1].split("(", 1)
        name = (sources or {}).get(inner.strip())
        if name is not None or "." in inner:
            return f"{head.strip()} ({name or 'one report'})"
    return key


class TargetLimit:
    """ASGI middleware: request targets over ``limit`` bytes are answered 414 before routing."""

    def __init__(self, app, limit: int = MAX_TARGET):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") \
                > self.limit:
            response = PlainTextResponse("Request-URI too long", status_code=414)
            return await response(scope, receive, send)
        return await self.app(scope, receive, send)


MAX_REQUEST_HEAD = 1024 * 1024   # the HTTP server reads heads this long, so the app can answer 414


def server_config(app, host: str = "127.0.0.1", port: int = 8000, **kwargs):
    """The uvicorn configuration ``newsledger serve`` runs ``app`` with (heads up to
    :data:`MAX_REQUEST_HEAD` reach the app and get their 414; longer ones get uvicorn's 400)."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning", http="h11",
                          h11_max_incomplete_event_size=MAX_REQUEST_HEAD, **kwargs)


def create_app(url: str) -> FastAPI:
    """The web view of the ledger at database ``url``, opened read-only."""
    app = FastAPI(title="newsledger", version=metadata.version("newsledger"), docs_url=None, redoc_url=None,
                  description="A neutral, sourced ledger of events, claims and figures, read-only. "
                              "Records follow the export contract (spec/export-format.md).")
    app.state.ledger = Ledger(open_readonly(url), change_marker(url))
    app.state.templates = templates()
    app.state.db_name = url.rsplit("/", 1)[-1]
    app.include_router(api.router)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.include_router(framing.router)
    app.include_router(framing.api)
    app.mount("/static", StaticFiles(directory=str(HERE.joinpath("static"))), name="static")

    @app.middleware("http")
    async def safe_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_middleware(TargetLimit)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith(("/api/", "/static/", "/openapi")):
            return await http_exception_handler(request, exc)
        return pages.render(request, "error.html", title="Not found" if exc.status_code == 404 else "Error",
                            message=exc.detail, status_code=exc.status_code)

    return app
