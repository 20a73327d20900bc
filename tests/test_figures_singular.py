"""Singular victims: one person named with an article, "one" or a pronoun counts 1 (rules singular_victim_*)."""
import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.records import Document


def run(text, published="2024-03-01"):
    doc = Document(doc_id="t", source="t.txt", text=text, published=published)
    return analyse(doc, Context(use_model="rules"), disable=("events",))


def killed(doc):
    return sorted((f.value, f.victims, f.rule) for f in doc.figures if f.measure == "killed")


@pytest.mark.parametrize("text, victims", [
    ("Rebels shot dead a shepherd near the river crossing on Monday.", "shepherd"),
    ("Militiamen assassinated the district governor in the hill town.", "district governor"),
    ("Cartel gunmen shot and killed a schoolteacher outside the market.", "schoolteacher"),
    ("An artillery round struck the ferry, killing a fisherman.", "fisherman"),
])
def test_killed_an_indefinite_person_counts_one(text, victims):
    assert killed(run(text)) == [(1, victims, "singular_victim_object")]


@pytest.mark.parametrize("text, victims", [
    ("A member of the herding community was killed in the clash.", "member"),
    ("The mayor was shot dead outside his office in the provincial capital.", "mayor"),
    ("One guard later died of his wounds.", "guard"),
])
def test_a_person_was_killed_counts_one(text, victims):
    got = killed(run(text))
    assert len(got) == 1 and got[0][:2] == (1, victims)


def test_clipped_report_and_pronoun():
    assert killed(run("Raiders hit the depot; one attacker killed, two wounded.")) == \
        [(1, "attacker", "singular_victim_clipped")]
    assert killed(run("Soldiers opened fire at a cyclist near the bridge, killing him.")) == \
        [(1, "person", "singular_victim_pronoun")]


def test_demonym_alone_is_the_victim():
    assert killed(run("Border guards killed an Armenian in the frontier village.")) == \
        [(1, "Armenian", "singular_victim_object")]


@pytest.mark.parametrize("text, n", [
    ("Bandits killed a trader and his two sons at the cattle market.", 3),
    ("Insurgents killed the village chief and his driver on the northern road.", 2),
    ("Gunmen killed the mayor and three others near the bridge.", 4),
    ("Rebels executed the headman along with 2 persons from his clan.", 3),
    ("Raiders killed a retired teacher and three other villagers.", 4),
])
def test_coordinated_victims_are_added(text, n):
    assert [v for v, _, _ in killed(run(text))] == [n]


def test_a_woman_and_two_children_are_three():
    got = killed(run("A woman and two children were killed when their cart struck a mine in the valley."))
    assert got == [(1, "woman", "singular_victim_subject"), (2, "children", "trigger_after_number")]


def test_wounded_companions_are_not_added():
    d = run("Police killed a soldier and wounded two others at the checkpoint.")
    assert killed(d) == [(1, "soldier", "singular_victim_object")]
    assert [(f.measure, f.value) for f in d.figures if f.measure == "injured"] == [("injured", 2)]


@pytest.mark.parametrize("text", [
    "Students marched against the killing of a classmate by police.",
    "Villagers torched the homes of men accused in the killing of a herder.",
    "Dockers marched in the port against the recent killing of a colleague.",
    "Lorry drivers blocked the highway following the killing of a driver by bandits.",
])
def test_a_protested_killing_is_not_this_events_toll(text):
    assert killed(run(text)) == []


def test_unknown_number_and_complement_are_not_one():
    assert killed(run("An unknown number of fighters were killed in the strike on the ridge.")) == []
    assert killed(run("One of the sons of the mayor was killed in a clash last year.")) == []


def test_number_already_read_is_not_counted_again():
    got = killed(run("Shelling on the depot left eleven villagers dead; one medic died on the way to the clinic."))
    assert sorted(v for v, _, _ in got) == [1, 11]
    assert not any(r.startswith("singular") for _, _, r in got)


def test_same_victim_named_twice_is_one_figure():
    d = run("A farmer was shot dead near the well. Elders said one farmer was killed by the raiders.")
    assert [f.value for f in d.figures if f.measure == "killed"] == [1]


def test_sentence_after_a_month_name_keeps_its_count():
    d = run("Herders and farmers fought near the lake on 3 August. One killed.")
    assert [(f.measure, f.value) for f in d.figures] == [("killed", 1)]


def test_deaths_up_to_a_date_are_a_tally():
    d = run("The health ministry reported 2,310 deaths up to 14 May. Shelling killed four people on Friday.")
    by_value = {f.value: f for f in d.figures if f.measure == "killed"}
    assert by_value[2310].period is not None
    assert by_value[4].period is None


def test_label_numbers_are_not_counts():
    d = run("The convoy was hit near checkpoint 2, and the driver was killed.")
    assert killed(d) == [(1, "driver", "singular_victim_subject")]


@pytest.mark.parametrize("text, n", [
    ("The death toll was estimated at 40 by the district clinic.", 40),
    ("Fatalities recorded as 7 after the ambush on the salt road.", 7),
])
def test_a_toll_stated_as_a_number(text, n):
    assert [(f.measure, f.value) for f in run(text).figures] == [("killed", n)]


@pytest.mark.parametrize("text, n", [
    ("Troops fired on marchers in the square, killing one and injuring several others.", 1),
    ("Sappers' mine blows up a tractor, kills six", 6),
    ("Militia killed one Frisian and wounded 4.", 1),
])
def test_a_bare_count_after_a_kill_verb(text, n):
    assert [f.value for f in run(text).figures if f.measure == "killed"] == [n]


def test_a_count_listed_after_a_verb_read_count_shares_the_verb():
    d = run("Rebels ambushed the convoy, killing 3 soldiers and 2 civilians.")
    assert sorted((f.value, f.victims, f.rule) for f in d.figures) == [
        (2, "civilians", "coordinated_with_previous"), (3, "soldiers", "trigger_before_number")]
    d = run("Rebels killed 3 soldiers and injured 2 civilians.")
    assert sorted((f.measure, f.value) for f in d.figures) == [("injured", 2), ("killed", 3)]


def test_a_number_closing_a_parenthesis_is_a_label():
    d = run("The strike (mapped at level 3) killed fifteen fighters.")
    assert [(f.measure, f.value) for f in d.figures] == [("killed", 15)]


@pytest.mark.parametrize("text", [
    "Porters marched against the deaths of four colleagues in the quarry.",
    "A mob beat a prisoner accused of murdering two traders.",
])
def test_deaths_protested_or_charged_are_not_counted(text):
    assert [f.value for f in run(text).figures if f.measure == "killed" and f.value != 1] == []


def test_companions_after_a_complement():
    assert [v for v, _, _ in killed(run("Rebels executed the headman of the valley along with 2 persons."))] == [3]


def test_killing_after_an_attack_is_still_counted():
    assert [f.value for f in run("The raiders fled after killing three guards.").figures] == [3]


def test_companions_are_not_read_again_as_wounded():
    d = run("Raiders attacked a chapel and killed a retired pastor and three other worshippers, and wounded two others.")
    assert sorted((f.measure, f.value) for f in d.figures) == [("injured", 2), ("killed", 4)]
