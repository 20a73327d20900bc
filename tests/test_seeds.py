"""The five seed articles from ../shared/seeds go through the whole job (read at run time)."""
from __future__ import annotations

import json
import os

from conftest import shared_path
from typer.testing import CliRunner

from newsledger.clean import boilerplate
from newsledger.cli import app

DROP = boilerplate.rules().drop              # the package's own boilerplate line rules (general)


def boilerplate_lines(text: str) -> list[str]:
    """Lines of a cleaned text that a boilerplate line rule would still drop."""
    return [x for x in text.split("\n") if x.strip() and DROP.fullmatch(x.strip().strip("*#>|•·-– ").strip())]


def test_seeds_ingest_and_export(tmp_path):
    seeds = shared_path("seeds")
    url = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", url, "ingest", str(seeds)]).exit_code == 0
    out = tmp_path / "ledger.jsonl"
    assert runner.invoke(app, ["--db", url, "export", "--format", "jsonl", str(out)]).exit_code == 0
    docs = {os.path.basename(r["source"])[:3]: r for r in map(json.loads, out.read_text().splitlines())
            if r["kind"] == "document"}
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    assert docs["000"]["published"] == "2023-07-06" and docs["000"]["published_basis"] == "header"
    assert docs["001"]["published"] == "2025-01-23"
    assert docs["004"]["published"] == "2024-04-24" and docs["004"]["published_basis"] == "dateline"
    assert len(docs["002"]["segments"]) >= 5
    for d in docs.values():
        assert not boilerplate_lines(d["text"]), d["source"]
        assert d["n_chars"] == len(d["text"])
        for s in d["segments"]:
            assert 0 <= s["start"] < s["end"] <= d["n_chars"]
