"""Undated reports get weekday dates from the events dated documents report."""
from __future__ import annotations

from newsledger.reconcile.anchor import anchored, nearest_weekday
from newsledger.reconcile.merge import Cluster


def mention(mid, doc, start=None, text="", end=None):
    return {"event_id": mid, "doc_ids": [doc], "date_start": start, "date_end": end or start,
            "evidence": [{"doc_id": doc, "start": 0, "end": len(text), "text": text}]}


def test_nearest_weekday_around_an_anchor():
    assert nearest_weekday("Tuesday", "2024-03-04", "2024-03-04") == "2024-03-05"   # a Monday anchor
    assert nearest_weekday("Sunday", "2024-03-04", "2024-03-05") == "2024-03-03"
    assert nearest_weekday("friday", "2024-03-01", "2024-03-01") == "2024-03-01"


def test_undated_mentions_of_an_anchored_document_get_dates():
    ms = {m["event_id"]: m for m in [
        mention("a", "dated", "2024-03-04", "Troops entered the town on Monday."),
        mention("b", "undated", None, "The operation in the town ended."),
        mention("c", "undated", None, "Crowds gathered in the square on Tuesday evening."),
        mention("d", "undated", None, "A rally was held, organisers said."),
        mention("e", "other", None, "Residents marched on Tuesday."),
    ]}
    clusters = [Cluster("E1", ["a", "b"]), Cluster("E2", ["c"]), Cluster("E3", ["d"]), Cluster("E4", ["e"])]
    out = anchored(clusters, ms)
    assert set(out) == {"c"}                       # no weekday in d; e's document has no anchor
    assert out["c"]["date_start"] == "2024-03-05" and out["c"]["date_basis"] == "anchored"
    assert out["c"]["date_anchor"] == "E1"
    assert ms["c"]["date_start"] is None           # the stored mention is not changed
