"""A document's publication date: from metadata, its URL, its dateline, or its text.

Every result is a :class:`~bilat.records.PubDate` interval with a basis and the
evidence it rests on; when nothing fixes the date the result is unknown, never
a guess. Dates are read as written: a timestamp's calendar day is taken in its
own time zone, not converted.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from ..records import PubDate
from .expressions import DateMention, find_dates

_MONTH_ABBR = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_ISO_STAMP = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?)?$")
_ISO_SLASHED = re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\b")
_YEAR_ONLY = re.compile(r"^(?P<y>\d{4})$")
_URL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"(?<![\d])(?P<y>\d{4})[/_-](?P<m>\d{1,2})[/_-](?P<d>\d{1,2})(?=[/_.-]|$)")),
    ("dmy", re.compile(r"(?<![\d])(?P<d>\d{1,2})-(?P<mon>[A-Za-z]{3})[a-z]*-(?P<y>\d{4})(?![\d])")),
    ("compact", re.compile(r"(?<![\d])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?![\d])")),
    ("ym", re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)")),
)
_DATELINE_PLACE = re.compile(r"^[\s\"“]*[A-Z][^,\n]{1,40}(?:,\s*[A-Z][^,\n]{1,30})?,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/)?\s*(?:-|–|—|:)")
_RECENT_GRAINS = frozenset({"day", "month"})


def _valid(year: int, month: int, day: int, lo: int = 1, hi: int = 2100) -> date | None:
    if not lo <= year <= hi:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_interval(year: int, month: int) -> tuple[date, date] | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _day(found: date | None, evidence: str) -> PubDate:
    return PubDate(found, found, "metadata", evidence) if found else PubDate()


def _numeric_date(m: re.Match[str]) -> tuple[date | None, str]:
    """"19/06/2021" and "06/19/2021" by the part that exceeds 12; day-first when both could be."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if b > 12:
        return _valid(y, a, b), "month-first (day > 12)"
    return _valid(y, b, a), "day-first" + (" (ambiguous, day-first by convention)" if a <= 12 and a != b else "")


def parse_metadata_date(raw: str | None) -> PubDate:
    """A publication date as written in metadata: ISO dates and timestamps,
    "2021/06/19", "19/06/2021" or "19.06.2021" (day-first unless the second part
    exceeds 12), "June 19, 2021", "Sat, 19 Jun 2021 10:22:00 GMT", "June 2021", "2021".
    Basis "metadata"; unknown when ``raw`` is empty or unreadable."""
    text = (raw or "").strip()
    if not text:
        return PubDate()
    evidence = f"metadata {text!r}"
    if m := _ISO_STAMP.match(text):
        y, mo = int(m["y"]), int(m["m"])
        if m["d"]:
            return _day(_valid(y, mo, int(m["d"])), evidence)
        interval = _month_interval(y, mo)
        return PubDate(*interval, "metadata", evidence) if interval else PubDate()
    if m := _ISO_SLASHED.match(text):
        return _day(_valid(int(m["y"]), int(m["m"]), int(m["d"])), evidence)
    if m := _NUMERIC.match(text):
        found, how = _numeric_date(m)
        return _day(found, f"{evidence}, read {how}")
    if m := _YEAR_ONLY.match(text):
        return PubDate(date(int(m["y"]), 1, 1), date(int(m["y"]), 12, 31), "metadata", evidence)
    mention = next((m for m in find_dates(text) if m.span.basis == "explicit"), None)
    if mention and mention.span.granularity in ("day", "month"):
        return PubDate(mention.span.start, mention.span.end, "metadata", evidence)
    return PubDate()


def _url_match(kind: str, m: re.Match[str]) -> tuple[date, date] | None:
    year = int(m["y"])
    if not 1990 <= year <= 2100:
        return None
    if kind == "ym":
        return _month_interval(year, int(m["m"]))
    month = _MONTH_ABBR.get(m["mon"].lower()[:3], 0) if kind == "dmy" else int(m["m"])
    found = _valid(year, month, int(m["d"]), 1990, 2100) if month else None
    return (found, found) if found else None


def date_from_url(url: str | None) -> PubDate:
    """A date in a URL path: /2019/03/14/, 2019-03-14, 14-Mar-2019, 20190314 (a day)
    or /2019/03/ (a month). Only valid calendar dates with a year in 1990-2100.
    Basis "inferred": a URL date is usually, not always, the publication day."""
    if not url:
        return PubDate()
    path = urlsplit(url).path
    for kind, pattern in _URL_PATTERNS:
        for m in pattern.finditer(path):
            interval = _url_match(kind, m)
            if interval:
                return PubDate(interval[0], interval[1], "inferred", f"URL path {m.group(0)!r}")
    return PubDate()


def _dateline(text: str) -> PubDate:
    """"BAKU, June 19, 2021 /Trend/ -": a place, a full date with a year and a dash,
    at the start of one of the first lines (a title may come first)."""
    lines = [line for line in text.splitlines()[:8] if line.strip()][:4]
    for line in lines:
        mention = next(iter(find_dates(line[:90])), None)
        if mention is None or mention.span.basis != "explicit" or mention.span.granularity != "day":
            continue
        after = _DATELINE_AFTER.match(line[mention.end:])
        if after and _DATELINE_PLACE.match(line[:mention.start]):
            head = line[:mention.end + after.end()].strip()
            return PubDate(mention.span.start, mention.span.end, "text", f"dateline {head!r}")
    return PubDate()


def _latest_explicit(text: str) -> DateMention | None:
    dated = [m for m in find_dates(text)
             if m.span.basis == "explicit" and m.span.granularity in _RECENT_GRAINS and m.span.start]
    return max(dated, key=lambda m: (m.span.start, m.start), default=None)


def infer_publication(text: str, url: str | None, metadata: PubDate) -> PubDate:
    """The publication date, by these rules in this order:

    1. metadata wins when it has a date (basis "metadata");
    2. else a date in the URL path (basis "inferred", evidence the path part);
    3. else a dateline with a year at the start of the text, "BAKU, June 19, 2021
       /Trend/ -" (basis "text");
    4. else the latest explicit full date or month-year in the text is a lower
       bound: [its first day, one year later] (basis "inferred", evidence names
       the expression); a text may mention planned future dates, so this is a hint;
    5. else unknown. Nothing is invented.
    """
    if metadata.start is not None:
        return metadata
    for found in (date_from_url(url), _dateline(text)):
        if found.start is not None:
            return found
    latest = _latest_explicit(text)
    if latest is None or latest.span.start is None:
        return PubDate()
    start = latest.span.start
    end = _valid(start.year + 1, start.month, start.day) or start + timedelta(days=365)
    return PubDate(start, end, "inferred", f"latest explicit date in the text: {latest.text!r}")


def year_hint_for(text: str) -> int | None:
    """The latest 4-digit year stated as a date in ``text`` (not in names such as
    "AMAN-2013"); decades and centuries do not count. None when there is none."""
    years = [m.span.end.year for m in find_dates(text)
             if m.span.basis == "explicit" and m.span.end and m.span.granularity in ("day", "month", "year")]
    return max(years, default=None)
