"""Framing: loaded labels are kept as evidence, canonical values stay neutral, both sides alike."""
from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.records import Document


def run(text):
    return analyse(Document(doc_id="t", source="t.txt", text=text), Context(use_model="rules"), disable=("events",))


def test_actor_label_kept_as_framing_with_neutral_canonical():
    d = run("The IOF stormed the camp at dawn.")
    f = [x for x in d.framing if x.category == "actor_label"][0]
    assert f.term == "IOF" and f.neutral == "Military Forces of Israel"
    assert f.evidence.text == "IOF"


def test_labels_on_both_sides_are_recorded_alike():
    a = run("The Kyiv regime shelled the town.")
    b = run("The orcs shelled the town.")
    assert [x.neutral for x in a.framing] == ["Government of Ukraine"]
    assert [x.neutral for x in b.framing] == ["Military Forces of Russia"]


def test_casualty_verb_label():
    d = run("Three men were martyred in the strike.")
    assert any(x.term == "martyred" and x.neutral == "killed" and x.category == "casualty_verb" for x in d.framing)
