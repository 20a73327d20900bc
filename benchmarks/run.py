"""newsledger benchmarks: quality and speed against the tools users know, in one command.

    python benchmarks/run.py                  # full run (a few minutes on 2 cores), writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick          # under a minute: same report, smaller corpus (RESULTS.md untouched)
    python benchmarks/run.py --json r.json    # also the figures as JSON
    python benchmarks/run.py --sizes 5 --no-extraction --no-write   # a smoke test

Measures (each skipped with a note when its data is not beside the repository):
1. article-body extraction on shared/bench/article-extraction: newsledger's reader + clean
   stage and plain trafilatura, scored by shared/tools/extraction_score.py, and the same
   through the real CLI (ingest + export);
2. quality on the development corpora of thousands (benchmarks/corpora.py): ACLED coders' event notes
   (type, sub-type, date, place, fatalities, actors, wrong merges; per event type, per source and per
   rule) and PolNeAR's hand-annotated attributions (recall, precision, source accuracy; per rule); and
   the seed and dev smoke tests: shared/tools/score.py on an export of the seeds and dev articles;
3. throughput and peak RSS of the whole pipeline (ingest → clean → analyse → store →
   reconcile) on a generated corpus at 1×, 4× and 16× sizes, and spaCy's small English
   pipeline over the same texts as the reference;
4. where the time goes: the pipeline's stage timings and per-component analysis costs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402
import extraction  # noqa: E402
import make_corpus  # noqa: E402
import throughput  # noqa: E402

SHARED = extraction.SHARED
WORK = HERE / "_work"
FULL_SIZES = (625, 2500, 10000)
QUICK_SIZES = (20, 80, 320)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- 2. seed and dev quality ------------------------------------------------------------------

def _cli(args: list[str], db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from newsledger.cli import main; main()", "--db", db, *args],
                          capture_output=True, text=True)


def quality(name: str, articles: Path, gold: Path, workdir: Path) -> dict:
    """Ingest ``articles`` through the CLI into a fresh store, export jsonl, score against ``gold``."""
    scorer = SHARED / "tools" / "score.py"
    if not (articles.is_dir() and gold.exists() and scorer.exists()):
        return {"skipped": f"{articles} or {gold} is not here"}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        db = f"sqlite:///{Path(tmp) / 'ledger.db'}"
        export = Path(tmp) / "ledger.jsonl"
        ing = _cli(["ingest", "--quiet", str(articles)], db)
        exp = _cli(["export", "--format", "jsonl", str(export)], db)
        res: dict = {}
        if ing.returncode != 0:
            lines = [ln.strip() for ln in ing.stderr.splitlines() if "Error" in ln]
            res["error"] = (lines[0] if lines else ing.stderr.strip()[-300:])[:300]
        if exp.returncode != 0 or not export.exists():
            res["error"] = res.get("error") or exp.stderr.strip()[-300:]
            return res
        sc = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--export", str(export), "--json"],
                            capture_output=True, text=True)
        if sc.returncode != 0:
            res["error"] = sc.stderr.strip()[-300:]
            return res
        out = json.loads(sc.stdout)
    res["score"] = round(out["score"], 4)
    for section in ("documents", "events", "figures", "claims"):      # every scalar sub-score, no rows
        for k, v in (out.get(section) or {}).items():
            if v is None or isinstance(v, (int, float)):
                res[f"{section}.{k}"] = round(v, 4) if isinstance(v, float) else v
    return res


# -- 3. throughput ----------------------------------------------------------------------------

def run_throughput(sizes: tuple[int, ...], jobs: int, spacy_sample: int, profile_sample: int,
                   workdir: Path, reference: bool = True, rules_row: bool = False) -> tuple[dict, dict | None, dict]:
    paths = make_corpus.build(max(sizes), quiet=False)
    filelist = workdir / "files.txt"
    filelist.write_text("\n".join(str(p) for p in paths))
    corpus = make_corpus.stats(paths)
    rows = []
    for n in sizes:
        log(f"throughput: ingest {n} articles with jobs={jobs} ...")
        db = workdir / f"tp-{n}.db"
        db.unlink(missing_ok=True)
        r = throughput.measure(["pipeline", str(filelist), str(n), str(jobs), f"sqlite:///{db}",
                                str(workdir / f"tp-{n}.json")])
        db.unlink(missing_ok=True)
        rows.append(r)
        if "error" in r:
            log(f"  failed: {r['error']}")
            break
        log(f"  {r['seconds']:.1f} s, {r['articles_per_s']:.1f} articles/s, peak RSS {r['peak_rss_mb']:.0f} MB, "
            f"PSS {r.get('peak_pss_mb') or 0:.0f} MB")
    ok = [r for r in rows if "error" not in r]
    rules = None
    if rules_row and ok:
        n = ok[-1]["articles"]
        log(f"throughput: the same {n} articles on the rules path (no dependency parse) ...")
        db = workdir / "tp-rules.db"
        db.unlink(missing_ok=True)
        os.environ["NEWSLEDGER_BENCH_MODEL"] = "rules"
        try:
            rules = throughput.measure(["pipeline", str(filelist), str(n), str(jobs), f"sqlite:///{db}",
                                        str(workdir / "tp-rules.json")])
        finally:
            os.environ.pop("NEWSLEDGER_BENCH_MODEL", None)
        db.unlink(missing_ok=True)
    res = {"jobs": jobs, "corpus_articles": corpus["articles"], "mean_words": corpus["mean_words"],
           "sizes": [{**{k: r.get(k) for k in ("articles", "seconds", "articles_per_s", "words_per_s", "peak_rss_mb",
                                               "peak_pss_mb")},
                      **{f"{k}_seconds": r["timings"].get(k) for k in ("analyse", "store", "reconcile")}}
                     for r in ok]}
    if ok:
        big = ok[-1]
        res.update({"articles_per_s": big["articles_per_s"], "words_per_s": big["words_per_s"],
                    "peak_rss_mb": max(r["peak_rss_mb"] for r in ok),
                    "peak_pss_mb": max((r.get("peak_pss_mb") or 0 for r in ok), default=0) or None, "stages": big["timings"],
                    "stored": {"ingested": big["ingested"], "duplicates": big["duplicates"],
                               "quarantined": big["quarantined"]}})
        if len(ok) > 1:        # cost growth: seconds per article at the largest size over the smallest
            res["per_article_growth"] = round((ok[-1]["seconds"] / ok[-1]["articles"])
                                              / (ok[0]["seconds"] / ok[0]["articles"]), 2)
            # the marginal rate between the smallest and largest runs, and the fixed cost it implies
            # (worker start-up, model and gazetteer loading): seconds = fixed + articles / marginal rate
            dn, ds = ok[-1]["articles"] - ok[0]["articles"], ok[-1]["seconds"] - ok[0]["seconds"]
            if dn > 0 and ds > 0:
                res["marginal_articles_per_s"] = round(dn / ds, 2)
                res["fixed_seconds"] = round(ok[0]["seconds"] - ok[0]["articles"] * ds / dn, 1)
    if rules and "error" not in rules:
        res["rules_only"] = {k: rules.get(k) for k in ("articles", "seconds", "articles_per_s", "words_per_s", "peak_rss_mb",
                                                       "peak_pss_mb")}
    if len(ok) < len(rows):
        res["error"] = rows[-1]["error"]
    # per-component costs: one process, warm context, so each component's time is its own
    n = min(profile_sample, max(sizes))
    log(f"profile: {n} articles in one process (jobs=1, warm context) ...")
    db = workdir / "profile.db"
    db.unlink(missing_ok=True)
    prof = throughput.measure(["pipeline", str(filelist), str(n), "1", f"sqlite:///{db}",
                               str(workdir / "profile.json"), "warm"])
    db.unlink(missing_ok=True)
    ref = None
    if reference:
        n = min(spacy_sample, max(sizes))
        log(f"reference: spaCy {throughput.MODEL} nlp.pipe over {n} articles, n_process={jobs} ...")
        ref = throughput.measure(["spacy", str(filelist), str(n), str(jobs), str(workdir / "spacy.json")])
        if "error" not in ref:
            ref["spacy_sm_articles_per_s"] = ref["articles_per_s"]
            if res.get("articles_per_s"):
                ref["ratio"] = round(res["articles_per_s"] / ref["articles_per_s"], 2)
    return res, ref, prof


# -- report -----------------------------------------------------------------------------------

def versions() -> dict:
    out = {"python": platform.python_version()}
    for mod in ("trafilatura", "spacy", "sqlalchemy", "lxml"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception:
            out[mod] = None
    try:
        from importlib.metadata import version
        out["newsledger"] = version("newsledger")
        out[throughput.MODEL] = version(throughput.MODEL.replace("_", "-"))
    except Exception:
        pass
    try:
        out["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                       text=True).stdout.strip() or None
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        out["working_tree"] = "modified" if dirty else "clean"
    except OSError:
        pass
    return out


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": cpu, "cores": cores, "memory_gb": mem, "os": f"{platform.system()} {platform.release()}"}


def _f(x, nd=3):
    return "—" if x is None else (f"{x:.{nd}f}" if isinstance(x, float) else str(x))


def table(r: dict) -> str:
    L = []
    ex = r.get("extraction") or {}
    if "skipped" in ex:
        L.append(f"extraction: skipped ({ex['skipped']})")
    elif ex:
        L += ["## Article-body extraction (%d pages, F1 / precision / recall)" % ex["pages"], "",
              "| extractor | F1 | P | R |", "|---|---|---|---|",
              f"| newsledger reader + clean (all pages) | {_f(ex['f1'])} | {_f(ex['precision'])} | {_f(ex['recall'])} |",
              f"| trafilatura.extract(html), defaults | {_f(ex['trafilatura_f1'])} | {_f(ex['trafilatura_precision'])} | {_f(ex['trafilatura_recall'])} |",
              f"| trafilatura.extract(html, include_comments=False) | {_f(ex['trafilatura_no_comments_f1'])} | {_f(ex['trafilatura_no_comments_precision'])} | {_f(ex['trafilatura_no_comments_recall'])} |"]
        if "cli_f1" in ex:
            L.append(f"| newsledger CLI ingest + export (document `text`) | {_f(ex['cli_f1'])} | {_f(ex['cli_precision'])} | {_f(ex['cli_recall'])} |")
        L += ["", f"On the {ex['english_pages']} English pages (the ones analysed): newsledger {_f(ex['english_f1'])}, "
                  f"trafilatura defaults {_f(ex['trafilatura_english_f1'])}, include_comments=False "
                  f"{_f(ex['trafilatura_no_comments_english_f1'])}. Quarantined by the clean stage: "
                  f"{ex['quarantined_reasons'] or 'none'}"
                  + (f"; the CLI's quarantine table: {ex.get('cli_quarantined_reasons')} (pages in other "
                     "languages are stored, exported and scored, but not analysed)" if "cli_f1" in ex else "") + "."]
        if ex.get("cli_error"):
            L.append(f"The CLI ingest stopped early ({ex['cli_documents']} documents exported): {ex['cli_error']}")
        L.append("")
    for name in ("seeds", "dev"):
        q = r.get(name) or {}
        if not q:
            continue
        if "skipped" in q:
            L.append(f"{name}: skipped ({q['skipped']})")
            continue
        subs = {k: v for k, v in q.items() if k != "error"}
        L.append(f"## {name.capitalize()} quality (shared/tools/score.py)")
        L.append("")
        L.append("| " + " | ".join(subs) + " |")
        L.append("|" + "---|" * len(subs))
        L.append("| " + " | ".join(_f(v) for v in subs.values()) + " |")
        if q.get("error"):
            L.append(f"\nThe ingest reported an error: {q['error']}")
        L.append("")
    if r.get("corpora"):
        L += [corpora.table(r["corpora"]), ""]
    tp = r.get("throughput") or {}
    if tp:
        L += [f"## Throughput (whole pipeline, jobs={tp['jobs']}, ~{tp['mean_words']:.0f}-word articles)", "",
              "| articles | seconds | articles/s | words/s | peak RSS (MB) | peak PSS (MB) | of which reconcile (s) |",
              "|---|---|---|---|---|---|---|"]
        for s in tp["sizes"]:
            L.append(f"| {s['articles']} | {s['seconds']:.1f} | {s['articles_per_s']:.1f} | {s['words_per_s']:.0f} "
                     f"| {s['peak_rss_mb']:.0f} | {_f(s.get('peak_pss_mb'), 0)} | {_f(s.get('reconcile_seconds'), 1)} |")
        ro = tp.get("rules_only")
        if ro:
            L.append(f"| {ro['articles']}, rules path (`--rules-only`: no dependency parse) | {ro['seconds']:.1f} "
                     f"| {ro['articles_per_s']:.1f} | {ro['words_per_s']:.0f} | {ro['peak_rss_mb']:.0f} | {_f(ro.get('peak_pss_mb'), 0)} | |")
        ref = r.get("reference") or {}
        if ref and "error" not in ref:
            L.append(f"| spaCy {ref['model']} nlp.pipe, n_process={ref['n_process']} | {ref['seconds']:.1f} "
                     f"({ref['articles']} articles) | {ref['articles_per_s']:.1f} | {ref['words_per_s']:.0f} | {ref['peak_rss_mb']:.0f} "
                     f"| {_f(ref.get('peak_pss_mb'), 0)} | |")
        L.append("")
        if tp.get("per_article_growth") is not None:
            L.append(f"Seconds per article at the largest size / at the smallest: {tp['per_article_growth']} (1.0 = linear; "
                     "below 1 when a fixed start-up cost is spread over more articles).")
        if tp.get("marginal_articles_per_s") and tp.get("fixed_seconds", -1) < 0:
            L.append("Cost grows faster than linearly with the corpus (see the reconcile column and the stages below).")
        elif tp.get("marginal_articles_per_s"):
            L.append(f"Marginal rate between the smallest and largest runs: {tp['marginal_articles_per_s']} articles/s, "
                     f"with about {tp['fixed_seconds']} s of fixed cost per run (seconds ≈ fixed + articles / rate).")
        if ref and "error" not in ref:
            L.append(f"newsledger / spaCy small English pipeline: {ref.get('ratio')}× the articles per second.")
        elif ref:
            L.append(f"spaCy reference failed: {ref['error']}")
        if tp.get("error"):
            L.append(f"A throughput run failed: {tp['error']}")
        L.append("")
    st = r.get("stages") or {}
    if st:
        L += ["## Where the time goes", "", "| stage | seconds (largest run) | share |", "|---|---|---|"]
        main = {k: v for k, v in st.items() if not k.startswith("analyse.")}
        tot = sum(main.values()) or 1
        for k, v in main.items():
            L.append(f"| {k} | {v:.2f} | {100 * v / tot:.0f}% |")
        comp = r.get("components") or {}
        if comp.get("per_article_ms"):
            L += ["", f"Analysis components, one process, warm context, {comp['articles']} articles "
                      f"(startup {comp['startup_seconds']} s not included):", "",
                  "| component | ms per article | share of analysis |", "|---|---|---|"]
            tot = sum(comp["per_article_ms"].values()) or 1
            for k, v in sorted(comp["per_article_ms"].items(), key=lambda kv: -kv[1]):
                L.append(f"| {k} | {v:.1f} | {100 * v / tot:.0f}% |")
        L.append("")
    return "\n".join(L)


KEEP_MARK = "<!-- sections below come from other benchmark scripts (reliability.py, dask_bench.py); run.py keeps them -->"


def write_results(path: str, text: str) -> None:
    """Write RESULTS.md from this run, keeping the sections other benchmark scripts measured (below KEEP_MARK)."""
    p = Path(path)
    old = p.read_text(encoding="utf-8") if p.exists() else ""
    kept = old[old.index(KEEP_MARK):] if KEEP_MARK in old else ""
    p.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")


def results_md(r: dict) -> str:
    m, v = r["machine"], r["versions"]
    head = ["# newsledger benchmark results", "",
            f"Generated by `{r['command']}` on {r['date']} ({r['seconds']:.0f} s).", "",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['os']}.  ",
            "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if val) + ".", "",
            "Targets: extraction F1 ≥ 0.96; ≥ 50 articles/s on 2 cores for ~800-word articles; peak RSS ≤ 1.5 GB. "
            "Peak RSS is summed over the process tree (main process and workers), sampled every 50 ms; it counts the "
            "pages that forked workers share with the main process (model, gazetteer) once per process. Peak PSS, "
            "summed the same way, counts each shared page once: the memory the run takes.", ""]
    notes = [f"- {n}" for n in r.get("notes", [])]
    return "\n".join(head) + "\n" + table(r) + ("\n## Notes\n\n" + "\n".join(notes) + "\n" if notes else "") + "\n"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description="newsledger benchmarks")
    ap.add_argument("--quick", action="store_true", help="smaller corpus (sizes 50, 200, 800); under a minute or so")
    ap.add_argument("--sizes", help="comma-separated corpus sizes, e.g. 5 or 100,400,1600")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", dest="json_out", help="write the figures as JSON to this file")
    ap.add_argument("--no-extraction", action="store_true")
    ap.add_argument("--no-cli", action="store_true", help="skip the extraction benchmark through the CLI")
    ap.add_argument("--no-quality", action="store_true", help="skip the seed and dev scores")
    ap.add_argument("--no-corpora", action="store_true", help="skip the ACLED and PolNeAR development corpora")
    ap.add_argument("--corpora-size", type=int, default=None,
                    help="ACLED notes to sample (default 2000; 400 with --quick)")
    ap.add_argument("--no-reference", action="store_true", help="skip the spaCy reference")
    ap.add_argument("--no-write", action="store_true", help="do not write benchmarks/RESULTS.md")
    ap.add_argument("--write", action="store_true", help="write RESULTS.md after a --quick or --sizes run too "
                                                         "(by default only a full run or --report does)")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--report", metavar="JSON", help="only rewrite RESULTS.md (and print the table) from a saved --json file")
    a = ap.parse_args(argv)
    if a.report:
        r = json.loads(Path(a.report).read_text())
        print(table(r))
        if not a.no_write:
            write_results(a.results, results_md(r))
        return r
    sizes = tuple(int(x) for x in a.sizes.split(",")) if a.sizes else (QUICK_SIZES if a.quick else FULL_SIZES)
    # the committed RESULTS.md holds full runs only: a quick or sized run leaves it alone unless asked
    write = not a.no_write and (a.write or not (a.quick or a.sizes))
    small = max(sizes) <= 50
    t0 = time.perf_counter()
    WORK.mkdir(exist_ok=True)
    r: dict = {"command": "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
               "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
               "versions": versions(), "sizes_requested": list(sizes)}
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        tmp = Path(tmp)
        if not a.no_extraction:
            if extraction.available():
                log("extraction: 181 pages, newsledger and trafilatura ...")
                # --quick leaves out the CLI pass (the same read + clean code, another ~15 s)
                r["extraction"] = extraction.run(cli=not (a.no_cli or a.quick), workdir=tmp, jobs=a.jobs)
            else:
                r["extraction"] = {"skipped": f"{extraction.BENCH} is not here"}
        if not a.no_quality:
            log("quality: seeds and dev through the CLI ...")
            r["seeds"] = quality("seeds", SHARED / "seeds", SHARED / "gold" / "seeds.json", tmp)
            r["dev"] = quality("dev", SHARED / "dev" / "articles", SHARED / "gold" / "dev.json", tmp)
        if not a.no_corpora:
            log("quality: development corpora (ACLED notes, PolNeAR) through the CLI ...")
            size = a.corpora_size or (400 if a.quick else 2000)
            r["corpora"] = corpora.run(tmp, size=size, jobs=a.jobs,
                                       polnear_splits=("dev",))   # shared polnear.py cannot build train today
        tp, ref, prof = run_throughput(sizes, a.jobs, spacy_sample=20 if small else (40 if a.quick else 300),
                                       profile_sample=max(sizes) if small else (40 if a.quick else 300),
                                       workdir=tmp, reference=not a.no_reference, rules_row=not small)
        r["throughput"], r["reference"] = tp, ref
        r["stages"] = tp.get("stages") or {}
        if "error" not in prof:
            comps = {k.split(".", 1)[1]: v for k, v in prof["timings"].items() if k.startswith("analyse.")}
            r["components"] = {"articles": prof["articles"], "startup_seconds": prof["startup_seconds"],
                               "seconds": comps, "articles_per_s_one_process": prof["articles_per_s"],
                               "per_article_ms": {k: round(1000 * v / prof["articles"], 2) for k, v in comps.items()}}
            # the workers' component timings do not reach the main process: fill them in from the profile
            if r["stages"] and not any(k.startswith("analyse.") for k in r["stages"]):
                r["stages"].update({f"analyse.{k}": round(v * tp["sizes"][-1]["articles"] / prof["articles"], 3)
                                    for k, v in comps.items()})
                r["stages_note"] = ("analyse.<component>: from the one-process profile, scaled to the largest run's "
                                    "article count (worker processes keep their own timings)")
        else:
            r["components"] = {"error": prof["error"]}
    r["seconds"] = round(time.perf_counter() - t0, 1)
    ex, seeds = r.get("extraction") or {}, r.get("seeds") or {}
    r["summary"] = {"extraction_f1": ex.get("f1"), "trafilatura_f1": ex.get("trafilatura_f1"),
                    "cli_f1": ex.get("cli_f1"), "seeds_score": seeds.get("score"),
                    "dev_score": (r.get("dev") or {}).get("score"), "articles_per_s": tp.get("articles_per_s"),
                    "acled": ((r.get("corpora") or {}).get("acled") or {}).get("overall"),
                    "polnear_dev": ((r.get("corpora") or {}).get("polnear_dev") or {}).get("overall"),
                    "peak_rss_mb": tp.get("peak_rss_mb"), "peak_pss_mb": tp.get("peak_pss_mb"),
                    "spacy_sm_articles_per_s": (ref or {}).get("articles_per_s")}
    print(table(r))
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(r, indent=1))
    if write:
        write_results(a.results, results_md(r))
        log(f"wrote {a.results}")
    elif not a.no_write:
        log(f"{a.results} left alone (a --quick/--sizes run; --write writes it)")
    return r


if __name__ == "__main__":
    main()
