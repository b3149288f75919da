"""Second looks at a trigger's category and an arms transfer's roles, once the
sentence around it is known: a contract for jets is an arms transfer, cooperation
in drone production is defence industry, military assistance is support, and
the state that makes the weapon is its supplier."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import EntityActor, sentence_entities
from ..knowledge import Knowledge
from .lexicon import Lexicon
from .triggers import Trigger


def _is_company(text: str, doc: Doc) -> bool:
    kb = doc.user_data.get("bilat_kb")
    org = kb.organisation(text) if kb is not None else None
    return org is not None and org.kind == "company"


FIELD_CATEGORIES = ("defence_industry", "training", "exercise", "arms_transfer")


def cooperation_field(tok: Token, lex: Lexicon) -> str | None:
    """"cooperation in the production of drones" is defence-industry cooperation."""
    fields = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"in", "on", "for"}
              for g in c.children if g.dep_ == "pobj"]
    for field_noun in fields:
        lemma = field_noun.lemma_.lower()
        for cues in lex.categories:
            if cues.category in FIELD_CATEGORIES and (lemma in cues.nouns or field_noun.lower_ in cues.nouns):
                return cues.category
    return None


def calls_on_to_act(tok: Token) -> bool:
    """"called on Kenya to respect the ruling" is a demand, not a courtesy call."""
    return tok.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children) and any(
        c.dep_ in {"xcomp", "advcl"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children)


def hosts_forces(tok: Token, lex: Lexicon) -> bool:
    """"host Chinese forces", "hosts a Turkish base": the object is troops or a base."""
    return tok.lemma_.lower() in {"host", "receive"} and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in lex.stationed_nouns or c.lower_ in lex.stationed_nouns)
        for c in tok.children)


def finances_a_reported_deal(verb: Token, lex: Lexicon) -> bool:
    """"The purchase would be financed through a loan": how a deal the text already
    reported is paid for, not a new happening."""
    arms_nouns = next(c.nouns for c in lex.categories if c.category == "arms_transfer")
    return any(c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in arms_nouns
               and any(d.dep_ in {"det", "poss"} and d.lower_ in {"the", "this", "that", "its", "their"} for d in c.children)
               for c in verb.children)


def refine_category(trig: Trigger, doc: Doc, lex: Lexicon) -> str:
    """A contract or deal for weapons is an arms transfer (its order stage), not a treaty;
    "assistance in the military realm" is support, not economic or humanitarian aid."""
    tok = doc[trig.token]
    weapons_here = any(t.ent_type_ == "WEAPON" or t.lemma_.lower() in lex.weapon_nouns - {"system", "systems"} for t in tok.sent)
    if trig.category == "aid":
        arms_nouns = next(c.nouns for c in lex.categories if c.category == "arms_transfer")
        paid_for = [c for c in doc[trig.clause].children if c.dep_ in {"nsubjpass", "dobj"}]
        if weapons_here or any(c.lemma_.lower() in arms_nouns - {"supply", "supplies"} for c in paid_for):
            return "arms_transfer"           # "the order is financed through a loan", "the purchase would be financed"
        own = [t for c in doc[trig.clause].children if c.dep_ not in {"conj", "cc"} for t in c.subtree]
        military = any(t.lower_ in {"militarily", "defence", "defense", "armed"} or t.lower_ == "military"
                       and t.head.lemma_.lower() in {"assistance", "aid", "help", "support", "realm", "sphere"} for t in own)
        return "support" if military else "aid"
    if trig.category == "meeting" and calls_on_to_act(tok):
        return "criticism"                   # "called on Kenya to respect international law": a demand
    if trig.category == "meeting" and hosts_forces(tok, lex):
        return "other_cooperation"           # "will not host Chinese forces": stationing, not a meeting
    if trig.category == "other_cooperation" and tok.lemma_.lower() == "flight" and any(
            t.lemma_.lower() in lex.weapon_nouns or t.ent_type_ == "WEAPON" for t in tok.sent):
        return "exercise"                    # "the fourth joint flight of the two air forces' bombers": a patrol
    if trig.category == "other_cooperation" and tok.pos_ == "NOUN":
        return cooperation_field(tok, lex) or trig.category
    if trig.category != "agreement":
        return trig.category
    arms_words = next(c.nouns for c in lex.categories if c.category == "arms_transfer") - {"contract", "contracts", "deal", "deals", "trade"}
    obj = [t for t in (tok.subtree if tok.pos_ != "VERB" else (t for c in tok.children if c.dep_ in {"dobj", "prep", "nsubjpass"} for t in c.subtree))]
    if any(t.lemma_.lower() in arms_words or t.lower_ in arms_words for t in obj):
        return "arms_transfer"               # "agreed on the purchase", "a contract for the sale of"
    industrial = any(t.lower_ in {"production", "co-production", "manufacturing", "development"} for t in obj)
    cooperation_in_arms = any(t.lower_ == "cooperation" and any(
        g.ent_type_ == "WEAPON" or g.lemma_.lower() in lex.weapon_nouns
        for c in t.children if c.dep_ == "prep" for g in c.subtree) for t in obj)
    if (industrial and weapons_here) or cooperation_in_arms:
        return "defence_industry"            # "a memorandum on cooperation in submarines"
    company = any(e.label_ == "ORG" and _is_company(e.text, doc) for e in sentence_entities(tok.sent))
    if company:
        return "arms_transfer"               # "framework agreements with Hyundai Rotem"
    scope = list(tok.sent)
    weapons = any(t.ent_type_ == "WEAPON" or t.lemma_.lower() in lex.weapon_nouns - {"system", "systems"} for t in scope)
    return "arms_transfer" if weapons else trig.category


def makers_of(scope: list[Span], kb: Knowledge, lex: Lexicon | None = None) -> set[str]:
    """States that make the weapons in scope: a catalogued system's maker, or (given the
    lexicon) a state named on the weapon itself ("South Korean tanks", "Russian arms")."""
    makers: set[str] = set()
    for ent in scope:
        if ent.label_ == "WEAPON":
            weapon = kb.weapon(ent.ent_id_ or ent.text) or kb.weapon(ent.text)
            if weapon and weapon.makers:
                makers.add(weapon.makers[0])
        elif lex is not None and ent.label_ in {"NORP", "GPE"} and ent.root.dep_ in {"amod", "compound"}:
            head = ent.root.head
            if head.ent_type_ == "WEAPON" or head.lemma_.lower() in lex.weapon_nouns - {"system", "systems"}:
                code = kb.resolve_country(ent.ent_id_ or ent.text) or kb.resolve_country(ent.text)
                if code:
                    makers.add(code)
    return makers


def maker_roles(actors: list[tuple[str, EntityActor]], makers: set[str]) -> list[tuple[str, EntityActor]]:
    """In an arms transfer the state that makes the weapon is the supplier, the others receive."""
    if not makers:
        return actors
    return [("source" if a.country in makers else "target", a) for _, a in actors]


def refined(triggers: list[Trigger], doc: Doc, lex: Lexicon) -> list[Trigger]:
    """Triggers with refined categories, still one per category unless separately subjected."""
    out: list[Trigger] = []
    replaced: set[int] = set()     # triggers that only state the terms of a signing kept instead
    for trig in triggers:
        if trig.token in replaced:
            continue
        if trig.category == "aid" and finances_a_reported_deal(doc[trig.clause], lex):
            continue                          # "the purchase would be financed through a loan": a detail of it
        category = refine_category(trig, doc, lex)
        if category != trig.category:
            same = [t for t in triggers if t.category == category]
            if same and not all(_states_the_terms_of(doc[t.token], doc[trig.token]) for t in same):
                continue
            replaced.update(t.token for t in same)
            out = [t for t in out if t.token not in replaced]
            trig = Trigger(trig.token, trig.clause, category, trig.kind, trig.reference, trig.definite)
        out.append(trig)
    return out


def _states_the_terms_of(inner: Token, signing: Token) -> bool:
    """"signed a contract under which Egypt will acquire 24 jets": the verb inside the object
    of a signing ("acquire") states what the signed contract provides; the signing is the
    happening, and its wording ("will acquire") says nothing of whether it happened."""
    if signing.pos_ != "VERB" or inner.i == signing.i:
        return False
    objects = [c for c in signing.children if c.dep_ == "dobj"]
    return any(inner.i != o.i and any(a.i == o.i for a in inner.ancestors) for o in objects)
