"""Read-only lookups over the loaded knowledge records: countries, offices and their
holders, people, organisations, weapons, exercises, places and ranks."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .keys import clean, compact_tokens, drop_leading_words, is_exact_form, loose_key, strip_possessive
from .records import (
    Country, Exercise, Office, OfficeHolder, Organisation, Place, Rank, Weapon, country_forms,
)

_YEAR_SUFFIX = re.compile(r"[\s\-/]*'?(?:19|20)\d{2}$")


@dataclass(frozen=True)
class _Index:
    """Two-level lookup: exact forms first (case-sensitive), then loose keys."""

    exact: dict[str, list[Any]]
    loose: dict[str, list[Any]]

    @staticmethod
    def build(entries: Iterable[tuple[str, Any]]) -> "_Index":
        exact: dict[str, list[Any]] = defaultdict(list)
        loose: dict[str, list[Any]] = defaultdict(list)
        for form, value in entries:
            form = clean(form)
            if value not in exact[form]:
                exact[form].append(value)
            if not is_exact_form(form) and value not in loose[loose_key(form)]:
                loose[loose_key(form)].append(value)
        return _Index(dict(exact), dict(loose))

    def find(self, text: str) -> list[Any]:
        text = clean(text)
        return self.exact.get(text) or self.loose.get(loose_key(text)) or []


# ---------------------------------------------------------------- lookups

class Knowledge:
    """Read-only lookups over the loaded records. Build with :func:`load_knowledge`."""

    def __init__(self, countries: dict[str, Country], offices: list[Office], holders: list[OfficeHolder],
                 organisations: list[Organisation], weapons: list[Weapon], exercises: list[Exercise],
                 places: list[Place], ranks: list[Rank]) -> None:
        self.countries = countries
        self.offices = {o.id: o for o in offices}
        self.holders = tuple(holders)
        self.organisations = tuple(organisations)
        self.weapons = tuple(weapons)
        self.exercises = tuple(exercises)
        self.places = tuple(places)
        self.ranks = tuple(ranks)
        self._countries = self._country_index()
        self._people_cache: dict[str, list[OfficeHolder]] = {}
        self._titles = _Index.build((t, o) for o in offices for t in o.titles)
        self._title_keys = sorted(((loose_key(t), o) for o in offices for t in o.titles if not is_exact_form(t)),
                                  key=lambda item: -len(item[0]))
        self._people = _Index.build(((n, h.person) for h in holders for n in (h.person, *h.aliases)))
        self._name_parts = self._name_part_index()
        self._orgs = _Index.build((n, o) for o in organisations for n in (o.name, *o.aliases))
        self._places = _Index.build((n, p) for p in places for n in (p.name, *p.aliases))
        self._exercises = _Index.build((n, e) for e in exercises for n in (e.name, *e.aliases))
        self._ranks = _Index.build((n, r) for r in ranks for n in (r.rank, *r.aliases))
        self._weapons = {"".join(compact_tokens(n)): w for w in weapons for n in (w.name, *w.aliases)}

    # -- countries

    def _country_index(self) -> dict[str, dict[str, tuple[int, set[str]]]]:
        """{'exact'|'loose': {form: (best priority, ISO3 codes at that priority)}}."""
        index: dict[str, dict[str, tuple[int, set[str]]]] = {"exact": {}, "loose": {}}

        def add(table: dict[str, tuple[int, set[str]]], key: str, iso3: str, priority: int) -> None:
            best, codes = table.get(key, (priority, set()))
            if priority < best:
                table[key] = (priority, {iso3})
            elif priority == best:
                table[key] = (best, codes | {iso3})

        for country in self.countries.values():
            for form, kind, priority in country_forms(country):
                form = clean(form)
                add(index["exact"], form, country.iso3, priority)
                if not is_exact_form(form) and kind != "prefix":
                    add(index["loose"], loose_key(form), country.iso3, priority)
        return index

    def _country_codes(self, text: str) -> set[str]:
        text = clean(text)
        hit = self._countries["exact"].get(text) or self._countries["loose"].get(loose_key(text))
        return hit[1] if hit else set()

    def country_form(self, text: str) -> tuple[str, str] | None:
        """(ISO3, kind) when the text, possessive aside, is exactly one country's form; kind is
        name | old_name | demonym | prefix | capital | city. Stricter than resolve_country."""
        text = strip_possessive(clean(text))
        codes = self._country_codes(text)
        if len(codes) != 1:
            return None
        iso3 = next(iter(codes))
        kinds = [kind for form, kind, _ in country_forms(self.countries[iso3])
                 if clean(form) == text or (not is_exact_form(form) and loose_key(form) == loose_key(text))]
        return (iso3, kinds[0]) if kinds else None

    def resolve_country(self, text: str) -> str | None:
        """ISO3 from a name, old name, demonym, capital, city, short prefix or possessive; None if unknown or ambiguous."""
        text = strip_possessive(clean(text))
        for candidate in (text, drop_leading_words(text), drop_leading_words(text.lower())):
            codes = self._country_codes(candidate)
            if codes:
                return next(iter(codes)) if len(codes) == 1 else None
        return self._leading_country(text)

    def _leading_country(self, text: str) -> str | None:
        """'<short form> Army' -> ISO3: the longest leading run of words that names one country."""
        words = drop_leading_words(text).split(" ")
        for n in range(len(words) - 1, 0, -1):
            codes = self._country_codes(strip_possessive(" ".join(words[:n])))
            if codes:
                return next(iter(codes)) if len(codes) == 1 else None
        return None

    def country_name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country else iso3

    def _without_countries(self, text: str) -> str:
        """Remove country words anywhere: 'the <demonym> Army chief' -> 'the Army chief'."""
        words = text.split(" ")
        kept: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(6, len(words) - i), 0, -1):
                if self._country_codes(strip_possessive(" ".join(words[i:i + n]))):
                    i += n
                    break
            else:
                kept.append(words[i])
                i += 1
        return " ".join(kept)

    # -- offices and people

    def office_for_title(self, text: str) -> Office | None:
        """'COAS', 'the army chief', 'Chief of the General Staff', "X's defence minister" -> Office."""
        text = strip_possessive(clean(text))
        found = self.office_exact(text) or self.office_exact(drop_leading_words(text))
        if found:
            return found
        bare = re.sub(r"(?:\s+of(?:\s+the)?)+$", "", self._without_countries(text)).strip()
        found = self.office_exact(bare) or self.office_exact(drop_leading_words(bare))
        if found:
            return found
        padded = f" {loose_key(bare)} "
        for key, office in self._title_keys:
            if f" {key} " in padded:
                return office
        return None

    def office_exact(self, text: str) -> Office | None:
        """The office a title names exactly (case rules of offices.yaml); plurals accepted."""
        found = self._titles.find(text)
        if not found and text.endswith("s") and not text.endswith("ss"):
            found = self._titles.find(text[:-1])
        return found[0] if found else None

    def holder(self, country: str, office: str, on: date | None) -> OfficeHolder | None:
        """Who held the office on that day; with no day, only when one holder is on file."""
        holders = [h for h in self.holders if h.country == country and h.office == office]
        if on is None:
            return holders[0] if len(holders) == 1 else None
        current = [h for h in holders if h.held_on(on)]
        return max(current, key=lambda h: h.start or date.min) if current else None

    def people_named(self, text: str) -> list[OfficeHolder]:
        """Records of the person a name, alias, or unique rank/title + first name or surname denotes."""
        cached = self._people_cache.get(text)
        if cached is None:
            cached = self._people_cache[text] = self._people_named(text)
        return list(cached)

    def _people_named(self, text: str) -> list[OfficeHolder]:
        text = strip_possessive(clean(text))
        names = self._people.find(text) or self._people.find(drop_leading_words(text))
        if names:
            return [h for h in self.holders if h.person == names[0]]
        rest, rank = self._split_rank(drop_leading_words(text))
        names = self._people.find(rest)
        if names:
            return [h for h in self.holders if h.person == names[0]]
        words = rest.split(" ")
        if not rest or len(words) > 2:
            return []
        had_prefix = rank is not None or rest != drop_leading_words(text) or len(words) > 1
        candidates = self._partly_named(words, had_prefix)
        if rank and len(candidates) > 1:
            ranked = {h.person for h in self.holders if h.person in candidates and (h.rank or "").startswith(rank)}
            candidates = ranked or candidates
        if len(candidates) != 1:
            return []
        person = candidates.pop()
        return [h for h in self.holders if h.person == person]

    def _name_part_index(self) -> dict[str, dict[Any, set[str]]]:
        """People by the first and last words of one of their names or aliases, by its last
        word, and by any word before its last."""
        index: dict[str, dict[Any, set[str]]] = {"ends": defaultdict(set), "last": defaultdict(set),
                                                 "inner": defaultdict(set)}
        for h in self.holders:
            for name in (h.person, *h.aliases):
                words = name.split(" ")
                index["ends"][(words[0], words[-1])].add(h.person)
                index["last"][words[-1]].add(h.person)
                for word in words[:-1]:
                    index["inner"][word].add(h.person)
        return index

    def _partly_named(self, words: list[str], had_prefix: bool) -> set[str]:
        """People a one- or two-word name can stand for: "Erdogan" (a last name), "Tayyip
        Erdogan" (first and last), "General Asim" (after a title, any word but the last)."""
        parts = self._name_parts
        if len(words) == 2:
            return set(parts["ends"].get((words[0], words[1]), set()))
        found = set(parts["last"].get(words[0], set()))
        if had_prefix:
            found |= parts["inner"].get(words[0], set())
        return found

    def _split_rank(self, text: str) -> tuple[str, str | None]:
        """'General Amir' -> ('Amir', 'General'); titles are split off the same way."""
        words = text.split(" ")
        for n in range(min(5, len(words) - 1), 0, -1):
            head = " ".join(words[:n])
            found = self.rank(head)
            if found or self.office_exact(head):
                return " ".join(words[n:]), found[0] if found else None
        return text, None

    # -- other entities

    def organisation(self, text: str) -> Organisation | None:
        text = clean(text)
        found = self._orgs.find(text) or self._orgs.find(drop_leading_words(text))
        return found[0] if found else None

    def weapon(self, text: str) -> Weapon | None:
        """The catalogue entry for the longest leading alias: 'JF-17 Thunder Block III jets' -> JF-17 Thunder."""
        tokens = compact_tokens(drop_leading_words(clean(text)))
        for n in range(len(tokens), 0, -1):
            found = self._weapons.get("".join(tokens[:n]))
            if found:
                return found
        return None

    def exercise(self, text: str) -> Exercise | None:
        """'Three Brothers-2021', 'AMAN-2013' -> the exercise."""
        text = drop_leading_words(clean(text))
        base = _YEAR_SUFFIX.sub("", text).strip()
        found = self._exercises.find(text) or self._exercises.find(base)
        if not found and base:
            found = self._exercises.loose.get(loose_key(base), [])
        return found[0] if found else None

    def place(self, text: str) -> Place | None:
        text = strip_possessive(clean(text))
        found = self._places.find(text) or self._places.find(drop_leading_words(text))
        return found[0] if found else None

    def rank(self, text: str) -> tuple[str, str] | None:
        """(canonical rank, sector): 'AVM' -> ('Air Vice Marshal', 'MIL')."""
        found = self._ranks.find(text)
        return (found[0].rank, found[0].sector) if found else None
