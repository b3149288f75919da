"""Named periods: historical events a text names instead of dating them ("the Cold
War", "the 44-day war"), read from bilat/data/named_periods.yaml.

:func:`find_named_periods` turns each mention into a :class:`DateMention` with
basis "inferred" and a granularity that follows the period's length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..datafiles import read_data_yaml
from ..errors import KnowledgeError
from ..records import Granularity, TimeSpan
from .expressions import CACHED_TEXT_CHARS, DateMention, _Atom, _mention, _month_end, _select, coarser

_PERIODS_FILE = "named_periods.yaml"
_ISO_PARTIAL = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


@dataclass(frozen=True)
class NamedPeriod:
    """A historical event a text can name instead of dating ("the 44-day war")."""

    name: str
    aliases: tuple[str, ...]
    start: date
    end: date | None          # None: ongoing
    precision: Granularity    # of the bounds as written: day, month or year


def _period_bound(raw: object, is_end: bool, where: str) -> tuple[date, Granularity]:
    m = _ISO_PARTIAL.match(str(raw))
    try:
        if m is None:
            raise ValueError(raw)
        y, mo, d = int(m["y"]), int(m["m"] or (12 if is_end else 1)), m["d"]
        if d is not None:
            return date(y, mo, int(d)), "day"
        return (_month_end(y, mo) if is_end else date(y, mo, 1)), ("month" if m["m"] else "year")
    except ValueError:
        raise KnowledgeError(f"{where}: {raw!r} is not a date "
                             f"(write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", quoted)") from None


def _period(record: object, where: str) -> NamedPeriod:
    if not isinstance(record, dict) or not isinstance(record.get("name"), str):
        raise KnowledgeError(f"{where}: needs a mapping with a 'name' string")
    aliases = record.get("aliases") or [record["name"]]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise KnowledgeError(f"{where} field 'aliases': needs a list of non-empty strings")
    if record.get("start") is None:
        raise KnowledgeError(f"{where} field 'start': missing (the first day, month or year)")
    start, grain = _period_bound(record["start"], False, f"{where} field 'start'")
    end = None
    if record.get("end") is not None:
        end, end_grain = _period_bound(record["end"], True, f"{where} field 'end'")
        grain = coarser(grain, end_grain)
        if end < start:
            raise KnowledgeError(f"{where} field 'end': before 'start' (swap them)")
    return NamedPeriod(record["name"], tuple(aliases), start, end, grain)


def parse_named_periods(records: object, source: str = _PERIODS_FILE) -> tuple[NamedPeriod, ...]:
    """Validate a list of named-period records (the format of named_periods.yaml)."""
    if not isinstance(records, list):
        raise KnowledgeError(f"{source}: expected a YAML list of periods (see the comment at its top)")
    return tuple(_period(r, f"{source} record {i} ({_label(r)})") for i, r in enumerate(records))


def _label(record: object) -> str:
    return str(record.get("name")) if isinstance(record, dict) else repr(record)


@lru_cache(maxsize=1)
def load_named_periods() -> tuple[NamedPeriod, ...]:
    """The named periods shipped in bilat/data/named_periods.yaml."""
    return parse_named_periods(read_data_yaml(_PERIODS_FILE))


def _alias_pattern(alias: str) -> re.Pattern[str]:
    """Spaces and dashes interchangeable; ' matches ’; all-lowercase aliases ignore case."""
    parts = [re.escape(p) for p in re.split(r"[\s\-‐‑–—]+", alias.strip())]
    body = r"[\s\-‐‑–—]+".join(parts).replace("'", "['’]")
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if alias != alias.lower() else re.IGNORECASE)


@lru_cache(maxsize=8)
def _period_patterns(periods: tuple[NamedPeriod, ...]) -> tuple[tuple[NamedPeriod, re.Pattern[str]], ...]:
    return tuple((p, _alias_pattern(a)) for p in periods for a in p.aliases)


def _grain_by_length(start: date, end: date | None, precision: Granularity) -> Granularity:
    if end is None:
        return coarser(precision, "year")
    days = (end - start).days + 1
    limits: tuple[tuple[int, Granularity], ...] = ((31, "day"), (366, "month"), (3660, "year"),
                                                   (36600, "decade"))
    grain = next((g for limit, g in limits if days <= limit), "century")
    return coarser(grain, precision)


def find_named_periods(text: str, periods: tuple[NamedPeriod, ...] | None = None,
                       anchor: date | None = None) -> list[DateMention]:
    """Mentions of named periods ("the Cold War"), basis "inferred", granularity by
    the period's length (up to a month: day; a year: month; ten years: year ...).
    An ongoing period ends at ``anchor`` when given, else its end stays open (None)."""
    if periods is None and len(text) <= CACHED_TEXT_CHARS:
        return list(_known_periods_in_short_text(text, anchor))
    return _named_periods(text, periods, anchor)


@lru_cache(maxsize=4096)
def _known_periods_in_short_text(text: str, anchor: date | None) -> tuple[DateMention, ...]:
    """The packaged periods in a sentence, remembered: a sentence is read once per event it holds."""
    return tuple(_named_periods(text, None, anchor))


def _named_periods(text: str, periods: tuple[NamedPeriod, ...] | None, anchor: date | None) -> list[DateMention]:
    found: list[tuple[int, int, int, _Atom]] = []
    for order, (period, pattern) in enumerate(_period_patterns(load_named_periods() if periods is None else tuple(periods))):
        for m in pattern.finditer(text):
            end = period.end or (anchor if anchor and anchor >= period.start else None)
            grain = _grain_by_length(period.start, end, period.precision)
            span = TimeSpan(start=period.start, end=end, granularity=grain, basis="inferred")
            found.append((m.start(), m.end(), order, _Atom(m.start(), m.end(), span)))
    return [_mention(text, atom, anchor, None) for atom in _select(found)]
