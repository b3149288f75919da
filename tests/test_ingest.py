"""Reading files and folders into RawDocuments; every bad input becomes a Rejected naming it."""
from __future__ import annotations

from pathlib import Path

import pytest

from bilat.clean import clean_text
from bilat.ingest import read_paths
from bilat.ingest.genre import guess_genre, label_genre, score_genre
from bilat.ingest.html import parse_html
from bilat.ingest.text import byline_author, parse_text
from bilat.records import RawDocument, Rejected

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
GOOD, BAD, MIXED = FIXTURES / "good", FIXTURES / "bad", FIXTURES / "mixed"


def read_all(*paths: str | Path, **limits: int) -> list[RawDocument | Rejected]:
    return list(read_paths(paths, **limits))


def only(items: list[RawDocument | Rejected]) -> RawDocument | Rejected:
    assert len(items) == 1, items
    return items[0]


def docs(items: list[RawDocument | Rejected]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def rejections(items: list[RawDocument | Rejected]) -> list[Rejected]:
    return [item for item in items if isinstance(item, Rejected)]


# ---------------------------------------------------------------- text and markdown

def test_ingest_text_headers_become_metadata_and_leave_the_text():
    raw = only(read_all(GOOD / "headers.txt"))
    assert isinstance(raw, RawDocument)
    assert raw.url == "https://coast-post.example/news/2021/06/rescue-drill"
    assert raw.published == "2021-06-19"
    assert raw.title == "Two navies hold a coastal rescue drill"
    assert raw.outlet == "Coast Post"
    assert raw.author == "Lina Park"
    assert raw.source_format == "txt"
    assert raw.text.startswith("The navies of Peru and Portugal")
    assert "URL:" not in raw.text and "TITLE:" not in raw.text


def test_ingest_text_headers_are_case_insensitive_and_stop_at_the_body():
    raw = parse_text("url: https://a.example/x\nDate: 3 May 2020\nBy Jo Bloggs\n\nSource: a reader wrote in.\n",
                     "memo.txt")
    assert (raw.url, raw.published, raw.author) == ("https://a.example/x", "3 May 2020", "Jo Bloggs")
    assert raw.outlet is None
    assert raw.text.strip() == "Source: a reader wrote in."


def test_ingest_text_first_line_is_the_title_and_stays_in_the_text():
    raw = only(read_all(GOOD / "plain.txt"))
    assert isinstance(raw, RawDocument)
    assert raw.title == "Farmers' cooperative signs seed deal with neighbours"
    assert raw.text.startswith(raw.title)
    assert raw.author == "Tomas Varga"
    assert "By Tomas Varga" in raw.text


def test_ingest_text_long_first_paragraph_is_not_a_title():
    body = ("The envoy arrived on Monday. She met the minister on Tuesday and left on Wednesday "
            "after talks on fishing rights.\n\nA second paragraph follows.")
    assert parse_text(body, "x.txt").title is None


@pytest.mark.parametrize("line, author", [
    ("By Seymour Lane", "Seymour Lane"),
    ("BY ANA LIMA", "ANA LIMA"),
    ("By Dr Hassan ul Haq", "Dr Hassan ul Haq"),
    ("By Ana Lima and Tom Reed", "Ana Lima and Tom Reed"),
    ("By the end of May the talks had stalled.", None),
    ("By Tuesday, officials had confirmed the visit.", None),
])
def test_ingest_byline_needs_a_name(line, author):
    assert byline_author(line) == author


def test_ingest_markdown_front_matter_and_syntax():
    raw = only(read_all(GOOD / "note.md"))
    assert isinstance(raw, RawDocument)
    assert raw.source_format == "md"
    assert raw.title == "Notes on a river commission meeting"
    assert raw.published == "2020-11-03"
    assert raw.url == "https://river-notes.example/commission"
    assert "met in Vientiane to review" in raw.text
    assert "according to the commission's summary." in raw.text
    for syntax in ("**", "](", "![", "# ", "---"):
        assert syntax not in raw.text


def test_ingest_cp1252_file_is_decoded_when_it_is_clean_text():
    raw = only(read_all(GOOD / "nested" / "cp1252.txt"))
    assert isinstance(raw, RawDocument)
    assert raw.title == "Café owners’ association meets the mayor"


@pytest.mark.parametrize("data", [
    "Title line\n\nBody text with a café.\n".encode("utf-8-sig"),
    "Title line\n\nBody text with a café.\n".encode("utf-16"),
])
def test_ingest_byte_order_marks_are_honoured(tmp_path, data):
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    raw = only(read_all(path))
    assert isinstance(raw, RawDocument)
    assert raw.title == "Title line"
    assert "café" in raw.text


# ---------------------------------------------------------------- html

def test_ingest_html_keeps_the_article_and_drops_page_furniture():
    raw = only(read_all(GOOD / "page.html"))
    assert isinstance(raw, RawDocument)
    assert raw.source_format == "html"
    assert "each navy will host twenty cadets" in raw.text
    assert "first group of cadets is expected to travel" in raw.text
    for furniture in ("Subscribe now", "Most popular", "Football club", "Great news for both countries",
                      "Please enter your comment", "All rights reserved"):
        assert furniture not in raw.text
    assert "\n\n" in raw.text  # one paragraph per block


def test_ingest_html_metadata():
    raw = only(read_all(GOOD / "page.html"))
    assert isinstance(raw, RawDocument)
    assert raw.title == "Ghana and Vietnam agree on naval cadet exchange"
    assert raw.published == "2022-03-14"
    assert raw.author == "Ama Mensah"
    assert raw.outlet == "Harbour Times"
    assert raw.url == "https://harbour-times.example/world/naval-cadet-exchange"


def test_ingest_html_without_text_is_rejected(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Menu</title></head><body><script>var x = 1;</script></body></html>")
    rejected = only(read_all(path))
    assert isinstance(rejected, Rejected)
    assert rejected.path == str(path)
    assert "no article text" in rejected.reason and rejected.hint


def test_ingest_html_fallback_reads_bare_markup():
    raw = parse_html("<p>Short note: the border post reopened on Monday.</p>", "note.html")
    assert "border post reopened" in raw.text


# ---------------------------------------------------------------- json lines and json

def test_ingest_jsonl_good_lines_survive_bad_ones():
    items = read_all(MIXED / "records.jsonl")
    good = docs(items)
    assert [d.path for d in good] == [f"{MIXED / 'records.jsonl'}#1", f"{MIXED / 'records.jsonl'}#5"]
    first, second = good
    assert first.url == "https://example.net/customs"
    assert first.title == "Customs officers trained"
    assert first.published == "2022-05-13"
    assert first.outlet == "Example Net"
    assert first.source_format == "jsonl"
    assert second.published == "2023-02-01T08:15:00+08:00"
    assert second.author == "Bat Erdene, Aiko Sato"


@pytest.mark.parametrize("line, reason", [
    (2, "malformed JSON at column"),
    (3, 'no "text" field'),
    (6, "not an object"),
    (7, '"text" is empty'),
    (8, "not a string"),
])
def test_ingest_jsonl_each_bad_line_is_rejected_with_its_number(line, reason):
    bad = {r.path: r for r in rejections(read_all(MIXED / "records.jsonl"))}
    assert set(bad) == {f"{MIXED / 'records.jsonl'}#{n}" for n in (2, 3, 6, 7, 8)}
    rejected = bad[f"{MIXED / 'records.jsonl'}#{line}"]
    assert reason in rejected.reason and rejected.hint


def test_ingest_jsonl_overlong_line_is_rejected_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "' + "word " * 100 + '"}\n{"text": "A short article."}\n')
    items = read_all(path, max_file_bytes=200)
    assert [type(i).__name__ for i in items] == ["Rejected", "RawDocument"]
    assert items[0].path == f"{path}#1" and "longer than" in items[0].reason


@pytest.mark.parametrize("content, expected", [
    ('{"articles": [{"text": "One."}, {"text": "Two."}]}', ["One.", "Two."]),
    ('[{"text": "One."}, {"text": "Two."}]', ["One.", "Two."]),
    ('{"text": "Only one.", "title": "Single"}', ["Only one."]),
])
def test_ingest_json_shapes(tmp_path, content, expected):
    path = tmp_path / "a.json"
    path.write_text(content)
    items = read_all(path)
    assert [d.text for d in docs(items)] == expected
    assert [d.path for d in docs(items)] == [f"{path}#{i}" for i in range(len(expected))]
    assert all(d.source_format == "json" for d in docs(items))


def test_ingest_json_of_concatenated_objects_is_read_as_lines(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"text": "First."}\n{"text": "Second."}\n')
    assert [d.text for d in docs(read_all(path))] == ["First.", "Second."]


def test_ingest_json_wrapper_gives_metadata_and_list_authors():
    first, second = docs(read_all(GOOD / "articles.json"))
    assert (first.title, first.published, first.outlet) == ("Port visit ends", "2019-09-08", "Harbour Wire")
    assert first.url == "https://harbour-wire.example/port-visit"
    assert (second.published, second.author) == ("March 2018", "R. Otieno, K. Berg")


# ---------------------------------------------------------------- folders and rejections

def test_ingest_folder_is_recursive_sorted_and_skips_hidden_and_unsupported():
    paths = [item.path for item in read_all(GOOD)]
    assert paths == [
        f"{GOOD / 'articles.json'}#0", f"{GOOD / 'articles.json'}#1", str(GOOD / "headers.txt"),
        str(GOOD / "nested" / "cp1252.txt"), str(GOOD / "note.md"), str(GOOD / "page.html"),
        str(GOOD / "plain.txt"),
    ]
    assert all(isinstance(item, RawDocument) for item in read_all(GOOD))


def test_ingest_path_is_kept_as_given():
    given = f"{GOOD}/headers.txt"
    assert only(read_all(given)).path == given
    assert only(read_all(Path(given))).path == str(Path(given))


@pytest.mark.parametrize("name, reason", [
    ("binary.txt", "looks binary"),
    ("empty.txt", "file is empty"),
    ("blank.md", "only whitespace"),
    ("undecodable.txt", "not valid UTF-8"),
    ("not_text.txt", "not plausible cp1252"),
    ("broken.json", "malformed JSON at line 2"),
    ("report.pdf", "unsupported file type '.pdf'"),
])
def test_ingest_bad_file_is_rejected_with_path_reason_and_hint(name, reason):
    rejected = only(read_all(BAD / name))
    assert isinstance(rejected, Rejected)
    assert rejected.path == str(BAD / name)
    assert reason in rejected.reason
    assert rejected.hint
    assert rejected.message().startswith(f"{BAD / name}: ")


def test_ingest_unsupported_hint_lists_supported_types():
    rejected = only(read_all(BAD / "report.pdf"))
    for ext in (".txt", ".md", ".html", ".htm", ".jsonl", ".json"):
        assert ext in rejected.hint


def test_ingest_unsupported_files_inside_folders_are_ignored():
    assert str(BAD / "report.pdf") not in {item.path for item in read_all(BAD)}


def test_ingest_missing_path_is_rejected():
    rejected = only(read_all("no/such/article.txt"))
    assert rejected == Rejected("no/such/article.txt", "no such file or directory", rejected.hint)
    assert rejected.hint


def test_ingest_folder_without_readable_files_is_rejected(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n")
    rejected = only(read_all(tmp_path))
    assert isinstance(rejected, Rejected) and "no readable files" in rejected.reason


def test_ingest_oversized_file_is_rejected(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Title\n\n" + "Many words in a row. " * 50)
    rejected = only(read_all(path, max_file_bytes=100))
    assert isinstance(rejected, Rejected) and "over the limit of 100" in rejected.reason


def test_ingest_overlong_text_is_rejected(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "' + "x" * 50 + '"}\n{"text": "short"}\n')
    items = read_all(path, max_text_chars=20)
    assert [type(i).__name__ for i in items] == ["Rejected", "RawDocument"]
    assert items[0].path == f"{path}#1" and "50 characters" in items[0].reason


def test_ingest_never_raises_and_every_rejection_explains_itself():
    items = read_all(FIXTURES, "missing.txt", BAD / "report.pdf")
    assert len(docs(items)) == 9
    for rejected in rejections(items):
        assert rejected.path and rejected.reason and rejected.hint


def test_ingest_reads_every_seed(seeds_dir):
    items = read_all(seeds_dir)
    assert len(docs(items)) == 5 and not rejections(items)


# ---------------------------------------------------------------- genre

@pytest.mark.parametrize("prefix, genre", [("000", "opinion"), ("001", "opinion"), ("003", "news")])
def test_ingest_genre_of_seeds(seed_text, prefix, genre):
    raw = parse_text(seed_text(prefix), f"{prefix}.txt")
    assert guess_genre(raw.title, clean_text(raw.text), raw.url) == genre


@pytest.mark.parametrize("title, text, url, genre", [
    ("Opinion: Why the border talks matter", "Body.", None, "opinion"),
    ("Analysis | What the new treaty changes", "Body.", None, "analysis"),
    ("Harbour deal", "Explainer\n\nHarbour deal\n\nBody.", None, "analysis"),
    ("Harbour deal", "OpinionHarbour deal\n\nBody.", None, "opinion"),
    ("Harbour deal", "Body.", "https://paper.example/opinion/2020/harbour-deal", "opinion"),
    ("Harbour deal", "Body.", "https://paper.example/news/2020/harbour-deal", None),
    ("Public opinion shifts on the harbour deal", "Body.", None, None),
])
def test_ingest_genre_labels(title, text, url, genre):
    assert label_genre(title, text, url) == genre


def test_ingest_genre_byline_with_in_my_opinion_is_opinion():
    text = ("A case for a rail link\n\nBy Mira Jansen\n\nThe two capitals are only a short flight apart. "
            "In my opinion, a rail link would change how both economies trade. I believe the ministers "
            "should start with a feasibility study.")
    assert guess_genre("A case for a rail link", text, None) == "opinion"


def test_ingest_genre_dateline_and_reporting_is_news():
    text = ("Port deal signed\n\nLIMA, Peru (Reuters) - Peru and Chile signed a port agreement on Monday, "
            "officials said. The ministers told reporters the deal covers customs checks, according to "
            "a statement.")
    assert guess_genre("Port deal signed", text, None) == "news"


def test_ingest_genre_quoted_first_person_is_not_opinion():
    text = ("Minister visits plant\n\nThe minister visited the plant on Friday, her office said. "
            "“We must build more, and I believe we will,” she told workers, according to the statement.")
    scores = score_genre("Minister visits plant", text, None)
    assert scores.opinion == 0
    assert guess_genre("Minister visits plant", text, None) == "news"


def test_ingest_genre_unknown_without_cues():
    assert guess_genre("Rain", "Rain\n\nIt rained in the valley.", None) == "unknown"


def test_ingest_genre_label_in_a_copied_menu_is_ignored():
    text = "News\nOpinion\nSport\nHarbour deal signed\n\nThe harbour deal was signed on Monday, officials said."
    assert label_genre("Harbour deal signed", text, None) is None


@pytest.mark.parametrize("title", ["Analysis-ready data portal opens", "Comment sought on the new port fees",
                                   "Opinion polls favour the treaty"])
def test_ingest_genre_label_words_inside_a_title_are_not_labels(title):
    assert label_genre(title, "Body.", None) is None


def test_ingest_folder_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text.\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [item.path for item in read_all(tmp_path)] == [str(tmp_path / "a.txt")]


def test_ingest_json_of_another_shape_is_rejected(tmp_path):
    path = tmp_path / "config.json"
    path.write_text('{"settings": {"depth": 2}}')
    rejected = only(read_all(path))
    assert isinstance(rejected, Rejected) and "not an article" in rejected.reason and "articles" in rejected.hint
