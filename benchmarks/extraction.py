"""Article-body extraction benchmark: newsledger's reader + clean stage against plain trafilatura.

The pages and the hand-checked bodies are the shared article-extraction benchmark
(``shared/bench/article-extraction``: ``html/KEY.html.gz`` and ``ground-truth.json``);
scoring is the shared ``tools/extraction_score.py`` (word 4-gram shingles per page).

Three predictions are scored:

* ``trafilatura``  — ``trafilatura.extract(html)`` with its defaults, the tool users know;
* ``newsledger``   — the html reader and the clean stage as the pipeline runs them
                     (``clean_batch`` over all pages at once), the cleaned document text;
* ``cli``          — ``newsledger ingest`` on the pages written out as ``KEY.html``, then
                     ``newsledger export --format jsonl``; documents are mapped back to keys
                     by the basename of their ``source``/``sources`` (near-duplicate pages
                     are one document with two sources). Quarantined pages count as empty.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(os.environ.get("NEWSLEDGER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
BENCH = SHARED / "bench" / "article-extraction"
SCORER = SHARED / "tools" / "extraction_score.py"


def available(bench: Path = BENCH) -> bool:
    return (bench / "ground-truth.json").exists() and (bench / "html").is_dir() and SCORER.exists()


def pages(bench: Path = BENCH) -> dict[str, bytes]:
    """KEY → raw (decompressed) HTML bytes, sorted by key."""
    out = {}
    for p in sorted((bench / "html").glob("*.html.gz")):
        out[p.name[: -len(".html.gz")]] = gzip.decompress(p.read_bytes())
    return out


def score(pred: dict[str, dict], bench: Path = BENCH, workdir: Path | None = None,
          keys: set[str] | None = None) -> dict:
    """Run the shared scorer on ``pred`` (only over ``keys`` when given: a filtered copy of
    the ground truth is scored, so both extractors can be compared on the same pages)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmp = Path(tmp)
        if keys is not None:
            gold = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
            (tmp / "ground-truth.json").write_text(json.dumps({k: v for k, v in gold.items() if k in keys}),
                                                   encoding="utf-8")
            pred = {k: v for k, v in pred.items() if k in keys}
            bench = tmp
        if not any((v or {}).get("articleBody") for v in pred.values()):    # the scorer cannot average nothing
            n = len(json.loads((bench / "ground-truth.json").read_text(encoding="utf-8")))
            return {"pages": n, "predicted": len(pred), "precision": 0.0, "recall": 0.0, "f1": 0.0, "exact": 0.0}
        path = tmp / "predictions.json"
        path.write_text(json.dumps(pred), encoding="utf-8")
        res = subprocess.run([sys.executable, str(SCORER), "--pred", str(path), "--bench", str(bench), "--json"],
                             capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"extraction_score failed: {res.stderr.strip()[-500:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def per_page(pred: dict[str, dict], bench: Path = BENCH) -> dict[str, tuple[float, float, float]]:
    """Per-page (tp, fp, fn) shares with the scorer's own function, for diffs between extractors."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_extraction_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: mod.page_counts(g.get("articleBody", ""), (pred.get(k) or {}).get("articleBody", ""))
            for k, g in gold.items()}


def predict_trafilatura(html: dict[str, bytes], **options) -> dict[str, dict]:
    """``trafilatura.extract`` on the page bytes (trafilatura finds the encoding itself)."""
    import trafilatura

    return {key: {"articleBody": trafilatura.extract(data, **options) or ""} for key, data in html.items()}


def predict_newsledger(html: dict[str, bytes]) -> tuple[dict[str, dict], dict[str, str]]:
    """The cleaned document text per page, as the pipeline's read + clean stages make it
    (pages in other languages are kept too: the ingest stores them without analysis).
    Returns (predictions, quarantined: KEY → reason); a quarantined page predicts an empty body."""
    from newsledger.ingest import html_reader
    from newsledger.pipeline import clean_batch
    from newsledger.records import Quarantined

    raws, keys = [], []
    for key, data in html.items():
        for raw in html_reader.read(data, f"{key}.html"):
            raws.append(raw)
            keys.append(key)
    pred, quarantined = {}, {}
    cleaned = clean_batch(raws)
    for key, item in zip(keys, cleaned):
        if isinstance(item, Quarantined):
            quarantined[key] = item.reason
            pred.setdefault(key, {"articleBody": ""})
        else:
            prev = pred.get(key, {}).get("articleBody", "")
            pred[key] = {"articleBody": (prev + "\n\n" + item.text).strip()}
    return pred, quarantined


def predict_cli(html: dict[str, bytes], workdir: Path | None = None, jobs: int = 2) -> tuple[dict, dict, str | None]:
    """Predictions through the real command line: ingest into a temporary store, export jsonl.

    Returns (predictions, quarantined: KEY → reason, the ingest's error line or None)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmp = Path(tmp)
        pages_dir = tmp / "pages"
        pages_dir.mkdir()
        for key, data in html.items():
            (pages_dir / f"{key}.html").write_bytes(data)
        env = {**os.environ, "NEWSLEDGER_DB": f"sqlite:///{tmp / 'ledger.db'}"}
        cli = [sys.executable, "-c", "from newsledger.cli import main; main()"]
        ing = subprocess.run(cli + ["ingest", "--quiet", "--jobs", str(jobs), str(pages_dir)], env=env,
                             capture_output=True, text=True)
        export = tmp / "ledger.jsonl"
        exp = subprocess.run(cli + ["export", "--format", "jsonl", str(export)], env=env,
                             capture_output=True, text=True)
        if exp.returncode != 0:
            raise RuntimeError(f"newsledger export failed: {exp.stderr[-2000:]}\ningest: {ing.stderr[-2000:]}")
        pred: dict[str, dict] = {}
        for line in export.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line) if line.strip() else {}
            if rec.get("kind") != "document":
                continue
            srcs = {rec.get("source") or ""} | set(rec.get("sources") or [])
            for src in srcs:
                key = os.path.basename(src.split("#")[0])
                if key.endswith(".html"):
                    key = key[: -len(".html")]
                if key in html:
                    prev = pred.get(key, {}).get("articleBody", "")
                    pred[key] = {"articleBody": (prev + "\n\n" + (rec.get("text") or "")).strip()}
        from newsledger.store import Store

        error = None
        if ing.returncode != 0:      # report what the run stored before it stopped, and why it stopped
            lines = [ln.strip() for ln in ing.stderr.splitlines() if "Error" in ln]
            error = (lines[0] if lines else ing.stderr.strip()[-300:])[:300]

        store = Store(env["NEWSLEDGER_DB"])
        quarantined = {os.path.basename(q["source"])[: -len(".html")]: q["reason"] for q in store.quarantined()}
        store.engine.dispose()
        for key in html:
            pred.setdefault(key, {"articleBody": ""})
    return pred, quarantined, error


def _worst(base: dict, pred: dict, n: int) -> list[dict]:
    a, b = per_page(base), per_page(pred)
    return [{"key": k, "base_tp": round(a[k][0], 3), "tp": round(b[k][0], 3), "fp": round(b[k][1], 3),
             "fn": round(b[k][2], 3)} for k in sorted(a, key=lambda k: b[k][0] - a[k][0])[:n]]


def run(cli: bool = True, workdir: Path | None = None, jobs: int = 2, diff: int = 0) -> dict:
    """Score every way on all pages; a flat dict for the report.

    ``f1``: newsledger's cleaner (reader + clean stage) on all pages;
    ``cli_f1``: through ``newsledger ingest`` + ``export``; ``*_english_f1``: on the English pages
    (the ones the analysis runs on), for newsledger and trafilatura alike. ``diff`` > 0 lists the pages where
    the cleaner loses most against trafilatura (include_comments=False)."""
    html = pages()
    t0 = time.perf_counter()
    traf = predict_trafilatura(html)
    t1 = time.perf_counter()
    traf_nc = predict_trafilatura(html, include_comments=False)
    t2 = time.perf_counter()
    nl, quarantined = predict_newsledger(html)
    t3 = time.perf_counter()
    # for comparison: the pages in English (the ones the analysis runs on)
    from newsledger.clean import language
    english = {k for k, v in nl.items() if k not in quarantined and language.detect(v["articleBody"]) in ("en", "und")}
    s_traf, s_nc, s_nl = (score(p, workdir=workdir) for p in (traf, traf_nc, nl))
    res = {"pages": len(html),
           "f1": s_nl["f1"], "precision": s_nl["precision"], "recall": s_nl["recall"],
           "trafilatura_f1": s_traf["f1"], "trafilatura_precision": s_traf["precision"],
           "trafilatura_recall": s_traf["recall"],
           "trafilatura_no_comments_f1": s_nc["f1"], "trafilatura_no_comments_precision": s_nc["precision"],
           "trafilatura_no_comments_recall": s_nc["recall"],
           "quarantined": len(quarantined), "quarantined_reasons": _count(quarantined.values()),
           "english_pages": len(english),
           "english_f1": score(nl, workdir=workdir, keys=english)["f1"],
           "trafilatura_english_f1": score(traf, workdir=workdir, keys=english)["f1"],
           "trafilatura_no_comments_english_f1": score(traf_nc, workdir=workdir, keys=english)["f1"],
           "seconds": {"trafilatura": round(t1 - t0, 2), "trafilatura_no_comments": round(t2 - t1, 2),
                       "newsledger": round(t3 - t2, 2)}}
    if cli:
        t4 = time.perf_counter()
        c, c_q, error = predict_cli(html, workdir=workdir, jobs=jobs)
        s_cli = score(c, workdir=workdir)
        res.update({"cli_error": error, "cli_documents": sum(bool(v["articleBody"]) for v in c.values()),"cli_f1": s_cli["f1"], "cli_precision": s_cli["precision"], "cli_recall": s_cli["recall"],
                    "cli_quarantined": len(c_q), "cli_quarantined_reasons": _count(c_q.values()),
                    "cli_english_f1": score(c, workdir=workdir, keys=set(html) - set(c_q))["f1"]})
        res["seconds"]["cli"] = round(time.perf_counter() - t4, 2)
    if diff:
        res["worst_pages"] = _worst(traf_nc, nl, diff)
    return res


def _count(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items()))


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="article-body extraction benchmark")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--diff", type=int, default=0, help="list the N pages newsledger loses most on")
    a = ap.parse_args()
    print(json.dumps(run(cli=not a.no_cli, diff=a.diff), indent=1))
