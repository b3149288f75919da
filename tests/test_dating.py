"""Every event dated when it happened, through the real extractor.

Our own sentences about many pairs of states (real public facts), and the seeds
through the conftest fixtures: explicit and relative dates, chains, named
historical events, tense and aspect, and titles resolved at the event's date.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import one

from bilat.config import load_settings
from bilat.pipeline import process
from bilat.records import DocumentResult, Event

pytestmark = pytest.mark.slow


def when(event: Event) -> tuple:
    d = event.date
    return (d.start, d.end, d.granularity, d.basis)


# ---------------------------------------------------------------- stated dates

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Armenia and Azerbaijan signed a ceasefire statement on November 10, 2020.", date(2021, 1, 5),
     (date(2020, 11, 10), date(2020, 11, 10), "day", "explicit")),
    ("Greece bought 18 Rafale jets from France in January 2021.", date(2021, 6, 1),
     (date(2021, 1, 1), date(2021, 1, 31), "month", "explicit")),
    ("India and Russia signed the S-400 contract in 2018.", date(2021, 11, 20),
     (date(2018, 1, 1), date(2018, 12, 31), "year", "explicit")),
    ("Finnish and Swedish troops held a joint exercise in winter 2014.", date(2015, 3, 1),
     (date(2013, 12, 1), date(2014, 2, 28), "month", "explicit")),
    ("India and France held their Varuna naval exercise from September 12 to 20.", date(2021, 10, 1),
     (date(2021, 9, 12), date(2021, 9, 20), "day", "relative")),
])
def test_stated_dates_date_the_event(dated, text, published, expected):
    assert when(one(dated(text, published))) == expected


# ---------------------------------------------------------------- relative to the publication date

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The Egyptian foreign minister visited Sudan yesterday.", date(2021, 6, 15),
     (date(2021, 6, 14), date(2021, 6, 14), "day", "relative")),
    ("The Polish defence minister met the South Korean defence minister on Wednesday.", date(2022, 5, 13),
     (date(2022, 5, 11), date(2022, 5, 11), "day", "relative")),
    ("The Greek prime minister will visit France on Friday.", date(2021, 9, 21),
     (date(2021, 9, 24), date(2021, 9, 24), "day", "relative")),
    ("The Indian army chief visited Bangladesh last week.", date(2022, 5, 10),
     (date(2022, 5, 2), date(2022, 5, 8), "day", "relative")),
    ("India and France signed a submarine agreement earlier this month.", date(2022, 5, 10),
     (date(2022, 5, 1), date(2022, 5, 10), "month", "relative")),
    ("Japan and Australia will sign a defence pact later this month.", date(2022, 1, 4),
     (date(2022, 1, 4), date(2022, 1, 31), "month", "relative")),
    ("Poland will buy more tanks from South Korea next year.", date(2022, 8, 27),
     (date(2023, 1, 1), date(2023, 12, 31), "year", "relative")),
    ("Ethiopia and Eritrea fought a border war last year.", date(2021, 6, 1),
     (date(2020, 1, 1), date(2020, 12, 31), "year", "relative")),
])
def test_relative_expressions_count_from_the_publication_date(dated, text, published, expected):
    assert when(one(dated(text, published))) == expected


def test_last_week_on_a_weekday_and_date_takes_the_year_where_they_fit(dated):
    event = one(dated("Last week, on Thursday, December 5, the Chilean defence minister met the Peruvian "
                      "ambassador.", date(2019, 12, 12)))
    assert when(event) == (date(2019, 12, 5), date(2019, 12, 5), "day", "relative")


def test_last_years_named_war_is_the_war(dated):
    event = one(dated("Turkey supported Azerbaijan during last year's 44-day war.", date(2021, 6, 20)))
    assert (event.date.start, event.date.end) == (date(2020, 9, 27), date(2020, 11, 10))


# ---------------------------------------------------------------- chains

def test_two_days_later_follows_the_previous_dated_event(dated):
    events = dated("The Kenyan president arrived in Addis Ababa on 3 March 2021. Two days later he met the "
                   "Ethiopian prime minister.", date(2021, 3, 10))
    assert when(one(events, "meeting")) == (date(2021, 3, 5), date(2021, 3, 5), "day", "relative")


def test_the_same_day_takes_the_previous_events_day(dated):
    events = dated("The Indian army chief arrived in Dhaka on 8 April 2022. The same day Bangladesh and India "
                   "signed a defence agreement.", date(2022, 4, 10))
    assert when(one(events, "agreement")) == (date(2022, 4, 8), date(2022, 4, 8), "day", "relative")


def test_later_that_year_stays_in_the_previous_events_year(dated):
    events = dated("Ukraine ordered six drones from Turkey in early 2019. Turkey delivered the drones to "
                   "Ukraine later that year.", date(2021, 10, 27))
    years = {e.date.start.year for e in events if e.date.start}
    assert years == {2019}
    assert any(e.date.text == "later that year" for e in events)


def test_a_chain_without_a_previous_date_leaves_the_event_undated(dated):
    event = one(dated("The following day the Kenyan president met the Ethiopian prime minister.", date(2021, 3, 10)))
    assert not event.date.known


def test_a_clause_set_during_a_dated_visit_takes_the_visits_date(dated):
    events = dated("The Chinese president visited Serbia on 7 May 2024. During the visit, China and Serbia "
                   "signed 28 agreements.", date(2024, 5, 9))
    assert one(events, "agreement").date.start == date(2024, 5, 7)


def test_a_narrative_continuing_with_the_same_person_keeps_the_day(dated):
    events = dated("The Armenian foreign minister Ararat Mirzoyan visited Ankara on 15 February 2023. Mirzoyan "
                   "thanked Turkey for reopening the border crossing.", date(2023, 2, 16))
    support = [e for e in events if e.category == "support"]
    assert support and all(e.date.start == date(2023, 2, 15) and e.date.basis == "inferred" for e in support)


def test_a_present_tense_background_sentence_does_not_continue_the_day(dated):
    events = dated("The Armenian foreign minister visited Ankara on 15 February 2023. Turkey and Armenia have "
                   "no diplomatic relations.", date(2023, 2, 16))
    assert all(e.date.start == date(2023, 2, 15) or not e.date.known for e in events)
    assert not any(e.date.basis == "inferred" for e in events)


# ---------------------------------------------------------------- named historical events

@pytest.mark.parametrize(("text", "start", "end"), [
    ("Pakistan supported Azerbaijan during the 44-day war.", date(2020, 9, 27), date(2020, 11, 10)),
    ("India and Pakistan fought the Kargil War in the mountains of Ladakh.", date(1999, 5, 3), date(1999, 7, 26)),
    ("Argentina and the United Kingdom fought the Falklands War.", date(1982, 4, 2), date(1982, 6, 14)),
    ("Russia and Georgia fought during the Russo-Georgian War.", date(2008, 8, 7), date(2008, 8, 16)),
])
def test_named_historical_events_date_a_sentence_without_a_year(dated, text, start, end):
    event = one(dated(text, date(2023, 1, 10)))
    assert (event.date.start, event.date.end, event.date.basis) == (start, end, "inferred")


# ---------------------------------------------------------------- tense and aspect

def test_a_planned_visit_is_on_the_coming_day(dated):
    event = one(dated("Pakistan's army chief will visit Azerbaijan on June 20.", date(2021, 6, 15)))
    assert event.factuality == "planned"
    assert when(event) == (date(2021, 6, 20), date(2021, 6, 20), "day", "relative")


def test_a_planned_date_already_past_this_year_is_next_year(dated):
    event = one(dated("The Indian prime minister will visit Japan on March 3.", date(2022, 5, 10)))
    assert event.date.start == date(2023, 3, 3)


def test_a_past_date_after_publication_day_is_last_year(dated):
    event = one(dated("The Japanese foreign minister visited the Philippines on June 17.", date(2022, 5, 10)))
    assert event.date.start == date(2021, 6, 17)


def test_an_ongoing_activity_runs_up_to_publication(dated):
    event = one(dated("Pakistan has been training Azerbaijani pilots.", date(2021, 6, 20)))
    assert when(event) == (None, date(2021, 6, 20), "day", "inferred")


def test_an_ongoing_activity_since_a_year_starts_then(dated):
    event = one(dated("Turkey has been training Azerbaijani officers since 2016.", date(2021, 6, 20)))
    assert (event.date.start, event.date.end) == (date(2016, 1, 1), date(2021, 6, 20))


@pytest.mark.parametrize("text", [
    "The Kenyan president is currently visiting Ethiopia.",
    "The Indonesian defence minister is currently visiting France.",
])
def test_a_visit_under_way_takes_the_documents_date(dated, text):
    event = one(dated(text, date(2022, 2, 10)))
    assert when(event) == (date(2022, 2, 10), date(2022, 2, 10), "day", "document")


@pytest.mark.parametrize("text", [
    "The Kenyan foreign minister visited Ethiopia.",
    "Greece and Cyprus have close defence ties and hold regular naval drills.",
    "Pakistan supplies JF-17 jets to Nigeria.",
])
def test_background_is_never_dated_to_the_publication_day(dated, text):
    published = date(2022, 5, 10)
    for event in dated(text, published):
        assert event.date.start != published, event.date


def test_a_news_headline_takes_the_documents_date_and_the_lead_keeps_its_own(dated):
    title = "France recalls its ambassador from Australia"
    text = f"{title}\n\nFrance recalled its ambassador from Australia on 17 September 2021."
    recall = one(dated(text, date(2021, 9, 18), title=title), "criticism")
    assert len(recall.mentions) == 2
    assert when(recall) == (date(2021, 9, 17), date(2021, 9, 17), "day", "explicit")


def test_a_news_headline_alone_takes_the_documents_date(dated):
    title = "India and France sign submarine agreement"
    text = f"{title}\n\nThe deal covers three more Scorpene boats."
    headline = one(dated(text, date(2023, 7, 14), title=title))
    assert when(headline) == (date(2023, 7, 14), date(2023, 7, 14), "day", "document")


# ---------------------------------------------------------------- titles at the event's date

def test_a_title_resolves_to_the_holder_at_the_events_date(dated, kb):
    event = one(dated("In 2012 the Turkish defence minister visited Azerbaijan.", date(2022, 5, 10)))
    people = {a.name for a in event.actors if a.kind == "person"}
    assert "İsmet Yılmaz" in people and "Hulusi Akar" not in people


def test_a_title_in_an_undated_sentence_resolves_at_publication(dated):
    event = one(dated("The Turkish defence minister visited Azerbaijan.", date(2022, 5, 10)))
    assert "Hulusi Akar" in {a.name for a in event.actors if a.kind == "person"}


# ---------------------------------------------------------------- the seeds

@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, kb, nlp) -> dict[str, DocumentResult]:
    results = list(process([seeds_dir], load_settings(env={}, db=":memory:"), kb=kb, nlp=nlp))
    return {Path(r.document.path).name[:3]: r for r in results if isinstance(r, DocumentResult)}


def saying(result: DocumentResult, words: str, category: str) -> list[Event]:
    return [e for e in result.events if e.category == category and any(words in m.sentence for m in e.mentions)]


def test_seed_004_the_following_day_counts_from_the_meeting_on_june_9(seeds):
    dates = {e.date.start for e in saying(seeds["004"], "The following day", "meeting")}
    assert dates == {date(2021, 6, 10)}


def test_seed_004_the_planned_visit_is_on_june_20(seeds):
    (visit,) = [e for e in saying(seeds["004"], "will visit Azerbaijan on June 20", "visit")]
    assert visit.date.start == date(2021, 6, 20) and visit.factuality == "planned"


def test_seed_004_background_visits_keep_their_years(seeds):
    years = {e.date.start.year for e in saying(seeds["004"], "visited the country in 2004", "visit") if e.date.start}
    assert 2004 in years


def test_seeds_date_no_event_to_the_publication_day_unless_the_text_says_so(seeds):
    for result in seeds.values():
        pub = result.document.published
        for event in result.events:
            if pub.start is not None and pub.start == pub.end and event.date.start == pub.start:
                assert event.date.basis in {"document", "relative", "explicit"}, event.date


def test_a_year_inside_a_name_is_not_a_date():
    from bilat.temporal.expressions import find_dates
    assert find_dates("The two leaders adopted a roadmap called Horizon 2047.") == []
    assert find_dates("Saudi Arabia's Vision 2030 plan was launched.") == []
    assert [m.text for m in find_dates("The pact was signed in 2019.")] == ["2019"]


def test_the_lead_of_a_news_report_takes_the_day_of_its_news(dated):
    text = ("Japanese Prime Minister Fumio Kishida arrived in Kyiv on Tuesday. "
            "Kishida held talks with Ukrainian President Volodymyr Zelenskyy. "
            "Japan pledged aid worth 470 million dollars to Ukraine.")
    events = dated(text, date(2023, 3, 23))
    talks = [e for e in events if e.category in {"meeting", "visit"}]
    assert talks and all(e.date.start == date(2023, 3, 21) for e in talks)


def test_a_lead_sentence_with_its_own_year_is_not_the_news_of_the_day(dated):
    text = ("Saudi Arabia and Iran agreed on Friday to restore ties. "
            "Riyadh cut relations with Tehran in January 2016 after protesters stormed its embassy.")
    events = dated(text, date(2023, 3, 11))
    cut = [e for e in events if e.category == "recognition" and e.date.start and e.date.start.year == 2016]
    assert cut and not any(e.date.start == date(2023, 3, 10) and "2016" in e.mentions[0].sentence for e in events)


def test_the_first_visit_since_a_year_happened_after_it(dated):
    text = "Kenyan President William Ruto visited Washington, the first state visit by an African leader since 2008."
    visit = one(dated(text, date(2024, 5, 24)), "visit")
    assert visit.date.start is not None and visit.date.start > date(2008, 12, 31)


def test_a_year_before_a_noun_dates_it_but_a_count_is_no_year():
    from bilat.temporal.expressions import find_dates
    assert [m.text for m in find_dates("A 2017 bilateral treaty allowed Canberra to send police.")] == ["2017"]
    assert [m.text for m in find_dates("The 1998 accord on trade was revived.")] == ["1998"]
    assert find_dates("The 2000 soldiers arrived on the island.") == []


# ---------------------------------------------------------------- whose date a date is: the clauses of a sentence

def _dated(events: list[Event], category: str) -> Event:
    return one(events, category)


def test_a_clause_with_its_own_subject_does_not_date_the_event(dated):
    events = dated("Algeria accused Spain of betraying Western Sahara, a territory which Spain ruled "
                   "as a colony until 1975.", date(2022, 6, 9))
    assert _dated(events, "criticism").date.start is None or _dated(events, "criticism").date.start.year > 1975


def test_a_month_this_year_is_that_month_of_the_publication_year(dated):
    event = _dated(dated("In April this year Spain's prime minister travelled to Morocco and met King "
                         "Mohammed VI.", date(2022, 6, 9)), "visit")
    assert (event.date.start, event.date.end, event.date.granularity) == (date(2022, 4, 1), date(2022, 4, 30), "month")


def test_a_participle_clause_takes_the_date_of_the_clause_it_hangs_from(dated):
    event = _dated(dated("Algeria cut diplomatic ties with Morocco in August 2021, accusing it of hostile acts.",
                         date(2022, 6, 9)), "criticism")
    assert (event.date.start, event.date.end) == (date(2021, 8, 1), date(2021, 8, 31))


def test_a_when_clause_takes_the_date_it_describes(dated):
    events = dated("Russian President Vladimir Putin returned to Egypt in December 2017, when the two "
                   "governments signed contracts for a nuclear power plant.", date(2023, 4, 1))
    assert (_dated(events, "agreement").date.start, _dated(events, "agreement").date.end) == (
        date(2017, 12, 1), date(2017, 12, 31))


def test_a_date_in_a_participle_on_a_noun_sets_the_event_when_nothing_nearer_does(dated):
    event = _dated(dated("Under a contract signed in 2020, Japan sold air surveillance radars to the Philippines.",
                         date(2024, 7, 12)), "arms_transfer")
    assert (event.date.start, event.date.end) == (date(2020, 1, 1), date(2020, 12, 31))


def test_an_after_clause_with_a_date_bounds_the_event(dated):
    event = _dated(dated("Greece sent rescue teams to Turkey after the earthquakes struck on 6 February.",
                         date(2023, 2, 16)), "aid")
    assert (event.date.start, event.date.end, event.date.basis) == (date(2023, 2, 7), date(2023, 2, 16), "inferred")


def test_the_day_a_plan_was_announced_is_not_the_day_of_the_plan(dated):
    events = dated("The Indian foreign ministry said on Monday that Prime Minister Narendra Modi will visit France.",
                   date(2023, 7, 12))
    assert _dated(events, "visit").date.start != date(2023, 7, 10)


def test_the_day_of_an_announcement_dates_what_it_reports(dated):
    events = dated("On Thursday, the defence ministers announced that Indonesia had ordered 42 Rafale "
                   "jets from France.", date(2022, 2, 11))
    assert when(_dated(events, "arms_transfer"))[:2] == (date(2022, 2, 10), date(2022, 2, 10))


def test_a_chain_phrase_counts_from_a_date_earlier_in_its_sentence(dated):
    events = dated("Ukraine ordered six Bayraktar drones from Turkey in early 2019, and Turkey delivered "
                   "the first drones later that year.", date(2021, 10, 27))
    assert all(e.date.start and e.date.end and e.date.start.year == e.date.end.year == 2019 for e in events), \
        [(e.category, e.date) for e in events]


def test_coordinated_verbs_share_a_date_stated_after_both(dated):
    events = dated("The Japanese and Philippine defence ministers met in Manila and signed a reciprocal "
                   "access agreement on Monday.", date(2024, 7, 12))
    assert {(e.date.start, e.date.end) for e in events} == {(date(2024, 7, 8), date(2024, 7, 8))}


# ---------------------------------------------------------------- the news of the day, carried on

def test_a_later_sentence_about_the_same_leaders_carries_on_the_news_of_the_day(dated):
    events = dated("Kazakh President Kassym-Jomart Tokayev met Turkish President Recep Tayyip Erdogan in Ankara "
                   "on Tuesday. Officials described the atmosphere as warm. Tokayev and Erdogan also signed a "
                   "joint declaration on an enhanced strategic partnership.", date(2022, 5, 11))
    assert when(_dated(events, "agreement"))[:2] == (date(2022, 5, 10), date(2022, 5, 10))


def test_the_two_leaders_of_a_readout_act_on_the_day_of_the_meeting(dated):
    events = dated("Japanese Prime Minister Fumio Kishida held a summit meeting today in Tokyo with South Korean "
                   "President Yoon Suk Yeol. The overview is as follows. The two leaders agreed to resume "
                   "reciprocal visits by Japan and South Korea.", date(2023, 3, 16))
    assert when(_dated(events, "agreement"))[:2] == (date(2023, 3, 16), date(2023, 3, 16))


def test_a_name_from_the_lead_carries_on_the_news_past_the_lead(dated):
    events = dated("Kazakh President Kassym-Jomart Tokayev met Turkish President Recep Tayyip Erdogan in Ankara "
                   "on Tuesday. Officials described the atmosphere as warm. The talks lasted three hours. "
                   "The delegations toured the city. Erdogan praised Kazakhstan for its support.", date(2022, 5, 11))
    assert when(_dated(events, "support"))[:2] == (date(2022, 5, 10), date(2022, 5, 10))


def test_once_the_text_dates_another_happening_the_news_of_the_day_is_not_carried_on(dated):
    published = date(2022, 5, 11)
    events = dated("Kazakh President Kassym-Jomart Tokayev met Turkish President Recep Tayyip Erdogan in Ankara "
                   "on Tuesday. Officials described the atmosphere as warm. The talks lasted three hours. "
                   "Turkey recognised the independence of Kazakhstan in December 1991. "
                   "Erdogan praised Kazakhstan for its support.", published)      # past the lead
    praise = _dated(events, "support")
    assert praise.date.start not in (date(2022, 5, 10), published), praise.date


def test_a_role_noun_subject_carries_on_the_meeting_just_told(dated):
    events = dated("On June 17 the Pakistani air vice marshal met the Azerbaijani air force commander in Baku. "
                   "The Azerbaijani commander thanked Pakistan for training Azerbaijani pilots.", date(2021, 6, 20))
    assert when(_dated(events, "support"))[:2] == (date(2021, 6, 17), date(2021, 6, 17))


def test_a_second_verb_without_a_subject_of_its_own_carries_on_with_the_first_ones(dated):
    events = dated("The Pakistani army chief met the Azerbaijani naval commander in Rawalpindi on June 8. "
                   "It was reported that the army chief spoke of brotherly relations and offered Azerbaijan "
                   "extensive military assistance.", date(2021, 6, 20))
    assert when(_dated(events, "support"))[:2] == (date(2021, 6, 8), date(2021, 6, 8))


# ---------------------------------------------------------------- a happening named after "since", "after", "before"

def test_since_a_dated_happening_runs_from_it_to_publication(dated):
    events = dated("Russia invaded Ukraine in February 2022. Poland has sent T-72 tanks to Ukraine since the "
                   "invasion.", date(2022, 8, 26))
    sent = _dated(events, "arms_transfer")
    assert (sent.date.start, sent.date.end) == (date(2022, 2, 1), date(2022, 8, 26))


def test_after_one_of_several_dated_visits_is_after_none_in_particular(dated):
    events = dated("Pakistan's president visited Azerbaijan in 2004. Its prime minister visited Azerbaijan in 2016. "
                   "After the visit, Azerbaijan said it was interested in buying JF-17 jets from Pakistan.",
                   date(2021, 6, 20))
    assert all(not (e.date.start and e.date.start > date(2016, 12, 31)) for e in events), \
        [(e.category, e.date) for e in events]


def test_condemning_a_dated_visit_comes_on_or_after_it(dated):
    events = dated("Turkish President Recep Tayyip Erdogan visited Shusha in Azerbaijan on Tuesday. "
                   "Armenia's foreign ministry condemned the visit as a provocation.", date(2021, 6, 16))
    condemned = _dated(events, "criticism")
    assert (condemned.date.start, condemned.date.end) == (date(2021, 6, 15), date(2021, 6, 16))


# ---------------------------------------------------------------- chains from a date stated just before

def test_the_next_day_after_a_month_stated_in_the_sentence_before(dated):
    events = dated("The row began in March, when the Spanish prime minister backed Morocco's plan for Western "
                   "Sahara. Algeria recalled its ambassador from Madrid for consultations the next day.",
                   date(2022, 6, 9))
    recalled = _dated(events, "criticism")
    assert (recalled.date.start, recalled.date.end) == (date(2022, 3, 2), date(2022, 4, 1))


def test_a_clause_about_an_earlier_visit_does_not_date_the_one_reported(nlp):
    from bilat.events.dating import Anchor, date_event
    from bilat.events.lexicon import load_lexicon
    from bilat.events.triggers import find_triggers
    doc = nlp("The trip was the Russian president's first to North Korea in 24 years; his previous visit "
              "to North Korea, in 2000, came in his first months as president.")
    sent = list(doc.sents)[0]
    triggers = find_triggers(sent, load_lexicon())
    clauses = {t.clause: t for t in triggers}
    published = Anchor(date(2024, 6, 21), date(2024, 6, 21))
    dates = {doc[t.token].text: date_event(sent, t, clauses, "asserted", published, None, None) for t in triggers}
    assert dates["visit"].start == date(2000, 1, 1)
    assert not dates["trip"].known


@pytest.mark.parametrize(("text", "year"), [
    ("The Azerbaijani navy took part in the Pakistani-hosted multinational naval exercises AMAN-2013 "
     "in the Arabian Sea.", 2013),
    ("Turkish and Azerbaijani troops held the Three Brothers-2021 drills in Baku.", 2021),
])
def test_an_exercise_named_with_its_year_is_held_in_that_year(dated, text, year):
    event = _dated(dated(text, date(2022, 5, 10)), "exercise")
    assert (event.date.start, event.date.end, event.date.basis) == (date(year, 1, 1), date(year, 12, 31), "inferred")


def test_a_year_in_the_name_of_a_plan_dates_no_event(dated):
    events = dated("India and France adopted a roadmap called Horizon 2047 for their partnership.", date(2023, 7, 14))
    assert all(e.date.start is None or e.date.start.year != 2047 for e in events)


def test_a_sentence_stating_its_own_year_does_not_carry_on_the_news_of_the_day(nlp, kb):
    # our own article in eval/dev2: a 2025 wire that recalls, with its year, a 2023 visit
    article = Path(__file__).resolve().parents[1] / "eval" / "dev2" / "corpus" / "e16_news-germany-lithuania-brigade.txt"
    (result,) = process([article], load_settings(env={}, db=":memory:"), kb=kb, nlp=nlp)
    recalled = [e for e in result.events if any("during a visit to Vilnius" in m.sentence for m in e.mentions)]
    assert recalled and all(e.date.start != date(2025, 5, 22) for e in recalled)


def test_a_participle_on_the_subject_of_the_first_clause_dates_the_purchase_the_second_names(dated):
    # Greece signed for 18 Rafales in Athens on Monday 25 January 2021
    events = dated("Greece's contract for 18 Rafale jets, signed in Athens on Monday by the French and Greek "
                   "defence ministers, is worth about 2.5 billion euros, and it is the largest arms purchase "
                   "by the country in a decade.", date(2021, 1, 27))
    assert when(_dated(events, "arms_transfer"))[:3] == (date(2021, 1, 25), date(2021, 1, 25), "day")


def test_a_relative_clause_on_the_drills_dates_them_even_when_parsed_as_a_verb(dated):
    # Sea Breeze 2021 ran from 28 June to 10 July 2021; the parser takes "drills" for the verb here
    events = dated("The Sea Breeze-2021 drills that Ukraine and the United States held from June 28 to July 10 "
                   "have ended, but Russia is still protesting.", date(2021, 7, 12))
    assert when(_dated(events, "exercise"))[:2] == (date(2021, 6, 28), date(2021, 7, 10))
