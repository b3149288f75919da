"""One exception tree. Messages name the input, the reason and the next step."""
from __future__ import annotations


class BilatError(Exception):
    """Base of every error bilat raises on purpose."""


class KnowledgeError(BilatError):
    """A knowledge file is missing, malformed or fails its schema."""


class InputError(BilatError):
    """An input path cannot be read at all (single files are rejected, not raised)."""


class StoreError(BilatError):
    """The DuckDB store cannot be opened or written."""


class ExportError(BilatError):
    """An export format or destination is not usable."""
