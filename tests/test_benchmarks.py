"""The benchmark runs end to end on a tiny corpus. Speed is never asserted here."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

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
                          "--no-reference", "--no-write", "--json", str(out)],
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
