"""Development corpora of thousands: ACLED coders' event notes and PolNeAR attributions.

    python benchmarks/corpora.py [--size 2000] [--jobs 2] [--polnear-splits dev,train] [--json out.json]

Both corpora are built outside the repository by the shared scripts (their texts never enter it):
- ``shared/tools/acled.py build`` turns the public ACLED exports it names (git mirrors fetched with the
  search tool's ``fetch``, under ``/work/.mirror`` or ``--mirrors``) into one tiny article per event note
  with the coders' codes as gold; ``acled.py score`` scores an export against them;
- ``shared/tools/polnear.py build`` writes PolNeAR's train/dev articles and their hand-annotated
  attributions; ``polnear.py score`` gives attribution recall, precision and source accuracy.

Each corpus is ingested through the real CLI into a fresh SQLite store and exported as JSON Lines. Besides
the scripts' own figures this module prints, from the same export:
- per ACLED source (the country prefix of the note's id), the main figures, so that a change that helps only
  the sources whose failures were read shows up as fitting;
- per **rule** (the ``rule`` field every event, place, figure and claim carries): how often it fired on the
  documents' scored event and how often that event's type / sub-type / date / place was right, and for
  claims how often a claim of that rule covers a gold attribution (precision per rule).
When a mirror or a shared script is not here, that corpus is skipped with a note.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("NEWSLEDGER_SHARED", ROOT.parent / "shared"))
MIRRORS = Path(os.environ.get("NEWSLEDGER_MIRRORS", SHARED.parent / ".mirror"))
POLNEAR_MIRROR = "networkdynamics+PolNeAR"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _tool(name: str):
    """Import a shared tool as a module (to reuse its scoring helpers), or None when it is not here."""
    path = SHARED / "tools" / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"_shared_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cli(args: list[str], db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from newsledger.cli import main; main()", "--db", db, *args],
                          capture_output=True, text=True)


def ingest_export(corpus: Path, workdir: Path, jobs: int) -> tuple[Path | None, dict]:
    """Ingest a folder through the CLI into a fresh store and export it; return the export and run facts."""
    db_path = workdir / "ledger.db"
    db_path.unlink(missing_ok=True)
    db = f"sqlite:///{db_path}"
    ing = _cli(["ingest", "--quiet", "-j", str(jobs), str(corpus)], db)
    export = workdir / "ledger.jsonl"
    exp = _cli(["export", "--format", "jsonl", str(export)], db)
    facts: dict = {"ingest_rc": ing.returncode}
    if ing.returncode != 0:
        facts["ingest_error"] = ing.stderr.strip()[-300:]
    if exp.returncode != 0 or not export.exists():
        facts["error"] = (exp.stderr.strip() or ing.stderr.strip())[-300:]
        return None, facts
    q = _quarantine_reasons(db_path)
    if q is not None:
        facts["quarantined"] = q
    return export, facts


def _quarantine_reasons(db_path: Path) -> dict | None:
    import sqlite3
    try:
        with sqlite3.connect(db_path) as con:
            return dict(con.execute("SELECT reason, count(*) FROM quarantine GROUP BY reason").fetchall())
    except sqlite3.Error:
        return None


def _script(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SHARED / "tools" / f"{tool}.py"), *args], capture_output=True, text=True)


def _records(export: Path) -> list[dict]:
    with open(export, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _share(xs: list, f) -> float | None:
    return round(sum(1 for x in xs if f(x)) / len(xs), 4) if xs else None


# -- ACLED ----------------------------------------------------------------------------------------

def acled(workdir: Path, size: int, jobs: int) -> dict:
    tool = _tool("acled")
    if tool is None:
        return {"skipped": f"{SHARED / 'tools' / 'acled.py'} is not here"}
    out = workdir / "acled"
    log(f"acled: building {size} notes from the mirrors in {MIRRORS} ...")
    b = _script("acled", "build", "--out", str(out), "--mirrors", str(MIRRORS), "--size", str(size))
    corpus = out / "corpus"
    if b.returncode != 0 or not corpus.is_dir() or not any(corpus.iterdir()):
        return {"skipped": "no ACLED mirror could be read: " + (b.stderr.strip() or b.stdout.strip())[-200:]}
    log("acled: ingest + export through the CLI ...")
    export, facts = ingest_export(corpus, workdir, jobs)
    if export is None:
        return {"error": facts.get("error")}
    s = _script("acled", "score", str(export), "--out", str(out))
    lines = s.stdout.splitlines()
    if s.returncode != 0 or not lines:
        return {"error": s.stderr.strip()[-300:]}
    res: dict = {"overall": json.loads(lines[0]), "facts": facts}
    res["by_type"] = [ln for ln in lines[1:] if ln and not ln.startswith("score:")]
    details = [json.loads(line) for line in open(out / "details.jsonl", encoding="utf-8")]
    res["by_source"] = by_source(details)
    res["rules"] = acled_rules(tool, export, details)
    return res


def by_source(details: list[dict]) -> dict:
    """The main figures per ACLED source (the letters of the note's id name its country export)."""
    groups = collections.defaultdict(list)
    for d in details:
        groups[re.match(r"[A-Za-z]*", d["doc"]).group(0) or "?"].append(d)
    out = {}
    for key, rows in sorted(groups.items()):
        cov = [r for r in rows if r["n_events"]]
        out[key] = {"n": len(rows), "coverage": _share(rows, lambda r: r["n_events"] > 0),
                    "type_all": _share(rows, lambda r: r["type_ok"]), "sub_all": _share(rows, lambda r: r["sub_ok"]),
                    "date_all": _share(rows, lambda r: r["date_ok"]),
                    "loc25_all": _share([r for r in rows if r["has_coords"]],
                                        lambda r: r["km"] is not None and r["km"] <= 25),
                    "fat_all": _share(rows, lambda r: r["fat_ok"] or (not r["n_events"] and r["gold_fat"] == 0)),
                    "actor1": _share([r for r in rows if r["a1_hit"] is not None], lambda r: r["a1_hit"]),
                    "merged": _share(cov, lambda r: r.get("merged_docs", 1) > 1)}
    return out


def acled_rules(tool, export: Path, details: list[dict]) -> dict:
    """Per rule: how often the scored event (the one acled.py picks per note) came from it, and how often it was right."""
    docs, events, figures = tool.load_export(str(export))
    by_name = collections.defaultdict(list)
    for doc_id, name in docs.items():
        by_name[name].append(doc_id)
    by_doc = collections.defaultdict(list)
    for ev in events:
        for d in ev.get("doc_ids") or []:
            by_doc[d].append(ev)
    ev_rules: dict = collections.defaultdict(list)
    place_rules: dict = collections.defaultdict(list)
    for row in details:
        ids = by_name.get(row["doc"], [])
        evs = [ev for d in ids for ev in by_doc.get(d, [])]
        if not evs:
            continue
        ev = tool.predicted(ids[0], evs, figures)
        ev_rules[ev.get("rule") or "(none)"].append(row)
        loc = ev.get("location") or {}
        if row["has_coords"]:
            place_rules[loc.get("rule") or ("(no place)" if loc.get("lat") is None else "(none)")].append(row)
    events_out = {rule: {"fired": len(rows), "type": _share(rows, lambda r: r["type_ok"]),
                         "sub": _share(rows, lambda r: r["sub_ok"]), "date": _share(rows, lambda r: r["date_ok"])}
                  for rule, rows in sorted(ev_rules.items(), key=lambda kv: -len(kv[1]))}
    places_out = {rule: {"fired": len(rows), "loc25": _share(rows, lambda r: r["km"] is not None and r["km"] <= 25)}
                  for rule, rows in sorted(place_rules.items(), key=lambda kv: -len(kv[1]))}
    return {"events": events_out, "places": places_out}


# -- PolNeAR --------------------------------------------------------------------------------------

def polnear(workdir: Path, split: str, jobs: int) -> dict:
    tool = _tool("polnear")
    mirror = MIRRORS / POLNEAR_MIRROR / "repo"
    if tool is None or not mirror.exists():
        return {"skipped": f"polnear.py or the mirror {mirror} is not here"}
    out = workdir / f"polnear-{split}"
    log(f"polnear: building the {split} split ...")
    b = _script("polnear", "build", str(mirror), "--split", split, "--out", str(out))
    if b.returncode != 0:
        return {"error": b.stderr.strip()[-300:]}
    log(f"polnear {split}: ingest + export through the CLI ...")
    export, facts = ingest_export(out / "corpus", workdir, jobs)
    if export is None:
        return {"error": facts.get("error")}
    s = _script("polnear", "score", str(export), "--out", str(out))
    lines = s.stdout.splitlines()
    if s.returncode != 0 or not lines:
        return {"error": s.stderr.strip()[-300:]}
    res = {"overall": json.loads(lines[0]), "facts": facts}
    res["rules"] = polnear_rules(tool, export, out)
    res["events"] = polnear_events(export)
    return res


def polnear_events(export: Path) -> dict:
    """Events found in PolNeAR's US political news (2015-16): few of its articles report an incident, so
    events per article is an upper bound on the false events a politics-heavy feed gets ("attacks on his
    rival", "a court battle"); with the event types and the event rules that produced them."""
    recs = _records(export)
    docs = sum(1 for r in recs if r.get("kind") == "document")
    evs = [r for r in recs if r.get("kind") == "event"]
    return {"articles": docs, "events": len(evs), "per_article": round(len(evs) / docs, 3) if docs else None,
            "by_type": dict(collections.Counter(e.get("event_type") for e in evs).most_common()),
            "by_rule": dict(collections.Counter(e.get("rule") for e in evs).most_common(10))}


def polnear_rules(tool, export: Path, out: Path) -> dict:
    """Per claim rule: claims produced and the share that covers a gold attribution (the script's precision test)."""
    gold = json.load(open(out / "gold.json", encoding="utf-8"))
    recs = _records(export)
    doc_file = {r["doc_id"]: os.path.basename(r.get("source") or "") for r in recs if r.get("kind") == "document"}
    gold_by_file = collections.defaultdict(list)
    for g in gold["attributions"]:
        gold_by_file[g["file"]].append(set(tool.words(g["content"])))
    files = {d["file"] for d in gold["documents"]}
    per: dict = collections.defaultdict(lambda: [0, 0])
    for c in (r for r in recs if r.get("kind") == "claim"):
        f = doc_file.get(c.get("doc_id"), "")
        if f not in files:
            continue
        good = any(tool.covers(c, gw) for gw in gold_by_file.get(f, []))
        p = per[c.get("rule") or "(none)"]
        p[0] += 1
        p[1] += good
    return {rule: {"fired": n, "precision": round(g / n, 4)} for rule, (n, g) in sorted(per.items(), key=lambda kv: -kv[1][0])}


# -- report ---------------------------------------------------------------------------------------

def _f(x) -> str:
    return "—" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def table(r: dict) -> str:
    L: list[str] = []
    a = r.get("acled") or {}
    if a.get("skipped") or a.get("error"):
        L += [f"ACLED notes: {a.get('skipped') or 'failed: ' + str(a.get('error'))}", ""]
    elif a:
        o = a["overall"]
        keys = ["docs", "coverage", "type_all", "sub_all", "date_all", "loc25_all", "fat_all", "actor1_recall",
                "actor2_recall", "merged_with_other_docs", "score_all"]
        L += ["## ACLED event notes (shared/tools/acled.py; every note one distinct event)", "",
              "Over all documents (a note without an event counts as a miss). Targets: found ≥ 0.95, type ≥ 0.85, "
              "sub-type ≥ 0.70, date ≥ 0.90, place within 25 km ≥ 0.80, fatalities ≥ 0.90, actor1 ≥ 0.60, "
              "wrongly merged ≤ 0.05.", "",
              "| " + " | ".join(keys) + " |", "|" + "---|" * len(keys), "| " + " | ".join(_f(o.get(k)) for k in keys) + " |",
              "", f"Over the documents with an event: type {_f(o.get('type'))}, sub-type {_f(o.get('sub'))}, date "
              f"{_f(o.get('date'))}, place ≤ 25 km {_f(o.get('loc25'))} (≤ 100 km {_f(o.get('loc100'))}, geocoded "
              f"{_f(o.get('geocoded'))}), fatalities {_f(o.get('fat'))}. Quarantined: "
              f"{(a.get('facts') or {}).get('quarantined') or 'none'}.", "", "Per event type:", "", "```",
              *a["by_type"], "```", "", "Per source (country export):", "",
              "| source | n | found | type | sub | date | loc25 | fat | actor1 | merged |", "|---|---|---|---|---|---|---|---|---|---|"]
        for k, m in a["by_source"].items():
            L.append(f"| {k} | {m['n']} | {_f(m['coverage'])} | {_f(m['type_all'])} | {_f(m['sub_all'])} | "
                     f"{_f(m['date_all'])} | {_f(m['loc25_all'])} | {_f(m['fat_all'])} | {_f(m['actor1'])} | {_f(m['merged'])} |")
        L += ["", "Per event rule (the rule of the event scored for each note):", "",
              "| rule | fired | type right | sub-type right | date right |", "|---|---|---|---|---|"]
        for k, m in a["rules"]["events"].items():
            L.append(f"| {k} | {m['fired']} | {_f(m['type'])} | {_f(m['sub'])} | {_f(m['date'])} |")
        L += ["", "Per place rule (the scored event's location, notes with gold coordinates):", "",
              "| rule | fired | within 25 km |", "|---|---|---|"]
        for k, m in a["rules"]["places"].items():
            L.append(f"| {k} | {m['fired']} | {_f(m['loc25'])} |")
        L.append("")
    for split in ("dev", "train"):
        p = r.get(f"polnear_{split}") or {}
        if not p:
            continue
        if p.get("skipped") or p.get("error"):
            L += [f"PolNeAR {split}: {p.get('skipped') or 'failed: ' + str(p.get('error'))}", ""]
            continue
        o = p["overall"]
        L += [f"## PolNeAR {split} attributions (shared/tools/polnear.py)", "",
              "Targets (dev): recall ≥ 0.75, precision ≥ 0.85, source accuracy ≥ 0.85.", "",
              "| attributions | found | recall | claims | precision | source accuracy |", "|---|---|---|---|---|---|",
              f"| {o['attributions']} | {o['found']} | {_f(o['recall'])} | {o['claims']} | {_f(o['precision'])} | "
              f"{_f(o['source_accuracy'])} |", "", "Per claim rule:", "", "| rule | claims | precision |", "|---|---|---|"]
        for k, m in p["rules"].items():
            L.append(f"| {k} | {m['fired']} | {_f(m['precision'])} |")
        ev = p.get("events") or {}
        if ev:
            L += ["", f"Events in these political articles (few report an incident: an upper bound on false events): "
                  f"{ev['events']} in {ev['articles']} articles, {_f(ev['per_article'])} per article; by type "
                  + ", ".join(f"{k} {v}" for k, v in ev["by_type"].items()) + "."]
        L.append("")
    return "\n".join(L)


def run(workdir: Path, size: int = 2000, jobs: int = 2, polnear_splits: tuple[str, ...] = ("dev",)) -> dict:
    r: dict = {"acled": acled(workdir, size, jobs)}
    for split in polnear_splits:
        r[f"polnear_{split}"] = polnear(workdir, split, jobs)
    return r


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=2000, help="ACLED notes to sample (acled.py build --size)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--polnear-splits", default="dev", help="comma-separated: dev, train")
    ap.add_argument("--json", dest="json_out")
    ap.add_argument("--keep", help="keep the built corpora and exports in this folder (outside the repository)")
    a = ap.parse_args(argv)
    splits = tuple(s for s in a.polnear_splits.split(",") if s)
    if a.keep:
        work = Path(a.keep)
        work.mkdir(parents=True, exist_ok=True)
        r = run(work, a.size, a.jobs, splits)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            r = run(Path(tmp), a.size, a.jobs, splits)
    print(table(r))
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(r, indent=1))
    return r


if __name__ == "__main__":
    main()
