"""Boilerplate removal, titles, language and listing-page segmentation."""
from __future__ import annotations

from fixtures import ARTICLE, FRENCH, LISTING

from newsledger.clean import clean, split_title_outlet
from newsledger.clean.segments import is_headline
from newsledger.ids import doc_id_for
from newsledger.ingest.txt_reader import split_header
from newsledger.records import RawDocument


def cleaned(text: str, **kw):
    body, published, basis = split_header(text)
    return clean(RawDocument(source="t.txt", text=body, published=published, published_basis=basis, **kw))


def test_boilerplate_lines_are_removed_and_paragraphs_kept():
    doc = cleaned(ARTICLE)
    assert "Skip to content" not in doc.text and "Related Articles" not in doc.text
    assert "\n\n" in doc.text


def test_trailing_signup_box_is_cut():
    text = ARTICLE.replace("Skip to content\nRelated Articles\n", "") + (
        "\nSign Up To Our Daily Digest\n\nGet the news in your inbox every morning before it is too late.\n")
    doc = cleaned(text)
    assert "Daily Digest" not in doc.text and "inbox" not in doc.text
    assert doc.text.rstrip().endswith("closed.")


def test_listing_page_is_split_into_segments_with_titles():
    doc = cleaned(LISTING)
    assert len(doc.segments) == 4
    assert doc.segments[0].title == "Storm Damage Reported Across Coastal District"
    for seg in doc.segments:
        assert doc.text[seg.start:seg.end].startswith(seg.title)
    assert doc.segments[-1].end == len(doc.text)


def test_plain_article_is_one_segment():
    doc = cleaned(ARTICLE)
    assert len(doc.segments) == 1 and doc.segments[0].start == 0 and doc.segments[0].end == len(doc.text)


def test_headline_shapes():
    assert is_headline("Ministers Meet To Discuss Reconstruction Budget")
    assert not is_headline("Ministers met on Tuesday to discuss the budget.")
    assert not is_headline("Hamas in a dual battle over the talks")


def test_title_suffix_names_the_outlet():
    assert split_title_outlet("Troops withdraw from border town after talks : NPR") == (
        "Troops withdraw from border town after talks", "NPR")
    assert split_title_outlet("Short - X") == ("Short - X", None)


def test_non_english_text_is_kept_with_a_warning():
    doc = cleaned(FRENCH)
    assert doc.language == "fr" and "not analysed" in doc.warnings[0]
    assert cleaned(ARTICLE).warnings == []


def test_doc_id_is_stable_and_whitespace_insensitive():
    assert doc_id_for("A  b\nc") == doc_id_for("a b c")
    assert cleaned(ARTICLE).doc_id == cleaned(ARTICLE).doc_id


def test_lines_repeated_across_an_outlets_pages_are_dropped():
    from newsledger.pipeline import clean_batch

    menu = "Home | World | Business | Sport | Weather"
    bodies = ["Rain closed the mountain pass on Monday, the roads agency said.",
              "The central bank kept its main rate unchanged on Tuesday, officials said.",
              "Firefighters contained a warehouse blaze overnight, the fire service said.",
              "The national team won its qualifier on Wednesday, the federation said."]
    raws = [RawDocument(source=f"p{i}.html", text=f"{menu}\n\n{b}\n\n{menu}", outlet="Example Times")
            for i, b in enumerate(bodies)]
    raws.append(RawDocument(source="other.txt", text=f"{menu}\n\n{bodies[0]} Another outlet.", outlet="Other"))
    docs = clean_batch(raws)
    for d in docs[:4]:
        assert menu not in d.text and d.text.endswith("said.")
    assert menu in docs[4].text                 # one page of another outlet: nothing to compare with


def test_a_story_has_one_id_whether_it_arrives_alone_or_with_its_outlets_pages():
    from newsledger.pipeline import clean_batch

    menu = "Home | Region | Economy | Culture | Opinion"
    bodies = ["The harbour authority reopened the northern pier on Monday after repairs, officials said.",
              "Farmers in the delta reported an early rice harvest this week, the cooperative said.",
              "A new ferry line will link the two islands from June, the transport office said."]
    raws = [RawDocument(source=f"n{i}.html", text=f"{menu}\n\n{b}\n\n{menu}", outlet="Harbour Gazette")
            for i, b in enumerate(bodies)]
    together = clean_batch(raws)
    alone = clean_batch(raws[:1])
    assert menu not in together[0].text and menu in alone[0].text   # the menu is learnt from the batch ...
    assert together[0].doc_id == alone[0].doc_id                     # ... but the id does not depend on it


def test_a_text_repeated_many_times_is_kept_once():
    from newsledger.clean.repeats import keep_once, repetitions

    story = "The bridge over the canal was closed for repairs.\n\nTraffic was diverted through the old town."
    assert keep_once("\n\n".join([story] * 50)) == (story, 50)
    assert keep_once(story + "".join(f"\n\ndate 2021-06-01\n\n{story}" for _ in range(3))) == (story, 4)
    assert keep_once(story) == (story, 1)
    assert repetitions(story + "\n\n" + story[:30]) == (1, 0)        # a quoted opening is not a repeat
    assert repetitions(story + " " + story + " Then the rain stopped.") == (1, 0)
    doc = clean(RawDocument(source="loop.txt", text="\n\n".join([story] * 3)))
    assert doc.text == story and "repeated 3 times" in doc.warnings[0]


def test_control_characters_are_removed():
    doc = clean(RawDocument(source="c.txt", text="Rain\x00fall closed\x07 the mountain pass on Monday, the roads agency said."))
    assert "\x00" not in doc.text and "\x07" not in doc.text and doc.text.startswith("Rainfall closed the")
