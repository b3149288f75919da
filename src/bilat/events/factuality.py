"""How certain the text is about an event: asserted, planned, negotiating,
proposed, speculative or negated.

Modal verbs, negations and governing verbs count when they sit on the clause
chain from the trigger up to the sentence root (so "Pakistan, which has not
recognised Armenia, praised ..." negates the recognition, not the praise);
cue frames ("it is suggested", "there is immense potential") count anywhere in
the sentence. The first factuality in the lexicon's precedence wins.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import FactualityCues, Lexicon
from .triggers import Trigger

NEGOTIABLE = frozenset({"arms_transfer", "agreement", "defence_industry", "other_cooperation", "training", "exercise", "recognition", "aid"})
REPORTING_OF_PLANS = frozenset({"announce", "agree", "say", "state", "report", "declare", "decide", "confirm"})


BOUNDARIES = frozenset({"advcl", "relcl", "acl", "parataxis", "appos"})


def _chain(trigger: Trigger, sent: Span) -> list[Token]:
    """The trigger, its clause head and the heads above it up to the first adverbial or
    relative clause boundary ("Beijing suspended talks after Pelosi visited Taiwan":
    the suspension does not negate the visit)."""
    doc = sent.doc
    first = doc[trigger.clause]
    chain = [doc[trigger.token]] if trigger.token != trigger.clause else []
    chain.append(first)
    node = first
    while (node.dep_ not in BOUNDARIES or _infinitival(node)) and node.head.i != node.i:
        if node.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            break                              # "X called Lula, and Sullivan travelled to Brasilia": its own clause
        node = node.head
        chain.append(node)
    return chain


def _infinitival(tok: Token) -> bool:
    """"refusal to recognise", "agreements to be signed": a complement, not a separate clause."""
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "to" for c in tok.children)


def _neutral_tokens(sent: Span, lex: Lexicon) -> set[int]:
    """Tokens of "it should be noted that" and the like: statements of fact, not wishes."""
    words = [t.lower_ for t in sent]
    out: set[int] = set()
    for frame in lex.neutral_frames:
        n = len(frame)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == frame:
                out.update(sent[j].i for j in range(i, i + n))
    return out


SEEKING = frozenset({"seek", "request", "negotiate", "bid", "tender"})
REPORTING = frozenset({"say", "tell", "disclose", "reveal", "specify", "confirm", "comment", "elaborate", "explain", "announce"})
CONDITIONAL = frozenset({"if", "unless", "whether"})


def _words_on_chain(chain: list[Token]) -> list[tuple[Token, str]]:
    """(token, role) for each chain word and its auxiliaries/negations. A reporting verb's
    own negation ("did not say when the jets would arrive") does not negate the report."""
    out: list[tuple[Token, str]] = []
    for k, tok in enumerate(chain):
        coordinated = k > 0 and chain[k - 1].dep_ == "conj" and chain[k - 1].head.i == tok.i
        out.append((tok, "conj_head" if coordinated else "head"))   # "had been demanding, and thanked": no governor
        if k > 0 and tok.lemma_.lower() in REPORTING and not (chain[k - 1].dep_ in {"dobj", "nsubjpass"}
                                                              and chain[k - 1].head.i == tok.i):
            continue                        # "did not announce any agreement": its object is the event
        for child in tok.children:
            if child.dep_ in {"aux", "auxpass", "neg", "advmod", "mark"}:
                out.append((child, child.dep_))
            elif child.dep_ == "det" and child.lower_ == "no":
                out.append((child, "neg"))
    return out


def _has_frame(tokens, frames: tuple[tuple[str, ...], ...]) -> str | None:
    words = [t.lower_ for t in tokens]
    text = " " + " ".join(words) + " "
    for frame in frames:
        if " " + " ".join(frame) + " " in text:
            return " ".join(frame)
    return None


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
MATRIX_CLASSES = frozenset({"proposed", "speculative"})


def _segment(trigger: Trigger, sent: Span, exclude: frozenset[int] = frozenset()) -> tuple[list[Token], Span | None]:
    """The clause the trigger lives in (nearest ancestor with its own subject) and,
    when that clause is embedded ("It is suggested that ..."), the words before it."""
    doc = sent.doc
    node = doc[trigger.clause]
    while node.dep_ != "ROOT" and not any(c.dep_ in SUBJECT_DEPS for c in node.children) and node.head.i != node.i:
        node = node.head
    skip: set[int] = set()
    for tok in node.subtree:
        if tok.i == node.i or trigger.token in {t.i for t in tok.subtree}:
            continue
        if tok.dep_ == "conj" and tok.head.i == node.i and (
                tok.pos_ in {"VERB", "AUX"} or any(c.dep_ in SUBJECT_DEPS for c in tok.children)):
            skip.update(t.i for t in tok.subtree)        # "... and that Baku was interested in ...", "... and pledged to"
        elif tok.dep_ in {"relcl", "acl"}:
            skip.update(t.i for t in tok.subtree)        # "submarines, which would be built at ..."
        elif tok.dep_ == "advcl" and tok.head.i == node.i and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            skip.update(t.i for t in tok.subtree)        # "... as Milei refuses to apologise": another's act
    words = [t for t in node.subtree if t.i not in skip and t.i not in exclude and sent.start <= t.i < sent.end]
    start = words[0].i if words else sent.start
    before = doc[sent.start:start] if start > sent.start and node.dep_ in {"ccomp", "advcl", "relcl", "xcomp", "acl", "conj"} else None
    return words, before


def _matches(cues: FactualityCues, words: list[tuple[Token, str]], trigger: Trigger, sent: Span, lex: Lexicon,
             exclude: frozenset[int] = frozenset()) -> str | None:
    for tok, role in words:
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if role in {"aux", "auxpass"} and lower == "would" and _denied(tok, lex):
            if cues.factuality == "negated":
                return "would (denied)"      # "denied that it would host forces"
            continue
        if role in {"aux", "auxpass"} and lower == "would" and _reported_plan(tok):
            if cues.factuality == "planned":
                return "would (reported plan)"
            continue
        if role in {"aux", "auxpass"} and lower in cues.modals:
            return lower
        if role == "neg" and (lower in cues.negations or lemma in cues.negations):
            return lower
        if role == "head" and tok.i != trigger.token and (lemma in cues.governing or lower in cues.governing):
            if _talks_that_failed(trigger, tok, sent, lex) or _a_phone_call(tok):
                continue
            if cues.factuality != "negated" and any(c.dep_ == "neg" for c in tok.children):
                continue                    # "were not considering breaking off relations": the negation decides
            return lower
    clause, before = _segment(trigger, sent, exclude)
    found = _has_frame(clause, cues.frames)
    if not found and before is not None and cues.factuality in MATRIX_CLASSES:
        found = _has_frame([t for t in before if t.i not in exclude], cues.frames)
    return found


def _denied_claim(trigger: Trigger, sent: Span, lex: Lexicon) -> str | None:
    """The trigger is the content of a claim or report that a state denies: "dismisses the
    claim that its F-16 shot down a jet", "rejected reports that it had sold drones"."""
    node = sent.doc[trigger.clause]
    for _ in range(4):
        if node.dep_ in {"acl", "ccomp", "relcl"} and node.head.lemma_.lower() in lex.claim_nouns:
            holder = node.head
            while holder.dep_ == "conj":
                holder = holder.head
            verb = holder.head if holder.dep_ in {"dobj", "nsubjpass", "pobj"} else None
            if verb is not None and verb.dep_ == "prep":
                verb = verb.head
            if verb is not None and verb.lemma_.lower() in lex.denying_verbs:
                return f"{verb.lower_} {holder.lower_}"
            return None
        if node.dep_ in {"conj", "xcomp"} or node.head.i == node.i:
            if node.head.i == node.i:
                return None
            node = node.head
            continue
        return None
    return None


def _a_phone_call(head: Token) -> bool:
    """"Biden called Lula to congratulate him" is a call; "called for talks" and "called on
    Kenya to respect" are appeals."""
    return head.lemma_.lower() == "call" and not any(
        c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on", "upon"}
        and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children) for c in head.children)


def _talks_that_failed(trigger: Trigger, head: Token, sent: Span, lex: Lexicon) -> bool:
    """"after talks between the neighbours failed": the talks took place; what failed is
    their outcome ("failed to hold talks" is still negated)."""
    noun = sent.doc[trigger.token]
    return (trigger.category == "meeting" and head.lemma_.lower() in lex.failed_outcome_verbs
            and noun.head.i == head.i and noun.dep_ == "nsubj")


def _denied(modal: Token, lex: Lexicon) -> bool:
    """"Cambodia denied that it would host forces": the denial, not a conjecture."""
    clause = modal.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in lex.denying_verbs


def _reported_plan(modal: Token) -> bool:
    """"it was announced that the two would conduct exercises": a plan, not speculation."""
    return any(a.lemma_.lower() in REPORTING_OF_PLANS for a in modal.head.ancestors)


def _headline_infinitive(trigger: Trigger, sent: Span) -> bool:
    """"Army chief to visit Azerbaijan": a plan stated without a finite verb."""
    tok = sent.doc[trigger.clause]
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    finite = any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in sent)
    return has_to and not finite


def factuality_in_genre(factuality: str, cue: str | None, genre: str, attributed: bool) -> str:
    """In an opinion piece the writer's own "could"/"can"/"if there were" proposes; a reporter's speculates."""
    if factuality == "speculative" and genre in {"opinion"} and not attributed and cue in {"could", "can", "if"}:
        return "proposed"
    return factuality


def factuality_of(trigger: Trigger, sent: Span, lex: Lexicon,
                  exclude: frozenset[int] = frozenset()) -> tuple[str, str | None]:
    """The factuality of the event a trigger reports, and the cue that decided it.
    ``exclude`` holds the tokens of other events' clauses nested in this one."""
    neutral = _neutral_tokens(sent, lex)
    exclude = exclude | neutral
    trig_lemma = sent.doc[trigger.token].lemma_.lower()
    if trigger.category in NEGOTIABLE and trig_lemma in SEEKING:
        return "negotiating", trig_lemma          # "Nigeria first sought the aircraft in 2015"
    denied = _denied_claim(trigger, sent, lex)
    if denied:
        return "negated", denied                  # "Turkey dismisses Armenian claim that its jet shot down ..."
    chain = _chain(trigger, sent)
    words = [(t, r) for t, r in _words_on_chain(chain) if t.i not in neutral]
    if any(r == "mark" and t.lower_ in CONDITIONAL for t, r in words):
        return "speculative", "if"
    for cues in lex.factuality:
        if cues.factuality == "asserted":
            break
        if cues.factuality == "negotiating" and trigger.category not in NEGOTIABLE:
            continue
        if cues.factuality == "planned" and _headline_infinitive(trigger, sent):
            return "planned", "to"
        cue = _matches(cues, words, trigger, sent, lex, exclude)
        if cue:
            return cues.factuality, cue
    return "asserted", None
