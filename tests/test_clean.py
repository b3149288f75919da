"""Cleaning: boilerplate goes, every article sentence stays, ids are content hashes."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bilat.clean import clean_document, clean_text, document_id, pubdate_from_metadata
from bilat.ingest import read_paths
from bilat.ingest.text import parse_text
from bilat.records import Document, PubDate, RawDocument, Rejected

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def seed_document(seed_text, prefix: str) -> Document:
    document = clean_document(parse_text(seed_text(prefix), f"seeds/{prefix}.txt"))
    assert isinstance(document, Document)
    return document


def raw_lines(text: str) -> list[str]:
    lines = (" ".join(line.replace("\u00a0", " ").split()) for line in text.split("\n"))
    return [line for line in lines if line]


# ---------------------------------------------------------------- the seeds

def test_clean_seed_001_loses_the_must_read_tail_and_keeps_the_byline(seed_text):
    document = seed_document(seed_text, "001")
    for gone in ("Must read", "Recent News", "Interbank Dollar Rate", "ISLAMABAD, Pakistan:", "Sri Lanka"):
        assert gone not in document.text
    assert "By Seymur Mammadov" in document.text
    assert document.author == "Seymur Mammadov"
    assert document.text.rstrip().endswith("help Azerbaijan.")


def test_clean_seed_001_drops_the_title_repeated_with_a_glued_label(seed_text):
    document = seed_document(seed_text, "001")
    assert "OpinionAzerbaijan" not in document.text
    assert document.text.count(document.title) == 1
    assert document.text.startswith(document.title)


def test_clean_seed_003_loses_the_comment_form(seed_text):
    document = seed_document(seed_text, "003")
    assert "Please enter" not in document.text
    assert document.text.rstrip().endswith("joint operations.")


def test_clean_seed_000_loses_placeholder_label_and_repeated_title(seed_text):
    document = seed_document(seed_text, "000")
    assert "post-img" not in document.text
    assert not document.text.rstrip().endswith("Politics")
    assert document.text.count("An expert opinion") == 1
    assert "\u00a0" not in document.text
    assert "\n\n\n" not in document.text


@pytest.mark.parametrize("prefix, fragment", [
    ("000", "Istiglal anti-material rifles"),
    ("000", "“preferred customer” program"),
    ("000", "Three Brothers-2021"),
    ("001", "Super Mushak training aircraft"),
    ("001", "AMAN-2013 in the Arabian Sea"),
    ("001", "in my opinion"),
    ("002", "(c) Modern Rader System"),
    ("002", "Center of South Asia"),
    ("003", "media wing"),
    ("004", "Rick Rozoff"),
    ("004", "Ankara-Baku-Islamabad triad"),
])
def test_clean_seed_body_survives(seed_text, prefix, fragment):
    assert fragment in seed_document(seed_text, prefix).text


@pytest.mark.parametrize("prefix, removed", [
    ("000", {"post-img", "Politics"}),
    ("002", set()),
    ("003", {"Please enter your comment!", "Please enter your name here"}),
    ("004", set()),
])
def test_clean_seed_loses_only_boilerplate_lines(seed_text, prefix, removed):
    text = seed_document(seed_text, prefix).text
    lost = {line for line in raw_lines(seed_text(prefix)) if line not in text}
    assert lost == removed


def test_clean_seed_title_is_the_first_sentence(seed_text):
    document = seed_document(seed_text, "003")
    assert document.title and document.text.startswith(document.title)


@pytest.mark.parametrize("prefix, genre", [("000", "opinion"), ("001", "opinion"), ("003", "news")])
def test_clean_seed_genre(seed_text, prefix, genre):
    assert seed_document(seed_text, prefix).genre == genre


# ---------------------------------------------------------------- clean_text

def test_clean_normalises_unicode_spaces_and_newlines():
    text = "Cafe\u0301 talks\r\n\r\nThe\u00a0envoy  said\u200b “yes”\t today.\rIt\u2019s done.\n\n\n\n"
    assert clean_text(text) == "Café talks\n\nThe envoy said “yes” today.\nIt’s done."


def test_clean_keeps_lines_and_separates_paragraphs_by_one_blank_line():
    text = "Title\nFirst line of a paragraph.\nSecond line of it.\n\n\n\nNext paragraph."
    assert clean_text(text) == "Title\nFirst line of a paragraph.\nSecond line of it.\n\nNext paragraph."


@pytest.mark.parametrize("furniture", [
    "Share on Facebook", "Tweet", "WhatsApp", "Facebook Twitter WhatsApp Email",
    "Share | Tweet | Copy link", "post-img", "[image]", "[Photo: harbour at dawn]",
    "Photo: The delegation arrives at the airport", "Image credit: press office",
    "Please enter your comment!", "Please enter your name here",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Advertisement", "Read more: Rail link talks resume", "Copyright 2024 Coast Post",
])
def test_clean_drops_furniture_lines(furniture):
    text = f"Rail link talks\n\nThe ministers met in the capital on Monday.\n\n{furniture}\n\nThey agreed to meet again."
    assert clean_text(text) == ("Rail link talks\n\nThe ministers met in the capital on Monday."
                                "\n\nThey agreed to meet again.")


def test_clean_teaser_block_runs_to_the_end():
    text = ("Rail link talks\n\nThe ministers met on Monday.\n\nAlso read\n\nHarbour strike ends after a week\n\n"
            "PORT CITY: Dock workers returned to work on Thursday after the union...\n\nFuel prices rise again")
    assert clean_text(text) == "Rail link talks\n\nThe ministers met on Monday."


def test_clean_teaser_block_ends_where_the_article_resumes():
    body = ("Both delegations said that the next round of talks would be held in the spring, once the "
            "technical committees have finished their work on the route.")
    text = f"Rail link talks\n\nThe ministers met on Monday.\n\nRelated:\nHarbour strike ends\nFuel prices rise\n\n{body}"
    assert clean_text(text) == f"Rail link talks\n\nThe ministers met on Monday.\n\n{body}"


def test_clean_label_glued_to_the_title_goes():
    assert clean_text("OpinionWhy rail links matter\n\nBody text.") == "Why rail links matter\n\nBody text."


def test_clean_lone_labels_go_only_at_the_edges():
    text = "World\n\nRail link talks\n\nPolitics\n\nThe ministers met on Monday.\n\nPolitics\nTags: rail, trade"
    assert clean_text(text) == "Rail link talks\n\nPolitics\n\nThe ministers met on Monday."


def test_clean_keeps_prose_that_resembles_furniture():
    text = ("Copyright reform\n\nCopyright law was amended in 2019, the ministry said.\n\n"
            "By the end of May, both sides had shared their drafts.\n\n(c) Coastal radar upgrade")
    assert clean_text(text) == text


def test_clean_is_idempotent(seed_text):
    once = clean_text(seed_text("001"))
    assert clean_text(once) == once


def test_clean_nothing_left_is_empty():
    assert clean_text("Share on Facebook\nTweet\n\u00a0\nPolitics\n") == ""


# ---------------------------------------------------------------- ids

def test_clean_document_id_ignores_whitespace_and_case():
    a = document_id("The envoy arrived.\n\nTalks began.")
    assert a == document_id("  the envoy   arrived.\nTalks\tbegan. ")
    assert re.fullmatch(r"d[0-9a-f]{16}", a)
    assert a != document_id("The envoy left.")


def test_clean_same_article_twice_gives_the_same_id(seed_text):
    first = seed_document(seed_text, "003")
    again = clean_document(parse_text(seed_text("003").replace("\n\n", "\n \n\n"), "copy.txt"))
    assert isinstance(again, Document) and again.doc_id == first.doc_id


# ---------------------------------------------------------------- publication dates and documents

@pytest.mark.parametrize("value, start, end", [
    ("2021-06-19", date(2021, 6, 19), date(2021, 6, 19)),
    ("2022-03-14T09:30:00+00:00", date(2022, 3, 14), date(2022, 3, 14)),
    ("Thursday, December 5, 2019", date(2019, 12, 5), date(2019, 12, 5)),
    ("19 June 2021", date(2021, 6, 19), date(2021, 6, 19)),
    ("12.07.2021", date(2021, 7, 12), date(2021, 7, 12)),
    ("June 2021", date(2021, 6, 1), date(2021, 6, 30)),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    ("2021", date(2021, 1, 1), date(2021, 12, 31)),
])
def test_clean_pubdate_from_metadata(value, start, end):
    assert pubdate_from_metadata(value, "DATE header") == PubDate(start, end, "metadata", "DATE header")


@pytest.mark.parametrize("value", [None, "", "yesterday", "Politics", "2021-13-45"])
def test_clean_pubdate_unknown_when_it_does_not_parse(value):
    assert pubdate_from_metadata(value, "DATE header") == PubDate()


def test_clean_document_carries_metadata():
    (raw,) = read_paths([FIXTURES / "good" / "headers.txt"])
    document = clean_document(raw)
    assert isinstance(document, Document)
    assert document.path == str(FIXTURES / "good" / "headers.txt")
    assert document.title == "Two navies hold a coastal rescue drill"
    assert (document.url, document.outlet, document.author) == (
        "https://coast-post.example/news/2021/06/rescue-drill", "Coast Post", "Lina Park")
    assert document.published == PubDate(date(2021, 6, 19), date(2021, 6, 19), "metadata", "DATE header")
    assert document.doc_id == document_id(document.text)
    assert document.genre == "news"
    assert "Share on Facebook" not in document.text and "Fishing fleet" not in document.text


@pytest.mark.parametrize("name, evidence", [
    ("page.html", "html meta"), ("articles.json", "json field date"),
])
def test_clean_document_date_evidence_names_its_source(name, evidence):
    raw = next(iter(read_paths([FIXTURES / "good" / name])))
    document = clean_document(raw)
    assert isinstance(document, Document) and document.published.evidence == evidence


def test_clean_document_without_date_is_unknown():
    document = clean_document(RawDocument(path="x.txt", text="Title\n\nBody."))
    assert isinstance(document, Document) and document.published == PubDate()


def test_clean_document_with_nothing_left_is_rejected():
    rejected = clean_document(RawDocument(path="menu.txt", text="Share on Facebook\nTweet\nPolitics"))
    assert isinstance(rejected, Rejected)
    assert rejected.path == "menu.txt" and "no article text left" in rejected.reason and rejected.hint


def test_clean_teaser_block_ends_at_a_short_sentence():
    text = ("Rail link talks\n\nThe ministers met on Monday.\n\nRead more\nHarbour strike ends\n\n"
            "The talks ended on Friday.\n\nBoth sides will meet again.")
    assert clean_text(text) == ("Rail link talks\n\nThe ministers met on Monday.\n\n"
                                "The talks ended on Friday.\n\nBoth sides will meet again.")
