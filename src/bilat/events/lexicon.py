"""Loads the cue lexicons (categories, factuality, attribution) from bilat/data.

The words live in YAML; this module only checks their shape and turns them into
frozen lookup tables. A broken file fails with its name and the key at fault.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import read_data_mapping
from ..errors import KnowledgeError
from ..records import CATEGORIES, FACTUALITIES


@dataclass(frozen=True)
class CategoryCues:
    category: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    needs: frozenset[str]


@dataclass(frozen=True)
class FactualityCues:
    factuality: str
    modals: frozenset[str]
    governing: frozenset[str]
    negations: frozenset[str]
    frames: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Lexicon:
    categories: tuple[CategoryCues, ...]
    light_verbs: frozenset[str]
    military_nouns: frozenset[str]
    purpose_verbs: frozenset[str]
    topic_heads: frozenset[str]
    context_preps: frozenset[str]
    eventive_heads: frozenset[str]
    act_nouns: frozenset[str]
    diplomatic_nouns: frozenset[str]
    topic_verbs: frozenset[str]
    weapon_nouns: frozenset[str]
    relief_nouns: frozenset[str]
    disaster_nouns: frozenset[str]
    prospect_heads: frozenset[str]
    intransitive_verbs: frozenset[str]
    state_bodies: frozenset[str]
    private_roles: frozenset[str]
    movement_verbs: frozenset[str]
    traveller_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    praise_nouns: frozenset[str]
    blame_nouns: frozenset[str]
    accusation_words: frozenset[str]
    stationed_nouns: frozenset[str]
    ruling_nouns: frozenset[str]
    court_nouns: frozenset[str]
    envoy_nouns: frozenset[str]
    non_visitors: frozenset[str]
    boundary_nouns: frozenset[str]
    nearness_preps: frozenset[str]
    outcome_verbs: frozenset[str]
    hosting_verbs: frozenset[str]
    party_nouns: frozenset[str]
    denying_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    remote_meeting_words: frozenset[str]
    duration_verbs: frozenset[str]
    until_preps: frozenset[str]
    failed_outcome_verbs: frozenset[str]
    recall_verbs: frozenset[str]
    court_verbs: frozenset[str]
    factuality: tuple[FactualityCues, ...]        # in precedence order
    asserted_frames: tuple[tuple[str, ...], ...]
    neutral_frames: tuple[tuple[str, ...], ...]
    reporting_verbs: frozenset[str]
    source_nouns: frozenset[str]
    attribution_prefixes: tuple[tuple[str, ...], ...]
    agencies: tuple[str, ...]


def _words(data: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: '{key}' must be a list of strings")
    return frozenset(v.lower() for v in value)


def _phrases(data: dict[str, Any], key: str, where: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(p.split()) for p in _words(data, key, where)), key=lambda p: (-len(p), p)))


def _category_cues(data: dict[str, Any]) -> tuple[CategoryCues, ...]:
    cues = []
    for category in CATEGORIES:
        entry = data.get(category)
        if not isinstance(entry, dict):
            raise KnowledgeError(f"categories.yaml: category '{category}' is missing or not a mapping")
        where = f"categories.yaml: {category}"
        cues.append(CategoryCues(category, _words(entry, "verbs", where), _words(entry, "nouns", where),
                                 _phrases(entry, "phrases", where), _words(entry, "needs", where)))
    return tuple(cues)


def _factuality_cues(data: dict[str, Any]) -> tuple[FactualityCues, ...]:
    order = data.get("precedence")
    if sorted(order or []) != sorted(FACTUALITIES):
        raise KnowledgeError("factuality.yaml: 'precedence' must list each of " + ", ".join(FACTUALITIES))
    cues = []
    for name in order:
        entry = data.get(name, {}) or {}
        where = f"factuality.yaml: {name}"
        cues.append(FactualityCues(name, _words(entry, "modals", where), _words(entry, "governing", where),
                                   _words(entry, "negations", where), _phrases(entry, "frames", where)))
    return tuple(cues)


CATEGORY_WORD_LISTS = ("light_verbs", "military_nouns", "purpose_verbs", "topic_heads", "context_preps",
                       "eventive_heads", "act_nouns", "diplomatic_nouns", "topic_verbs", "weapon_nouns", "relief_nouns", "disaster_nouns", "prospect_heads", "intransitive_verbs",
                       "state_bodies", "private_roles", "movement_verbs", "traveller_nouns", "naming_verbs", "praise_nouns", "blame_nouns", "accusation_words", "stationed_nouns", "ruling_nouns", "court_nouns", "envoy_nouns", "non_visitors",
                       "boundary_nouns", "nearness_preps", "outcome_verbs",
                       "hosting_verbs", "party_nouns", "denying_verbs", "claim_nouns", "remote_meeting_words",
                       "failed_outcome_verbs", "recall_verbs", "court_verbs",
                       "duration_verbs", "until_preps")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    cat = read_data_mapping("categories.yaml")
    fac = read_data_mapping("factuality.yaml")
    att = read_data_mapping("attribution.yaml")
    word_lists = {key: _words(cat, key, "categories.yaml") for key in CATEGORY_WORD_LISTS}
    return Lexicon(
        categories=_category_cues(cat),
        **word_lists,
        factuality=_factuality_cues(fac),
        asserted_frames=_phrases(fac, "asserted_frames", "factuality.yaml"),
        neutral_frames=_phrases(fac, "neutral_frames", "factuality.yaml"),
        reporting_verbs=_words(att, "reporting_verbs", "attribution.yaml"),
        source_nouns=_words(att, "source_nouns", "attribution.yaml"),
        attribution_prefixes=_phrases(att, "prefixes", "attribution.yaml"),
        agencies=tuple(att.get("agencies", [])),
    )
