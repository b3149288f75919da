"""The items of one event: weapon systems (with the count before them), named exercises,
agreements named in quotes or by their capitalised words, equipment the catalogue lacks
("four patrol boats") and the money the sentence states. Plain data in, plain data out:
spaCy spans in, ``Item`` records out."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..knowledge import Knowledge
from ..records import Item
from .lexicon import Lexicon
from .triggers import Trigger

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90, "hundred": 100, "dozen": 12, "two dozen": 24})
QUOTED = re.compile(r"[“\"]([^”\"]{3,80})[”\"]")


def _to_number(tok: Token) -> float | None:
    text = tok.lower_.replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _quantity_before(ent: Span) -> float | None:
    doc = ent.doc
    for tok in reversed(doc[max(ent.sent.start, ent.start - 3):ent.start]):
        if tok.like_num or tok.lower_ in NUMBER_WORDS:
            return _to_number(tok)
        if tok.pos_ not in {"ADJ", "PROPN", "NOUN", "DET"}:
            break
    return None


def _counted_equipment(sent: Span, trigger: Trigger, lex: Lexicon) -> list[Item]:
    """"delivered four patrol boats": equipment the catalogue does not name, kept with its
    count and the words before it ("patrol boats"), when the transfer names no system."""
    generic = {"system", "systems", "equipment", "hardware", "weapon", "weapons", "arm", "arms", "platform", "platforms"}
    out = []
    for tok in sent.doc[trigger.clause].subtree:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.weapon_nouns - generic or tok.ent_type_:
            continue
        count = next((_to_number(c) for c in tok.children if c.dep_ == "nummod"), None)
        if count is None:
            continue
        words = [t.text for t in tok.children if t.dep_ == "compound" and t.i < tok.i] + [tok.text]
        out.append(Item("equipment", " ".join(words), count))
    return out


def items_of(scope: list[Span], sent: Span, trigger: Trigger, kb: Knowledge, lex: Lexicon) -> list[Item]:
    """The items the event's scope names (see the module's docstring), each once."""
    items: list[Item] = []
    money = [e.text for e in scope if e.label_ == "MONEY"]
    for ent in scope:
        if ent.label_ == "WEAPON":
            weapon = kb.weapon(ent.ent_id_ or ent.text) or kb.weapon(ent.text)
            items.append(Item("weapon_system", weapon.name if weapon else ent.text, _quantity_before(ent)))
        elif ent.label_ == "EXERCISE":
            items.append(Item("exercise", ent.text.strip("“”\"")))
    if trigger.category == "arms_transfer" and not any(it.kind in {"weapon_system", "equipment"} for it in items):
        items += _counted_equipment(sent, trigger, lex)
    if trigger.category == "agreement":
        named = QUOTED.search(sent.text)
        trig = sent.doc[trigger.token]
        if named:
            items.append(Item("agreement", named.group(1).strip()))
        elif trig.pos_ in {"NOUN", "PROPN"}:
            words = [t for t in trig.subtree if t.i <= trig.i and t.dep_ in {"compound", "amod"} and t.text[:1].isupper()]
            if words:
                items.append(Item("agreement", " ".join(t.text for t in words) + " " + trig.text))
    if money:
        if items:
            first = items[0]
            items[0] = Item(first.kind, first.name, first.quantity, money[0])
        elif trigger.category in {"arms_transfer", "aid", "agreement", "defence_industry"}:
            items.append(Item("other", sent.doc[trigger.token].text, None, money[0]))
    seen, unique = set(), []
    for it in items:
        if (it.kind, it.name) not in seen:
            seen.add((it.kind, it.name))
            unique.append(it)
    return unique
