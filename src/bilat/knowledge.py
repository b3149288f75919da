"""The knowledge base: countries, offices, office holders, organisations, weapons,
exercises, places and ranks, loaded from the validated data files in ``bilat/data``.

Every file is checked against ``data/schemas/<stem>.schema.json``; a bad record
raises :class:`bilat.errors.KnowledgeError` naming the file, the record, its line
and the field. Users add records with ``--kb FILE`` (a YAML mapping
``{stem: [records]}``), validated the same way.
"""
from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import KnowledgeError

DATA_DIR = Path(str(resources.files("bilat") / "data"))
SCHEMA_DIR = DATA_DIR / "schemas"
STEMS: tuple[str, ...] = (
    "countries", "countries_extra", "offices", "ranks", "organisations", "places",
    "office_holders", "weapons", "exercises",
)
FORMAT_HINT = "see bilat/data/FORMAT.md for the record format"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s\"'“”«»(\[]+|[\s\"'“”«»)\],.;:!?]+$")
_POSSESSIVE = re.compile(r"(?<=\w)'s?$")
_LEADING_WORDS = re.compile(
    r"^(?:(?:the|a|an|his|her|its|their|our|former|then|then-former|acting|late|incumbent|new|"
    r"newly appointed|h\.e\.|dr\.?|mr\.?|mrs\.?|ms\.?)\s+)+"
)
_YEAR_SUFFIX = re.compile(r"[\s\-/]*'?(?:19|20)\d{2}$")
_SPELLING = ((re.compile(r"defense"), "defence"), (re.compile(r"(?<=[a-z])ization"), "isation"),
             (re.compile(r"(?<=[a-z])izing"), "ising"))
_ALNUM = re.compile(r"[a-z0-9]+")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# ---------------------------------------------------------------- records

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


# ---------------------------------------------------------------- text keys

def fold(text: str) -> str:
    """Strip diacritics: 'Zürich' -> 'Zurich'."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """Unify apostrophes and dashes, collapse spaces, trim quotes and punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return _EDGE_PUNCT.sub("", _SPACES.sub(" ", text))


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def is_exact_form(form: str) -> bool:
    """Short forms, abbreviations and dotted forms (four letters or fewer, all caps, 'U.N.') match case-sensitively."""
    return len(form) <= 4 or form.isupper() or "." in form


def loose_key(text: str) -> str:
    """Case- and accent-insensitive key with -ce/-ise spellings: 'Defense Minister' -> 'defence minister'."""
    key = fold(clean(text)).casefold().replace("&", "and")
    for pattern, repl in _SPELLING:
        key = pattern.sub(repl, key)
    return _SPACES.sub(" ", key.replace("-", " ")).strip()


def drop_leading_words(text: str) -> str:
    return _LEADING_WORDS.sub("", text)


def compact_tokens(text: str) -> list[str]:
    return _ALNUM.findall(loose_key(text))


def spelling_variants(text: str) -> list[str]:
    """Both spellings of a phrase that contains defence/defense."""
    variants = [text]
    for a, b in (("Defence", "Defense"), ("defence", "defense"), ("Defense", "Defence"), ("defense", "defence")):
        if a in text:
            variants.append(text.replace(a, b))
    return list(dict.fromkeys(variants))


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


# ---------------------------------------------------------------- reading and validation

def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings so that schemas and tenure parsing see one shape."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _record_lines(text: str) -> list[int]:
    """1-based line of each item of a top-level YAML sequence (empty when not a sequence)."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []


def _mapping_lines(text: str, stem: str) -> list[int]:
    """1-based line of each record under ``stem:`` in a --kb mapping."""
    node = yaml.compose(text, Loader=_LOADER)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == stem and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def _parse_file(path: Path) -> tuple[Any, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: knowledge file not found; reinstall bilat or pass an existing --kb file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc}); save it as UTF-8 text") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_LOADER)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: not valid {path.suffix.lstrip('.').upper() or 'YAML'} ({exc}); fix the syntax") from exc
    return _jsonable(data), text


@lru_cache(maxsize=None)
def _validator(stem: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / f"{stem}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _error_field(error: jsonschema.ValidationError) -> str:
    path = [str(p) for p in list(error.absolute_path)[1:]]
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        path.append(missing.group(1) if missing else "?")
    elif error.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        path.append(extra[0] if extra else "?")
    return ".".join(path) or "(record)"


def validate_records(stem: str, records: Any, source: str, lines: Callable[[], Sequence[int]] = list) -> list[dict]:
    """Check records against the stem's schema; raise naming file, record index, line and field.

    ``lines`` computes each record's line only when there is an error to report.
    """
    if not isinstance(records, list):
        raise KnowledgeError(f"{source}: expected a list of {stem} records, got {type(records).__name__}; {FORMAT_HINT}")
    errors = sorted(_validator(stem).iter_errors(records), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        index = error.absolute_path[0] if error.absolute_path else None
        if index is None:
            raise KnowledgeError(f"{source}: {error.message}; {FORMAT_HINT}")
        record_lines = lines()
        line = f" (line {record_lines[index]})" if isinstance(index, int) and index < len(record_lines) else ""
        raise KnowledgeError(
            f"{source}: {stem} record {index}{line}, field '{_error_field(error)}': {error.message}; "
            f"fix or remove the record ({FORMAT_HINT})"
        )
    return records


def read_default_file(stem: str) -> list[dict]:
    path = DATA_DIR / (f"{stem}.json" if stem == "countries" else f"{stem}.yaml")
    data, text = _parse_file(path)
    if data is None:
        data = []
    return validate_records(stem, data, str(path), lambda: _record_lines(text))


def read_extra_file(path: str | Path) -> dict[str, list[dict]]:
    """A --kb file: a YAML mapping {stem: [records]}, each list validated with its stem's schema."""
    path = Path(path)
    data, text = _parse_file(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: a --kb file must be a mapping of file stems to record lists, "
                             f"e.g. 'weapons: [...]'; known stems: {', '.join(STEMS)}")
    out = {}
    for stem, records in data.items():
        if stem not in STEMS:
            raise KnowledgeError(f"{path}: unknown knowledge stem '{stem}'; use one of {', '.join(STEMS)}")
        out[stem] = validate_records(stem, records, str(path), lambda stem=stem: _mapping_lines(text, stem))
    return out


# ---------------------------------------------------------------- building

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


def _country_from_record(r: dict) -> Country:
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


def _holder_from_record(r: dict) -> OfficeHolder:
    return OfficeHolder(
        person=r["person"], aliases=tuple(r.get("aliases", [])), country=r["country"], office=r["office"],
        rank=r.get("rank"), start=parse_tenure_date(r.get("start"), end=False),
        end=parse_tenure_date(r.get("end"), end=True),
    )


def _merge_offices(records: list[dict]) -> list[Office]:
    by_id: dict[str, dict] = {}
    for r in records:
        current = by_id.setdefault(r["id"], {"id": r["id"], "sector": r["sector"], "titles": []})
        current["titles"] = list(dict.fromkeys([*current["titles"], *r["titles"]]))
    return [Office(o["id"], o["sector"], tuple(o["titles"])) for o in by_id.values()]


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
        self._titles = _Index.build((t, o) for o in offices for t in o.titles)
        self._title_keys = sorted(((loose_key(t), o) for o in offices for t in o.titles if not is_exact_form(t)),
                                  key=lambda item: -len(item[0]))
        self._people = _Index.build(((n, h.person) for h in holders for n in (h.person, *h.aliases)))
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
        candidates = {h.person for h in self.holders for n in (h.person, *h.aliases)
                      if self._partial_name_match(words, n.split(" "), had_prefix)}
        if rank and len(candidates) > 1:
            ranked = {h.person for h in self.holders if h.person in candidates and (h.rank or "").startswith(rank)}
            candidates = ranked or candidates
        if len(candidates) != 1:
            return []
        person = candidates.pop()
        return [h for h in self.holders if h.person == person]

    @staticmethod
    def _partial_name_match(words: list[str], name: list[str], had_prefix: bool) -> bool:
        if len(words) == 2:
            return words[0] == name[0] and words[1] == name[-1]
        return words[0] == name[-1] or (had_prefix and words[0] in name[:-1])

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




def build_knowledge(data: dict[str, list[dict]]) -> Knowledge:
    countries_records = merge_country_records(data.get("countries", []), data.get("countries_extra", []))
    return Knowledge(
        countries={c.iso3: c for c in map(_country_from_record, countries_records)},
        offices=_merge_offices(data.get("offices", [])),
        holders=[_holder_from_record(r) for r in data.get("office_holders", [])],
        organisations=[Organisation(r["name"], tuple(r.get("aliases", [])), r["kind"], r.get("country"),
                                    r.get("sector"), tuple(r.get("members", []))) for r in data.get("organisations", [])],
        weapons=[Weapon(r["name"], tuple(r.get("aliases", [])), r["type"], tuple(r.get("makers", [])))
                 for r in data.get("weapons", [])],
        exercises=[Exercise(r["name"], tuple(r.get("aliases", [])), bool(r.get("year_suffix", False)), r["kind"],
                            tuple(r.get("participants", []))) for r in data.get("exercises", [])],
        places=[Place(r["name"], tuple(r.get("aliases", [])), r["kind"], r.get("country"))
                for r in data.get("places", [])],
        ranks=[Rank(r["rank"], r["sector"], tuple(r.get("aliases", []))) for r in data.get("ranks", [])],
    )


def _read_all_defaults() -> dict[str, list[dict]]:
    return {stem: read_default_file(stem) for stem in STEMS}


@lru_cache(maxsize=1)
def _default_knowledge() -> Knowledge:
    return build_knowledge(_read_all_defaults())


def load_knowledge(extra_files: Sequence[str | Path] = ()) -> Knowledge:
    """The packaged knowledge base plus any --kb files (cached when there are none)."""
    if not extra_files:
        return _default_knowledge()
    data = _read_all_defaults()
    for path in extra_files:
        for stem, records in read_extra_file(path).items():
            target = "countries_extra" if stem == "countries" else stem   # --kb countries add to, not replace
            data[target] = [*data.get(target, []), *records]
    return build_knowledge(data)
