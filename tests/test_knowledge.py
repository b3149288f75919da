"""The knowledge base: loading, validation, and every lookup the pipeline relies on."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest

from bilat.errors import KnowledgeError
from bilat.knowledge import STEMS, SCHEMA_DIR, load_knowledge


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Turkey", "TUR"), ("Turks", "TUR"), ("Ankara", "TUR"),
        ("Azerbaijani", "AZE"), ("Azerbaijanis", "AZE"), ("Azeri", "AZE"), ("Baku", "AZE"),
        ("Azerbaijan's", "AZE"), ("Azerbaijan’s", "AZE"), ("the Republic of Azerbaijan", "AZE"),
        ("Pakistani", "PAK"), ("Pakistanis", "PAK"), ("Rawalpindi", "PAK"), ("Islamabad", "PAK"),
        ("Pak", "PAK"), ("Pak Army", "PAK"), ("Pakistan's", "PAK"),
        ("Burma", "MMR"), ("Myanmar", "MMR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("Swaziland", "SWZ"), ("Persia", "IRN"), ("Ceylon", "LKA"),
        ("Indian", "IND"), ("Mumbai", "IND"), ("French", "FRA"), ("Paris", "FRA"),
        ("Ukrainian", "UKR"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
        ("U.S.", "USA"), ("Americans", "USA"), ("Washington", "USA"),
        ("South Korean", "KOR"), ("Chinese", "CHN"), ("British", "GBR"), ("Emirati", "ARE"),
        ("pakistan", "PAK"), ("the Netherlands", "NLD"), ("Kosovo", "XKX"),
    ],
)
def test_knowledge_resolves_country_forms(kb, text, iso3):
    assert kb.resolve_country(text) == iso3


@pytest.mark.parametrize("text", ["Korea", "Azerbaijani-Pakistani", "us", "pak", "Atlantis", "Mobile", ""])
def test_knowledge_unknown_or_ambiguous_country_is_none(kb, text):
    assert kb.resolve_country(text) is None


def test_knowledge_has_every_iso_country(kb):
    missing = {c.alpha_3 for c in pycountry.countries} - set(kb.countries)
    assert not missing


def test_knowledge_country_name_is_canonical(kb):
    assert kb.country_name("TUR") == "Türkiye"
    assert kb.country_name("MMR") == "Myanmar"
    assert kb.countries["PAK"].capital == "Islamabad"
    assert "Burma" in kb.countries["MMR"].old_names


def test_knowledge_country_form_names_the_kind(kb):
    assert kb.country_form("Azerbaijani") == ("AZE", "demonym")
    assert kb.country_form("Baku") == ("AZE", "capital")
    assert kb.country_form("Pakistan Army") is None   # stricter than resolve_country


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("COAS", "army_chief"), ("the army chief", "army_chief"), ("the Pak Army chief", "army_chief"),
        ("Pakistan’s Chief of Army Staff", "army_chief"), ("Chief of the Army Staff of Pakistan", "army_chief"),
        ("Chief of the General Staff", "chief_of_defence"), ("chief of general staff", "chief_of_defence"),
        ("CJCSC", "chief_of_defence"), ("the Azerbaijani defence chief", "chief_of_defence"),
        ("defense minister", "defence_minister"), ("Minister of Defence", "defence_minister"),
        ("Minister of Defense of the Republic of Azerbaijan", "defence_minister"),
        ("deputy defence minister", "deputy_defence_minister"),
        ("First Deputy Minister of Defense", "deputy_defence_minister"),
        ("naval commander", "navy_chief"), ("Naval Forces Commander", "navy_chief"), ("navy chief", "navy_chief"),
        ("Air Force Commander", "air_force_chief"), ("air chief", "air_force_chief"),
        ("foreign minister", "foreign_minister"), ("the foreign ministers", "foreign_minister"),
        ("President", "head_of_state"), ("prime minister", "head_of_government"),
        ("Ambassador Extraordinary and Plenipotentiary", "ambassador"),
        ("Military Operations Director-General", "military_operations_director"),
        ("Director General of FWO", "agency_head"),
    ],
)
def test_knowledge_office_for_title(kb, title, office):
    found = kb.office_for_title(title)
    assert found is not None and found.id == office


def test_knowledge_office_for_title_unknown_is_none(kb):
    assert kb.office_for_title("the weather forecaster") is None


@pytest.mark.parametrize(
    ("country", "office", "on", "person"),
    [
        ("PAK", "army_chief", date(2021, 6, 20), "Qamar Javed Bajwa"),
        ("PAK", "army_chief", date(2023, 12, 1), "Asim Munir"),
        ("PAK", "army_chief", date(2022, 11, 29), "Asim Munir"),   # the handover day goes to the newcomer
        ("PAK", "chief_of_defence", date(2020, 9, 1), "Nadeem Raza"),
        ("AZE", "head_of_state", date(2019, 12, 5), "Ilham Aliyev"),
    ],
)
def test_knowledge_holder_over_tenures(kb, country, office, on, person):
    holder = kb.holder(country, office, on)
    assert holder is not None and holder.person == person


def test_knowledge_holder_without_date_only_when_unique(kb, tmp_path):
    assert kb.holder("PAK", "army_chief", None) is None      # several chiefs on file
    assert kb.holder("PAK", "army_chief", date(1800, 1, 1)) is None
    extra = tmp_path / "kb.yaml"
    extra.write_text(
        "office_holders:\n"
        "  - {person: Ada Example, country: NZL, office: military_attache, start: 2019, end: 2021-06}\n",
        encoding="utf-8",
    )
    custom = load_knowledge([extra])
    only = custom.holder("NZL", "military_attache", None)
    assert only is not None and only.person == "Ada Example"
    assert only.start == date(2019, 1, 1) and only.end == date(2021, 6, 30)


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Asim Munir", "Asim Munir"), ("Syed Asim Munir", "Asim Munir"), ("General Asim", "Asim Munir"),
        ("General Syed Asim Munir", "Asim Munir"), ("President Ilham", "Ilham Aliyev"),
        ("Colonel General Zakir Hasanov", "Zakir Hasanov"), ("Air Force Commander Ramiz Tahirov", "Ramiz Tahirov"),
    ],
)
def test_knowledge_people_named(kb, name, person):
    people = kb.people_named(name)
    assert people and {p.person for p in people} == {person}


@pytest.mark.parametrize("name", ["Asim", "Nobody Atall", "Khan"])
def test_knowledge_people_named_unknown_or_ambiguous(kb, name):
    assert kb.people_named(name) == []


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("ISPR", "Inter-Services Public Relations", "PAK"),
        ("Inter-Service Public Relations", "Inter-Services Public Relations", "PAK"),
        ("GIDS", "Global Industrial and Defence Solutions", "PAK"),
        ("Global Industrial and Defense Solutions", "Global Industrial and Defence Solutions", "PAK"),
        ("the Partnership for Peace", "Partnership for Peace", None),
        ("UN Security Council", "United Nations Security Council", None),
        ("Baykar", "Baykar", "TUR"), ("Hanwha", "Hanwha Aerospace", "KOR"), ("Embraer", "Embraer", "BRA"),
        ("Organisation of Turkic States", "Organization of Turkic States", None),
    ],
)
def test_knowledge_organisation(kb, text, name, country):
    org = kb.organisation(text)
    assert org is not None and (org.name, org.country) == (name, country)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("JF-17 Thunder Block III", "JF-17 Thunder"), ("JF-17 Thunder-III", "JF-17 Thunder"),
        ("JF-17 fighter-bombers", "JF-17 Thunder"), ("Al Khalid", "Al-Khalid"), ("Al-Khalid", "Al-Khalid"),
        ("Bayraktar TB2 drones", "Bayraktar TB2"),
    ],
)
def test_knowledge_weapon(kb, text, name):
    weapon = kb.weapon(text)
    assert weapon is not None and weapon.name == name


@pytest.mark.parametrize(
    ("text", "name"), [("Three Brothers-2021", "Three Brothers"), ("AMAN-2013", "AMAN"), ("AMAN 2017", "AMAN"),
                        ("Three Brothers", "Three Brothers")]
)
def test_knowledge_exercise(kb, text, name):
    exercise = kb.exercise(text)
    assert exercise is not None and exercise.name == name


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [("Shusha", "Shusha", "AZE"), ("Fuzuli", "Fuzuli", "AZE"), ("Lachin", "Lachin", "AZE"),
     ("Nagorno-Karabakh", "Nagorno-Karabakh", None), ("Jammu and Kashmir", "Kashmir", None),
     ("the Arabian Sea", "Arabian Sea", None), ("Donbass", "Donbas", None), ("Gaza Strip", "Gaza", None)],
)
def test_knowledge_place(kb, text, name, country):
    place = kb.place(text)
    assert place is not None and (place.name, place.country) == (name, country)


@pytest.mark.parametrize(
    ("text", "rank"),
    [("Air Vice Marshal", "Air Vice Marshal"), ("AVM", "Air Vice Marshal"), ("Colonel General", "Colonel General"),
     ("Lt Gen", "Lieutenant General"), ("Lieutenant General", "Lieutenant General"), ("Admiral", "Admiral")],
)
def test_knowledge_rank(kb, text, rank):
    assert kb.rank(text) == (rank, "MIL")


def test_knowledge_default_is_cached(kb):
    assert load_knowledge() is kb


def test_knowledge_every_stem_has_a_schema():
    assert all((SCHEMA_DIR / f"{stem}.schema.json").exists() for stem in STEMS)


def test_knowledge_kb_file_adds_records(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "weapons:\n"
        "  - {name: Zephyr Glider, aliases: [ZG-9], type: drone, makers: [NZL]}\n"
        "countries:\n"
        "  - {iso3: NZL, names: [Aotearoa]}\n",
        encoding="utf-8",
    )
    custom = load_knowledge([extra])
    assert custom.weapon("ZG-9").name == "Zephyr Glider"
    assert custom.resolve_country("Aotearoa") == "NZL"
    assert custom.resolve_country("New Zealand") == "NZL"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        ("weapons:\n  - {name: A, type: drone}\n  - {name: B}\n", ["bad.yaml", "record 1", "line 3", "'type'"]),
        ("exercises:\n  - {name: X, kind: naval, participants: [pakistan]}\n", ["record 0", "participants.0"]),
        ("office_holders:\n  - {person: Y, country: PAK, office: army_chief, start: 'soon'}\n", ["record 0", "'start'"]),
        ("places:\n  - {name: Z, kind: district, colour: red}\n", ["record 0", "'colour'"]),
        ("gadgets:\n  - {name: Q}\n", ["bad.yaml", "unknown knowledge stem 'gadgets'"]),
        ("- {name: Q}\n", ["bad.yaml", "mapping"]),
        ("weapons: [\n", ["bad.yaml", "not valid"]),
    ],
)
def test_knowledge_malformed_kb_file_names_file_record_and_field(tmp_path, content, fragments):
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([_write(tmp_path, content)])
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message


def test_knowledge_missing_kb_file_is_reported(tmp_path):
    with pytest.raises(KnowledgeError, match="not found"):
        load_knowledge([tmp_path / "absent.yaml"])


@pytest.mark.parametrize(("name", "iso3"), [
    ("Democratic Republic of Congo", "COD"), ("DR Congo", "COD"), ("Republic of Congo", "COG"),
])
def test_knowledge_the_two_congos_stay_apart(kb, name, iso3):
    assert kb.resolve_country(name) == iso3


def test_knowledge_a_crown_prince_is_not_a_head_of_state(kb):
    office = kb.office_for_title("Crown Prince")
    assert office is None or office.id != "head_of_state"


# ---------------------------------------------------------------- offices and systems news names often

@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("National Security Adviser", "national_security_adviser"),
        ("national security advisor", "national_security_adviser"),
        ("the American national security adviser", "national_security_adviser"),
        ("Secretary of the Supreme National Security Council", "security_council_secretary"),
        ("Russia's Security Council secretary", "security_council_secretary"),
        ("Taoiseach", "head_of_government"),
    ],
)
def test_knowledge_security_offices_have_titles(kb, title, office):
    found = kb.office_for_title(title)
    assert found is not None and found.id == office


@pytest.mark.parametrize(
    ("country", "office", "on", "person"),
    [
        ("USA", "national_security_adviser", date(2018, 6, 1), "John Bolton"),
        ("USA", "national_security_adviser", date(2023, 7, 27), "Jake Sullivan"),
        ("USA", "national_security_adviser", date(2025, 3, 1), "Mike Waltz"),
        ("IND", "national_security_adviser", date(2020, 1, 1), "Ajit Doval"),
        ("RUS", "security_council_secretary", date(2022, 3, 1), "Nikolai Patrushev"),
        ("RUS", "security_council_secretary", date(2024, 9, 1), "Sergei Shoigu"),
        ("DEU", "head_of_government", date(2025, 4, 30), "Olaf Scholz"),
        ("DEU", "head_of_government", date(2025, 6, 1), "Friedrich Merz"),
        ("USA", "chief_of_defence", date(2024, 6, 1), "Charles Q. Brown Jr."),
        ("USA", "chief_of_defence", date(2025, 3, 15), None),      # Brown dismissed, Caine not yet in office
        ("ARG", "head_of_state", date(2024, 5, 1), "Javier Milei"),
        ("ISR", "defence_minister", date(2019, 6, 1), "Benjamin Netanyahu"),
    ],
)
def test_knowledge_added_tenures_name_the_holder_of_the_day(kb, country, office, on, person):
    holder = kb.holder(country, office, on)
    assert (holder.person if holder else None) == person


@pytest.mark.parametrize(
    ("name", "country"),
    [("Jake Sullivan", "USA"), ("Gustavo Petro", "COL"), ("Nicolas Maduro", "VEN"), ("Xi", "CHN"),
     ("Andrej Plenkovic", "HRV"), ("Kishida Fumio", "JPN"), ("Felix Tshisekedi", "COD")],
)
def test_knowledge_people_often_in_the_news_are_on_file(kb, name, country):
    people = kb.people_named(name)
    assert people and {p.country for p in people} == {country}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("RAF Typhoons", "Eurofighter Typhoon"), ("Typhoon FGR4", "Eurofighter Typhoon"),
        ("F-16AM", "F-16 Fighting Falcon"), ("F-16s", "F-16 Fighting Falcon"), ("Rafale fighters", "Dassault Rafale"),
        ("K2 tanks", "K2 Black Panther"), ("GM200 radars", "Ground Master 200"),
        ("CH-92A drones", "CASC Rainbow CH-92"), ("Chunmoo rocket launchers", "K239 Chunmoo"),
        ("JASSM-ER", "AGM-158 JASSM"),
    ],
)
def test_knowledge_weapon_short_forms(kb, text, name):
    weapon = kb.weapon(text)
    assert weapon is not None and weapon.name == name


@pytest.mark.parametrize("text", ["Typhoon", "Fattah", "Redback"])
def test_knowledge_bare_common_words_are_not_weapons(kb, text):
    """A storm, a given name and a spider: only their qualified forms name the systems."""
    assert kb.weapon(text) is None


def test_knowledge_added_makers(kb):
    assert kb.weapon("Ground Master 200").makers == ("FRA",)
    assert kb.weapon("CH-92").makers == ("CHN",)
    assert kb.weapon("K239 Chunmoo").makers == ("KOR",)
