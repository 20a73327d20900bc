"""The web view under a hostile request set: N generated requests against the real server on 127.0.0.1.

    python benchmarks/hostile_web.py [--n 1000] [--seed 15]

Builds the invented test ledger of tests/test_serve_pages.py, starts `newsledger serve`'s uvicorn
configuration on a free loopback port and sends N requests (Unicode digits, impossible days, huge and
binary values, path traversal, injection strings, over-long request lines) in a bounded loop, one at a
time. Prints the count per status code; the figure that matters is the number of 5xx answers (target 0).
"""
from __future__ import annotations

import argparse
import collections
import http.client
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def one_request(port: int, url: str):
    """The status of one GET, or why there was none."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", url)
        return conn.getresponse().status
    except (http.client.HTTPException, OSError) as exc:
        return f"no answer ({type(exc).__name__})"
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args(argv)

    from test_serve_hostile import hostile_requests, running_server
    from test_serve_pages import build_ledger

    with tempfile.TemporaryDirectory() as tmp:
        ledger = build_ledger(Path(tmp) / "ledger.db")
        urls = hostile_requests(a.n - a.n // 20, seed=a.seed)
        urls += ["/?place=" + "a" * (130 * 1024 + i) for i in range(a.n // 20)]      # over-long request lines
        statuses: collections.Counter = collections.Counter()
        fives: list[str] = []
        t0 = time.perf_counter()
        with running_server(ledger.url) as port:
            for url in urls:
                status = one_request(port, url)
                statuses[status] += 1
                if not isinstance(status, int) or status >= 500:
                    fives.append(url[:120])
        seconds = time.perf_counter() - t0
    res = {"requests": len(urls), "seconds": round(seconds, 1),
           "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
           "server_errors_or_no_answer": len(fives), "examples": fives[:5]}
    print(json.dumps(res, indent=1))
    return res


if __name__ == "__main__":
    main()
