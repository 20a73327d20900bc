"""Gazetteer and place mentions on hand-written fixtures (invented sentences about other places)."""

import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.analyse.places import PLACE_RULES, display_name
from newsledger.records import Document


@pytest.fixture(scope="module")
def gz():
    return Context(use_model="rules").gazetteer


def found(gz, text):
    return [(p.text, p.name, p.country, p.precision, p.rule) for p in gz.find(text)]


@pytest.fixture(scope="module")
def gz_with_camp(tmp_path_factory):
    """A user's places.yaml adds a camp and its alias; the built-in entries stay."""
    d = tmp_path_factory.mktemp("lex")
    (d / "places.yaml").write_text(
        "places:\n"
        "  - {name: Dadaab camp, aliases: [Dadaab refugee camp], lat: 0.06, lon: 40.31, country: KE,"
        " feature: camp, parent: Dadaab}\n", encoding="utf-8")
    return Context(use_model="rules", lexicon_dirs=(str(d),)).gazetteer


def test_camp_vs_town(gz_with_camp):
    got = gz_with_camp.find("Aid workers reached the town of Dadaab and its refugee camp on foot after the rains.")
    assert [(p.name, p.feature, p.precision) for p in got] == [("Dadaab", "city", 1)]
    got = gz_with_camp.find("Cholera cases rose in the Dadaab refugee camp during the long dry season.")
    assert [(p.name, p.feature, p.parent, p.rule) for p in got] == [("Dadaab camp", "camp", "Dadaab", "gazetteer_addition")]


def test_common_words_and_acronyms_are_not_places(gz):
    assert found(gz, "Man said the Best of times. Of course.") == []
    assert found(gz, "Human rights groups spoke. Victory Day passed.") == []
    assert found(gz, "The IMO said the tanker was hit; the ministry denied any part in the incident.") == []


def test_person_names_are_not_places(gz):
    # a place name inside a longer capitalised name is not a place mention
    assert found(gz, "The commander of the unit, Omar Mosul Haddad, spoke to reporters on the phone late on Monday.") == []


def test_country_named_in_text_decides(gz):
    # "Tripoli": Lebanon when Lebanon is the context, Libya when Libya is
    lb = gz.find("Clashes erupted in Tripoli, Lebanon's second city, said Lebanese officials.")[0]
    ly = gz.find("Militias clashed in Tripoli, the Libyan capital, Libya's officials said.")[0]
    assert lb.country == "Lebanon" and ly.country == "Libya"


def test_comma_and_parenthesised_admin_hints(gz):
    # "Town, Region" and "Town (Region)": the town inside that region, never the namesake abroad
    la = gz.find("Clashes in Los Angeles, Biobío left two police officers injured on Sunday night.")
    assert (la[0].name, la[0].country, la[0].admin1) == ("Los Angeles", "Chile", "Biobio") and la[0].lat < -30
    got = gz.find("Gunmen attacked a market in Mubi (Adamawa) on Friday, residents told reporters.")
    assert [(p.text, p.country, p.precision, p.rule) for p in got] == [
        ("Mubi", "Nigeria", 1, "gazetteer_name"), ("Adamawa", "Nigeria", 3, "admin_hint")]


def test_hint_is_spelled_differently(gz):
    # the region's spelling differs from the gazetteer's ("Biobío" / "Bio Bio"): matched by similarity
    got = gz.find("Arsonists burned trucks near Concepción (Bio-Bio) before dawn, police said later.")
    assert got[0].country == "Chile" and got[1].name == "Biobio" and got[1].rule == "admin_hint"


def test_admin_units_are_places(gz):
    got = gz.find("Troops were deployed across Sindh province after the floods, the army said.")
    assert [(p.name, p.country, p.feature, p.precision) for p in got] == [("Sindh", "Pakistan", "region", 3)]


def test_unlisted_village_is_placed_at_its_district(gz):
    got = gz.find("Rebels burned Kafoloko village (Djugu, Ituri) at dawn, a local official said.")
    village = got[0]
    assert (village.name, village.precision, village.parent, village.rule) == (
        "Kafoloko", 2, "Djugu", "unlisted_place_in_admin")
    assert village.country == "Democratic Republic of Congo" and abs(village.lat - 1.92) < 0.1
    assert got[1].rule == "admin_hint" and got[1].precision == 2


def test_town_without_country_named(gz):
    # no country in the text: a town after a locative word resolves on its own
    got = gz.find("Residents of Bunia marched against the curfew on Tuesday morning.")
    assert [(p.name, p.country) for p in got] == [("Bunia", "Democratic Republic of Congo")]


def test_regions_and_directions(gz):
    got = {p.name: (p.precision, p.rule) for p in gz.find("Strikes hit central Gaza and the Donetsk region of Ukraine.")}
    assert got["central Gaza"][0] == 2 and got["Donetsk Oblast"][0] == 3 and got["Ukraine"][0] == 3
    got = gz.find("Shelling hit northern Kharkiv overnight, the regional governor wrote on Telegram.")
    assert (got[0].name, got[0].precision, got[0].rule) == ("northern Kharkiv", 2, "direction_of_place")


def test_every_mention_names_its_rule(gz):
    texts = ["Rebels burned Kafoloko village (Djugu, Ituri) at dawn, a local official said.",
             "Gunmen attacked a market in Mubi (Adamawa) on Friday, residents told reporters."]
    rules = {p.rule for t in texts for p in gz.find(t)}
    assert rules == {"unlisted_place_in_admin", "admin_hint", "gazetteer_name"}
    assert rules <= set(PLACE_RULES)


@pytest.mark.parametrize("use_model", ["rules", "auto"])
def test_component(use_model):
    doc = Document("x", "t.txt", "Israeli forces raided Nur Shams camp near Tulkarm on Monday.", published="2024-04-24")
    analyse(doc, Context(use_model=use_model), disable=("actors", "figures", "claims", "events", "framing"))
    assert [p.name for p in doc.places] == ["Nur Shams camp", "Tulkarm"]


def test_sentence_initial_preposition_and_line_breaks(gz):
    got = found(gz, "Riot police came.\n\nIn Mombasa on the Kenyan coast, dock workers marched for a second day.")
    assert got[0][:3] == ("Mombasa", "Mombasa", "Kenya")
    # a name never runs across a line break ("... in Chile\n\nAt least nine ...")
    assert [p[1] for p in found(gz, "Strikes across Chile\n\nAt least nine buses burned in the capital.")] == ["Chile"]


def test_across_the_country_is_the_documents_country():
    doc = Document("x", "t.txt", "Troops fired on crowds in Mandalay. Protests spread across the country on Friday.",
                   published="2024-07-21")
    analyse(doc, Context(use_model="rules"), disable=("actors", "figures", "claims", "events", "framing"))
    nat = [p for p in doc.places if p.text == "across the country"]
    assert nat and nat[0].name == "Myanmar" and nat[0].precision == 3 and nat[0].rule == "nationwide"


def test_demonyms_and_side_by_side_names_are_not_towns(gz):
    # "Malian" is a people (a town of that name exists elsewhere); "Justin Zongo" is a person
    assert found(gz, "Two Malian herders were questioned by police officers on the road on Sunday.") == []
    assert found(gz, "Students marched over the death of the reporter Justin Zongo last year.") == []


def test_foreign_namesake_needs_more_than_its_own_name(gz):
    # the other names make the document Pakistani: the American namesake of a Karachi district is not taken
    got = gz.find("Police fired on students in Karachi. Later the rally moved to Clifton, where shops closed.")
    assert [p.country for p in got] == ["Pakistan"]


def test_direction_of_a_country_is_that_part_of_it(gz):
    # "northern Chad" lies in the north of Chad's towns, not at the capital in the south-west
    got = gz.find("Troops fought rebels in northern Chad on Friday, the army said in a statement.")
    assert (got[0].name, got[0].precision, got[0].rule) == ("northern Chad", 2, "direction_of_place")
    capital = [p for p in gz.find("Officials met in N'Djamena on Friday, the ministry said in a statement.")][0]
    assert got[0].lat > capital.lat + 2


def test_region_word_prefers_the_admin_unit(gz):
    got = gz.find("Gunmen attacked villages in Zamfara state on Sunday, police said.")
    assert [(p.name, p.country, p.feature, p.precision) for p in got] == [("Zamfara", "Nigeria", "region", 3)]


def test_a_time_zone_is_no_place(gz):
    got = gz.find("At around 5 pm Nairobi time, gunmen attacked a bus near Garissa, police said.")
    assert [p.name for p in got] == ["Garissa"]


def test_a_place_inside_another_lies_near_it(gz):
    # "the X neighbourhood in Y": a namesake of X 500 km away is not it; X is placed at Y (precision 2)
    got = gz.find("Residents protested in the Kisumu neighbourhood in Mombasa on Monday, police said.")
    assert [(p.name, p.precision, p.rule) for p in got] == [
        ("Kisumu", 2, "unlisted_place_in_admin"), ("Mombasa", 1, "gazetteer_name")]
    assert abs(got[0].lat - got[1].lat) < 0.01
    # two small names of two countries: the one inside the other's area wins, the other is placed there
    got = gz.find("Gunmen killed two farmers in Kalabo village near Garissa, police said.")
    assert [(p.name, p.country) for p in got] == [("Kalabo", "Kenya"), ("Garissa", "Kenya")]


def test_village_spelled_unlike_the_gazetteer_in_its_region(gz):
    # no entry spells "Mangbwallu"; the region named in its hint has a town spelled alike
    got = gz.find("Militiamen attacked Mangbwallu village (Djugu, Ituri) on Sunday, officials said.")
    assert (got[0].text, got[0].name, got[0].precision, got[0].rule) == (
        "Mangbwallu", "Mangbwalu", 1, "town_spelled_alike_in_admin")


# ---------------------------------------------------------------- which place an event takes (issue #11)

def _event_place(text):
    doc = analyse(Document("d1", "t.txt", text, published=None), Context(use_model="rules"))
    assert len(doc.events) == 1
    return doc.events[0].location


def test_local_unit_word_keeps_the_town(gz):
    """'X Township', 'X commune': the unit is named after its town, which the gazetteer holds."""
    got = found(gz, "Police dispersed a crowd in Kitgum Township on Friday.")
    assert [(t, n, c, p) for t, n, c, p, _ in got] == [("Kitgum", "Kitgum", "Uganda", 1)]


def test_town_outside_its_hint_is_a_namesake(gz):
    """The only Witu lies in another county than the hint names: the village is placed at the hint."""
    got = gz.find("Herders clashed near Witu village (Kwale, Coast) on Sunday.")
    assert (got[0].text, got[0].precision, got[0].rule, got[0].admin1) == ("Witu", 2, "unlisted_place_in_admin", "Kwale")
    got = gz.find("Herders clashed near Witu village (Lamu, Coast) on Sunday.")
    assert (got[0].name, got[0].precision, got[0].admin1) == ("Witu", 1, "Lamu")


def test_names_of_one_hint_support_each_others_country(gz):
    """A country named elsewhere in the sentence does not pull the hint's names abroad."""
    got = gz.find("Residents marched in Lumbu village (Kitgum, Northern Region) against Canada's new visa rules.")
    lumbu = next(p for p in got if p.text == "Lumbu")
    assert (lumbu.country, lumbu.admin2, lumbu.rule) == ("Uganda", "Kitgum District", "unlisted_place_in_admin")


def test_a_neighbouring_country_does_not_decide(gz):
    got = gz.find("Gunmen shot a trader in the town of Arauquita near the border with Venezuela.")
    assert [(p.name, p.country) for p in got] == [("Arauquita", "Colombia"), ("Venezuela", "Venezuela")]


def test_event_takes_the_village_named_first_over_a_town_later():
    loc = _event_place("On 3 May, near Lumbu village (Kitgum, Northern Region), gunmen attacked a bus heading to Gulu.")
    assert (loc.name, loc.admin2, loc.precision, loc.rule) == ("Lumbu", "Kitgum District", 2, "unlisted_place_in_admin")


def test_event_takes_the_most_specific_part_of_a_hint():
    loc = _event_place("On 3 May, near Lumbu (Kitgum Township, Kitgum District, Northern Region), gunmen attacked "
                       "a bus and burned it.")
    assert (loc.name, loc.rule) == ("Kitgum", "admin_hint")


def test_event_takes_the_place_the_text_locates_with_a_hint():
    loc = _event_place("On 2 June, drivers protested on the Kisumu-Kakamega road in Mumias town (Mumias, Kakamega) "
                       "against new road fees.")
    assert (loc.name, loc.admin1, loc.precision) == ("Mumias", "Kakamega", 1)


def test_town_is_named_by_the_english_spelling_the_text_used(gz):
    # GeoNames names this town with diacritics and an article; the ASCII alternate the text wrote is shown
    assert found(gz, "Troops entered Numaniyah, in Iraq, on Monday.")[0][:3] == ("Numaniyah", "Numaniyah", "Iraq")
    # without a spelling from the text, the transliteration is shown without its diacritics
    town = next(e for e in gz.lookup("Numaniyah") if e[3] == "IQ")
    assert display_name(town) == "An Numaniyah"


def test_compound_name_written_apart_is_the_joined_town(gz):
    got = found(gz, "Shelling hit Kahraman Maras, in Turkey, on Monday.")
    assert got[0] == ("Kahraman Maras", "Kahramanmaras", "Turkey", 1, "gazetteer_name")


def test_popular_name_of_a_transliterated_town(gz):
    # GeoNames' primary name is the long form with diacritics; the short name is listed in several spellings
    got = gz.find("Protesters marched in Tucuman, Argentina, on Friday.")
    assert (got[0].text, got[0].country, got[0].precision, got[0].feature) == ("Tucuman", "Argentina", 1, "city")


def test_qualifier_before_a_town_named_by_its_town_word(gz):
    got = found(gz, "Two people were killed in Ravenfield Puri town on Monday, police said.")
    assert [(t, n, c) for t, n, c, _, _ in got] == [("Puri", "Puri", "India")]
    # without the town word, an unknown capitalised word before the name still makes it no place
    assert found(gz, "Two people were killed by Ravenfield Puri on Monday, police said.") == []
    # a district word after the town: the district named with a qualifier before its main town
    got = found(gz, "Protesters burned offices in Wakiroye Kolondieba district on Monday, residents said.")
    assert [(t, c) for t, _, c, _, _ in got] == [("Kolondieba", "Mali")]
    assert found(gz, "Protesters burned offices of Wakiroye Kolondieba on Monday, residents said.") == []


def test_hint_written_with_its_article_prefers_the_place_named_with_it(gz):
    # the lookup key drops "As"; the namesake without the article is larger but nothing supports its country
    got = gz.find("On Monday, shelling hit a farm in Wadi Qasr (As Susah) and wounded two shepherds.")
    assert [(p.text, p.country) for p in got if p.text == "As Susah"] == [("As Susah", "Syria")]
    # in running text the population still decides: GeoNames names the large city without its article
    got = gz.find("Gunmen attacked a checkpoint in An Nasiriyah on Monday.")
    assert [(p.name, p.country) for p in got] == [("Nasiriyah", "Iraq")]


def test_possessive_without_apostrophe_and_facility_of_a_major_city(gz):
    got = found(gz, "Hundreds of traders set fire to the headquarters of Argentinas ruling party on Saturday morning.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Argentina", "Argentina")]
    got = found(gz, "On Monday morning, lecturers of the Kano Polytechnic University went on strike over unpaid wages.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Kano", "Nigeria")]


def test_district_named_after_its_town_is_placed_at_the_town(gz):
    # no district of that name is known: the town, not the centre of the region of the same name
    got = gz.find("On Monday, a bomb exploded at a market in Old Fadama township (Kano district, Kano State), police said.")
    district, region = [p for p in got if p.text == "Kano"]
    assert (district.feature, district.country, district.precision) == ("city", "Nigeria", 2)
    assert region.feature == "region" and abs(district.lat - 12.0) < 0.05


def test_district_named_like_its_region_is_not_the_region_again(gz):
    # "(Kano, Kano)": the first name lies inside the region the second names, so it is the town
    got = gz.find("Gunmen attacked a market in Dakawa village (Kano, Kano) on Friday, residents said.")
    district, region = [p for p in got if p.text == "Kano"]
    assert (district.feature, district.precision, region.feature, region.precision) == ("city", 2, "region", 3)
    loc = _event_place("Gunmen attacked a market in Dakawa village (Kano, Kano) on Friday, residents said.")
    assert (loc.name, loc.rule) == ("Dakawa", "unlisted_place_in_admin") and abs(loc.lat - 12.0) < 0.05


def test_both_ends_of_a_route_are_places(gz):
    # "the axis X-Y": small towns no other name supports, cued by the route
    got = found(gz, "Bandits stopped a truck on the axis Bankilare-Tera and seized its cargo.")
    assert [(n, c, r) for _, n, c, _, r in got] == [("Bankilare", "Niger", "gazetteer_name"), ("Tera", "Niger", "gazetteer_name")]
    # an end the gazetteer lacks does not hide the other one
    got = found(gz, "Bandits stopped a truck on the Kolondieba-Nowhereville road on Monday.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Kolondieba", "Mali")]
    # without a route word, a hyphenated name is one name; a hyphenated place stays one place on a route
    assert found(gz, "Bandits stopped Kolondieba-Nowhereville on Monday.") == []
    got = found(gz, "Traffic stopped on the Abu-Dhabi road on Monday.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Abu Dhabi", "United Arab Emirates")]


def test_names_listed_after_a_locative_share_its_cue(gz):
    got = found(gz, "Soldiers were ambushed in Nowhereville, Kolondieba on Monday.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Kolondieba", "Mali")]
    assert found(gz, "Soldiers were ambushed. Nowhereville, Kolondieba and others were there on Monday.") == []


def test_place_that_owns_the_thing_named(gz):
    # "X's Y prison": the capitalised words after the possessive name a thing in X, not a longer name
    got = found(gz, "He was taken to Nairobi’s Zumbare prison by police.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Nairobi", "Kenya")]


def test_regional_state_is_an_admin_word(gz):
    got = found(gz, "Clashes were reported in Mwanza Regional State on Monday, officials said.")
    assert [(t, c, r) for t, _, c, _, r in got] == [("Mwanza", "Tanzania", "gazetteer_name")]


def test_hint_spelled_differently_with_its_unit_word(gz):
    # "(Kitguum District, ...)": matched by spelling without the unit word; the district, when known
    got = found(gz, "On 3 May, near Lumbu (Kitguum District, Northern Region), gunmen attacked a bus.")
    assert [(t, n, r) for t, n, _, _, r in got][0] == ("Kitguum", "Kitgum District", "admin_hint")


def test_town_inside_the_region_that_contains_it(gz):
    # "X town in the Y region": X lies inside Y, however far from Y's centre
    got = found(gz, "A grenade was thrown at a market in Menaka town in the Gao Region on Monday.")
    assert [(n, c, p) for _, n, c, p, _ in got] == [("Menaka", "Mali", 1), ("Gao", "Mali", 3)]


def test_a_nationality_does_not_send_a_cued_town_abroad(gz):
    # "Kenyan herders": the parties' nationality, not the country of the town the text locates
    got = found(gz, "A herder was killed in Kaabong during a fight between Kenyan herders.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Kaabong", "Uganda")]


def test_facility_of_a_major_city_named_with_another_place(gz):
    got = found(gz, "Explosives were found inside Nairobi Kamiti International Airport on Friday.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Nairobi", "Kenya")]


def test_event_takes_the_town_a_plural_hint_locates():
    loc = _event_place("On 2 June, soldiers erected an illegal checkpoint between Koutiala and Kolondieba towns "
                       "(Kolondieba, Sikasso) and extorted traders.")
    assert (loc.name, loc.admin1) == ("Kolondieba", "Sikasso")


def test_district_of_another_region_than_its_hint_is_a_namesake(gz):
    # the only Sardauna is a district of another state than the hint names: the hint's region stands
    got = found(gz, "Fighting broke out in Sardauna (Nowhereville, Kaduna) on Monday.")
    assert [(t, c, p, r) for t, _, c, p, r in got] == [("Kaduna", "Nigeria", 3, "admin_hint")]
    got = found(gz, "Fighting broke out in Sardauna (Nowhereville, Taraba) on Monday.")
    assert [t for t, _, _, _, _ in got] == ["Sardauna", "Taraba"]


def test_a_people_named_after_a_place_is_not_a_place(gz):
    got = found(gz, "Elders of the Lamu clan met Lamu tribal leaders in the town of Garissa on Monday to discuss grazing.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Garissa", "Kenya")]


def test_name_written_with_its_article_is_not_a_namesake_abroad_without_it(gz):
    # the other names tell the country; the large namesake abroad lacks the article the text wrote
    got = found(gz, "Guards killed a prisoner in As Saleh prison in Mosul, Iraq, on Monday.")
    assert [(n, c) for _, n, c, _, _ in got] == [("Mosul", "Iraq"), ("Iraq", "Iraq")]


def test_region_named_after_its_main_town_is_placed_at_that_town(gz):
    # "(Kano)": the state is placed at its largest town of the same name, as a country at its capital
    got = gz.find("Gunmen attacked a market in Dakawa village (Kano) on Friday, residents said.")
    region = [p for p in got if p.text == "Kano"][0]
    assert (region.feature, region.precision) == ("region", 3) and abs(region.lat - 12.0) < 0.05
    # a region no town shares its name with keeps the mean position of its towns
    got = gz.find("Gunmen attacked a market in Dakawa village (Ninawa) on Friday, residents said.")
    region = [p for p in got if p.text == "Ninawa"][0]
    unit = next(e for e in gz.lookup("Ninawa") if e[6] == "region")
    assert (region.lat, region.lon) == (unit[1], unit[2])


def test_a_name_the_document_gives_a_person_is_not_the_town_of_that_name():
    """Rule person_named_like_town: "Alana Preston", "Mrs. Preston" make "Preston said" a person;
    "in Preston" and "Preston district"-style cues keep the town."""
    from newsledger.analyse import analyse
    from newsledger.analyse.context import Context
    from newsledger.records import Document
    ctx = Context(use_model="rules")
    text = ("Defence Minister Alana Preston visited the border crossing at Busia on Monday. "
            "Preston said the crossing would reopen. Mrs. Preston later flew to Lisbon.")
    doc = analyse(Document("p1", "t.txt", text, published="2025-05-20"), ctx)
    assert [p.name for p in doc.places if p.text == "Preston"] == []
    assert "Lisbon" in [p.name for p in doc.places]
    town = analyse(Document("p2", "t.txt", "Police dispersed a crowd in Preston on Saturday.",
                            published="2025-05-20"), ctx)
    assert [p.name for p in town.places] == ["Preston"]


def test_a_title_before_a_full_name_marks_the_surname():
    from newsledger.analyse.places import _PERSON_TITLE
    got = [m.group(1) for m in _PERSON_TITLE.finditer("Sen. Ada Preston of Kent spoke; Mayor Milton agreed.")]
    assert got == ["Preston", "Milton"]
