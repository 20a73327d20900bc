"""The benchmark runs end to end on a tiny corpus. Speed is never asserted here."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import corpora  # noqa: E402
import extraction  # noqa: E402
import make_corpus  # noqa: E402


def test_corpus_articles_are_distinct_and_dated(tmp_path):
    paths = make_corpus.build(40, tmp_path / "corpus", seed=7)
    texts = [p.read_text("utf-8") for p in paths]
    assert len(paths) == 40 and len(set(texts)) == 40
    assert all(t.startswith("date ") and len(t.split()) > 200 for t in texts)
    # deterministic for a seed: a second build reuses or rewrites the same texts
    assert [p.read_text("utf-8") for p in make_corpus.build(40, tmp_path / "corpus", seed=7)] == texts
    assert make_corpus.article(3, make_corpus.load_stories(), seed=7) == texts[3]


def test_runner_on_a_tiny_corpus(tmp_path):
    out = tmp_path / "r.json"
    res = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "5", "--no-extraction", "--no-quality",
                          "--no-corpora", "--no-reference", "--no-write", "--json", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    r = json.loads(out.read_text())
    tp = r["throughput"]
    assert tp["sizes"][0]["articles"] == 5 and tp["sizes"][0]["seconds"] > 0
    assert tp["articles_per_s"] > 0 and tp["peak_rss_mb"] > 0
    assert {"read", "clean", "analyse", "store"} <= set(r["stages"])
    assert "Throughput" in res.stdout


def test_extraction_scoring_on_a_few_pages():
    if not extraction.available():
        pytest.skip("the article-extraction benchmark is not beside the repository")
    html = dict(list(extraction.pages().items())[:4])
    keys = set(html)
    nl, _ = extraction.predict_newsledger(html)
    traf = extraction.predict_trafilatura(html)
    s_nl, s_traf = extraction.score(nl, keys=keys), extraction.score(traf, keys=keys)
    assert s_nl["pages"] == 4 and s_nl["f1"] > 0.5 and s_traf["f1"] > 0.5


def _row(doc, n_events=1, type_ok=True, km=3.0, gold_fat=0, fat_ok=True, a1=True, merged=1):
    return {"doc": doc, "n_events": n_events, "type_ok": type_ok, "sub_ok": type_ok, "date_ok": True,
            "has_coords": True, "km": km, "gold_fat": gold_fat, "fat_ok": fat_ok, "a1_hit": a1, "merged_docs": merged}


def test_corpora_figures_per_source_split_by_the_note_id_prefix():
    rows = [_row("KEN1"), _row("KEN2", type_ok=False, km=80.0), _row("PER7", n_events=0, type_ok=False, km=None,
                                                                       fat_ok=False, a1=False)]
    out = corpora.by_source(rows)
    assert set(out) == {"KEN", "PER"}
    assert out["KEN"]["n"] == 2 and out["KEN"]["type_all"] == 0.5 and out["KEN"]["loc25_all"] == 0.5
    assert out["PER"]["coverage"] == 0.0 and out["PER"]["fat_all"] == 1.0   # no event, gold 0 dead: right
    text = corpora.table({"acled": {"skipped": "not here"}, "polnear_dev": {"skipped": "not here either"}})
    assert "ACLED notes: not here" in text and "PolNeAR dev: not here either" in text


def test_corpora_are_skipped_with_a_note_when_the_shared_scripts_are_absent(tmp_path, monkeypatch):
    monkeypatch.setattr(corpora, "SHARED", tmp_path / "nowhere")
    monkeypatch.setattr(corpora, "MIRRORS", tmp_path / "no-mirrors")
    r = corpora.run(tmp_path, size=10, jobs=1)
    assert "skipped" in r["acled"] and "skipped" in r["polnear_dev"]


def test_results_keep_the_sections_other_scripts_measured(tmp_path):
    import run
    path = tmp_path / "RESULTS.md"
    path.write_text("# old figures\n\nstale\n\n" + run.KEEP_MARK + "\n\n## Reliability\n\n20 of 20 equal\n")
    run.write_results(str(path), "# new figures\n\nfresh\n")
    text = path.read_text()
    assert text.startswith("# new figures") and "stale" not in text
    assert text.endswith(run.KEEP_MARK + "\n\n## Reliability\n\n20 of 20 equal\n")
    run.write_results(str(tmp_path / "fresh.md"), "# only this\n")
    assert (tmp_path / "fresh.md").read_text() == "# only this\n"


def test_polnear_events_per_article_counts_the_export(tmp_path):
    export = tmp_path / "out.jsonl"
    rows = [{"kind": "document", "doc_id": "a"}, {"kind": "document", "doc_id": "b"},
            {"kind": "event", "event_type": "Protests", "rule": "demonstration"},
            {"kind": "claim", "doc_id": "a"}]
    export.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = corpora.polnear_events(export)
    assert got == {"articles": 2, "events": 1, "per_article": 0.5, "by_type": {"Protests": 1},
                   "by_rule": {"demonstration": 1}}
