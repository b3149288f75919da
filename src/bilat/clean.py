"""Clean a RawDocument into a Document: normalised text without web-page boilerplate.

``clean_text`` is pure: it normalises Unicode (NFC; curly quotes kept,
non-breaking and other odd spaces made plain), newlines and spaces, and drops
boilerplate named in data/boilerplate.yaml: comment forms, share widgets,
image placeholders and captions, teaser blocks ("Must read", "Recent News",
"Related" ... with their teasers), repeated title lines and lone section
labels at either end. Paragraphs come out separated by one blank line; lines
inside a paragraph are kept. The first line (usually the title) stays, so
sentence offsets refer to the text as the reader sees it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .datafiles import read_data_mapping
from .errors import KnowledgeError
from .ingest.genre import guess_genre, label_genre
from .records import Document, PubDate, RawDocument, Rejected

BOILERPLATE_FILE = "boilerplate.yaml"   # in bilat/data
BODY_MIN_WORDS = 15          # a teaser block ends at a line this long that ends a sentence,
SENTENCE_MIN_WORDS = 4       # or at a shorter one that ends with a full stop
EMPTY_HINT = "only page furniture (menus, comment forms, teasers) was found; give the article text itself"

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_FULL_STOP_END = re.compile(r"(?<!\.)\.[\"'”’)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
_KEY_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_SEPARATORS = r"(?:\s*[|,·•/]\s*|\s+)"


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class Boilerplate:
    drop_line: re.Pattern[str]        # whole line is boilerplate
    block_heading: re.Pattern[str]    # whole line starts a teaser block
    share_line: re.Pattern[str]       # whole line is share/follow buttons
    section_label: re.Pattern[str]    # whole line is a section label
    label_prefix: re.Pattern[str]     # a section label in front of a (repeated) title
    glued_title_label: re.Pattern[str]


def _patterns(data: dict, key: str, name: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{name}: '{key}' must be a list of strings; compare with the shipped file")
    return value


@lru_cache(maxsize=4)
def load_boilerplate(name: str = BOILERPLATE_FILE) -> Boilerplate:
    """Compile data/boilerplate.yaml once; a malformed file raises KnowledgeError naming it."""
    data = read_data_mapping(name)
    lines = _patterns(data, "lines", name)
    for index, pattern in enumerate(lines):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise KnowledgeError(f"{name}: lines[{index}] {pattern!r} is not a valid regular expression ({exc})"
                                 "; fix the pattern") from exc
    labels = _alternatives(_patterns(data, "section_labels", name))
    share = _alternatives(_patterns(data, "share_labels", name))
    glued = _alternatives(_patterns(data, "glued_title_labels", name))
    return Boilerplate(
        drop_line=re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in lines) + r")$", re.IGNORECASE),
        block_heading=re.compile(rf"^(?:{_alternatives(_patterns(data, 'block_headings', name))})\s*:?$",
                                 re.IGNORECASE),
        share_line=re.compile(rf"^(?:{share})(?:\s*\d+)?(?:{_SEPARATORS}(?:{share})(?:\s*\d+)?)*\s*:?$",
                              re.IGNORECASE),
        section_label=re.compile(rf"^(?:{labels})\s*:?$", re.IGNORECASE),
        label_prefix=re.compile(rf"^(?i:{labels})(?:\s*[:|—–-]\s*|\s+|(?=[A-Z“\"‘']))"),
        glued_title_label=re.compile(rf"^(?i:{glued})(?=[A-Z“\"‘'])"),
    )


# ---------------------------------------------------------------- text

def normalise_lines(text: str) -> list[str]:
    """NFC, one kind of newline, no invisible or control characters, single plain spaces, stripped lines."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def is_body_line(line: str) -> bool:
    """A line that reads like article prose, not a headline or a truncated teaser.

    A sentence ending in a full stop is prose (teasers end in an ellipsis, headlines in
    nothing); one ending in "?" or "!" must also be long, since headlines can end so.
    """
    if _ELLIPSIS_END.search(line) or not _SENTENCE_END.search(line):
        return False
    words = len(line.split())
    return words >= BODY_MIN_WORDS or (words >= SENTENCE_MIN_WORDS and _FULL_STOP_END.search(line) is not None)


def _line_key(line: str) -> str:
    return _KEY_TRIM.sub("", " ".join(line.casefold().split()))


def _is_repeated_title(line: str, title_key: str, bp: Boilerplate) -> bool:
    if _line_key(line) == title_key:
        return True
    prefix = bp.label_prefix.match(line)
    return bool(prefix) and _line_key(line[prefix.end():]) == title_key


def _is_furniture(line: str, bp: Boilerplate) -> bool:
    return bool(bp.drop_line.match(line) or bp.share_line.match(line))


def drop_boilerplate(lines: list[str], bp: Boilerplate) -> list[str]:
    """Remove boilerplate lines, teaser blocks (heading and teasers) and repeats of the first line."""
    kept: list[str] = []
    title_key: str | None = None
    in_block = False
    for line in lines:
        if not line:
            kept.append(line)
            continue
        if bp.block_heading.match(line):
            in_block = True
            continue
        if in_block and not is_body_line(line):
            continue
        in_block = False
        if _is_furniture(line, bp):
            continue
        if title_key is None:
            line = bp.glued_title_label.sub("", line, count=1)
            title_key = _line_key(line)
        elif _is_repeated_title(line, title_key, bp):
            continue
        kept.append(line)
    return kept


def trim_section_labels(lines: list[str], bp: Boilerplate) -> list[str]:
    """Drop blank lines and lone section labels ("Politics") at the start and the end."""
    start, end = 0, len(lines)
    while start < end and (not lines[start] or bp.section_label.match(lines[start])):
        start += 1
    while end > start and (not lines[end - 1] or bp.section_label.match(lines[end - 1])):
        end -= 1
    return lines[start:end]


def join_paragraphs(lines: list[str]) -> str:
    """Runs of non-empty lines are paragraphs; paragraphs are separated by one blank line."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return "\n\n".join(paragraphs)


def clean_text(text: str) -> str:
    """Normalised article text without boilerplate; "" when nothing is left."""
    bp = load_boilerplate()
    lines = trim_section_labels(normalise_lines(text), bp)
    return join_paragraphs(trim_section_labels(drop_boilerplate(lines, bp), bp))


def document_id(clean: str) -> str:
    """``d`` + 16 hex digits of the SHA-256 of the text, whitespace collapsed and lower-cased."""
    key = " ".join(clean.split()).lower()
    return "d" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- metadata

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")
_DOTTED_DAY_FIRST = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}\b")
EVIDENCE: dict[str, str] = {
    "txt": "DATE header", "md": "DATE header", "html": "html meta",
    "jsonl": "jsonl field date", "json": "json field date",
}


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


def _span(start: date, period: str) -> tuple[date, date]:
    if period == "year":
        return date(start.year, 1, 1), date(start.year, 12, 31)
    if period == "month":
        return date(start.year, start.month, 1), _month_end(start.year, start.month)
    return start, start


@lru_cache(maxsize=2)
def _date_parser(date_order: str | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser  # loaded on first use: it is slow to import

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if date_order:
        settings["DATE_ORDER"] = date_order
    return DateDataParser(settings=settings)


def _iso_span(value: str) -> tuple[date, date] | None:
    try:
        if match := _ISO_DAY.match(value):
            return _span(date(*map(int, match.groups())), "day")
        if match := _ISO_MONTH.match(value):
            return _span(date(int(match[1]), int(match[2]), 1), "month")
        if match := _ISO_YEAR.match(value):
            return _span(date(int(match[1]), 1, 1), "year")
    except ValueError:
        return None
    return None


def _parsed_span(value: str) -> tuple[date, date] | None:
    if not _YEAR.search(value):   # no year: relative or partial, never guessed
        return None
    parser = _date_parser("DMY" if _DOTTED_DAY_FIRST.match(value) else None)
    try:
        data = parser.get_date_data(value)
    except (ValueError, TypeError, OverflowError, AttributeError, LookupError):  # dateparser boundary
        return None
    if data is None or data.date_obj is None:
        return None
    return _span(data.date_obj.date(), data.period or "day")


def pubdate_from_metadata(value: str | None, evidence: str) -> PubDate:
    """A publication date string from metadata -> PubDate interval; PubDate() when it does not parse."""
    text = " ".join((value or "").split())
    if not text:
        return PubDate()
    span = _iso_span(text) or _parsed_span(text)
    if span is None:
        return PubDate()
    return PubDate(start=span[0], end=span[1], basis="metadata", evidence=evidence)


def _clean_field(value: str | None) -> str | None:
    text = " ".join(normalise_lines(value or "")).strip()
    return text or None


def clean_title(title: str | None) -> str | None:
    """Whitespace-normalised title without a label glued to its front."""
    text = _clean_field(title)
    return load_boilerplate().glued_title_label.sub("", text, count=1) if text else None


def with_headline(title: str | None, text: str) -> str:
    """Headlines report events too ("X to visit Y"): a title given in metadata or a header
    leads the cleaned text, as it does when it was the file's first line."""
    if not title:
        return text
    first = text.lstrip().split("\n", 1)[0]
    if _normalised(first).startswith(_normalised(title)) or _normalised(title).startswith(_normalised(first)):
        return text
    return f"{title}\n\n{text}"


def _normalised(line: str) -> str:
    return " ".join(line.lower().split())


def clean_document(raw: RawDocument) -> Document | Rejected:
    """RawDocument -> Document (cleaned text, content id, metadata, genre, publication date)."""
    text = clean_text(raw.text)
    if not text:
        return Rejected(raw.path, "no article text left after removing boilerplate", EMPTY_HINT)
    title = clean_title(raw.title)
    text = with_headline(title, text)
    url = _clean_field(raw.url)
    return Document(
        doc_id=document_id(text),
        path=raw.path,
        text=text,
        title=title,
        url=url,
        outlet=_clean_field(raw.outlet),
        author=_clean_field(raw.author),
        published=pubdate_from_metadata(raw.published, EVIDENCE.get(raw.source_format, "metadata")),
        genre=label_genre(raw.title, raw.text, url) or guess_genre(title, text, url),
        source_format=raw.source_format,
    )
