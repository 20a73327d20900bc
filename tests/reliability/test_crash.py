"""``kill -9`` at any moment, then the next command: the ledger equals a clean single run's.

Kills at random moments of an ingest, right after its last document is stored (before the
merge) and inside the merge transaction; the repair is a plain re-run of the ingest or
``newsledger reconcile``.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import child_env, cli, duplicates, ingest_cmd, ledger, run, shared_corpus
from corpus import reference as reference_ledger

KILLER = str(Path(__file__).with_name("killer.py"))


@pytest.fixture(scope="module")
def corpus():
    return shared_corpus()


@pytest.fixture(scope="module")
def reference():
    return reference_ledger()


def killed_at(point: str, url: str, *args: str) -> int:
    res = run([sys.executable, KILLER, point, "--db", url, *args])
    assert "Traceback" not in res.stderr, res.stderr
    return res.returncode


@pytest.mark.parametrize("point,repair", [("after_last_document", "ingest"), ("inside_merge", "reconcile")])
def test_kill_at_a_chosen_point_is_repaired_by_the_next_command(point, repair, corpus, reference, db_url):
    assert killed_at(point, db_url, "ingest", "--rules-only", "-q", str(corpus)) == -signal.SIGKILL
    assert ledger(db_url) != reference                   # the kill did leave the merge undone
    res = run(ingest_cmd(db_url, corpus) if repair == "ingest" else cli(db_url, "reconcile"))
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert ledger(db_url) == reference
    assert duplicates(db_url) == 0


def test_kill_at_a_random_moment_then_rerun(corpus, reference, db_url):
    rnd = random.Random(13)
    for jobs in (1, 2):
        proc = subprocess.Popen(ingest_cmd(db_url, corpus, jobs=jobs), env=child_env(), start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(rnd.uniform(1.0, 6.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        assert "Traceback" not in proc.communicate(timeout=60)[1]
    res = run(ingest_cmd(db_url, corpus))
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert ledger(db_url) == reference
    assert duplicates(db_url) == 0
