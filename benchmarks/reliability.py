"""Reliability benchmark: kill -9 at random moments and concurrent ingest pairs, on SQLite and
PostgreSQL; and a robustness run over whole corpora.

    python benchmarks/reliability.py                           # 20 kills + 10 pairs on SQLite
    python benchmarks/reliability.py --pg postgresql://u@host/db   # ... and on PostgreSQL (a scratch
                                                               # database per trial is created there)
    python benchmarks/reliability.py --kills 3 --pairs 2       # a smoke run
    python benchmarks/reliability.py --robustness DIR [DIR ...]   # one ingest of every file under DIRs

Each trial uses a fresh store and the invented corpus of ``tests/reliability/corpus.py``:

* kill trials: an ingest is killed with SIGKILL (the whole process group, workers included) at a
  random moment of a clean run's duration, or, every fifth and every fourth trial, at the two
  named points (right after the last document is stored; inside the merge transaction); then
  the same ingest runs again;
* pair trials: two ingests at once (identical or overlapping inputs, fresh or existing store;
  the second starts up to 2 s after the first; one of them with two worker processes).

A trial passes when the exported ledger equals a clean single run's (records compared, not
counts), no process printed a traceback, and the store holds no duplicate rows and no mention
left unmerged. Figures go to stdout (and ``--json``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
sys.path.insert(0, str(ROOT))

from corpus import articles, child_env, duplicates, ingest_cmd, ledger, run, write_corpus  # noqa: E402

KILLER = str(ROOT / "tests" / "reliability" / "killer.py")


class Stores:
    """Fresh scratch stores: SQLite files, or databases created on a PostgreSQL server."""

    def __init__(self, work: Path, pg: str | None):
        self.work, self.pg, self.made = work, pg, []

    def new(self) -> str:
        if not self.pg:
            return f"sqlite:///{self.work / (uuid.uuid4().hex[:8] + '.db')}"
        import psycopg
        name = "nl_rel_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.pg, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.pg.rsplit("/", 1)[0] + "/" + name

    def drop_all(self) -> None:
        if self.pg:
            import psycopg
            with psycopg.connect(self.pg, autocommit=True) as c:
                for name in self.made:
                    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def check(url: str, reference: list[str], errs: list[str]) -> dict:
    got = ledger(url)
    return {"equal": got == reference, "tracebacks": sum("Traceback" in e for e in errs),
            "duplicates_or_unmerged": duplicates(url),
            "missing": len(set(reference) - set(got)), "extra": len(set(got) - set(reference))}


def kill_trial(i: int, rnd: random.Random, stores: Stores, corpus: Path, reference, clean_s: float) -> dict:
    url = stores.new()
    errs = []
    point = "after_last_document" if i % 5 == 4 else "inside_merge" if i % 4 == 3 else "random"
    if point == "random":
        jobs = 1 + i % 2
        delay = rnd.uniform(0.2, clean_s * 1.05)
        p = subprocess.Popen(ingest_cmd(url, corpus, jobs=jobs), env=child_env(), start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        killed = p.poll() is None
        if killed:
            os.killpg(p.pid, signal.SIGKILL)
        errs.append(p.communicate(timeout=120)[1])
        what = {"point": f"random {delay:.1f}s", "jobs": jobs, "killed": killed}
    else:
        r = run([sys.executable, KILLER, point, "--db", url, "ingest", "--rules-only", "-q", str(corpus)])
        errs.append(r.stderr)
        what = {"point": point, "jobs": 1, "killed": r.returncode == -signal.SIGKILL}
    what["state_after_kill"] = state(url)
    r = run(ingest_cmd(url, corpus))
    errs.append(r.stderr)
    return {**what, "rerun_rc": r.returncode, **check(url, reference, errs)}


def state(url: str) -> str:
    """Where the kill left the store: documents stored, mentions awaiting the merge."""
    from newsledger.store import Store
    try:
        store = Store(url, migrate=False)
        try:
            return f"{store.count('documents')} docs, {store.pending_mentions()} awaiting merge"
        finally:
            store.dispose()
    except Exception as exc:                    # noqa: BLE001  (killed before the tables existed)
        return f"no tables yet ({type(exc).__name__})"


def pair_trial(i: int, rnd: random.Random, stores: Stores, corpus: Path, reference) -> dict:
    url = stores.new()
    names = sorted(articles())
    n = len(names)
    case = ["fresh-identical", "fresh-overlapping", "existing-overlapping", "existing-identical"][i % 4]
    errs = []
    if case.startswith("existing"):
        errs.append(run(ingest_cmd(url, *[corpus / x for x in names[:n // 4]])).stderr)
    if case.endswith("identical"):
        a = b = [corpus]
    else:
        a, b = [corpus / x for x in names[:2 * n // 3]], [corpus / x for x in names[n // 3:]]
    p1 = subprocess.Popen(ingest_cmd(url, *a), env=child_env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    time.sleep(rnd.uniform(0, 2.0))
    p2 = subprocess.Popen(ingest_cmd(url, *b, jobs=2), env=child_env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    errs += [p1.communicate(timeout=600)[1], p2.communicate(timeout=600)[1]]
    return {"case": case, "rcs": [p1.returncode, p2.returncode], **check(url, reference, errs)}


def summarise(name: str, rows: list[dict]) -> dict:
    return {"trials": len(rows), "equal": sum(r["equal"] for r in rows),
            "tracebacks": sum(r["tracebacks"] for r in rows),
            "duplicates_or_unmerged": sum(r["duplicates_or_unmerged"] for r in rows),
            "failed_exit": sum(any(c != 0 for c in r.get("rcs", [r.get("rerun_rc", 0)])) for r in rows)}


def reliability(args, work: Path) -> dict:
    corpus = write_corpus(work / "in")
    ref_url = f"sqlite:///{work / 'reference.db'}"
    t0 = time.perf_counter()
    r = run(ingest_cmd(ref_url, corpus))
    clean_s = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr
    reference = ledger(ref_url)
    print(f"reference: clean single run of {len(articles())} files in {clean_s:.1f}s, "
          f"{len(reference)} records", flush=True)
    out = {"clean_run_s": round(clean_s, 1), "reference_records": len(reference)}
    for db, pg in [("sqlite", None)] + ([("postgresql", args.pg)] if args.pg else []):
        stores = Stores(work, pg)
        rnd = random.Random(args.seed)
        try:
            kills = []
            for i in range(args.kills):
                kills.append(kill_trial(i, rnd, stores, corpus, reference, clean_s))
                print(f"  {db} kill {i + 1}/{args.kills}: {kills[-1]}", flush=True)
            pairs = []
            for i in range(args.pairs):
                pairs.append(pair_trial(i, rnd, stores, corpus, reference))
                print(f"  {db} pair {i + 1}/{args.pairs}: {pairs[-1]}", flush=True)
        finally:
            stores.drop_all()
        out[db] = {"kills": summarise("kills", kills), "pairs": summarise("pairs", pairs),
                   "kill_points": dict(Counter(k["point"].split()[0] for k in kills)),
                   "killed_before_finishing": sum(k["killed"] for k in kills),
                   "killed_with_merge_pending": sum("awaiting merge" in k["state_after_kill"]
                                                    and not k["state_after_kill"].endswith(" 0 awaiting merge")
                                                    for k in kills)}
        print(f"{db}: kills {out[db]['kills']}  pairs {out[db]['pairs']}", flush=True)
    return out


def robustness(dirs: list[str], work: Path, jobs: int) -> dict:
    """One ingest of every file under ``dirs``: how many were quarantined, and why."""
    url = f"sqlite:///{work / 'robust.db'}"
    t0 = time.perf_counter()
    r = run(ingest_cmd(url, *map(Path, dirs), jobs=jobs), timeout=4 * 3600)
    from newsledger.store import Store
    store = Store(url)
    reasons = Counter(q["reason"] for q in store.quarantined())
    res = {"inputs": dirs, "exit": r.returncode, "seconds": round(time.perf_counter() - t0, 1),
           "documents": store.count("documents"), "quarantined": dict(reasons),
           "analysis": reasons.get("analysis", 0), "tracebacks_on_stderr": r.stderr.count("Traceback"),
           "analysis_failures": [q["source"] + ": " + q["detail"] for q in store.quarantined()
                                 if q["reason"] == "analysis"][:20]}
    store.dispose()
    print(json.dumps(res, indent=1), flush=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--pg", help="a PostgreSQL server URL (a scratch database per trial is created there)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--robustness", nargs="+", metavar="DIR", help="instead: one ingest of every file under DIRs")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the robustness run")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nl-reliability-") as tmp:
        res = robustness(args.robustness, Path(tmp), args.jobs) if args.robustness else reliability(args, Path(tmp))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
