"""Merge benchmark: cross-document event merging on N synthetic event mentions (no database).

    python3 benchmarks/merge_bench.py --sizes 10000 100000

The generator keeps the density constant as N grows (about 100 mentions a day spread over
300 places, so the number of days grows with N): incidents reported by 1-4 documents, each
report with its own camp/city coordinates (a few km apart), a one-day date slip now and then,
sometimes another event type of the same family, and evidence text built from an incident
topic plus noise words. It times ``reconcile.merge.merge`` (the pure function a full
reconcile runs), in its stages, and prints seconds and microseconds per record for each N;
constant µs/record means linear growth. It also reports how well the synthetic incidents were
recovered (pairs of mentions of one incident put together / apart), a sanity check only.
"""
from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from newsledger.reconcile.blocking import Index
from newsledger.reconcile.features import Table
from newsledger.reconcile.merge import cluster, score

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Protests", "Peaceful protest"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
ACTORS = [f"Group {k}" for k in range(40)]


def generate(n: int, seed: int = 1, per_day: int = 100, n_places: int = 300) -> list[dict]:
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(5000)]
    places = [(f"Town {k}", 30 + rng.random() * 6, 34 + rng.random() * 8) for k in range(n_places)]
    days = max(1, n // per_day)
    d0 = date(2020, 1, 1)
    out: list[dict] = []
    inc = 0
    while len(out) < n:
        name, lat, lon = rng.choice(places)
        day = d0 + timedelta(days=rng.randrange(days))
        span = 0 if rng.random() < 0.8 else rng.randint(1, 3)
        etype, sub = rng.choice(TYPES)
        a1, a2 = rng.sample(ACTORS, 2)
        topic = rng.sample(vocab, 6)
        for r in range(rng.choice([1, 1, 2, 2, 3, 4])):
            if len(out) >= n:
                break
            slip = timedelta(days=rng.choice([0, 0, 0, 0, 1, -1]))
            t = etype
            if etype == "Battles" and rng.random() < 0.2:
                t = "Explosions/Remote violence"
            words = rng.sample(topic, 4) + rng.sample(vocab, 6)
            text = " ".join(words)
            ds = day + slip
            out.append({
                "event_id": f"m{inc:07d}r{r}", "doc_ids": [f"doc{rng.randrange(max(1, n // 3))}"],
                "event_type": t, "sub_event_type": sub, "date_start": ds.isoformat(),
                "date_end": (ds + timedelta(days=span)).isoformat(), "date_precision": "day",
                "location": {"name": name if rng.random() < 0.7 else f"{name} camp", "admin1": "R", "country": "C",
                             "lat": lat + rng.uniform(-0.03, 0.03), "lon": lon + rng.uniform(-0.03, 0.03),
                             "precision": 1},
                "actor1": a1, "actor2": a2 if rng.random() < 0.7 else None, "assoc_actors": [],
                "evidence": [{"doc_id": "", "start": 0, "end": len(text), "text": text}], "trigger": "",
                "_incident": inc,
            })
        inc += 1
    return out


def run(n: int) -> dict:
    ms = generate(n)
    t0 = time.perf_counter()
    table = Table.build(ms)
    t1 = time.perf_counter()
    idx = Index(table)
    edges = score(table, idx)
    t2 = time.perf_counter()
    clusters = cluster(table, range(n), edges)
    t3 = time.perf_counter()
    truth = {m["event_id"]: m["_incident"] for m in ms}
    docs = {m["event_id"]: m["doc_ids"][0] for m in ms}
    together = apart = wrong = 0
    for c in clusters:
        for k, a in enumerate(c.members):
            for b in c.members[k + 1:]:
                if truth[a] == truth[b]:
                    together += 1
                else:
                    wrong += 1
    by_inc: dict[int, list[str]] = {}
    for m in ms:
        by_inc.setdefault(m["_incident"], []).append(m["event_id"])
    gold = sum(1 for v in by_inc.values() for k, a in enumerate(v) for b in v[k + 1:] if docs[a] != docs[b])
    apart = gold - together
    return {"n": n, "table_s": t1 - t0, "pairs_s": t2 - t1, "cluster_s": t3 - t2, "total_s": t3 - t0,
            "pairs": len(edges.I), "events": len(clusters), "recall": together / gold if gold else 1.0,
            "precision": together / (together + wrong) if together + wrong else 1.0, "missed": apart}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    a = ap.parse_args()
    print(f"{'N':>8} {'seconds':>8} {'µs/rec':>8} {'table+tfidf':>11} {'block+score':>11} {'cluster':>8} "
          f"{'pairs':>9} {'events':>8} {'pair P':>6} {'pair R':>6}")
    run(500)                                        # warm-up: imports, first TF-IDF fit
    for n in a.sizes:
        r = run(n)
        print(f"{r['n']:>8} {r['total_s']:>8.2f} {r['total_s'] / r['n'] * 1e6:>8.1f} {r['table_s']:>11.2f} "
              f"{r['pairs_s']:>11.2f} {r['cluster_s']:>8.2f} {r['pairs']:>9} {r['events']:>8} "
              f"{r['precision']:>6.3f} {r['recall']:>6.3f}", flush=True)


if __name__ == "__main__":
    main()
