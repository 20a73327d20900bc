"""Bad input gets a clear message and a quarantine row; nothing stored is lost; the run goes on."""
from __future__ import annotations

import os

from conftest import write
from fixtures import ARTICLE, ARTICLE_NO_DATE, FRENCH
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.ingest import guard
from newsledger.store import Store

runner = CliRunner()


def ingest(url, *paths):
    return runner.invoke(app, ["--db", url, "ingest", *map(str, paths)])


def reasons(url):
    return {os.path.basename(q["source"]): q["reason"] for q in Store(url).quarantined()}


def test_each_kind_of_bad_input_is_quarantined_with_its_reason(tmp_path, sqlite_url):
    bad = tmp_path / "bad"
    write(bad / "empty.txt", "")
    write(bad / "blank.txt", "\n   \n")
    write(bad / "binary.txt", bytes(range(256)) * 40)
    write(bad / "latin1.txt", ARTICLE_NO_DATE.replace("school", "écolé").encode("latin-1"))
    write(bad / "french.txt", FRENCH)
    write(bad / "broken.html", "<html><body><div><p><<<>>> <script>x</script></div")
    write(bad / "notes.xyz", "some text")
    with open(bad / "huge.txt", "wb") as fh:                 # 50 MB
        fh.write(b"x" * (50 * 1024 * 1024))
    os.symlink(bad / "missing-target", bad / "dangling.txt")
    good = write(tmp_path / "good" / "ok.txt", ARTICLE)
    res = ingest(sqlite_url, bad, good)
    assert res.exit_code == 0, res.output                    # something was ingested
    got = reasons(sqlite_url)
    assert got == {"empty.txt": "empty", "blank.txt": "empty", "binary.txt": "binary", "latin1.txt": "encoding",
                   "french.txt": "language", "broken.html": "too_short", "notes.xyz": "unknown_format",
                   "huge.txt": "too_large", "dangling.txt": "unreadable"}
    assert "quarantined" in res.output and "not valid UTF-8" in res.output
    store = Store(sqlite_url)
    assert store.count("documents") == 2                     # the French text is kept, not analysed
    [fr] = [d for d in store.documents() if d["language"] == "fr"]
    assert "not analysed" in fr["warnings"][0]
    for table in ("claims", "figures", "event_mentions", "mentions"):
        assert not store.rows(table, where=lambda t: t.c.doc_id == fr["doc_id"])


def test_exit_code_is_non_zero_only_when_nothing_was_ingested(tmp_path, sqlite_url):
    empty = write(tmp_path / "empty.txt", "")
    assert ingest(sqlite_url, empty).exit_code == 1
    assert ingest(sqlite_url, tmp_path / "does-not-exist.txt").exit_code == 1
    assert "no such file" in ingest(sqlite_url, tmp_path / "does-not-exist.txt").output.lower()


def test_bad_input_does_not_touch_what_is_stored(tmp_path, sqlite_url):
    write(tmp_path / "a.txt", ARTICLE)
    ingest(sqlite_url, tmp_path / "a.txt")
    before = list(Store(sqlite_url).documents())
    write(tmp_path / "b.txt", b"\x00\x01\x02" * 100)
    ingest(sqlite_url, tmp_path / "b.txt")
    assert list(Store(sqlite_url).documents()) == before


def test_quarantine_is_idempotent(tmp_path, sqlite_url):
    write(tmp_path / "empty.txt", "")
    ingest(sqlite_url, tmp_path / "empty.txt")
    ingest(sqlite_url, tmp_path / "empty.txt")
    assert len(Store(sqlite_url).quarantined()) == 1


def test_guard_limits_are_sane():
    assert guard.MAX_BYTES < 50 * 1024 * 1024
    assert guard.check_bytes(b"plain text") is None


def test_broken_html_with_text_is_still_read(tmp_path, sqlite_url):
    body = "".join(f"<p>{ARTICLE_NO_DATE} Paragraph {i} adds detail on the damage." for i in range(3))
    write(tmp_path / "messy.html", f"<html><body><div><article>{body}</div></span>")
    assert ingest(sqlite_url, tmp_path / "messy.html").exit_code == 0
    assert Store(sqlite_url).count("documents") == 1
