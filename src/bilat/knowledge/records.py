"""The knowledge records (countries, offices, office holders, organisations, weapons,
exercises, places, ranks) and their construction from validated file records."""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import KnowledgeError


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]
    old_names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    cities: tuple[str, ...]
    prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Office:
    id: str
    sector: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class OfficeHolder:
    person: str
    aliases: tuple[str, ...]
    country: str
    office: str
    rank: str | None
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    members: tuple[str, ...]


@dataclass(frozen=True)
class Weapon:
    name: str
    aliases: tuple[str, ...]
    type: str
    makers: tuple[str, ...]


@dataclass(frozen=True)
class Exercise:
    name: str
    aliases: tuple[str, ...]
    year_suffix: bool
    kind: str
    participants: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None


@dataclass(frozen=True)
class Rank:
    rank: str
    sector: str
    aliases: tuple[str, ...]


def parse_tenure_date(value: Any, end: bool) -> date | None:
    """'2022-11-29' -> that day; '2004' / '2004-05' -> first (start) or last (end) day of the period."""
    if value is None:
        return None
    parts = [int(p) for p in str(value).split("-")]
    year = parts[0]
    if len(parts) == 3:
        return date(year, parts[1], parts[2])
    if len(parts) == 2:
        return date(year, parts[1], calendar.monthrange(year, parts[1])[1] if end else 1)
    return date(year, 12, 31) if end else date(year, 1, 1)


def merge_country_records(base: list[dict], extras: Iterable[dict], source: str = "countries_extra") -> list[dict]:
    """Merge hand-kept additions into generated records (extra names first; `exclude` removes forms)."""
    by_iso = {r["iso3"]: {**r} for r in base}
    for i, extra in enumerate(extras):
        current = by_iso.get(extra["iso3"])
        if current is None:
            if not extra.get("names"):
                raise KnowledgeError(f"{source}: record {i} adds unknown country {extra['iso3']} without names; "
                                     "give at least one name")
            current = by_iso[extra["iso3"]] = {"iso3": extra["iso3"], "names": []}
        for key in ("names", "old_names", "demonyms", "cities", "adjective_prefixes", "exclude"):
            if key in extra:
                first, second = (extra[key], current.get(key, [])) if key == "names" else (current.get(key, []), extra[key])
                current[key] = list(dict.fromkeys([*first, *second]))
        if extra.get("capital"):
            current["capital"] = extra["capital"]
    return list(by_iso.values())


def country_from_record(r: dict) -> Country:
    excluded = set(r.get("exclude", []))

    def keep(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(i for i in dict.fromkeys(items) if i not in excluded)

    names = keep(r["names"])
    capital = r.get("capital")
    return Country(
        iso3=r["iso3"], name=r["names"][0], names=names, old_names=keep(r.get("old_names", [])),
        demonyms=keep(r.get("demonyms", [])),
        capital=capital if capital not in excluded else None,
        cities=keep(c for c in r.get("cities", []) if c != capital),
        prefixes=keep(r.get("adjective_prefixes", [])),
    )


def country_forms(country: Country) -> Iterator[tuple[str, str, int]]:
    """(form, kind, priority) for every way text names the country; lower priority wins ties."""
    for name in country.names:
        yield name, "name", 0
    for name in country.old_names:
        yield name, "old_name", 0
    for name in country.demonyms:
        yield name, "demonym", 0
    for name in country.prefixes:
        yield name, "prefix", 0
    if country.capital:
        yield country.capital, "capital", 1
    for name in country.cities:
        yield name, "city", 2


def holder_from_record(r: dict) -> OfficeHolder:
    return OfficeHolder(
        person=r["person"], aliases=tuple(r.get("aliases", [])), country=r["country"], office=r["office"],
        rank=r.get("rank"), start=parse_tenure_date(r.get("start"), end=False),
        end=parse_tenure_date(r.get("end"), end=True),
    )


def merge_offices(records: list[dict]) -> list[Office]:
    by_id: dict[str, dict] = {}
    for r in records:
        current = by_id.setdefault(r["id"], {"id": r["id"], "sector": r["sector"], "titles": []})
        current["titles"] = list(dict.fromkeys([*current["titles"], *r["titles"]]))
    return [Office(o["id"], o["sector"], tuple(o["titles"])) for o in by_id.values()]
