"""Read files and folders into RawDocuments; everything unreadable becomes a Rejected.

``read_paths`` is a generator: it walks folders (recursively, sorted, hidden
files and folders skipped), picks a reader by extension, and never raises for
bad input. Each Rejected names the path, the reason and what to do next.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import RawDocument, Rejected
from .html import parse_html
from .jsonl import parse_json, read_jsonl
from .text import UnreadableInput, decode_bytes, parse_text

__all__ = ["FORMATS", "read_paths", "read_file", "walk_folder"]

FORMATS: dict[str, str] = {
    ".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "json",
}
SUPPORTED_HINT = "supported: " + ", ".join(sorted(FORMATS))
EMPTY_HINT = "add the article text, or remove the file"


def format_of(path: Path) -> str | None:
    """The reader name for a file extension (case-insensitive), None when unsupported."""
    return FORMATS.get(path.suffix.lower())


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def walk_folder(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``, recursively, sorted by name, hidden entries skipped."""
    seen: set[Path] = set()

    def walk(current: Path) -> Iterator[Path]:
        real = current.resolve()
        if real in seen:          # a symlink loop
            return
        seen.add(real)
        try:
            entries = sorted(current.iterdir(), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if _hidden(entry):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif entry.is_file() and format_of(entry):
                yield entry

    yield from walk(folder)


def _too_long(raw: RawDocument, max_text_chars: int) -> Rejected | None:
    if len(raw.text) <= max_text_chars:
        return None
    return Rejected(raw.path, f"text is {len(raw.text):,} characters, over the limit of {max_text_chars:,}",
                    "split the article, or raise max_text_chars (BILAT_MAX_TEXT_CHARS)")


def _parse_whole_file(path: Path, label: str, fmt: str, max_file_bytes: int) -> Iterator[RawDocument | Rejected]:
    size = path.stat().st_size
    if size > max_file_bytes:
        yield Rejected(label, f"file is {size:,} bytes, over the limit of {max_file_bytes:,}",
                       "split it, or raise max_file_bytes (BILAT_MAX_FILE_BYTES)")
        return
    if size == 0:
        yield Rejected(label, "file is empty", EMPTY_HINT)
        return
    text = decode_bytes(path.read_bytes())
    if not text.strip():
        yield Rejected(label, "file contains only whitespace", EMPTY_HINT)
    elif fmt == "html":
        yield parse_html(text, label)
    elif fmt == "json":
        yield from parse_json(text, label)
    else:
        yield parse_text(text, label, fmt)


def read_file(path: Path, label: str, fmt: str, max_file_bytes: int = 20_000_000,
              max_text_chars: int = 1_000_000) -> Iterator[RawDocument | Rejected]:
    """One supported file -> its documents and rejections (``label`` is the path as shown)."""
    if fmt == "jsonl":
        items = read_jsonl(path, label, max_line_bytes=max_file_bytes)
    else:
        items = _parse_whole_file(path, label, fmt, max_file_bytes)
    try:
        for item in items:
            rejected = _too_long(item, max_text_chars) if isinstance(item, RawDocument) else None
            yield rejected or item
    except UnreadableInput as exc:
        yield Rejected(label, exc.reason, exc.hint)
    except OSError as exc:
        yield Rejected(label, f"cannot be read: {exc.strerror or exc}", "check that the file exists and is readable")


def _read_given(given: str | Path, max_file_bytes: int, max_text_chars: int) -> Iterator[RawDocument | Rejected]:
    label = os.fspath(given)
    path = Path(given)
    if not path.exists():
        yield Rejected(label, "no such file or directory", f"check the path; {SUPPORTED_HINT} files or folders")
        return
    if path.is_dir():
        found = False
        for file in walk_folder(path):
            found = True
            yield from read_file(file, str(file), format_of(file) or "txt", max_file_bytes, max_text_chars)
        if not found:
            yield Rejected(label, "folder holds no readable files", f"{SUPPORTED_HINT}; hidden files are skipped")
        return
    fmt = format_of(path)
    if fmt is None:
        reason = f"unsupported file type '{path.suffix}'" if path.suffix else "file has no extension to tell its type"
        yield Rejected(label, reason, f"{SUPPORTED_HINT}; convert or rename the file")
        return
    yield from read_file(path, label, fmt, max_file_bytes, max_text_chars)


def read_paths(paths: Iterable[str | Path], max_file_bytes: int = 20_000_000,
               max_text_chars: int = 1_000_000) -> Iterator[RawDocument | Rejected]:
    """Files and folders -> RawDocument for each article, Rejected for each bad input; never raises on bad input."""
    for given in paths:
        yield from _read_given(given, max_file_bytes, max_text_chars)
