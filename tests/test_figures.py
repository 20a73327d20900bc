"""Figures: numbers, qualifiers, measures, victims, claimant, period; both analysis paths."""
import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.records import Document


def run(text, mode="rules", published="2024-03-01"):
    doc = Document(doc_id="t", source="t.txt", text=text, published=published)
    return analyse(doc, Context(use_model=mode), disable=("events",))


def figs(doc):
    return {(f.measure, f.value if f.value is not None else f.low, f.qualifier) for f in doc.figures}


def test_digits_words_and_qualifiers():
    d = run("Troops raided the town on Monday, killing at least five people and injuring over a dozen.")
    assert ("killed", 5, "at_least") in figs(d)
    inj = [f for f in d.figures if f.measure == "injured"][0]
    assert inj.low == 13 and inj.qualifier == "more_than"


def test_vague_counts_and_loaded_verbs():
    d = run("At least eight people were martyred and dozens were injured in the raid.")
    assert ("killed", 8, "at_least") in figs(d)
    assert ("injured", 24, "vague") in figs(d)


def test_nominal_triggers_and_critical_condition():
    d = run("The raid resulted in the killing of 12 villagers and the wounding of about 120 others, "
            "20 of whom were in a critical condition, according to the regional health ministry.")
    got = figs(d)
    assert ("killed", 12, "exact") in got and ("injured", 120, "about") in got
    assert ("critically_injured", 20, "exact") in got
    assert all(f.claimant != "unattributed" for f in d.figures)


def test_according_to_claimant_and_period():
    d = run("According to the Ukrainian Health Ministry, 1,204 civilians have been killed since the start of the war.")
    f = d.figures[0]
    assert f.value == 1204 and f.victims == "civilians"
    assert f.claimant == "Ministry of Health of Ukraine"
    assert f.period is not None and f.period["end"] == "2024-03-01"


def test_not_figures_ages_years_days_weapons_percent():
    d = run("The 48-hour operation in 2023 used 40 missiles and 400 drones; 80 percent of homes were hit. "
            "Sergeant Ali Omar, 23, was shot during the withdrawal.")
    assert d.figures == []


def test_repeated_mention_is_one_figure():
    d = run("Five people were killed in the strike. Officials later repeated that five people were killed.")
    assert len([f for f in d.figures if f.measure == "killed"]) == 1


def test_evidence_and_ids_point_at_text():
    text = "Police said 30 protesters were arrested in the capital."
    d = run(text)
    f = d.figures[0]
    assert f.measure == "arrested" and f.evidence.text == text[f.evidence.start:f.evidence.end]
    assert run(text).figures[0].figure_id == f.figure_id


@pytest.mark.parametrize("a,b", [("Israeli", "Palestinian"), ("Russian", "Ukrainian")])
def test_mirror_sentence_gives_mirrored_figure(a, b):
    t = "At least {x} soldiers were killed and 14 were wounded, the {y} Health Ministry said."
    da, db = run(t.format(x=3, y=a)), run(t.format(x=3, y=b))
    fa, fb = da.figures[0], db.figures[0]
    assert (fa.measure, fa.low, fa.victims) == (fb.measure, fb.low, fb.victims)
    assert fa.claimant.startswith("Ministry of Health of") and fb.claimant.startswith("Ministry of Health of")
    assert fa.claimant != fb.claimant


def test_spacy_path_gives_same_figures():
    ctx = Context()
    if ctx.nlp is None:
        pytest.skip("no spaCy model installed")
    t = "At least eight people were killed and dozens were injured, the ministry said."
    assert figs(run(t, mode="auto")) == figs(run(t))
