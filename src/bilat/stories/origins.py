"""Which agencies and press offices a document names as the origin of its account.

Two reports that both carry "(AFP)", or both rest on "ISPR said", are one
source for corroboration however different their wording. The names, their
aliases and the reporting cues live in ``bilat/data/origins.yaml``; a name
counts only in a reporting context (see that file). Offices every state has
("the Defence Ministry", "the state news agency") are keyed by the state named
beside them when there is one: ``defence_ministry:PAK``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jsonschema
import pycountry

from ..datafiles import data_file, read_data_mapping
from ..errors import KnowledgeError
from ..knowledge import Knowledge

DATA_FILE = "origins.yaml"
SCHEMA_FILE = "schemas/origins.schema.json"
_QUALIFIER_WORDS = 3      # "the Pakistani Defence Ministry", "Azerbaijan's state news agency"
_BETWEEN_WORDS = 2        # "Xinhua news agency reported", "according to the Azerbaijani Defence Ministry"


@dataclass(frozen=True)
class Origin:
    """One origin named in a text: its key, the name as written and the sentence-sized evidence."""

    key: str
    name: str
    evidence: str


@dataclass(frozen=True)
class _Name:
    key: str
    institution: bool
    tag: bool


@dataclass(frozen=True)
class OriginPatterns:
    names: dict[str, _Name]
    before: re.Pattern[str]
    after: re.Pattern[str]
    tag: re.Pattern[str]


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=lambda s: (-len(s), s)))


def _validated(data: dict[str, Any]) -> dict[str, Any]:
    schema = json.loads(data_file(SCHEMA_FILE).read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise KnowledgeError(f"{data_file(DATA_FILE)}: {where}: {exc.message}; fix that entry "
                             "(the schema is bilat/data/schemas/origins.schema.json)") from exc
    return data


def build_patterns(data: dict[str, Any]) -> OriginPatterns:
    """Compile the origin names and cues of an origins.yaml mapping."""
    names: dict[str, _Name] = {}
    for entry in data["named"]:
        for name in entry["names"]:
            names[name] = _Name(entry["key"], False, bool(entry.get("tag", False)))
    for entry in data["institutions"]:
        for name in entry["names"]:
            names.setdefault(name, _Name(entry["key"], True, False))
    name = rf"(?<![\w-])(?P<name>{_alternation(list(names))})(?![\w-])"
    tagged = [n for n, info in names.items() if info.tag]
    between = rf"(?:[\w'’.-]+\s+){{0,{_BETWEEN_WORDS}}}?"
    before = rf"(?i:\b(?:{_alternation(data['cues']['before'])}))\s+(?i:the\s+|an?\s+)?{between}{name}"
    after = rf"{name}(?:['’]s)?,?\s+{between}(?i:(?:{_alternation(data['cues']['after'])}))\b"
    return OriginPatterns(
        names=names,
        before=re.compile(before),
        after=re.compile(after),
        tag=re.compile(rf"\(\s*(?P<name>{_alternation(tagged)})\s*\)"),
    )


@lru_cache(maxsize=1)
def _packaged() -> dict[str, Any]:
    """The packaged origins.yaml, read and validated once for the patterns and the hosts."""
    return _validated(read_data_mapping(DATA_FILE))


@lru_cache(maxsize=1)
def origin_patterns() -> OriginPatterns:
    """The packaged origins.yaml, validated and compiled once."""
    return build_patterns(_packaged())


_SENTENCE_EDGE = re.compile(r"[.!?\n]")
_WORDS_BEFORE = re.compile(r"((?:[\w'’-]+\s+){1,%d})$" % _QUALIFIER_WORDS)
_OF_STATE = re.compile(r"^\s+(?:of|in)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")


def _evidence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_EDGE.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    right_match = _SENTENCE_EDGE.search(text, end)
    right = right_match.end() if right_match else len(text)
    return text[left:right].strip()


def _qualifying_state(text: str, start: int, end: int, kb: Knowledge) -> str | None:
    """The state named just before ("Pakistan's", "the Azerbaijani") or after ("of Azerbaijan") an office."""
    window = text[max(0, start - 60):start]
    window = _SENTENCE_EDGE.split(window)[-1]
    words = _WORDS_BEFORE.search(window)
    if words:
        tokens = words.group(1).split()
        for n in range(1, len(tokens) + 1):     # the nearest words first
            iso3 = kb.resolve_country(" ".join(tokens[-n:]))
            if iso3:
                return iso3
    after = _OF_STATE.match(text[end:end + 60])
    return kb.resolve_country(after.group(1)) if after else None


def detect_origins(text: str, kb: Knowledge, patterns: OriginPatterns | None = None) -> tuple[Origin, ...]:
    """Every origin ``text`` names in a reporting context, first mention of each key, in text order."""
    patterns = patterns or origin_patterns()
    found: dict[str, tuple[int, Origin]] = {}
    for pattern in (patterns.tag, patterns.before, patterns.after):
        for match in pattern.finditer(text):
            start, end = match.span("name")
            info = patterns.names[match.group("name")]
            key = info.key
            if info.institution:
                state = _qualifying_state(text, start, end, kb)
                key = f"{key}:{state}" if state else key
            if key not in found or start < found[key][0]:
                found[key] = (start, Origin(key, match.group("name"), _evidence(text, start, end)))
    return tuple(origin for _, origin in sorted(found.values(), key=lambda pair: pair[0]))


_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(?P<host>[^/:?#]+)", re.IGNORECASE)
_LABEL = re.compile(r"[.-]")


@dataclass(frozen=True)
class _Hosts:
    acronyms: dict[str, str]          # host label -> institution key, on any host
    words: dict[str, str]             # host label -> institution key, on a government domain only
    government: frozenset[str]
    state_domains: dict[str, str]


@lru_cache(maxsize=1)
def _hosts() -> _Hosts:
    data = _packaged()
    entries = data.get("hosts", [])
    return _Hosts({label: e["key"] for e in entries for label in e["labels"]},
                  {word: e["key"] for e in entries for word in e.get("words", [])},
                  frozenset(data.get("government_labels", [])), dict(data.get("state_domains", {})))


def _domain_state(label: str, state_domains: dict[str, str]) -> str | None:
    if label in state_domains:
        return state_domains[label]
    country = pycountry.countries.get(alpha_2=label.upper()) if len(label) == 2 else None
    return country.alpha_3 if country else None


def url_origins(url: str | None, kb: Knowledge) -> tuple[Origin, ...]:
    """The office whose own site serves ``url`` ("https://www.mfa.gov.example/..." ->
    foreign_ministry, qualified by the state another host label or the country-code
    domain names: "fmprc.gov.cn" -> foreign_ministry:CHN)."""
    m = _HOST.match(url or "")
    if m is None:
        return ()
    labels = [label for label in _LABEL.split(m.group("host").lower()) if label]
    hosts = _hosts()
    offices = dict(hosts.acronyms)
    if hosts.government & set(labels):
        offices.update(hosts.words)
    key = next((offices[label] for label in labels if label in offices), None)
    if key is None:
        return ()
    state = next((code for label in labels if label not in offices and len(label) > 2
                  for code in [kb.resolve_country(label.upper()) or kb.resolve_country(label)] if code), None)
    if state is None:
        state = _domain_state(labels[-1], hosts.state_domains)
    return (Origin(f"{key}:{state}" if state else key, m.group("host"), url or ""),)


def origin_keys(text: str, kb: Knowledge) -> frozenset[str]:
    """The keys of the origins ``text`` names (see :func:`detect_origins`)."""
    return frozenset(o.key for o in detect_origins(text, kb))
