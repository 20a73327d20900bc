"""Framing: loaded labels are kept as evidence, canonical values stay neutral, both sides alike."""
from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.analyse.framing import CATEGORIES, RULES
from newsledger.records import Document


def run(text):
    return analyse(Document(doc_id="t", source="t.txt", text=text), Context(use_model="rules"), disable=("events",))


def by_category(doc, category):
    return [(f.term, f.neutral, f.side, f.rule) for f in doc.framing if f.category == category]


def test_actor_label_kept_as_framing_with_neutral_canonical():
    d = run("The IOF stormed the camp at dawn.")
    f = [x for x in d.framing if x.category == "actor_label"][0]
    assert f.term == "IOF" and f.neutral == "Military Forces of Israel"
    assert f.evidence.text == "IOF"
    assert (f.side, f.usage, f.rule) == ("israel", "other", "registry_label")
    assert f.conflict is None              # Israel's forces fight on several fronts; this text names none


def test_the_front_comes_from_the_other_party_named():
    gaza = [f for f in run("The IOF said Hamas fired rockets.").framing if f.term == "IOF"][0]
    lebanon = [f for f in run("The IOF said Hezbollah fired rockets.").framing if f.term == "IOF"][0]
    assert (gaza.conflict, gaza.side) == ("israel_palestine", "israel")
    assert (lebanon.conflict, lebanon.side) == ("israel_lebanon", "israel")


def test_labels_on_both_sides_are_recorded_alike():
    a = run("The Kyiv regime shelled the town.")
    b = run("The orcs shelled the town.")
    assert [(x.neutral, x.side) for x in a.framing if x.category == "actor_label"] == [("Government of Ukraine", "ukraine")]
    assert [(x.neutral, x.side) for x in b.framing if x.category == "actor_label"] == [("Military Forces of Russia", "russia")]


def test_victim_term_of_one_side_for_its_own_dead():
    d = run("Three fighters of Hamas were martyred in the shelling near Rafah.")
    assert ("martyred", "killed", "palestine", "side_lexicon") in by_category(d, "victim_term")


def test_side_of_a_shared_term_comes_from_the_conflict_the_article_is_about():
    d = run("Ukrainian officials said Russian forces fired on the temporarily occupied territories around Melitopol.")
    f = [x for x in d.framing if x.category == "place_label"][0]
    assert (f.term, f.neutral, f.side, f.usage) == ("temporarily occupied territories", "Russian-occupied Ukraine",
                                                    "ukraine", "self")


def test_a_term_without_its_conflict_in_the_article_has_no_side():
    d = run("Police said terrorists planted the device near the stadium in Lisbon.")
    f = [x for x in d.framing if x.term == "terrorists"][0]
    assert f.category == "actor_label" and f.side is None and f.neutral == "armed group members"


def test_agentless_passive_and_intransitive_deaths():
    d = run("Four villagers were killed on Sunday. Two more died in hospital.")
    assert [(t, n, r) for t, n, _, r in by_category(d, "agency")] == [
        ("were killed", "agentless", "agency_passive"), ("died", "agentless", "agency_intransitive")]


def test_passive_with_agent_names_the_perpetrator_side():
    d = run("Two farmers were shot dead by the Rapid Support Forces near El Obeid.")
    assert by_category(d, "agency") == [("were shot dead", "passive_agent", "rsf", "agency_passive")]


def test_active_verb_with_perpetrator_named():
    d = run("The Sudanese Armed Forces killed twelve people in a market near Kosti.")
    assert by_category(d, "agency") == [("Sudanese Armed Forces killed", "active", "saf", "agency_active")]


def test_a_headline_reduced_passive_is_not_an_active_verb():
    d = run("Three Wagner Group fighters killed in ambush near Kidal.")
    assert [x for x in d.framing if x.rule == "agency_active"] == []


def test_event_as_subject_is_its_own_agency_value():
    d = run("A drone strike killed five people in the village.")
    assert [(t, n) for t, n, _, _ in by_category(d, "agency")] == [("drone strike killed", "event_subject")]


def test_every_record_names_a_registered_rule():
    d = run("The orcs shelled Kharkiv; two people were killed and the Zionist entity condemned the massacre.")
    assert d.framing and {f.rule for f in d.framing} <= set(RULES)
    assert {f.category for f in d.framing} <= set(CATEGORIES)
