"""Reconciled counts: victim groups, interval conflicts, outlets reporting two numbers (invented reports)."""
from newsledger.reconcile.counts import interval, reconcile_measure, victim_group


def fig(fid, claimant, value=None, low=None, high=None, qualifier="exact", victims="people", doc="A"):
    return {"figure_id": fid, "doc_id": doc, "measure": "killed", "value": value, "low": low, "high": high,
            "qualifier": qualifier, "victims": victims, "claimant": claimant, "period": None}


DOCS = {"A": {"outlet": "Harbour Post", "published": "2025-05-02", "source": "in/a.txt"},
        "B": {"outlet": "Valley Wire", "published": "2025-05-02", "source": "in/b.txt"},
        "C": {"outlet": None, "published": "2025-05-02", "source": "in/c.txt"}}


def test_victim_groups():
    assert victim_group("people")[0] == "total" and victim_group("others")[0] == "total"
    assert victim_group("Borduvian soldiers")[:2] == ("security forces", "Borduvian")
    assert victim_group("rebel fighters")[0] == "fighters"
    assert victim_group("Kestrians")[:2] == ("nationality", "Kestrian")
    assert victim_group("Kestrian citizen")[:2] == ("nationality", "Kestrian")
    assert victim_group("children")[0] == "children" and victim_group("gunmen")[0] == "perpetrators"
    assert victim_group("civilians")[0] == "civilians"


def test_qualifiers_are_intervals():
    assert interval(fig("x", "a", value=5, low=5, qualifier="at_least")) == (5, float("inf"))
    assert interval(fig("x", "a", value=200, qualifier="nearly")) == (180, 200)
    assert interval(fig("x", "a", high=80, qualifier="up_to")) == (0, 80)
    assert interval(fig("x", "a", value=40, qualifier="about")) == (36, 44)


def test_a_total_and_its_subgroups_are_consistent_not_a_conflict():
    # a shooting: 1 Kestrian citizen, at least 4 Borduvians, at least 6 people, 3 attackers
    figs = [fig("f1", "unattributed", 1, 1, 1, victims="Kestrian citizen"),
            fig("f2", "unattributed", 4, 4, None, "at_least", victims="Borduvians"),
            fig("f3", "unattributed", 6, 6, None, "at_least", victims="people"),
            fig("f4", "unattributed", 3, 3, 3, victims="gunmen")]
    r = reconcile_measure(figs, DOCS)
    assert (r["best"], r["conflict"], r["consistent"], r["group"]) == (6, False, True, "people")
    assert set(r["groups"]) == {"people", "Kestrian nationals", "Borduvian nationals", "perpetrators"}


def test_subgroups_exceeding_an_exact_total_are_inconsistent():
    r = reconcile_measure([fig("f1", "Health Office", 5), fig("f2", "Health Office", 4, victims="civilians"),
                           fig("f3", "Health Office", 3, victims="Borduvian soldiers")], DOCS)
    assert (r["best"], r["conflict"], r["consistent"]) == (5, False, False)


def test_at_least_five_against_four_is_a_conflict():
    r = reconcile_measure([fig("f1", "local officials", 5, 5, None, "at_least"),
                           fig("f2", "provincial governor", 4, doc="B")], DOCS)
    assert r["conflict"] is True and r["disputes"] == [["local officials", "provincial governor"]]
    assert "claimants disagree" in r["summary"]
    # "at least 8" beside 12 is no disagreement
    r = reconcile_measure([fig("f1", "local officials", 8, 8, None, "at_least"),
                           fig("f2", "provincial governor", 12, doc="B")], DOCS)
    assert r["conflict"] is False


def test_twelve_twelve_and_an_unattributed_eleven_is_shown_as_exactly_that():
    figs = [fig("f1", "Health Office", 12, doc="A"), fig("f2", "Red Crescent", 12, doc="B"),
            fig("f3", "Health Office", 12, doc="C"), fig("f4", "unattributed", 11, doc="C")]
    r = reconcile_measure(figs, DOCS)
    assert (r["low"], r["best"], r["high"], r["conflict"]) == (11, 12, 12, False)
    assert r["by_claimant"] == {"Health Office": 12, "Red Crescent": 12, "unattributed (c.txt)": 11}
    assert r["summary"] == ("people: Health Office: 12; Red Crescent: 12; unattributed (c.txt): 11; "
                            "the same report attributes another number to Health Office")


def test_an_outlet_reporting_two_numbers_itself():
    r = reconcile_measure([fig("f1", "Harbour Post", 12), fig("f2", "Harbour Post", 11),
                           fig("f3", "Health Office", 12, doc="B")], DOCS)
    assert r["claimant_values"] == {"Harbour Post": [11, 12]} and r["conflict"] is False
    assert "Harbour Post (in its own words): 11 and 12; one report gives two numbers" in r["summary"]


def test_disjoint_groups_without_a_total_are_summed():
    r = reconcile_measure([fig("f1", "army", 2, victims="Borduvian soldiers"),
                           fig("f2", "army", 3, victims="rebel fighters")], DOCS)
    assert (r["best"], r["group"]) == (5, "sum of groups")
    assert r["by_claimant"] == {"army": 5}


def test_rioters_and_drivers_are_civilians_summed_with_police():
    from newsledger.reconcile.counts import reconcile_measure, victim_group
    assert victim_group("rioters")[0] == "civilians" and victim_group("driver")[0] == "civilians"
    figs = [{"figure_id": "a", "doc_id": "d", "measure": "killed", "value": 3, "low": 3, "high": 3,
             "qualifier": "exact", "victims": "rioters", "claimant": "unattributed"},
            {"figure_id": "b", "doc_id": "d", "measure": "killed", "value": 1, "low": 1, "high": 1,
             "qualifier": "exact", "victims": "police officer", "claimant": "unattributed"}]
    assert reconcile_measure(figs, {"d": {"outlet": "Harbour Herald"}})["best"] == 4
