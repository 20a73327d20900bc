"""Temporal resolution: each pattern on short hand-written fixtures."""
import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.analyse.dates import resolve_text
from newsledger.records import Document


def one(text, published):
    ms, _, _ = resolve_text(text, published)
    assert ms, text
    m = ms[0]
    return m.date_start, m.date_end, m.kind


@pytest.mark.parametrize("text,pub,want", [
    # weekday: most recent on or before publication (2023-07-06 is a Thursday)
    ("On Monday, troops entered the town.", "2023-07-06", ("2023-07-03", "2023-07-03", "point")),
    ("Shells fell on Thursday.", "2023-07-06", ("2023-07-06", "2023-07-06", "point")),
    ("They left on Tuesday evening.", "2023-07-06", ("2023-07-04", "2023-07-04", "point")),
    ("A statement came early Wednesday.", "2023-07-06", ("2023-07-05", "2023-07-05", "point")),
    ("Talks resume next Monday.", "2023-07-06", ("2023-07-10", "2023-07-10", "point")),
    ("He spoke last Thursday.", "2023-07-06", ("2023-06-29", "2023-06-29", "point")),
    # weekday across a month and a year boundary (2024-01-02 is a Tuesday)
    ("The strike on Saturday killed two.", "2024-01-02", ("2023-12-30", "2023-12-30", "point")),
    ("Drones were launched overnight Saturday.", "2026-02-08", ("2026-02-06", "2026-02-07", "range")),
    ("Officials said yesterday that it ended.", "2023-07-06", ("2023-07-05", "2023-07-05", "point")),
    ("It was announced this morning.", "2023-07-06", ("2023-07-06", "2023-07-06", "point")),
    ("Fighting went on last week.", "2023-07-12", ("2023-07-03", "2023-07-09", "range")),
    # month-day without year: the most recent not after publication (year boundary)
    ("The raid on 17 November left five dead.", "2024-01-05", ("2023-11-17", "2023-11-17", "point")),
    ("The raid on December 30 left five dead.", "2024-01-02", ("2023-12-30", "2023-12-30", "point")),
    ("It was on June 19 this year.", "2023-11-17", ("2023-06-19", "2023-06-19", "point")),
    ("Since October 7, many have died in Gaza.", "2024-04-24", ("2023-10-07", "2024-04-24", "since")),
    ("Since March 2022, raids have been regular.", "2023-11-17", ("2022-03-01", "2023-11-17", "since")),
    ("In Kyiv on Tuesday, Feb. 3, 2026, he spoke.", "2026-02-08", ("2026-02-03", "2026-02-03", "point")),
    ("Militias fought there in 2016.", "2024-07-16", ("2016-01-01", "2016-12-31", "point")),
    ("Over the past 24 hours, strikes continued.", "2026-02-03", ("2026-02-02", "2026-02-03", "range")),
    ("Attacks came late on Feb. 8 into early Feb. 9.", "2026-02-10", ("2026-02-08", "2026-02-09", "range")),
])
def test_patterns(text, pub, want):
    assert one(text, pub) == want


def test_duration_ends_at_the_other_date_in_the_sentence():
    ms, _, _ = resolve_text("The convoy left on Tuesday evening after a two-day siege.", "2023-07-06")
    dur = next(m for m in ms if m.text == "two-day")
    assert (dur.date_start, dur.date_end, dur.kind) == ("2023-07-03", "2023-07-04", "range")
    ms, _, _ = resolve_text("The 48-hour onslaught is over.", "2023-07-05")
    assert (ms[0].date_start, ms[0].date_end) == ("2023-07-04", "2023-07-05")


def test_following_day():
    ms, _, _ = resolve_text("The shelling started on Thursday evening and continued into the following day.", "2023-11-18")
    assert [m.date_start for m in ms] == ["2023-11-16", "2023-11-17"]


def test_no_publication_date_leaves_relative_dates_null():
    ms, anchor, _ = resolve_text("Troops entered on Monday.", None)
    assert anchor is None and ms[0].date_start is None


@pytest.mark.parametrize("use_model", ["rules", "auto"])
def test_component_infers_publication_from_full_dates(use_model):
    doc = Document("x", "t.txt", "Fighting broke out on July 3, 2023. On Monday troops entered the camp.")
    analyse(doc, Context(use_model=use_model), disable=("places", "actors", "figures", "claims", "events", "framing"))
    assert doc.published == "2023-07-03" and doc.published_basis == "inferred"
    assert [d.date_start for d in doc.dates] == ["2023-07-03", "2023-07-03"]


def test_reference_from_landmark_bound():
    text = "Raids on Gaza have not stopped since October 7. A raid on 17 November killed five. Another on June 19 this year."
    ms, anchor, basis = resolve_text(text, None)
    assert basis == "bound" and anchor.isoformat() == "2023-11-17"
    assert [m.date_start for m in ms if m.kind == "point"] == ["2023-11-17", "2023-06-19"]


def test_header_contradiction_is_flagged():
    doc = Document("x", "t.txt", "The agreement signed on March 3, 2019 and the talks of May 1, 2019.",
                   published="2026-02-10", published_basis="header")
    analyse(doc, Context(use_model="rules"), disable=("places", "actors", "figures", "claims", "events", "framing"))
    assert doc.warnings and "2026-02-10" in doc.warnings[0]
    ok = Document("y", "t.txt", "The agreement signed on March 3, 2026.", published="2026-03-05")
    analyse(ok, Context(use_model="rules"), disable=("places", "actors", "figures", "claims", "events", "framing"))
    assert ok.warnings == []


def test_a_yearless_day_shortly_after_the_anchor_is_that_coming_day():
    ms, _, _ = resolve_text("Talks are due to resume on 20 November.", "2023-11-09")
    assert ms[0].date_start == "2023-11-20"
    ms, _, _ = resolve_text("The dam was inaugurated on 20 December.", "2023-11-09")
    assert ms[0].date_start == "2022-12-20"


@pytest.mark.parametrize("text,pub,want", [
    # a range of days written once with its month ("14-16 March", "March 14-16, 2021", "between 3 and 5 May")
    ("Between 14-16 March, raiders looted two depots near Tessit.", "2021-03-18", ("2021-03-14", "2021-03-16", "range")),
    ("Raiders looted two depots on 14 - 16 March 2019.", "2021-03-18", ("2019-03-14", "2019-03-16", "range")),
    ("Raiders looted two depots on March 14-16, 2019.", "2021-03-18", ("2019-03-14", "2019-03-16", "range")),
    ("Fighting went on between 3 and 5 May around the airfield.", "2021-05-09", ("2021-05-03", "2021-05-05", "range")),
])
def test_day_ranges(text, pub, want):
    assert one(text, pub) == want


def test_a_day_and_month_naming_a_place_is_no_date():
    ms, _, _ = resolve_text("On 9 May, marchers filled 26 March Square and the 1st November stadium in the capital.",
                            "2022-05-11")
    assert [(m.text, m.date_start) for m in ms] == [("9 May", "2022-05-09")]


def test_a_counted_range_is_not_a_day_range():
    ms, _, _ = resolve_text("On 2 June, 20-25 gunmen on motorbikes raided the market.", "2022-06-04")
    assert [(m.text, m.date_start, m.kind) for m in ms] == [("2 June", "2022-06-02", "point")]


def test_a_date_in_brackets_is_an_aside_to_the_date_outside():
    text = "Around 12 April 2022 (between 11-13 April), gunmen burned the granaries of a village near Dori."
    doc = analyse(Document("d", "t.txt", text, published="2022-04-15"), Context(use_model="rules"))
    assert [(e.date_start, e.date_end) for e in doc.events] == [("2022-04-12", "2022-04-12")]
