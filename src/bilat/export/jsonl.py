"""JSON Lines: one export record per line, UTF-8, keys in schema order."""
from __future__ import annotations

import json
from typing import Any, Iterable, TextIO


def record_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(records: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """Write each record as one line; return how many were written."""
    n = 0
    for record in records:
        stream.write(record_line(record))
        n += 1
    return n
