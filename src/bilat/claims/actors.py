"""Claims about actors: ranks ("the second nation to recognise", "the largest buyer") and
descriptions ("Serbia, a Balkan nation", "the NATO member"). A mixin of the sentence
claim finder in extract.py, which provides ``o`` (the document), ``sent``, ``text``,
``cues`` and ``ents``."""
from __future__ import annotations

from typing import Any, Iterator

from spacy.tokens import Token

from ..records import ClaimSubject
from .found import COUNTRY_LABELS, Found, ordinal_value, tokens_in


class ActorClaims:
    o: Any
    sent: Any
    text: str
    cues: Any
    ents: list

    # ------------------------------------------------------------ ranks
    def ranks(self) -> Iterator[Found]:
        for m in self.cues.rank.finditer(self.text):
            ordinal, superlative = m.group("ord"), m.group("sup") or m.group("sup1")
            value = ordinal_value(ordinal) if ordinal else 1.0
            if value is None:
                continue
            noun_span = tokens_in(self.sent, m.start("noun"), m.end("noun"))
            if noun_span is None:
                continue
            actor = self._rank_actor(noun_span.root, m.start())
            if actor is None:
                continue
            verb_tok = None
            if m.group("verb") or m.group("ing"):
                group = "verb" if m.group("verb") else "ing"
                verb_span = tokens_in(self.sent, m.start(group), m.end(group))
                verb_tok = verb_span.root if verb_span is not None else None
            noun = noun_span.root.lemma_.lower()
            attribute = "rank:" + " ".join(p for p in (superlative and superlative.lower(), noun) if p)
            if verb_tok is not None:
                attribute += " to " + verb_tok.lemma_.lower()
            states = tuple(sorted({actor} | (self._objects_after(m.end()) if verb_tok is not None else set())))
            yield Found("rank", ClaimSubject("actor", self.o.kb.country_name(actor), states), attribute,
                         m.start("ord") if ordinal else m.start("sup1"), m.end(), value=value,
                         qualifier="approximate" if m.group("hedge") else "exact")

    def _rank_actor(self, noun: Token, at: int) -> str | None:
        """The state a rank is about: the subject of the clause it is predicated of, else the
        nearest state named before it."""
        node = noun
        for _ in range(4):
            if node.dep_ in {"attr", "oprd", "dobj", "pobj", "prep", "acomp", "npadvmod", "appos"} and node.head.i != node.i:
                node = node.head
                subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects:
                    code = self._country_in(subjects[0])
                    if code:
                        return code
                continue
            break
        before = [e for e in self.ents if e.label_ in COUNTRY_LABELS and e.end_char - self.sent.start_char <= at]
        return self.o.country_of(before[-1]) if before else None

    def _country_in(self, tok: Token) -> str | None:
        for t in tok.subtree:
            ent = self.o.ent_of(t)
            if ent is not None and ent.label_ in COUNTRY_LABELS:
                return self.o.country_of(ent)
        return None

    def _objects_after(self, offset: int) -> set[str]:
        out = set()
        for ent in self.ents:
            if ent.label_ in COUNTRY_LABELS and ent.start_char - self.sent.start_char >= offset:
                code = self.o.country_of(ent)
                if code:
                    out.add(code)
                break
        return out

    # ------------------------------------------------------------ descriptions
    def descriptions(self) -> Iterator[Found]:
        for tok in self.sent:
            if tok.lemma_.lower() not in self.cues.descriptor_nouns or tok.pos_ != "NOUN" or tok.tag_ != "NN":
                continue
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
            if any(m.tag_ in {"JJS", "CD"} or m.like_num or ordinal_value(m.text)
                   or ((ent := self.o.ent_of(m)) is not None and ent.label_ in COUNTRY_LABELS and self.o.country_of(ent))
                   for m in mods):
                continue            # "the French state" names a state, it does not describe one
            det = [c for c in tok.children if c.dep_ == "det" and c.lower_ in {"a", "an", "the"}]
            if not mods or not det or self.o.ent_of(tok) is not None:
                continue
            actor = self._described(tok, det[0])
            if actor is None:
                continue
            first = min(m.left_edge.i for m in mods)
            words = tok.doc[first:tok.i + 1]
            start, end = words.start_char - self.sent.start_char, words.end_char - self.sent.start_char
            yield Found("description", ClaimSubject("actor", self.o.kb.country_name(actor), (actor,)),
                         "description", start, end, description=words.text)

    def _described(self, noun: Token, det: Token) -> str | None:
        """"Serbia, a Balkan nation" (apposition), "Serbia is a Balkan nation" (predicate),
        "the NATO member" (a definite description of the state named last before it)."""
        if noun.dep_ == "appos":
            return self._country_in(noun.head) if self.o.ent_of(noun.head) is not None else None
        if noun.dep_ == "attr":
            subjects = [c for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            return self._country_in(subjects[0]) if subjects else None
        if det.lower_ == "the" and noun.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            return self.o.antecedent_country(noun.idx, self.sent.start_char)
        return None
