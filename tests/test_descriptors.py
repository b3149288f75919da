"""Actors: a state named only by a descriptor ("the kingdom", "the Gulf state", "the
Central Asian republic") is the document's focus state or the last named state that fits;
indefinite uses, plurals and names are not descriptors; two states that fit equally give none.

Own sentences about real, public relations.
"""
from __future__ import annotations

from datetime import date

import pytest

from bilat.actors.descriptors import descriptor_lexicon, descriptor_states, described_states, descriptor_state
from bilat.actors.resolve import DocContext, resolve_entity
from bilat.datafiles import read_validated_mapping
from bilat.events.extract import extract_events
from bilat.records import Document, PubDate

pytestmark = pytest.mark.slow


def test_every_descriptor_state_is_a_known_state(kb):
    data = read_validated_mapping("state_descriptors.yaml")
    codes = {c for members in data["sets"].values() for c in members}
    assert codes - set(kb.countries) == set()
    referenced = {e["set"] for e in data["heads"] + data["modifiers"] if "set" in e}
    assert referenced <= set(data["sets"])


@pytest.mark.parametrize(("words", "expected"), [
    (["kingdom"], {"JOR", "SAU", "MAR", "BHR"}),
    (["gulf", "state"], {"SAU", "QAT", "BHR", "KWT", "OMN", "ARE"}),
    (["himalayan", "kingdom"], {"BTN"}),
    (["landlocked", "central", "asian", "republic"], {"KAZ", "UZB", "TJK", "TKM", "KGZ"}),
    (["oil", "-", "rich", "emirate"], {"QAT", "KWT"}),
    (["city", "-", "state"], {"SGP"}),
])
def test_descriptor_phrases_describe_the_states_that_fit(words, expected):
    states = descriptor_states(words)
    assert states is not None and expected <= states


def test_modifiers_narrow_by_intersection():
    assert descriptor_states(["baltic", "state"]) == {"EST", "LVA", "LTU"}
    assert descriptor_states(["landlocked", "balkan", "country"]) == {"SRB", "MKD", "XKX"}
    assert descriptor_states(["gulf", "emirate"]) == {"QAT", "KWT"}


def test_a_generic_noun_without_a_known_modifier_is_no_descriptor():
    assert descriptor_states(["country"]) is None
    assert descriptor_states(["member", "state"]) is None
    assert descriptor_states(["delegation"]) is None


def _ctx_after(nlp, kb, text: str, focus: tuple[str, ...] = ()):
    """The document analysed, with its named states noted as the extractor notes them."""
    doc = nlp(text)
    ctx = DocContext(kb, on=date(2022, 1, 1), focus=focus)
    for ent in doc.ents:
        resolve_entity(ent, ctx)
    return doc, ctx


def _head(doc, word: str, nth: int = 0):
    return [t for t in doc if t.lower_ == word][nth]


def test_the_kingdom_is_the_last_named_kingdom(nlp, kb):
    doc, ctx = _ctx_after(nlp, kb, "The Emir of Qatar flew to Amman on Sunday. "
                                   "It was his first trip to the kingdom since 2019.")
    assert descriptor_state(_head(doc, "kingdom"), ctx) == "JOR"


def test_the_focus_state_that_fits_wins_over_a_later_name(nlp, kb):
    doc, ctx = _ctx_after(nlp, kb, "Bahrain's king met the Indian ambassador. Officials from Morocco attended. "
                                   "The kingdom will host a naval exercise.", focus=("BHR", "IND"))
    assert descriptor_state(_head(doc, "kingdom"), ctx) == "BHR"


def test_two_states_that_fit_equally_give_none(nlp, kb):
    doc, ctx = _ctx_after(nlp, kb, "Jordan and Morocco signed a trade accord in Rabat. "
                                   "The kingdom has also courted Gulf investors.")
    assert descriptor_state(_head(doc, "kingdom"), ctx) is None
    doc, ctx = _ctx_after(nlp, kb, "Saudi Arabia hosted the Jordanian foreign minister. "
                                   "The kingdom announced new aid.", focus=("SAU", "JOR"))
    assert descriptor_state(_head(doc, "kingdom"), ctx) is None


def test_no_state_that_fits_gives_none(nlp, kb):
    doc, ctx = _ctx_after(nlp, kb, "Chile and Peru held border talks in Lima. The kingdom was not invited.")
    assert descriptor_state(_head(doc, "kingdom"), ctx) is None


def test_indefinite_plural_and_named_uses_are_not_descriptors(nlp):
    doc = nlp("Analysts said a kingdom like Bhutan rarely buys arms.")
    assert described_states(_head(doc, "kingdom")) is None
    doc = nlp("The Gulf states agreed to share radar data.")
    assert described_states(_head(doc, "states")) is None
    doc = nlp("The Kingdom of Bahrain joined the maritime coalition in 2019.")
    assert described_states(_head(doc, "kingdom")) is None


def test_data_file_heads_are_longest_first():
    heads = descriptor_lexicon().heads
    assert [len(h.phrase) for h in heads] == sorted((len(h.phrase) for h in heads), reverse=True)


@pytest.fixture(scope="module")
def events(nlp, kb):
    def run(text: str) -> list:
        day = date(2023, 3, 1)
        doc = Document(doc_id="doc-descriptors", path="notes/descriptors.txt", text=text,
                       published=PubDate(day, day, "metadata"))
        return extract_events(doc, nlp(text), kb)
    return run


def test_a_trip_to_a_described_state_involves_that_state(events):
    text = ("Turkey and Pakistan signed a naval shipbuilding agreement in 2018. Turkish yards are building "
            "corvettes for the Pakistan Navy. Saudi Arabia was mentioned as a possible partner. "
            "The Pakistani prime minister later flew to the kingdom for talks.")
    trips = [e for e in events(text) if any("kingdom" in m.sentence for m in e.mentions)]
    assert trips and set(trips[0].countries) == {"PAK", "SAU"}


def test_an_indefinite_kingdom_is_no_party(events):
    text = ("Turkey and Pakistan signed a naval shipbuilding agreement in 2018. Turkish yards are building "
            "corvettes for the Pakistan Navy. Saudi Arabia was mentioned as a possible partner. "
            "The Pakistani prime minister later flew to a kingdom for talks.")
    assert not any("SAU" in e.countries for e in events(text)
                   if any("kingdom" in m.sentence for m in e.mentions))


def test_names_that_end_in_a_descriptor_noun_are_names(nlp):
    doc = nlp("The United Kingdom sent two frigates to the exercise.")
    assert described_states(_head(doc, "kingdom")) is None
    doc = nlp("Officials from the Czech Republic attended the meeting.")
    assert described_states(_head(doc, "republic")) is None


def test_the_jewish_state_is_israel(nlp, kb):
    doc, ctx = _ctx_after(nlp, kb, "Bahrain opened an embassy in Tel Aviv. "
                                   "Few Arab states had relations with the Jewish state before 2020.")
    assert descriptor_state(_head(doc, "state"), ctx) == "ISR"


def test_the_kingdom_as_the_object_of_talks_resolves_to_the_focus_state_that_fits(nlp, kb):
    doc, ctx = _ctx_after(nlp, kb, "Saudi Arabia and Israel have no relations. "
                                   "Washington has been discussing a defence pact with the kingdom for months.",
                          focus=("SAU", "ISR"))
    assert descriptor_state(_head(doc, "kingdom"), ctx) == "SAU"


def test_the_schema_rejects_a_head_that_names_no_states():
    import json

    import jsonschema

    from bilat.datafiles import data_file
    schema = json.loads(data_file("schemas/state_descriptors.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {"heads": [{"phrase": "kingdom", "states": ["JOR"]}], "modifiers": [{"phrase": "gulf", "set": "g"}],
            "sets": {"g": ["QAT"]}}
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors({**good, "heads": [{"phrase": "kingdom"}]}))
    assert list(validator.iter_errors({**good, "sets": {"g": ["Qatar"]}}))
