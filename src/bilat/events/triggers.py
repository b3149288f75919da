"""Find the words in a sentence that report an event, and their category.

A trigger is a verb of the category ("visited"), a noun of the category that a
light verb carries ("held talks", "signed a memorandum"), a noun subject or
title head ("Asim Munir's visit to Baku"), a cue phrase, or a named exercise.
Triggers inside purposes ("to strengthen cooperation"), topics ("in the fields
of training") or modifiers ("training aircraft") are not events; triggers that
name the setting of another happening ("During the visit, ...") are kept as
references, not new events.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.resolve import sentence_entities
from .context import for_consultations, is_court_ruling, out_of_context, subjects_above
from .lexicon import CategoryCues, Lexicon

KIND_RANK = {"verb": 0, "phrase": 1, "light": 2, "entity": 3, "noun": 4, "fallback": 5}
NOUN_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "pobj", "oprd", "dep", "npadvmod", "conj"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod"}
NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "WEAPON", "TITLE", "RANK"})
RECEIVING_VERBS = frozenset({"buy", "purchase", "acquire", "order", "procure", "import", "obtain", "receive", "induct", "lease", "choose", "select", "seek", "request"})


@dataclass(frozen=True)
class Trigger:
    token: int            # doc index of the trigger word
    clause: int           # doc index of the word whose clause the event lives in (the verb)
    category: str
    kind: str             # verb | light | noun | phrase | entity | fallback (events/fallback.py)
    reference: bool = False   # names the setting of another happening ("during the visit")
    definite: bool = False    # "the visit", "his visit", "this meeting": likely an earlier event

    @property
    def rank(self) -> int:
        return KIND_RANK[self.kind]


@lru_cache(maxsize=8)
def _forms(words: frozenset[str]) -> frozenset[str]:
    out = set()
    for w in words:
        out.update({w, w + "ing", w + "s", w + "ed"})
        if w.endswith("e"):
            out.update({w[:-1] + "ing", w + "d"})
    return frozenset(out)


def _imperative(tok: Token) -> bool:
    return tok.tag_ == "VB" and tok.dep_ == "ROOT" and not any(c.dep_ in {"nsubj", "aux", "nsubjpass"} for c in tok.children)


def _is_purpose(token: Token, lex: Lexicon, purpose_forms: frozenset[str]) -> bool:
    """True when the token sits inside a purpose clause ("to strengthen ...", "aimed at ...")."""
    for anc in [token, *token.ancestors]:
        if anc is not token and _finite_with_subject(anc):
            break                             # "the two countries raised their ties to ...": a report, not a purpose
        if anc.lemma_.lower() in purpose_forms or anc.lower_ in purpose_forms:
            if anc is token:
                return True
            if anc.dep_ in {"xcomp", "advcl", "acl", "pcomp", "relcl", "ccomp", "pobj", "dobj", "conj", "ROOT", "nsubj", "attr"}:
                return True
        if anc.dep_ == "ROOT":
            break
    return False


def _finite_with_subject(tok: Token) -> bool:
    """A finite verb with its own subject ("Algeria raised", "they upgraded") reports; it is
    never the purpose frame of what it governs."""
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        return False
    return tok.tag_ in {"VBD", "VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in {"be", "have"} for c in tok.children)


def _walk_conj(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _under_topic(token: Token, lex: Lexicon) -> bool:
    """"in the fields of training", "defense matters" (but not "assisting X in terms of training")."""
    base = _walk_conj(token)
    if base.dep_ == "pobj" and base.head.dep_ == "prep":
        owner = base.head.head
        if owner.lemma_.lower() in lex.topic_heads or owner.lower_ in lex.topic_heads:
            governor = owner.head.head if owner.dep_ == "pobj" else owner.head
            return governor.lemma_.lower() not in lex.topic_verbs
    if base.dep_ in MODIFIER_DEPS and base.head.lemma_.lower() in lex.topic_heads:
        return True
    gerund = base.head
    if (base.dep_ == "dobj" and gerund.dep_ == "pcomp" and gerund.head.dep_ == "prep"
            and gerund.head.head.lemma_.lower() in lex.topic_heads):
        return True                      # "the significance of conducting joint training"
    return False


def _context_prep(token: Token, lex: Lexicon) -> bool:
    """"during the visit", "after the talks": a setting the text refers back to. "during a
    visit to Kyiv in June" introduces a visit instead."""
    base = _walk_conj(token)
    if not (base.dep_ == "pobj" and base.head.lower_ in lex.context_preps):
        return False
    introduced = token.lemma_.lower() in {"visit", "trip", "tour"} and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children) and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
    return not introduced


def _is_definite(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "poss" and (child.pos_ == "PRON" or child.lemma_.lower() in {"year", "month", "week"}):
            return True                      # "his visit", "this year's drills"
        if child.dep_ == "det" and child.lower_ in {"the", "this", "that", "these", "those", "such"}:
            # "the visit to Baku", "the production of drones": specified here, not a reference back
            preps = [c for c in token.children if c.dep_ == "prep"]
            if any(c.lower_ in {"to", "between", "with", "for", "in"} for c in preps):
                return False
            of_objects = [g for c in preps if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            return all(g.ent_type_ in {"PERSON", "TITLE", "GPE", "NORP", "ORG"} for g in of_objects)
    return False


def _clause_head(token: Token, lex: Lexicon) -> tuple[int, str]:
    """The verb a noun trigger belongs to, and whether that verb is a light verb."""
    base = _walk_conj(token)
    head = base.head
    if base.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and head.lemma_.lower() in lex.light_verbs:
        return head.i, "light"
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in {"at", "near", "from"} \
            and head.head.lemma_.lower() in lex.light_verbs:
        return head.head.i, "light"       # "took part in the exercise", "participated in drills"; not a place ("at the air base")
    if (base.dep_ == "pobj" and head.lower_ in {"to", "into"} and head.head.dep_ == "dobj"
            and head.head.head.lemma_.lower() in lex.light_verbs):
        return head.head.head.i, "light"  # "raised their ties to a strategic partnership"
    if base.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() == "be":
        return head.head.i, "light"       # "have been in serious negotiations", "is in talks"
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.head.dep_ == "pobj" and head.head.head.head.lemma_.lower() in lex.topic_verbs:
        return head.head.head.head.i, "light"   # "assisting X in terms of training"
    if base.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        return head.i, "noun"
    return token.i, "noun"


def _phrase_starts(sent: Span, words: list[str], phrase: tuple[str, ...]) -> list[int]:
    """Doc indices where the phrase starts; ``words`` are the sentence's lower-cased tokens."""
    if phrase[0] not in words:
        return []
    n = len(phrase)
    return [sent.start + i for i in range(len(words) - n + 1) if tuple(words[i:i + n]) == phrase]


def _needs_met(cues: CategoryCues, token: Token, clause: Token, lex: Lexicon) -> bool:
    wanted = {"military": lex.military_nouns, "weapons": lex.weapon_nouns, "diplomatic": lex.diplomatic_nouns,
              "relief": lex.relief_nouns}
    needs = [wanted[n] for n in cues.needs if n in wanted]
    if not needs:
        return True
    if cues.category == "recognition" and token.lemma_.lower() in {"recognise", "recognize", "recognition"}:
        # "the treaty recognises that climate change ...": acknowledging a fact, not a state
        return not any(c.dep_ == "ccomp" for c in token.children)
    scope = list(clause.subtree) if clause.i != token.i else list(token.subtree)
    if token.dep_ in {"compound", "amod"}:
        scope += list(token.head.subtree)
    if token.dep_ in {"nsubj", "nsubjpass", "attr"} or token.pos_ == "VERB":
        scope += [t for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
    if token.pos_ == "VERB":
        scope += _raised_subject(token)       # "the tanks are due to arrive", "jets expected to reach"
        if token.dep_ in {"relcl", "acl"}:
            scope.append(token.head)          # "the T-72 tanks that Poland has sent"
    for nouns in needs:
        if not any(t.ent_type_ == "WEAPON" or t.lemma_.lower() in nouns or t.lower_ in nouns for t in scope):
            return False
    return True


RAISING = frozenset({"xcomp", "acomp", "ccomp"})


def _raised_subject(verb: Token) -> list[Token]:
    """The subject of the nearest clause above an infinitive ("the tanks are due to arrive")."""
    return [t for s in subjects_above(verb, RAISING, 3) for t in s.subtree]


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """All triggers of a sentence, best first within each category."""
    purpose_forms = _forms(lex.purpose_verbs)
    words = [t.lower_ for t in sent]
    found: list[Trigger] = []
    for cues in lex.categories:
        for tok in sent:
            lemma, lower = tok.lemma_.lower(), tok.lower_
            if tok.ent_type_ in NAME_LABELS:
                continue                      # "Partnership for Peace", "Training Command"
            if tok.pos_ == "VERB" and (lemma in cues.verbs or lower in cues.verbs):
                if tok.dep_ in {"amod", "compound"} or _imperative(tok):
                    continue                  # "Pakistani-trained pilots", "visit our website"
                if tok.dep_ == "relcl" and any(c.lower_ == "such" for c in tok.head.children):
                    continue                  # "the first such agreement Japan has signed": a comparison
                if lemma in lex.intransitive_verbs and any(c.dep_ == "dobj" for c in tok.children):
                    continue                  # "Armenia returned the districts"
                if _is_purpose(tok, lex, purpose_forms) or not _needs_met(cues, tok, tok, lex):
                    continue
                found.append(Trigger(tok.i, tok.i, cues.category, "verb"))
            elif tok.pos_ in {"NOUN", "PROPN"} and (lemma in cues.nouns or lower in cues.nouns):
                if tok.dep_ in MODIFIER_DEPS or tok.dep_ not in NOUN_DEPS and tok.dep_ != "poss":
                    continue
                if _under_topic(tok, lex) or _is_purpose(tok, lex, purpose_forms):
                    continue
                clause_i, kind = _clause_head(tok, lex)
                definite = cues.category in HAPPENINGS and _is_definite(tok)
                if kind == "noun" and not _reports_by_itself(tok, lex, definite):
                    continue
                if not _needs_met(cues, tok, sent.doc[clause_i], lex):
                    continue
                found.append(Trigger(tok.i, clause_i, cues.category, kind,
                                     reference=_context_prep(tok, lex), definite=definite))
        for phrase in cues.phrases:
            for start in _phrase_starts(sent, words, phrase):
                tok = sent.doc[start]
                toks = [sent.doc[start + k] for k in range(len(phrase))]
                head = max(toks, key=lambda t: t.pos_ == "VERB")
                if head.pos_ != "VERB" and toks[-1].pos_ in {"NOUN", "PROPN"}:
                    noun = toks[-1]               # "arms deal", "defence industry": a noun trigger
                    if noun.dep_ in MODIFIER_DEPS or _under_topic(noun, lex) or _is_purpose(noun, lex, purpose_forms):
                        continue
                    clause_i, kind = _clause_head(noun, lex)
                    definite = cues.category in HAPPENINGS and _is_definite(noun)
                    negated = phrase[0] == "no" or any(c.dep_ == "neg" for c in noun.head.children)
                    if kind == "noun" and not negated and not _reports_by_itself(noun, lex, definite):
                        continue              # "have had no / have not had diplomatic relations" reports by itself
                    if _needs_met(cues, noun, sent.doc[clause_i], lex):
                        found.append(Trigger(noun.i, clause_i, cues.category, "phrase" if kind == "light" else "noun",
                                             reference=_context_prep(noun, lex), definite=definite))
                    continue
                if _is_purpose(head, lex, purpose_forms) or not _needs_met(cues, head, head, lex):
                    continue
                found.append(Trigger(tok.i, head.i, cues.category, "phrase"))
    found += _presence_visits(sent)
    found += _movement_visits(sent, lex)
    found += _namings(sent, lex)
    found += _court_rulings(sent, lex)
    found += _envoys_called_home(sent, lex)
    found = _talks_about(found, sent, lex)
    for ent in sentence_entities(sent):
        if ent.label_ == "EXERCISE":
            clause_i, _ = _clause_head(ent.root, lex)
            found.append(Trigger(ent.root.i, clause_i, "exercise", "entity",
                                 reference=_context_prep(ent.root, lex)))
    found = [t for t in found if not out_of_context(t, sent, lex)]
    if any(t.category == "exercise" for t in found):   # "closed the drills with tank assaults and air strikes"
        found = [t for t in found if not (t.category == "armed_conflict" and t.kind in {"noun", "phrase", "light"})]
    found = [t for t in found if not (t.category == "visit" and _goods_moving(t, sent, lex))
             and not (t.category == "armed_conflict" and _natural_disaster(t, sent, lex))]
    found = [_hosted_visit(t, sent, lex) for t in found]
    return _best_per_category(found, sent)


def hosts_a_visitor(tok: Token, lex: Lexicon) -> bool:
    """"Biden welcomed Lula to the White House", "Kenyatta hosted the leader of ...", "Trump
    received both ministers in the Oval Office": a person who came is a visitor."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.hosting_verbs:
        return False
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.ent_type_ in {"PERSON", "TITLE"} or obj.lemma_.lower() in lex.traveller_nouns:
            return True
    return False


def _hosted_visit(trig: Trigger, sent: Span, lex: Lexicon) -> Trigger:
    if trig.category in {"meeting", "support"} and trig.kind == "verb" and hosts_a_visitor(sent.doc[trig.token], lex):
        return Trigger(trig.token, trig.clause, "visit", "verb", trig.reference, trig.definite)
    return trig


def _envoys_called_home(sent: Span, lex: Lexicon) -> list[Trigger]:
    """"Katz ordered the ambassadors in Dublin, Oslo and Madrid home for consultations":
    recalling envoys is a protest (criticism)."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.recall_verbs:
            continue
        envoys = any(c.dep_ == "dobj" and (c.lemma_.lower() in lex.envoy_nouns - {"staff", "officials"}
                                           or c.pos_ == "PRON" and any(t.lemma_.lower() in lex.envoy_nouns for t in sent))
                     for c in tok.children)
        home = any(t.lower_ == "home" or for_consultations(t) for t in tok.subtree)
        if envoys and home:
            out.append(Trigger(tok.i, tok.i, "criticism", "verb"))
    return out


def _court_rulings(sent: Span, lex: Lexicon) -> list[Trigger]:
    """"The International Court of Justice ruled that Chile is not obliged ...", "an
    international tribunal found that ...": a ruling between states is criticism."""
    return [Trigger(tok.i, tok.i, "criticism", "verb") for tok in sent if is_court_ruling(tok, lex)]


def _namings(sent: Span, lex: Lexicon) -> list[Trigger]:
    """"Vucic has called China a steel friend" (support), "called the decision a stab in the
    back" (criticism): what a state is called says which."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.naming_verbs:
            continue
        named = [c for c in tok.children if c.dep_ in {"oprd", "xcomp", "ccomp"}]
        named += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        named += [c for c in tok.children if c.dep_ == "dobj" and any(g.dep_ in {"det", "amod", "compound"} for g in c.children)
                  and any(d.dep_ == "dobj" and d.i != c.i for d in tok.children)]   # double object: "called X a friend"
        for noun in named:
            lemma = noun.lemma_.lower()
            if lemma in lex.praise_nouns:
                out.append(Trigger(tok.i, tok.i, "support", "verb"))
            elif lemma in lex.blame_nouns:
                out.append(Trigger(tok.i, tok.i, "criticism", "verb"))
    return out


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _movement_visits(sent: Span, lex: Lexicon) -> list[Trigger]:
    """"An Israeli delegation flew to Rabat", "from Pyongyang he flew on to Vietnam", "the
    chancellor attended a ceremony in Vilnius": a person or delegation going to a place."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.movement_verbs:
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subjects and tok.dep_ == "conj":
            subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if tok.dep_ == "relcl" and any(s.lower_ in {"who", "that"} for s in subjects):
            subjects = [tok.head]             # "Finnish President Niinisto, who flew to Ankara"
        if not any(s.ent_type_ in {"PERSON", "TITLE"} or s.lower_ in {"he", "she", "they"}
                   or s.lemma_.lower() in lex.traveller_nouns for s in subjects):
            continue
        heads = [tok] + [c for c in tok.children if c.dep_ in {"dobj", "prt", "advmod"}]
        places = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in {"to", "in", "into", "for"}
                  for g in c.subtree if g.ent_type_ in PLACE_LABELS]
        if places:
            out.append(Trigger(tok.i, tok.i, "visit", "verb"))
    return out


def _presence_visits(sent: Span) -> list[Trigger]:
    """"Officers of both countries are in Islamabad", "X is in Azerbaijan": being in a
    foreign place is a visit when the subject is a person or delegation."""
    out = []
    for tok in sent:
        if tok.lemma_ != "be" or tok.dep_ not in {"ROOT", "ccomp", "conj"}:
            continue
        place = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                 for p in c.children if p.dep_ == "pobj"
                 for g in [p, *p.children] if g.ent_type_ == "GPE"]
        subject = [c for c in tok.children if c.dep_ == "nsubj"]
        if place and subject and (subject[0].ent_type_ in {"PERSON", "TITLE"} or subject[0].pos_ == "NOUN"):
            out.append(Trigger(tok.i, tok.i, "visit", "phrase"))
    return out


TALK_CATEGORIES = frozenset({"arms_transfer", "agreement", "defence_industry"})
TOPIC_CATEGORIES = frozenset({"exercise", "training", "other_cooperation"})
DISCUSSING = frozenset({"discuss", "deliberate", "talk", "negotiate", "discussion", "talks"})


def _word_of(tok: Token, cues: CategoryCues) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        return lemma in cues.verbs
    return tok.pos_ in {"NOUN", "PROPN"} and (lemma in cues.nouns or tok.lower_ in cues.nouns)


def _talks_about(found: list[Trigger], sent: Span, lex: Lexicon) -> list[Trigger]:
    """"in talks to buy", "negotiations for the sale of", "discussing a project to develop":
    the talks are the negotiating stage of what they are about, not a meeting."""
    doc = sent.doc
    meetings = [t for t in found if t.category == "meeting" and doc[t.token].lower_ not in {"met", "meet", "meets"}]
    if not meetings:
        return found
    talked: set[int] = set()
    for m in meetings:
        talked.update(t.i for t in doc[m.clause].subtree if t.i != m.clause)
        talked.update(t.i for t in doc[m.token].subtree if t.i != m.token)
    if any(doc[m.token].lemma_.lower() in DISCUSSING for m in meetings):
        talked.update(t.i for t in sent)
    # exercises, training, cooperation discussed at a meeting are its topics, not events
    out = [t for t in found if (t.category != "meeting" or t not in meetings)
           and not (t.category in TOPIC_CATEGORIES and t.token in talked)]
    for m in meetings:
        scope = list(doc[m.clause].subtree) if doc[m.token].dep_ in {"nsubj", "nsubjpass"} else list(doc[m.token].subtree)
        outcome = _outcome_tokens(scope, m, lex)
        scope = [t for t in scope if t.i not in outcome]
        inside = {t.i for t in scope}
        about = [t for t in found if t.category in TALK_CATEGORIES and t.token in inside and t.token != m.token]
        words = [t for t in scope
                 if t.i != m.token and t.dep_ not in MODIFIER_DEPS and not _under_topic(t, lex)]
        if not about:
            for cues in lex.categories:
                if cues.category in TALK_CATEGORIES:
                    hit = next((w for w in words if _word_of(w, cues) and _needs_met(cues, w, w, lex)), None)
                    if hit is not None:
                        about.append(Trigger(hit.i, m.clause, cues.category, "light"))
                        break
        if about:
            out += [Trigger(a.token, m.clause, a.category, "light") for a in about]
        else:
            out.append(m)
    return out


def _outcome_tokens(scope: list[Token], meeting: Trigger, lex: Lexicon) -> set[int]:
    """"sat down with Tusk for talks that ended with the two countries upgrading their ties to
    a strategic partnership": the words below a verb through which the talks reach an outcome
    (data/categories.yaml ``outcome_verbs``) tell what the talks produced, not what they were
    about; the talks stay a meeting and the outcome an event of its own. Everything in the
    talks' phrase after that verb counts, however the parser attached it."""
    ends = [v.i for v in scope if v.pos_ == "VERB" and v.i != meeting.token and v.lemma_.lower() in lex.outcome_verbs]
    return {t.i for t in scope if ends and t.i > min(ends)}


def _dated_in_its_own_phrase(tok: Token) -> bool:
    """"The launch of the submarine at Itaguai on Wednesday, attended by ...": a definite
    happening noun whose own prepositional phrase says when it took place names one happening."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in {"on", "in"} and any(g.dep_ == "pobj" and g.ent_type_ == "DATE" for g in c.children)
               for c in tok.children)


def _reports_by_itself(tok: Token, lex: Lexicon, definite: bool) -> bool:
    """A noun with no light verb reports an event only as a headline, the subject of an
    eventive verb ("a meeting occurred"), a predicate ("the largest buyer"), a reference
    to an earlier event ("the visit"), or with its own actors ("Munir's visit to Baku")."""
    base = _walk_conj(tok)
    if base.dep_ == "ROOT" or definite or tok.lemma_.lower() in lex.act_nouns or tok.lower_ in lex.act_nouns:
        return True
    if base.dep_ in {"nsubj", "nsubjpass"} and base.head.lemma_.lower() in lex.eventive_heads:
        return True
    if base.dep_ == "attr":
        return True
    if _dated_in_its_own_phrase(base):
        return True
    if base.dep_ == "pobj" and base.head.lower_ in lex.context_preps:
        return True
    node = base
    for _ in range(3):      # "immense potential of joint ventures in the production of drones"
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            break
        node = _walk_conj(node.head.head)
        if node.lemma_.lower() in lex.prospect_heads or node.lower_ in lex.prospect_heads:
            return True
    if any(c.dep_ in {"amod", "compound", "nummod", "npadvmod"} and c.ent_type_ == "DATE" and c.like_num
           for c in tok.children):
        return True                          # "a 1998 accord", "the 2016 visit"
    has_actor = any(c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_ in {"TITLE", "PERSON", "GPE", "NORP", "ORG"})
                    for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children)
    has_goal = any(c.dep_ == "prep" and c.lower_ in {"to", "with", "between"} for c in tok.children)
    return has_actor and has_goal


CLAUSAL = frozenset({"verb", "light"})
# Categories whose nouns name one happening, so "the visit" can point back to it;
# "its support", "their cooperation" are stances, not references.
HAPPENINGS = frozenset({"visit", "meeting", "exercise", "agreement", "arms_transfer", "training",
                        "defence_industry", "armed_conflict", "aid"})
COORDINATED = frozenset({"arms_transfer", "visit", "exercise", "agreement", "training", "defence_industry"})


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _goods_moving(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"The first tanks are due to arrive in Poland": weapons arriving are a delivery, not a visit."""
    doc = sent.doc
    node = doc[trig.clause]
    if node.dep_ in {"acl", "relcl"} and (node.head.ent_type_ == "WEAPON" or node.head.lemma_.lower() in lex.weapon_nouns):
        return True          # "the first F-16 jets to arrive in Ukraine"
    subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
    while not subjects and node.head.i != node.i:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(t.ent_type_ == "WEAPON" or t.lemma_.lower() in lex.weapon_nouns for s in subjects for t in s.subtree)


def _natural_disaster(trig: Trigger, sent: Span, lex: Lexicon) -> bool:
    """"The quakes struck on 6 February": a disaster, not an attack."""
    doc = sent.doc
    words = [t for c in doc[trig.clause].children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
    trigger = doc[trig.token]
    words += ([] if trigger.pos_ == "VERB" else [trigger]) + list(trigger.children)   # "fired water cannon" is no fire
    return any(t.lemma_.lower() in lex.disaster_nouns or t.lower_ in lex.disaster_nouns for t in words)


def _own_dates(tok: Token) -> frozenset[str]:
    """Years and dates said of this trigger itself: in its own phrase or clause, not in a
    coordinated one ("signed in 2001", "a 1998 accord", "his previous visit, in 2000")."""
    skip = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}
    nodes = [t for t in tok.subtree if t.i not in skip]
    if tok.pos_ != "VERB" and tok.head.pos_ in {"VERB", "AUX"} and tok.dep_ in {"nsubj", "nsubjpass"}:
        nodes += [t for c in tok.head.children if c.dep_ == "prep" and c.i not in skip for t in c.subtree]
    return frozenset(t.text for t in nodes if t.ent_type_ == "DATE" and t.like_num)


def _best_per_category(found: list[Trigger], sent: Span) -> list[Trigger]:
    """One trigger per category, except coordinated verbs with their own subjects
    ("X visited in 2004, when Y visited in 2010") which report separate happenings."""
    best: dict[str, Trigger] = {}
    extra: list[Trigger] = []
    doc = sent.doc
    for trig in sorted(found, key=lambda t: (t.reference, t.rank, t.token)):
        kept = best.setdefault(trig.category, trig)
        if kept is trig:
            continue
        mine, theirs = _own_dates(doc[trig.token]), _own_dates(doc[kept.token])
        if (mine and mine != theirs and not trig.reference
                and not any(mine & _own_dates(doc[t.token]) for t in extra if t.category == trig.category)):
            extra.append(trig)          # "an agreement they signed in 2001 and a 1998 accord": two happenings
            continue
        if trig.kind not in CLAUSAL or kept.kind not in CLAUSAL or trig.clause == kept.clause:
            continue
        own_subjects = _own_subject(doc[trig.clause]) and _own_subject(doc[kept.clause])
        coordinated = doc[trig.clause].dep_ == "conj" and trig.category in COORDINATED
        if own_subjects or coordinated:
            extra.append(trig)          # the merge step rejoins them unless dates or people differ
    out = list(best.values())
    for trig in extra:
        if all(t.clause != trig.clause for t in out):
            out.append(trig)
    return sorted(out, key=lambda t: t.token)
