"""Across documents, the rules that keep reports of one happening together when outlets word,
date or label it differently, and that keep distinct stages apart but linked.

The sentences are our own words about real, public happenings: Greece's contract for 18
Rafale jets, signed in Athens on Monday 25 January 2021 by the French and Greek defence
ministers (Dassault Aviation announced its order the next day), after Greece had announced in
September 2020 that it intended to buy the jets; Egypt's order of 30 more Rafales in May 2021;
and Russia and Belarus's Zapad-2021 exercise (10-16 September 2021), watched closely in
Poland and Lithuania.
"""
from __future__ import annotations

from datetime import date

import pytest

from bilat.crossdoc.coref import compatible, score_pair, same_transfer_stage, THRESHOLD, transfer_stages
from bilat.events.roles import names_a_place_nearby
from bilat.events.lexicon import load_lexicon
from bilat.records import Actor, Event, Item, Mention, TimeSpan
from bilat.stories.origins import origin_keys

FRANCE = Actor("source", "France", "country", "FRA")
GREECE = Actor("target", "Greece", "country", "GRC")
RAFALE = Item("weapon_system", "Dassault Rafale", quantity=18)

SIGNED_MONDAY = "Greece signed a contract with France on Monday to buy 18 Rafale fighter jets."
DASSAULT_TUESDAY = "Greece has ordered 18 Rafale jets from France, Dassault Aviation said on Tuesday."
MINISTERS_SIGNED = ("Defence ministers Florence Parly and Nikos Panagiotopoulos signed the contract "
                    "in Athens on Monday.")
INTENT_2020 = "In September 2020 Greece announced that it would buy the jets from France."
EGYPT_MAY = "Egypt has ordered 30 more Rafale jets from France, its defence ministry said on Tuesday."


def _day(d: date, basis: str = "relative") -> TimeSpan:
    return TimeSpan(d, d, "day", basis)  # type: ignore[arg-type]


def _event(eid: str, doc: str, sentence: str, *, category: str = "arms_transfer", when: TimeSpan,
           stage: str | None = "order", items: tuple[Item, ...] = (RAFALE,), factuality: str = "asserted",
           actors: tuple[Actor, ...] = (FRANCE, GREECE), countries: tuple[str, ...] = ("FRA", "GRC")) -> Event:
    return Event(id=eid, category=category, factuality=factuality, date=when, actors=actors,  # type: ignore[arg-type]
                 countries=countries, items=items, stage=stage if category == "arms_transfer" else None,  # type: ignore[arg-type]
                 mentions=(Mention(doc, f"{doc}.txt", sentence, 0, len(sentence), factuality=factuality),))  # type: ignore[arg-type]


# ---------------------------------------------------------------- one order, reported twice

def test_two_outlets_reporting_one_order_a_day_apart_are_one_happening():
    signed = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    dassault = _event("e2", "review", DASSAULT_TUESDAY, when=_day(date(2021, 1, 26)))
    assert same_transfer_stage(signed, dassault)
    assert score_pair(signed, dassault) >= THRESHOLD


def test_another_buyers_order_of_the_same_jet_is_not_that_happening():
    greece = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    egypt = _event("e2", "cairo", EGYPT_MAY, when=_day(date(2021, 5, 4)),
                   actors=(FRANCE, Actor("target", "Egypt", "country", "EGY")), countries=("EGY", "FRA"))
    assert not compatible(greece, egypt)
    assert score_pair(greece, egypt) == 0.0


def test_a_statement_of_intent_and_the_contract_are_two_stages_linked_not_merged():
    contract = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    intent = _event("e2", "wire", INTENT_2020, when=TimeSpan(date(2020, 9, 1), date(2020, 9, 30), "month", "explicit"),
                    stage="interest", factuality="negotiating", items=())
    assert not same_transfer_stage(contract, intent)
    assert score_pair(contract, intent) == 0.0
    assert transfer_stages(contract, intent)     # "the jets": the weapon the same report names


def test_a_stage_naming_no_weapon_in_another_report_is_not_linked_by_guess():
    contract = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    intent = _event("e2", "other", INTENT_2020, when=TimeSpan(date(2020, 9, 1), date(2020, 9, 30), "month", "explicit"),
                    stage="interest", factuality="negotiating", items=())
    assert not transfer_stages(contract, intent)


def test_one_order_dated_only_to_a_year_is_not_identified_by_its_stage_alone():
    signed = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    vague = _event("e2", "review", "Greece ordered Rafale jets from France in 2021.",
                   when=TimeSpan(date(2021, 1, 1), date(2021, 12, 31), "year", "explicit"))
    assert not same_transfer_stage(signed, vague)


# ---------------------------------------------------------------- one signing, two labels

def test_a_contract_reported_as_an_order_and_as_a_signing_a_day_apart_is_one_happening():
    """'BAE/Dassault said on Tuesday' dates the report; the signing was on Monday: within the
    reporting slack, an arms order and an agreement are one family on one day."""
    order = _event("e1", "review", DASSAULT_TUESDAY, when=_day(date(2021, 1, 26)))
    signing = _event("e2", "athens", MINISTERS_SIGNED, category="agreement", when=_day(date(2021, 1, 25)),
                     items=(), actors=(Actor("participant", "France", "country", "FRA"),
                                       Actor("participant", "Greece", "country", "GRC")))
    assert compatible(order, signing)


def test_explicit_days_of_one_family_must_be_the_same_day():
    order = _event("e1", "review", "Greece ordered 18 Rafale jets from France on 26 January 2021.",
                   when=_day(date(2021, 1, 26), "explicit"))
    signing = _event("e2", "athens", MINISTERS_SIGNED, category="agreement", when=_day(date(2021, 1, 25), "explicit"),
                     items=())
    assert not compatible(order, signing)


def test_one_reports_order_and_signing_may_join_but_its_two_orders_stay_apart():
    """The document-level merge never joins two categories, so one report's "signed a contract
    to buy 18 jets" and "the ministers signed the contract in Athens" may be joined here; two
    events of one category in one report were kept apart there on purpose."""
    order = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    signing = _event("e2", "wire", MINISTERS_SIGNED, category="agreement", when=_day(date(2021, 1, 25)), items=())
    assert compatible(order, signing)
    second_order = _event("e3", "wire", "Greece also ordered six more Rafale jets from France on Monday.",
                          when=_day(date(2021, 1, 25)))
    assert not compatible(order, second_order)


# ---------------------------------------------------------------- a place is not a party

@pytest.mark.parametrize(("sentence", "place"), [
    ("Zapad-2021 ends with a show of force near Poland's border", "Poland"),
    ("Russian and Belarusian troops drilled close to Lithuania's border on Thursday.", "Lithuania"),
])
def test_a_state_named_as_the_border_something_happens_near_is_a_place(nlp, sentence, place):
    doc = nlp(sentence)
    ents = [e for e in doc.ents if e.text.startswith(place)]
    assert ents and names_a_place_nearby(ents[0], load_lexicon())


def test_a_state_whose_border_is_the_object_of_the_deed_stays_a_party(nlp):
    doc = nlp("Poland closed its border with Belarus, and Lithuania reinforced Lithuania's border guards.")
    lex = load_lexicon()
    assert not any(names_a_place_nearby(e, lex) for e in doc.ents)


def test_a_report_on_a_named_exercise_near_a_third_states_border_keeps_the_two_parties(tmp_path):
    from bilat.config import load_settings
    from bilat.pipeline import process
    (tmp_path / "zapad.txt").write_text(
        "TITLE: Zapad-2021 ends with show of force near Poland's border\nDATE: 2021-09-16\n\n"
        "The Russian and Belarusian armies ended a week of joint manoeuvres on Thursday, closing the "
        "Zapad-2021 exercise with live-fire drills on ranges in Belarus and western Russia.\n\n"
        "President Vladimir Putin watched part of the exercise on Monday at a training ground east of Moscow.\n\n"
        "Polish officials said the exercise had passed without incident.\n", encoding="utf-8")
    events = [e for r in process([tmp_path], load_settings(env={}, db=":memory:")) for e in getattr(r, "events", ())]
    drills = [e for e in events if e.category == "exercise"]
    assert drills and all(set(e.countries) == {"BLR", "RUS"} for e in drills)


# ---------------------------------------------------------------- the origin of a figure

def test_a_ministry_that_puts_a_number_on_something_is_the_origin_of_the_report(kb):
    text = ("Russia's Defence Ministry put the number of participants at 200,000, a figure Western "
            "officials called inflated.")
    assert "defence_ministry:RUS" in origin_keys(text, kb)


# ---------------------------------------------------------------- an undated report of the day

RAA_SIGNED = ("Prime Ministers Fumio Kishida and Scott Morrison signed the Reciprocal Access Agreement "
              "by video link on Thursday.")
RAA_RELEASE = "The two leaders signed the Japan-Australia Reciprocal Access Agreement during the video conference."


def _raa(eid: str, doc: str, sentence: str, when: TimeSpan) -> Event:
    return _event(eid, doc, sentence, category="agreement", when=when, items=(),
                  actors=(Actor("participant", "Australia", "country", "AUS"), Actor("participant", "Japan", "country", "JPN")),
                  countries=("AUS", "JPN"))


def test_an_undated_report_published_on_the_day_counts_that_day_as_weak_date_evidence():
    """A foreign ministry's release of 6 January 2022 says only that "the two leaders signed" the
    treaty; other reports date the signing to that Thursday."""
    from bilat.crossdoc.coref import features, profile
    signed = _raa("e1", "wire", RAA_SIGNED, _day(date(2022, 1, 6)))
    release = _raa("e2", "mofa", RAA_RELEASE, TimeSpan.unknown())
    same_day = {"mofa": (date(2022, 1, 6), date(2022, 1, 6))}
    a_year_later = {"mofa": (date(2023, 1, 6), date(2023, 1, 6))}
    assert features(signed, release)["date"] == 0.3                       # no publication day: neutral
    assert features(profile(signed, same_day), profile(release, same_day))["date"] > 0.3
    assert features(profile(signed, a_year_later), profile(release, a_year_later))["date"] == 0.3
    assert score_pair(profile(signed, same_day), profile(release, same_day)) > score_pair(signed, release)


# ---------------------------------------------------------------- a vessel's launch

@pytest.mark.parametrize("sentence", [
    "The launch of the submarine Humaitá at Itaguaí on Friday, attended by Brazil's defence minister, "
    "was a milestone for the programme France and Brazil agreed in 2008.",
    "Brazil's president and France's ambassador attended the launch ceremony of the submarine Humaitá at Itaguaí.",
    "Brazilian and French officials applauded as the submarine Humaitá slid into the water at Itaguaí on Friday.",
])
def test_a_submarines_launch_is_a_defence_industry_happening(nlp, sentence):
    from bilat.events.triggers import find_triggers
    doc = nlp(sentence)
    assert any(t.category == "defence_industry" for s in doc.sents for t in find_triggers(s, load_lexicon()))


def test_a_launch_without_its_own_day_or_ceremony_is_no_report(nlp):
    from bilat.events.triggers import find_triggers
    doc = nlp("The launch of the submarine programme was a political decision.")
    assert not any(t.category == "defence_industry" for s in doc.sents for t in find_triggers(s, load_lexicon()))


# ---------------------------------------------------------------- a named exercise's edition

def _drill(eid: str, sentence: str, name: str, countries: tuple[str, ...], day: date) -> Event:
    return _event(eid, f"d{eid}", sentence, category="exercise", when=_day(day), items=(Item("exercise", name),),
                  actors=tuple(Actor("participant", c, "country", c) for c in countries), countries=countries)


def test_one_edition_of_a_named_exercise_survives_one_reports_wrong_states():
    from bilat.crossdoc.coref import blocking_keys
    opening = _drill("1", "Russia and Belarus began the Zapad-2021 exercise on Friday.", "Zapad-2021",
                     ("BLR", "RUS"), date(2021, 9, 10))
    muddled = _drill("2", "Zapad-2021 ends with a show of force near Poland's border.", "Zapad-2021",
                     ("POL", "RUS"), date(2021, 9, 16))
    previous = _drill("3", "Zapad-2017 was staged near Poland's border.", "Zapad-2017", ("POL", "RUS"), date(2017, 9, 20))
    strangers = _drill("4", "Poland and Lithuania watched Zapad-2021 closely.", "Zapad-2021", ("LTU", "POL"),
                       date(2021, 9, 16))
    assert compatible(opening, muddled)
    assert {k.key for k in blocking_keys(opening)} & {k.key for k in blocking_keys(muddled)}
    assert not compatible(muddled, previous)
    assert not compatible(opening, strangers)


# ---------------------------------------------------------------- one encounter of the same people

def _encounter(eid: str, sentence: str, category: str, people: tuple[str, ...], when: TimeSpan) -> Event:
    actors = (Actor("participant", "United States", "country", "USA"), Actor("participant", "India", "country", "IND"),
              *(Actor("participant", p, "person", None) for p in people))
    return _event(eid, f"d{eid}", sentence, category=category, when=when, items=(), actors=actors,
                  countries=("IND", "USA"))


def test_a_state_visit_and_the_talks_of_the_same_leaders_that_day_are_one_happening():
    """Narendra Modi's state visit to Washington: the White House welcome and the Oval Office
    talks of 22 June 2023, told in different words by two outlets."""
    from bilat.crossdoc.coref import same_encounter
    welcome = _encounter("1", "President Joe Biden welcomed Prime Minister Narendra Modi to the White House on Thursday.",
                         "visit", ("Joe Biden", "Narendra Modi"), _day(date(2023, 6, 22)))
    talks = _encounter("2", "Modi and Biden spent two hours in the Oval Office discussing defence and technology.",
                       "meeting", ("Narendra Modi", "Joe Biden"), _day(date(2023, 6, 22), "explicit"))
    assert same_encounter(welcome, talks) and score_pair(welcome, talks) >= THRESHOLD


def test_the_same_leaders_on_another_day_or_other_people_that_day_are_not_that_encounter():
    from bilat.crossdoc.coref import same_encounter
    welcome = _encounter("1", "President Joe Biden welcomed Prime Minister Narendra Modi to the White House on Thursday.",
                         "visit", ("Joe Biden", "Narendra Modi"), _day(date(2023, 6, 22)))
    hiroshima = _encounter("2", "Biden and Modi met on the sidelines of the G7 summit in Hiroshima on 20 May 2023.",
                           "meeting", ("Joe Biden", "Narendra Modi"), _day(date(2023, 5, 20), "explicit"))
    ministers = _encounter("3", "Antony Blinken and S. Jaishankar held talks at the State Department on 22 June 2023.",
                           "meeting", ("Antony Blinken", "S. Jaishankar"), _day(date(2023, 6, 22), "explicit"))
    assert not same_encounter(welcome, hiroshima) and score_pair(welcome, hiroshima) == 0.0
    assert not same_encounter(welcome, ministers) and score_pair(welcome, ministers) < THRESHOLD


def test_joint_drills_reported_as_an_exercise_and_as_training_on_one_day_are_one_happening():
    """Balikatan 2023 opened on Tuesday 11 April 2023; one outlet calls it an exercise, another training."""
    phl_usa = (Actor("participant", "Philippines", "country", "PHL"), Actor("participant", "United States", "country", "USA"))
    exercise = _event("e1", "manila", "US and Philippine troops began the Balikatan exercise on 11 April 2023.",
                      category="exercise", when=_day(date(2023, 4, 11), "explicit"), items=(),
                      actors=phl_usa, countries=("PHL", "USA"))
    training = _event("e2", "wire", "Thousands of American soldiers began training alongside Philippine forces on Tuesday.",
                      category="training", when=_day(date(2023, 4, 11)), items=(), actors=phl_usa, countries=("PHL", "USA"))
    later = _event("e3", "wire", "American instructors trained Philippine marines in Zambales on 2 May 2023.",
                   category="training", when=_day(date(2023, 5, 2), "explicit"), items=(), actors=phl_usa,
                   countries=("PHL", "USA"))
    assert compatible(exercise, training)
    assert not compatible(exercise, later)


# ---------------------------------------------------------------- one report's order and its signing

def test_a_reports_signing_of_the_contract_is_its_order():
    from bilat.crossdoc.coref import signing_of_the_order
    order = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    signing = _event("e2", "wire", MINISTERS_SIGNED, category="agreement", when=_day(date(2021, 1, 25), "inferred"),
                     items=())
    assert signing_of_the_order(order, signing) and score_pair(order, signing) >= THRESHOLD


def test_another_agreement_signed_that_day_is_not_the_order():
    from bilat.crossdoc.coref import signing_of_the_order
    order = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    cyber = _event("e2", "wire", "The two ministers also signed an agreement on cooperation in cyber defence.",
                   category="agreement", when=_day(date(2021, 1, 25), "inferred"), items=())
    elsewhere = _event("e3", "other", MINISTERS_SIGNED, category="agreement", when=_day(date(2021, 1, 25), "inferred"),
                       items=())
    assert not signing_of_the_order(order, cyber)
    assert not signing_of_the_order(order, elsewhere)        # only within the report that tells the order


def test_a_report_putting_the_buyer_on_both_sides_is_no_reversed_transfer():
    """"Prime Minister Kyriakos Mitsotakis announced that Greece intended to buy the jets": the
    buyer's leader as the source and the buyer as a target is muddled, not France buying from Greece."""
    order = _event("e1", "wire", SIGNED_MONDAY, when=_day(date(2021, 1, 25)))
    intent = _event("e2", "wire", INTENT_2020, when=TimeSpan(date(2020, 9, 1), date(2020, 9, 30), "month", "explicit"),
                    stage="interest", factuality="negotiating", items=(),
                    actors=(Actor("source", "Kyriakos Mitsotakis", "person", "GRC"),
                            Actor("target", "Greece", "country", "GRC"), Actor("target", "France", "country", "FRA")))
    reversed_ = _event("e3", "other", "France ordered 18 Rafale jets from Greece on Monday.", when=_day(date(2021, 1, 25)),
                       actors=(Actor("source", "Greece", "country", "GRC"), Actor("target", "France", "country", "FRA")))
    assert transfer_stages(order, intent)
    assert not compatible(order, reversed_) and not transfer_stages(order, reversed_)


def test_two_reports_of_the_greek_rafale_contract_end_to_end(tmp_path):
    """Two reports of Greece's Rafale contract (fixtures/crossdoc_rules): the wire's order and its
    signing in Athens, and the maker's announcement a day later, are one event; the wire's
    September 2020 statement of intent is an earlier stage, linked and not merged."""
    from pathlib import Path
    from bilat import api
    from bilat.config import load_settings
    settings = load_settings(env={}, db=str(tmp_path / "rafale.duckdb"))
    api.ingest([Path(__file__).resolve().parent / "fixtures" / "crossdoc_rules"], settings)
    transfers = api.event_records(settings, categories=["arms_transfer"])
    order = next(e for e in transfers if e["stage"] == "order")
    intent = next(e for e in transfers if e["stage"] == "interest")
    sentences = " ".join(m["sentence"] for m in order["mentions"])
    assert order["n_documents"] == 2 and "signed the contract in Athens" in sentences
    assert "intended to buy" not in sentences
    assert api.related_events(settings)[order["id"]] == [intent["id"]]
