"""Interactive API documentation from the application's own OpenAPI document: one server-rendered
page (``/docs``) that lists every operation with its parameters and a form that calls it
(through ``/docs/call``, which drops the fields left empty). No
script and nothing fetched from elsewhere: the page follows the rest of the web view (packaged
template and stylesheet only), and the forms are plain GET requests to the API."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

router = APIRouter(include_in_schema=False)


def _schema_text(schema: dict, spec: dict) -> str:
    """A parameter's type as a reader says it: "integer ≥ 0, ≤ 500", "date", "string"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_text(s, spec) for s in schema["anyOf"] if s.get("type") != "null")
    text = schema.get("format") or schema.get("type") or "value"
    bounds = [f"≥ {schema['minimum']}" if "minimum" in schema else "", f"≤ {schema['maximum']}" if "maximum" in schema
              else ""]
    return ", ".join([text, *[b for b in bounds if b]])


def operations(spec: dict) -> list[dict]:
    """Each GET operation of the document: path, summary, parameters, responses, and how to call it."""
    out = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or (p.get("schema") or {}).get("description") or "",
                       "type": _schema_text(p.get("schema") or {}, spec),
                       "default": (p.get("schema") or {}).get("default")}
                      for p in op.get("parameters", [])]
            responses = [{"code": code, "description": r.get("description", "")}
                         for code, r in sorted(op.get("responses", {}).items())]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "",
                        "description": op.get("description") or "", "params": params, "responses": responses,
                        "anchor": op.get("operationId") or path, "templated": "{" in path})
    return out


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    from .pages import render

    spec = request.app.openapi()
    return render(request, "apidocs.html", title="API", info=spec.get("info", {}), ops=operations(spec))


@router.get("/docs/call")
def call(request: Request):
    """Go where a docs form points: the operation's path with its path parameters filled in
    (``/api/events/{event_id}``) and the query parameters that were filled (empty ones dropped)."""
    q = dict(request.query_params)
    template = q.pop("_op", "")
    known = {op["path"] for op in operations(request.app.openapi())}
    if template not in known:
        raise HTTPException(404, "No such API operation.")
    path = template
    for name in [p["name"] for op in operations(request.app.openapi()) if op["path"] == template
                 for p in op["params"] if p["in"] == "path"]:
        value = q.pop(name, "")
        if not value:
            raise HTTPException(400, f"Fill in {name}.")
        path = path.replace("{" + name + "}", quote(value, safe=""))
    rest = urlencode({k: v for k, v in q.items() if v})
    return RedirectResponse(path + (f"?{rest}" if rest else ""), status_code=303)
