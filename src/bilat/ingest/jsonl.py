"""JSON Lines and JSON: one article per record.

``.jsonl`` holds one object per line and is streamed, so memory stays bounded
whatever the file size; each bad line is rejected alone (``file#line``) and
the good lines are still read. ``.json`` holds one object, a list of objects,
or ``{"articles": [...]}`` (records are ``file#index``, counted from 0).
Fields: ``text`` (required); ``title``, ``url``, ``date``/``published``,
``source``/``outlet``, ``author`` and ``id`` are optional.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from ..records import RawDocument, Rejected
from .text import BINARY_HINT, UnreadableInput, decode_bytes, looks_binary

TEXT_FIELD = "text"
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("date", "published", "published_at", "publish_date", "pubdate", "datePublished",
                  "date_published", "publication_date", "pub_date", "pubDate", "published_time"),
    "outlet": ("source", "outlet", "publisher", "sitename", "site_name"),
    "author": ("author", "authors", "byline"),
}
_SNIFF_BYTES = 8192
LINE_HINT = "fix or remove this line; the other lines are still read"
JSON_HINT = "fix the JSON where python -m json.tool FILE points, or write one article object per line as .jsonl"
SHAPE_HINT = 'give one object, a list of objects, or {"articles": [...]}, each with a "text" field'
TEXT_HINT = 'every record needs a non-empty "text" string holding the article'


def _scalar(value: object) -> str | None:
    """A metadata value as text: strings, numbers, {"name": ...} objects and lists of names."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    if isinstance(value, Mapping):
        return _scalar(value.get("name"))
    if isinstance(value, list):
        names = [name for name in map(_scalar, value) if name]
        return ", ".join(names) or None
    return None


def _first_field(record: Mapping[str, object], names: Iterable[str]) -> str | None:
    for name in names:
        value = _scalar(record.get(name))
        if value:
            return value
    return None


def record_to_raw(record: object, path: str, source_format: str) -> RawDocument | Rejected:
    """One decoded JSON value -> RawDocument, or Rejected when it is not an article object."""
    if not isinstance(record, dict):
        return Rejected(path, f"record is a JSON {type(record).__name__}, not an object", SHAPE_HINT)
    text = record.get(TEXT_FIELD)
    if text is None:
        keys = ", ".join(sorted(map(str, record))[:8]) or "none"
        return Rejected(path, f'record has no "text" field (fields: {keys})', TEXT_HINT)
    if not isinstance(text, str):
        return Rejected(path, f'"text" is a JSON {type(text).__name__}, not a string', TEXT_HINT)
    if not text.strip():
        return Rejected(path, 'record\'s "text" is empty', TEXT_HINT)
    fields = {key: _first_field(record, names) for key, names in OPTIONAL_FIELDS.items()}
    return RawDocument(path=path, text=text, source_format=source_format, **fields)


def _json_error(exc: json.JSONDecodeError, with_line: bool) -> str:
    where = f"line {exc.lineno}, column {exc.colno}" if with_line else f"column {exc.colno}"
    return f"malformed JSON at {where}: {exc.msg.removesuffix(' at')}"


def parse_json_line(line: str, path: str) -> RawDocument | Rejected:
    """One line of a JSON Lines file -> RawDocument or Rejected naming ``file#line``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(path, _json_error(exc, with_line=False), LINE_HINT)
    except RecursionError:
        return Rejected(path, "malformed JSON: nested too deeply", LINE_HINT)
    return record_to_raw(record, path, "jsonl")


def _records(value: object) -> list[object] | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        return value["articles"]
    if isinstance(value, dict) and TEXT_FIELD in value:
        return [value]
    return None


def parse_json(text: str, label: str) -> Iterator[RawDocument | Rejected]:
    """A whole ``.json`` file -> its records; a file of concatenated lines is read as JSON Lines."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _json_lines(enumerate(text.split("\n"), start=1), label)
            return
        yield Rejected(label, _json_error(exc, with_line=True), JSON_HINT)
        return
    except RecursionError:
        yield Rejected(label, "malformed JSON: nested too deeply", JSON_HINT)
        return
    records = _records(value)
    if records is None:
        yield Rejected(label, f"top-level JSON {type(value).__name__} is not an article, a list or {{\"articles\": [...]}}",
                       SHAPE_HINT)
        return
    if not records:
        yield Rejected(label, "holds no records", SHAPE_HINT)
    for index, record in enumerate(records):
        yield record_to_raw(record, f"{label}#{index}", "json")


def _json_lines(lines: Iterable[tuple[int, str]], label: str) -> Iterator[RawDocument | Rejected]:
    for line_no, line in lines:
        if line.strip():
            yield parse_json_line(line, f"{label}#{line_no}")


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line longer than ``limit`` (the rest is skipped)."""
    line_no = 0
    while True:
        chunk = handle.readline(limit + 1)
        if not chunk:
            return
        line_no += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = handle.readline(limit + 1)
            yield line_no, None
        else:
            yield line_no, chunk


def read_jsonl(path: Path, label: str, max_line_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Stream a ``.jsonl`` file line by line; bad lines are rejected, good ones read."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        if not head:
            yield Rejected(label, "file is empty", "add one JSON object per line, or remove the file")
            return
        if looks_binary(head):
            yield Rejected(label, "looks binary (contains NUL bytes)", BINARY_HINT)
            return
        handle.seek(0)
        seen_record = False
        for line_no, data in _bounded_lines(handle, max_line_bytes):
            where = f"{label}#{line_no}"
            if data is None:
                yield Rejected(where, f"line is longer than {max_line_bytes:,} bytes",
                               "split the record, or raise max_file_bytes (BILAT_MAX_FILE_BYTES)")
                seen_record = True
                continue
            if not data.strip():
                continue
            seen_record = True
            try:
                line = decode_bytes(data)
            except UnreadableInput as exc:
                yield Rejected(where, exc.reason, exc.hint)
                continue
            yield parse_json_line(line, where)
    if not seen_record:
        yield Rejected(label, "file contains only whitespace", "add one JSON object per line, or remove the file")
