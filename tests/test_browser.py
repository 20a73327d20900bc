"""End to end in real headless Chromium (Debian's ``chromium`` and ``chromium-driver``): the
server runs on a free localhost port, the browser clicks from the events list to an event to
a document, and a hostile article's markup stays inert text; the claims page, framing on a document,
the API docs and the map are checked as drawn. Screenshots go to a tmp dir, or to the folder named
by ``NEWSLEDGER_SCREENSHOTS`` (how docs/screenshots/ is refreshed)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.request

import pytest
from test_serve_pages import HOSTILE_PLACE, build_ledger

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"
missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(missing), reason=f"needs Debian's chromium and chromium-driver ({', '.join(missing)} "
                                             "missing: apt-get install chromium chromium-driver)"),
]
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture(scope="module")
def base_url(ledger):
    import uvicorn

    from newsledger.serve import create_app
    from newsledger.serve.app import server_config

    port = free_port()
    server = uvicorn.Server(server_config(create_app(ledger.url), "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = os.environ.get("NEWSLEDGER_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        from pathlib import Path
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def wait_for_url(browser, part: str) -> None:
    """Wait until the page that a click or submit asked for is the one shown."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(lambda b: part in b.current_url)


def no_alert(browser) -> bool:
    try:
        browser.switch_to.alert
    except Exception:
        return True
    return False


def test_click_from_events_to_an_event_to_a_document(browser, base_url, ledger, shots):
    browser.get(base_url + "/")
    assert browser.find_element(By.ID, "timeline").is_displayed()
    browser.save_screenshot(str(shots / "events.png"))
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "a.event-link")
                if ledger.events["riverton"] in a.get_attribute("href"))
    link.click()
    assert browser.current_url.endswith(f"/events/{ledger.events['riverton']}")
    conflict = browser.find_element(By.CSS_SELECTOR, "#figures th.conflict")
    assert conflict.text.lower().startswith("killed")
    browser.save_screenshot(str(shots / "event.png"))
    browser.find_element(By.CSS_SELECTOR, "a.figure-link[title^='nine bodies']").click()
    assert f"/documents/{ledger.docs['wire']}?start=" in browser.current_url
    marked = browser.find_element(By.CSS_SELECTOR, "#text span.hl.mark")
    assert marked.text.startswith("nine bodies") and marked.is_displayed()
    browser.save_screenshot(str(shots / "document.png"))
    assert (shots / "document.png").stat().st_size > 5000


def test_filters_narrow_the_list(browser, base_url):
    browser.get(base_url + "/")
    box = browser.find_element(By.NAME, "place")
    box.send_keys("hill")
    box.submit()
    wait_for_url(browser, "place=hill")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")
    assert len(rows) == 1 and "Hill Village" in rows[0].text


def test_map_draws_events_and_links_to_them(browser, base_url, ledger, shots):
    browser.get(base_url + "/map")
    points = browser.find_elements(By.CSS_SELECTOR, "#map a.point")
    assert len(points) == 2
    land = browser.find_elements(By.CSS_SELECTOR, "#map path.land")
    assert land and land[0].size["width"] > 50                   # country outlines drawn, not just listed
    svg = browser.find_element(By.ID, "map")
    right = svg.location["x"] + svg.size["width"]
    for label in browser.find_elements(By.CSS_SELECTOR, "#map text.event-label"):
        assert label.location["x"] + label.size["width"] <= right + 1, label.text    # no label clipped
    browser.save_screenshot(str(shots / "map.png"))


def test_claims_page_filters_by_speaker_outlet_and_event(browser, base_url, ledger, shots):
    browser.get(base_url + "/claims")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.claims-table tbody tr")
    assert len(rows) == 2
    browser.save_screenshot(str(shots / "claims.png"))
    box = browser.find_element(By.NAME, "speaker")
    box.send_keys("markov")
    box.submit()
    wait_for_url(browser, "speaker=markov")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.claims-table tbody tr")
    assert len(rows) == 1 and "Lena Markov" in rows[0].text and "Example Wire" in rows[0].text
    browser.get(base_url + "/claims?outlet=hostile")
    [row] = browser.find_elements(By.CSS_SELECTOR, "table.claims-table tbody tr")
    assert "<b>Reyes</b>" in row.text and no_alert(browser)
    browser.get(f"{base_url}/events/{ledger.events['riverton']}")
    browser.find_element(By.LINK_TEXT, "as a list").click()
    wait_for_url(browser, "/claims?event=")
    [row] = browser.find_elements(By.CSS_SELECTOR, "table.claims-table tbody tr")
    assert "We are still searching for survivors" in row.text
    row.find_element(By.CSS_SELECTOR, "a.claim-link").click()
    wait_for_url(browser, "/documents/")
    assert browser.find_element(By.CSS_SELECTOR, "#text span.hl.mark").text.startswith('"We are still')


def test_document_page_shows_framing(browser, base_url, ledger, shots):
    browser.get(f"{base_url}/documents/{ledger.docs['broadcast']}")
    table = browser.find_element(By.CSS_SELECTOR, "table.framing")
    assert table.is_displayed()
    assert "massacre" in table.text and "attack" in table.text and "martyrs" in table.text
    marked = browser.find_elements(By.CSS_SELECTOR, "#text span.hl.framing")
    assert [m.text for m in marked] == ["massacre", "martyrs"]
    browser.save_screenshot(str(shots / "framing.png"))


def test_api_docs_page_calls_the_api(browser, base_url, ledger, shots):
    browser.get(base_url + "/docs")
    ops = browser.find_elements(By.CSS_SELECTOR, "section.operation")
    with urllib.request.urlopen(base_url + "/openapi.json") as resp:
        spec = json.load(resp)
    assert len(ops) == sum(len(methods) for methods in spec["paths"].values()) >= 6
    browser.save_screenshot(str(shots / "api-docs.png"))
    form = browser.find_element(By.CSS_SELECTOR, "input[name='_op'][value='/api/events']").find_element(By.XPATH, "./..")
    form.find_element(By.NAME, "place").send_keys("river")
    form.find_element(By.TAG_NAME, "button").click()
    wait_for_url(browser, "/api/events?")
    assert '"total":1' in browser.page_source.replace(" ", "")
    browser.get(base_url + "/docs")
    form = browser.find_element(By.CSS_SELECTOR, "input[name='_op'][value='/api/events/{event_id}']") \
        .find_element(By.XPATH, "./..")
    form.find_element(By.NAME, "event_id").send_keys(ledger.events["riverton"])
    form.find_element(By.TAG_NAME, "button").click()
    wait_for_url(browser, "/api/events/")
    assert browser.current_url.endswith(f"/api/events/{ledger.events['riverton']}")
    assert "Lena Markov" in browser.page_source


def test_hostile_article_is_inert_text(browser, base_url, ledger, shots):
    browser.get(f"{base_url}/documents/{ledger.docs['hostile']}")
    assert no_alert(browser)
    assert browser.title != "owned"
    text = browser.find_element(By.ID, "text").text
    assert "<script>alert('x')</script>" in text and "<img src=x onerror=\"alert('img')\">" in text
    assert browser.find_elements(By.CSS_SELECTOR, "#text script, #text img, main script, main img") == []
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Protest in Eastport <script>")
    browser.save_screenshot(str(shots / "hostile.png"))
    browser.get(f"{base_url}/events/{ledger.events['eastport']}")
    assert no_alert(browser)
    assert HOSTILE_PLACE in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_elements(By.CSS_SELECTOR, "main svg[onload], main img") == []
