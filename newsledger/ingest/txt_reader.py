"""Plain text: optional first line ``date YYYY-MM-DD`` or a date line such as
``Wednesday, April 24, 2024``; otherwise no date."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Iterator

from ..records import Quarantined, RawDocument
from . import guard, register

HEADER = re.compile(r"\A\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
DATELINE = re.compile(
    r"\A\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<d>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December),?\s+\d{4})[ \t]*(?:\n|\Z)")


def parse_dateline(s: str) -> str | None:
    s = re.sub(r"[,\s]+", " ", s).strip()
    for fmt in ("%B %d %Y", "%d %B %Y"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def split_header(text: str) -> tuple[str, str | None, str]:
    """(text without the date header, published, basis)."""
    m = HEADER.match(text)
    if m:
        try:
            datetime.strptime(m.group(1), "%Y-%m-%d")
            return text[m.end():], m.group(1), "header"
        except ValueError:
            return text[m.end():], None, "none"
    m = DATELINE.match(text)
    if m:
        day = parse_dateline(m.group("d"))
        if day:
            return text[m.end():], day, "dateline"
    return text, None, "none"


@register("txt", (".txt", ".text", ".md"))
def read(data: bytes, source: str) -> Iterator[RawDocument | Quarantined]:
    text, problem = guard.decode(data)
    if text is None:
        yield Quarantined(source, "encoding", problem or "")
        return
    body, published, basis = split_header(text)
    yield RawDocument(source=source, text=body, published=published, published_basis=basis, fmt="txt")
