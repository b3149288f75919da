"""Date expressions, named periods and publication dates, on real sentence forms."""
from __future__ import annotations

import re
from datetime import date

import pytest

from bilat.errors import KnowledgeError
from bilat.records import PubDate
from bilat.temporal import (
    date_from_url,
    find_dates,
    find_named_periods,
    infer_publication,
    load_named_periods,
    parse_metadata_date,
    weekday_date_years,
    year_hint_for,
)
from bilat.temporal.expressions import parse_named_periods

D = date.fromisoformat
THURSDAY = 3


def only(text: str, **kwargs):
    found = find_dates(text, **kwargs)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def seed_sentence(text: str, needle: str) -> str:
    """The sentence of a seed that contains ``needle`` (a short substring)."""
    start = text.index(needle)
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(i for i in (text.find(". ", start), text.find("\n", start), len(text)) if i >= 0)
    return text[left:right + 1]


@pytest.mark.parametrize("sentence, surface, day", [
    ("The ceasefire statement was signed on November 10, 2020 in Moscow.", "November 10, 2020", "2020-11-10"),
    ("Ghana and Togo signed the protocol on 10 November 2020 in Accra.", "10 November 2020", "2020-11-10"),
    ("The ministry's note is dated 2020-11-10 and was published later.", "2020-11-10", "2020-11-10"),
    ("Peru recalled its envoy on Nov. 10, 2020, after the vote.", "Nov. 10, 2020", "2020-11-10"),
    ("Chile has recognised the state since December 12, 1991.", "December 12, 1991", "1991-12-12"),
    ("The summit opened on Thursday, 5 December 2019 in Oslo.", "Thursday, 5 December 2019", "2019-12-05"),
    ("Talks resumed on the 3rd of March 2022, officials said.", "3rd of March 2022", "2022-03-03"),
    ("The order was placed on 04.03.2021 according to the registry.", "04.03.2021", "2021-03-04"),
    ("Kenya's minister arrived on June 19, 2021 at 10:30 local time.", "June 19, 2021", "2021-06-19"),
])
def test_temporal_full_dates_have_day_granularity(sentence, surface, day):
    m = only(sentence)
    assert (m.text, m.span.start, m.span.end) == (surface, D(day), D(day))
    assert (m.span.granularity, m.span.basis, m.span.text) == ("day", "explicit", surface)
    assert sentence[m.start:m.end] == surface


@pytest.mark.parametrize("sentence, surface, start, end", [
    ("The first joint drills took place in September 2021 near the capital.", "September 2021", "2021-09-01", "2021-09-30"),
    ("January 2021 saw the agreement between the two ministries.", "January 2021", "2021-01-01", "2021-01-31"),
    ("Relations were upgraded in Feb. 2016 after the visit.", "Feb. 2016", "2016-02-01", "2016-02-29"),
])
def test_temporal_month_year_has_month_granularity(sentence, surface, start, end):
    m = only(sentence)
    assert (m.text, m.span.start, m.span.end, m.span.granularity) == (surface, D(start), D(end), "month")


@pytest.mark.parametrize("sentence, year", [
    ("The chief of general staff visited the country in 2004, when talks began.", 2004),
    ("It joined the cooperation council in 1992, making it an early partner.", 1992),
    ("Both states have had diplomatic ties since 1991.", 1991),
    ("Pilots flew in the 2020 war, according to the report.", 2020),
    ("The cabinets approved a roadmap for 2020, officials said.", 2020),
    ("The deal (2016) was never ratified.", 2016),
    ("The country's 2019 budget raised defence spending.", None),
    ("Mid-2021 brought a new round of talks.", 2021),
])
def test_temporal_years_only_in_date_context(sentence, year):
    found = find_dates(sentence)
    if year is None:
        assert found == []
    else:
        assert [(m.span.start.year, m.span.end.year) for m in found] == [(year, year)]


@pytest.mark.parametrize("sentence", [
    "The army has some 650 thousand personnel under arms.",
    "The brigade fields 300mm rocket launchers and 2000 mm guns.",
    "The contract is worth $ 32 million over five years.",
    "Talks covered 5th generation fighter aircraft.",
    "The navy took part in the AMAN-2013 exercise at sea.",
    "Special forces held the Three Brothers-2021 drills.",
    "About 2,000 troops and a total of 1900 vehicles took part.",
    "The plant delivered 2000 units to the air force.",
    "Production rose by 2020 percent, the report claimed.",
    "The unit numbers 1,2000 and 2000.5 appear in the table.",
])
def test_temporal_quantities_and_exercise_names_are_not_dates(sentence):
    assert find_dates(sentence) == []


@pytest.mark.parametrize("sentence, surface, start, end, grain", [
    ("Drills were held from September 12 to 20, 2021 in the mountains.",
     "from September 12 to 20, 2021", "2021-09-12", "2021-09-20", "day"),
    ("The exercise ran 12-20 September 2021 at two ranges.", "12-20 September 2021", "2021-09-12", "2021-09-20", "day"),
    ("Naval drills ran from September 28 to October 2, 2021.",
     "from September 28 to October 2, 2021", "2021-09-28", "2021-10-02", "day"),
    ("The fair took place December 28 to January 3, 2021.",
     "December 28 to January 3, 2021", "2020-12-28", "2021-01-03", "day"),
    ("Trade grew sharply between 2010 and 2015.", "between 2010 and 2015", "2010-01-01", "2015-12-31", "year"),
    ("The lands were occupied from 1991 to 2020, the minister said.", "from 1991 to 2020", "1991-01-01", "2020-12-31", "year"),
    ("The 1991-2020 period saw little trade.", "1991-2020", "1991-01-01", "2020-12-31", "year"),
    ("The mission served from March 2020 to June 2021 in the region.",
     "from March 2020 to June 2021", "2020-03-01", "2021-06-30", "month"),
    ("Deliveries are due March-June 2022.", "March-June 2022", "2022-03-01", "2022-06-30", "month"),
])
def test_temporal_ranges_are_intervals(sentence, surface, start, end, grain):
    m = only(sentence)
    assert (m.text, m.span.start, m.span.end, m.span.granularity) == (surface, D(start), D(end), grain)


@pytest.mark.parametrize("sentence, start, end, grain", [
    ("The annexation came in winter 2014, after weeks of protest.", "2013-12-01", "2014-02-28", "month"),
    ("Deliveries began in the summer of 2019.", "2019-06-01", "2019-08-31", "month"),
    ("Ties deepened in the 1990s under both presidents.", "1990-01-01", "1999-12-31", "decade"),
    ("Arms flowed in the late 1980s.", "1987-01-01", "1989-12-31", "decade"),
    ("Trade links date from the end of the 19th century.", "1867-01-01", "1899-12-31", "century"),
    ("A friendship formed at the beginning of the 20th century.", "1900-01-01", "1932-12-31", "century"),
    ("The border was drawn in the 20th century by treaty.", "1900-01-01", "1999-12-31", "century"),
    ("Migration grew in the early twentieth century.", "1900-01-01", "1932-12-31", "century"),
    ("The talks failed in early 2019 over tariffs.", "2019-01-01", "2019-04-30", "month"),
    ("A new plant should open by the end of 2024.", "2024-09-01", "2024-12-31", "month"),
])
def test_temporal_seasons_decades_centuries(sentence, start, end, grain):
    m = only(sentence)
    assert (m.span.start, m.span.end, m.span.granularity, m.span.basis) == (D(start), D(end), grain, "explicit")


def test_temporal_day_month_without_year_stays_unknown_without_anchor():
    m = only("The defence chief will visit the capital on June 20.")
    assert m.text == "June 20" and m.span.start is None and m.span.end is None
    assert (m.span.granularity, m.span.basis, m.span.text) == ("unknown", "unknown", "June 20")
    assert (m.yearless.month, m.yearless.day) == (6, 20)


@pytest.mark.parametrize("sentence, anchor, expected", [
    ("The defence chief will visit the capital on June 20.", "2021-06-19", "2021-06-20"),
    ("On June 9 a meeting took place in the capital.", "2021-06-19", "2021-06-09"),
    ("A meeting was held on December 5 with the ambassador.", "2020-01-03", "2019-12-05"),
    ("Talks are planned for January 4 in Geneva.", "2019-12-20", "2020-01-04"),
    ("The envoy arrived on 17 June for consultations.", "2021-06-19", "2021-06-17"),
])
def test_temporal_anchor_picks_nearest_year(sentence, anchor, expected):
    m = only(sentence, anchor=D(anchor))
    assert (m.span.start, m.span.end, m.span.granularity, m.span.basis) == (D(expected), D(expected), "day", "relative")


def test_temporal_year_hint_fills_missing_year_as_inferred():
    m = only("On June 17 the air marshal met his counterpart.", year_hint=2021)
    assert (m.span.start, m.span.granularity, m.span.basis) == (D("2021-06-17"), "day", "inferred")


def test_temporal_weekday_is_kept_and_year_not_guessed():
    m = only("Last week, on Thursday, December 5, the ministers met.")
    assert (m.text, m.weekday, m.span.basis, m.span.start) == ("Thursday, December 5", THURSDAY, "unknown", None)


def test_temporal_weekday_date_years_lists_matching_years():
    years = weekday_date_years(THURSDAY, 12, 5, around=2020)
    assert 2019 in years and 2024 in years and 2020 not in years
    assert all(date(y, 12, 5).weekday() == THURSDAY for y in years)
    assert weekday_date_years(THURSDAY, 2, 29, around=2020, spread=2) == []   # 2020-02-29 was a Saturday


@pytest.mark.parametrize("sentence, start, end, grain", [
    ("The minister arrived yesterday for talks.", "2021-06-18", "2021-06-18", "day"),
    ("Pilots fought in last year's war, sources said.", "2020-01-01", "2020-12-31", "year"),
    ("Deliveries are expected next year.", "2022-01-01", "2022-12-31", "year"),
    ("The treaty will be signed this month.", "2021-06-01", "2021-06-30", "month"),
    ("The office opened last month in the port city.", "2021-05-01", "2021-05-31", "month"),
    ("Envoys returned in March for a second round.", "2021-03-01", "2021-03-31", "month"),
])
def test_temporal_relative_words_need_anchor(sentence, start, end, grain):
    m = only(sentence, anchor=D("2021-06-19"))
    assert (m.span.start, m.span.end, m.span.granularity, m.span.basis) == (D(start), D(end), grain, "relative")


def test_temporal_relative_words_without_anchor_are_skipped():
    assert find_dates("The minister arrived yesterday; last year's war ended.") == []


def test_temporal_offsets_point_into_the_text():
    text = "Delegations met on 3 May 2018, again in 2019 and from 2020 to 2022 (talks continue)."
    found = find_dates(text)
    assert [m.text for m in found] == ["3 May 2018", "2019", "from 2020 to 2022"]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_temporal_seed_dates_and_exclusions(seed_text):
    text = seed_text("000")
    surfaces = [m.text for m in find_dates(text)]
    assert "from 1991 to 2020" in surfaces and "November 10, 2020" in surfaces
    drills = seed_sentence(text, "Brothers-2021")
    assert [m.text for m in find_dates(drills)] == ["September 2021"]
    aman = seed_sentence(seed_text("001"), "AMAN-2013")
    assert find_dates(aman) == []


def test_temporal_seed_centuries(seed_text):
    sentence = seed_sentence(seed_text("002"), "19th century")
    spans = [(m.span.start.year, m.span.end.year, m.span.granularity) for m in find_dates(sentence)]
    assert spans == [(1867, 1899, "century"), (1900, 1932, "century")]


def test_temporal_seed_weekday_date_resolves_with_anchor(seed_text):
    sentence = seed_sentence(seed_text("001"), "December 5")
    m = only(sentence, anchor=D("2019-12-12"))
    assert (m.weekday, m.span.start) == (THURSDAY, D("2019-12-05"))
    assert m.span.start.weekday() == m.weekday


def test_temporal_seed_yearless_days_follow_year_hint(seed_text):
    text = seed_text("004")
    assert year_hint_for(text) == 2021
    visit = seed_sentence(text, "on June 20")
    m = only(visit, year_hint=year_hint_for(text))
    assert (m.span.start, m.span.basis) == (D("2021-06-20"), "inferred")


# ------------------------------------------------------------ named periods

def test_temporal_named_periods_load_and_match():
    periods = load_named_periods()
    assert len(periods) >= 20
    text = "Pilots took part in last year’s 44-day war and trained during the Cold War."
    found = find_named_periods(text, periods)
    assert [m.text for m in found] == ["44-day war", "Cold War"]
    war = found[0].span
    assert (war.start, war.end, war.basis, war.granularity) == (D("2020-09-27"), D("2020-11-10"), "inferred", "month")
    assert found[1].span.granularity == "decade"


def test_temporal_named_periods_prefer_longest_and_respect_case():
    found = find_named_periods("Veterans of the Great Patriotic War spoke of a new cold war.")
    assert [(m.text, m.span.start) for m in found] == [("Great Patriotic War", D("1941-06-22"))]


def test_temporal_named_period_ongoing_ends_at_anchor():
    (m,) = find_named_periods("Exports fell after Russia's invasion of Ukraine.", anchor=D("2023-05-01"))
    assert (m.span.start, m.span.end) == (D("2022-02-24"), D("2023-05-01"))
    (open_m,) = find_named_periods("Exports fell after Russia's invasion of Ukraine.")
    assert open_m.span.end is None and open_m.span.start == D("2022-02-24")


def test_temporal_named_periods_reject_bad_records_naming_the_field():
    with pytest.raises(KnowledgeError, match=r"record 0 \(Bad War\) field 'start'.*YYYY"):
        parse_named_periods([{"name": "Bad War", "aliases": ["Bad War"], "start": "spring"}])
    with pytest.raises(KnowledgeError, match="field 'end': before 'start'"):
        parse_named_periods([{"name": "X", "start": "2020", "end": "2019"}])


# ------------------------------------------------------------ publication dates

@pytest.mark.parametrize("raw, start, end", [
    ("2021-06-19", "2021-06-19", "2021-06-19"),
    ("2021-06-19T10:22:00+04:00", "2021-06-19", "2021-06-19"),
    ("2021-06-19 23:50:00", "2021-06-19", "2021-06-19"),
    ("June 19, 2021", "2021-06-19", "2021-06-19"),
    ("Sat, 19 Jun 2021 10:22:00 GMT", "2021-06-19", "2021-06-19"),
    ("19/06/2021", "2021-06-19", "2021-06-19"),
    ("06/19/2021", "2021-06-19", "2021-06-19"),
    ("05/06/2021", "2021-06-05", "2021-06-05"),
    ("19.06.2021", "2021-06-19", "2021-06-19"),
    ("2021/06/19", "2021-06-19", "2021-06-19"),
    ("2021-06", "2021-06-01", "2021-06-30"),
    ("2021", "2021-01-01", "2021-12-31"),
])
def test_temporal_parse_metadata_date(raw, start, end):
    pub = parse_metadata_date(raw)
    assert (pub.start, pub.end, pub.basis) == (D(start), D(end), "metadata")
    assert raw in pub.evidence


@pytest.mark.parametrize("raw", [None, "", "  ", "yesterday", "2021-02-30", "31/31/2021", "n.d."])
def test_temporal_parse_metadata_date_unknown(raw):
    assert parse_metadata_date(raw) == PubDate()


@pytest.mark.parametrize("url, start, end, evidence", [
    ("https://news.example.org/2019/03/14/talks-resume/", "2019-03-14", "2019-03-14", "2019/03/14"),
    ("https://news.example.org/world/2019/03/talks-resume", "2019-03-01", "2019-03-31", "/2019/03"),
    ("https://example.com/en/talks-resume-14-Mar-2019.html", "2019-03-14", "2019-03-14", "14-Mar-2019"),
    ("https://example.com/a/20190314-talks-resume", "2019-03-14", "2019-03-14", "20190314"),
    ("https://example.com/news/2019-03-14-talks-resume", "2019-03-14", "2019-03-14", "2019-03-14"),
])
def test_temporal_date_from_url(url, start, end, evidence):
    pub = date_from_url(url)
    assert (pub.start, pub.end, pub.basis) == (D(start), D(end), "inferred")
    assert evidence in pub.evidence and pub.evidence.startswith("URL path")


@pytest.mark.parametrize("url", [
    None, "https://example.com/a/20191332-story", "https://example.com/1985/03/14/old", "https://example.com/story?id=20190314",
    "https://example.com/a/120190314999",
])
def test_temporal_date_from_url_only_valid_dates(url):
    assert date_from_url(url) == PubDate()


def test_temporal_infer_publication_rule_order():
    text = "BAKU, June 19, 2021 /Agency/ - The ministers met on June 18, 2021."
    meta = PubDate(D("2021-06-20"), D("2021-06-20"), "metadata", "metadata '2021-06-20'")
    with_meta = infer_publication(text, "https://x.org/2021/06/21/a", meta)
    assert (with_meta.start, with_meta.end, with_meta.basis) == (meta.start, meta.end, "metadata")
    assert with_meta.evidence.startswith("metadata '2021-06-20'; overruled: URL path '2021/06/21'")
    with_url = infer_publication(text, "https://x.org/2021/06/21/a", PubDate())
    assert (with_url.start, with_url.end) == (D("2021-06-21"), D("2021-06-21"))
    assert "overruled: dateline 'BAKU, June 19, 2021" in with_url.evidence
    dateline = infer_publication(text, None, PubDate())
    assert (dateline.start, dateline.end, dateline.basis) == (D("2021-06-19"), D("2021-06-19"), "text")
    assert "BAKU, June 19, 2021" in dateline.evidence


@pytest.mark.parametrize("text, expected", [
    ("Title of the story\n\nISLAMABAD, Nov. 4, 2023 (Agency) - Talks began.", "2023-11-04"),
    ("Baku, Azerbaijan, 3 March 2022 – The ministers met.", "2022-03-03"),
    ("ANKARA, March 3 (Agency) - The ministers met.", None),
    ("The minister said on June 19, 2021 - nothing more.", None),
])
def test_temporal_dateline_needs_place_date_and_year(text, expected):
    pub = infer_publication(text, None, PubDate())
    if expected is None:
        assert pub.basis != "text"
    else:
        assert (pub.start, pub.basis) == (D(expected), "text")


def test_temporal_infer_publication_from_latest_explicit_date():
    text = "The deal was signed on November 10, 2020. Talks in January 2021 followed. It began in 2022."
    pub = infer_publication(text, None, PubDate())
    assert (pub.start, pub.end, pub.basis) == (D("2022-01-01"), None, "inferred")
    assert "'2022' (a lower bound)" in pub.evidence


def test_temporal_infer_publication_seed_004_between_the_meeting_and_the_visit(seed_text):
    pub = infer_publication(seed_text("004"), None, PubDate())
    assert (pub.start, pub.end, pub.basis) == (D("2021-06-17"), D("2021-06-20"), "inferred")


def test_temporal_infer_publication_never_invents():
    assert infer_publication("The ministers met on June 20 and agreed to meet again.", None, PubDate()) == PubDate()
    open_end = infer_publication("The ministers met on June 20 and again in 2019.", None, PubDate())
    assert (open_end.start, open_end.end) == (D("2019-01-01"), None)


@pytest.mark.parametrize("text, year", [
    ("Forces joined AMAN-2013 and Three Brothers-2021 after talks in 2016.", 2016),
    ("The lands were held from 1991 to 2020.", 2020),
    ("Ties date from the 20th century and grew in the 1990s.", None),
    ("A meeting was held on June 20.", None),
])
def test_temporal_year_hint_for(text, year):
    assert year_hint_for(text) == year


def test_temporal_regexes_are_compiled_once():
    from bilat.temporal import expressions
    assert all(isinstance(p, re.Pattern) for _, p in expressions._PATTERNS)
