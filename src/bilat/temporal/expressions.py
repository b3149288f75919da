"""Date expressions in text: explicit dates, ranges, seasons, decades, centuries.

:func:`find_dates` turns each date expression into a :class:`DateMention` whose
:class:`~bilat.records.TimeSpan` is a closed interval of days with a
granularity and a basis:

- ``explicit``: the text states the year ("on November 10, 2020", "in 2004").
- ``relative``: the year, or the whole date, comes from ``anchor`` (the
  publication date): "June 20" is the June 20 nearest the anchor; "yesterday".
- ``inferred``: the year comes from ``year_hint`` (a year stated elsewhere).
- ``unknown``: a day and month with nothing to fix the year. The span has no
  start or end; ``DateMention.yearless`` keeps month and day for later stages,
  which call :func:`span_for_year` once they know the year. Never guessed here.

Conventions (choices, stated once):

- Seasons are northern meteorological seasons. "winter 2014" is the winter
  that contains January 2014: 2013-12-01..2014-02-28. Granularity "month".
- Parts of a year: early / beginning = Jan-Apr, mid / middle = May-Aug,
  late / end = Sep-Dec, first half = Jan-Jun, second half = Jul-Dec.
  Granularity "month", like seasons.
- Decades: "the 1990s" = 1990..1999; early / mid / late = years 0-3 / 3-6 / 7-9.
- Centuries in the everyday reading: the 20th century is 1900..1999.
  "beginning / start / early" = first third (1900..1932), "middle / mid" = middle
  third (1933..1966), "end / close / late" = last third (1967..1999), halves as
  said, "turn of the 20th century" = 1895..1905. Granularity stays "century".
- Years alone count only in a date context (in / since / from / until / by / of
  / during / early / late / mid / "the year", possessive "2020's", parentheses,
  or followed by punctuation) and never when glued by a hyphen to a name
  ("AMAN-2013"), after a currency sign, or before a unit ("2000 mm").
- Times of day are ignored. Relative words (yesterday, today, tomorrow,
  last / this / next year or month, last century) need ``anchor``.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..records import DateBasis, Granularity, TimeSpan

_GRAIN_ORDER: tuple[Granularity, ...] = ("day", "month", "year", "decade", "century")

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december")
_MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
_MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                  "twentieth", "twenty-first", "twenty-second")
_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
_SEASONS: dict[str, tuple[int, int]] = {  # (first month, month count); winter starts the year before
    "winter": (12, 3), "spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3),
}
_YEAR_PARTS: dict[str, tuple[int, int]] = {  # (first month, last month)
    "early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8), "middle": (5, 8),
    "late": (9, 12), "end": (9, 12), "first half": (1, 6), "second half": (7, 12),
}
_CENTURY_PARTS: dict[str, tuple[int, int]] = {  # years into the century, inclusive
    "beginning": (0, 32), "start": (0, 32), "dawn": (0, 32), "early": (0, 32),
    "middle": (33, 66), "mid": (33, 66), "end": (67, 99), "close": (67, 99), "late": (67, 99),
    "first half": (0, 49), "second half": (50, 99), "turn": (-5, 5),
}
_DECADE_PARTS: dict[str, tuple[int, int]] = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}


def _alt(words: object) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_FULL_MONTHS = _alt(_MONTH_NAMES)
_ABBR_MONTHS = _alt(k for k in _MONTHS if k not in _MONTH_NAMES)


def _m(name: str) -> str:
    return rf"(?P<{name}>(?:{_FULL_MONTHS})(?![a-z])|(?:{_ABBR_MONTHS})(?:\.|(?![a-z])))"


def _d(name: str) -> str:
    return rf"(?<![\d.,])(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?![.,]\d)"


_YEAR = r"1[89]\d\d|20\d\d|2100"


def _y(name: str) -> str:
    return rf"(?P<{name}>{_YEAR})(?![\w])"


_WD = rf"(?:(?P<wd>{_alt(_WEEKDAYS)})\.?,?\s+(?:the\s+)?)?"
_TO = r"\s*(?:-|–|—|to|through|till|until|and)\s*"
_YSEP = r"(?:,\s*|\s+)"
_FROM = r"(?:\b(?P<kw>from|between)\s+)?"
_OF = r"\s+(?:of\s+)?"
_CENT_ORD = rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(_ORDINALS)})"
_I = re.IGNORECASE

_PATTERN_SOURCES: tuple[tuple[str, str], ...] = (
    ("iso", rf"(?<![\w/.-])(?P<y>{_YEAR})[-/](?P<m>0[1-9]|1[0-2])[-/](?P<d>[0-3]\d)(?![\d/-])"),
    ("dotted", rf"(?<![\w.])(?P<d>[0-3]?\d)\.(?P<m>0?[1-9]|1[0-2])\.{_y('y')}(?!\.\d)"),
    ("md_range", rf"{_FROM}{_WD}{_m('m')}\s+{_d('d')}{_TO}{_d('d2')}(?:{_YSEP}{_y('y')})?"),
    ("dm_range", rf"{_FROM}{_d('d')}{_TO}{_d('d2')}{_OF}{_m('m')}(?:,?\s+{_y('y')})?"),
    ("mdmd_range", rf"{_FROM}{_m('m')}\s+{_d('d')}{_TO}{_m('m2')}\s+{_d('d2')}(?:{_YSEP}{_y('y')})?"),
    ("dmdm_range", rf"{_FROM}{_d('d')}{_OF}{_m('m')}{_TO}{_d('d2')}{_OF}{_m('m2')}(?:,?\s+{_y('y')})?"),
    ("month_range", rf"{_FROM}{_m('m')}{_TO}{_m('m2')},?\s+{_y('y')}"),
    ("year_range", rf"{_FROM}(?<![\w$€£¥#/-]){_y('y')}(?P<conn>{_TO})(?:the\s+year\s+)?{_y('y2')}"),
    ("year_span", rf"(?<![\w$€£¥#/-]){_y('y')}[-–/](?P<yy>\d\d)(?![\w-])"),
    ("mdy", rf"{_WD}{_m('m')}\s+{_d('d')}{_YSEP}{_y('y')}"),
    ("dmy", rf"{_WD}{_d('d')}{_OF}{_m('m')},?\s+{_y('y')}"),
    ("month_year", rf"{_m('m')},?\s+(?:of\s+)?{_y('y')}"),
    ("season", rf"\b(?P<season>{_alt(_SEASONS)})(?:\s+of)?\s+{_y('y')}"),
    ("year_part", r"\b(?P<part>early|mid|late|the\s+(?:beginning|start|end|middle|first\s+half"
                  rf"|second\s+half)\s+of)(?:-|\s+)(?:the\s+year\s+)?{_y('y')}"),
    ("decade", r"\b(?:(?P<part>early|mid|late)(?:-|\s+))?(?P<dec>1[89]\d0|20\d0)['’]?s\b"),
    ("century", r"\b(?:(?:the\s+)?(?P<part>beginning|start|dawn|end|close|turn|middle|first\s+half"
                r"|second\s+half)\s+of\s+the\s+|(?:the\s+)?(?P<adj>early|mid|late)[\s-]+|the\s+)?"
                rf"{_CENT_ORD}[\s-]+century\b"),
    ("md", rf"{_WD}{_m('m')}\s+{_d('d')}(?!\w)"),
    ("dm", rf"{_WD}{_d('d')}{_OF}{_m('m')}"),
    ("bare_month", r"\b(?P<ctx>in|since|until|till|by|during|before|after|early|mid|late|last|this|next"
                   r"|the\s+(?:beginning|start|middle|end)\s+of|for(?=\s+(?-i:[A-Z])))"   # "for July", not "for may"
                   rf"[\s-]+(?P<m>{_FULL_MONTHS})\b(?!\s*\d)"),
    ("year", rf"(?<![\w$€£¥#/]){_y('y')}"),
    ("relative", r"\b(?P<rel>yesterday|today|tomorrow|(?:last|this|next)\s+(?:year|month)"
                 r"|last\s+century)\b"),
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(src, _I)) for kind, src in _PATTERN_SOURCES)

_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|from|until|till|by|of|during|before|after|through|throughout|circa|"
    r"early|late|mid|year|between)\s+(?:the\s+)?(?:year\s+)?|\b(?:mid|early|late|pre|post)-"
    r"|\b(?:1[89]\d\d|20\d\d),?\s+(?:and|or)\s+|\b(?:1[89]\d\d|20\d\d),\s*)$", _I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", _I)
# a lower-case word follows ("a 2017 bilateral treaty"), not a plural count ("the 2000 soldiers")
# unless it names plural happenings ("the 2019 elections")
_WORD_AFTER = re.compile(r"^\s+(?:[a-z][a-z-]*[^s\W](?![\w-])|(?:elections|talks|games|accords|protests|clashes|"
                         r"negotiations|agreements|deals|sanctions|exercises|drills|hostilities|olympics)\b)")
_YEAR_AFTER = re.compile(r"^(?:['’]s\b|\s*[,.;:)](?!\d))")
_QUANTITY_BEFORE = re.compile(
    r"(?:[$€£¥#\d]|\b(?:no|number|about|around|some|nearly|almost|over|than|least|to|total|"
    r"approximately|roughly|rs|usd|eur|pkr)\.?)\s*$", _I)
_QUANTITY_OF = re.compile(
    r"\b(?:total|sum|number|amount|maximum|minimum|batch|fleet|force|strength|price|cost)\s+of\s+$", _I)
_UNIT_AFTER = re.compile(
    r"^\s*-?\s*(?:(?:thousand|million|billion|trillion|mm|cm|km|kg|tons?|tonnes?|metres?|meters?|"
    r"feet|ft|miles?|hp|kw|mw|percent|per\s*cent|dollars?|euros?|manats?|rupees?|liras?|usd)\b|%)", _I)
_NUMBER_AROUND = re.compile(r"\d[.,]\x00|\x00[.,-]\d")   # "1,2000", "2000.5", "2000-3"
_GLUED_BEFORE = re.compile(r"(?P<word>\w+)-$")
_GLUE_OK = frozenset({"mid", "early", "late", "pre", "post"})
_RANGE_LINK = re.compile(r"^\s*(?:(?P<dash>-|–|—)|to|until|till|through|(?P<and>and))\s*$", _I)
_FROM_BEFORE = re.compile(r"\b(?P<kw>from|between)\s+$", _I)


@dataclass(frozen=True)
class YearlessDate:
    """Month and day of a date whose year the text does not give.

    ``day`` None means the whole month; ``end_month``/``end_day`` close a range;
    ``relation`` is "nearest", or "last" / "this" / "next" for "last September".
    """

    month: int
    day: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    relation: str = "nearest"


@dataclass(frozen=True)
class DateMention:
    start: int          # character offsets in the text given to find_dates
    end: int
    text: str
    span: TimeSpan
    weekday: int | None = None             # 0 = Monday, when the text names one
    yearless: YearlessDate | None = None   # set when the text gives no year


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    value: TimeSpan | YearlessDate
    weekday: int | None = None


# ------------------------------------------------------------ calendar helpers

def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(start: date | None, end: date | None, grain: Granularity,
          basis: DateBasis = "explicit") -> TimeSpan | None:
    if start is None or end is None or end < start:
        return None
    return TimeSpan(start=start, end=end, granularity=grain, basis=basis)


def _year_span(y1: int, y2: int | None = None, grain: Granularity = "year") -> TimeSpan | None:
    return _span(date(y1, 1, 1), date(y2 or y1, 12, 31), grain)


def _months_span(year: int, first: int, count: int) -> TimeSpan | None:
    """``count`` months from (year, first), crossing into the next year if needed."""
    last_index = year * 12 + first - 1 + count - 1
    return _span(date(year, first, 1), _month_end(last_index // 12, last_index % 12 + 1), "month")


def coarser(a: Granularity, b: Granularity) -> Granularity:
    """The coarser of two granularities ("unknown" is coarsest)."""
    rank = {g: i for i, g in enumerate(_GRAIN_ORDER)}
    return a if rank.get(a, 99) >= rank.get(b, 99) else b


def weekday_date_years(weekday: int, month: int, day: int, around: int, spread: int = 10) -> list[int]:
    """Years in [around - spread, around + spread] where month/day falls on ``weekday``
    (0 = Monday), ascending. Invalid dates (Feb 29 in common years) never match."""
    years = range(around - spread, around + spread + 1)
    return [y for y in years if (d := _safe_date(y, month, day)) and d.weekday() == weekday]


def span_for_year(when: YearlessDate, year: int, basis: DateBasis) -> TimeSpan | None:
    """The span of a yearless date once its (start) year is known; None if invalid."""
    if when.day is None:
        return _span(date(year, when.month, 1), _month_end(year, when.month), "month", basis)
    start = _safe_date(year, when.month, when.day)
    end_month = when.end_month or when.month
    end_year = year + 1 if end_month < when.month else year
    end = _safe_date(end_year, end_month, when.end_day or when.day)
    return _span(start, end, "day", basis)


def nearest_year(when: YearlessDate, anchor: date) -> int:
    """The year that puts ``when`` nearest ``anchor`` (ties go to the past);
    "last" / "this" / "next" months count from the anchor's month."""
    if when.relation == "this":
        return anchor.year
    if when.relation == "last":
        return anchor.year if when.month < anchor.month else anchor.year - 1
    if when.relation == "next":
        return anchor.year if when.month > anchor.month else anchor.year + 1
    best: tuple[int, int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        span = span_for_year(when, year, "relative")
        if span is None or span.start is None:
            continue
        gap = (span.start - anchor).days
        key = (abs(gap), 0 if gap <= 0 else 1, year)
        best = key if best is None or key < best else best
    return best[2] if best else anchor.year


def _resolve(when: YearlessDate, anchor: date | None, year_hint: int | None) -> TimeSpan:
    span = None
    if anchor is not None:
        span = span_for_year(when, nearest_year(when, anchor), "relative")
    elif year_hint is not None and when.relation == "nearest":
        span = span_for_year(when, year_hint, "inferred")
    return span or TimeSpan(granularity="unknown", basis="unknown")


# ------------------------------------------------------------ match builders

def _month(m: re.Match[str], group: str) -> int | None:
    raw = m.group(group)
    if raw.isdigit():
        return int(raw)
    if not raw[0].isupper():   # "troops march 20 km", "they may 5": verbs, not months
        return None
    return _MONTHS[raw.rstrip(".").lower()]


def _weekday(m: re.Match[str]) -> int | None:
    raw = m.groupdict().get("wd")
    return _WEEKDAYS[raw.rstrip(".").lower()] if raw and raw[0].isupper() else None


def _text_after(m: re.Match[str], text: str) -> str:
    return text[m.end():m.end() + 20]


def _unit_follows(m: re.Match[str], text: str) -> bool:
    return bool(_UNIT_AFTER.match(_text_after(m, text)))


def _day_value(m: re.Match[str], text: str) -> TimeSpan | YearlessDate | None:
    """Full dates, day ranges and yearless days: every pattern with a day group."""
    m1 = _month(m, "m")
    gd = m.groupdict()
    m2 = _month(m, "m2") if gd.get("m2") else m1
    if m1 is None or m2 is None:
        return None
    d1 = int(m.group("d"))
    d2 = int(gd["d2"]) if gd.get("d2") else None
    if d2 is not None and m2 == m1 and d2 <= d1:
        return None
    when = YearlessDate(m1, d1, m2 if gd.get("m2") else None, d2)
    if not gd.get("y"):
        return when if span_for_year(when, 2000, "unknown") else None   # 2000: a leap year
    if _unit_follows(m, text):
        return None
    start_year = int(m.group("y")) - (1 if m2 < m1 else 0)
    return span_for_year(when, start_year, "explicit")


def _month_value(m: re.Match[str], text: str) -> TimeSpan | None:
    m1 = _month(m, "m")
    m2 = _month(m, "m2") if m.groupdict().get("m2") else m1
    if m1 is None or m2 is None or _unit_follows(m, text):
        return None
    year = int(m.group("y"))
    first_year = year - 1 if m2 < m1 else year
    return _span(date(first_year, m1, 1), _month_end(year, m2), "month")


def _year_range_value(m: re.Match[str], text: str) -> TimeSpan | None:
    y1, y2 = int(m.group("y")), int(m.group("y2"))
    conn = m.group("conn").strip().lower()
    needs_kw = conn not in ("-", "–", "—")
    if y2 <= y1 or _unit_follows(m, text) or (needs_kw and not m.group("kw")):
        return None
    if conn == "and" and m.group("kw").lower() != "between":
        return None
    if not m.group("kw") and _glued(text, m.start()):
        return None
    return _year_span(y1, y2)


def _year_span_value(m: re.Match[str], text: str) -> TimeSpan | None:
    y1 = int(m.group("y"))
    if int(m.group("yy")) != (y1 + 1) % 100 or _glued(text, m.start()):
        return None
    return _year_span(y1, y1 + 1)


def _season_value(m: re.Match[str], text: str) -> TimeSpan | None:
    first, count = _SEASONS[m.group("season").lower()]
    year = int(m.group("y"))
    return _months_span(year - 1 if first == 12 else year, first, count)


def _year_part_value(m: re.Match[str], text: str) -> TimeSpan | None:
    part = re.sub(r"^the\s+|\s+of$", "", m.group("part").lower())
    first, last = _YEAR_PARTS[re.sub(r"\s+", " ", part)]
    return _months_span(int(m.group("y")), first, last - first + 1)


def _decade_value(m: re.Match[str], text: str) -> TimeSpan | None:
    decade = int(m.group("dec"))
    lo, hi = _DECADE_PARTS.get((m.group("part") or "").lower(), (0, 9))
    return _year_span(decade + lo, decade + hi, "decade")


def _century_value(m: re.Match[str], text: str) -> TimeSpan | None:
    raw = m.group("ord").lower()
    number = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else _ORDINALS[raw]
    if not 1 <= number <= 22:
        return None
    part = re.sub(r"\s+", " ", (m.group("part") or m.group("adj") or "").lower())
    lo, hi = _CENTURY_PARTS.get(part, (0, 99))
    base = (number - 1) * 100
    return _year_span(max(1, base + lo), base + hi, "century")


def _bare_month_value(m: re.Match[str], text: str) -> YearlessDate | None:
    month = _month(m, "m")
    ctx = m.group("ctx").lower()
    relation = ctx if ctx in ("last", "this", "next") else "nearest"
    return YearlessDate(month, relation=relation) if month else None


def _glued(text: str, start: int) -> bool:
    """A year hyphen-glued to a name ("AMAN-2013", "Three Brothers-2021")."""
    glue = _GLUED_BEFORE.search(text[max(0, start - 30):start])
    return bool(glue) and glue.group("word").lower() not in _GLUE_OK


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?!(?:" + "|".join(n.capitalize() for n in _MONTH_NAMES)
                          + r"|In|By|Of|From|Since|Until|Till|During|Before|After|The|Late|Early|Mid|Spring|Summer"
                          r"|Autumn|Fall|Winter)\b)[A-Z][a-z]+\s+$")


def _year_value(m: re.Match[str], text: str) -> TimeSpan | None:
    before, after = text[max(0, m.start() - 40):m.start()], _text_after(m, text)
    if _glued(text, m.start()) or _unit_follows(m, text) or _NUMBER_AROUND.search(f"{before}\x00{after}"):
        return None
    if _NAME_BEFORE.search(before) and not _YEAR_BEFORE.search(before):
        return None                      # "Horizon 2047", "Vision 2030", "Agenda 2063": a name, not a date
    in_parentheses = before.rstrip().endswith("(") and after.lstrip().startswith(")")
    after_cue = bool(_YEAR_BEFORE.search(before)) and not _QUANTITY_OF.search(before)
    before_punct = bool(_YEAR_AFTER.match(after)) and not _QUANTITY_BEFORE.search(before)
    dated_noun = bool(_DETERMINER_BEFORE.search(before)) and bool(_WORD_AFTER.match(after))   # "a 2017 treaty"
    return _year_span(int(m.group("y"))) if in_parentheses or after_cue or before_punct or dated_noun else None


_Builder = Callable[[re.Match[str], str], "TimeSpan | YearlessDate | None"]
_BUILDERS: dict[str, _Builder] = {
    "iso": _day_value, "dotted": _day_value, "md_range": _day_value, "dm_range": _day_value,
    "mdmd_range": _day_value, "dmdm_range": _day_value, "mdy": _day_value, "dmy": _day_value,
    "md": _day_value, "dm": _day_value, "month_range": _month_value, "month_year": _month_value,
    "year_range": _year_range_value, "year_span": _year_span_value, "season": _season_value,
    "year_part": _year_part_value, "decade": _decade_value, "century": _century_value,
    "bare_month": _bare_month_value, "year": _year_value,
}


def _relative_value(rel: str, anchor: date) -> TimeSpan | None:
    words = rel.lower().split()
    if words[0] in ("yesterday", "today", "tomorrow"):
        day = anchor + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[words[0]])
        return _span(day, day, "day", "relative")
    shift = {"last": -1, "this": 0, "next": 1}[words[0]]
    if words[1] == "year":
        return _span(date(anchor.year + shift, 1, 1), date(anchor.year + shift, 12, 31), "year", "relative")
    if words[1] == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        y, mo = index // 12, index % 12 + 1
        return _span(date(y, mo, 1), _month_end(y, mo), "month", "relative")
    first = (anchor.year - 1) // 100 * 100 - 100            # last century, everyday reading
    return _span(date(max(1, first), 1, 1), date(first + 99, 12, 31), "century", "relative")


# ------------------------------------------------------------ assembly

def _candidates(text: str, anchor: date | None) -> list[tuple[int, int, int, _Atom]]:
    found: list[tuple[int, int, int, _Atom]] = []
    for order, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if kind == "relative":
                value = _relative_value(m.group("rel"), anchor) if anchor else None
            else:
                value = _BUILDERS[kind](m, text)
            if value is not None:
                start = _start_of(kind, m)
                found.append((start, m.end(), order, _Atom(start, m.end(), value, _weekday(m))))
    return found


def _start_of(kind: str, m: re.Match[str]) -> int:
    """Mentions leave out the leading preposition ("in September"), except range
    words and last / this / next, which change the meaning."""
    if kind == "bare_month" and m.group("ctx").lower() not in ("last", "this", "next"):
        return m.start("m")
    return m.start("kw") if m.groupdict().get("kw") else m.start()


def _select(found: list[tuple[int, int, int, _Atom]]) -> list[_Atom]:
    """Longest match first, then pattern order; no two mentions overlap."""
    chosen: list[_Atom] = []
    for start, end, _, atom in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        if all(end <= c.start or start >= c.end for c in chosen):
            chosen.append(atom)
    return sorted(chosen, key=lambda a: a.start)


def _join(text: str, a: _Atom, b: _Atom) -> _Atom | None:
    """"from March 2020 to June 2021", "between 2010 and 2015": two explicit dates as one range."""
    if not (isinstance(a.value, TimeSpan) and isinstance(b.value, TimeSpan)):
        return None
    if a.value.basis != "explicit" or b.value.basis != "explicit":
        return None
    link = _RANGE_LINK.match(text[a.end:b.start])
    kw = _FROM_BEFORE.search(text[max(0, a.start - 10):a.start])
    if link is None or (not link.group("dash") and kw is None):
        return None
    if link.group("and") and kw.group("kw").lower() != "between":
        return None
    if a.value.start is None or b.value.end is None or b.value.end < a.value.start:
        return None
    span = TimeSpan(start=a.value.start, end=b.value.end, basis="explicit",
                    granularity=coarser(a.value.granularity, b.value.granularity))
    return _Atom(a.start - (len(kw.group(0)) if kw else 0), b.end, span, a.weekday)


def _joined(text: str, atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    for atom in atoms:
        merged = _join(text, out[-1], atom) if out else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append(atom)
    return out


def _mention(text: str, atom: _Atom, anchor: date | None, year_hint: int | None) -> DateMention:
    surface = text[atom.start:atom.end]
    if isinstance(atom.value, YearlessDate):
        span = replace(_resolve(atom.value, anchor, year_hint), text=surface)
        return DateMention(atom.start, atom.end, surface, span, atom.weekday, atom.value)
    return DateMention(atom.start, atom.end, surface, replace(atom.value, text=surface), atom.weekday)


CACHED_TEXT_CHARS = 2000    # sentences are read for dates once per event they hold: remember those


def find_dates(text: str, anchor: date | None = None, year_hint: int | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, as non-overlapping mentions.

    ``anchor`` (the publication date) fixes the year of yearless dates (nearest
    to the anchor, basis "relative") and enables relative words; otherwise
    ``year_hint`` fixes it (basis "inferred"); otherwise the span is unknown.
    """
    if len(text) <= CACHED_TEXT_CHARS:
        return list(_dates_of_short_text(text, anchor, year_hint))
    return _dates_of(text, anchor, year_hint)


def _dates_of(text: str, anchor: date | None, year_hint: int | None) -> list[DateMention]:
    atoms = _joined(text, _select(_candidates(text, anchor)))
    return [_mention(text, atom, anchor, year_hint) for atom in atoms]


@lru_cache(maxsize=4096)
def _dates_of_short_text(text: str, anchor: date | None, year_hint: int | None) -> tuple[DateMention, ...]:
    return tuple(_dates_of(text, anchor, year_hint))


# Named periods moved to .periods; these names stay importable from here.
_MOVED_TO_PERIODS = frozenset({"NamedPeriod", "find_named_periods", "load_named_periods", "parse_named_periods"})


def __getattr__(name: str) -> object:
    if name in _MOVED_TO_PERIODS:
        from . import periods
        return getattr(periods, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
