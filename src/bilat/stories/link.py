"""Linking new documents into story clusters, incrementally.

After an ingest, every document without a signature is linked:

1. its MinHash signature, LSH band keys and blocking keys (pairs of states its
   events involve) are stored, and its origins detected;
2. candidates are the stored documents that share a band key (LSH) or a
   blocking key within the publication window (never all pairs);
3. each candidate pair is decided by MinHash (near copy) or, failing that and
   if the two share enough names and numbers, by sentence alignment over
   MiniLM vectors, computed only for documents of such pairs and stored for
   the next run;
4. links are stored and the clusters they touch are recomputed.

Work per run is proportional to the new documents and their candidates. Every
pair with a new document is decided the same way whenever it is met, so
ingesting A then B gives the clusters that ingesting A and B together gives
(exactly, as long as no document has more than ``MAX_BLOCK_PARTNERS`` blocking
partners in its window; past that cap the closest in date are kept).
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from itertools import combinations
from typing import Callable, Iterable, Sequence

import numpy as np

from ..knowledge import Knowledge
from ..store import LinkingDocument, OriginRow, Store, StoryLink
from .cluster import (
    DUPLICATE, MAX_BLOCK_PARTNERS, STORY, WINDOW_DAYS, align, assign_clusters, is_near_copy, ordered,
    tells_same_story, worth_aligning,
)
from .embed import DIMENSIONS, SentenceEncoder, alignment_sentences, sentence_encoder
from .origins import detect_origins, url_origins
from .signatures import Signature, overlap, salient_terms, signature

Encoder = Callable[[], SentenceEncoder]
CHUNK = 512             # documents linked per round
MAX_BLOCK_STATES = 6     # a round-up naming many states is blocked on its first six (by code)


@dataclass(frozen=True)
class LinkSummary:
    documents_linked: int
    pairs_compared: int
    pairs_embedded: int
    links_added: int
    documents_reclustered: int


def blocking_keys(states: Iterable[str]) -> list[str]:
    """'AZE|PAK' for each pair of the states a document's events involve."""
    codes = sorted(set(states))[:MAX_BLOCK_STATES]
    return [f"{a}|{b}" for a, b in combinations(codes, 2)]


def _store_signatures(store: Store, docs: Sequence[LinkingDocument]) -> None:
    signatures = {d.doc_id: signature(d.text) for d in docs}
    states = store.document_countries(signatures)
    store.add_signatures(
        [(doc_id, sig.to_bytes(), sig.n_shingles, sig.band_keys()) for doc_id, sig in signatures.items()],
        [(key, doc_id) for doc_id in signatures for key in blocking_keys(states.get(doc_id, ()))],
    )


def _store_origins(store: Store, docs: Sequence[LinkingDocument], kb: Knowledge) -> None:
    rows = {(d.doc_id, o.key): OriginRow(d.doc_id, o.key, o.name, o.evidence) for d in docs
            for o in (*url_origins(d.url, kb), *detect_origins(d.text, kb))}   # the text's evidence wins
    store.add_document_origins(list(rows.values()))


def candidate_pairs(store: Store, doc_ids: Sequence[str]) -> set[tuple[str, str]]:
    """Unordered pairs (a < b) with at least one new document: LSH collisions and blocking."""
    pairs = store.band_partners(doc_ids) | store.block_partners(doc_ids, WINDOW_DAYS, MAX_BLOCK_PARTNERS)
    return {ordered(a, b) for a, b in pairs}


def _vectors(store: Store, doc_ids: set[str], encoder: Encoder) -> dict[str, np.ndarray]:
    """Sentence vectors of the documents, embedding (and storing) those not embedded before."""
    stored = store.sentence_vectors(doc_ids)
    out = {d: np.frombuffer(blob, dtype=np.float16).reshape(n, DIMENSIONS).astype(np.float32)
           for d, (n, blob) in stored.items()}
    missing = store.linking_documents(doc_ids - set(stored))
    if missing:
        enc = encoder()
        rows = []
        for doc in missing:
            vectors = enc.encode(alignment_sentences(doc.text))
            out[doc.doc_id] = vectors
            rows.append((doc.doc_id, len(vectors), vectors.astype(np.float16).tobytes()))
        store.add_sentence_vectors(rows)
    return out


def decide_pairs(store: Store, pairs: set[tuple[str, str]], encoder: Encoder) -> tuple[list[StoryLink], int]:
    """Links among the candidate pairs, and how many pairs needed sentence vectors."""
    docs = {d for pair in pairs for d in pair}
    signatures = {d: Signature.from_bytes(blob, n) for d, (blob, n) in store.signatures(docs).items()}
    links: list[StoryLink] = []
    undecided: list[tuple[str, str]] = []
    for a, b in sorted(pairs):
        jaccard = signatures[a].jaccard(signatures[b])
        if is_near_copy(jaccard):
            links.append(StoryLink(a, b, DUPLICATE, jaccard))
        else:
            undecided.append((a, b))
    if undecided:
        salient = {d.doc_id: salient_terms(d.text)
                   for d in store.linking_documents({d for pair in undecided for d in pair})}
        undecided = [(a, b) for a, b in undecided if worth_aligning(overlap(salient[a], salient[b]))]
    if undecided:
        vectors = _vectors(store, {d for pair in undecided for d in pair}, encoder)
        for a, b in undecided:
            alignment = align(vectors[a], vectors[b])
            if tells_same_story(alignment):
                links.append(StoryLink(a, b, STORY, round(alignment.share, 4)))
    return links, len(undecided)


def recluster(store: Store, touched: Iterable[str]) -> int:
    """Recompute clusters and duplicates over the clusters of ``touched``; return rows examined."""
    members = store.cluster_members(touched)
    links = store.story_links_among(members)
    published = {d: start for d, (start, _) in members.items()}
    store.set_clusters(assign_clusters(members, links, published))
    return len(members)


def link_new_documents(store: Store, kb: Knowledge, encoder: Encoder = sentence_encoder) -> LinkSummary:
    """Link every stored document that has not been linked yet (see the module docstring),
    ``CHUNK`` documents at a time so that memory stays bounded on a first large ingest.

    A chunk meets the documents of earlier chunks through their stored band and
    blocking keys, and later chunks meet it the same way, so chunking changes nothing.
    """
    total = LinkSummary(0, 0, 0, 0, 0)
    while docs := store.unlinked_documents(CHUNK):
        done = _link_chunk(store, kb, encoder, docs)
        total = LinkSummary(*(a + b for a, b in zip(astuple(total), astuple(done))))
    return total


def _link_chunk(store: Store, kb: Knowledge, encoder: Encoder, docs: Sequence[LinkingDocument]) -> LinkSummary:
    _store_signatures(store, docs)
    _store_origins(store, docs, kb)
    new_ids = [d.doc_id for d in docs]
    pairs = candidate_pairs(store, new_ids)
    links, embedded = decide_pairs(store, pairs, encoder)
    store.add_story_links(links)
    touched = {d for link in links for d in (link.doc_a, link.doc_b)}
    reclustered = recluster(store, touched) if touched else 0
    return LinkSummary(len(docs), len(pairs), embedded, len(links), reclustered)
