"""An invented corpus for the reliability tests and benchmark, and the helpers they share.

Each invented incident is reported by two outlets in different words (so reconcile has merges
to make) and some by one; texts carry figures, a claimant and a quote. Places are real towns
(so the gazetteer places them) but the incidents, people and numbers are made up.
"""
from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INCIDENTS = [  # (town, weekday, date, what, killed, injured, source)
    ("Arequipa", "Monday", "2023-03-06", "a bomb exploded at a bus station", 4, 11, "the regional police"),
    ("Cusco", "Tuesday", "2023-03-07", "gunmen attacked a checkpoint", 3, 2, "the interior ministry"),
    ("Tacna", "Wednesday", "2023-03-08", "protesters clashed with riot police outside the court", 0, 15,
     "the ombudsman's office"),
    ("Puno", "Thursday", "2023-03-09", "a drone strike hit a fuel depot", 2, 6, "the provincial governor"),
    ("Trujillo", "Friday", "2023-03-10", "armed men abducted and killed a local councillor", 1, 0,
     "the prosecutor's office"),
    ("Piura", "Saturday", "2023-03-11", "thousands of people marched to demand higher wages", 0, 0,
     "the organisers"),
    ("Chiclayo", "Sunday", "2023-03-12", "rebels and soldiers fought for several hours near the airport", 7, 9,
     "the army"),
    ("Iquitos", "Monday", "2023-03-13", "a grenade was thrown into a crowded market", 5, 20, "the health ministry"),
]

FIRST = """date {date}

{title}

{town_cap} — At least {killed} people were killed and {injured} injured on {weekday} when {what} in {town}, {source} said.

"We are still searching the area," a spokesperson for {source} told reporters, adding that the investigation had begun.

Local residents said the violence was the worst the city had seen this year.
"""

SECOND = """{weekday}, {date}

{town}: {killed} dead after {short}

{source_cap} said on {weekday} that {killed} people had died and {injured} others were wounded after {what} in {town}.

Officials said the wounded were taken to two hospitals. "The situation is under control," the city's mayor said.
"""

QUIET = """date {date}

{title}

{town_cap} — {what_cap} in {town} on {weekday}, {source} said. No one was hurt, according to {source}.
"""


def _fields(town, weekday, date, what, killed, injured, source):
    return {"town": town, "town_cap": town.upper(), "weekday": weekday, "date": date, "what": what,
            "what_cap": what[0].upper() + what[1:], "killed": killed, "injured": injured, "source": source,
            "source_cap": source[0].upper() + source[1:], "short": " ".join(what.split()[:4]),
            "title": f"{killed} killed in {town} as {what}"}


def articles() -> dict[str, str]:
    """File name -> text: the invented corpus (deterministic, 20 files)."""
    out: dict[str, str] = {}
    for i, inc in enumerate(INCIDENTS):
        f = _fields(*inc)
        out[f"a{i:02d}_wire.txt"] = FIRST.format(**f)
        if i % 4 != 3:
            out[f"a{i:02d}_paper.txt"] = SECOND.format(**f)
        if i % 3 == 0:
            out[f"a{i:02d}_brief.txt"] = QUIET.format(**{**f, "date": f["date"], "what": "shots were fired",
                                                        "what_cap": "Shots were fired"})
    return out


def write_corpus(folder: Path, names: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles().items():
        if names is None or name in names:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def cli(url: str, *args: str) -> list[str]:
    """The newsledger command line as a child process (``-m``-less: the installed entry point's code)."""
    return [sys.executable, "-c", "from newsledger.cli import main; main()", "--db", url, *args]


def child_env() -> dict[str, str]:
    """The environment for child processes: this checkout first on the path."""
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def ingest_cmd(url: str, *paths: Path, jobs: int = 1) -> list[str]:
    return cli(url, "ingest", "--rules-only", "--quiet", "-j", str(jobs), *map(str, paths))


def run(cmd: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=child_env(), capture_output=True, text=True, timeout=timeout)


VOLATILE = {"ingested_at", "run_id"}


def ledger(url: str) -> list[str]:
    """The exported ledger as sorted canonical JSON lines (records compared, not counts).

    A document's ``sources`` are compared as a set: which writer stored a second source first
    is not part of the ledger's meaning."""
    from newsledger.export import records
    from newsledger.store import Store

    store = Store(url)
    try:
        out = []
        for r in records.ledger(store):
            r = {k: v for k, v in r.items() if k not in VOLATILE}
            if r.get("kind") == "document":
                r["sources"] = sorted(r.get("sources") or [])
            out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
        return sorted(out)
    finally:
        store.dispose()


def duplicates(url: str) -> int:
    """Rows that say the same thing twice: two documents with one text, or two sources/quarantine
    rows for one (document, source) / (source, reason)."""
    from sqlalchemy import text

    from newsledger.store import Store

    store = Store(url)
    try:
        with store.engine.connect() as c:
            q = ["SELECT count(*) - count(DISTINCT text) FROM documents",
                 "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT doc_id, source FROM document_sources) s) "
                 "FROM document_sources",
                 "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT source, reason FROM quarantine) s) "
                 "FROM quarantine",
                 "SELECT count(*) FROM event_mentions m LEFT JOIN event_links l ON l.mention_id = m.mention_id "
                 "WHERE l.mention_id IS NULL"]
            return sum(c.execute(text(s)).scalar_one() for s in q)
    finally:
        store.dispose()


@functools.lru_cache(maxsize=None)
def _scratch() -> Path:
    path = Path(tempfile.mkdtemp(prefix="nl-reliability-"))
    atexit.register(shutil.rmtree, path, True)
    return path


@functools.lru_cache(maxsize=None)
def shared_corpus() -> Path:
    """The invented corpus, written once per test session (its paths are the documents' sources)."""
    return write_corpus(_scratch() / "in")


@functools.lru_cache(maxsize=None)
def reference() -> list[str]:
    """The ledger of one clean single run over the whole shared corpus (SQLite), once per session."""
    url = f"sqlite:///{_scratch() / 'reference.db'}"
    res = run(ingest_cmd(url, shared_corpus()))
    assert res.returncode == 0, res.stderr
    return ledger(url)
