"""Plain text and Markdown: bytes -> str, header lines -> metadata, body -> RawDocument.

A text file may start with simple header lines (``URL: ...``, ``DATE: ...``,
``TITLE: ...``, ``Source:``/``Outlet:``/``Author:`` or a ``By <name>`` byline),
case-insensitive; the headers stop at the first line that is not one. Without
a ``TITLE:`` header the first non-empty line is the title when it reads like
one (short, a single sentence) and it stays in the text. Markdown may carry
the same keys in a ``---`` front-matter block, and its ``#`` heading marks,
link and emphasis syntax are removed so that only the prose is left.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import InputError
from ..records import RawDocument


class UnreadableInput(InputError):
    """A file or record that cannot become a document; carries reason and hint."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(f"{reason} ({hint})")
        self.reason = reason
        self.hint = hint


# ---------------------------------------------------------------- decoding

_SNIFF_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_MIN_ASCII_SHARE_CP1252 = 0.7
_MAX_CONTROL_SHARE = 0.01

BINARY_HINT = "only text, Markdown, HTML and JSON files are read; extract the article text first"
ENCODING_HINT = "re-save the file as UTF-8, e.g. with iconv -f <its encoding> -t utf-8"


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start mean a binary file (UTF-16 with a BOM excepted)."""
    return not data.startswith(_UTF16_BOMS) and b"\x00" in data[:_SNIFF_BYTES]


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    return controls / len(sample)


def _looks_like_cp1252_text(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    ascii_share = sum(1 for ch in sample if ch.isascii()) / max(len(sample), 1)
    return ascii_share >= _MIN_ASCII_SHARE_CP1252 and _control_share(sample) == 0.0


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 when it is clean text.

    Raises ``UnreadableInput`` for binary or undecodable data.
    """
    if looks_binary(data):
        raise UnreadableInput("looks binary (contains NUL bytes)", BINARY_HINT)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"not valid UTF-16 despite its byte-order mark ({exc.reason})", ENCODING_HINT) from exc
    else:
        text = _decode_8bit(data)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise UnreadableInput("does not look like text (many control characters)", BINARY_HINT)
    return text


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        where = f"invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableInput(f"not valid UTF-8 ({where}) nor cp1252", ENCODING_HINT) from utf8_error
        if not _looks_like_cp1252_text(text):
            raise UnreadableInput(f"not valid UTF-8 ({where}) and not plausible cp1252 text", ENCODING_HINT) from utf8_error
        return text


# ---------------------------------------------------------------- headers

_HEADER_FIELDS: dict[str, str] = {
    "url": "url", "link": "url", "source url": "url", "canonical": "url",
    "date": "published", "published": "published", "pubdate": "published", "published at": "published",
    "title": "title", "headline": "title",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "site": "outlet",
    "author": "author", "authors": "author", "byline": "author",
}
_HEADER = re.compile(r"^\s*(" + "|".join(sorted(map(re.escape, _HEADER_FIELDS), key=len, reverse=True))
                     + r")\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|al|bin|da|de|del|der|di|du|el|la|le|ul|van|von)"
_BYLINE = re.compile(rf"^\s*(?i:by)\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}"
                     rf"(?:\s*(?:,|and|&)\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}})*)\s*$")
_BYLINE_SEARCH_LINES = 8
_MAX_TITLE_CHARS = 250
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[A-Z“\"‘']")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Headers:
    """Metadata found in header lines, and the body that follows them."""

    fields: dict[str, str]
    body: str


def byline_author(line: str) -> str | None:
    """``"By Jane Roe"`` -> ``"Jane Roe"``; ``"By the end of May ..."`` -> None."""
    match = _BYLINE.match(line)
    return match.group(1).strip() if match else None


def split_headers(text: str) -> Headers:
    """Leading ``KEY: value`` lines (and a ``By <name>`` line) -> fields; the rest is the body."""
    lines = text.split("\n")
    found: dict[str, str] = {}
    body_start = 0
    for index, line in enumerate(lines):
        if not line.strip():
            if found:         # a blank line closes the header block
                body_start = index
                break
            continue
        header = _HEADER.match(line)
        author = None if header else byline_author(line)
        if header:
            found.setdefault(_HEADER_FIELDS[header.group(1).lower()], header.group(2).strip())
        elif author:
            found.setdefault("author", author)
        else:
            body_start = index
            break
    else:
        body_start = len(lines)
    if not found:
        return Headers({}, text)
    while body_start < len(lines) and not lines[body_start].strip():
        body_start += 1
    return Headers(found, "\n".join(lines[body_start:]))


def split_front_matter(text: str) -> Headers:
    """A Markdown ``---`` block of ``key: value`` lines at the very top."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return Headers({}, text)
    found: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        header = _HEADER.match(line)
        if header:
            found.setdefault(_HEADER_FIELDS[header.group(1).lower()], header.group(2).strip().strip("\"'"))
    return Headers(found, text[match.end():])


# ---------------------------------------------------------------- markdown

_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def strip_markdown(text: str) -> str:
    """Remove Markdown syntax that is not prose: heading marks, images, link targets, bold marks."""
    text = _MD_COMMENT.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_RULE.sub("", text)
    return _MD_HEADING.sub(r"\1", text)


# ---------------------------------------------------------------- title and author

def first_line_title(body: str) -> str | None:
    """The first non-empty line when it reads like a headline (short, one sentence)."""
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= _MAX_TITLE_CHARS and not _SENTENCE_BREAK.search(line):
            return line
        return None
    return None


def find_byline(body: str) -> str | None:
    """An author from a ``By <name>`` line near the top (the line stays in the text)."""
    lines = [line for line in body.split("\n") if line.strip()][:_BYLINE_SEARCH_LINES]
    for line in lines:
        author = byline_author(line)
        if author:
            return author
    return None


def parse_text(text: str, path: str, source_format: str = "txt") -> RawDocument:
    """Decoded text of a ``.txt``/``.md`` file -> RawDocument with header metadata."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front = split_front_matter(text) if source_format == "md" else Headers({}, text)
    headers = split_headers(front.body)
    fields = {**headers.fields, **front.fields}
    body = strip_markdown(headers.body) if source_format == "md" else headers.body
    title = fields.get("title") or first_line_title(body)
    return RawDocument(
        path=path,
        text=body,
        title=title,
        url=fields.get("url"),
        published=fields.get("published"),
        outlet=fields.get("outlet"),
        author=fields.get("author") or find_byline(body),
        source_format=source_format,
    )
