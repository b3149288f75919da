"""Clues to the publication date that a text gives without stating it.

Each function reads one kind of clue and returns :class:`~bilat.temporal.clues.Clue`
records; :mod:`bilat.temporal.pubdate` combines them. The windows used:

- a weekday-date pair without a year ("on Thursday, December 5") fits the years
  in which that day is that weekday (with a year, the latest such pair counts). Reported in the past, the text was written
  0-6 days after it; "last week, on Thursday, December 5" puts the writing in
  the following Monday-Sunday week; announced in the future ("will meet on
  Thursday, December 5"), 0-6 days before it; "today, Thursday, December 5" on
  that day;
- "today, June 3" / "today (June 3, 2021)" fixes the day (any year it fits);
  "yesterday, June 2" the day after, "tomorrow, June 4" the day before;
- the latest explicit date the text reports in the past is a lower bound; the
  earliest explicit date it announces (future tense, "a roadmap for 2020") is an
  upper bound at the end of that date;
- once the other clues put publication within one calendar year, day-month
  dates without a year are read in that year (news style drops the year for
  dates of the current year): the latest past one is a lower bound, the
  earliest announced one an upper bound;
- named periods: any mention is a lower bound at the period's start; "last
  year's 44-day war" puts publication in the year after the period ended,
  "this year's ..." in a year the period covered;
- office holders: "army chief General X", "Defence Minister Y", "X, the foreign
  minister," can only be written during X's or Y's tenure in that office
  (titles after "former", "then", "late" ... do not count).

Tense is read around a date: a future cue (will, is due to, ..., from
``data/pubdate_cues.yaml``) among the last eight words of the clause before it
makes it future; a past date needs a sentence free of future, modal and
conditional cues (so "drills can take place in 2025" bounds nothing).
No upper bound is assumed from the latest past date: background facts can be
years old, so that end stays open unless another clue closes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..datafiles import RESTORE_HINT, data_file, read_data_mapping
from ..errors import KnowledgeError
from ..knowledge import Knowledge, OfficeHolder
from .clues import FIRST_DAY, LAST_DAY, Clue, between, union
from .expressions import DateMention, find_dates, span_for_year, weekday_date_years
from .periods import NamedPeriod, find_named_periods

_CUES_FILE = "pubdate_cues.yaml"
_WINDOW_DAYS = 6          # a bare weekday names a day of the past or coming six days: a week on, it is today
_CLAUSE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“A-Z0-9])|\n")
_CLAUSE_BREAK = re.compile(r"[;:,()\u2013\u2014]|\s-\s")
_RELATIVE_PERIOD = re.compile(r"\b(?P<rel>last|this|next)\s+year['’]s\s+$", re.IGNORECASE)

# ranks of clues (higher wins a conflict); metadata, URL and datelines rank above these
RANK_TODAY = 75
RANK_WEEKDAY = 60
RANK_TENURE = 50
RANK_PERIOD_RELATIVE = 45
RANK_PERIOD = 40
RANK_PAST_DATE = 35
RANK_FUTURE_DATE = 30
RANK_SAME_YEAR = 20


@dataclass(frozen=True)
class Cues:
    future: re.Pattern[str]
    not_past: re.Pattern[str]
    plan_for: re.Pattern[str]
    not_current: re.Pattern[str]
    day_words: re.Pattern[str]
    day_offsets: dict[str, int]
    last_week: re.Pattern[str]


def _words_pattern(words: list[str], suffix: str = "", group: str | None = None) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    opening = f"(?P<{group}>" if group else "(?:"
    return re.compile(rf"(?<![\w']){opening}{body})(?![\w]){suffix}", re.IGNORECASE)


def _cue_words(data: dict[str, Any], key: str) -> list[str]:
    words = data.get(key)
    if isinstance(words, dict):
        words = list(words)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise KnowledgeError(f"{data_file(_CUES_FILE)} field {key!r}: needs a non-empty list of words; "
                             f"{RESTORE_HINT}")
    return words


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cue words of bilat/data/pubdate_cues.yaml, compiled."""
    data = read_data_mapping(_CUES_FILE)
    day_words = _cue_words(data, "day_words")
    return Cues(
        future=_words_pattern(_cue_words(data, "future")),
        not_past=_words_pattern(_cue_words(data, "not_past")),
        plan_for=_words_pattern(_cue_words(data, "plan_nouns"), r"(?:\s+\w+){0,8}?\s+for\s+$"),
        not_current=_words_pattern(_cue_words(data, "not_current")),
        day_words=_words_pattern(day_words, r"\s*[,(\u2013\u2014-]?\s*$", group="word"),
        day_offsets={" ".join(k.lower().split()): int(data["day_words"][k]) for k in day_words},
        last_week=_words_pattern(_cue_words(data, "last_week"), r"\s*,?\s*(?:on\s+)?$"),
    )


# ------------------------------------------------------------ tense

def _clause_before(text: str, start: int) -> str:
    """The words of the clause that leads up to ``start`` (at most eight)."""
    head = text[max(0, start - 200):start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(head)), default=0)
    head = head[cut:]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head) if m.end() < len(head.rstrip())]
    head = head[breaks[-1]:] if breaks else head
    return " ".join(head.split()[-_CLAUSE_WORDS:]) + " "


def is_future(text: str, mention: DateMention) -> bool:
    """A date the text announces: a future cue in the clause before it, or "a roadmap for 2020"."""
    cues = load_cues()
    clause = _clause_before(text, mention.start)
    return bool(cues.future.search(clause) or cues.plan_for.search(text[max(0, mention.start - 90):mention.start]))


def _sentence_around(text: str, start: int, end: int) -> str:
    head = text[max(0, start - 300):start]
    head = head[max((m.end() for m in _SENTENCE_END.finditer(head)), default=0):]
    tail = text[end:end + 300]
    stop = _SENTENCE_END.search(tail)
    return head + text[start:end] + (tail[:stop.start()] if stop else tail)


def is_past(text: str, mention: DateMention) -> bool:
    """A date reported as past: no future, modal or conditional cue in its sentence."""
    cues = load_cues()
    sentence = _sentence_around(text, mention.start, mention.end)
    return not (is_future(text, mention) or cues.future.search(sentence) or cues.not_past.search(sentence))


# ------------------------------------------------------------ dated events

def _day_of(mention: DateMention, year: int) -> date | None:
    span = span_for_year(mention.yearless, year, "inferred") if mention.yearless else None
    return span.start if span and span.granularity == "day" else None


def _quote(mention: DateMention) -> str:
    return repr(mention.text)


def weekday_clues(text: str, mentions: list[DateMention]) -> list[Clue]:
    """A clue per weekday-date pair without a year ("Thursday, December 5"), and one for the
    latest pair with a year ("Thursday, December 5, 2019"): newsrooms name the weekday of
    dates within a week or so of writing."""
    out: list[Clue] = []
    dated: list[tuple[date, Clue]] = []
    for m in mentions:
        if m.weekday is None or _today_before(text, m):
            continue
        if m.yearless is not None and m.yearless.day is not None:
            years = weekday_date_years(m.weekday, m.yearless.month, m.yearless.day,
                                       (FIRST_DAY.year + LAST_DAY.year) // 2, (LAST_DAY.year - FIRST_DAY.year) // 2)
            days = [d for y in years if (d := _day_of(m, y))]
            how, windows = _weekday_windows(text, m, days)
            if windows:
                out.append(Clue(f"weekday-date {_quote(m)} ({how}; fits {_years(years)})", union(windows),
                                RANK_WEEKDAY, periodic=True))
        elif _is_weekday_of_its_day(m):
            assert m.span.start is not None
            how, windows = _weekday_windows(text, m, [m.span.start])
            dated.append((m.span.start, Clue(f"weekday-date {_quote(m)} ({how})", union(windows), RANK_WEEKDAY)))
    if dated:
        out.append(max(dated, key=lambda pair: pair[0])[1])
    return out


def _is_weekday_of_its_day(m: DateMention) -> bool:
    return (m.span.basis == "explicit" and m.span.granularity == "day" and m.span.start is not None
            and m.span.start == m.span.end and m.span.start.weekday() == m.weekday)


def _weekday_windows(text: str, m: DateMention, days: list[date]) -> tuple[str, list[tuple[date, date]]]:
    """The days of writing a weekday-date allows: announced, "last week", or reported."""
    if is_future(text, m):
        return f"announced: 0-{_WINDOW_DAYS} days before it", [(d - timedelta(_WINDOW_DAYS), d) for d in days]
    if load_cues().last_week.search(text[max(0, m.start - 30):m.start]):
        return ("last week: the Monday-Sunday week after it",
                [(d + timedelta(7 - d.weekday()), d + timedelta(13 - d.weekday())) for d in days])
    return f"reported: 0-{_WINDOW_DAYS} days after it", [(d, d + timedelta(_WINDOW_DAYS)) for d in days]


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years)) if len(years) <= 4 else f"{len(years)} years {years[0]}-{years[-1]}"


def _day_word_before(text: str, mention: DateMention) -> int | None:
    """The offset of "today" (0), "yesterday" (-1), "tomorrow" (1) right before a date."""
    cues = load_cues()
    m = cues.day_words.search(text[max(0, mention.start - 20):mention.start])
    return cues.day_offsets.get(" ".join(m.group("word").lower().split())) if m else None


def _today_before(text: str, mention: DateMention) -> bool:
    return _day_word_before(text, mention) is not None


def today_clues(text: str, mentions: list[DateMention]) -> list[Clue]:
    """"today, June 3", "yesterday (Thursday, June 2, 2021)", "tomorrow, June 4": the day of writing."""
    out: list[Clue] = []
    for m in mentions:
        offset = _day_word_before(text, m)
        if offset is None:
            continue
        if m.span.basis == "explicit" and m.span.granularity == "day" and m.span.start:
            days = [m.span.start]
        elif m.yearless is not None and m.yearless.day is not None:
            years = range(FIRST_DAY.year, LAST_DAY.year + 1)
            days = [d for y in years if (d := _day_of(m, y)) and (m.weekday is None or d.weekday() == m.weekday)]
        else:
            continue
        writing = [d - timedelta(days=offset) for d in days]
        if writing:
            word = text[max(0, m.start - 20):m.start].strip(" ,(-\u2013\u2014").split()[-1]
            out.append(Clue(f"{word.lower()}: {_quote(m)}", union([(d, d) for d in writing]), RANK_TODAY, "text",
                            periodic=len(writing) > 1))
    return out


def dated_event_clues(text: str, mentions: list[DateMention]) -> list[Clue]:
    """The latest explicit past date (a lower bound, plus the recency window) and the
    earliest explicit future date (an upper bound)."""
    explicit = [m for m in mentions if m.span.basis == "explicit" and m.span.start and m.span.end
                and m.span.granularity in ("day", "month", "year") and not _today_before(text, m)]
    future = [m for m in explicit if is_future(text, m)]
    past = [m for m in explicit if m not in future and is_past(text, m)]
    out: list[Clue] = []
    if past:
        latest = max(past, key=lambda m: (m.span.start, m.start))
        out.append(Clue(f"latest past date in the text {_quote(latest)} (a lower bound)",
                        between(latest.span.start, None), RANK_PAST_DATE))
    if future:
        earliest = min(future, key=lambda m: (m.span.end, m.start))
        out.append(Clue(f"earliest announced date in the text {_quote(earliest)} (an upper bound)",
                        between(None, earliest.span.end), RANK_FUTURE_DATE))
    return out


def same_year_clues(text: str, mentions: list[DateMention], year: int) -> list[Clue]:
    """Once the clues fix the year of writing: day-month dates without a year are taken
    in that year (news style drops the year only for dates of the current year). The
    latest such past date is a lower bound, the earliest announced one an upper bound."""
    dated = [(m, d) for m in mentions if m.yearless is not None and m.yearless.day is not None
             and m.weekday is None and not _today_before(text, m) and (d := _day_of(m, year))]
    future = [(m, d) for m, d in dated if is_future(text, m)]
    past = [(m, d) for m, d in dated if (m, d) not in future and is_past(text, m)]
    out: list[Clue] = []
    if past:
        m, d = max(past, key=lambda pair: (pair[1], pair[0].start))
        out.append(Clue(f"latest past day {_quote(m)} taken in {year} (a lower bound)", between(d, None),
                        RANK_SAME_YEAR))
    if future:
        m, d = min(future, key=lambda pair: (pair[1], pair[0].start))
        out.append(Clue(f"earliest announced day {_quote(m)} taken in {year} (an upper bound)",
                        between(None, d), RANK_SAME_YEAR))
    return out


# ------------------------------------------------------------ named periods

def period_clues(text: str, periods: tuple[NamedPeriod, ...] | None = None) -> list[Clue]:
    """Named periods: a lower bound at the start of each one mentioned; "last year's X"
    puts publication in the year after X ended, "this year's X" in a year X covered."""
    out: list[Clue] = []
    for m in find_named_periods(text, periods):
        start, end = m.span.start, m.span.end
        if start is None:
            continue
        rel = _RELATIVE_PERIOD.search(text[max(0, m.start - 20):m.start])
        if rel and rel.group("rel").lower() == "last" and end is not None:
            year = end.year + 1
            out.append(Clue(f"{text[m.start - len(rel.group(0)):m.end]!r}: the year after {end.year}",
                            between(date(year, 1, 1), date(year, 12, 31)), RANK_PERIOD_RELATIVE))
        elif rel and rel.group("rel").lower() == "this":
            last_year = (end or LAST_DAY).year
            out.append(Clue(f"{text[m.start - len(rel.group(0)):m.end]!r}: a year the period covered",
                            between(date(start.year, 1, 1), date(last_year, 12, 31)), RANK_PERIOD_RELATIVE))
        else:
            out.append(Clue(f"named period {m.text!r} (began {start.isoformat()})", between(start, None), RANK_PERIOD))
    return list({c.evidence: c for c in out}.values())      # each period once, first mention first


_NAMED_YEAR = re.compile(r"\b(?P<rel>last|this|next)\s+year['’]s\s+(?:[A-Z][\w.]*[\s-]+){0,4}?[A-Z][\w.]*[-\s]"
                         r"(?P<y>(?:19|20)\d\d)(?!\d)")
_ANNIVERSARY = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\b", re.IGNORECASE)
_END_OF = re.compile(r"\b(?:end|close)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_YEAR_SHIFT = {"last": 1, "this": 0, "next": -1}


def year_name_clues(text: str, periods: tuple[NamedPeriod, ...] | None = None) -> list[Clue]:
    """"last year's Three Brothers-2021 drills" (written in 2022), "this year's AMAN-2023";
    "the 30th anniversary of diplomatic relations, established in 1992" (written in 2022)."""
    out: list[Clue] = []
    for m in _NAMED_YEAR.finditer(text):
        year = int(m.group("y")) + _YEAR_SHIFT[m.group("rel").lower()]
        out.append(Clue(f"{m.group(0)!r}: written in {year}", between(date(year, 1, 1), date(year, 12, 31)),
                        RANK_PERIOD_RELATIVE))
    for m in _ANNIVERSARY.finditer(text):
        rest = _sentence_around(text, m.start(), m.end())[-400:]
        rest = rest[rest.find(m.group(0)) + len(m.group(0)):]
        base = _anniversary_base(rest, periods)
        if base is None:
            continue
        year = base[0] + int(m.group("n"))
        out.append(Clue(f"{m.group(0)} {base[1]!r}: written in {year}", between(date(year, 1, 1), date(year, 12, 31)),
                        RANK_PERIOD_RELATIVE))
    return out


def _anniversary_base(rest: str, periods: tuple[NamedPeriod, ...] | None) -> tuple[int, str] | None:
    """The year an anniversary counts from: the first explicit year, or the start of a named period."""
    found = [(m.start, m.span.start.year, m.text) for m in find_dates(rest)
             if m.span.basis == "explicit" and m.span.start and m.span.granularity in ("day", "month", "year")]
    for m in find_named_periods(rest, periods):
        ended = _END_OF.search(rest[max(0, m.start - 20):m.start])
        bound = m.span.end if ended else m.span.start
        if bound is not None:
            found.append((m.start, bound.year, (ended.group(0) if ended else "") + m.text))
    if not found:
        return None
    _, year, words = min(found)
    return year, words


# ------------------------------------------------------------ office holders

@lru_cache(maxsize=4)
def _name_pattern(kb: Knowledge) -> re.Pattern[str] | None:
    names = {n for h in kb.holders for n in (h.person, *h.aliases) if len(n.split()) >= 2}
    if not names:
        return None
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


def _strip_ranks(words: list[str], kb: Knowledge) -> list[str]:
    """'Chief of Army Staff General' -> 'Chief of Army Staff'."""
    for n in range(min(3, len(words)), 0, -1):
        if kb.rank(" ".join(words[-n:])):
            return words[:-n]
    return words


def _title_before(text: str, start: int, kb: Knowledge, offices: set[str]) -> str | None:
    """The title right before a name ("Defence Minister", "army chief General"), when it
    names one of ``offices`` and is not "former" / "then" / "late"."""
    head = text[max(0, start - 120):start]
    head = head[max((m.end() for m in _SENTENCE_END.finditer(head)), default=0):]
    words = _strip_ranks(head.replace(",", " ").split(), kb)
    for n in range(1, min(10, len(words)) + 1):
        title = " ".join(words[-n:])
        office = kb.office_for_title(title)
        if office is None:
            continue
        lead = " ".join(words[max(0, len(words) - n - 2):])
        if office.id not in offices or load_cues().not_current.search(lead):
            return None                 # the nearest title is someone else's, or not current
        return title
    return None


_APPOSITION = re.compile(r"^\s*,\s*(?P<title>[^,.;()]{3,80}?)\s*[,.;]")


def _title_after(text: str, end: int, kb: Knowledge, offices: set[str]) -> str | None:
    """"X, the army chief, said": a title in apposition after the name."""
    m = _APPOSITION.match(text[end:end + 100])
    if m is None or load_cues().not_current.search(m.group("title")):
        return None
    office = kb.office_for_title(m.group("title"))
    return m.group("title") if office is not None and office.id in offices else None


def tenure_clues(text: str, kb: Knowledge | None) -> list[Clue]:
    """A clue per office holder the text calls by a current title: their tenure in that office."""
    pattern = _name_pattern(kb) if kb is not None else None
    if kb is None or pattern is None:
        return []
    out: dict[str, Clue] = {}
    for m in pattern.finditer(text):
        records = kb.people_named(m.group(0))
        if not records or _dated_sentence(text, m.start(), m.end()):
            continue
        offices = {r.office for r in records}
        title = _title_before(text, m.start(), kb, offices) or _title_after(text, m.end(), kb, offices)
        office = kb.office_for_title(title) if title else None
        if office is None:
            continue
        tenures = [r for r in records if r.office == office.id]
        key = f"{records[0].person}/{office.id}"
        if key not in out:
            out[key] = Clue(f"{title} {m.group(0)}: {_tenures(tenures)}",
                            union([i for r in tenures for i in between(r.start, r.end)]), RANK_TENURE)
    return list(out.values())


def _dated_sentence(text: str, start: int, end: int) -> bool:
    """A sentence with an explicit date speaks of that time: "when President X visited
    in 2004" names X's title then, not at writing."""
    sentence = _sentence_around(text, start, end)
    return any(m.span.basis == "explicit" for m in find_dates(sentence))


def _tenures(records: list[OfficeHolder]) -> str:
    spans = [f"{r.start.isoformat() if r.start else '?'}..{r.end.isoformat() if r.end else 'in office'}"
             for r in records]
    return "tenure " + " or ".join(spans)
