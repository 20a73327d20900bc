"""Events on hand-written fixtures: typing, dates, places, one event per incident."""
import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.records import Document, Evidence, Figure

THREE_RAIDS = (
    "Troops raid Northtown camp again\n\n"
    "Israeli forces raided the Jenin refugee camp on 17 November, killing at least five people. "
    "The raid began on Thursday evening.\n\n"
    "An earlier incursion into Jenin came on June 19 this year, when fighters blew up an armoured vehicle.\n\n"
    "The invasion of Jenin on July 3 killed 12 Palestinians. The operation lasted two days.\n"
)


@pytest.fixture(params=["rules", "auto"], scope="module")
def ctx(request):
    return Context(use_model=request.param)


def run(ctx, text, published, figures=()):
    doc = Document("d1", "t.txt", text, published=published)
    if figures:
        # figures normally come from the figures component; keep ours
        doc = analyse(doc, ctx, disable=("figures", "events"))
        doc.figures = list(figures)
        from newsledger.analyse import events
        return events.component(doc, ctx)
    return analyse(doc, ctx)


def test_three_raids_in_one_listing_are_three_events(ctx):
    doc = run(ctx, THREE_RAIDS, "2023-11-18")
    got = sorted((e.date_start, e.event_type) for e in doc.events if e.event_type == "Battles")
    assert [d for d, _ in got][:2] == ["2023-06-19", "2023-07-03"] and got[2][0] in ("2023-11-16", "2023-11-17")
    assert all(e.location.name.startswith("Jenin") for e in doc.events if e.event_type == "Battles")
    assert len({e.event_id for e in doc.events}) == len(doc.events)


def test_mentions_of_one_incident_merge_and_figures_link(ctx):
    text = ("Israeli strike on school kills 22\n\n"
            "An Israeli missile strike on Sunday hit a school in central Gaza, killing at least 22 people. "
            "The school in Nuseirat was struck by two missiles.\n")
    ev = Evidence("d1", 53, 140, text[53:140])
    fig = Figure("f1", "d1", "killed", None, 22, None, "at_least", "people", "local authorities", ev)
    doc = run(ctx, text, "2024-07-16", figures=[fig])
    strikes = [e for e in doc.events if e.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1
    e = strikes[0]
    assert e.date_start == "2024-07-14" and e.location.name == "Nuseirat"
    assert e.actor1 == "Military Forces of Israel" or e.actor1 is None
    assert fig.event_id == e.event_id and e.figures == ["f1"]


def test_cumulative_tally_gets_no_event(ctx):
    text = "Israeli forces raided Jenin on Monday. Since October 7, 500 people have been killed in the West Bank.\n"
    ev = Evidence("d1", 39, 100, text[39:100])
    fig = Figure("f1", "d1", "killed", 500, 500, None, "exact", "people", "ministry", ev,
                 period={"start": "2023-10-07", "end": "2024-01-10"})
    doc = run(ctx, text, "2024-01-10", figures=[fig])
    assert fig.event_id is None and doc.events


def test_protest_and_withdrawal(ctx):
    text = ("Hundreds of people flooded the streets of Jenin on Tuesday evening after the withdrawal of troops "
            "that ended a two-day military operation.\n")
    doc = run(ctx, text, "2023-07-05")
    types = sorted(e.event_type for e in doc.events)
    assert types == ["Battles", "Protests"]
    op = next(e for e in doc.events if e.event_type == "Battles")
    assert (op.date_start, op.date_end) == ("2023-07-03", "2023-07-04")


def test_mirror(ctx):
    a = run(ctx, "Russian forces launched a drone strike on Kharkiv on Monday.\n", "2024-05-08").events
    b = run(ctx, "Ukrainian forces launched a drone strike on Belgorod on Monday.\n", "2024-05-08").events
    assert [e.event_type for e in a] == [e.event_type for e in b] == ["Explosions/Remote violence"]
    assert a[0].actor1 and b[0].actor1 and a[0].actor1 != b[0].actor1
    assert a[0].date_start == b[0].date_start == "2024-05-06"


def test_no_date_without_anchor(ctx):
    doc = run(ctx, "Troops raided the town of Jenin on Monday.\n", None)
    assert doc.events and doc.events[0].date_start is None and doc.events[0].date_precision == "unknown"
