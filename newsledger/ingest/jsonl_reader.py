"""JSON Lines: one article per line with ``text`` or ``html``; optional ``url``, ``title``,
``published``, ``outlet``."""
from __future__ import annotations

import json
from typing import Iterator

from ..records import Quarantined, RawDocument
from . import guard, register
from .html_reader import to_raw


@register("jsonl", (".jsonl", ".ndjson", ".jsonl.gz"))
def read(data: bytes, source: str) -> Iterator[RawDocument | Quarantined]:
    if data[:2] == b"\x1f\x8b":
        import gzip
        data = gzip.decompress(data)
    text, problem = guard.decode(data)
    if text is None:
        yield Quarantined(source, "encoding", problem or "")
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}#L{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Quarantined(where, "bad_json", f"line {n}: {exc.msg}")
            continue
        if not isinstance(rec, dict) or not (rec.get("text") or rec.get("html")):
            yield Quarantined(where, "no_text", f"line {n} has neither 'text' nor 'html'")
            continue
        src = rec.get("url") or where
        published = str(rec["published"])[:10] if rec.get("published") else None
        meta = {"title": rec.get("title"), "published": published, "outlet": rec.get("outlet")}
        if rec.get("text"):
            yield RawDocument(source=src, text=str(rec["text"]), url=rec.get("url"), title=meta["title"],
                              published=published, published_basis="header" if published else "none",
                              outlet=meta["outlet"], fmt="jsonl")
        else:
            yield to_raw(str(rec["html"]), src, url=rec.get("url"), **meta)
