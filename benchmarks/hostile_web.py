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
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args(argv)

    import uvicorn
    from test_serve_hostile import hostile_requests
    from test_serve_pages import build_ledger

    from newsledger.serve import create_app
    from newsledger.serve.app import server_config

    with tempfile.TemporaryDirectory() as tmp:
        ledger = build_ledger(Path(tmp) / "ledger.db")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        srv = uvicorn.Server(server_config(create_app(ledger.url), "127.0.0.1", port))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        while not srv.started:
            time.sleep(0.05)
        urls = hostile_requests(a.n - a.n // 20, seed=a.seed)
        urls += ["/?place=" + "a" * (130 * 1024 + i) for i in range(a.n // 20)]      # over-long request lines
        statuses: collections.Counter = collections.Counter()
        fives: list[str] = []
        t0 = time.perf_counter()
        for url in urls:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("GET", url)
                status = conn.getresponse().status
            except (http.client.HTTPException, OSError) as exc:
                status = f"no answer ({type(exc).__name__})"
            finally:
                conn.close()
            statuses[status] += 1
            if isinstance(status, int) and status >= 500 or not isinstance(status, int):
                fives.append(url[:120])
        seconds = time.perf_counter() - t0
        srv.should_exit = True
        thread.join(timeout=10)
    res = {"requests": len(urls), "seconds": round(seconds, 1),
           "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
           "server_errors_or_no_answer": len(fives), "examples": fives[:5]}
    print(json.dumps(res, indent=1))
    return res


if __name__ == "__main__":
    main()
