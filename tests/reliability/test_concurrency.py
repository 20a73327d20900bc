"""Two ingests at once into one store (SQLite and PostgreSQL): nothing lost, nothing twice.

Identical and overlapping inputs, into a fresh store (both create the tables) and into an
existing one; each time the exported ledger equals a clean single run's, record for record.
"""
from __future__ import annotations

import subprocess

import pytest
from corpus import articles, child_env, duplicates, ingest_cmd, ledger, run, shared_corpus
from corpus import reference as reference_ledger


@pytest.fixture(scope="module")
def corpus():
    return shared_corpus()


@pytest.fixture(scope="module")
def reference():
    return reference_ledger()


def together(*cmds: list[str]) -> list[tuple[int, str]]:
    procs = [subprocess.Popen(c, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in cmds]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    return [(p.returncode, e) for p, e in zip(procs, errs)]


def files(corpus, lo: int, hi: int):
    names = sorted(articles())[lo:hi]
    return [corpus / n for n in names]


@pytest.mark.parametrize("case", ["fresh-identical", "fresh-overlapping", "existing-overlapping"])
def test_two_ingests_at_once_give_the_clean_ledger(case, corpus, reference, db_url):
    n = len(articles())
    if case.startswith("existing"):
        first = run(ingest_cmd(db_url, *files(corpus, 0, 4)))
        assert first.returncode == 0, first.stderr
    if case.endswith("identical"):
        a = b = [corpus]
    else:
        a, b = files(corpus, 0, 2 * n // 3), files(corpus, n // 3, n)
    results = together(ingest_cmd(db_url, *a), ingest_cmd(db_url, *b, jobs=2))
    for rc, err in results:
        assert rc == 0 and "Traceback" not in err, err
    assert ledger(db_url) == reference
    assert duplicates(db_url) == 0
