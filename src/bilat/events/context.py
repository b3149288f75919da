"""Cue words out of context: tests that drop a trigger the words found but the sentence
does not report as a happening between states ("the philanthropist supported", "accusing
it of supporting terrorism", "welcomed the ruling", "ordered the ambassadors home", "early
warning and control systems"). Each takes one trigger and its sentence; word lists live in
data/categories.yaml."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .lexicon import Lexicon

if TYPE_CHECKING:
    from .triggers import Trigger


def out_of_context(t: "Trigger", sent: Span, lex: Lexicon) -> bool:
    """True when the trigger's words do not report a happening between states here."""
    return (_private_doer(t, sent, lex)
            or _shared_stance(t, sent)
            or _sent_to_fight(t, sent, lex)
            or _charged_content(t, sent, lex)
            or _stance_on_a_ruling(t, sent, lex)
            or _receives_a_thing(t, sent, lex)
            or _denial_of_a_claim(t, sent, lex)
            or _envoys_as_goods(t, sent, lex)
            or _demand_without_object(t, sent)
            or (t.category == "meeting" and for_consultations(sent.doc[t.token]))
            or (t.category == "visit" and _no_visitor(t, sent, lex))
            or _in_a_list_of_equipment(t, sent, lex))


def is_court_ruling(tok: Token, lex: Lexicon) -> bool:
    """"The International Court of Justice ruled that ...": a court's or tribunal's decision
    ("ruled out" is not one)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.court_verbs or any(c.dep_ == "prt" for c in tok.children):
        return False
    return any(c.dep_ == "nsubj" and {t.lower_ for t in c.subtree} & lex.court_nouns for c in tok.children)


def subjects_above(node: Token, through: frozenset[str], steps: int) -> list[Token]:
    """The subjects of ``node``'s clause or, when it has none, of the nearest clause above it
    reached through ``through`` dependencies (at most ``steps`` climbs)."""
    for _ in range(steps + 1):
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects or node.dep_ not in through or node.head.i == node.i:
            return subjects
        node = node.head
    return []


SHARED_SUBJECT = frozenset({"conj", "xcomp", "advcl"})


def _envoys_as_goods(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"ordered the ambassadors home", "sent envoys": people, not an arms order or aid."""
    verb = sent.doc[trig.token]
    return trig.category in {"arms_transfer", "aid"} and verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.envoy_nouns for c in verb.children)


def _in_a_list_of_equipment(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"..., unmanned aerial vehicles, airborne early warning and control systems": a noun in
    a list of weapons is part of an equipment name, not a warning or any other happening."""
    tok = sent.doc[trig.token]
    if tok.pos_ != "NOUN" or trig.category in {"arms_transfer", "defence_industry"}:
        return False
    node = tok
    for _ in range(4):
        if node.dep_ != "conj":
            return False
        node = node.head
        if node.ent_type_ == "WEAPON" or node.lemma_.lower() in lex.weapon_nouns:
            return True
    return False


def _no_visitor(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"The crews now in Dorset arrived", "migrants arrived in Manaus": troops, trainees or
    migrants arriving are no official visit."""
    verb = sent.doc[trig.clause]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and all(s.lemma_.lower() in lex.non_visitors or s.lower_ in lex.non_visitors for s in subjects)


def for_consultations(tok: Token) -> bool:
    """"recalled for consultations": the diplomatic formula of a recall, not talks."""
    return tok.lemma_.lower() == "consultation" and tok.dep_ == "pobj" and tok.head.lower_ == "for"


def _demand_without_object(trig: Trigger, sent: Span) -> bool:
    """"the training had been demanding": an adjective, not a demand."""
    tok = sent.doc[trig.token]
    return trig.category == "criticism" and tok.lemma_.lower() == "demand" and tok.pos_ == "VERB" and not any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "prep", "nsubjpass"} for c in tok.children)


def _sent_to_fight(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"Thailand sent F-16 jets to strike Cambodian targets": weapons sent into battle are
    fighting, not a transfer (nor aid)."""
    if trig.category not in {"arms_transfer", "aid"}:
        return False
    verb = sent.doc[trig.clause]
    fighting = next(c for c in lex.categories if c.category == "armed_conflict").verbs
    return any(c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in fighting
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)   # a purpose, not "after ... struck"
               for c in verb.children)


def _receives_a_thing(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"He will receive the Peace Prize", "Egypt hosted the exhibition": a thing received or
    hosted is no meeting; a person, a delegation, a state or talks are."""
    tok = sent.doc[trig.token]
    if trig.category != "meeting" or tok.lemma_.lower() not in {"receive", "host"}:
        return False
    meeting_nouns = next(c.nouns for c in lex.categories if c.category == "meeting")
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if tok.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in tok.children):
        objects.append(tok.head)           # "the biggest order the Rafale has ever received"
    return bool(objects) and not any(
        o.ent_type_ in {"PERSON", "TITLE", "GPE", "NORP", "ORG", "RANK"} or o.pos_ == "PRON"
        or o.lemma_.lower() in lex.traveller_nouns | meeting_nouns | lex.party_nouns | lex.stationed_nouns for o in objects)


def _stance_on_a_ruling(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"Piñera welcomed the ruling", "hailed the court's decision", "welcomed the aircraft",
    "reaffirmed that democracy ...": a view of a judgment, a thing or a principle, not
    support for a state."""
    if trig.category != "support":
        return False
    verb = sent.doc[trig.clause]
    if verb.lemma_.lower() in {"reaffirm", "reiterate"} and any(c.dep_ == "ccomp" for c in verb.children) \
            and not any(c.dep_ == "dobj" for c in verb.children):
        return True                       # "reaffirmed that democracy is the foundation of ..."
    things = lex.ruling_nouns | lex.weapon_nouns
    return any(c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in things or c.lower_ in things
                                                    or c.ent_type_ == "WEAPON") and not _a_states_own(c)
               for c in verb.children)


STATE_ENTITIES = frozenset({"GPE", "NORP"})


def _a_states_own(noun: Token) -> bool:
    """"welcomed Nauru's decision", "welcomed the decision by Madrid": a state's own decision
    or announcement, whose welcome is support for that state (a court's ruling is not)."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [g for p in noun.children if p.dep_ == "prep" and p.lower_ in {"by", "of", "from"}
               for g in p.children if g.dep_ == "pobj"]
    return any(o.ent_type_ in STATE_ENTITIES for o in owners)


def _denial_of_a_claim(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"Ankara rejected reports that it had sold drones": a denial, whose content is the
    (negated) event, not criticism of anyone."""
    verb = sent.doc[trig.token]
    return trig.category == "criticism" and verb.lemma_.lower() in lex.denying_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.claim_nouns for c in verb.children)


def _charged_content(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"accusing it of supporting terrorism", "accuse Rwanda of arming the rebels and of
    sending soldiers to fight", "allegations that it sold drones": what a state is accused
    of is the content of the criticism, not a happening the text reports."""
    if trig.category == "criticism":
        return False
    node = sent.doc[trig.clause]
    for _ in range(5):
        if node.dep_ in {"pcomp", "pobj"} and node.head.lower_ in {"of", "for", "with"}:
            holder = node.head.head
        elif node.dep_ in {"ccomp", "acl"} and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
            holder = node.head
        elif node.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            return False                      # "accusing it of meddling after Kenyatta hosted ...": a stated fact
        elif node.dep_ in {"conj", "xcomp", "advcl", "prep"}:
            node = node.head
            continue
        else:
            return False
        while holder.pos_ == "ADP" and holder.dep_ in {"conj", "prep"}:
            holder = holder.head              # "accuse X of arming ... and of sending ..."
        if holder.pos_ == "NOUN" and holder.head.lemma_.lower() in lex.denying_verbs:
            return False                      # "dismissed the claim that ...": the denied happening (negated)
        if is_court_ruling(holder, lex):
            return True                       # "the court ruled that Chile is not obliged to negotiate": the ruling
        if holder.lemma_.lower() in lex.accusation_words or holder.lower_ in lex.accusation_words:
            return True
        node = holder
    return False


def clause_subjects(trig: Trigger, sent: Span) -> list[Token]:
    return subjects_above(sent.doc[trig.clause], SHARED_SUBJECT, 3)


def _private_doer(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """The doer is a private person, a commentator or a campaign group ("the philanthropist supported",
    "the analyst discussed", "the people of both countries have been visiting"). The
    speaker of a reporting verb ("..., the expert concluded") is the source, not the doer."""
    if sent.doc[trig.clause].lemma_.lower() in lex.reporting_verbs:
        return False
    noun = sent.doc[trig.token]
    agents = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "by"} for g in c.children if g.dep_ == "pobj"]
    if noun.pos_ == "NOUN" and any(g.lemma_.lower() in lex.private_roles or any(
            t.dep_ == "compound" and t.lower_ in lex.private_roles for t in g.children) for g in agents):
        return True                           # "criticism from human rights groups"
    for subject in clause_subjects(trig, sent):
        if any(c.dep_ in {"conj", "nmod"} and c.ent_type_ == "GPE" for c in subject.children):
            continue                          # "Kinshasa and UN experts accuse": a state among the doers
        heads = [subject] + [c for c in subject.children if c.dep_ in {"compound", "appos"}]
        heads += [t for t in subject.subtree if t.dep_ == "compound" and t.head.i == subject.i]
        if subject.ent_type_ == "PERSON":
            heads += [t for t in subject.subtree if t.i < subject.i and t.pos_ == "NOUN"]
        if any(h.lemma_.lower() in lex.private_roles or h.lower_ in lex.private_roles for h in heads):
            return True
    return False


STANCES = frozenset({"support", "criticism"})


PARTY_LABELS = frozenset({"GPE", "NORP", "PERSON", "ORG", "TITLE"})


def _shared_stance(trig: Trigger, sent: Span) -> bool:
    """"Both sides expressed concerns about terrorism", "the two sides lauded the partnership":
    a pair sharing a view about no third party is not support or criticism between states."""
    if trig.category not in STANCES:
        return False
    doc = sent.doc
    subjects = clause_subjects(trig, sent)
    if not subjects or not any(PAIR_SUBJECT.match(" ".join(t.lower_ for t in s.subtree)) for s in subjects):
        return False
    clause = doc[trig.clause]
    inside = {t.i for s in subjects for t in s.subtree}
    inside |= {t.i for c in clause.children if c.dep_ == "conj" for t in c.subtree}   # "..., and X bought ..."
    rest = [t for t in clause.subtree if t.i not in inside]
    return not any(t.ent_type_ in PARTY_LABELS for t in rest)


PAIR_SUBJECT = re.compile(r"^(the two( sides| countries| nations| states| governments| leaders| ministers)?|both( sides| countries| nations| parties)?|the sides|they)$")
