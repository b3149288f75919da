"""A document's publication date: from metadata, its URL, its dateline, or its text.

Every result is a :class:`~bilat.records.PubDate` interval with a basis and the
evidence it rests on; nothing is guessed. Dates are read as written: a
timestamp's calendar day is taken in its own time zone, not converted.

Each source gives a clue (:mod:`bilat.temporal.clues`), an interval set with a
rank. The rule when clues conflict, strongest first:

    metadata > not after today (prunes only) > URL > dateline with a year or a date line ("Published: June 3,
    2021") > "today, June 3" > dateline without a
    year > weekday-date pairs > office holders' tenures > "last/this year's"
    named period or year-named event, anniversaries > named period (lower bound) > latest past date (lower bound) >
    earliest announced date (upper bound) > day-month dates read in the year the
    others fix.

Clues are intersected in that order; a clue that would leave nothing is
overruled and reported in the evidence after "overruled:". The result is the
narrowest interval holding what is left: an end nothing closes stays None, and
when neither end is fixed the date is unknown, with the evidence of what was
found (a yearless dateline, say). The windows each text clue uses are stated in
:mod:`bilat.temporal.text_clues`.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from ..knowledge import Knowledge
from ..records import PubDate
from .clues import FIRST_DAY, LAST_DAY, Clue, Combined, between, combine, hull, interval_text, union
from .expressions import DateMention, find_dates, span_for_year
from .text_clues import (
    dated_event_clues, period_clues, same_year_clues, tenure_clues, today_clues, weekday_clues, year_name_clues,
)

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
    ("mdy", re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3})[a-z]*-(?P<d>\d{1,2})-(?P<y>\d{4})(?![\d])")),
    ("y_mon_d", re.compile(r"/(?P<y>\d{4})/(?P<mon>[A-Za-z]{3})[a-z]*/(?P<d>\d{1,2})(?=/|$)")),
    ("compact", re.compile(r"(?<![\d])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?![\d])")),
    ("y_mmdd", re.compile(r"/(?P<y>\d{4})/(?P<m>\d{2})(?P<d>\d{2})(?=/)")),
    ("ym", re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)")),
)
_DATELINE_PLACE = re.compile(r"^[\s\"“]*[A-Z][^,\n]{1,40}(?:,\s*[A-Z][^,\n]{1,30})?,\s*$")
_DATELINE_AFTER = re.compile(r"^\.?\s*(?:(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/)\s*(?:-+|–|—|:)?|(?:-+|–|—|:))")
_DATE_LABEL = re.compile(r"^\s*(?P<kind>first published|published|posted|publication date|date|"
                         r"last updated|updated|last modified|modified)\s*(?:on|at)?\s*[:\-–—]?\s*", re.IGNORECASE)
_UPDATE_WORDS = frozenset({"updated", "modified"})
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?",
                          re.IGNORECASE)
_LEFTOVER_OK = re.compile(r"^[\s,|·•/\-–—]*(?:by\s+[^\d|]{2,60}?[\s,|·•/\-–—]*)?$", re.IGNORECASE)
RANK_METADATA = 100
RANK_URL = 90
RANK_DATELINE = 80
RANK_YEARLESS_DATELINE = 70


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
    month = _MONTH_ABBR.get(m["mon"].lower()[:3], 0) if "mon" in m.groupdict() else int(m["m"])
    found = _valid(year, month, int(m["d"]), 1990, 2100) if month else None
    return (found, found) if found else None


def date_from_url(url: str | None) -> PubDate:
    """A date in a URL path: /2019/03/14/, 2019-03-14, 14-Mar-2019, march-14-2019,
    /2019/mar/14/, 20190314, /2019/0314/ (a day) or /2019/03/ (a month). Only valid calendar dates with a year in 1990-2100,
    and never digits inside a longer number (article ids such as /news/1630212 or
    article120190314999) or in the query string.
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


def _head_lines(text: str) -> list[str]:
    """The first four non-empty lines within the first 1,500 characters (a title may come first)."""
    return [line for line in text[:1500].splitlines() if line.strip()][:4]


def _dateline(text: str) -> tuple[DateMention, str] | None:
    """"BAKU, June 19, 2021 /Trend/ -" or "ANKARA, March 3 (AFP) -": a place, a day and
    a dash at the start of one of the first lines. Returns the date mention and the
    dateline's text; the date may lack a year."""
    return next((found for line in _head_lines(text) if (found := _dateline_in(line))), None)


def _date_line_clue(text: str) -> tuple[Clue, str] | None:
    """A line of its own near the top that is a full date, perhaps labelled and timed:
    "Published: December 5, 2019 10:32 AM", "5 December 2019", "By A. Author | Dec 5, 2019"
    fix the day; "Updated on 6 Dec 2019" is an upper bound."""
    for line in _head_lines(text):
        label = _DATE_LABEL.match(line)
        rest = line[label.end():] if label else line
        mentions = find_dates(rest)
        if len(mentions) != 1 or not _is_explicit_day(mentions[0]) or mentions[0].span.start is None:
            continue
        m = mentions[0]
        leftover = _TIME_OF_DAY.sub("", rest[:m.start] + rest[m.end:])
        if not _LEFTOVER_OK.match(leftover):
            continue
        day = m.span.start
        if label and label.group("kind").lower().split()[-1] in _UPDATE_WORDS:
            return Clue(f"update line {line.strip()!r} (an upper bound)", between(None, day), RANK_DATELINE,
                        "text"), line
        return Clue(f"date line {line.strip()!r}", between(day, day), RANK_DATELINE, "text"), line
    return None


def _dateline_in(line: str) -> tuple[DateMention, str] | None:
    mention = next(iter(find_dates(line[:90])), None)
    if mention is None or not (_is_explicit_day(mention) or _is_yearless_day(mention)):
        return None
    after = _DATELINE_AFTER.match(line[mention.end:])
    if after and _DATELINE_PLACE.match(line[:mention.start]):
        return mention, line[:mention.end + after.end()].strip()
    return None


def _is_explicit_day(m: DateMention) -> bool:
    return m.span.basis == "explicit" and m.span.granularity == "day"


def _is_yearless_day(m: DateMention) -> bool:
    return m.yearless is not None and m.yearless.day is not None and m.yearless.end_day is None


def _dateline_clue(text: str) -> Clue | None:
    found = _dateline(text)
    if found is None:
        return None
    mention, head = found
    if _is_explicit_day(mention) and mention.span.start:
        return Clue(f"dateline {head!r}", between(mention.span.start, mention.span.start), RANK_DATELINE, "text")
    assert mention.yearless is not None
    days = [(d, d) for y in range(FIRST_DAY.year, LAST_DAY.year + 1)
            if (span := span_for_year(mention.yearless, y, "inferred")) and (d := span.start)
            and (mention.weekday is None or d.weekday() == mention.weekday)]
    return Clue(f"dateline without a year {head!r}", union(days), RANK_YEARLESS_DATELINE, "text", periodic=True)


def _metadata_clue(metadata: PubDate) -> Clue | None:
    if metadata.start is None:
        return None
    return Clue(metadata.evidence or "metadata", between(metadata.start, metadata.end or metadata.start),
                RANK_METADATA, "metadata")


def _url_clue(url: str | None) -> Clue | None:
    found = date_from_url(url)
    if found.start is None or found.end is None:
        return None
    return Clue(found.evidence or "URL path", between(found.start, found.end), RANK_URL, "inferred")


def publication_clues(text: str, url: str | None, metadata: PubDate, kb: Knowledge | None = None,
                      mentions: list[DateMention] | None = None) -> list[Clue]:
    """Every clue to the publication date, each with its rank and evidence (``mentions``:
    ``find_dates(text)`` when the caller has it)."""
    mentions = find_dates(text) if mentions is None else mentions
    date_line = _date_line_clue(text)
    if date_line is not None:             # its date is the page's, not an event the text reports
        start = text.find(date_line[1])
        mentions = [m for m in mentions if not start <= m.start < start + len(date_line[1])]
    fixed = [_metadata_clue(metadata), _url_clue(url), _dateline_clue(text), date_line[0] if date_line else None]
    clues = [c for c in fixed if c is not None]
    clues += today_clues(text, mentions)
    clues += weekday_clues(text, mentions)
    clues += tenure_clues(text, kb)
    clues += period_clues(text)
    clues += year_name_clues(text)
    clues += dated_event_clues(text, mentions)
    clues = [c for c in clues if c.intervals]      # a bound outside 1990-2100 says nothing here
    if clues:
        clues.append(not_after_today())
    return clues


def _ceiling(clues: list[Clue]) -> Clue | None:
    return next((c for c in clues if c.rank == RANK_NOT_AFTER_TODAY), None)


RANK_NOT_AFTER_TODAY = 95


def not_after_today(today: date | None = None) -> Clue:
    """A document is not published after the day it is read: this prunes candidates (a
    "2047" misread as past, a yearless dateline's future years) but closes no end alone."""
    today = today or date.today()
    return Clue(f"not after today ({today.isoformat()})", between(FIRST_DAY, today), RANK_NOT_AFTER_TODAY,
                periodic=True)


def _describe(combined: Combined) -> str:
    parts = [c.evidence for c in combined.used if c.rank != RANK_NOT_AFTER_TODAY or combined.overruled]
    if len(combined.intervals) > 1:
        shown = " or ".join(interval_text(i) for i in combined.intervals[:4])
        more = f" (+{len(combined.intervals) - 4} more)" if len(combined.intervals) > 4 else ""
        parts.append(f"candidates {shown}{more}")
    text = "; ".join(parts)
    if combined.overruled:
        text += "; overruled: " + "; ".join(c.evidence for c in combined.overruled)
    return text


def infer_publication(text: str, url: str | None, metadata: PubDate, kb: Knowledge | None = None) -> PubDate:
    """The publication interval and the evidence it rests on.

    Every source yields a clue, an interval set ranked by trust:

    1. metadata (a header, a JSONL field, HTML meta);
    2. a date in the URL path;
    3. a dateline with a year ("BAKU, June 19, 2021 /Trend/ -"), or a date line near the
       top ("Published: December 5, 2019"; "Updated ..." is an upper bound);
    4. "today, June 3" in the text;
    5. a dateline without a year ("ANKARA, March 3 (AFP) -"): that day in any year;
    6. weekday-date pairs ("Thursday, December 5"): the years where they fit;
    7. office holders called by a current title: their tenure;
    8. "last year's" / "this year's" named period or year-named event ("this year's
       AMAN-2023"), "the 30th anniversary of ... 1992"; 9. any named period (a lower bound);
    10. the latest past explicit date (a lower bound); 11. the earliest announced
        explicit date (an upper bound); 12. when 1-11 leave one calendar year,
        day-month dates without a year read in that year (lower / upper bounds).

    The rule: clues are intersected strongest first; one that would leave nothing is
    overruled and named in the evidence after "overruled:". Metadata that gives a
    day is returned as it is (with the overruled clues appended). The result is the
    narrowest interval holding what is left; an end the clues leave open is None,
    and when neither end is fixed the date is unknown (the evidence still says what
    was found, e.g. a yearless dateline). Basis: "metadata" when metadata is used,
    "text" when the strongest clue used is a dateline or "today", else "inferred".
    See :mod:`bilat.temporal.text_clues` for the windows each clue uses.
    """
    mentions = find_dates(text)
    clues = publication_clues(text, url, metadata, kb, mentions)
    if not clues:
        return PubDate()
    combined = combine(clues)
    start, end = hull(combined, _ceiling(clues))
    if start and end and start.year == end.year:
        combined = combine(clues + same_year_clues(text, mentions, start.year))
    if metadata.start is not None and metadata.start == metadata.end:
        if not combined.overruled:
            return metadata
        return replace(metadata, evidence=f"{metadata.evidence or 'metadata'}; overruled: "
                       + "; ".join(c.evidence for c in combined.overruled))
    start, end = hull(combined, _ceiling(clues))
    if start is None and end is None:
        return PubDate(None, None, "unknown", _describe(combined) + "; nothing fixes the date")
    basis = next(c.basis for c in combined.used if c.rank != RANK_NOT_AFTER_TODAY)
    return PubDate(start, end, basis, _describe(combined))


def year_hint_for(text: str) -> int | None:
    """The latest 4-digit year stated as a date in ``text`` (not in names such as
    "AMAN-2013"); decades and centuries do not count. None when there is none."""
    years = [m.span.end.year for m in find_dates(text)
             if m.span.basis == "explicit" and m.span.end and m.span.granularity in ("day", "month", "year")]
    return max(years, default=None)
