"""Typing rules after ACLED's definitions, and described actors, on invented sentences."""
import pytest

from newsledger.analyse import analyse
from newsledger.analyse.context import Context
from newsledger.analyse.events import TYPE_RULES, classify, lex
from newsledger.records import Document


@pytest.fixture(scope="module")
def ctx():
    return Context(use_model="rules")


def typed(ctx, sentence):
    got = classify(sentence, lex(ctx).vocab)
    return got and got[1:]


def events(ctx, text, published="2024-03-10"):
    return analyse(Document("d1", "t.txt", text, published=published), ctx).events


def test_rules_are_named_and_registered_once():
    names = [n for n, _ in TYPE_RULES]
    assert len(names) == len(set(names)) and "attack_on_civilians" in names and "demonstration" in names


@pytest.mark.parametrize("sentence, want", [
    ("Rebels clashed with the army near the bridge.", ("Battles", "Armed clash")),
    ("Gunmen attacked an army checkpoint outside the town.", ("Battles", "Armed clash")),
    ("Gunmen shot and wounded two farmers in their fields.", ("Violence against civilians", "Attack")),
    ("Militiamen abducted four traders on the road to the market.", ("Violence against civilians", "Abduction/forced disappearance")),
    ("A drone struck a fuel depot on the edge of the city.", ("Explosions/Remote violence", "Air/drone strike")),
    ("A roadside bomb hit a bus carrying workers.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("A man threw a grenade at a police post.", ("Explosions/Remote violence", "Grenade")),
    ("Army engineers defused a landmine planted on the main road.", ("Strategic developments", "Disrupted weapons use")),
    ("Teachers protested outside the ministry over unpaid salaries.", ("Protests", "Peaceful protest")),
    ("Police fired tear gas to disperse students protesting fee increases.", ("Protests", "Protest with intervention")),
    ("Demonstrators burned tyres and hurled stones at the governor's office.", ("Riots", "Violent demonstration")),
    ("Residents barricaded the highway with burning tyres.", ("Riots", "Violent demonstration")),
    ("Angry residents beat a suspected thief to death.", ("Riots", "Mob violence")),
    ("Gunmen looted shops and stole cattle, without harming anyone.", ("Strategic developments", "Looting/property destruction")),
    ("Soldiers blew up several empty houses at the edge of the village.", ("Strategic developments", "Looting/property destruction")),
    ("Police arrested nine people suspected of smuggling fuel.", ("Strategic developments", "Arrests")),
    ("The two factions signed a truce after mediation by elders.", ("Strategic developments", "Agreement")),
    ("About 60 fighters arrived in the village and recruited young men.", ("Strategic developments", "Change to group/activity")),
    ("Hundreds of rioters attacked the customs office.", ("Riots", "Mob violence")),
    ("A group of youths pelted passing buses with stones.", ("Riots", "Mob violence")),
    ("Villagers protested and destroyed a neighbour's fence over a land dispute.", ("Riots", "Violent demonstration")),
    ("Rebels downed a government surveillance drone over the hills.", ("Strategic developments", "Disrupted weapons use")),
    ("Seven bodies were found in a ditch outside the town.", ("Strategic developments", "Other")),
    ("Thousands of families fled their villages ahead of the offensive.", ("Strategic developments", "Other")),
])
def test_typing_rules(ctx, sentence, want):
    assert typed(ctx, sentence) == want


def test_a_demonstration_is_typed_by_the_participants_not_the_motive(ctx):
    # the air strike is the motive of the road blocking, not the event
    assert typed(ctx, "Residents blocked the main road in protest over a recent air strike.") == \
        ("Riots", "Violent demonstration")


def test_a_report_without_an_event_word_still_gives_its_event(ctx):
    [e] = events(ctx, "On 8 March 2024, unidentified gunmen beat and robbed a shopkeeper in Goma.\n")
    assert (e.event_type, e.sub_event_type, e.date_start) == ("Violence against civilians", "Attack", "2024-03-08")
    assert e.rule == "attack_on_civilians"
    assert e.actor1 == "Unidentified Armed Group (Democratic Republic of Congo)"
    assert e.actor2 == "Civilians (Democratic Republic of Congo)"


def test_protesters_and_rioters_take_the_country_of_the_place(ctx):
    [p] = events(ctx, "On 4 March 2024, traders protested in Mosul against new market fees.\n")
    assert p.event_type == "Protests" and p.actor1 == "Protesters (Iraq)"
    [r] = events(ctx, "On 4 March 2024, demonstrators set fire to tyres in Maiduguri over fuel prices.\n")
    assert r.event_type == "Riots" and r.actor1 == "Rioters (Nigeria)"


def test_described_actors_are_symmetric(ctx):
    a = events(ctx, "On 5 March 2024, government forces clashed with rebels near Goma.\n")
    b = events(ctx, "On 5 March 2024, government forces clashed with rebels near Mosul.\n")
    assert a[0].actor1 == "Military Forces of Democratic Republic of Congo" and b[0].actor1 == "Military Forces of Iraq"
    assert a[0].actor2 == "Unidentified Armed Group (Democratic Republic of Congo)"
    assert b[0].actor2 == "Unidentified Armed Group (Iraq)"


def test_unqualified_soldiers_are_not_given_the_place_country(ctx):
    [e] = events(ctx, "On 6 March 2024, soldiers shot a farmer near Mosul.\n")
    assert e.actor1 is None or "Iraq" not in e.actor1


def test_a_riot_stays_a_riot_when_people_are_hurt(ctx):
    [e] = events(ctx, "On 2 March 2024, six inmates were wounded during a riot at the central prison in Mosul.\n")
    assert e.event_type == "Riots"


def test_without_a_country_described_actors_keep_their_category(ctx):
    [e] = events(ctx, "On 2 March 2024, teachers held a sit in outside the education office.\n")
    assert e.event_type == "Protests" and e.actor1 == "Protesters"


def test_a_national_armed_group_gives_its_country(ctx):
    [e] = events(ctx, "On 3 March 2024, government security forces clashed with Al-Shabaab near a remote well.\n")
    assert e.event_type == "Battles" and e.actor1 == "Military Forces of Somalia" and e.actor2 == "Al-Shabaab"


def test_forces_dispersing_a_crowd_are_the_second_actor(ctx):
    [e] = events(ctx, "On 4 March 2024, police fired tear gas at students protesting in Mosul.\n")
    assert (e.event_type, e.sub_event_type) == ("Protests", "Protest with intervention")
    assert e.actor1 == "Protesters (Iraq)" and e.actor2 == "Police Forces of Iraq"


def _typed_events(ctx, text):
    return [(e.event_type, e.sub_event_type, e.rule) for e in events(ctx, text)]


def test_a_raid_on_named_civilians_is_violence_against_civilians(ctx):
    text = ("On 4 March 2024, armed men raided and beat farmers in their homes in Lowmere village. "
            "Three farmers were injured.\n")
    got = _typed_events(ctx, text)
    assert got == [("Violence against civilians", "Attack", "attack_on_named_civilians")]


def test_an_ambush_on_soldiers_stays_a_battle(ctx):
    text = "On 4 March 2024, rebels ambushed an army patrol near Lowmere village. Two soldiers were killed.\n"
    assert [t for t, _, _ in _typed_events(ctx, text)] == ["Battles"]


def test_harm_after_an_untyped_act_keeps_the_trigger_type(ctx):
    # ", killing five people" follows a raid whose object is a place: the raid's own type stands
    text = "On 4 March 2024, government forces raided the Ferndale camp, killing at least five people.\n"
    assert [t for t, _, _ in _typed_events(ctx, text)] == ["Battles"]


def test_a_demonstration_that_turned_violent_in_the_next_sentence_is_a_riot(ctx):
    text = ("On 4 March 2024, hundreds of dockworkers demonstrated outside the port offices in Lowmere over unpaid wages. "
            "The crowd threw stones at the gates and set a lorry on fire.\n")
    assert [(t, s) for t, s, _ in _typed_events(ctx, text)] == [("Riots", "Violent demonstration")]


@pytest.mark.parametrize("after", [
    "Police barricaded the square and kept the marchers away from the palace.",   # the forces' act
    "Two marchers were injured by soldiers.",                                      # done to the crowd
    "The marchers burned a flag of the ruling party.",                             # a symbol
])
def test_violence_by_others_or_symbolic_burning_leaves_a_protest(ctx, after):
    text = f"On 4 March 2024, teachers protested in Lowmere against the new pay scale. {after}\n"
    assert [t for t, _, _ in _typed_events(ctx, text)] == ["Protests"]


def test_the_authorities_response_in_the_next_sentence_is_an_intervention(ctx):
    text = ("On 4 March 2024, inmates demonstrated in Lowmere prison against a transfer. "
            "Guards fired tear gas to disperse them.\n")
    assert [(t, s) for t, s, _ in _typed_events(ctx, text)] == [("Protests", "Protest with intervention")]


def test_the_grievance_a_protest_names_is_not_how_it_went(ctx):
    # the violence is the protest's motive, not what the protesters did, and founds no event of its own
    text = ("On 4 March 2024, nurses staged a protest outside the Lowmere clinic against the violent assault "
            "on a colleague by unknown men, and demanded better protection.\n")
    assert [(t, s) for t, s, _ in _typed_events(ctx, text)] == [("Protests", "Peaceful protest")]


def test_a_protest_that_blocked_a_road_after_its_motive_is_a_riot(ctx):
    text = ("On 4 March 2024, traders demonstrated in Lowmere against the market tax, "
            "by barricading the main road and hurling stones at passing lorries.\n")
    assert [t for t, _, _ in _typed_events(ctx, text)] == ["Riots"]


@pytest.mark.parametrize("sentence, want", [
    # an exchange of fire is a battle whatever the weapons
    ("Rebel units exchanged mortar and artillery fire with government troops near Kessel.", ("Battles", "Armed clash")),
    ("A fight broke out between two clan militias over grazing land.", ("Battles", "Armed clash")),
    # the property of an armed side is an armed target
    ("Gunmen fired live rounds at a police car on the highway.", ("Battles", "Armed clash")),
    ("Unknown assailants fired upon peacekeepers near the airfield.", ("Battles", "Armed clash")),
    # a device named as the doer
    ("A landmine left from the old war killed two herders near the river.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Unexploded ordnance wounded three children playing near the school.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
])
def test_exchanges_armed_property_and_devices(ctx, sentence, want):
    assert typed(ctx, sentence) == want


def test_a_bomb_nobody_claimed_is_set_by_an_unidentified_armed_group(ctx):
    text = "On 4 March 2024, a bomb exploded at a bus stop in Lowmere. Two passengers were wounded.\n"
    evs = [e for e in events(ctx, text) if e.event_type == "Explosions/Remote violence"]
    assert [e.actor1.split(" (")[0] for e in evs] == ["Unidentified Armed Group"]


def test_an_air_strike_with_no_side_named_keeps_its_actor_open(ctx):
    text = "On 4 March 2024, an air strike hit a market in Lowmere, killing five people.\n"
    evs = [e for e in events(ctx, text) if e.event_type == "Explosions/Remote violence"]
    assert [e.actor1 for e in evs] == [None]


def test_a_work_stoppage_is_no_air_strike(ctx):
    text = "On 4 March 2024, teachers in Lowmere launched a five-day nationwide strike over unpaid salaries.\n"
    assert not [e for e in events(ctx, text) if e.event_type == "Explosions/Remote violence"]
    # while a strike by aircraft is still one
    text = "On 4 March 2024, an air strike hit a depot in Lowmere.\n"
    assert [e.event_type for e in events(ctx, text)] == ["Explosions/Remote violence"]


@pytest.mark.parametrize("sentence, want", [
    # violence during a protest programme under way: a violent demonstration
    ("Rioters set fire to a lorry in Kessel during the opposition's hartal.", ("Riots", "Violent demonstration")),
    # demonstrations named only as the cause: a mob, not a demonstration
    ("A mob vandalized the party office in Kessel, following weeks of demonstrations.", ("Riots", "Mob violence")),
])
def test_violent_demonstration_or_mob(ctx, sentence, want):
    assert typed(ctx, sentence) == want


@pytest.mark.parametrize("sentence, want", [
    # intercepting a vehicle to rob its passengers is no interception of a projectile
    ("Gunmen on motorbikes intercepted a minibus and looted the passengers' phones.",
     ("Strategic developments", "Looting/property destruction")),
    ("Air defences intercepted two missiles over the port.", ("Strategic developments", "Disrupted weapons use")),
    ("Police arrested two smugglers and seized 30 Kalashnikovs at a checkpoint.",
     ("Strategic developments", "Disrupted weapons use")),
])
def test_interceptions_and_seizures(ctx, sentence, want):
    assert typed(ctx, sentence) == want


def test_a_curfew_is_a_change_to_the_authorities_activity(ctx):
    got = [(e.event_type, e.sub_event_type) for e in events(ctx, "On 4 March 2024, the governor imposed a curfew in Kessel.\n")]
    assert got == [("Strategic developments", "Change to group/activity")]


def test_a_protest_for_someone_once_detained_founds_no_arrest(ctx):
    text = ("On 4 March 2024, reporters staged a protest in Kessel, demanding the release of a colleague, "
            "who was detained after a story on food prices.\n")
    assert [(t, s) for t, s, _ in _typed_events(ctx, text)] == [("Protests", "Peaceful protest")]


def test_prisoners_are_unarmed_whoever_holds_them(ctx):
    assert typed(ctx, "Guards of the 9th Brigade tortured and killed a prisoner at the Kessel jail.") == \
        ("Violence against civilians", "Attack")


def test_a_crowd_raiding_a_shop_is_mob_violence_not_a_battle(ctx):
    text = "On 4 March 2024, a crowd of residents raided a shop in Kessel and beat the owner.\n"
    assert [(t, s) for t, s, _ in _typed_events(ctx, text)] == [("Riots", "Mob violence")]


def test_the_crowd_of_a_riot_is_not_also_its_second_actor(ctx):
    text = "On 4 March 2024, demonstrators in Kessel threw stones at the town hall, injuring several demonstrators.\n"
    evs = events(ctx, text)
    assert [(e.event_type, e.actor1.split(" (")[0], e.actor2) for e in evs] == [("Riots", "Rioters", None)]


@pytest.mark.parametrize("sentence, want", [
    # unorganised crowds fighting with fists or stones, or residents against the police: mob violence
    ("Rival groups of students fought with sticks and stones outside the stadium in Lowmoor.", ("Riots", "Mob violence")),
    ("Residents queuing for bread clashed with police at the depot.", ("Riots", "Mob violence")),
    # a deadly fight between communities is a clash of their militias
    ("Herders and farmers from two tribes clashed over grazing land, and six people were killed.", ("Battles", "Armed clash")),
    # the dead or wounded are an armed side: a battle, whoever reports it
    ("Insurgents killed three militiamen at a well near the river crossing.", ("Battles", "Armed clash")),
    ("Five soldiers were killed and two others wounded near the quarry.", ("Battles", "Armed clash")),
    # a protester (singular, or spelled protestor) shot by the police
    ("Police shot and killed a protester in the market square.", ("Protests", "Excessive force against protesters")),
    ("Protestors blockaded the ring-road highway for the second day.", ("Riots", "Violent demonstration")),
    ("Villagers set up road blocks on the way to the quarry.", ("Riots", "Violent demonstration")),
    # the weapon types remote violence: tanks and UAVs opening fire
    ("Tanks opened fire on the outskirts of the port town.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Enemy UAVs opened fire at a street in the old quarter, wounding two.", ("Explosions/Remote violence", "Air/drone strike")),
    # anti-tank shells fired in a firefight are the battle's own weapons
    ("Fighters attacked an army convoy with anti-tank shells near the depot.", ("Battles", "Armed clash")),
    # harm named only as the reason for arrests is not the act
    ("Police arrested 40 people following the killing of a councillor.", ("Strategic developments", "Arrests")),
])
def test_who_fought_and_who_was_harmed(ctx, sentence, want):
    assert typed(ctx, sentence) == want


@pytest.mark.parametrize("text, want", [
    # weapons seized, in the passive or "caught with": a disrupted weapons use
    ("On 6 March 2024, 300 illegal rifles were seized near Goma.\n", ("Strategic developments", "Disrupted weapons use")),
    ("On 6 March 2024, a customs officer in Mosul was caught with 90 illegal pistols at his home.\n",
     ("Strategic developments", "Disrupted weapons use")),
    # a building set on fire, nobody named as harmed: property destruction
    ("On 6 March 2024, the main church in Maiduguri was set on fire. No further details.\n",
     ("Strategic developments", "Looting/property destruction")),
    ("On 6 March 2024, inmates rioted in the central prison of Goma.\n", ("Riots", "Mob violence")),
    ("On 6 March 2024, students were wounded in a hand grenade attack in Mosul.\n", ("Explosions/Remote violence", "Grenade")),
])
def test_events_found_by_their_act(ctx, text, want):
    got = [(e.event_type, e.sub_event_type) for e in events(ctx, text)]
    assert got == [want]


def test_weapons_seized_after_a_battle_stay_a_battle(ctx):
    got = events(ctx, "On 6 March 2024, soldiers killed nine rebels near Goma and seized arms and ammunition.\n")
    assert [(e.event_type, e.sub_event_type) for e in got] == [("Battles", "Armed clash")]


def test_a_petrol_bomb_thrown_by_rioters_is_no_remote_violence(ctx):
    got = events(ctx, "On 6 March 2024, rioters threw petrol bombs at a bus in Mosul during a strike.\n")
    assert [e.event_type for e in got] == ["Riots"]


def test_road_blocks_set_up_later_make_the_protest_a_riot(ctx):
    got = events(ctx, "On 4 March 2024, residents protested in Mosul against water cuts. "
                      "The protesters set up road blocks in the town.\n")
    assert [(e.event_type, e.sub_event_type) for e in got] == [("Riots", "Violent demonstration")]


@pytest.mark.parametrize("sentence, want", [
    ("Students blocked the ring-road route with motorbikes to protest fees.", ("Riots", "Violent demonstration")),
    # armed people closing a road are no demonstration; the harm after the act still types it
    ("Armed herders closed the road to the market after gunmen killed two of their camels.",
     ("Violence against civilians", "Attack")),
])
def test_blockades_and_harm_after_the_act(ctx, sentence, want):
    assert typed(ctx, sentence) == want


def test_bombed_is_an_event_word(ctx):
    got = events(ctx, "On 4 March 2024, a local defence force bombed a telecom tower outside Mosul.\n")
    assert [(e.event_type, e.sub_event_type) for e in got] == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize("sentence, want", [
    ("Nine policemen killed and four wounded near the border post", ("Battles", "Armed clash")),
    ("The army encounters rebels crossing the river, kills 12", ("Battles", "Armed clash")),
    ("Eight people have been injured after a hand grenade was thrown at a bus station in Kisumu.",
     ("Explosions/Remote violence", "Grenade")),
    # the active voice is not the headline passive: soldiers who killed civilians
    ("Soldiers killed two civilians at a checkpoint near the bridge.", ("Violence against civilians", "Attack")),
])
def test_headline_passives_encounters_and_grenades_as_cause(ctx, sentence, want):
    assert typed(ctx, sentence) == want
