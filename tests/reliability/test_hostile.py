"""Bad input stays bad input: hostile files mixed with good ones keep every good file.

Binary files, a huge file, one text repeated many times, broken HTML, wrong encodings and an
unknown format are interleaved with the invented corpus; the ledger holds exactly what a clean
run of the good files holds (the repeated text is the same story as a good file: it only adds a
source to that document), and every hostile file is quarantined or stored once.
"""
from __future__ import annotations

import json
import shutil

from corpus import articles, duplicates, ingest_cmd, ledger, run, shared_corpus
from corpus import reference as reference_ledger

from newsledger.store import Store


def hostile_files(folder, story: str) -> dict[str, str]:
    """Write the hostile files; name -> the quarantine reason expected (None: stored once)."""
    (folder / "b01_binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "b02_nul.html").write_bytes(b"<html>" + b"\x00" * 4000 + b"</html>")
    with open(folder / "b03_huge.txt", "wb") as fh:
        fh.write(b"word " * (5 * 1024 * 1024))
    (folder / "b04_latin1.txt").write_bytes(("Caf\u00e9 owners in the old town said " * 5).encode("latin-1"))
    (folder / "b05_broken.html").write_text("<html><body><div><p><<<>>> <script>x()</script></div", encoding="utf-8")
    (folder / "b06_utf16_garbage.txt").write_bytes(b"\xff\xfe" + bytes(range(0, 256, 3)) * 50)
    (folder / "b07_slides.pptx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (folder / "b09_report.pdf").write_text("%PDF-1.4 a report about the harvest " * 20, encoding="ascii")
    (folder / "b08_empty.jsonl").write_text("{not json\n[1, 2\n", encoding="utf-8")
    (folder / "zz_repeated.txt").write_text((story.strip() + "\n\n") * 200, encoding="utf-8")
    return {"b01_binary.txt": "binary", "b02_nul.html": "binary", "b03_huge.txt": "too_large",
            "b04_latin1.txt": "encoding", "b05_broken.html": "too_short", "b07_slides.pptx": "binary",
            "b09_report.pdf": "unknown_format"}


def test_hostile_files_mixed_with_good_ones_keep_every_good_file(tmp_path):
    good = shared_corpus()
    mixed = shutil.copytree(good, tmp_path / "in")
    name = sorted(articles())[0]
    expected = hostile_files(mixed, articles()[name])
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    res = run(ingest_cmd(url, mixed))
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert "repeated 200 times" in res.stderr
    store = Store(url)
    got = {q["source"].rsplit("/", 1)[1]: q["reason"] for q in store.quarantined()}
    store.dispose()
    assert {k: got.get(k) for k in expected} == expected
    assert not {k for k in got if not k.startswith(("b0", "zz"))}        # no good file quarantined
    # the same ledger as a clean run of the good files: same records, sources aside
    def comparable(lines, sources):
        out = []
        for line in lines:
            r = json.loads(line)
            if r["kind"] == "document":
                sources[r["doc_id"]] = sorted(s.rsplit("/", 1)[1] for s in r.pop("sources"))
                r.pop("source")
            out.append(json.dumps(r, sort_keys=True))
        return sorted(out)

    sources: dict[str, list[str]] = {}
    assert comparable(ledger(url), sources) == comparable(reference_ledger(), {})
    assert duplicates(url) == 0
    story = [d for d, s in sources.items() if name in s]
    assert [sources[d] for d in story] == [[name, "zz_repeated.txt"]]   # the repeated text: one more source
