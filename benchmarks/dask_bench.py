"""Scale-out and per-core speed on real news text, side by side in one run.

    python benchmarks/dask_bench.py --corpus DIR [--n 840] [--base 50] [--json OUT]

DIR holds ``.txt`` articles (e.g. the PolNeAR train articles built by shared/tools/polnear.py).
On the first N articles (sorted by name) it measures, each in a child process with the peak
RSS of its process tree (:func:`throughput.measure`):

1. the CLI, whole process: ``newsledger ingest -q -j 2`` into a fresh SQLite file (wall clock
   from start to exit: imports, model loads, reconcile included);
2. ``ingest()`` with 2 worker processes (the clock starts at the call);
3. spaCy's small English pipeline, ``nlp.pipe(n_process=2)`` over the same texts;
4. ``ingest --dask`` on a LocalCluster of 1 and of 2 worker processes (workers warm);
5. linearity: the 2-worker Dask run on base × 1, 2, 4, 8, 16 articles (µs per article);
6. parse batching: CPU seconds of analysis one document at a time (one ``nlp()`` call per sentence
   the claim rules parse) against ``analyse_many`` over batches of documents, whose parses go to
   ``nlp.pipe`` together (first 100 articles), and whether the claims are the same.

Ratios measured in the same run are the figures to trust on a shared machine; absolute rates
move with the load (the load average is printed with them). Each measure also reports the CPU
seconds of its process tree and articles per CPU-second, which other users' load moves least.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import throughput  # noqa: E402


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cli_whole_process(files: list[str], jobs: int, tmp: Path) -> dict:
    """``newsledger ingest -j JOBS`` over a directory of links to ``files``, timed from start to exit."""
    src = tmp / f"cli-{len(files)}"
    src.mkdir()
    for f in files:
        os.symlink(f, src / os.path.basename(f))
    db = f"sqlite:///{tmp / f'cli-{len(files)}.db'}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", "from newsledger.cli import main; main()", "--db", db, "ingest", "-q",
                        "-j", str(jobs), str(src)], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)         # the CLI and the workers it waited for
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if p.returncode != 0:
        return {"error": p.stderr.strip()[-300:]}
    return {"articles": len(files), "jobs": jobs, "seconds": round(seconds, 2),
            "articles_per_s": round(len(files) / seconds, 2), "cpu_seconds": round(cpu, 1),
            "articles_per_cpu_s": round(len(files) / cpu, 2) if cpu else None}


def parse_batching(files: list[str]) -> dict:
    """CPU seconds of analysis for ``files`` one document at a time (one ``nlp()`` per sentence the
    claim rules parse) against ``analyse_many`` over batches of ``PARSE_BATCH`` documents (their
    parses batched into ``nlp.pipe`` calls), with the model calls each made and whether the
    claims are the same."""
    from newsledger.analyse import Context, analyse, analyse_many
    from newsledger.ingest import read_path
    from newsledger.pipeline import PARSE_BATCH, clean_batch

    docs = [d for d in clean_batch([r for f in files for r in read_path(f)]) if hasattr(d, "text")]
    ctx = Context()
    if ctx.nlp is None:
        return {"skipped": "no spaCy model installed"}
    nlp = ctx.nlp
    calls = {"single": 0, "pipe": 0, "piped": 0}

    class Counting:                      # the real pipeline, its calls counted
        def __call__(self, text):
            calls["single"] += 1
            return nlp(text)

        def pipe(self, texts):
            calls["pipe"] += 1
            calls["piped"] += len(texts)
            return nlp.pipe(texts)

    ctx.__dict__["nlp"] = Counting()
    ctx.gazetteer, ctx.actors
    analyse(docs[0], ctx)                 # warm: rules compiled, per-country keys built
    claims = {}
    t0 = time.process_time()
    claims["alone"] = [[(c.speaker, c.content) for c in analyse(d, ctx).claims] for d in docs]
    one = time.process_time() - t0
    single_calls, calls["single"] = calls["single"], 0
    t1 = time.process_time()
    claims["batched"] = [[(c.speaker, c.content) for c in d.claims]
                         for i in range(0, len(docs), PARSE_BATCH) for d in analyse_many(docs[i:i + PARSE_BATCH], ctx)]
    batched = time.process_time() - t1
    return {"articles": len(docs), "batch": PARSE_BATCH, "one_at_a_time_cpu_s": round(one, 2),
            "batched_cpu_s": round(batched, 2), "ratio": round(one / batched, 2) if batched else None,
            "nlp_calls_alone": single_calls, "nlp_pipe_calls_batched": calls["pipe"],
            "sentences_piped": calls["piped"], "same_claims": claims["alone"] == claims["batched"]}


@contextlib.contextmanager
def fresh_pg(server: str, name: str):
    """A new, empty database ``name`` on the PostgreSQL server of ``server``, dropped afterwards."""
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--n", type=int, default=840)
    ap.add_argument("--base", type=int, default=50, help="linearity: base article count (x1..x16)")
    ap.add_argument("--skip", default="", help="comma list of steps to skip: cli,pipeline,spacy,dask,linear,parse")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--pg", help="a PostgreSQL server URL (postgresql://user:pw@host/db): the Dask steps also run on a "
                                 "fresh database of it each, the workers writing their documents (the cluster setup)")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    files = sorted(str(p) for p in Path(a.corpus).glob("*.txt"))[:a.n]
    n = len(files)
    res: dict = {"articles": n, "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="dask-bench-") as d:
        tmp = Path(d)
        filelist = tmp / "files.txt"
        filelist.write_text("\n".join(files))
        if "cli" not in skip:
            log(f"cli: newsledger ingest -j 2 on {n} articles ...")
            res["cli_j2"] = cli_whole_process(files, 2, tmp)
        if "pipeline" not in skip:
            log("pipeline: ingest(jobs=2) ...")
            res["pipeline_j2"] = throughput.measure(["pipeline", str(filelist), str(n), "2",
                                                     f"sqlite:///{tmp / 'p.db'}", str(tmp / 'p.json')])
        if "spacy" not in skip:
            log("spacy: nlp.pipe n_process=2 ...")
            res["spacy_sm_2"] = throughput.measure(["spacy", str(filelist), str(n), "2", str(tmp / "s.json")])
        if "dask" not in skip:
            for w in (1, 2):
                log(f"dask: {w} worker(s) ...")
                res[f"dask_{w}"] = throughput.measure(["dask", str(filelist), str(n), str(w),
                                                       f"sqlite:///{tmp / f'd{w}.db'}", str(tmp / f'd{w}.json')])
        if a.pg and "dask" not in skip:
            for w in (1, 2):
                log(f"dask on PostgreSQL: {w} worker(s) ...")
                with fresh_pg(a.pg, f"nlbench_{os.getpid()}_{w}") as url:
                    res[f"dask_pg_{w}"] = throughput.measure(["dask", str(filelist), str(n), str(w), url,
                                                              str(tmp / f'pg{w}.json')])
        if "linear" not in skip:
            res["linear"] = []
            for k in (1, 2, 4, 8, 16):
                m = min(n, a.base * k)
                log(f"linearity: dask 2 workers on {m} articles ...")
                r = throughput.measure(["dask", str(filelist), str(m), "2", f"sqlite:///{tmp / f'l{k}.db'}",
                                        str(tmp / f'l{k}.json')])
                if "seconds" in r:
                    r["us_per_article"] = round(1e6 * r["seconds"] / m)
                res["linear"].append(r)
    if "parse" not in skip:
        log("parse batching: analysis one document at a time vs batched parses ...")
        res["parse_batching"] = parse_batching(files[:100])
    res["load_after"] = os.getloadavg()
    rate = lambda key: (res.get(key) or {}).get("articles_per_s")   # noqa: E731
    if rate("dask_1") and rate("dask_2"):
        res["dask_2_over_1"] = round(rate("dask_2") / rate("dask_1"), 2)
    if rate("dask_pg_1") and rate("dask_pg_2"):
        res["dask_pg_2_over_1"] = round(rate("dask_pg_2") / rate("dask_pg_1"), 2)
    for key in ("cli_j2", "pipeline_j2"):
        if rate(key) and rate("spacy_sm_2"):
            res[f"{key}_over_spacy"] = round(rate(key) / rate("spacy_sm_2"), 2)
    per_cpu = lambda key: (res.get(key) or {}).get("articles_per_cpu_s")   # noqa: E731
    if per_cpu("pipeline_j2") and per_cpu("spacy_sm_2"):
        res["pipeline_j2_over_spacy_per_cpu_s"] = round(per_cpu("pipeline_j2") / per_cpu("spacy_sm_2"), 2)
    if per_cpu("dask_1") and per_cpu("dask_2"):
        res["dask_2_over_1_per_cpu_s"] = round(per_cpu("dask_2") / per_cpu("dask_1"), 2)
    print(json.dumps(res, indent=1))
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
