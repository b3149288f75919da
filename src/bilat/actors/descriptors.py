"""States named only by a descriptive noun phrase: "the kingdom", "the Gulf state",
"the landlocked Central Asian republic", "the island nation".

The nouns and modifiers, and the states each can describe, live in
``data/state_descriptors.yaml``. A definite phrase resolves to the state the document
is about when exactly one of its focus states fits, else to the state most recently
named before it that fits; several states that fit equally (both focus states, two
named in the same sentence) or none give nothing. A descriptor only one state fits
("the Himalayan kingdom") is that state. Indefinite phrases ("a kingdom"),
plurals ("the Gulf states") and names ("the Kingdom of Bahrain") are not descriptors.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..datafiles import read_validated_mapping
from .resolve import DocContext, EntityActor

DEFINITE = frozenset({"the", "this"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
NAME_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})


@dataclass(frozen=True)
class Descriptor:
    """One head noun or modifier and the states it fits (None: any state)."""

    phrase: tuple[str, ...]
    states: frozenset[str] | None
    needs_modifier: bool = False


@dataclass(frozen=True)
class DescriptorLexicon:
    heads: tuple[Descriptor, ...]        # longest phrase first
    modifiers: tuple[Descriptor, ...]    # longest phrase first


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.replace("-", " - ").split())


def _descriptor(entry: dict, sets: dict[str, list[str]]) -> Descriptor:
    codes = sets[entry["set"]] if "set" in entry else entry["states"]
    return Descriptor(_phrase_words(entry["phrase"]), None if codes is None else frozenset(codes),
                      bool(entry.get("needs_modifier", False)))


@lru_cache(maxsize=1)
def descriptor_lexicon() -> DescriptorLexicon:
    """The descriptors of ``data/state_descriptors.yaml`` (validated against its schema)."""
    data = read_validated_mapping("state_descriptors.yaml")
    sets = data["sets"]

    def ordered(entries: list[dict]) -> tuple[Descriptor, ...]:
        return tuple(sorted((_descriptor(e, sets) for e in entries), key=lambda d: -len(d.phrase)))

    return DescriptorLexicon(ordered(data["heads"]), ordered(data["modifiers"]))


@lru_cache(maxsize=1)
def modifier_words() -> frozenset[str]:
    """Every word of every modifier phrase ("gulf", "central", "asian", ...)."""
    return frozenset(w for m in descriptor_lexicon().modifiers for w in m.phrase)


@lru_cache(maxsize=1)
def descriptor_words() -> frozenset[str]:
    """Every word of every head or modifier phrase."""
    return modifier_words() | frozenset(w for h in descriptor_lexicon().heads for w in h.phrase)


def _match_suffix(words: list[str], entries: tuple[Descriptor, ...]) -> Descriptor | None:
    for entry in entries:
        n = len(entry.phrase)
        if n <= len(words) and tuple(words[-n:]) == entry.phrase:
            return entry
    return None


def descriptor_states(words: list[str], lexicon: DescriptorLexicon | None = None) -> frozenset[str] | None:
    """The states a lower-cased phrase without its article can describe ("gulf state" ->
    the six Gulf monarchies); None when the phrase is no state descriptor."""
    lex = lexicon or descriptor_lexicon()
    head = _match_suffix(words, lex.heads)
    if head is None:
        return None
    states = head.states
    rest = words[:-len(head.phrase)]
    narrowed = False
    while rest:
        modifier = _match_suffix(rest, lex.modifiers)
        if modifier is None:
            rest = rest[:-1]               # "the oil-rich kingdom": a word that does not narrow
            continue
        narrowed = True
        if modifier.states is not None:
            states = modifier.states if states is None else states & modifier.states
        rest = rest[:-len(modifier.phrase)]
    if head.needs_modifier and not narrowed:
        return None
    return frozenset() if states is None else states


def _phrase_tokens(head: Token) -> list[Token] | None:
    """The tokens from a definite article to the head noun, or None when the head has none."""
    left = [t for t in head.lefts]
    dets = [t for t in left if t.dep_ == "det"]
    if not dets or dets[0].lower_ not in DEFINITE:
        return None
    return list(head.doc[dets[0].i:head.i + 1])


def _is_name(head: Token, tokens: list[Token]) -> bool:
    """"the Kingdom of Saudi Arabia", "the Saudi kingdom": the words name the state already."""
    if head.ent_type_ in NAME_LABELS and not _entity_only_descriptor_words(head):
        return True             # "the United Kingdom", "the Czech Republic"
    words = descriptor_words()
    if any(t.ent_type_ in NAME_LABELS and t.lower_ not in words for t in tokens[1:-1]):
        return True             # "Gulf" or "Central Asian" tagged as a place or group is still a modifier
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.ent_type_ in NAME_LABELS or g.pos_ == "PROPN"
                                                             for g in c.children)
               for c in head.children)


def _entity_only_descriptor_words(head: Token) -> bool:
    """The entity around the head has no capitalised word beyond descriptor words ("the Kingdom",
    "the Gulf state", a mis-tagged "the kingdom for months"; not "the United Kingdom")."""
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    if ent is None:
        return True
    words = descriptor_words()
    return not any(t.text[:1].isupper() and t.lower_ not in words and not t.is_stop for t in ent)


def described_states(head: Token) -> frozenset[str] | None:
    """The states a definite descriptor headed by this noun can describe, or None when the
    noun heads no descriptor (indefinite, plural, part of a name)."""
    if head.pos_ not in {"NOUN", "PROPN"} or head.tag_ in PLURAL_TAGS:
        return None
    tokens = _phrase_tokens(head)
    if tokens is None or _is_name(head, tokens):
        return None
    words = [t.lower_ for t in tokens[1:]]
    states = descriptor_states(words)
    return states or None


def _fitting_focus(states: frozenset[str], ctx: DocContext) -> list[str]:
    return [c for c in ctx.focus if c in states]


def _latest_named(states: frozenset[str], ctx: DocContext, before: int) -> set[str]:
    """The fitting states named in the last sentence before token ``before`` that named any."""
    latest: int | None = None
    found: set[str] = set()
    for sent_start, start, code in reversed(ctx.named_states):
        if start >= before or code not in states:
            continue
        if latest is None:
            latest = sent_start
        if sent_start != latest:
            break
        found.add(code)
    return found


def descriptor_state(head: Token, ctx: DocContext) -> str | None:
    """The one state a definite descriptor refers to, or None when none or several fit."""
    states = described_states(head)
    if not states:
        return None
    if len(states) == 1:
        return next(iter(states))        # "the Himalayan kingdom", "the Jewish state": one state fits at all
    focus = _fitting_focus(states, ctx)
    if len(focus) == 1:
        return focus[0]
    if len(focus) > 1:
        return None
    named = _latest_named(states, ctx, head.i)
    return next(iter(named)) if len(named) == 1 else None


def descriptor_actor(tok: Token, ctx: DocContext) -> EntityActor | None:
    """"... is expected in the kingdom next week": the state the descriptor refers to, as an
    inferred country actor spanning the head noun."""
    code = descriptor_state(tok, ctx)
    if code is None:
        return None
    return EntityActor(tok.i, tok.i + 1, tok.text, "country", ctx.kb.country_name(code), code, inferred=True)
