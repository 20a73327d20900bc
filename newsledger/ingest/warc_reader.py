"""WARC files: HTTP response records holding HTML; the WARC date is the fallback date."""
from __future__ import annotations

import io
import re
from typing import Iterator

from ..records import Quarantined, RawDocument
from . import guard, register
from .html_reader import declared_charset, to_raw

_CT_CHARSET = re.compile(r"charset=([\w-]+)", re.I)


@register("warc", (".warc", ".warc.gz"))
def read(data: bytes, source: str) -> Iterator[RawDocument | Quarantined]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    found = False
    try:
        for rec in ArchiveIterator(io.BytesIO(data), record_types=WarcRecordType.response, parse_http=True):
            uri = rec.headers.get("WARC-Target-URI") or source
            ctype = (rec.http_headers.get("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            found = True
            body = rec.reader.read()
            m = _CT_CHARSET.search(ctype)
            text, problem = guard.decode(body, (m.group(1) if m else None) or declared_charset(body))
            if text is None:
                yield Quarantined(uri, "encoding", problem or "")
                continue
            wdate = (rec.headers.get("WARC-Date") or "")[:10] or None
            yield to_raw(text, uri, url=uri, fallback_date=wdate, fallback_basis="warc" if wdate else "none")
    except Exception as exc:  # fastwarc raises on truncated/corrupt archives
        yield Quarantined(source, "bad_warc", f"could not read the WARC archive: {exc}")
        return
    if not found:
        yield Quarantined(source, "no_text", "the WARC archive holds no HTML response records")
