"""Check ``src/bilat/data/office_holders.yaml`` beyond what its JSON Schema says.

Run from the repository root::

    python tools/check_office_holders.py

It reports, one line per finding, naming the record index and person:

* missing ``person`` / ``country`` / ``office`` or a ``start`` that is absent
  without a ``note`` explaining why;
* a country that is not an ISO 3166-1 alpha-3 code, an office id that
  ``offices.yaml`` does not define, a date that is not ``YYYY[-MM[-DD]]``;
* a tenure that ends before it starts;
* a duplicated ``(person, country, office, start)``;
* two tenures of the same single-holder office of the same state that surely
  overlap by more than a few days (a hand-over day is shared by design; coarse
  dates are read narrowly);
* a rank word inside ``person`` or an alias (ranks belong in ``rank``).

Exit status is 1 when an error was found, 0 otherwise (overlaps are warnings).
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pycountry
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "bilat" / "data"
HOLDERS = DATA / "office_holders.yaml"
OFFICES = DATA / "offices.yaml"

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RANK_RE = re.compile(r"\b(General|Admiral|Marshal|Colonel|Brigadier|Lt\.? Gen|Gen\.|Adm\.)\s")
MULTI_HOLDER_OFFICES = frozenset({"deputy_defence_minister", "deputy_foreign_minister", "ambassador",
                                  "military_attache"})
OVERLAP_TOLERANCE = timedelta(days=3)


@dataclass(frozen=True)
class Finding:
    level: str          # "error" | "warning"
    index: int
    person: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: record {self.index} ({self.person}): {self.message}"


def known_office_ids(path: Path) -> set[str]:
    """Office ids defined in offices.yaml (empty when the file is absent)."""
    if not path.exists():
        return set()
    return {r["id"] for r in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if "id" in r}


def iso3_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries}


def to_day(value: object, *, end: bool) -> date | None:
    """'2004' / '2004-05' / '2004-05-06' -> first (or last, for an end) day of that period."""
    if value is None:
        return None
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        if not end:
            return first
        following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def check_record(i: int, r: dict, offices: set[str], countries: set[str]) -> list[Finding]:
    person = str(r.get("person", "?"))
    found: list[Finding] = []

    def err(msg: str) -> None:
        found.append(Finding("error", i, person, msg))

    for key in ("person", "country", "office"):
        if not r.get(key):
            err(f"missing {key}")
    if "start" not in r or (r.get("start") is None and not r.get("note")):
        err("start is missing or null without a note saying why")
    if r.get("country") and r["country"] not in countries:
        err(f"country {r['country']!r} is not an ISO3 code")
    if offices and r.get("office") and r["office"] not in offices:
        err(f"office {r['office']!r} is not defined in offices.yaml")
    for key in ("start", "end"):
        value = r.get(key)
        if value is not None and not DATE_RE.match(str(value)):
            err(f"{key} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD (quote it in YAML)")
    for name in [person, *r.get("aliases", [])]:
        if RANK_RE.search(name + " "):
            err(f"name {name!r} carries a rank; put it in `rank`")
    if not found:
        start, end = to_day(r.get("start"), end=False), to_day(r.get("end"), end=True)
        if start and end and end < start:
            err(f"ends ({r['end']}) before it starts ({r['start']})")
    return found


def duplicates(records: list[dict]) -> list[Finding]:
    seen: dict[tuple, int] = {}
    found = []
    for i, r in enumerate(records):
        key = (r.get("person"), r.get("country"), r.get("office"), r.get("start"))
        if key in seen:
            found.append(Finding("error", i, str(r.get("person")), f"duplicates record {seen[key]}"))
        seen.setdefault(key, i)
    return found


def overlaps(records: list[dict]) -> list[Finding]:
    """Same office of the same state held by two records at once (beyond a hand-over)."""
    by_post: dict[tuple, list[tuple[date, date, int]]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.get("office") in MULTI_HOLDER_OFFICES or r.get("start") is None:
            continue
        # coarse dates read narrowly: latest possible start, earliest possible end
        start = to_day(r.get("start"), end=True) or date.min
        end = to_day(r.get("end"), end=False) or date.max
        by_post[(r.get("country"), r.get("office"))].append((start, end, i))
    found = []
    for spans in by_post.values():
        spans.sort()
        for (s1, e1, i1), (s2, e2, i2) in zip(spans, spans[1:]):
            if s2 < e1 and e1 - s2 > OVERLAP_TOLERANCE:
                person = str(records[i2].get("person"))
                found.append(Finding("warning", i2, person, f"overlaps record {i1} "
                                     f"({records[i1].get('person')}) in the same office"))
    return found


def check(records: list[dict], offices: set[str], countries: set[str]) -> list[Finding]:
    found = [f for i, r in enumerate(records) for f in check_record(i, r, offices, countries)]
    return found + duplicates(records) + overlaps(records)


def main() -> int:
    records = yaml.safe_load(HOLDERS.read_text(encoding="utf-8")) or []
    findings = check(records, known_office_ids(OFFICES), iso3_codes())
    for f in findings:
        print(f)
    states = {r.get("country") for r in records}
    print(f"{len(records)} records, {len(states)} states, "
          f"{sum(f.level == 'error' for f in findings)} errors, "
          f"{sum(f.level == 'warning' for f in findings)} warnings")
    return 1 if any(f.level == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
