"""Who does what to whom in one event, and where: the role of each state or person
(source, target, participant) from the side of the trigger it stands on, the event's
location, and whether a meeting is on one side's home ground (then a visit)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import EntityActor
from ..knowledge import Knowledge
from ..records import Location
from .lexicon import Lexicon
from .triggers import RECEIVING_VERBS, Trigger

SYMMETRIC = frozenset({"meeting", "exercise", "agreement", "defence_industry", "other_cooperation", "armed_conflict"})
RECEIVING_NOUNS = frozenset({"buyer", "purchase", "purchases", "acquisition", "import", "imports", "order", "procurement"})
VENUE_CATEGORIES = frozenset({"meeting", "agreement", "exercise", "training", "defence_industry", "other_cooperation"})


def _signs_for(verb: Token) -> bool:
    """"the Emirates sign for 80 Rafales": a verb with no object of its own and "for" the
    equipment has the buyer as its subject (one signs, pays, opts for what one gets)."""
    return (verb.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.children)
            and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children))


def roles_of(trigger: Trigger, actors: list[tuple[str, EntityActor]], doc: Doc, lex: Lexicon) -> list[tuple[str, EntityActor]]:
    """(role, actor) for each (side, actor) of the trigger: the subject's side is the source,
    except of a receiving verb ("bought", "signed for") and a host ("welcomed"); the states
    of a symmetric happening (a meeting, an exercise) all take part."""
    trig = doc[trigger.token]
    receiving = trigger.category == "arms_transfer" and (
        trig.lemma_.lower() in RECEIVING_VERBS or trig.lower_ in RECEIVING_NOUNS
        or doc[trigger.clause].lemma_.lower() in RECEIVING_VERBS or _signs_for(doc[trigger.clause]))
    hosting = trigger.category == "visit" and trig.lemma_.lower() in lex.hosting_verbs   # the subject is the host
    out = []
    for side, actor in actors:
        if hosting:
            role = "target" if side == "subj" else "source"
        elif trigger.category in SYMMETRIC:
            role = "participant"
        elif receiving:
            role = "target" if side == "subj" else "source"
        else:
            role = "source" if side == "subj" else "target"
        out.append((role, actor))
    return out


def location_of(scope: list[Span], resolved: dict[int, EntityActor], kb: Knowledge, category: str,
              actors: list[tuple[str, EntityActor]]) -> Location | None:
    for ent in scope:
        if ent.label_ in {"GPE", "LOC", "FAC"} and ent.root.head.lower_ in {"in", "at", "near", "to"}:
            actor = resolved.get(ent.start)
            country = actor.country if actor else None
            is_country = country is not None and kb.country_name(country) == ent.text
            if category != "visit" and is_country and ent.root.head.lower_ == "to":
                continue
            return Location(ent.text, country)
    if category == "visit":
        for role, actor in actors:
            if role == "target" and actor.kind == "country" and actor.country:
                return Location(kb.country_name(actor.country), actor.country)
    return None


def on_home_ground(trig: Trigger, location: Location | None, countries: set[str], doc: Doc, lex: Lexicon) -> bool:
    """A meeting of two states' officials held in one of them is a visit by the other
    (eval/GUIDELINES.md: a meeting is "not better described as a visit"); calls, summits
    and gatherings at a third place stay meetings."""
    if location is None or location.country not in countries or len(countries) != 2:
        return False
    clause = doc[trig.clause]
    words = {t.lower_ for t in clause.subtree} | {doc[trig.token].lower_}
    return not words & lex.remote_meeting_words


def names_a_place_nearby(ent: Span, lex: Lexicon) -> bool:
    """A state named as the owner of a border or coast that something happens near ("near
    Poland's border", "on NATO's doorstep", "close to Lithuania's border"): a place, not a party."""
    root = ent.root
    place = root.head
    if root.dep_ != "poss" or place.lemma_.lower() not in lex.boundary_nouns and place.lower_ not in lex.boundary_nouns:
        return False
    prep = place.head
    if place.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    word = prep.lower_ if prep.lower_ != "to" else prep.head.lower_      # "close to", "next to"
    return word in lex.nearness_preps


def is_venue(ent: Span, trig: Trigger) -> bool:
    """A place named as where a meeting, signing or drill happens ("in Brazil", "at Argyle")."""
    return (trig.category in VENUE_CATEGORIES and ent.label_ in {"GPE", "LOC", "FAC"}
            and ent.root.dep_ == "pobj" and ent.root.head.lower_ in {"in", "at"})
