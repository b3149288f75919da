"""The bundled demo corpus: short articles written for bilat about real, public events.

Every article is our own wording. The gold annotations that score the pipeline
on them live in ``eval/gold/`` of the source repository.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["corpus_path"]


def corpus_path() -> Path:
    """The folder holding the demo articles (.txt, .md, .html, .jsonl)."""
    return Path(__file__).resolve().parent / "corpus"
