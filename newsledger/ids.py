"""Deterministic ids: the same input gives the same ids on every run and machine."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form a document's identity is computed from: NFC, case-folded, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def digest(*parts: object, n: int = 16) -> str:
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


def doc_id_for(clean_text: str) -> str:
    return "d" + digest(normalise_text(clean_text))


def span_id(prefix: str, doc_id: str, start: int, end: int, *extra: object) -> str:
    return prefix + digest(doc_id, start, end, *extra)
