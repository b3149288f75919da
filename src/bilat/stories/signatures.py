"""MinHash signatures of documents and their LSH band keys.

A document's signature is the MinHash (datasketch) of the word shingles of its
normalised text: lower-cased words, punctuation and markup dropped, so a copy
that differs only in header, whitespace or quotes has nearly the same
signature. Signatures are stored (``NUM_PERM`` unsigned 64-bit values, 1 KiB a
document) together with one key per LSH band; a new document meets the stored
ones through equal band keys, never through all pairs.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SEED = 1
SCHEME = "legacy"          # pinned so that stored signatures stay comparable across datasketch releases
SHINGLE_WORDS = 3
#: 32 bands of 4 rows: two texts whose shingle sets have Jaccard similarity J
#: share a band with probability 1 - (1 - J**4)**32: 0.23 at J = 0.3, 0.87 at
#: 0.5, 0.98 at 0.6. Near copies (J >= 0.6) are found almost surely; partial
#: reuse often; rewrites rely on the blocking keys instead.
BANDS = 32
ROWS = NUM_PERM // BANDS

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)


def normalised_words(text: str) -> list[str]:
    """Lower-cased words of ``text``; punctuation, quotes and markup are dropped."""
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.lower())]


def word_shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The distinct runs of ``k`` consecutive normalised words (the whole text if shorter)."""
    words = normalised_words(text)
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


@dataclass(frozen=True)
class Signature:
    """A document's MinHash values and how many shingles they summarise."""

    hashvalues: np.ndarray      # NUM_PERM uint64
    n_shingles: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, n_shingles: int) -> "Signature":
        return cls(np.frombuffer(blob, dtype="<u8").astype(np.uint64), n_shingles)

    def jaccard(self, other: "Signature") -> float:
        """Estimated Jaccard similarity of the two shingle sets (0 when either text is empty)."""
        if not self.n_shingles or not other.n_shingles:
            return 0.0
        return float(np.mean(self.hashvalues == other.hashvalues))

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per LSH band (equal keys: the band's rows are all equal)."""
        raw = self.hashvalues.astype("<u8")
        keys = []
        for band in range(BANDS):
            digest = hashlib.blake2b(raw[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys


_SALIENT = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d,.]*)\b")


def salient_terms(text: str) -> frozenset[str]:
    """Capitalised words and numbers, lower-cased: the names, places, systems and figures a
    rewrite keeps even when it swaps every common word."""
    return frozenset(t.lower() for t in _SALIENT.findall(text))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / min(|a|, |b|) (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``'s word shingles."""
    shingles = word_shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch(s.encode("utf-8") for s in sorted(shingles))
    return Signature(np.asarray(mh.hashvalues, dtype=np.uint64), len(shingles))
