"""Dates that the publication date places, chains between events, and date labels.

Plain functions on our own sentences: temporal.expressions (the issue's explicit
examples), temporal.relative (weekdays, weeks, parts of the month), the chain
table of events/dating.py and the labels of temporal/labels.py.
"""
from __future__ import annotations

from datetime import date

import pytest

from bilat.errors import KnowledgeError
from bilat.events.dating import (
    Anchor, chained_date, lookup_day, parse_dating_cues, publication_anchor, sentence_dates,
)
from bilat.records import PubDate, TimeSpan
from bilat.temporal.expressions import find_dates
from bilat.temporal.labels import date_label, timeline_key
from bilat.temporal.relative import find_relative_dates

WEDNESDAY = date(2019, 12, 11)      # a Wednesday


def only_span(text: str, anchor: date | None = None) -> TimeSpan:
    found = find_dates(text, anchor=anchor)
    assert len(found) == 1, found
    return found[0].span


def relative(text: str, anchor: date = WEDNESDAY, direction: str = "nearest") -> TimeSpan:
    found = find_relative_dates(text, anchor, direction)    # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0].span


def placed(text: str, anchor: Anchor | None, direction: str = "nearest", year_hint: int | None = None) -> TimeSpan:
    found = sentence_dates(text, anchor, year_hint, direction)    # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0].span


def day(d: date) -> Anchor:
    return Anchor(d, d)


# ---------------------------------------------------------------- explicit dates (the issue's examples)

@pytest.mark.parametrize(("text", "start", "end", "grain"), [
    ("Kenya and Ethiopia signed the accord on November 10, 2020.", date(2020, 11, 10), date(2020, 11, 10), "day"),
    ("The frigate was handed over in September 2021.", date(2021, 9, 1), date(2021, 9, 30), "month"),
    ("The two navies trained together in 2004.", date(2004, 1, 1), date(2004, 12, 31), "year"),
    ("Finnish troops trained in Norway in winter 2014.", date(2013, 12, 1), date(2014, 2, 28), "month"),
    ("The two empires fought at the end of the 19th century.", date(1867, 1, 1), date(1899, 12, 31), "century"),
    ("Chile and Peru held naval drills from 12 to 20 September 2022.", date(2022, 9, 12), date(2022, 9, 20), "day"),
])
def test_explicit_dates_from_the_issue(text, start, end, grain):
    span = only_span(text)
    assert (span.start, span.end, span.granularity, span.basis) == (start, end, grain, "explicit")


def test_a_yearless_range_takes_its_year_from_the_publication_date():
    span = placed("Troops from Chile and Peru trained together from September 12 to 20.", day(date(2021, 10, 1)), "past")
    assert (span.start, span.end, span.granularity, span.basis) == (date(2021, 9, 12), date(2021, 9, 20), "day", "relative")


# ---------------------------------------------------------------- relative expressions

def test_yesterday_is_the_day_before_publication():
    assert placed("The Egyptian envoy arrived in Khartoum yesterday.", day(WEDNESDAY)).start == date(2019, 12, 10)


@pytest.mark.parametrize(("text", "direction", "expected"), [
    ("The ministers met on Wednesday.", "past", date(2019, 12, 11)),          # the day of publication
    ("The ministers met on Monday.", "past", date(2019, 12, 9)),
    ("The ministers met on Thursday.", "past", date(2019, 12, 5)),
    ("The ministers will meet on Thursday.", "future", date(2019, 12, 12)),
    ("The ministers will meet on Monday.", "future", date(2019, 12, 16)),
    ("The ministers met last Wednesday.", "past", date(2019, 12, 4)),
    ("The ministers will meet next Wednesday.", "future", date(2019, 12, 18)),
])
def test_a_bare_weekday_is_placed_by_tense(text, direction, expected):
    span = relative(text, direction=direction)
    assert (span.start, span.end, span.granularity, span.basis) == (expected, expected, "day", "relative")


def test_a_lowercase_weekday_word_is_not_a_date():
    assert find_relative_dates("The sunday edition ran the story.", WEDNESDAY) == []


@pytest.mark.parametrize(("text", "start", "end", "grain"), [
    ("The delegation left last week.", date(2019, 12, 2), date(2019, 12, 8), "day"),
    ("The talks resume next week.", date(2019, 12, 16), date(2019, 12, 22), "day"),
    ("The deal was signed earlier this month.", date(2019, 12, 1), WEDNESDAY, "month"),
    ("The deal will be signed later this month.", WEDNESDAY, date(2019, 12, 31), "month"),
    ("The envoy was recalled earlier this year.", date(2019, 1, 1), WEDNESDAY, "year"),
    ("The drill took place two weeks ago.", date(2019, 11, 25), date(2019, 12, 1), "day"),
    ("The treaty was ratified three years ago.", date(2016, 1, 1), date(2016, 12, 31), "year"),
    ("The talks ended the day before yesterday.", date(2019, 12, 9), date(2019, 12, 9), "day"),
])
def test_weeks_and_parts_of_the_month_count_from_publication(text, start, end, grain):
    span = relative(text)
    assert (span.start, span.end, span.granularity) == (start, end, grain)


@pytest.mark.parametrize(("text", "start", "end", "grain"), [
    ("The corvettes were delivered this month.", date(2019, 12, 1), date(2019, 12, 31), "month"),
    ("A second batch follows next year.", date(2020, 1, 1), date(2020, 12, 31), "year"),
    ("Both navies trained together last year.", date(2018, 1, 1), date(2018, 12, 31), "year"),
])
def test_this_month_and_next_year_count_from_publication(text, start, end, grain):
    span = placed(text, day(WEDNESDAY))
    assert (span.start, span.end, span.granularity, span.basis) == (start, end, grain, "relative")


def test_last_years_named_war_is_the_war_when_it_falls_in_that_year():
    span = placed("Pakistan backed Azerbaijan in last year's 44-day war.", day(date(2021, 6, 20)))
    assert (span.start, span.end) == (date(2020, 9, 27), date(2020, 11, 10))
    assert span.text == "last year's 44-day war"


def test_a_named_war_dates_a_sentence_without_a_year():
    span = placed("Turkish drones were used during the 44-day war.", None)
    assert (span.start, span.end, span.basis) == (date(2020, 9, 27), date(2020, 11, 10), "inferred")


def test_the_next_year_is_a_chain_not_the_year_after_publication():
    assert sentence_dates("The next year the two navies trained together.", day(WEDNESDAY), None) == ()


# ---------------------------------------------------------------- tense and the weekday-date pair

def test_a_planned_date_that_has_passed_this_year_is_next_year():
    assert placed("The prime minister will visit Japan on March 3.", day(date(2022, 5, 10)), "future").start == date(2023, 3, 3)


def test_a_past_yearless_date_after_publication_rolls_back():
    assert placed("The two ministers met on June 17.", day(date(2022, 5, 10)), "past").start == date(2021, 6, 17)


def test_a_planned_date_later_this_year_stays_this_year():
    assert placed("The army chief will visit Baku on June 20.", day(date(2021, 6, 15)), "future").start == date(2021, 6, 20)


@pytest.mark.parametrize(("published", "expected"), [
    (date(2019, 12, 12), date(2019, 12, 5)),     # Thursday, December 5 fits 2019 ...
    (date(2024, 12, 10), date(2024, 12, 5)),     # ... and 2024
    (date(2021, 3, 1), date(2019, 12, 5)),       # the nearest fitting year in the past
])
def test_a_weekday_date_pair_takes_the_year_where_the_weekday_fits(published, expected):
    span = placed("Last week, on Thursday, December 5, the two ministers met.", day(published), "past")
    assert (span.start, span.granularity) == (expected, "day")


def test_an_uncertain_publication_date_widens_a_relative_date():
    span = placed("The envoy arrived yesterday.", Anchor(date(2021, 6, 10), date(2021, 6, 14)))
    assert (span.start, span.end) == (date(2021, 6, 9), date(2021, 6, 13))


def test_a_vague_publication_date_anchors_nothing():
    assert publication_anchor(PubDate(date(2021, 1, 1), date(2021, 12, 31), "inferred")) is None
    assert publication_anchor(PubDate(date(2021, 6, 1), date(2021, 6, 1), "metadata")) == Anchor(date(2021, 6, 1), date(2021, 6, 1))
    assert publication_anchor(PubDate()) is None


def test_since_runs_to_publication_and_before_has_no_start():
    text = "Japan has been training Philippine pilots since 2016."
    since = sentence_dates(text, day(date(2022, 5, 10)), None, "past", ongoing=True)[0].span
    assert (since.start, since.end) == (date(2016, 1, 1), date(2022, 5, 10))
    act = placed("Pakistan has recognised Azerbaijan since December 12, 1991.", day(date(2022, 5, 10)))
    assert (act.start, act.end) == (date(1991, 12, 12), date(1991, 12, 12))
    before = placed("Greece bought the jets before 2021.", day(date(2022, 5, 10)))
    assert (before.start, before.end) == (None, date(2020, 12, 31))


# ---------------------------------------------------------------- chains

ON_3_MARCH = TimeSpan(date(2021, 3, 3), date(2021, 3, 3), "day", "explicit", "3 March 2021")
IN_2019 = TimeSpan(date(2019, 1, 1), date(2019, 12, 31), "year", "explicit", "2019")


@pytest.mark.parametrize(("text", "start", "end", "grain"), [
    ("The following day she met the prime minister.", date(2021, 3, 4), date(2021, 3, 4), "day"),
    ("Two days later the delegation left.", date(2021, 3, 5), date(2021, 3, 5), "day"),
    ("A week later the defence ministers met.", date(2021, 3, 10), date(2021, 3, 10), "day"),
    ("The same day the envoy was summoned.", date(2021, 3, 3), date(2021, 3, 3), "day"),
    ("The day before, the envoy had been summoned.", date(2021, 3, 2), date(2021, 3, 2), "day"),
    ("The next month the first jets arrived.", date(2021, 4, 1), date(2021, 4, 30), "month"),
    ("Later that year the jets arrived.", date(2021, 3, 3), date(2021, 12, 31), "year"),
])
def test_chain_phrases_count_from_the_previous_event(text, start, end, grain):
    span = chained_date(text, ON_3_MARCH)
    assert span is not None
    assert (span.start, span.end, span.granularity, span.basis) == (start, end, grain, "relative")


def test_a_day_counts_only_from_a_day():
    assert chained_date("The following day she met the prime minister.", IN_2019) is None
    later = chained_date("The first drones were delivered later that year.", IN_2019)
    assert later is not None and (later.start, later.end) == (date(2019, 1, 1), date(2019, 12, 31))
    follow = chained_date("A year later Turkey tested the system.", IN_2019)
    assert follow is not None and follow.start == date(2020, 1, 1)


def test_no_chain_without_a_previous_date():
    assert chained_date("The following day she met the prime minister.", None) is None
    assert chained_date("The ministers met in Nairobi.", ON_3_MARCH) is None


@pytest.mark.parametrize(("data", "field"), [
    ([], "mapping"),
    ({"current": ["ongoing"], "chains": [{"phrases": ["a day later"], "unit": "fortnight", "offset": 1}]}, "unit"),
    ({"current": ["ongoing"], "chains": [{"phrases": ["a day later"], "unit": "day"}]}, "offset"),
    ({"current": "ongoing", "chains": []}, "current"),
])
def test_a_bad_dating_file_names_the_problem(data, field):
    with pytest.raises(KnowledgeError, match=field):
        parse_dating_cues(data)


# ---------------------------------------------------------------- titles and labels

def test_office_lookups_use_the_events_date():
    assert lookup_day(IN_2019, date(2022, 5, 10)) == date(2019, 7, 2)
    this_year = TimeSpan(date(2022, 1, 1), date(2022, 12, 31), "year", "relative")
    assert lookup_day(this_year, date(2022, 5, 10)) == date(2022, 5, 10)
    assert lookup_day(TimeSpan(None, date(2018, 12, 31), "year", "explicit"), None) == date(2018, 12, 31)


@pytest.mark.parametrize(("span", "label"), [
    (TimeSpan(date(2021, 6, 9), date(2021, 6, 9), "day"), "2021-06-09"),
    (TimeSpan(date(2021, 9, 12), date(2021, 9, 20), "day"), "2021-09-12..2021-09-20"),
    (TimeSpan(date(2021, 6, 1), date(2021, 6, 30), "month"), "2021-06"),
    (TimeSpan(date(2020, 9, 27), date(2020, 11, 10), "month"), "2020-09..2020-11"),
    (TimeSpan(date(2021, 1, 1), date(2021, 12, 31), "year"), "2021"),
    (TimeSpan(date(2020, 1, 1), date(2029, 12, 31), "decade"), "2020s"),
    (TimeSpan(date(1900, 1, 1), date(1999, 12, 31), "century"), "20th century"),
    (TimeSpan(None, date(2018, 12, 31), "year"), "before 2019"),
    (TimeSpan(None, date(2021, 6, 20), "day"), "until 2021-06-20"),
    (TimeSpan(date(2016, 1, 1), None, "year"), "since 2016"),
    (TimeSpan(), "?"),
])
def test_date_labels_show_the_precision(span, label):
    assert date_label(span) == label


def test_timeline_order_puts_open_starts_by_their_end_and_undated_last():
    spans = [TimeSpan(), TimeSpan(date(2021, 1, 1), date(2021, 12, 31), "year"),
             TimeSpan(None, date(2018, 12, 31), "year"), TimeSpan(date(2021, 1, 5), date(2021, 1, 5), "day")]
    ordered = sorted(spans, key=timeline_key)
    assert [date_label(s) for s in ordered] == ["before 2019", "2021", "2021-01-05", "?"]


def test_without_a_publication_date_the_weekday_moves_the_year_hint():
    span = placed("On Thursday, December 5, the two ministers met.", None, "past", year_hint=2020)
    assert (span.start, span.basis) == (date(2019, 12, 5), "inferred")
    plain = placed("On December 5 the two ministers met.", None, "past", year_hint=2020)
    assert plain.start == date(2020, 12, 5)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Azerbaijan's president thanked Pakistan for its support during the April 2016 clashes.",
     date(2016, 4, 1), date(2016, 4, 5)),
    ("Indian and Chinese troops clashed during the Galwan Valley clash.", date(2020, 6, 15), date(2020, 6, 16)),
    ("India struck targets in Pakistan twelve days after the Pulwama attack.", date(2019, 2, 26), date(2019, 2, 26)),
    ("Finland's president met the Turkish president at the Vilnius summit.", date(2023, 7, 11), date(2023, 7, 12)),
    ("Israel and Hezbollah fought the Second Lebanon War.", date(2006, 7, 12), date(2006, 8, 14)),
])
def test_named_events_from_the_knowledge_file(text, start, end):
    span = placed(text, None)
    assert (span.start, span.end, span.basis) == (start, end, "inferred")


def test_after_a_named_war_is_the_time_since_it_ended():
    span = placed("Azerbaijan bought more drones from Turkey after the 44-day war.", day(date(2022, 5, 10)))
    assert (span.start, span.end, span.basis) == (date(2020, 11, 11), date(2022, 5, 10), "inferred")
    open_end = placed("Azerbaijan bought more drones from Turkey after the 44-day war.", None)
    assert (open_end.start, open_end.end) == (date(2020, 11, 11), None)


def test_a_plan_for_the_current_month_stays_in_it():
    span = placed("The two navies will hold the drill in September.", day(date(2021, 9, 15)), "future")
    assert (span.start, span.end) == (date(2021, 9, 1), date(2021, 9, 30))


def test_during_the_visit_takes_the_span_of_every_visit_dated_so_far():
    from bilat.events.dating import setting_date
    first = TimeSpan(date(2024, 5, 5), date(2024, 5, 5), "day", "relative", "5 May")
    assert setting_date(None, first) == first
    both = setting_date(first, TimeSpan(date(2024, 5, 7), date(2024, 5, 8), "day", "relative", "7 and 8 May"))
    assert (both.start, both.end, both.basis) == (date(2024, 5, 5), date(2024, 5, 8), "inferred")


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("In April this year the Spanish prime minister travelled to Rabat.", date(2022, 6, 9),
     ("April this year", date(2022, 4, 1), date(2022, 4, 30), "month")),
    ("The two navies held drills in March last year.", date(2022, 6, 9),
     ("March last year", date(2021, 3, 1), date(2021, 3, 31), "month")),
    ("The talks opened on 3 May of this year.", date(2022, 6, 9),
     ("3 May of this year", date(2022, 5, 3), date(2022, 5, 3), "day")),
])
def test_a_day_or_month_qualified_by_a_relative_year_is_in_that_year(text, published, expected):
    (found,) = sentence_dates(text, day(published), None, "past")
    assert (found.text, found.span.start, found.span.end, found.span.granularity) == expected


def test_a_relative_year_in_another_clause_does_not_qualify_a_month():
    found = sentence_dates("They met in May; last year they did not.", day(date(2022, 6, 9)), None, "past")
    assert [(m.text, m.span.start.year) for m in found] == [("May", 2022), ("last year", 2021)]


@pytest.mark.parametrize(("direction", "start"), [("future", date(2022, 8, 26)), ("past", None)])
def test_before_the_end_of_a_year_ends_on_its_last_day(direction, start):
    (found,) = sentence_dates("The first K2 tanks will reach Poland before the end of 2022.", day(date(2022, 8, 26)),
                              None, direction)
    assert (found.span.start, found.span.end) == (start, date(2022, 12, 31))
