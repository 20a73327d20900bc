"""Outlets found in the text when no metadata names one (invented stories)."""
import json

import pytest

from newsledger.analyse import analyse, outlets
from newsledger.analyse.context import Context
from newsledger.export import export
from newsledger.pipeline import ingest
from newsledger.records import Document
from newsledger.store import Store

CTX = Context(use_model="rules")


def detect(text, outlet=None):
    return outlets.detect(Document(doc_id="t", source="t.txt", text=text, outlet=outlet), CTX)


@pytest.mark.parametrize("text, outlet, basis", [
    ("Ferry service resumes\n\nPORT MARLOW, Westland (Reuters) — Ferries crossed the strait again on Monday.",
     "Reuters", "wire_dateline"),
    ("(CNN) — Two bridges over the river reopened after repairs, officials said.", "CNN", "wire_dateline"),
    ("Mar 3 (AP) - Floodwater receded from the lower town overnight.", "Associated Press", "wire_dateline"),
    ("Harvest delayed in the hills\nBy Lena Voss, Reuters\n\nFarmers said rain kept them from the fields.",
     "Reuters", "byline"),
    ("Farmers said rain kept them from the fields.\n\n© 2025 Reuters. All rights reserved.", "Reuters", "credit_line"),
    ("Crowds gathered at the harbour, Al Jazeera's correspondent in the port city said.", "Al Jazeera",
     "staff_correspondent"),
    ("Read the full timeline at https://www.bbc.co.uk/news/world-12345 for more.", "BBC", "site_in_text"),
    ("A ferry captain told CNN the crossing took twice as long as usual.", "CNN", "told_outlet"),
])
def test_outlet_rules(text, outlet, basis):
    assert detect(text) == (outlet, basis)


def test_metadata_wins_and_nothing_is_invented():
    assert detect("(CNN) — Bridges reopened.", outlet="Harbour Post") == ("Harbour Post", "metadata")
    assert detect("Farmers said rain kept them from the fields. Share on facebook.com") == (None, "none")
    assert detect("By Lena Voss, Staff Writer\n\nFarmers said rain kept them from the fields.") == (None, "none")
    # two outlets interviewed: neither is the publisher
    assert detect("A captain told CNN the crossing was slow. A pilot told Reuters it was calm.") == (None, "none")


def test_detected_outlet_speaks_for_unattributed_figures():
    text = "HARBOURTON (Reuters) — Shelling killed four people in the market on Tuesday."
    d = analyse(Document(doc_id="t", source="t.txt", text=text, published="2025-03-04"), CTX, disable=("events",))
    assert (d.outlet, d.outlet_basis) == ("Reuters", "wire_dateline")
    assert [(f.measure, f.value, f.claimant) for f in d.figures] == [("killed", 4, "Reuters")]


def test_how_the_outlet_was_found_is_stored_and_exported(tmp_path):
    art = tmp_path / "ferry.txt"
    art.write_text("date 2025-03-04\n\nFerry service resumes\n\nPORT MARLOW, Westland (Reuters) — Ferries crossed "
                   "the strait again on Monday after a week of storms, the port authority said.\n", encoding="utf-8")
    plain = tmp_path / "harvest.txt"
    plain.write_text("date 2025-03-04\n\nHarvest delayed\n\nFarmers in the hill districts said on Monday that rain "
                     "had kept them from the fields for a second week.\n", encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'l.db'}")
    ingest([str(art), str(plain)], store, Context(use_model="rules"))
    out = tmp_path / "l.jsonl"
    export(store, "jsonl", str(out))
    docs = {r["source"].rsplit("/", 1)[-1]: r for r in map(json.loads, out.read_text().splitlines())
            if r["kind"] == "document"}
    assert (docs["ferry.txt"]["outlet"], docs["ferry.txt"]["outlet_basis"]) == ("Reuters", "wire_dateline")
    assert (docs["harvest.txt"]["outlet"], docs["harvest.txt"]["outlet_basis"]) == (None, "none")
