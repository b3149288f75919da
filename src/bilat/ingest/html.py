"""HTML pages: main text and metadata with trafilatura, a plain fallback when it finds nothing.

Navigation, sidebars, footers and comment sections are left out by the
extractor; each block of the main text becomes one paragraph (blank line
between blocks) so that the cleaner and the sentence splitter see paragraphs.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import trafilatura
from lxml.etree import LxmlError
from trafilatura.metadata import extract_metadata

from ..records import RawDocument
from .text import UnreadableInput

_SKIPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer",
    "aside", "form", "button", "select", "textarea", "iframe", "head",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3",
    "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "br", "hr", "figcaption", "dd", "dt",
})
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_EXTRACTION_ERRORS = (ValueError, TypeError, AttributeError, RecursionError, LookupError, LxmlError)
NO_TEXT_HINT = "the page holds no article text that could be found; save the article body as .txt instead"


class _PlainText(HTMLParser):
    """Visible text of a page outside navigation, forms and scripts, one block a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS and tag not in _VOID_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and tag not in _VOID_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def plain_text(markup: str) -> str:
    """Fallback extraction: every visible block outside nav/header/footer/aside/form/script."""
    parser = _PlainText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def as_paragraphs(text: str) -> str:
    """One extracted block per line -> blocks separated by a blank line."""
    lines = (line.strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _none_if_blank(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# htmldate reads the page's own date markup (meta tags, JSON-LD, <time>, the canonical
# URL) and prefers the original publication date to a later update. Its "extensive
# search" would also take a date mentioned in the article body as the publication
# date, which is inference, not metadata: bilat.temporal.pubdate does that openly.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(markup: str) -> dict[str, object] | None:
    """trafilatura's main-text extraction with metadata; None when it finds nothing or fails."""
    try:
        result = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                             include_tables=True, as_dict=False,
                                             date_extraction_params=_DATE_PARAMS)
    except _EXTRACTION_ERRORS:
        return None
    if result is None:
        return None
    found = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return found if _none_if_blank(found.get("text")) else None


def _fallback_metadata(markup: str) -> dict[str, object]:
    """Metadata without main text: trafilatura's metadata reader, else the <title> tag."""
    try:
        meta = extract_metadata(markup, date_config=_DATE_PARAMS)
    except _EXTRACTION_ERRORS:
        meta = None
    found = meta.as_dict() if meta is not None else {}
    if not _none_if_blank(found.get("title")):
        match = _TITLE_TAG.search(markup)
        found["title"] = plain_text(match.group(1)) if match else None
    return found


def parse_html(markup: str, path: str) -> RawDocument:
    """Decoded HTML -> RawDocument; raises UnreadableInput when no text is found."""
    found = _extract(markup)
    if found is not None:
        text = as_paragraphs(str(found["text"]))
    else:
        found = _fallback_metadata(markup)
        text = as_paragraphs(plain_text(markup))
    if not text.strip():
        raise UnreadableInput("no article text found in the HTML", NO_TEXT_HINT)
    return RawDocument(
        path=path,
        text=text,
        title=_none_if_blank(found.get("title")),
        url=_none_if_blank(found.get("url")),
        published=_none_if_blank(found.get("date")),
        outlet=_none_if_blank(found.get("sitename")) or _none_if_blank(found.get("hostname")),
        author=_none_if_blank(found.get("author")),
        source_format="html",
    )
