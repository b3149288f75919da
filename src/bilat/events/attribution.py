"""Who says it: the source a sentence attributes its report to.

"According to ISPR, ...", "the Defence Ministry reported that ...", "..., Khan
said", "(AFP)"; a quoted paragraph takes the speaker named in its reporting
clause. Unattributed sentences fall back to the outlet.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .lexicon import Lexicon

QUOTE_OPEN = "\"“‘«"


def _entity_text(tok: Token) -> str:
    if tok.ent_iob_ != "O":
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    parts = [t for t in tok.subtree if t.dep_ in {"compound", "amod", "poss"} or t is tok]
    parts = [t for t in parts if t.i <= tok.i]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i)).strip()


def _after_prefix(sent: Span, lex: Lexicon) -> str | None:
    words = [t.lower_ for t in sent]
    for prefix in lex.attribution_prefixes:
        n = len(prefix)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == prefix and i + n < len(sent):
                tok = sent[i + n]
                span_end = i + n
                while span_end < len(sent) and not (sent[span_end].is_punct and sent[span_end].text not in {"-", "–", "'", "’"}):
                    span_end += 1
                phrase = sent[i + n:span_end].text.strip()
                return re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.I) or tok.text
    return None


def _reporting_subject(sent: Span, lex: Lexicon) -> str | None:
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.reporting_verbs:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ in {"PROPN", "NOUN"}:
                    if child.pos_ == "NOUN" and child.lemma_.lower() not in lex.source_nouns and child.ent_type_ == "":
                        continue
                    return _entity_text(child)
    return None


def _agency_tag(sent: Span, lex: Lexicon) -> str | None:
    text = sent.text
    if "(" not in text and "/" not in text:
        return None
    for agency in lex.agencies:
        if f"({agency})" in text or f"/{agency}/" in text:
            return agency
    return None


def attribution_of(sent: Span, lex: Lexicon, quote_speaker: str | None = None) -> str | None:
    """The named source of a sentence, if the sentence (or its quotation) names one."""
    return (_after_prefix(sent, lex) or _reporting_subject(sent, lex) or _agency_tag(sent, lex)
            or (quote_speaker if sent.text.lstrip()[:1] in QUOTE_OPEN or quote_speaker else None))
