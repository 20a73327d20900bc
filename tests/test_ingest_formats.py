"""Each input format becomes a document with its text, title and date."""
from __future__ import annotations

import gzip
import io
import json

from conftest import write
from fixtures import ARTICLE, ARTICLE_DATELINE, ARTICLE_NO_DATE, HTML_PAGE

from newsledger.clean import clean
from newsledger.ingest import read_all, read_path
from newsledger.records import Document, Quarantined, RawDocument


def docs_of(*paths):
    out = []
    for item in read_all([str(p) for p in paths]):
        out.append(clean(item) if isinstance(item, RawDocument) else item)
    return out


def test_txt_with_date_header(tmp_path):
    [doc] = docs_of(write(tmp_path / "a.txt", ARTICLE))
    assert isinstance(doc, Document)
    assert doc.published == "2024-05-02" and doc.published_basis == "header"
    assert doc.title == "Flooding forces thousands from homes in river valley"
    assert not doc.text.startswith("date")


def test_txt_with_date_line(tmp_path):
    [doc] = docs_of(write(tmp_path / "b.txt", ARTICLE_DATELINE))
    assert doc.published == "2025-03-04" and doc.published_basis == "dateline"
    assert doc.text.startswith("Talks on prisoner exchange")


def test_txt_without_date(tmp_path):
    [doc] = docs_of(write(tmp_path / "c.txt", ARTICLE_NO_DATE))
    assert doc.published is None and doc.published_basis == "none"


def test_html_page(tmp_path):
    [doc] = docs_of(write(tmp_path / "page.html", HTML_PAGE))
    assert isinstance(doc, Document)
    assert doc.published == "2024-09-12" and doc.published_basis == "html-meta"
    assert doc.outlet == "Example Wire"
    assert "Ceasefire holds" in (doc.title or "")
    assert "aid convoys" in doc.text and "All rights reserved" not in doc.text


def test_jsonl_text_and_html_lines(tmp_path):
    lines = [
        {"text": ARTICLE_NO_DATE, "url": "https://example.org/a", "published": "2024-01-05", "outlet": "Example"},
        {"html": HTML_PAGE, "url": "https://example.org/b"},
        {"title": "no body"},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    a, b, bad = docs_of(path)
    assert a.source == "https://example.org/a" and a.published == "2024-01-05" and a.outlet == "Example"
    assert b.source == "https://example.org/b" and "aid convoys" in b.text
    assert isinstance(bad, Quarantined) and bad.reason == "no_text" and bad.source.endswith("#L3")


def warc_bytes(uri: str, html: str, date: str = "2024-10-01T12:00:00Z") -> bytes:
    body = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def test_warc_and_warc_gz(tmp_path):
    page = HTML_PAGE.replace('<meta property="article:published_time" content="2024-09-12T08:00:00Z">', "")
    raw = warc_bytes("https://example.org/story", page)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
        gz.write(raw)
    [a] = docs_of(write(tmp_path / "crawl.warc", raw))
    [b] = docs_of(write(tmp_path / "crawl.warc.gz", buf.getvalue()))
    for doc in (a, b):
        assert isinstance(doc, Document)
        assert doc.source == "https://example.org/story"
        assert "aid convoys" in doc.text
    assert a.published_basis in ("warc", "html-meta")


def test_stdin_is_sniffed(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(HTML_PAGE.encode())))
    [raw] = list(read_path("-"))
    assert raw.source == "<stdin>" and raw.fmt == "html"


def test_directory_is_read_recursively(tmp_path):
    write(tmp_path / "x" / "y" / "deep.txt", ARTICLE_NO_DATE)
    write(tmp_path / "top.txt", ARTICLE)
    sources = sorted(d.source for d in docs_of(tmp_path))
    assert [s.rsplit("/", 1)[1] for s in sources] == ["top.txt", "deep.txt"] or len(sources) == 2
