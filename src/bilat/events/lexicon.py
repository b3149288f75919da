"""Loads the cue lexicons (categories, factuality, attribution) from bilat/data.

The words live in YAML; this module only checks their shape and turns them into
frozen lookup tables. A broken file fails with its name and the key at fault.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

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
    factuality: tuple[FactualityCues, ...]        # in precedence order
    asserted_frames: tuple[tuple[str, ...], ...]
    neutral_frames: tuple[tuple[str, ...], ...]
    reporting_verbs: frozenset[str]
    source_nouns: frozenset[str]
    attribution_prefixes: tuple[tuple[str, ...], ...]
    agencies: tuple[str, ...]


def _read(name: str) -> dict[str, Any]:
    from ..datafiles import read_data_mapping   # hoist to the imports (and drop yaml, resources) when free to edit them

    return read_data_mapping(name)


def _words(data: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: '{key}' must be a list of strings")
    return frozenset(v.lower() for v in value)


def _phrases(data: dict[str, Any], key: str, where: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(p.split()) for p in _words(data, key, where)), key=len, reverse=True))


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


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    cat = _read("categories.yaml")
    fac = _read("factuality.yaml")
    att = _read("attribution.yaml")
    return Lexicon(
        categories=_category_cues(cat),
        light_verbs=_words(cat, "light_verbs", "categories.yaml"),
        military_nouns=_words(cat, "military_nouns", "categories.yaml"),
        purpose_verbs=_words(cat, "purpose_verbs", "categories.yaml"),
        topic_heads=_words(cat, "topic_heads", "categories.yaml"),
        context_preps=_words(cat, "context_preps", "categories.yaml"),
        eventive_heads=_words(cat, "eventive_heads", "categories.yaml"),
        act_nouns=_words(cat, "act_nouns", "categories.yaml"),
        diplomatic_nouns=_words(cat, "diplomatic_nouns", "categories.yaml"),
        topic_verbs=_words(cat, "topic_verbs", "categories.yaml"),
        weapon_nouns=_words(cat, "weapon_nouns", "categories.yaml"),
        factuality=_factuality_cues(fac),
        asserted_frames=_phrases(fac, "asserted_frames", "factuality.yaml"),
        neutral_frames=_phrases(fac, "neutral_frames", "factuality.yaml"),
        reporting_verbs=_words(att, "reporting_verbs", "attribution.yaml"),
        source_nouns=_words(att, "source_nouns", "attribution.yaml"),
        attribution_prefixes=_phrases(att, "prefixes", "attribution.yaml"),
        agencies=tuple(att.get("agencies", [])),
    )
