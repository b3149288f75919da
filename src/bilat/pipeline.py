"""The data flow of the spec, one stage a line:

    paths -> read -> clean -> date the document -> analyse -> extract events and claims -> DocumentResult

Every stage is a plain function over records and can be called alone. The
store is not touched here: callers (bilat.api, the eval, the benchmarks)
decide what to do with the results.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence
from urllib.parse import urlparse

from .claims.extract import extract_claims
from .clean import clean_document
from .config import Settings
from .events.extract import count_sentences, extract_events
from .events.lexicon import load_lexicon
from .ingest import read_paths
from .knowledge import Knowledge, load_knowledge
from .nlp import analyse, load_nlp
from .records import Document, DocumentResult, Rejected
from .temporal.pubdate import infer_publication

Progress = Callable[[int, "int | None"], None]


def outlet_from_url(url: str | None) -> str | None:
    """"https://www.example-news.com/a/b" -> "example-news.com" (the outlet when none is named)."""
    host = urlparse(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def date_document(doc: Document, kb: Knowledge | None = None) -> Document:
    """Publication date from metadata, the URL and the text (office holders' tenures
    from ``kb`` when given); the outlet from the URL when the metadata names none."""
    return replace(doc, published=infer_publication(doc.text, doc.url, doc.published, kb),
                   outlet=doc.outlet or outlet_from_url(doc.url))


def cleaned_documents(paths: Iterable[str | Path], settings: Settings,
                      kb: Knowledge | None = None) -> Iterator[Document | Rejected]:
    for raw in read_paths(paths, settings.max_file_bytes, settings.max_text_chars):
        if isinstance(raw, Rejected):
            yield raw
            continue
        doc = clean_document(raw)
        yield doc if isinstance(doc, Rejected) else date_document(doc, kb)


def document_result(document: Document, sdoc: Any, kb: Knowledge, fallback: bool = False) -> DocumentResult:
    lexicon = load_lexicon()
    events = extract_events(document, sdoc, kb, lexicon, fallback=fallback)
    claims = extract_claims(document, sdoc, kb, lexicon)
    return DocumentResult(document=document, n_sentences=count_sentences(sdoc), events=tuple(events),
                          claims=tuple(claims))


def process(paths: Sequence[str | Path], settings: Settings, *, kb: Knowledge | None = None, nlp: Any = None,
            skip: Callable[[str], bool] | None = None, on_progress: Progress | None = None,
            ) -> Iterator[DocumentResult | Rejected]:
    """Read, clean, date, analyse and extract every document under ``paths``.

    Yields a ``DocumentResult`` per new document and a ``Rejected`` per input
    that could not be used. ``skip(doc_id)`` lets a caller pass over documents
    it already has (they are neither analysed nor yielded).
    """
    kb = kb or load_knowledge(settings.kb_files)
    done = 0
    pending: list[Document] = []
    seen: set[str] = set()

    def flush() -> Iterator[DocumentResult]:
        nonlocal nlp, done
        if not pending:
            return
        if nlp is None:
            nlp = load_nlp(kb, settings.model)
        for sdoc, document in analyse(nlp, ((d.text, d) for d in list(pending)), settings.batch_size):
            done += 1
            if on_progress:
                on_progress(done, None)
            yield document_result(document, sdoc, kb, settings.fallback)
        pending.clear()

    for item in cleaned_documents(paths, settings, kb):
        if isinstance(item, Rejected):
            yield item
            continue
        if item.doc_id in seen or (skip is not None and skip(item.doc_id)):
            done += 1
            if on_progress:
                on_progress(done, None)
            continue
        seen.add(item.doc_id)
        pending.append(item)
        if len(pending) >= settings.batch_size * 4:
            yield from flush()
    yield from flush()
