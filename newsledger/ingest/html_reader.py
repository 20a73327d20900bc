"""HTML pages: main text, title, date and site name via trafilatura (no network)."""
from __future__ import annotations

import logging
import re
from typing import Iterator

from ..records import Quarantined, RawDocument
from . import guard, register

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def extract(html: str, url: str | None = None) -> dict | None:
    """trafilatura's article body and metadata as a dict, or None when it finds no text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception:  # trafilatura raises assorted lxml errors on hostile markup
        return None
    if doc is None:
        return None
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return d if (d.get("text") or "").strip() else None


def to_raw(html: str, source: str, url: str | None = None, fallback_date: str | None = None,
           fallback_basis: str = "none", **meta) -> RawDocument | Quarantined:
    d = extract(html, url)
    if d is None:
        return Quarantined(source, "no_text", "no article text could be extracted from the HTML")
    published, basis = (d.get("date") or None), "html-meta"
    if published:
        published = published[:10]
    else:
        published, basis = fallback_date, fallback_basis
    return RawDocument(source=source, text=d["text"], html=None, url=url or d.get("url"),
                       title=meta.get("title") or d.get("title"), published=meta.get("published") or published,
                       published_basis="header" if meta.get("published") else basis,
                       outlet=meta.get("outlet") or d.get("sitename"), fmt="html")


@register("html", (".html", ".htm", ".xhtml"))
def read(data: bytes, source: str) -> Iterator[RawDocument | Quarantined]:
    if data[:2] == b"\x1f\x8b":
        import gzip
        data = gzip.decompress(data)
    text, problem = guard.decode(data, declared_charset(data))
    if text is None:
        yield Quarantined(source, "encoding", problem or "")
        return
    yield to_raw(text, source)
