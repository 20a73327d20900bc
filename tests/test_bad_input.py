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


def _boom_on(word: str):
    """An analysis component that fails (as a rule with a bug would) on texts containing ``word``."""
    def component(doc, ctx):
        if word in doc.text:
            words = [w for w in doc.text.split() if w == "not-there"]
            words[-1]                                   # IndexError, like a rule indexing an empty split
        return doc
    return component


def test_an_exception_in_a_component_quarantines_that_document_and_the_run_goes_on(tmp_path, monkeypatch, caplog):
    from newsledger import analyse as analyse_mod
    from newsledger.analyse import Context
    from newsledger.pipeline import ingest as run_ingest

    monkeypatch.setattr(analyse_mod, "COMPONENTS", [*analyse_mod.COMPONENTS[:3], ("boom", _boom_on("school")),
                                                    *analyse_mod.COMPONENTS[3:]])
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", ARTICLE_NO_DATE)             # mentions a school: its analysis fails
    write(tmp_path / "in" / "c.txt", ARTICLE.replace("3,000", "4,000"))
    for jobs in (1, 2):                                          # in this process and in worker processes
        store = Store(f"sqlite:///{tmp_path / f'j{jobs}.db'}")
        stats = run_ingest([str(tmp_path / "in")], store, Context(use_model="rules"), jobs=jobs)
        assert stats.ingested == 2
        [q] = store.quarantined()
        assert (os.path.basename(q["source"]), q["reason"]) == ("b.txt", "analysis")
        assert q["detail"].startswith("IndexError in analysis") and "\n" not in q["detail"]
        assert store.count("claims") > 0 and store.runs()[0]["finished_at"]
        store.dispose()
    assert "Traceback" in caplog.text and "b.txt" in caplog.text    # the traceback is in the log


def test_one_text_repeated_many_times_is_stored_once_with_a_warning(tmp_path, sqlite_url, caplog):
    from newsledger.analyse import Context
    from newsledger.pipeline import ingest as run_ingest

    write(tmp_path / "one" / "story.txt", ARTICLE)
    write(tmp_path / "many" / "looped.txt", ARTICLE * 200)        # the header line repeats too
    once = Store(f"sqlite:///{tmp_path / 'once.db'}")
    run_ingest([str(tmp_path / "one")], once, Context(use_model="rules"))
    store = Store(sqlite_url)
    run_ingest([str(tmp_path / "many")], store, Context(use_model="rules"))
    [doc] = list(store.documents())
    [single] = list(once.documents())
    assert doc["doc_id"] == single["doc_id"] and doc["text"] == single["text"]
    assert any("repeated 200 times" in w for w in doc["warnings"])
    assert "repeated 200 times" in caplog.text
    assert store.count("claims") == once.count("claims") and store.count("figures") == once.count("figures")


def test_one_line_messages_stay_one_line_when_stderr_is_not_a_terminal(tmp_path, sqlite_url):
    deep = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / ("another-long-folder-name-" * 2)
    write(deep / "empty-file-with-a-long-name.txt", "")
    write(tmp_path / "ok.txt", ARTICLE)
    res = ingest(sqlite_url, deep, tmp_path / "ok.txt")
    [line] = [x for x in res.output.splitlines() if x.startswith("quarantined")]
    assert line.endswith("empty — the input holds no text") and str(deep) in line


def test_compressed_pages_are_read_and_gzip_bombs_quarantined(tmp_path, sqlite_url):
    import gzip

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "in" / "bomb.html.gz").write_bytes(gzip.compress(b" " * (guard.MAX_BYTES + 10)))
    (tmp_path / "in" / "broken.txt.gz").write_bytes(b"\x1f\x8b" + b"not gzip at all")
    assert ingest(sqlite_url, tmp_path / "in").exit_code == 0
    assert reasons(sqlite_url) == {"bomb.html.gz": "too_large", "broken.txt.gz": "unreadable"}
    assert Store(sqlite_url).count("documents") == 1


def test_a_reader_that_fails_quarantines_its_file(tmp_path, sqlite_url, monkeypatch):
    from newsledger import ingest as ingest_mod

    def broken_reader(data, source):
        yield from ()
        raise RuntimeError("reader bug")

    monkeypatch.setitem(ingest_mod.READERS, "html", broken_reader)
    write(tmp_path / "page.html", "<html><body><p>text</p></body></html>")
    write(tmp_path / "ok.txt", ARTICLE)
    assert ingest(sqlite_url, tmp_path / "page.html", tmp_path / "ok.txt").exit_code == 0
    assert reasons(sqlite_url) == {"page.html": "unreadable"}


def test_a_cue_after_nothing_but_line_breaks_has_no_speaker():
    from newsledger.analyse import Context
    from newsledger.analyse.claims import _speaker_before, rules

    text = "\n\nsaid the harbour master"                 # a span of whitespace only before the cue
    assert _speaker_before(rules(Context(use_model="rules")), text, 0, 2, []) is None
