"""Across documents: story clusters, near-duplicates, origins and source independence.

Modules, one concept each:

- ``signatures``: word shingles and MinHash signatures of a document's normalised text.
- ``sentences_embed``: sentence embeddings (MiniLM, int8 ONNX) for candidate documents only.
- ``cluster``: candidate pairs from LSH and blocking, the pair decision, union into clusters.
- ``origins``: which agencies and press offices a document names as its origin.
- ``independence``: how many independent sources a set of documents amounts to.
"""
