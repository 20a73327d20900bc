"""The side lexicon (data/framing_sides.yaml) is fair: what exists for one side of a conflict exists for the other."""
import re

import pytest

from newsledger import lexicon
from newsledger.analyse.actors import ActorRegistry
from newsledger.analyse.framing import CATEGORIES

SIDES = lexicon.load("framing_sides.yaml", ())
CONFLICTS = sorted(SIDES["conflicts"])
NEUTRAL = SIDES["neutral"]


def category_sets(sides: dict, usage: str) -> dict[str, frozenset]:
    """Each side's label categories (those with at least one term) under ``usage``."""
    return {sid: frozenset(c for c, terms in (side.get(usage) or {}).items() if terms) for sid, side in sides.items()}


def canonical_names() -> set[str]:
    return {e["name"] for e in ActorRegistry.from_data(lexicon.load("actors.yaml", ())).entries}


def test_the_conflicts_the_project_meets_are_all_there():
    assert {"israel_palestine", "israel_lebanon", "israel_yemen", "russia_ukraine", "sudan_saf_rsf", "myanmar",
            "sahel"} <= set(CONFLICTS)


@pytest.mark.parametrize("cid", CONFLICTS)
def test_each_conflict_has_two_sides(cid):
    assert len(SIDES["conflicts"][cid]["sides"]) == 2


@pytest.mark.parametrize("cid", CONFLICTS)
@pytest.mark.parametrize("usage", ["self", "other"])
def test_a_label_category_exists_for_every_side_or_for_none(cid, usage):
    cats = category_sets(SIDES["conflicts"][cid]["sides"], usage)
    assert len(set(cats.values())) == 1, f"{cid} {usage}: {cats}"


@pytest.mark.parametrize("cid", CONFLICTS)
def test_every_side_has_its_own_words_for_itself_the_other_its_dead_and_acts(cid):
    for sid, side in SIDES["conflicts"][cid]["sides"].items():
        for usage in ("self", "other"):
            assert {"actor_label", "victim_term", "act_term"} <= set(side.get(usage) or {}), (cid, sid, usage)


@pytest.mark.parametrize("cid", CONFLICTS)
def test_swap_names_pair_up(cid):
    names = [side.get("swap") or [] for side in SIDES["conflicts"][cid]["sides"].values()]
    assert len(names[0]) == len(names[1])


def test_swap_names_are_given_for_the_main_conflicts_and_used_once():
    names = [n for c in SIDES["conflicts"].values() for side in c["sides"].values() for n in side.get("swap") or []]
    assert len(names) == len(set(names))
    assert all(SIDES["conflicts"][c]["sides"][s].get("swap") for c in ("israel_palestine", "russia_ukraine",
               "sudan_saf_rsf", "myanmar", "sahel") for s in SIDES["conflicts"][c]["sides"])


@pytest.mark.parametrize("cid", CONFLICTS)
def test_victim_and_act_terms_map_to_the_shared_neutral_values(cid):
    for sid, side in SIDES["conflicts"][cid]["sides"].items():
        for usage in ("self", "other"):
            for category in ("victim_term", "act_term"):
                for term, neutral in (side.get(usage, {}).get(category) or {}).items():
                    assert neutral in NEUTRAL[category], (cid, sid, usage, term, neutral)


@pytest.mark.parametrize("cid", CONFLICTS)
def test_actor_labels_map_to_a_canonical_actor_or_a_neutral_group(cid):
    known = canonical_names() | set(NEUTRAL["actor_label"])
    for sid, side in SIDES["conflicts"][cid]["sides"].items():
        assert set(side.get("actors") or []) <= known, (cid, sid)
        for usage in ("self", "other"):
            for term, neutral in (side.get(usage, {}).get("actor_label") or {}).items():
                assert neutral in known, (cid, sid, term, neutral)


def test_both_lexicons_use_only_the_framing_categories():
    generic = lexicon.load("framing.yaml", ())["terms"]
    sided = {c for conflict in SIDES["conflicts"].values() for side in conflict["sides"].values()
             for usage in ("self", "other") for c in side.get(usage) or {}}
    assert set(generic) | sided <= set(CATEGORIES) - {"agency"}


@pytest.mark.parametrize("cid", CONFLICTS)
def test_terms_compile_as_patterns(cid):
    for side in SIDES["conflicts"][cid]["sides"].values():
        for usage in ("self", "other"):
            for terms in (side.get(usage) or {}).values():
                for term in terms:
                    re.compile(term)


def test_the_fairness_check_fails_on_a_lopsided_lexicon():
    lopsided = {"a": {"self": {"actor_label": {"x": "fighters"}, "victim_term": {"y": "killed"}}},
                "b": {"self": {"actor_label": {"z": "fighters"}, "victim_term": {}}}}
    assert category_sets(lopsided, "self") == {"a": frozenset({"actor_label", "victim_term"}),
                                               "b": frozenset({"actor_label"})}
