"""The five seed articles, end to end: what an analyst must see for each.

The seeds are read through the conftest fixtures and run through the real
pipeline. Sentences are located by a few of their own words, never copied.
Expectations the extractor does not meet yet stay here as non-strict xfails:
they document the spec until the extractor catches up.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bilat.config import load_settings
from bilat.pipeline import process
from bilat.records import CATEGORIES, FACTUALITIES, DocumentResult, Event

pytestmark = pytest.mark.slow

ISO3 = re.compile(r"^[A-Z]{3}$")


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, kb, nlp) -> dict[str, DocumentResult]:
    """Seed number ("000" ... "004") -> the pipeline's result for that article."""
    results = list(process([seeds_dir], load_settings(env={}, db=":memory:"), kb=kb, nlp=nlp))
    rejected = [r for r in results if not isinstance(r, DocumentResult)]
    assert not rejected, f"a seed was rejected: {rejected}"
    return {Path(r.document.path).name[:3]: r for r in results}


def events_saying(result: DocumentResult, words: str, category: str | None = None) -> list[Event]:
    """Events with a mention whose sentence contains ``words`` (optionally of one category)."""
    return [e for e in result.events
            if any(words in m.sentence for m in e.mentions) and category in (None, e.category)]


def the_event(result: DocumentResult, words: str, category: str) -> Event:
    found = events_saying(result, words, category)
    assert len(found) == 1, (
        f"expected one {category} event reported by the sentence with {words!r}, got "
        f"{[(e.category, e.factuality, e.countries) for e in events_saying(result, words)]}")
    return found[0]


def role_countries(event: Event, role: str) -> set[str]:
    return {a.country for a in event.actors if a.role == role and a.country}


def person_names(event: Event) -> set[str]:
    return {a.name for a in event.actors if a.kind == "person"}


def day(event: Event) -> date | None:
    assert event.date.granularity == "day", f"{event.category} dated {event.date}"
    assert event.date.start == event.date.end
    return event.date.start


def paragraph_span(text: str, words: str) -> tuple[int, int]:
    """Character range of the paragraph (line) of ``text`` that contains ``words``."""
    at = text.index(words)
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


# ---------------------------------------------------------------- every seed

def test_seeds_every_seed_is_read_and_yields_events(seeds):
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    for number, result in seeds.items():
        assert result.n_sentences > 5, number
        assert result.events, f"seed {number} yielded no event"


def test_seeds_every_event_has_evidence_in_its_document(seeds):
    for number, result in seeds.items():
        text = result.document.text
        for event in result.events:
            assert event.mentions, f"seed {number}: {event.category} without a mention"
            for m in event.mentions:
                assert m.doc_id == result.document.doc_id
                assert text[m.start:m.end] == m.sentence, f"seed {number}: offsets of {m.sentence[:60]!r}"


def test_seeds_every_event_involves_two_known_states(seeds, kb):
    for number, result in seeds.items():
        for event in result.events:
            assert len(set(event.countries)) >= 2, f"seed {number}: {event.category} {event.countries}"
            assert all(ISO3.match(c) and c in kb.countries for c in event.countries), event.countries


def test_seeds_every_event_uses_the_taxonomy(seeds):
    for result in seeds.values():
        for event in result.events:
            assert event.category in CATEGORIES
            assert event.factuality in FACTUALITIES
            assert all(m.factuality in FACTUALITIES for m in event.mentions)
            assert all(a.role in {"source", "target", "participant"} for a in event.actors)
            if event.date.start and event.date.end:
                assert event.date.start <= event.date.end


def test_seeds_event_ids_are_unique(seeds):
    ids = [e.id for r in seeds.values() for e in r.events]
    assert len(ids) == len(set(ids))


def test_seeds_concern_pakistan_and_azerbaijan(seeds):
    for number, result in seeds.items():
        involved = {c for e in result.events for c in e.countries}
        assert {"AZE", "PAK"} <= involved, number


# ---------------------------------------------------------------- 004: news report, June 2021

def test_seeds_004_publication_date_is_inferred_from_the_text(seeds):
    published = seeds["004"].document.published
    assert published.basis in {"text", "inferred"}
    assert published.start is not None and published.end is not None
    assert published.start <= date(2021, 6, 17) <= published.end


@pytest.mark.parametrize(("words", "when"), [
    ("On June 9 a meeting", date(2021, 6, 9)),
    ("On June 17 Pakistani", date(2021, 6, 17)),
])
def test_seeds_004_june_meetings_are_asserted_and_dated_to_the_day(seeds, words, when):
    meeting = the_event(seeds["004"], words, "meeting")
    assert meeting.factuality == "asserted"
    assert {"AZE", "PAK"} <= set(meeting.countries)
    assert day(meeting) == when


def test_seeds_004_june_17_meeting_names_both_officers(seeds):
    meeting = the_event(seeds["004"], "On June 17 Pakistani", "meeting")
    people = {a.name: a for a in meeting.actors if a.kind == "person"}
    assert people["Tariq Zia"].country == "PAK"
    assert people["Tariq Zia"].sector == "MIL"
    assert people["Ramiz Tahirov"].country == "AZE"


def test_seeds_004_the_following_day_follows_the_june_9_meeting(seeds):
    meeting = the_event(seeds["004"], "The following day the Pakistani", "meeting")
    assert meeting.factuality == "asserted"
    assert day(meeting) == date(2021, 6, 10)
    assert meeting.date.basis == "relative"


def test_seeds_004_the_following_day_dates_every_event_of_its_sentence_alike(seeds):
    dated = [e for e in events_saying(seeds["004"], "The following day the Pakistani") if e.date.known]
    assert dated
    assert {e.date.start for e in dated} == {date(2021, 6, 10)}


def test_seeds_004_army_chief_visit_is_planned_for_june_20(seeds):
    visit = the_event(seeds["004"], "will visit Azerbaijan on June 20", "visit")
    assert visit.factuality == "planned"
    assert day(visit) == date(2021, 6, 20)
    assert "PAK" in role_countries(visit, "source")
    assert "AZE" in role_countries(visit, "target")
    assert "Qamar Javed Bajwa" in person_names(visit)


def test_seeds_004_headline_joins_the_planned_visit(seeds):
    (headline,) = events_saying(seeds["004"], "chief of army staff to visit", "visit")
    assert headline is the_event(seeds["004"], "will visit Azerbaijan on June 20", "visit")


def test_seeds_004_refusal_to_recognise_armenia_is_negated_recognition(seeds):
    refusal = the_event(seeds["004"], "refuses to recognize Armenia", "recognition")
    assert refusal.factuality == "negated"
    assert "PAK" in role_countries(refusal, "source")
    assert "ARM" in role_countries(refusal, "target")


def test_seeds_004_early_recognition_is_asserted_and_dated_1991(seeds):
    recognition = the_event(seeds["004"], "second nation to recognize", "recognition")
    assert recognition.factuality == "asserted"
    assert {"AZE", "PAK"} <= set(recognition.countries)
    assert recognition.date.granularity == "year" and recognition.date.start == date(1991, 1, 1)


def test_seeds_004_early_recognition_runs_from_pakistan_to_azerbaijan(seeds):
    recognition = the_event(seeds["004"], "second nation to recognize", "recognition")
    assert role_countries(recognition, "source") == {"PAK"}
    assert "AZE" in role_countries(recognition, "target")


def test_seeds_004_agreement_of_2002_is_asserted_and_dated_to_the_year(seeds):
    agreement = the_event(seeds["004"], "signed an agreement on Cooperation", "agreement")
    assert agreement.factuality == "asserted"
    assert {"AZE", "PAK"} <= set(agreement.countries)
    assert agreement.date.granularity == "year"
    assert (agreement.date.start, agreement.date.end) == (date(2002, 1, 1), date(2002, 12, 31))


def test_seeds_004_background_visits_are_separate_events_with_their_years(seeds):
    visits = events_saying(seeds["004"], "signed an agreement on Cooperation", "visit")
    by_year = {e.date.start.year: e for e in visits if e.date.known and e.date.granularity == "year"}
    assert sorted(by_year) == [2004, 2010, 2016]
    for year, visit in by_year.items():
        assert visit.factuality == "asserted", year
        assert "PAK" in role_countries(visit, "source"), year
        assert {"AZE", "PAK"} <= set(visit.countries), year


def test_seeds_004_background_visits_have_distinct_ids(seeds):
    visits = events_saying(seeds["004"], "signed an agreement on Cooperation", "visit")
    assert len({e.id for e in visits}) == len(visits) == 3


def test_seeds_004_background_visits_name_the_visitors(seeds):
    visits = events_saying(seeds["004"], "signed an agreement on Cooperation", "visit")
    by_year = {e.date.start.year: person_names(e) for e in visits if e.date.known}
    assert "Pervez Musharraf" in by_year[2004]
    assert any("Ather Ali" in name for name in by_year[2010])


@pytest.mark.xfail(strict=False, reason="extractor: the 2016 visit ('then-former Prime Minister ... visited') "
                                        "has AZE as a participant, not as the host (target)")
def test_seeds_004_background_visits_are_hosted_by_azerbaijan(seeds):
    visits = events_saying(seeds["004"], "signed an agreement on Cooperation", "visit")
    assert visits
    for visit in visits:
        assert "AZE" in role_countries(visit, "target"), visit.date


def test_seeds_004_assumption_about_pilots_is_speculative(seeds):
    found = events_saying(seeds["004"], "It is to be assumed")
    assert found
    assert all(e.factuality == "speculative" for e in found)


def test_seeds_004_last_years_war_is_dated_to_2020(seeds):
    (war,) = events_saying(seeds["004"], "It is to be assumed", "armed_conflict")
    assert war.date.start is not None and war.date.start.year == 2020


def test_seeds_004_pilot_training_involves_both_states(seeds):
    training = events_saying(seeds["004"], "thanked his military counterpart for training", "training")
    assert training
    assert all({"AZE", "PAK"} <= set(e.countries) for e in training)


def test_seeds_004_pakistan_trains_azerbaijani_pilots(seeds):
    (training,) = events_saying(seeds["004"], "thanked his military counterpart for training", "training")
    assert role_countries(training, "source") == {"PAK"}
    assert "AZE" in role_countries(training, "target")


def test_seeds_004_jf17_interest_is_negotiating(seeds):
    interest = the_event(seeds["004"], "Baku was interested in obtaining", "arms_transfer")
    assert interest.factuality == "negotiating"
    assert "PAK" in role_countries(interest, "source")
    assert "AZE" in role_countries(interest, "target")


# ---------------------------------------------------------------- 000: opinion piece, COAS visit

CLOSING_RECOMMENDATIONS = ("It is suggested", "immense potential", "should consider", "should also extend")


def test_seeds_000_is_an_opinion_piece(seeds):
    assert seeds["000"].document.genre == "opinion"


@pytest.mark.parametrize("words", [
    "It is suggested",
    "immense potential",
    "should consider",
    "should also extend",
])
def test_seeds_000_closing_recommendations_are_never_asserted(seeds, words):
    result = seeds["000"]
    start, end = paragraph_span(result.document.text, words)
    inside = [(e, m) for e in result.events for m in e.mentions if start <= m.start < end]
    for event, mention in inside:
        assert mention.factuality != "asserted", mention.sentence[:80]
        assert event.factuality != "asserted", (event.category, mention.sentence[:80])


def test_seeds_000_closing_recommendations_yield_proposals(seeds):
    result = seeds["000"]
    start, _ = paragraph_span(result.document.text, CLOSING_RECOMMENDATIONS[0])
    late = {m.factuality for e in result.events for m in e.mentions if m.start >= start}
    assert "proposed" in late


def test_seeds_000_coas_visit_is_one_asserted_event_with_several_mentions(seeds):
    visit = the_event(seeds["000"], "During the visit, COAS held", "visit")
    assert visit.factuality == "asserted"
    assert len(visit.mentions) >= 2
    assert "PAK" in role_countries(visit, "source")
    assert "AZE" in role_countries(visit, "target")
    assert "Asim Munir" in person_names(visit)
    for words in ("visit to Baku: An expert opinion", "the visit of General Asim"):
        assert events_saying(seeds["000"], words, "visit") == [visit], words


def test_seeds_000_coas_visit_involves_only_the_two_states(seeds):
    visit = the_event(seeds["000"], "During the visit, COAS held", "visit")
    assert set(visit.countries) == {"AZE", "PAK"}


def test_seeds_000_coas_resolves_to_the_army_chief(seeds):
    visit = the_event(seeds["000"], "During the visit, COAS held", "visit")
    munir = [a for a in visit.actors if a.name == "Asim Munir"]
    assert munir and all(a.country == "PAK" and a.sector == "MIL" for a in munir)


def test_seeds_000_jf17_negotiations_are_negotiating_arms_transfer(seeds):
    sale = the_event(seeds["000"], "serious negotiations for the sale", "arms_transfer")
    assert sale.factuality == "negotiating"
    assert "PAK" in role_countries(sale, "source")
    assert "AZE" in role_countries(sale, "target")
    assert any(i.kind == "weapon_system" and "JF-17" in i.name for i in sale.items)


def test_seeds_000_three_brothers_exercise(seeds):
    drill = the_event(seeds["000"], "jointly conducted their first-ever joint drills", "exercise")
    assert drill.factuality == "asserted"
    assert {"AZE", "PAK", "TUR"} <= set(drill.countries)
    assert (drill.date.granularity, drill.date.start) == ("month", date(2021, 9, 1))
    assert any(i.kind == "exercise" and i.name.startswith("Three Brothers") for i in drill.items)


def test_seeds_000_refusal_of_ties_with_armenia_is_pakistans(seeds):
    refusal = the_event(seeds["000"], "refusing to establish diplomatic ties", "recognition")
    assert refusal.factuality == "negated"
    assert {"ARM", "PAK"} <= set(refusal.countries)


# ---------------------------------------------------------------- 001: opinion piece, December meeting

def test_seeds_001_super_mushak_acquisition_is_an_asserted_transfer(seeds, kb):
    transfer = the_event(seeds["001"], "acquired ten Super Mushak", "arms_transfer")
    assert transfer.factuality == "asserted"
    assert "PAK" in role_countries(transfer, "source")
    assert "AZE" in role_countries(transfer, "target")
    (item,) = [i for i in transfer.items if i.kind == "weapon_system"]
    assert item.name == kb.weapon("Super Mushak").name
    assert item.quantity == 10


def test_seeds_001_interest_in_buying_jf17_is_negotiating(seeds):
    interest = the_event(seeds["001"], "interested in buying Pakistani JF-17", "arms_transfer")
    assert interest.factuality == "negotiating"
    assert "PAK" in role_countries(interest, "source")
    assert "AZE" in role_countries(interest, "target")
    assert any("JF-17" in i.name for i in interest.items)


def test_seeds_001_aman_participation_is_an_exercise_with_its_name(seeds):
    exercise = the_event(seeds["001"], "took part in the multinational naval", "exercise")
    assert exercise.factuality == "asserted"
    assert {"AZE", "PAK"} <= set(exercise.countries)
    assert any(i.kind == "exercise" and i.name == "AMAN-2013" for i in exercise.items)


def test_seeds_001_ambassador_meeting_names_both_sides(seeds):
    meeting = the_event(seeds["001"], "on Thursday, December 5", "meeting")
    assert meeting.factuality == "asserted"
    sides = {a.country for a in meeting.actors if a.kind == "person"}
    assert sides == {"AZE", "PAK"}
    assert "Zakir Hasanov" in person_names(meeting)


def test_seeds_001_thursday_december_5_is_2019(seeds):
    meeting = the_event(seeds["001"], "on Thursday, December 5", "meeting")
    assert day(meeting) == date(2019, 12, 5)
    published = seeds["001"].document.published      # "Last week, on Thursday, December 5": the week after
    assert (published.start, published.end) == (date(2019, 12, 9), date(2019, 12, 15))


@pytest.mark.xfail(strict=False, reason="extractor: the asserted agreement sentence is merged with a hypothetical "
                                        "('if there was a direct flight') and the event becomes speculative")
def test_seeds_001_agreement_providing_for_exercises_stays_asserted(seeds):
    agreement = the_event(seeds["001"], "enshrined in the relevant agreement", "agreement")
    assert agreement.factuality == "asserted"
    assert not any("direct flight" in m.sentence for m in agreement.mentions)


def test_seeds_001_sidebar_headlines_yield_no_events(seeds):
    states = {c for e in seeds["001"].events for c in e.countries}
    assert not states & {"OMN", "LKA", "GBR"}


# ---------------------------------------------------------------- 002: analyst interview

def test_seeds_002_recognition_since_december_1991(seeds):
    recognition = the_event(seeds["002"], "has recognized Azerbaijan as an independent", "recognition")
    assert recognition.factuality == "asserted"
    assert {"AZE", "PAK"} <= set(recognition.countries)
    assert day(recognition) == date(1991, 12, 12)


def test_seeds_002_recognition_runs_from_pakistan(seeds):
    recognition = the_event(seeds["002"], "has recognized Azerbaijan as an independent", "recognition")
    assert role_countries(recognition, "source") == {"PAK"}


def test_seeds_002_chief_of_staff_visit_to_pakistan_is_asserted(seeds):
    visit = the_event(seeds["002"], "who visited Pakistan these days", "visit")
    assert visit.factuality == "asserted"
    assert {"AZE", "PAK"} <= set(visit.countries)
    assert "Karim Valiyev" in person_names(visit)


def test_seeds_002_chief_of_staff_visit_runs_from_azerbaijan(seeds):
    visit = the_event(seeds["002"], "who visited Pakistan these days", "visit")
    assert "AZE" in role_countries(visit, "source")
    assert "PAK" in role_countries(visit, "target")


def test_seeds_002_joint_production_suggestion_is_proposed(seeds):
    found = events_saying(seeds["002"], "It is suggested that a joint", "defence_industry")
    assert found
    for event in found:
        assert event.factuality == "proposed"
        assert {"AZE", "PAK"} <= set(event.countries)


def test_seeds_002_non_recognition_of_armenia_is_pakistans(seeds):
    refusal = the_event(seeds["002"], "has not yet recognized Armenia", "recognition")
    assert refusal.factuality == "negated"
    assert {"ARM", "PAK"} <= set(refusal.countries)


def test_seeds_002_non_recognition_of_armenia_is_negated(seeds):
    refusal = the_event(seeds["002"], "has not yet recognized Armenia", "recognition")
    assert refusal.factuality == "negated"
    assert "ARM" in refusal.countries


def test_seeds_002_trilateral_agreement_of_january_2021(seeds):
    agreement = the_event(seeds["002"], "with the signing of an agreement", "agreement")
    assert agreement.factuality == "asserted"
    assert {"AZE", "PAK", "TUR"} <= set(agreement.countries)
    assert (agreement.date.granularity, agreement.date.start) == ("month", date(2021, 1, 1))


def test_seeds_002_wish_list_of_arms_is_not_asserted(seeds):
    found = events_saying(seeds["002"], "These are and may also be")
    assert all(e.factuality != "asserted" for e in found)
    assert not [e for e in found if e.category == "criticism"]


# ---------------------------------------------------------------- 003: news report of the COAS visit

def test_seeds_003_visit_is_one_asserted_event_from_pakistan_to_azerbaijan(seeds):
    visit = the_event(seeds["003"], "is in Azerbaijan to improve", "visit")
    assert visit.factuality == "asserted"
    assert "PAK" in role_countries(visit, "source")
    assert "AZE" in role_countries(visit, "target")
    assert len(visit.mentions) >= 3
    for words in ("travelled to a country", "The purpose of his visit"):
        assert events_saying(seeds["003"], words, "visit") == [visit], words


def test_seeds_003_visit_is_attributed_to_the_army_press_office(seeds):
    visit = the_event(seeds["003"], "is in Azerbaijan to improve", "visit")
    said = " ".join(m.attribution or "" for m in visit.mentions) + " " + (visit.attribution or "")
    assert "media wing" in said or "ISPR" in said or "Public Relations" in said


def test_seeds_003_ispr_sentence_is_attributed_to_ispr(seeds):
    visit = the_event(seeds["003"], "is in Azerbaijan to improve", "visit")
    (mention,) = [m for m in visit.mentions if "travelled to a country" in m.sentence]
    assert mention.attribution is not None
    assert "ISPR" in mention.attribution or "Public Relations" in mention.attribution


def test_seeds_003_ispr_paraphrase_keeps_its_source(seeds):
    found = events_saying(seeds["003"], "According to ISPR, the senior")
    assert found
    assert all("ISPR" in (m.attribution or "") for e in found for m in e.mentions
               if "According to ISPR" in m.sentence)


def test_seeds_003_hardware_purchases_are_an_asserted_transfer(seeds):
    transfer = the_event(seeds["003"], "continued to purchase defence hardware", "arms_transfer")
    assert transfer.factuality == "asserted"
    assert "PAK" in role_countries(transfer, "source")
    assert "AZE" in role_countries(transfer, "target")


def test_seeds_003_hedged_clauses_are_never_asserted(seeds):
    hedged = [m for e in seeds["003"].events for m in e.mentions if "could have contained" in m.sentence]
    assert all(m.factuality == "speculative" for m in hedged)


def test_seeds_003_comment_form_yields_no_events(seeds):
    assert not any("enter your" in m.sentence for e in seeds["003"].events for m in e.mentions)
