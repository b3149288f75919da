"""The bundled demo corpus: enough articles, several pairs of states, every format, gold for all, our own words."""
from __future__ import annotations

import json
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from bilat.demo import corpus_path

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "eval" / "gold"
HEADER = re.compile(r"^(TITLE|URL|DATE): (.+)$")
WORD = re.compile(r"[a-z0-9]+")


def articles(folder: Path) -> list[tuple[str, str]]:
    """(doc name as the gold files write it, article text) for every demo article."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                found.append((f"{path.name}#{n}", json.loads(line)["text"]))
        elif path.suffix in {".txt", ".md", ".html"}:
            found.append((path.name, path.read_text(encoding="utf-8")))
    return found


def gold_docs() -> dict[str, dict]:
    docs = {}
    for path in GOLD_DIR.glob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs[raw["doc"]] = raw
    return docs


def ten_word_runs(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + 10]) for i in range(len(words) - 9)}


def test_demo_corpus_path_is_the_bundled_folder(demo_dir):
    assert corpus_path() == demo_dir.resolve()
    assert corpus_path().is_dir()


def test_demo_has_at_least_twelve_articles():
    assert len(articles(corpus_path())) >= 12


def test_demo_includes_html_and_jsonl():
    suffixes = {p.suffix for p in corpus_path().iterdir()}
    assert {".txt", ".md", ".html", ".jsonl"} <= suffixes


def test_demo_file_names_are_numbered_slugs():
    for path in corpus_path().iterdir():
        assert re.match(r"^\d{2}_[a-z0-9-]+\.(txt|md|html|jsonl)$", path.name), path.name


def test_demo_every_article_has_a_gold_file():
    gold = gold_docs()
    assert [doc for doc, _ in articles(corpus_path()) if doc not in gold] == []


def test_demo_covers_at_least_five_pairs_of_states():
    main_pairs = set()
    for doc, _ in articles(corpus_path()):
        pairs = Counter(pair for event in gold_docs()[doc]["events"]
                        for pair in combinations(event["countries"], 2))
        main_pairs.add(pairs.most_common(1)[0][0])
    assert len(main_pairs) >= 5, main_pairs


def test_demo_text_articles_start_with_headers_and_are_short_news():
    dated = 0
    for path in sorted(corpus_path().glob("*.txt")) + sorted(corpus_path().glob("*.md")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        headers = dict(HEADER.match(line).groups() for line in head.splitlines())
        assert {"TITLE", "URL"} <= set(headers), path.name
        assert headers["URL"].startswith("https://"), path.name
        dated += "DATE" in headers
        assert 150 <= len(body.split()) <= 450, (path.name, len(body.split()))
    assert dated >= 1


def test_demo_html_is_a_full_page_with_metadata():
    (page,) = corpus_path().glob("*.html")
    html = page.read_text(encoding="utf-8")
    for needle in ('<meta name="author"', 'property="article:published_time"', 'property="og:title"',
                   "<nav>", "<article>", "<footer>", "Recent News"):
        assert needle in html, needle


def test_demo_jsonl_records_carry_metadata():
    (path,) = corpus_path().glob("*.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert 2 <= len(records) <= 3
    for record in records:
        assert {"text", "title", "url", "date", "outlet"} <= set(record)
        assert len(record["text"].split()) >= 140


def test_demo_and_eval_texts_repeat_no_ten_word_run_of_a_seed(seeds_dir):
    seed_runs = set().union(*(ten_word_runs(p.read_text(encoding="utf-8")) for p in seeds_dir.glob("*.txt")))
    ours = [p for p in corpus_path().iterdir()] + list(GOLD_DIR.glob("*.yaml")) + [REPO / "eval" / "GUIDELINES.md"]
    copied = {p.name: len(ten_word_runs(p.read_text(encoding="utf-8")) & seed_runs) for p in ours}
    assert {name: n for name, n in copied.items() if n} == {}


@pytest.mark.parametrize("doc", ["02_modi-bastille-day-visit.md", "12_opinion-japan-philippines.md"])
def test_demo_gold_marks_plans_and_proposals_as_not_asserted(doc):
    facts = Counter(event["factuality"] for event in gold_docs()[doc]["events"])
    assert facts["asserted"] < sum(facts.values())
