"""Origins on real sentences: texts naming the same agency or press office count once."""
from __future__ import annotations

import pytest

from bilat import api
from bilat.config import load_settings
from bilat.stories.independence import count_independent
from bilat.stories.origins import detect_origins, origin_keys, url_origins


@pytest.mark.parametrize("sentence, key", [
    ("The two armies ended their joint drills near the border on Friday, ISPR said.", "ispr"),
    ("BAKU, Oct 5 (AFP) - Azerbaijani troops took part in the parade.", "afp"),
    ("Xinhua reported that the Chinese and Saudi leaders signed a strategic partnership agreement.", "xinhua"),
    ("According to Agence France-Presse, the ambassador was recalled for consultations.", "afp"),
    ("A statement from the Pentagon said the sale would not alter the military balance in the region.", "pentagon"),
    ("The deal was signed in Ankara, according to the state news agency.", "state_news_agency"),
    ("The Defence Ministry reported that the first batch of fighter jets had landed.", "defence_ministry"),
    ("Pakistan's Foreign Office said the reports of troops in the conflict zone were baseless.",
     "foreign_ministry:PAK"),
    ("The Ministry of Defence of Azerbaijan said in a statement that the exercise had ended.",
     "defence_ministry:AZE"),
    ("The Egyptian defence ministry announced the order for 30 more Rafale jets.", "defence_ministry:EGY"),
    ("India's foreign minister told Reuters that the purchase was not aimed at any third country.", "reuters"),
    ("The Joint Chiefs of Staff in Taipei said the drills had ended on schedule.", "joint_chiefs:TWN"),
    ("Field training resumed on Monday, South Korea's Joint Chiefs of Staff said.", "joint_chiefs:KOR"),
])
def test_origin_named_in_a_reporting_context_is_detected(kb, sentence, key):
    assert key in origin_keys(sentence, kb)


@pytest.mark.parametrize("sentence", [
    "The trend toward closer defence ties is clear, analysts said.",
    "AFP photographers were not allowed into the hangar.",
    "The defence ministry building in the capital was renovated last year.",
])
def test_names_outside_a_reporting_context_are_not_origins(kb, sentence):
    assert origin_keys(sentence, kb) == frozenset()


def test_aliases_map_to_one_origin_and_the_evidence_is_the_sentence(kb):
    text = ("Troops crossed the river at dawn (AFP). Later, according to Agence France-Presse, "
            "they withdrew.")
    (origin,) = detect_origins(text, kb)
    assert origin.key == "afp" and origin.evidence == "Troops crossed the river at dawn (AFP)."


def test_two_reports_resting_on_one_press_office_count_once(kb):
    reports = {
        "a": "The army chiefs discussed training and defence production, ISPR said.",
        "b": "According to Inter-Services Public Relations, both sides agreed to expand exercises.",
        "c": "The Azerbaijani Defence Ministry said the delegation visited a military academy.",
    }
    origins = {doc: origin_keys(text, kb) for doc, text in reports.items()}
    assert count_independent(reports, {}, origins) == 2


def test_seed_003_names_the_pakistani_military_press_office(kb, seed_text):
    assert "ispr" in origin_keys(seed_text("003"), kb)


@pytest.mark.parametrize("url, keys", [
    ("https://www.fmprc.gov.cn/eng/zxxx/202304/t20230414.html", ["foreign_ministry:CHN"]),   # country-code domain
    ("https://mod.gov.az/en/news/agreement-signed-41234.html", ["defence_ministry:AZE"]),
    ("https://www.defense.gov/News/Releases/Release/Article/1/", ["defence_ministry:USA"]),  # a US federal domain
    ("https://www.defence.gov.au/news-events/releases/2024-08-29", ["defence_ministry:AUS"]),
    ("https://www.kenya-mfa.example/press/2024/talks", ["foreign_ministry:KEN"]),           # the state in a label
    ("https://www.thames-defence-review.example/industry/2017/12/11/x", []),  # an outlet named after its beat
    ("https://www.reuters.com/world/asia-pacific/x", []),
    (None, []),
    ("not a url", []),
])
def test_a_release_served_from_an_offices_own_site_is_that_offices_account(kb, url, keys):
    assert [o.key for o in url_origins(url, kb)] == keys


RELEASE = """TITLE: Uganda and Kenya open joint military exercise near Jinja
URL: {url}
DATE: 2024-06-10

Uganda and Kenya began a ten-day joint military exercise near Jinja on Monday, with about 600 soldiers from the two armies taking part. The drills cover border security and disaster response, and end with a live-fire demonstration.
"""
REPORT = """TITLE: Flood drills and border patrols: what the Kenya-Uganda exercise is testing
URL: https://www.lakeside-herald.example/region/kenya-uganda-drills-jinja
DATE: 2024-06-11

Kenyan and Ugandan soldiers launched a joint military exercise at Jinja on Monday, Uganda's Defence Ministry said. Commanders want to see whether the two armies can share radio networks during a crisis. Last year heavy rains cut roads across the region for weeks. Local officials hope the drills bring business to hotels in the town.
"""


@pytest.mark.slow
@pytest.mark.parametrize("release_url, independent", [
    ("https://www.uganda-mod.example/news/2024/06/10/joint-exercise-opens", 1),   # the ministry's own release
    ("https://www.kampala-daily.example/news/2024/06/10/joint-exercise-opens", 2),
])
def test_a_report_quoting_the_ministry_and_the_ministrys_own_release_are_one_source(tmp_path, release_url, independent):
    (tmp_path / "release.txt").write_text(RELEASE.format(url=release_url), encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    settings = load_settings(db=str(tmp_path / "store.duckdb"))
    api.ingest([tmp_path], settings)
    (event,) = [r for r in api.event_records(settings) if r["category"] == "exercise"]
    assert event["n_documents"] == 2 and event["n_independent_sources"] == independent
