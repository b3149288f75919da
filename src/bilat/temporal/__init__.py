"""Time: date expressions in sentences, named periods and publication dates.

``find_dates`` reads dates as the text states them; ``infer_publication``
dates a document from metadata, URL, dateline or text. Anchoring events to
each other ("the following day") builds on these.
"""
from __future__ import annotations

from .expressions import (
    DateMention,
    YearlessDate,
    find_dates,
    nearest_year,
    span_for_year,
    weekday_date_years,
)
from .periods import NamedPeriod, find_named_periods, load_named_periods
from .pubdate import date_from_url, infer_publication, parse_metadata_date, year_hint_for

__all__ = [
    "DateMention", "NamedPeriod", "YearlessDate", "date_from_url", "find_dates",
    "find_named_periods", "infer_publication", "load_named_periods", "nearest_year",
    "parse_metadata_date", "span_for_year", "weekday_date_years", "year_hint_for",
]
