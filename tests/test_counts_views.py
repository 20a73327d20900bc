"""One reconciled count, three views: the JSON export, the CLI's `show` and the event page agree."""
from __future__ import annotations

import html
import re

from test_reconcile import _document, mention
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.export.records import events as export_events
from newsledger.reconcile import reconcile
from newsledger.store import Store

HARBOUR = dict(name="Harbourton", admin1="Coast", country="Westland", lat=10.5, lon=20.1, precision=1)


def _ledger(tmp_path):
    """A shelling reported twice: the health office says 12 in both reports, a relief agency says 12,
    and the second report also gives 11 in a sentence of its own."""
    m1 = mention("m-1", "P", "2025-04-02", loc=HARBOUR, text="shelling of the harbour market")
    m2 = mention("m-2", "Q", "2025-04-02", loc=HARBOUR, text="shelling of the harbour market")
    docs = [_document("P", "2025-04-03", "Harbour Post", [m1],
                      [("m-1", "killed", 12, None, "Health Office", "people", None)]),
            _document("Q", "2025-04-03", "Valley Wire", [m2],
                      [("m-2", "killed", 12, None, "Relief Agency", "people", None),
                       ("m-2", "killed", 12, None, "Health Office", "people", None),
                       ("m-2", "killed", 11, None, "unattributed", "people", None)])]
    url = f"sqlite:///{tmp_path / 'v.db'}"
    store = Store(url)
    for d in docs:
        store.save_document(d)
    reconcile(store)
    [ev] = [e for e in export_events(store)]
    return url, ev


def test_json_shows_twelve_twelve_and_the_outlets_eleven_without_a_conflict(tmp_path):
    _, ev = _ledger(tmp_path)
    f = ev["fatalities"]
    assert (f["low"], f["best"], f["high"], f["conflict"]) == (11, 12, 12, False)
    assert f["by_claimant"] == {"Health Office": 12, "Relief Agency": 12, "Valley Wire": 11}
    assert f["summary"] == ("people: Health Office: 12; Relief Agency: 12; Valley Wire (in its own words): 11; "
                            "the same report attributes another number to Health Office and Relief Agency")


def test_cli_and_web_show_the_same_flag_and_words(tmp_path):
    url, ev = _ledger(tmp_path)
    f = ev["fatalities"]
    out = CliRunner().invoke(app, ["--db", url, "show", ev["event_id"]])
    assert out.exit_code == 0, out.output
    text = re.sub(r"\s+", " ", out.output)
    assert "claimants disagree" not in text
    assert "Valley Wire: 11" in text and "Relief Agency: 12" in text and f["summary"] in text

    from fastapi.testclient import TestClient

    from newsledger.serve import create_app

    with TestClient(create_app(url)) as c:
        page = html.unescape(re.sub(r"\s+", " ", c.get(f"/events/{ev['event_id']}").text))
    assert "claimants disagree" not in page and "badge conflict" not in page
    assert f"Who reported what: {f['summary']}" in page


def test_at_least_five_against_four_is_flagged_in_all_three_views(tmp_path):
    m1 = mention("m-1", "P", "2025-04-02", loc=HARBOUR, text="attack on the ferry pier")
    m2 = mention("m-2", "Q", "2025-04-02", loc=HARBOUR, text="attack on the ferry pier")
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store(url)
    store.save_document(_document("P", "2025-04-03", "Harbour Post", [m1],
                                  [("m-1", "killed", None, 5, "local officials", "people", None)]))
    store.save_document(_document("Q", "2025-04-03", "Valley Wire", [m2],
                                  [("m-2", "killed", 4, None, "provincial governor", "people", None)]))
    reconcile(store)
    [ev] = list(export_events(store))
    assert ev["fatalities"]["conflict"] is True
    out = CliRunner().invoke(app, ["--db", url, "show", ev["event_id"]])
    assert "claimants disagree" in out.output

    from fastapi.testclient import TestClient

    from newsledger.serve import create_app

    with TestClient(create_app(url)) as c:
        page = c.get(f"/events/{ev['event_id']}").text
    assert "claimants disagree" in page and "badge conflict" in page
