"""The web view's pages, rendered through FastAPI's TestClient.

``build_ledger`` writes a small hand-analysed ledger (invented wire-style articles, one of
them hostile) that the API, browser and export tests use too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from newsledger.ids import doc_id_for, span_id
from newsledger.records import (Claim, Document, Event, Evidence, Figure, Framing, Location, PlaceMention, Segment,
                                as_dict)
from newsledger.store import Store

STRIKE_WIRE = """Strike on market in Riverton kills at least 12, officials say

An airstrike hit a crowded market in Riverton on Tuesday, killing at least 12 people and wounding 30, the regional health ministry said.

The civil defence agency said nine bodies had been recovered from the rubble by Tuesday evening.

"We are still searching for survivors," civil defence spokesperson Lena Markov told reporters.
"""

STRIKE_BROADCAST = """Death toll from Riverton market strike rises to 14

The death toll from Tuesday's strike on a market in Riverton has risen to 14, the regional health ministry said on Wednesday.

Neighbours called the strike a massacre and mourned the fourteen martyrs.
"""

HOSTILE = """Protest in Eastport <script>alert('x')</script>

Hundreds of people marched in Eastport on Friday <img src=x onerror="alert('img')">, organisers said.

"We will return every week <script>document.title='owned'</script>," organiser Sam <b>Reyes</b> said.
"""

CLASHES = """Clashes reported near Hill Village

Fighting between army units and an armed group was reported near Hill Village on Saturday, residents said.
"""

HOSTILE_PLACE = "Eastport <svg onload=alert(1)>"


@dataclass
class Ledger:
    url: str
    docs: dict[str, str]        # name -> doc_id
    events: dict[str, str]      # name -> event_id


def _document(text: str, source: str, outlet: str, published: str, titled: bool = True) -> Document:
    title = text.split("\n", 1)[0] if titled else None
    doc_id = doc_id_for(text)
    return Document(doc_id=doc_id, source=source, text=text, title=title, outlet=outlet, published=published,
                    published_basis="header", sources=[source],
                    segments=[Segment(span_id("s", doc_id, 0, len(text)), title, 0, len(text))])


def _evidence(doc: Document, needle: str) -> Evidence:
    i = doc.text.index(needle)
    return doc.evidence(i, i + len(needle))


def _figure(doc: Document, needle: str, measure: str, claimant: str, value=None, low=None, qualifier="exact",
            victims="people") -> Figure:
    ev = _evidence(doc, needle)
    return Figure(span_id("f", doc.doc_id, ev.start, ev.end, measure, claimant), doc.doc_id, measure, value, low,
                  None, qualifier, victims, claimant, ev)


def _claim(doc: Document, needle: str, speaker: str, canonical: str, cue: str, content: str) -> Claim:
    ev = _evidence(doc, needle)
    return Claim(span_id("c", doc.doc_id, ev.start, ev.end), doc.doc_id, speaker, canonical, "organization", cue,
                 "indirect", content, ev)


def _place(doc: Document, name: str, lat: float | None, lon: float | None) -> PlaceMention:
    ev = _evidence(doc, name.split(" <")[0])
    return PlaceMention(ev.start, ev.end, ev.text, name, "Northern Province", "Testland", lat, lon)


def _event(doc: Document, needle: str, etype: str, sub: str, day: str, place: PlaceMention, actor1: str,
           actor2: str | None = None) -> Event:
    ev = _evidence(doc, needle)
    loc = Location(place.name, place.admin1, place.country, place.lat, place.lon, 1)
    return Event(span_id("e", doc.doc_id, ev.start, ev.end), [doc.doc_id], etype, sub, day, day, "day", loc,
                 actor1, actor2, evidence=[ev])


def _annotate(doc: Document, event: Event, figures=(), claims=()) -> Document:
    for f in figures:
        f.event_id = event.event_id
    for c in claims:
        c.event_id = event.event_id
    event.figures = [f.figure_id for f in figures]
    doc.events, doc.figures, doc.claims = [event], list(figures), list(claims)
    return doc


def build_ledger(path) -> Ledger:
    """Store four hand-analysed documents and merge the two Riverton reports into one event."""
    url = f"sqlite:///{path}"
    a = _document(STRIKE_WIRE, "wire/riverton.txt", "Example Wire", "2024-03-05")
    b = _document(STRIKE_BROADCAST, "tv/riverton.txt", "Northern Broadcaster", "2024-03-06")
    c = _document(HOSTILE, "hostile/<eastport>.txt", "<b>Hostile</b> Wire", "2024-03-08")
    d = _document(CLASHES, "wire/hill.txt", "Example Wire", "2024-03-02", titled=False)   # as .txt input often is
    riverton_a, riverton_b = _place(a, "Riverton", 48.1, 35.2), _place(b, "Riverton", 48.1, 35.2)
    eastport, hill = _place(c, HOSTILE_PLACE, 46.6, 31.0), _place(d, "Hill Village", None, None)
    a.places, b.places, c.places, d.places = [riverton_a], [riverton_b], [eastport], [hill]
    ministry, civil = "Regional Health Ministry", "Civil Defence Agency"
    killed_a = _figure(a, "killing at least 12 people", "killed", ministry, 12, 12, "at_least")
    injured_a = _figure(a, "wounding 30", "injured", ministry, 30)
    nine = _figure(a, "nine bodies had been recovered", "killed", civil, 9)
    fourteen = _figure(b, "has risen to 14", "killed", ministry, 14)
    hundreds = _figure(c, "Hundreds of people marched", "other", "organisers <i>say</i>", None, 200, "vague",
                       "protesters")
    markov = _claim(a, '"We are still searching for survivors," civil defence spokesperson Lena Markov told reporters.',
                    "civil defence spokesperson Lena Markov", "Lena Markov", "told reporters",
                    "We are still searching for survivors")
    reyes = _claim(c, "\"We will return every week <script>document.title='owned'</script>,\" organiser Sam <b>Reyes</b> said.",
                   "organiser Sam <b>Reyes</b>", "Sam <b>Reyes</b>", "said",
                   "We will return every week <script>document.title='owned'</script>")
    ev_a = _event(a, "An airstrike hit a crowded market in Riverton on Tuesday", "Explosions/Remote violence",
                  "Air/drone strike", "2024-03-05", riverton_a, "Military Forces of Testland", "Civilians (Testland)")
    ev_b = _event(b, "The death toll from Tuesday's strike on a market in Riverton has risen to 14",
                  "Explosions/Remote violence", "Air/drone strike", "2024-03-05", riverton_b,
                  "Military Forces of Testland", "Civilians (Testland)")
    ev_c = _event(c, "Hundreds of people marched in Eastport on Friday", "Protests", "Peaceful protest",
                  "2024-03-08", eastport, "Protesters <img src=x onerror=alert(3)>")
    ev_d = _event(d, "Fighting between army units and an armed group was reported near Hill Village on Saturday",
                  "Battles", "Armed clash", "2024-03-02", hill, "Military Forces of Testland", "Unidentified Armed Group")
    _annotate(a, ev_a, [killed_a, injured_a, nine], [markov])
    _annotate(b, ev_b, [fourteen])
    _annotate(c, ev_c, [hundreds], [reyes])
    _annotate(d, ev_d)
    b.framing = [Framing("massacre", "attack", "act_term", _evidence(b, "massacre"), "test"),
                 Framing("martyrs", "people killed", "victim_term", _evidence(b, "martyrs"), "test")]
    store = Store(url)
    for doc in (a, b, c, d):
        store.save_document(doc)
    merged = as_dict(ev_a) | {"event_id": "ev-riverton", "doc_ids": [a.doc_id, b.doc_id],
                              "figures": ev_a.figures + ev_b.figures, "evidence": as_dict(ev_a)["evidence"] +
                              as_dict(ev_b)["evidence"],
                              "fatalities": {"low": 9, "best": 12, "high": 14,
                                             "by_claimant": {ministry: 14, civil: 9}, "conflict": True},
                              "injured": {"low": 30, "best": 30, "high": 30, "by_claimant": {ministry: 30},
                                          "conflict": False}}
    alone = [as_dict(ev_c), as_dict(ev_d)]
    links = [{"mention_id": m.event_id, "event_id": "ev-riverton", "score": 1.0, "decision": {"rule": "test"}}
             for m in (ev_a, ev_b)]
    links += [{"mention_id": e["event_id"], "event_id": e["event_id"], "score": 1.0, "decision": {"rule": "self"}}
              for e in alone]
    store.replace_events([merged, *alone], links)
    store.dispose()
    return Ledger(url, {"wire": a.doc_id, "broadcast": b.doc_id, "hostile": c.doc_id, "clashes": d.doc_id},
                  {"riverton": "ev-riverton", "eastport": ev_c.event_id, "hill": ev_d.event_id})


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Ledger:
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture(scope="module")
def client(ledger):
    from fastapi.testclient import TestClient

    from newsledger.serve import create_app

    with TestClient(create_app(ledger.url)) as c:
        yield c


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_events_list_shows_every_event_newest_first(client):
    html = client.get("/").text
    assert html.index("Eastport") < html.index("Riverton") < html.index("Hill Village")
    assert "3 of 3 event(s)" in text_of(html)


def test_events_list_filters_by_place_type_actor_and_dates(client):
    assert "1 of 3 event(s) match" in text_of(client.get("/?place=river").text)
    assert "1 of 3 event(s) match" in text_of(client.get("/?type=Battles").text)
    assert "2 of 3 event(s) match" in text_of(client.get("/?actor=testland").text)
    html = client.get("/?date_from=2024-03-04&date_to=2024-03-06").text
    assert "Riverton" in html and "Hill Village" not in html


def test_events_list_ignores_a_malformed_date(client):
    assert "3 of 3 event(s)" in text_of(client.get("/?date_from=yesterday").text)


def test_timeline_has_a_bar_per_day_with_events(client):
    html = client.get("/").text
    svg = html[html.index('<svg id="timeline"'):html.index("</svg>")]
    assert svg.count("<rect") == 3
    assert "2024-03-05: 1 event(s)" in svg


def test_event_page_shows_date_place_actors_and_reports(client, ledger):
    html = client.get(f"/events/{ledger.events['riverton']}").text
    text = text_of(html)
    assert "2024-03-05" in text and "Riverton, Northern Province, Testland" in text
    assert "Military Forces of Testland" in text
    assert "Example Wire" in text and "Northern Broadcaster" in text
    assert f"/documents/{ledger.docs['wire']}" in html and f"/documents/{ledger.docs['broadcast']}" in html


def test_event_page_marks_conflicting_figures_by_claimant(client, ledger):
    html = client.get(f"/events/{ledger.events['riverton']}").text
    table = html[html.index('id="figures"'):html.index("</table>", html.index('id="figures"'))]
    assert "Civil Defence Agency" in table and "Regional Health Ministry" in table
    assert "at least 12" in table and ">14<" in table and ">9<" in table
    assert 'class="num conflict">killed' in table          # killed: the claimants disagree
    assert 'class="num">injured' in table                  # injured: only one claimant


def test_event_page_links_each_figure_to_its_evidence_span(client, ledger):
    html = client.get(f"/events/{ledger.events['riverton']}").text
    start = STRIKE_WIRE.index("nine bodies")
    assert f"/documents/{ledger.docs['wire']}?start={start}&amp;end={start + len('nine bodies had been recovered')}#mark" in html


def test_event_page_lists_claims_with_a_link_into_the_document(client, ledger):
    html = client.get(f"/events/{ledger.events['riverton']}").text
    assert "Lena Markov" in html and "We are still searching for survivors" in html
    assert 'class="claim-link"' in html


def test_document_page_marks_the_followed_span(client, ledger):
    start = STRIKE_WIRE.index("nine bodies")
    html = client.get(f"/documents/{ledger.docs['wire']}?start={start}&end={start + 11}").text
    assert '<a class="anchor" id="mark"></a>' in html
    assert re.search(r'<span class="hl [a-z ]*mark[a-z ]*" title="[^"]*">nine bodies</span>', html)


def test_document_page_highlights_claims_figures_and_places(client, ledger):
    html = client.get(f"/documents/{ledger.docs['wire']}").text
    assert re.search(r'class="hl place" title="place: Riverton">Riverton</span>', html)
    assert re.search(r'class="hl figure" title="killed: 9 people — Civil Defence Agency">nine bodies', html)
    assert re.search(r'class="hl claim" title="claim: Lena Markov \(told reporters\)">&#34;We are still', html)


def test_document_page_ignores_a_span_outside_the_text(client, ledger):
    html = client.get(f"/documents/{ledger.docs['wire']}?start=5&end=999999").text
    assert 'id="mark"' not in html


def test_hostile_text_is_escaped_everywhere(client, ledger):
    pages = [client.get(u).text for u in ("/", "/map", "/documents", f"/events/{ledger.events['eastport']}",
                                          f"/documents/{ledger.docs['hostile']}")]
    for html in pages:
        assert "<script" not in html and "<img" not in html and "<svg onload" not in html
        assert "<b>Hostile" not in html and "<b>Reyes" not in html and "<i>say" not in html
    doc = pages[-1]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in doc
    assert "&lt;img src=x onerror=&#34;alert(&#39;img&#39;)&#34;&gt;" in doc


def test_pages_forbid_scripts_through_content_security_policy(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_map_plots_events_with_coordinates_and_counts_the_rest(client, ledger):
    html = client.get("/map").text
    svg = html[html.index('<svg id="map"'):html.index("</svg>")]
    assert svg.count('class="event"') == 2
    assert f"/events/{ledger.events['riverton']}" in svg
    assert "1 without coordinates" in html


def test_documents_page_lists_every_document(client, ledger):
    html = client.get("/documents").text
    for doc_id in ledger.docs.values():
        assert f"/documents/{doc_id}" in html


def test_unknown_event_and_document_give_a_404_page(client):
    for url in ("/events/nope", "/documents/nope"):
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"]


def test_the_view_cannot_write(client, ledger):
    assert client.post("/").status_code == 405
    store = client.app.state.ledger.store
    from sqlalchemy import text
    with pytest.raises(Exception, match="readonly|read-only|read only"):
        with store.engine.begin() as c:
            c.execute(text("DELETE FROM documents"))
    assert store.count("documents") == 4


def test_highlight_escapes_each_piece_of_overlapping_spans():
    from newsledger.serve.highlight import Span, highlight

    html = str(highlight("a <b>x</b> c", [Span(0, 6, "claim", 'say "<i>"', "c1"), Span(2, 10, "figure"),
                                          Span(0, 1, "onclick")]))
    assert html == ('<a class="anchor" id="c1"></a><span class="hl claim" title="say &#34;&lt;i&gt;&#34;">a </span>'
                    '<span class="hl claim figure" title="say &#34;&lt;i&gt;&#34;">&lt;b&gt;x</span>'
                    '<span class="hl figure">&lt;/b&gt;</span> c')


def test_serve_binds_localhost_by_default(ledger, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from newsledger.cli import app

    seen = {}

    class Server:                       # records the configuration instead of serving
        def __init__(self, config):
            seen.update(host=config.host, port=config.port, head=config.h11_max_incomplete_event_size)

        def run(self):
            seen["ran"] = True

    monkeypatch.setattr(uvicorn, "Server", Server)
    result = CliRunner().invoke(app, ["--db", ledger.url, "serve"])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8000, "head": 1024 * 1024, "ran": True}


def test_serve_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from newsledger.cli import app

    result = CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path / 'none.db'}", "serve"])
    assert result.exit_code == 2 and "no ledger at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_a_ledger_copied_without_its_journal_mode_still_opens_read_only(ledger, tmp_path):
    import sqlite3

    from newsledger.serve.readonly import open_readonly

    copy = tmp_path / "copy.db"
    src, dst = sqlite3.connect(ledger.url[len("sqlite:///"):]), sqlite3.connect(copy)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=DELETE")
    src.close(), dst.close()
    store = open_readonly(f"sqlite:///{copy}")
    assert store.count("documents") == 4
    store.dispose()


# -- what a newcomer meets: claims, framing, API docs, names a reader knows -----------------------------

def test_claims_page_lists_who_said_what(client):
    html = client.get("/claims").text
    assert "2 of 2 claim(s)" in text_of(html)
    assert "Lena Markov" in html and "Example Wire" in html
    assert "&lt;script&gt;" in html and "<script>" not in html.split("<main>", 1)[1]


@pytest.mark.parametrize("query,found,absent", [
    ("speaker=markov", "Lena Markov", "Reyes"),
    ("outlet=hostile", "Reyes", "Lena Markov"),
    ("outlet=example+wire", "Lena Markov", "Reyes"),
])
def test_claims_page_filters_by_speaker_and_outlet(client, query, found, absent):
    html = client.get(f"/claims?{query}").text
    assert "1 of 2 claim(s) match" in text_of(html)
    assert found in html and absent not in html


def test_claims_page_filters_by_event(client, ledger):
    html = client.get(f"/claims?event={ledger.events['riverton']}").text
    assert "1 of 2 claim(s) match" in text_of(html) and "Lena Markov" in html
    assert 'href="/events/ev-riverton"' in html
    assert "0 of 2 claim(s) match" in text_of(client.get(f"/claims?event={ledger.events['hill']}").text)


def test_event_page_links_to_its_claims(client, ledger):
    assert f'href="/claims?event={ledger.events["riverton"]}"' in client.get(f"/events/{ledger.events['riverton']}").text


def test_document_page_shows_the_outlets_framing(client, ledger):
    html = client.get(f"/documents/{ledger.docs['broadcast']}").text
    table = html[html.index('<table class="framing">'):]
    table = table[:table.index("</table>")]
    assert "<q>massacre</q>" in table and "attack" in table and "act term" in table
    assert "<q>martyrs</q>" in table and "people killed" in table
    assert re.search(r'class="hl framing" title="framing: massacre \(neutral: attack\)">massacre</span>', html)
    assert "Framing (0)" in client.get(f"/documents/{ledger.docs['wire']}").text


def test_event_page_shows_how_each_report_framed_it(client, ledger):
    html = client.get(f"/events/{ledger.events['riverton']}").text
    block = html[html.index('<h2 id="framing">'):]
    block = block[:block.index("</table>")]
    assert "Northern Broadcaster" in block and "<q>massacre</q>" in block and "→ attack" in block
    assert "No loaded terms" in client.get(f"/events/{ledger.events['hill']}").text


def test_api_docs_list_every_operation_with_a_form(client):
    html = client.get("/docs").text
    spec = client.get("/openapi.json").json()
    for path in spec["paths"]:
        assert f"<code>GET {path}</code>" in html
    assert 'name="_op" value="/api/events"' in html and 'name="date_from"' in html
    assert 'name="_op" value="/api/events/{event_id}"' in html
    assert "<script" not in html and "cdn" not in html.lower()


def test_api_docs_form_fills_a_path_parameter(client, ledger):
    r = client.get("/docs/call?_op=/api/events/{event_id}&event_id=ev-riverton", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/api/events/ev-riverton"
    assert client.get("/docs/call?_op=/api/events/{event_id}&event_id=ev-riverton").json()["event"]["event_id"] == \
        "ev-riverton"
    assert client.get("/docs/call?_op=/admin&x=1", follow_redirects=False).status_code == 404
    assert client.get("/docs/call?_op=/api/events/{event_id}", follow_redirects=False).status_code == 400
    r = client.get("/docs/call?_op=/api/events&place=river&date_from=&offset=", follow_redirects=False)
    assert r.headers["location"] == "/api/events?place=river"


def test_a_document_without_a_title_is_named_by_its_first_line(client, ledger):
    html = client.get("/documents").text
    assert "Clashes reported near Hill Village" in html and "wire/hill.txt" not in html
    assert "<h1>Clashes reported near Hill Village</h1>" in client.get(f"/documents/{ledger.docs['clashes']}").text


def test_headline_cuts_a_long_first_line_at_a_word():
    from newsledger.serve.ledger import headline

    long = "Officials in the northern province said on Monday that the bridge over the river had been closed to traffic"
    assert headline(long) == "Officials in the northern province said on Monday that the bridge over the river had been…"
    assert headline("\n\n  Short line  \nmore") == "Short line"
    assert headline("") == "Untitled report"


def test_places_are_not_repeated(client):
    env = client.app.state.templates.env
    place = env.from_string('{% import "_macros.html" as m %}{{ m.place(loc) }}')
    assert place.render(loc={"name": "Testland", "country": "Testland"}) == "Testland"
    assert place.render(loc={"name": "Riverton", "admin1": "North", "country": "Testland"}) == "Riverton, North, Testland"
    assert place.render(loc={"name": "North", "admin1": "North", "country": "Testland"}) == "North, Testland"


def test_claimant_keys_name_the_report_not_its_file():
    from newsledger.serve.app import claimant_label

    sources = {"a.txt": "Example Wire, 2024-03-05"}
    assert claimant_label("unattributed (a.txt)", sources) == "unattributed (Example Wire, 2024-03-05)"
    assert claimant_label("unattributed (gone.html)", sources) == "unattributed (one report)"
    assert claimant_label("Ministry of Health", sources) == "Ministry of Health"
    assert claimant_label("Army (northern command)", sources) == "Army (northern command)"
    assert claimant_label(None) == "unattributed"


def test_timeline_is_scaled_to_day_precise_events():
    from newsledger.serve.charts import timeline

    events = [{"date_start": "2024-05-01", "date_precision": "day"}, {"date_start": "2024-05-10", "date_precision": "day"},
              {"date_start": "2019-01-01", "date_precision": "year"}, {"date_start": "2024-05-06", "date_precision": "month"}]
    t = timeline(events)
    assert (t["first"], t["last"], t["days"], t["coarse"]) == ("2024-05-01", "2024-05-10", 10, 2)
    assert min(b["w"] for b in t["bars"]) > 20


def test_map_draws_country_outlines_and_keeps_labels_inside(client):
    html = client.get("/map").text
    svg = html[html.index('<svg id="map"'):html.index("</svg>")]
    assert svg.count('class="land"') >= 1
    x0, _y0, w, _h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    labels = re.findall(r'<text class="event-label" x="([0-9.]+)" y="[0-9.]+">([^<]+)</text>', svg)
    assert len(labels) == 2
    for x, label in labels:
        assert float(x) + len(label) * 12 * 0.6 <= x0 + w, label


def test_an_empty_store_shows_an_empty_ledger_with_a_hint(tmp_path):
    import sqlite3

    from fastapi.testclient import TestClient

    from newsledger.serve import create_app

    path = tmp_path / "empty.db"
    sqlite3.connect(path).execute("CREATE TABLE unrelated (x)").connection.close()
    with TestClient(create_app(f"sqlite:///{path}")) as c:
        for url in ("/", "/map", "/claims", "/documents", "/docs", "/events/x", "/documents/x"):
            r = c.get(url)
            assert r.status_code in (200, 404), url
            assert "This store holds no ledger yet" in r.text, url
        assert c.get("/api/events").json()["total"] == 0
