"""Sentences as the pipeline sees them: spaCy's sentences, also cut at line breaks
(titles, list items and paragraphs never run into each other)."""
from __future__ import annotations

from spacy.tokens import Doc, Span


def sentences_of(doc: Doc) -> list[Span]:
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.i > start and "\n" in doc[tok.i - 1].whitespace_ + (doc[tok.i - 1].text if doc[tok.i - 1].is_space else ""):
                out.append(doc[start:tok.i])
                start = tok.i
        out.append(doc[start:sent.end])
    return [s for s in (_trim(span) for span in out) if s is not None]


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end - start == 0 or all(t.is_punct for t in doc[start:end]):
        return None
    return doc[start:end]
