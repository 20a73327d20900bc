"""Run ``newsledger`` and kill it with SIGKILL at a chosen point (a child process of the tests).

    python killer.py POINT newsledger-args...

POINT ``after_last_document``: the moment reconcile is called, every document being stored;
``inside_merge``: after the merged events were written, before the merge transaction commits;
``none``: no kill.
"""
from __future__ import annotations

import os
import signal
import sys


def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str) -> None:
    if point == "after_last_document":
        import newsledger.reconcile as rec
        rec.reconcile = die
    elif point == "inside_merge":
        from newsledger.store.db import Store
        original = Store.replace_events

        def replace_then_die(self, *a, **k):
            original(self, *a, **k)
            die()
        Store.replace_events = replace_then_die
    elif point != "none":
        raise SystemExit(f"unknown kill point {point!r}")


if __name__ == "__main__":
    arm(sys.argv[1])
    from newsledger.cli import app
    app(args=sys.argv[2:])
