"""Event dates, second round of rules, through the real extractor: months named after
"for" and "the end of", chain phrases ("later in the day", "that July", "that year",
"at the time") and what they count from, offsets ("three weeks before the two signed"),
onsets over a range of days, "during that visit", and clauses hanging on a date.

Our own sentences about many pairs of states (real public facts).
"""
from __future__ import annotations

from datetime import date

import pytest
from conftest import one


pytestmark = pytest.mark.slow


# ---------------------------------------------------------------- months, chains and offsets (round 2)

@pytest.mark.parametrize(("text", "published", "expected"), [
    # "for July" names a month; "last year" after it gives the year
    ("Macron's state visit to Germany was first planned for July last year but was called off.",
     date(2024, 5, 21), (date(2023, 7, 1), date(2023, 7, 31))),
    # "in the middle of January": that January, the last one before publication for a report
    ("Britain pledged 14 Challenger tanks to Ukraine in the middle of January.",
     date(2023, 2, 9), (date(2023, 1, 1), date(2023, 1, 31))),
    # "by the end of March" in a plan: the coming March
    ("Britain will deliver the Challenger tanks to Ukraine by the end of March.",
     date(2023, 2, 9), (date(2023, 3, 1), date(2023, 3, 31))),
])
def test_a_month_named_after_for_or_the_end_of_is_that_month(dated, text, published, expected):
    event = one(dated(text, published))
    assert (event.date.start, event.date.end) == expected


def test_a_lowercase_may_after_for_is_no_month():
    from bilat.temporal.expressions import find_dates
    assert find_dates("Officials said the deal for may be delayed.", anchor=date(2024, 5, 21)) == []


def test_later_that_year_dates_the_complement_of_a_verb_that_is_no_event(dated):
    events = dated("The partnership between Norway and Germany began in February 2017, when Oslo chose Berlin as "
                   "its partner. Later that year the two governments agreed to buy the submarines jointly.",
                   date(2021, 7, 9))
    bought = one(events, "arms_transfer")
    assert (bought.date.start, bought.date.end, bought.date.text) == (date(2017, 2, 1), date(2017, 12, 31),
                                                                      "Later that year")


def test_the_next_day_counts_from_a_date_stated_sentences_before(dated):
    events = dated("Spain and Norway recognised a Palestinian state on Tuesday. The two governments had "
                   "announced the step jointly last Wednesday. Israel reacted within hours. Its foreign minister "
                   "ordered the ambassadors home, and the next day Israel's foreign ministry summoned the envoys "
                   "of Spain and Norway.", date(2024, 5, 28))
    summoned = one(events, "criticism")
    assert (summoned.date.start, summoned.date.text) == (date(2024, 5, 23), "the next day")


def test_that_july_is_july_of_the_previous_events_year(dated):
    events = dated("Egypt ordered 24 Rafale jets from France in February 2015. The first three aircraft were "
                   "handed over to Egypt that July.", date(2021, 5, 4))
    handed = [e for e in events if e.date.text == "that July"]
    assert [(e.date.start, e.date.end, e.date.granularity) for e in handed] == [
        (date(2015, 7, 1), date(2015, 7, 31), "month")]


def test_a_clause_weeks_before_a_dated_one_is_shifted_by_them(dated):
    events = dated("The Japanese prime minister visited Seoul on Friday, three weeks before the two countries "
                   "signed a new defence pact.", date(2024, 5, 22))
    assert one(events, "visit").date.start == date(2024, 5, 17)
    pact = one(events, "agreement")
    assert (pact.date.start, pact.date.end, pact.date.basis) == (date(2024, 6, 7), date(2024, 6, 7), "inferred")


def test_later_in_the_day_is_the_previous_events_day(dated):
    events = dated("The foreign ministers of Rwanda and Congo signed a peace agreement in Washington on Friday. "
                   "President Trump received both ministers in the Oval Office later in the day.", date(2025, 6, 28))
    received = one(events, "visit")
    assert (received.date.start, received.date.end, received.date.text) == (date(2025, 6, 27), date(2025, 6, 27),
                                                                            "later in the day")


def test_a_noun_event_in_a_when_clause_takes_the_date_of_the_infinitive_above(dated):
    events = dated("Germany first offered to station a brigade in Lithuania in June 2023, when Pistorius announced "
                   "the plan during a visit to Vilnius.", date(2025, 5, 22))
    visit = one(events, "visit")
    assert (visit.date.start, visit.date.end) == (date(2023, 6, 1), date(2023, 6, 30))


def test_fighting_that_broke_out_over_two_days_began_on_the_first(dated):
    event = one(dated("Heavy fighting broke out on the Armenia-Azerbaijan border on 13 and 14 September.",
                      date(2022, 10, 1)))
    assert (event.date.start, event.date.end) == (date(2022, 9, 13), date(2022, 9, 13))


def test_a_drill_over_a_range_of_days_keeps_the_range(dated):
    event = one(dated("Indian and French troops held a joint exercise from 12 to 20 September.", date(2022, 10, 1)))
    assert (event.date.start, event.date.end) == (date(2022, 9, 12), date(2022, 9, 20))


def test_at_the_time_keeps_the_time_the_sentence_before_states(dated):
    events = dated("Greek firefighters helped Turkey fight forest fires in early August 2021. The Turkish foreign "
                   "minister thanked Greece at the time.", date(2023, 2, 10))
    thanked = one(events, "support")
    assert (thanked.date.start, thanked.date.end, thanked.date.text) == (date(2021, 8, 1), date(2021, 8, 31),
                                                                         "at the time")


def test_the_news_of_the_day_is_not_carried_past_a_sentence_telling_an_earlier_day(dated):
    events = dated("Spain withdrew its ambassador to Argentina on Tuesday. The foreign minister said the envoy would "
                   "not return. The embassy will be run by a deputy. Officials said relations must rest on respect. "
                   "The row began on Sunday, when the Argentine president spoke at a rally in Madrid. He accused the "
                   "Spanish government of corruption.", date(2024, 5, 22))
    accused = [e for e in events if any(m.sentence.startswith("He accused") for m in e.mentions)]
    assert len(accused) == 1 and accused[0].date.start != date(2024, 5, 21)


def test_during_that_visit_is_the_visit_just_told_not_every_visit(dated):
    events = dated("Xi Jinping arrived in Riyadh on Wednesday for a state visit to Saudi Arabia. In March 2017 King "
                   "Salman paid a state visit to Beijing. During that visit China agreed to help Saudi Arabia set up "
                   "a factory to produce armed drones.", date(2022, 12, 9))
    factory = one(events, "defence_industry")
    assert (factory.date.start, factory.date.end) == (date(2017, 3, 1), date(2017, 3, 31))


def test_a_clause_on_the_date_after_first_since_happened_on_that_date(dated):
    events = dated("The call was the first conversation between the American and Chinese defence chiefs since "
                   "November 2022, when the US defence secretary met the Chinese defence minister in Cambodia.",
                   date(2024, 4, 16))
    spans = {(e.date.start, e.date.end) for e in events}
    assert (date(2022, 11, 1), date(2022, 11, 30)) in spans


def test_that_year_is_the_year_of_the_date_told_before(dated):
    events = dated("Egypt ordered 24 Rafale jets from France in February 2015. That year France also sold Egypt a "
                   "FREMM frigate.", date(2021, 5, 4))
    sold = [e for e in events if e.date.text == "That year"]
    assert [(e.date.start, e.date.end) for e in sold] == [(date(2015, 1, 1), date(2015, 12, 31))]
