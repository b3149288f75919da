"""The recall mode (events/fallback.py): a sentence naming two states that no trigger word
catches becomes a low-confidence event of the category its words suggest, only when asked."""
from __future__ import annotations

from datetime import date

import pytest

from bilat.config import load_settings
from bilat.datafiles import read_validated_mapping
from bilat.events import fallback
from bilat.events.extract import extract_events
from bilat.records import Document, PubDate

UNCAUGHT = "Vietnam has quietly turned to India for spare parts for its Soviet-era fleet."


def events_of(nlp, kb, text: str, recall: bool, genre: str = "news"):
    doc = Document(doc_id="doc-fallback", path="notes/fallback.txt", text=text,
                   published=PubDate(date(2023, 6, 1), date(2023, 6, 1), "metadata"), genre=genre)
    return extract_events(doc, nlp(doc.text), kb, fallback=recall)


@pytest.mark.slow
def test_a_sentence_no_trigger_word_catches_is_an_event_only_in_recall_mode(nlp, kb):
    assert events_of(nlp, kb, UNCAUGHT, recall=False) == []
    (event,) = events_of(nlp, kb, UNCAUGHT, recall=True)
    assert set(event.countries) == {"IND", "VNM"} and event.confidence < 0.5
    assert event.mentions[0].sentence == UNCAUGHT


@pytest.mark.slow
def test_recall_mode_reads_news_only_in_comment_an_untriggered_sentence_is_an_opinion(nlp, kb):
    assert events_of(nlp, kb, UNCAUGHT, recall=True, genre="opinion") == []
    assert events_of(nlp, kb, UNCAUGHT, recall=True, genre="analysis") == []


@pytest.mark.slow
def test_recall_mode_needs_two_states_named_in_the_sentence(nlp, kb):
    assert events_of(nlp, kb, "Vietnam has quietly turned to new suppliers for spare parts for its fleet.",
                     recall=True) == []


def test_recall_mode_is_off_unless_asked():
    assert load_settings(env={}).fallback is False
    assert load_settings(env={"BILAT_FALLBACK": "1"}).fallback is True


def test_naive_bayes_names_the_class_whose_words_a_sentence_uses():
    data = fallback.train([(["deliver", "jet"], "arms_transfer"), (["deliver", "tank"], "arms_transfer"),
                           (["drill", "joint"], "exercise"), (["drill", "naval"], "exercise"),
                           (["capital", "river"], "none"), (["capital", "mountain"], "none")], min_count=1)
    model = fallback.CategoryModel(
        priors={k: c["log_prior"] for k, c in data["classes"].items()},
        likelihoods={k: c["log_likelihood"] for k, c in data["classes"].items()},
        unseen={k: c["log_unseen"] for k, c in data["classes"].items()}, min_margin=0.0)
    best = lambda words: max(fallback.scores(words, model).items(), key=lambda kv: kv[1])[0]  # noqa: E731
    assert best(["deliver", "jet"]) == "arms_transfer"
    assert best(["joint", "drill"]) == "exercise"
    assert best(["capital", "river"]) == "none"


def test_the_shipped_model_is_valid_and_never_trained_on_the_later_held_out_sets():
    data = read_validated_mapping(fallback.MODEL_FILE)
    assert {"none", "visit", "arms_transfer", "criticism"} <= set(data["classes"])
    assert not set(data["trained_on"]) & {"dev6", "dev7", "dev8"}


@pytest.mark.slow
def test_a_doubt_anywhere_in_the_sentence_keeps_a_fallback_event_from_being_asserted(nlp, kb):
    (event,) = events_of(nlp, kb, "Analysts suggest that Vietnam could turn to India for spare parts for its "
                                  "Soviet-era fleet.", recall=True)
    assert event.factuality != "asserted"
