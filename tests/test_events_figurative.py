"""War words used of words, politics and markets make no event; the same words with something physical do.

Invented sentences about invented politicians and real towns of other countries (rules figurative_use,
physical_evidence and the first-sentences limit of a report that names no event word)."""
import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.analyse.events import figurative, lex, physical
from newsledger.records import Document


@pytest.fixture(params=["rules", "auto"], scope="module")
def ctx(request):
    return Context(use_model=request.param)


def events(ctx, text, published="2025-05-20"):
    return analyse(Document("d1", "t.txt", text, published=published), ctx).events


@pytest.mark.parametrize("sentence", [
    "Senator Halvorsen toned down his attacks on Governor Brandt during the televised debate on Tuesday.",
    "The mayor attacked her rival's record on housing at a breakfast in Tromso.",
    "Ms. Ferreira fields most attacks from rivals in the forum.",
    "The court struck down a restrictive voting law on Monday.",
    "The party lost its court battle over the new election rules in Porto.",
    "Mr. Okafor is locked in a nomination battle against Sen. Dalia Pike.",
    "Critics called the minister's charm offensive a failure.",
    "Opposition leaders said the remarks were deeply offensive to farmers.",
    "Polls show a dead heat between the two candidates in Braga.",
    "Stocks rallied in Lisbon after the central bank held rates.",
    "The two candidates clashed over immigration during the debate in Aveiro.",
    "The governor has not demonstrated the temperament the office needs.",
    "Traders expect a relief rally on Wall Street once the vote in Oslo is over.",
    "The minister said it was a day for celebration in Tampere as the bridge opened.",
])
def test_figurative_war_words_make_no_event(ctx, sentence):
    assert events(ctx, sentence) == []


@pytest.mark.parametrize("sentence, want", [
    ("Gunmen attacked a village near Kaduna on Monday, killing three farmers.", "Violence against civilians"),
    ("Rebels attacked an army checkpoint outside Goma on Sunday.", "Battles"),
    ("Fighters stormed a police station in Kidal on Friday.", "Battles"),
    ("Students gathered to demonstrate in Kampala against the new fees on Monday.", "Protests"),
    ("Thousands of nurses rallied in Accra on Monday to demand higher pay.", "Protests"),
    ("Fans celebrated in the streets of Lusaka on Sunday, then marched to the stadium.", "Protests"),
    ("Troops clashed with militants near Mopti on Saturday.", "Battles"),
])
def test_the_same_words_with_something_physical_make_an_event(ctx, sentence, want):
    assert [e.event_type for e in events(ctx, sentence)] == [want]


def test_the_rules_read_around_the_trigger(ctx):
    L = lex(ctx)
    s = "Party leaders hope he will tone down his attacks against the governor."
    a = s.index("attacks")
    assert figurative(L, s, a, a + 7)
    assert not physical(L, s, a, a + 7)
    s2 = "Gunmen carried out attacks against the convoy."
    a2 = s2.index("attacks")
    assert not figurative(L, s2, a2, a2 + 7) and physical(L, s2, a2, a2 + 7)


def test_a_long_report_naming_no_event_word_has_no_event_from_its_ninth_sentence(ctx):
    body = " ".join(f"The council in Tromso met again on day {i} to discuss the harbour budget." for i in range(1, 9))
    late = body + " In an unrelated matter, a man was stabbed by a neighbour in a dispute over a fence."
    assert events(ctx, late) == []
    short = "A trader was stabbed by a neighbour in a market in Gulu on Monday."
    assert [e.event_type for e in events(ctx, short)] == ["Violence against civilians"]
