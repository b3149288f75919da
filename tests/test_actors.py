"""Actors: states from names, demonyms and cities; titles to the office holder of the day.

Own sentences about many states, resolved one entity at a time
(``resolve_entity``) and inside whole events (``extract_events``).
"""
from __future__ import annotations

from datetime import date

import pytest

from bilat.actors.resolve import DocContext, EntityActor, resolve_entity
from bilat.events.extract import extract_events
from bilat.records import Document, Event, PubDate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def actors(nlp, kb):
    """actors(text, on) -> {entity text: resolved actor} for one sentence, in order."""
    def run(text: str, on: date | None = None) -> dict[str, EntityActor]:
        ctx = DocContext(kb, on=on)
        found: dict[str, EntityActor] = {}
        for ent in nlp(text).ents:
            actor = resolve_entity(ent, ctx)
            if actor is not None:
                found.setdefault(ent.text, actor)
        return found
    return run


@pytest.fixture(scope="module")
def events(nlp, kb):
    def run(text: str, published: date) -> list[Event]:
        doc = Document(doc_id="doc-actors", path="notes/actors.txt", text=text,
                       published=PubDate(published, published, "metadata"))
        return extract_events(doc, nlp(text), kb)
    return run


def people(event: Event) -> dict[str, tuple[str | None, str | None]]:
    """Person name -> (country, sector)."""
    return {a.name: (a.country, a.sector) for a in event.actors if a.kind == "person"}


# ---------------------------------------------------------------- states

@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("Officials from Turkey arrived.", "Turkey", "TUR"),
    ("Officials from Türkiye arrived.", "Türkiye", "TUR"),
    ("Officials from Turkiye arrived.", "Turkiye", "TUR"),
    ("The talks were held in Baku.", "Baku", "AZE"),
    ("The delegation flew to Rawalpindi.", "Rawalpindi", "PAK"),
    ("The delegation flew to Canberra.", "Canberra", "AUS"),
    ("The envoy returned to Kyiv.", "Kyiv", "UKR"),
    ("Chilean officers attended.", "Chilean", "CHL"),
    ("South Korean engineers attended.", "South Korean", "KOR"),
])
def test_actors_names_demonyms_and_cities_resolve_to_states(actors, text, name, iso3):
    actor = actors(text)[name]
    assert actor.kind == "country"
    assert actor.country == iso3


# ---------------------------------------------------------------- titles -> office holders on a date

@pytest.mark.parametrize(("text", "title", "on", "person", "iso3"), [
    ("The Azerbaijani defence minister arrived in Ankara.", "defence minister", date(2012, 5, 1), "Safar Abiyev", "AZE"),
    ("The Azerbaijani defence minister arrived in Ankara.", "defence minister", date(2022, 5, 1), "Zakir Hasanov", "AZE"),
    ("The Turkish defence minister arrived in Baku.", "defence minister", date(2012, 5, 1), "İsmet Yılmaz", "TUR"),
    ("The Turkish defence minister arrived in Baku.", "defence minister", date(2024, 5, 1), "Yaşar Güler", "TUR"),
    ("The Indian prime minister flew to Tokyo.", "prime minister", date(2013, 6, 1), "Manmohan Singh", "IND"),
    ("The Indian prime minister flew to Tokyo.", "prime minister", date(2023, 6, 1), "Narendra Modi", "IND"),
    ("The Minister of Defence of Greece met officials.", "Minister of Defence", date(2020, 3, 1),
     "Nikolaos Panagiotopoulos", "GRC"),
    ("The US Secretary of Defense met officials.", "Secretary of Defense", date(2023, 3, 1), "Lloyd Austin", "USA"),
    ("The Pak Army chief met officials.", "Army chief", date(2023, 6, 1), "Asim Munir", "PAK"),
])
def test_actors_title_resolves_to_the_holder_in_office(actors, text, title, on, person, iso3):
    actor = actors(text, on)[title]
    assert (actor.kind, actor.name, actor.country) == ("person", person, iso3)
    assert actor.title == title


def test_actors_title_keeps_its_sector(actors):
    found = actors("The Indian prime minister met the Japanese defence minister.", date(2023, 6, 1))
    assert found["prime minister"].sector == "GOV"
    assert found["defence minister"].sector == "MIL"
    assert {found["prime minister"].country, found["defence minister"].country} == {"IND", "JPN"}


def test_actors_bare_abbreviation_follows_the_state_named_before(actors):
    found = actors("The Pak Army chief met the COAS in Rawalpindi.", date(2023, 6, 1))
    assert (found["COAS"].name, found["COAS"].country) == ("Asim Munir", "PAK")


def test_actors_title_of_a_state_without_known_holders_keeps_the_state(actors):
    actor = actors("The Kenyan foreign minister arrived.", date(2022, 5, 1))["foreign minister"]
    assert actor.kind == "person"
    assert actor.country == "KEN"
    assert actor.sector == "DIP"


# ---------------------------------------------------------------- unknown people from their context

@pytest.mark.parametrize(("text", "name", "iso3", "rank"), [
    ("Nigerian Air Vice Marshal Musa Example met Ghanaian officials.", "Musa Example", "NGA", "Air Vice Marshal"),
    ("Chilean Rear Admiral Jorge Example arrived in Lima.", "Jorge Example", "CHL", "Rear Admiral"),
])
def test_actors_unknown_officer_takes_state_and_sector_from_rank_and_demonym(actors, text, name, iso3, rank):
    actor = actors(text, date(2023, 6, 1))[name]
    assert (actor.kind, actor.country, actor.sector, actor.title) == ("person", iso3, "MIL", rank)


def test_actors_known_person_resolves_by_name(actors):
    actor = actors("Zakir Hasanov received the delegation.", date(2022, 5, 1))["Zakir Hasanov"]
    assert (actor.kind, actor.country, actor.sector) == ("person", "AZE", "MIL")


# ---------------------------------------------------------------- inside events

def test_actors_event_names_both_ministers(events):
    (meeting,) = events("The Azerbaijani defence minister met the Turkish defence minister in Ankara on "
                        "3 May 2022.", date(2022, 5, 10))
    assert meeting.category == "visit"      # held in one of the two states: a visit by the other
    assert {a.country for a in meeting.actors if a.role == "target"} == {"TUR"}
    assert people(meeting) == {"Zakir Hasanov": ("AZE", "MIL"), "Hulusi Akar": ("TUR", "MIL")}


def test_actors_event_visitor_is_the_source(events):
    (visit,) = events("The Japanese foreign minister visited the Philippines on 4 May 2022.", date(2022, 5, 10))
    visitor = [a for a in visit.actors if a.kind == "person"]
    assert [(a.role, a.name, a.country) for a in visitor] == [("source", "Yoshimasa Hayashi", "JPN")]


def test_actors_title_resolves_on_the_events_date(events):
    (visit,) = events("In 2012 the Turkish defence minister visited Azerbaijan.", date(2022, 5, 10))
    assert visit.date.start == date(2012, 1, 1)
    assert "İsmet Yılmaz" in people(visit)


def test_actors_counterpart_resolves_to_the_same_office(events):
    (meeting,) = events("The Polish defence minister met his South Korean counterpart in Seoul on 27 July 2022.",
                        date(2022, 8, 1))
    assert {c for c, _ in people(meeting).values()} == {"POL", "KOR"}


def test_actors_counterpart_without_a_known_office_stays_a_state(events):
    (meeting,) = events("Poland's envoy met his South Korean counterpart in Seoul on 27 July 2022.", date(2022, 8, 1))
    assert "KOR" in meeting.countries


def test_actors_congo_after_the_full_name_is_the_same_congo(nlp, kb):
    from bilat.actors.resolve import DocContext, resolve_entity
    doc = nlp("The Democratic Republic of Congo and Rwanda signed a deal. Congo's foreign minister spoke.")
    ctx = DocContext(kb)
    codes = [resolve_entity(ent, ctx).country for ent in doc.ents if ent.label_ == "GPE"]
    assert codes[0] == "COD" and "COG" not in codes


# ---------------------------------------------------------------- security advisers and other added offices

@pytest.mark.parametrize(("text", "title", "on", "person", "iso3"), [
    ("The American national security adviser flew to Riyadh.", "national security adviser", date(2023, 7, 27),
     "Jake Sullivan", "USA"),
    ("The American national security adviser flew to Riyadh.", "national security adviser", date(2018, 6, 1),
     "John Bolton", "USA"),
    ("The Indian National Security Advisor received the delegation.", "National Security Advisor",
     date(2022, 2, 1), "Ajit Doval", "IND"),
    ("The Russian Security Council secretary arrived in Tehran.", "Security Council secretary", date(2024, 8, 1),
     "Sergei Shoigu", "RUS"),
])
def test_actors_security_titles_resolve_to_the_holder_of_the_day(actors, text, title, on, person, iso3):
    actor = actors(text, on)[title]
    assert (actor.kind, actor.name, actor.country) == ("person", person, iso3)


def test_actors_adviser_named_with_his_title_belongs_to_his_state(events):
    found = events("Jake Sullivan, the White House national security adviser, held talks in Jeddah with "
                   "Saudi leaders on 27 July 2023.", date(2023, 7, 28))
    assert found
    assert {"USA", "SAU"} <= set(found[0].countries)
    assert people(found[0]).get("Jake Sullivan") == ("USA", "GOV")


def test_actors_head_of_government_after_a_2025_handover(actors):
    actor = actors("The German Chancellor arrived in Paris.", date(2025, 5, 7))["Chancellor"]
    assert (actor.name, actor.country) == ("Friedrich Merz", "DEU")
