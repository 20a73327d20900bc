"""The FastAPI application: pages, ``/api/``, static files, safe headers."""
from __future__ import annotations

from importlib import metadata, resources

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import api, framing, pages
from .ledger import Ledger
from .query import figure_label
from .readonly import change_marker, open_readonly

HERE = resources.files("newsledger.serve")

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
    env.globals["evidence_url"] = pages.evidence_url
    env.globals["framing_reports"] = framing.event_comparison_view
    return Jinja2Templates(env=env)


def create_app(url: str) -> FastAPI:
    """The web view of the ledger at database ``url``, opened read-only."""
    app = FastAPI(title="newsledger", version=metadata.version("newsledger"), docs_url=None, redoc_url=None,
                  description="A neutral, sourced ledger of events, claims and figures, read-only. "
                              "Records follow the export contract (spec/export-format.md).")
    app.state.ledger = Ledger(open_readonly(url), change_marker(url))
    app.state.templates = templates()
    app.state.db_name = url.rsplit("/", 1)[-1]
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(framing.router)
    app.include_router(framing.api)
    app.mount("/static", StaticFiles(directory=str(HERE.joinpath("static"))), name="static")

    @app.middleware("http")
    async def safe_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith(("/api/", "/static/", "/openapi")):
            return await http_exception_handler(request, exc)
        return pages.render(request, "error.html", title="Not found" if exc.status_code == 404 else "Error",
                            message=exc.detail, status_code=exc.status_code)

    return app
