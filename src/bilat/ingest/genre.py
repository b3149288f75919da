"""Guess an article's genre: news, opinion, analysis or unknown.

An explicit label decides (a title prefix, a lone label line at the top, a
label glued to the front of a line, a URL path segment). Otherwise the text is
scored in the writer's own voice (quotations removed): first-person density and
stance phrases for opinion, think-tank phrasing for analysis, datelines,
agency tags and reporting verbs for news. Cue words live in data/genre.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..datafiles import read_data_mapping
from ..errors import KnowledgeError
from ..records import Genre
from .text import byline_author

GENRE_FILE = "genre.yaml"   # in bilat/data
LABEL_LINES = 5           # label lines are looked for among the first non-empty lines
BYLINE_LINES = 8
DATELINE_LINES = 4
MENU_ITEM_WORDS = 2        # a label line next to another very short line is a copied menu
MIN_SCORE = 2             # below this on every genre: "unknown"
_QUOTED = re.compile(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)|«[^»\n]*(?:»|$)", re.MULTILINE)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)")
_DATELINE = re.compile(r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][\w.'’ -]{1,30})?"
                       r"\s*(?:\([^)\n]{1,40}\))?\s*(?::|—|–|-{1,2})\s+\S")
_LABEL_SEPARATOR = r"(?:\s*[:|]\s*|\s+[—–-]\s+)"


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _first_person_pattern(words: list[str]) -> re.Pattern[str]:
    """Lower-case or capitalised forms only, so that "US" (the country) is not "us"."""
    forms = sorted({form for w in words for form in ((w.upper(),) if w == "i" else (w, w.capitalize()))})
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")


@dataclass(frozen=True)
class GenreCues:
    label_line: dict[str, re.Pattern[str]]     # whole line is a label
    label_prefix: dict[str, re.Pattern[str]]   # "Label: ..." or "LabelHeadline"
    title_phrase: dict[str, re.Pattern[str]]
    url_segments: dict[str, frozenset[str]]
    first_person: re.Pattern[str]
    opinion_phrase: re.Pattern[str]
    analysis_phrase: re.Pattern[str]
    reporting: re.Pattern[str]
    news_time: re.Pattern[str]
    agency_tag: re.Pattern[str]


def _label_patterns(labels: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = "|".join(sorted((re.escape(x).replace(r"\ ", r"\s+") for x in labels), key=len, reverse=True))
    line = re.compile(rf"^\s*(?i:{alternatives})\s*:?\s*$")
    prefix = re.compile(rf"^\s*(?:(?i:{alternatives}){_LABEL_SEPARATOR}\S|(?i:{alternatives})(?=[A-Z“\"‘']))")
    return line, prefix


def _section(data: dict, key: str, name: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise KnowledgeError(f"{name}: '{key}' must be a mapping of genre -> list of phrases; fix the file")
    return value


@lru_cache(maxsize=4)
def load_genre_cues(name: str = GENRE_FILE) -> GenreCues:
    """Compile data/genre.yaml once; a malformed file raises KnowledgeError naming it."""
    data = read_data_mapping(name)
    try:
        labels = {genre: _label_patterns(words) for genre, words in _section(data, "labels", name).items()}
        agencies = "|".join(sorted(map(re.escape, data["news_agencies"]), key=len, reverse=True))
        return GenreCues(
            label_line={genre: pair[0] for genre, pair in labels.items()},
            label_prefix={genre: pair[1] for genre, pair in labels.items()},
            title_phrase={g: _phrase_pattern(w) for g, w in _section(data, "title_phrases", name).items()},
            url_segments={g: frozenset(w) for g, w in _section(data, "url_segments", name).items()},
            first_person=_first_person_pattern(data["first_person"]),
            opinion_phrase=_phrase_pattern(data["opinion_phrases"]),
            analysis_phrase=_phrase_pattern(data["analysis_phrases"]),
            reporting=_phrase_pattern(data["reporting_cues"]),
            news_time=_phrase_pattern(data["news_time_phrases"]),
            agency_tag=re.compile(rf"\((?:{agencies})(?:\s*[/,]\s*[\w ]+)*\)|[—–-]\s*(?:{agencies})\s*$",
                                  re.MULTILINE),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise KnowledgeError(f"{name}: missing or malformed entry {exc}; compare with the shipped file") from exc


def _head_lines(text: str, count: int) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()][:count]


def _top_lines(text: str, count: int) -> list[str]:
    """Stripped lines up to and including the ``count``-th non-empty one (blank lines kept)."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.append(line.strip())
        if sum(1 for kept in lines if kept) >= count:
            break
    return lines


def _in_menu(lines: list[str], index: int) -> bool:
    """A short line directly next to another short line is a copied menu item, not a label."""
    neighbours = (lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines))
    return any(line and len(line.split()) <= MENU_ITEM_WORDS for line in neighbours)


def _url_genre(url: str | None, cues: GenreCues, genres: tuple[str, ...]) -> str | None:
    if not url:
        return None
    segments = {s.lower() for s in urlsplit(url).path.split("/") if s}
    for genre in genres:
        if segments & cues.url_segments.get(genre, frozenset()):
            return genre
    return None


def label_genre(title: str | None, text: str, url: str | None = None) -> Genre | None:
    """The genre an explicit label gives (title prefix, label line at the top, URL), else None."""
    cues = load_genre_cues()
    labelled = tuple(cues.label_line)
    for genre in labelled:
        if title and (cues.label_prefix[genre].search(title) or cues.title_phrase[genre].search(title)):
            return genre  # type: ignore[return-value]
    lines = _top_lines(text, LABEL_LINES)
    for index, line in enumerate(lines):
        for genre in labelled:
            lone = cues.label_line[genre].match(line) and not _in_menu(lines, index)
            if lone or cues.label_prefix[genre].match(line):
                return genre  # type: ignore[return-value]
    return _url_genre(url, cues, labelled)  # type: ignore[return-value]


@dataclass(frozen=True)
class GenreScores:
    news: int
    opinion: int
    analysis: int


def own_voice(text: str) -> str:
    """The text without quotations: what the writer says, not whom they quote."""
    return _QUOTED.sub(" ", text)


def _rate_points(rate: float, steps: tuple[float, float, float]) -> int:
    return sum(1 for step in steps if rate >= step)


def score_genre(title: str | None, text: str, url: str | None = None) -> GenreScores:
    """Content scores for each genre, from the writer's own voice."""
    cues = load_genre_cues()
    voice = own_voice(text)
    words = max(len(_WORD.findall(voice)), 1)
    sentences = max(len(_SENTENCE_END.findall(voice)), 1)
    first_person = len(cues.first_person.findall(voice))
    stance = len(cues.opinion_phrase.findall(voice))
    has_byline = any(byline_author(line) for line in _head_lines(text, BYLINE_LINES))
    opinion = (_rate_points(first_person * 1000 / words, (2.0, 5.0, 10.0)) if first_person >= 2 else 0)
    opinion += min(stance, 3) + (2 if has_byline and stance else 0)
    analysis = min(len(cues.analysis_phrase.findall(voice)), 3)
    news = 3 if any(_DATELINE.match(line) for line in _head_lines(text, DATELINE_LINES)) else 0
    news += 3 if cues.agency_tag.search(text) else 0
    news += _rate_points(len(cues.reporting.findall(voice)) / sentences, (0.05, 0.15, 0.3))
    news += min(len(cues.news_time.findall(voice)), 2)
    news += 1 if _url_genre(url, cues, ("news",)) else 0
    return GenreScores(news=news, opinion=opinion, analysis=analysis)


def guess_genre(title: str | None, text: str, url: str | None) -> Genre:
    """An explicit label if there is one, else the best content score, else "unknown"."""
    labelled = label_genre(title, text, url)
    if labelled:
        return labelled
    scores = score_genre(title, text, url)
    if scores.news and not scores.opinion and not scores.analysis:
        return "news"         # plain reporting: a news cue and no voice of its own
    ranked = sorted((("news", scores.news), ("opinion", scores.opinion), ("analysis", scores.analysis)),
                    key=lambda pair: pair[1], reverse=True)
    (best, top), (_, runner_up) = ranked[0], ranked[1]
    if top < MIN_SCORE or top == runner_up:
        return "unknown"
    return best  # type: ignore[return-value]
