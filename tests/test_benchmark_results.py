"""The committed benchmarks/RESULTS.md holds full runs: a quick or sized run leaves it alone."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def test_a_sized_run_leaves_results_alone_and_report_writes_them(tmp_path):
    results, saved = tmp_path / "RESULTS.md", tmp_path / "r.json"
    res = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "5", "--no-extraction", "--no-quality",
                          "--no-corpora", "--no-reference", "--results", str(results), "--json", str(saved)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    assert not results.exists() and "left alone" in res.stderr
    assert json.loads(saved.read_text())["throughput"]["sizes"][0]["articles"] == 5
    res = subprocess.run([sys.executable, str(BENCH / "run.py"), "--report", str(saved), "--results", str(results)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Throughput" in results.read_text()
