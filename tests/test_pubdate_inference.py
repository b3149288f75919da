"""Publication dates inferred from URLs, datelines and text clues (bilat.temporal.pubdate).

Fixture sentences are our own, stating public facts: Erdogan's visit to Islamabad
on Friday 14 February 2020, Esper's trip to New Delhi on Monday 26 October 2020,
the 44-day war of 2020, office holders' tenures from bilat/data/office_holders.yaml.
"""
from __future__ import annotations

from datetime import date

import pytest

from bilat.clean import clean_text
from bilat.records import PubDate, Rejected
from bilat.temporal.pubdate import date_from_url, infer_publication, publication_clues
from bilat.temporal.text_clues import is_future, is_past, weekday_clues
from bilat.temporal.expressions import find_dates

D = date.fromisoformat
NONE = PubDate()


def infer(text: str, kb=None, url: str | None = None, metadata: PubDate = NONE) -> PubDate:
    return infer_publication(text, url, metadata, kb)


# ------------------------------------------------------------ URLs

@pytest.mark.parametrize("url, start, end", [
    ("https://www.dawn.com/news/2020/02/14/erdogan-addresses-parliament", "2020-02-14", "2020-02-14"),
    ("https://www.example-wire.com/world/asia-pacific/turkey-pakistan-talks-2020-02-14/", "2020-02-14", "2020-02-14"),
    ("https://example.org/en/news/14-Feb-2020/erdogan-in-islamabad.html", "2020-02-14", "2020-02-14"),
    ("https://example.org/en/news/14-February-2020/erdogan-in-islamabad.html", "2020-02-14", "2020-02-14"),
    ("https://example.org/politics/20200214/erdogan-islamabad", "2020-02-14", "2020-02-14"),
    ("https://example.org/world/2020/0214/c90000-9999999.html", "2020-02-14", "2020-02-14"),
    ("https://example.org/world/2020/02/erdogan-islamabad", "2020-02-01", "2020-02-29"),
    ("https://example.org/2020/2/14/erdogan-islamabad", "2020-02-14", "2020-02-14"),
    ("https://www.example.com/world/2020/feb/14/erdogan-pakistan-visit", "2020-02-14", "2020-02-14"),
    ("https://example.org/news/erdogan-in-islamabad-february-14-2020", "2020-02-14", "2020-02-14"),
    ("https://example.org/news/erdogan_in_islamabad_2020_02_14.html", "2020-02-14", "2020-02-14"),
])
def test_pubdate_url_shapes(url, start, end):
    pub = date_from_url(url)
    assert (pub.start, pub.end) == (D(start), D(end))


@pytest.mark.parametrize("url", [
    "https://www.dawn.com/news/1534812",                         # article id
    "https://en.example.az/politics/3198422.html",               # article id
    "https://www.example.com/news/world-asia-51497771",          # id that is not a date
    "https://www.example.com/article/120200214999.ece",          # date digits inside a longer number
    "https://www.example.com/story?date=20200214",               # query string, not the path
    "https://www.example.com/2020/14/02/story",                  # no month 14
    "https://www.example.com/1985/02/14/archive",                # outside 1990-2100
    "https://www.example.com/news/feb-30-2020-story",             # no February 30
    "https://www.example.com/news/12345678901234/story",         # long id with digits of a date inside
])
def test_pubdate_url_rejects_ids_and_impossible_dates(url):
    assert date_from_url(url) == NONE


# ------------------------------------------------------------ datelines

@pytest.mark.parametrize("text, day", [
    ("BAKU, June 19, 2021 /Trend/ - The ministers met.", "2021-06-19"),
    ("Headline here\n\nISLAMABAD, Feb. 14, 2020 (Agency) — Talks began.", "2020-02-14"),
    ("Ankara, 3 March 2021 - Talks began.", "2021-03-03"),
])
def test_pubdate_dateline_with_a_year_fixes_the_day(text, day):
    pub = infer(text)
    assert (pub.start, pub.end, pub.basis) == (D(day), D(day), "text")
    assert pub.evidence.startswith("dateline ")


@pytest.mark.parametrize("text, head", [
    ("ANKARA, March 3 (AFP) - Turkey and Azerbaijan held talks.", "ANKARA, March 3 (AFP) -"),
    ("ISLAMABAD, Dec 5 (Reuters) — Talks began.", "ISLAMABAD, Dec 5 (Reuters) —"),
    ("BEIJING, Dec. 5 (Xinhua) -- Chinese and Pakistani officials met.", "BEIJING, Dec. 5 (Xinhua) --"),
    ("MOSCOW, June 3. /TASS/. Russian and Indian officials met.", "MOSCOW, June 3. /TASS/"),
    ("Baku, 12 March (APA) The ministers met.", "Baku, 12 March (APA)"),
    ("BAKU, Dec. 5 /Trend/ - The ministers met.", "BAKU, Dec. 5 /Trend/ -"),
])
def test_pubdate_yearless_dateline_alone_is_reported_not_guessed(text, head):
    pub = infer(text)
    assert (pub.start, pub.end, pub.basis) == (None, None, "unknown")
    assert f"dateline without a year {head!r}" in pub.evidence
    assert "nothing fixes the date" in pub.evidence


def test_pubdate_yearless_dateline_takes_its_year_from_a_weekday_and_a_tenure(kb):
    text = ("ISLAMABAD, Dec 5 (Agency) — Army chief General Qamar Javed Bajwa received the visiting "
            "Azerbaijani defence minister at General Headquarters on Thursday, December 5, officials said.")
    pub = infer(text, kb)
    assert (pub.start, pub.end, pub.basis) == (D("2019-12-05"), D("2019-12-05"), "text")
    assert "dateline without a year" in pub.evidence and "Qamar Javed Bajwa" in pub.evidence


def test_pubdate_yearless_dateline_with_a_tenure_keeps_the_candidates(kb):
    text = "ISLAMABAD, Dec 5 (Agency) — Army chief General Qamar Javed Bajwa met the Azerbaijani envoy."
    pub = infer(text, kb)
    assert (pub.start, pub.end) == (D("2016-12-05"), D("2021-12-05"))
    assert "candidates 2016-12-05 or 2017-12-05" in pub.evidence


def test_pubdate_yearless_dateline_with_an_explicit_year_in_the_text(kb):
    text = "ANKARA, March 3 (Agency) - The ministers recalled the agreement they signed in January 2021."
    pub = infer(text, kb)
    last_march_3 = max(d for y in range(2021, date.today().year + 1) if (d := date(y, 3, 3)) <= date.today())
    assert (pub.start, pub.end) == (D("2021-03-03"), last_march_3)   # today closes the candidates
    assert "candidates 2021-03-03 or 2022-03-03" in pub.evidence


@pytest.mark.parametrize("line", [
    "Published: December 5, 2019 10:32 AM",
    "Posted on 5 Dec 2019, 14:05 PKT",
    "By Aylin Demir | Dec 5, 2019",
    "Thursday, 5 December 2019",
    "2019-12-05",
])
def test_pubdate_date_line_near_the_top_fixes_the_day(line):
    pub = infer(f"Army chief visits Baku\n\n{line}\n\nThe army chief arrived in Baku for talks.")
    assert (pub.start, pub.end, pub.basis) == (D("2019-12-05"), D("2019-12-05"), "text")
    assert pub.evidence == f"date line {line!r}"


def test_pubdate_update_line_is_an_upper_bound_and_no_event():
    text = ("Army chief visits Baku\n\nUpdated on 6 Dec 2019\n\nArmy chief General Qamar Javed Bajwa "
            "arrived in Baku on Thursday, December 5.")
    pub = infer(text)
    assert pub.end == D("2019-12-06") and pub.start is None
    assert "latest past date" not in pub.evidence


@pytest.mark.parametrize("text", [
    "Title\n\nBaku, June 3, 2021. The ministers met.",
    "Title\n\nThe agreement of 5 December 2019 was ratified.",
    "Title\n\nOfficials met on 5 December 2019 in Baku.",
])
def test_pubdate_a_date_inside_a_sentence_is_no_date_line(text):
    assert infer(text).basis == "inferred"


# ------------------------------------------------------------ weekday-date pairs

def test_pubdate_weekday_pair_and_tenure_pick_the_year(kb):
    text = ("Prime Minister Imran Khan received President Recep Tayyip Erdogan in Islamabad on "
            "Friday, February 14, and the two signed a strategic economic framework.")
    pub = infer(text, kb)
    assert (pub.start, pub.end, pub.basis) == (D("2020-02-14"), D("2020-02-20"), "inferred")
    assert "'Friday, February 14' (reported: 0-6 days after it" in pub.evidence
    assert "Imran Khan: tenure 2018-08-18..2022-04-10" in pub.evidence


def test_pubdate_weekday_pair_announced_means_written_before_it(kb):
    text = ("US Defense Secretary Mark Esper will travel to New Delhi on Monday, October 26, "
            "for talks with his Indian counterpart.")
    pub = infer(text, kb)
    assert (pub.start, pub.end) == (D("2020-10-20"), D("2020-10-26"))
    assert "announced: 0-6 days before it" in pub.evidence


def test_pubdate_weekday_pair_last_week_is_the_week_after(kb):
    text = ("Last week, on Friday, February 14, Prime Minister Imran Khan hosted the Turkish "
            "president in Islamabad.")
    pub = infer(text, kb)
    assert (pub.start, pub.end) == (D("2020-02-17"), D("2020-02-23"))


@pytest.mark.parametrize("text, weekday, years", [
    ("The ministers met on Thursday, December 5.", 3, [2002, 2013, 2019, 2024]),
    ("The ministers met on Wednesday, 12 June in Baku.", 2, [2002, 2013, 2019, 2024]),
    ("Talks resumed on Fri., Feb. 14 in the capital.", 4, [2003, 2014, 2020, 2025]),
])
def test_pubdate_weekday_pair_candidate_years(text, weekday, years):
    (clue,) = weekday_clues(text, find_dates(text))
    assert all(lo.weekday() == weekday for lo, _ in clue.intervals)
    assert set(years) <= {lo.year for lo, _ in clue.intervals}
    assert 2021 not in {lo.year for lo, _ in clue.intervals}


def test_pubdate_weekday_pair_with_a_year_gives_the_week_after_the_latest():
    text = ("The first round was held on Monday, March 2, 2020. Prime ministers met again on "
            "Friday, February 14, 2020 in Islamabad.")
    pub = infer(text)
    assert (pub.start, pub.end) == (D("2020-03-02"), D("2020-03-08"))
    assert "weekday-date 'Monday, March 2, 2020' (reported: 0-6 days after it)" in pub.evidence


def test_pubdate_weekday_pair_between_a_lower_bound_and_today_gives_one_week():
    """Solomon Islands switched recognition to Beijing in September 2019; April 19 is a
    Tuesday in 2022 and next in 2033, so a text that names both and is read before 2033
    was written in the six days after Tuesday, 19 April 2022."""
    text = ("China's foreign ministry said on Tuesday, April 19, that it had signed a security "
            "agreement with the Solomon Islands, which switched its recognition from Taipei to "
            "Beijing in September 2019.")
    pub = infer(text)
    assert date.today() < D("2033-04-19")
    assert (pub.start, pub.end) == (D("2022-04-19"), D("2022-04-25"))
    assert "'Tuesday, April 19' (reported: 0-6 days after it" in pub.evidence


def test_pubdate_today_alone_closes_no_end():
    """"Not after today" prunes candidates but is no evidence of a date by itself: a lower
    bound without any periodic candidates keeps its end open."""
    pub = infer("The two navies have held joint drills since September 2019.")
    assert pub.start == D("2019-09-01") and pub.end is None


def test_pubdate_weekday_that_does_not_fit_its_date_is_no_clue():
    text = "The ministers met on Tuesday, February 14, 2020 in Islamabad."     # a Friday
    pub = infer(text)
    assert (pub.start, pub.end) == (D("2020-02-14"), None)
    assert "weekday-date" not in pub.evidence


def test_pubdate_weekday_pair_alone_fixes_nothing():
    pub = infer("The ministers met on Thursday, December 5.")
    assert (pub.start, pub.end, pub.basis) == (None, None, "unknown")
    assert "weekday-date 'Thursday, December 5'" in pub.evidence


# ------------------------------------------------------------ today, past and announced dates

@pytest.mark.parametrize("text, day", [
    ("The two navies begin joint drills today, 3 June 2021, off Karachi.", "2021-06-03"),
    ("Today (June 19, 2021) the ministers sign the declaration.", "2021-06-19"),
])
def test_pubdate_today_fixes_the_day(text, day):
    pub = infer(text)
    assert (pub.start, pub.end, pub.basis) == (D(day), D(day), "text")
    assert pub.evidence.startswith("today: ")


@pytest.mark.parametrize("text, day, word", [
    ("The defence ministers met yesterday (June 2, 2021) in Baku.", "2021-06-03", "yesterday"),
    ("Talks open tomorrow, Friday, June 4, 2021, in Ankara.", "2021-06-03", "tomorrow"),
])
def test_pubdate_yesterday_and_tomorrow_fix_the_day(text, day, word):
    pub = infer(text)
    assert (pub.start, pub.end, pub.basis) == (D(day), D(day), "text")
    assert pub.evidence.startswith(f"{word}: ")


def test_pubdate_today_with_a_weekday_and_no_year_uses_the_tenure(kb):
    text = "Today, Friday, February 14, Prime Minister Imran Khan welcomes the Turkish president."
    pub = infer(text, kb)
    assert (pub.start, pub.end, pub.basis) == (D("2020-02-14"), D("2020-02-14"), "text")


@pytest.mark.parametrize("sentence, future", [
    ("General Qamar Javed Bajwa will visit Azerbaijan on June 20, 2021.", True),
    ("The first tanks are due to arrive in March 2025.", True),
    ("The sides agreed a roadmap for the development of relations for 2020.", True),
    ("The defence ministers are expected to meet again in June 2022.", True),
    ("The ministers met in Baku on June 17, 2021.", False),
    ("The treaty, signed in 2002, was suspended.", False),
    ("The convoy halted next to the border post on 3 March 2021.", False),
])
def test_pubdate_tense_of_a_date(sentence, future):
    mention = next(m for m in find_dates(sentence) if m.span.basis == "explicit")
    assert is_future(sentence, mention) is future
    if future:
        assert not is_past(sentence, mention)


def test_pubdate_modal_dates_are_not_past_events():
    sentence = "Parliament should ratify the pact so that the first joint drills can take place in 2025."
    (mention,) = find_dates(sentence)
    assert not is_past(sentence, mention)
    assert infer(sentence) == NONE


def test_pubdate_past_date_is_a_lower_bound_and_announced_date_an_upper_bound():
    text = ("The framework agreements were signed on 27 July 2022. "
            "Deliveries of the first tanks are due to begin in December 2022.")
    pub = infer(text)
    assert (pub.start, pub.end, pub.basis) == (D("2022-07-27"), D("2022-12-31"), "inferred")
    assert "latest past date in the text '27 July 2022' (a lower bound)" in pub.evidence
    assert "earliest announced date in the text 'December 2022' (an upper bound)" in pub.evidence


def test_pubdate_yearless_days_are_read_in_the_year_the_other_clues_fix():
    text = ("Last year's 44-day war changed the region. On June 17 the air force chiefs met in Baku. "
            "The army chief will visit Azerbaijan on June 20.")
    pub = infer(text)
    assert (pub.start, pub.end) == (D("2021-06-17"), D("2021-06-20"))
    assert "'June 17' taken in 2021" in pub.evidence and "'June 20' taken in 2021" in pub.evidence


# ------------------------------------------------------------ named periods

@pytest.mark.parametrize("text, start, end", [
    ("Pilots trained abroad flew in last year's 44-day war.", "2021-01-01", "2021-12-31"),
    ("Pilots trained abroad flew in last year’s Second Karabakh War.", "2021-01-01", "2021-12-31"),
    ("Artillery decided this year's four-day war.", "2016-01-01", "2016-12-31"),
    ("Both armies drew lessons from the 44-day war.", "2020-09-27", None),
])
def test_pubdate_named_periods(text, start, end):
    pub = infer(text)
    assert (pub.start, pub.end) == (D(start), D(end) if end else None)


@pytest.mark.parametrize("text, year", [
    ("Pilots who flew in last year's Three Brothers-2021 drills returned to Baku.", 2022),
    ("Navies from dozens of countries joined this year's AMAN-2023 exercise off Karachi.", 2023),
    ("The ministers marked the 30th anniversary of diplomatic relations, established in 1992.", 2022),
    ("Veterans marked the 30th anniversary of the end of the First Nagorno-Karabakh War.", 2024),
    ("Both armies marked the 25th anniversary of the Kargil War.", 2024),
])
def test_pubdate_year_named_events_and_anniversaries(text, year):
    pub = infer(text)
    assert (pub.start, pub.end) == (date(year, 1, 1), date(year, 12, 31))
    assert f"written in {year}" in pub.evidence


def test_pubdate_anniversary_without_a_year_bounds_nothing():
    assert infer("The two capitals marked the anniversary of their friendship treaty.") == NONE


# ------------------------------------------------------------ office holders

@pytest.mark.parametrize("text, start, end", [
    ("Army chief General Qamar Javed Bajwa met the visiting delegation.", "2016-11-29", "2022-11-29"),
    ("Pakistan's Chief of Army Staff General Asim Munir arrived in Baku.", "2022-11-29", None),
    ("Asim Munir, the army chief, arrived in Baku.", "2022-11-29", None),
    ("Turkish Defence Minister Hulusi Akar inspected the troops.", "2018-07-10", "2023-06-04"),
    ("US Defense Secretary Mark Esper spoke by phone with his counterpart.", "2019-07-23", "2020-11-09"),
])
def test_pubdate_tenure_of_a_current_title(kb, text, start, end):
    pub = infer(text, kb)
    assert (pub.start, pub.end) == (D(start), D(end) if end else None)
    assert "tenure" in pub.evidence


@pytest.mark.parametrize("text", [
    "Former army chief General Qamar Javed Bajwa attended the ceremony.",
    "The then-Defence Minister Hulusi Akar had opened the base.",
    "The late President Pervez Musharraf had visited Baku.",
    "Qamar Javed Bajwa attended the ceremony.",                 # no title
    "In 2004 President Pervez Musharraf visited Baku.",         # title as of 2004, not of writing
])
def test_pubdate_tenure_needs_a_current_title(kb, text):
    assert "tenure" not in (infer(text, kb).evidence or "")


def test_pubdate_tenure_needs_the_nearest_title_to_be_the_persons(kb):
    text = "Defence Minister Khawaja Asif and Qamar Javed Bajwa inspected the new tanks."
    pub = infer(text, kb)
    assert "Bajwa" not in (pub.evidence or "")
    assert "Khawaja Asif" in pub.evidence


def test_pubdate_two_tenures_intersect(kb):
    text = ("Turkish Defence Minister Hulusi Akar called US Defense Secretary Mark Esper to discuss "
            "the situation in Syria.")
    pub = infer(text, kb)
    assert (pub.start, pub.end) == (D("2019-07-23"), D("2020-11-09"))


# ------------------------------------------------------------ conflicts

def test_pubdate_conflict_weaker_clue_is_overruled_and_reported(kb):
    text = ("Prime Minister Imran Khan received President Recep Tayyip Erdogan in Islamabad on "
            "Friday, February 14. The visit followed talks held in Ankara on 3 March 2021.")
    pub = infer(text, kb)
    assert (pub.start, pub.end) == (D("2020-02-14"), D("2020-02-20"))
    assert "overruled: latest past date in the text '3 March 2021'" in pub.evidence


def test_pubdate_metadata_day_wins_and_reports_the_losers():
    meta = PubDate(D("2021-06-20"), D("2021-06-20"), "metadata", "DATE header")
    pub = infer("BAKU, June 19, 2021 /Trend/ - Talks.", metadata=meta)
    assert (pub.start, pub.end, pub.basis) == (meta.start, meta.end, "metadata")
    assert pub.evidence == "DATE header; overruled: dateline 'BAKU, June 19, 2021 /Trend/ -'"


def test_pubdate_metadata_day_without_conflict_is_returned_unchanged():
    meta = PubDate(D("2021-06-19"), D("2021-06-19"), "metadata", "DATE header")
    assert infer("BAKU, June 19, 2021 /Trend/ - Talks.", metadata=meta) == meta


def test_pubdate_metadata_month_is_narrowed_by_the_text():
    meta = PubDate(D("2019-12-01"), D("2019-12-31"), "metadata", "DATE header")
    pub = infer("The ministers met on Thursday, December 5.", metadata=meta)
    assert (pub.start, pub.end, pub.basis) == (D("2019-12-05"), D("2019-12-11"), "metadata")


def test_pubdate_url_month_is_narrowed_by_a_dateline():
    pub = infer("ANKARA, March 3 (Agency) - Talks.", url="https://example.org/world/2021/03/talks")
    assert (pub.start, pub.end, pub.basis) == (D("2021-03-03"), D("2021-03-03"), "inferred")


def test_pubdate_clues_carry_ranks_metadata_first(kb):
    meta = PubDate(D("2021-06-20"), D("2021-06-20"), "metadata", "DATE header")
    clues = publication_clues("BAKU, June 19, 2021 /Trend/ - Army chief General Qamar Javed Bajwa spoke.",
                              "https://x.org/2021/06/21/a", meta, kb)
    ranked = [c for c in sorted(clues, key=lambda c: -c.rank) if not c.evidence.startswith("not after today")]
    assert [c.basis for c in ranked[:3]] == ["metadata", "inferred", "text"]


def test_pubdate_a_text_is_not_published_after_today(kb):
    text = "PARIS, July 14 (Wire) - The two leaders adopted a roadmap called Horizon 2047. Modi visited in 2019."
    pub = infer_publication(text, None, PubDate(), kb)
    assert pub.start is None or pub.start <= date.today()
    assert "2047" not in (pub.evidence or "").split("overruled")[0]


# ------------------------------------------------------------ seeds (text only: no URL, no metadata)

def test_pubdate_seed_001_is_the_week_after_thursday_december_5_2019(seed_text, kb):
    pub = infer(clean_text(seed_text("001")), kb)
    assert (pub.start, pub.end) == (D("2019-12-09"), D("2019-12-15"))
    assert "fits" in pub.evidence and "'2020' (an upper bound)" in pub.evidence


def test_pubdate_seed_004_lies_between_the_june_17_meeting_and_the_june_20_visit(seed_text, kb):
    pub = infer(clean_text(seed_text("004")), kb)
    assert (pub.start, pub.end) == (D("2021-06-17"), D("2021-06-20"))
    assert "last year’s 44-day war" in pub.evidence


def test_pubdate_seed_003_is_within_the_army_chiefs_tenure(seed_text, kb):
    pub = infer(clean_text(seed_text("003")), kb)
    assert pub.start == D("2022-11-29")
    assert "Asim Munir" in pub.evidence


# ------------------------------------------------------------ metadata readers

_ARTICLE = ("<article><p>The defence ministers of the two states met in Baku on 12 March 2019 and signed "
            "an agreement on training, officials said on Tuesday.</p><p>The agreement covers exchanges of "
            "cadets and joint courses for officers of both armies over the coming years.</p></article>")


def test_pubdate_html_date_comes_from_page_markup_not_from_the_body():
    from bilat.ingest.html import parse_html
    bare = f"<html><head><title>Talks</title></head><body>{_ARTICLE}</body></html>"
    assert parse_html(bare, "a.html").published is None
    tagged = bare.replace("<title>Talks</title>", '<title>Talks</title><meta property="article:published_time" '
                          'content="2019-03-13T09:00:00+04:00">')
    assert parse_html(tagged, "b.html").published == "2019-03-13"


@pytest.mark.parametrize("field", ["date_published", "publication_date", "pub_date", "pubDate", "published_time"])
def test_pubdate_jsonl_date_fields(field):
    import json

    from bilat.ingest.jsonl import parse_json_line
    raw = parse_json_line(json.dumps({"text": "The ministers met in Baku.", field: "2019-03-13"}), "a.jsonl#1")
    assert raw.published == "2019-03-13"


def test_pubdate_pipeline_dates_documents_with_the_knowledge_base(kb):
    from bilat.clean import clean_document
    from bilat.pipeline import date_document
    from bilat.records import RawDocument
    doc = clean_document(RawDocument(path="note.txt", text=(
        "Army chief visits Baku\n\nArmy chief General Qamar Javed Bajwa met the Azerbaijani defence "
        "minister on Thursday, December 5, and discussed joint training.")))
    assert date_document(doc).published.start is None
    dated = date_document(doc, kb).published
    assert (dated.start, dated.end) == (D("2019-12-05"), D("2019-12-11"))


# ------------------------------------------------------------ held-out texts: metadata removed

def _dated_documents(*dirs):
    from bilat.clean import clean_document
    from bilat.ingest import read_paths
    from bilat.records import Document
    for raw in read_paths(list(dirs), 10_000_000, 1_000_000):
        doc = clean_document(raw) if not isinstance(raw, Rejected) else raw
        if isinstance(doc, Document) and doc.published.start is not None and doc.published.start == doc.published.end:
            yield doc


def test_pubdate_text_only_never_excludes_the_metadata_date(demo_dir, kb):
    """Demo corpus and eval/dev/corpus with URL and metadata removed: whatever interval the
    text alone gives must contain the date the metadata states (open ends allowed)."""
    from pathlib import Path
    dev = Path(__file__).resolve().parents[1] / "eval" / "dev" / "corpus"
    checked = 0
    for doc in _dated_documents(demo_dir, dev):
        truth = doc.published.start
        pub = infer(doc.text, kb)
        assert pub.start is None or pub.start <= truth, (doc.path, pub)
        assert pub.end is None or truth <= pub.end, (doc.path, pub)
        checked += pub.start is not None or pub.end is not None
    assert checked >= 25


def test_pubdate_cue_file_is_read_and_checked(monkeypatch):
    from bilat.errors import KnowledgeError
    from bilat.temporal import text_clues
    assert text_clues.load_cues().day_offsets == {"today": 0, "this day": 0, "yesterday": -1, "tomorrow": 1}
    monkeypatch.setattr(text_clues, "read_data_mapping", lambda name: {"future": []})
    text_clues.load_cues.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"pubdate_cues.yaml field 'day_words'"):
            text_clues.load_cues()
    finally:
        monkeypatch.undo()
        text_clues.load_cues.cache_clear()
