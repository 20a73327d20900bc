"""The web view answers 4xx, never 500, to whatever a client sends: a bounded set of generated
hostile requests through TestClient, and over-long request lines against the real server."""
from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from urllib.parse import quote

import pytest
from test_serve_pages import build_ledger

PATHS = ["/", "/map", "/claims", "/documents", "/docs", "/docs/call", "/events/{id}", "/documents/{id}",
         "/api/events", "/api/events/{id}", "/api/documents", "/api/documents/{id}", "/api/claims", "/api/figures",
         "/openapi.json", "/static/style.css", "/static/../../etc/passwd", "/nowhere"]
PARAMS = ["offset", "limit", "start", "end", "date_from", "date_to", "place", "type", "actor", "speaker", "outlet",
          "event", "event_id", "doc_id", "measure", "claimant", "_op"]
VALUES = ["²", "①", "٣", "Ⅻ", "-1", "1e9", "99999999999999999999", "2024-13-45", "2024-02-30", "0000-00-00",
          "２０２４-０１-０１", "", " ", "%00", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc",
          "\ud7ff", "🙂" * 50, "a" * 5000, "NaN", "Infinity", "true", "[]", "{}", "/api/events/{event_id}"]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture(scope="module")
def client(ledger):
    from fastapi.testclient import TestClient

    from newsledger.serve import create_app

    with TestClient(create_app(ledger.url), raise_server_exceptions=False) as c:
        yield c


def hostile_requests(n: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        path = rng.choice(PATHS).replace("{id}", quote(rng.choice(VALUES + ["ev-riverton"]), safe=""))
        query = "&".join(f"{rng.choice(PARAMS)}={quote(rng.choice(VALUES), safe='')}" for _ in range(rng.randint(0, 4)))
        out.append(path + (f"?{query}" if query else ""))
    return out


def test_three_hundred_hostile_requests_get_no_500(client):
    statuses = {}
    for url in hostile_requests(300):
        statuses[url] = client.get(url, follow_redirects=False).status_code
    errors = {u: s for u, s in statuses.items() if s >= 500}
    assert errors == {}
    assert {200, 404, 422} <= set(statuses.values())


@pytest.mark.parametrize("url", ["/?offset=²", "/documents/x?start=①", "/claims?offset=٣", "/map?date_from=2024-13-45"])
def test_unicode_digits_and_impossible_days_are_ignored_by_pages(client, url):
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/api/events?offset=²", "/api/events?date_from=2024-13-45",
                                 "/api/events?date_to=2023-02-30", "/api/claims?limit=①"])
def test_the_api_answers_422(client, url):
    assert client.get(url).status_code == 422


def test_an_impossible_day_is_not_a_filter_that_returns_everything(client):
    body = client.get("/api/events?date_from=2024-13-45").json()
    assert body["detail"][0]["loc"] == ["query", "date_from"]


@contextlib.contextmanager
def running_server(url: str):
    """The real server (``newsledger serve``'s uvicorn configuration) on a free loopback port; yields the port."""
    import uvicorn

    from newsledger.serve import create_app
    from newsledger.serve.app import server_config

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(server_config(create_app(url), "127.0.0.1", port))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(ledger):
    with running_server(ledger.url) as port:
        yield port


def raw_status(port: int, target: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.split(b"\r\n", 1)[0].decode()


@pytest.mark.parametrize("size", [130 * 1024, 600 * 1024])
def test_a_request_line_over_128_kb_gets_414_from_the_real_server(server, size):
    assert raw_status(server, "/?place=" + "a" * size) == "HTTP/1.1 414 Request-URI Too Long"


def test_the_real_server_still_answers_after_hostile_lines(server):
    assert raw_status(server, "/?offset=%C2%B2") == "HTTP/1.1 200 OK"
