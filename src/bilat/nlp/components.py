"""Entity-ruler patterns built from the knowledge base, and the component that fixes
what the small English model gets wrong after its NER has run.

Labels: GPE / NORP (ent_id ISO3), LOC (place name), ORG (canonical organisation),
PERSON (canonical person), WEAPON (catalogue name), EXERCISE (exercise name),
TITLE (office id), RANK (canonical rank).
"""

import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..knowledge import Knowledge, Weapon, compact_tokens, spelling_variants

Pattern = dict[str, object]
MakeDoc = Callable[[str], Doc]

_YEAR = r"(?:19|20)\d{2}"
_YEAR_TOKEN = re.compile(rf"^{_YEAR}$")
_YEAR_TAIL = re.compile(rf"{_YEAR}$")
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
MODEL_LABELS_TO_CHECK = frozenset({"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
COUNTRY_LABELS = {"demonym": "NORP", "prefix": "NORP"}
MAX_NAME_TOKENS = 4
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


# ---------------------------------------------------------------- patterns

def phrase(label: str, text: str, ent_id: str) -> Pattern:
    return {"label": label, "pattern": text, "id": ent_id}


def country_patterns(kb: Knowledge) -> Iterator[Pattern]:
    """Every unambiguous name, demonym, capital and city, labelled GPE or NORP with the ISO3."""
    for country in kb.countries.values():
        forms = [*country.names, *country.old_names, *country.demonyms, *country.prefixes,
                 *([country.capital] if country.capital else []), *country.cities]
        for form in forms:
            if not form[:1].isupper():
                continue
            found = kb.country_form(form)
            if found and found[0] == country.iso3:
                yield phrase(COUNTRY_LABELS.get(found[1], "GPE"), form, country.iso3)


def name_patterns(kb: Knowledge) -> Iterator[Pattern]:
    """Organisations, places and office holders as case-sensitive phrases."""
    for org in kb.organisations:
        for name in (org.name, *org.aliases):
            for variant in spelling_variants(name):
                yield phrase("ORG", variant, org.name)
    for place in kb.places:
        for name in (place.name, *place.aliases):
            yield phrase("LOC", name, place.name)
    for holder in kb.holders:
        for name in (holder.person, *holder.aliases):
            yield phrase("PERSON", name, holder.person)
    for rank in kb.ranks:
        for name in (rank.rank, *rank.aliases):
            yield phrase("RANK", name, rank.rank)


def case_variants(text: str) -> list[str]:
    """Model codes appear in any case ('Su-25', 'SU-25'): vary the case of digit-bearing words only."""
    words = text.split(" ")
    coded = [any(ch.isdigit() for ch in w) for w in words]
    variants = [text]
    if any(coded):
        for change in (str.upper, str.lower):
            variants.append(" ".join(change(w) if c else w for w, c in zip(words, coded)))
    return list(dict.fromkeys(variants))


def weapon_patterns(kb: Knowledge) -> Iterator[Pattern]:
    """Names and aliases as phrases, with hyphen/space and code-case variants."""
    for weapon in kb.weapons:
        for alias in (weapon.name, *weapon.aliases):
            for spaced in dict.fromkeys([alias, alias.replace("-", " ")]):
                for variant in case_variants(spaced):
                    yield phrase("WEAPON", variant, weapon.name)


def exercise_patterns(kb: Knowledge, make_doc: MakeDoc) -> Iterator[Pattern]:
    """Names as phrases; a year glued to the last word ('Name-2021') by one token pattern per name length.

    The glued patterns carry no id: the fixer looks the span up and drops combinations
    that name no exercise. A separate year ('Name 2021', 'Name - 2021') is added by the fixer.
    """
    by_length: dict[int, list[list[str]]] = {}
    for exercise in kb.exercises:
        for alias in (exercise.name, *exercise.aliases):
            yield phrase("EXERCISE", alias, exercise.name)
            if exercise.year_suffix:
                by_length.setdefault(len(make_doc(alias)), []).append([t.text for t in make_doc(alias)])
    for length, names in sorted(by_length.items()):
        heads = [{"ORTH": {"IN": sorted({n[i] for n in names})}} for i in range(length - 1)]
        lasts = "|".join(sorted({re.escape(n[-1]) for n in names}))
        yield {"label": "EXERCISE", "pattern": [*heads, {"TEXT": {"REGEX": rf"^(?:{lasts})[-–]{_YEAR}$"}}]}


def title_patterns(kb: Knowledge, make_doc: MakeDoc) -> Iterator[Pattern]:
    """Multi-word titles match in any case; one-word titles as written and capitalised; abbreviations as written."""
    for office in kb.offices.values():
        for title in office.titles:
            for variant in spelling_variants(title):
                tokens = [t.text for t in make_doc(variant)]
                if len(tokens) > 1:
                    yield {"label": "TITLE", "pattern": [{"LOWER": t.lower()} for t in tokens], "id": office.id}
                elif variant.isupper():
                    yield phrase("TITLE", variant, office.id)
                else:
                    for form in dict.fromkeys([variant, variant[:1].upper() + variant[1:]]):
                        yield phrase("TITLE", form, office.id)


def dedupe(patterns: Iterable[Pattern]) -> list[Pattern]:
    """One pattern per text: the first label wins (people, organisations and places before countries)."""
    seen: dict[str, Pattern] = {}
    for pattern in patterns:
        key = repr(pattern["pattern"])
        seen.setdefault(key, pattern)
    return list(seen.values())


def ruler_patterns(kb: Knowledge, make_doc: MakeDoc) -> list[Pattern]:
    return dedupe([
        *name_patterns(kb), *weapon_patterns(kb), *exercise_patterns(kb, make_doc),
        *country_patterns(kb), *title_patterns(kb, make_doc),
    ])


# ---------------------------------------------------------------- the fixer

def exact_weapon(kb: Knowledge, text: str) -> Weapon | None:
    """The catalogue entry whose name or alias is the whole text (spacing and hyphens aside)."""
    weapon = kb.weapon(text)
    key = "".join(compact_tokens(text))
    if weapon and any("".join(compact_tokens(a)) == key for a in (weapon.name, *weapon.aliases)):
        return weapon
    return None


def title_words(kb: Knowledge) -> frozenset[str]:
    """Words that belong to titles and ranks: a name never continues through them."""
    words = {w.lower() for o in kb.offices.values() for t in o.titles for w in re.split(r"[\s-]+", t)}
    words |= {w.lower() for r in kb.ranks for w in r.rank.split()}
    return frozenset(words)


class EntityFixer:
    """Repairs the small model's entity errors using the knowledge base (see module docstring)."""

    def __init__(self, name: str = "bilat_entity_fixer") -> None:
        self.name = name
        self.kb: Knowledge | None = None
        self._stop: frozenset[str] = frozenset()

    def attach(self, kb: Knowledge) -> "EntityFixer":
        self.kb = kb
        self._stop = title_words(kb)
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None:
            raise RuntimeError("bilat_entity_fixer has no knowledge base; build the pipeline with bilat.nlp.load_nlp")
        spans: list[Span] = []
        for ent in doc.ents:
            spans.extend(self.fix_entity(doc, ent))
        spans = self.add_names_after_markers(doc, spans)
        spans = self.extend_exercise_years(doc, spans)
        spans = [s for s in spans if not self.is_stray_rank(doc, s)]
        doc.ents = filter_spans(spans)
        return doc

    # -- one entity at a time

    def fix_entity(self, doc: Doc, ent: Span) -> list[Span]:
        kb = self.kb
        assert kb is not None
        if ent.label_ == "EXERCISE" and not ent.id_:   # a glued-year match: keep the part that names an exercise
            for start in range(ent.start, ent.end):
                exercise = kb.exercise(doc[start:ent.end].text)
                if exercise:
                    return [Span(doc, start, ent.end, label="EXERCISE", span_id=exercise.name)]
            return []
        if ent.id_ or ent.label_ not in MODEL_LABELS_TO_CHECK:
            return [ent]
        core = ent[:-1] if len(ent) > 1 and ent[-1].text in POSSESSIVES else ent
        weapon = exact_weapon(kb, core.text) if ent.label_ in ("PERSON", "ORG", "PRODUCT") else None
        if weapon:
            return [Span(doc, core.start, core.end, label="WEAPON", span_id=weapon.name)]
        if ent.label_ == "PERSON" and any(ch.isdigit() for ch in core.text):
            return [Span(doc, core.start, core.end, label="PRODUCT")]   # model codes such as "YLC-18A"
        country = kb.country_form(core.text)
        if country:
            return [Span(doc, core.start, core.end, label=COUNTRY_LABELS.get(country[1], "GPE"), span_id=country[0])]
        place = kb.place(core.text)
        if place and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return [Span(doc, core.start, core.end, label="LOC", span_id=place.name)]
        return self.split_leading_marker(doc, core)

    def split_leading_marker(self, doc: Doc, ent: Span) -> list[Span]:
        """'General Amir' (ORG) -> RANK + PERSON; 'COAS Amir Khan' (PERSON) -> TITLE + PERSON."""
        kb = self.kb
        assert kb is not None
        for n in range(len(ent) - 1, 0, -1):
            head, rest = ent[:n], ent[n:]
            rank = kb.rank(head.text)
            office = None if rank else kb.office_exact(head.text)
            if (rank or office) and self.is_name(rest):
                marker = (Span(doc, head.start, head.end, label="RANK", span_id=rank[0]) if rank
                          else Span(doc, head.start, head.end, label="TITLE", span_id=office.id))  # type: ignore[union-attr]
                return [marker, self.person(doc, rest.start, rest.end, head.text)]
        return [ent]

    def person(self, doc: Doc, start: int, end: int, marker: str = "") -> Span:
        """A PERSON span whose ent_id is the office holder the name (with its rank or title) denotes."""
        kb = self.kb
        assert kb is not None
        name = doc[start:end].text
        people = kb.people_named(f"{marker} {name}".strip()) or kb.people_named(name)
        return Span(doc, start, end, label="PERSON", span_id=people[0].person if people else "")

    # -- names after ranks and titles

    def is_name_token(self, token) -> bool:
        return (bool(_NAME_TOKEN.match(token.text)) and token.text.lower() not in self._stop
                and token.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB"))

    def is_name(self, span: Span) -> bool:
        return len(span) <= MAX_NAME_TOKENS and all(self.is_name_token(t) for t in span)

    def add_names_after_markers(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A run of proper nouns right after a RANK (or capitalised TITLE) is a PERSON: 'Air Vice Marshal Jane Roe'."""
        by_start = {s.start: s for s in spans}
        out = list(spans)
        for marker in [s for s in spans if s.label_ in ("RANK", "TITLE")]:
            if marker.label_ == "TITLE" and not marker[0].text[:1].isupper():
                continue
            following = by_start.get(marker.end)
            if following is not None and following.label_ == "PERSON" and not following.id_:
                out = [self.person(doc, following.start, following.end, marker.text) if s is following else s
                       for s in out]
                continue
            if following is not None and (following.label_ == "PERSON" or following.id_):
                continue
            end = marker.end
            while end < len(doc) and end - marker.end < MAX_NAME_TOKENS and self.is_name_token(doc[end]):
                if self.kb.country_form(doc[end].text):  # type: ignore[union-attr]
                    break
                end += 1
            if end > marker.end and not any(s.id_ and s.start < end and s.end > marker.end for s in spans):
                out = [s for s in out if not (s.start < end and s.end > marker.end)]
                out.append(self.person(doc, marker.end, end, marker.text))
        return out

    def extend_exercise_years(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'Three Brothers 2021' / 'AMAN - 2013': the year after an exercise name belongs to it."""
        kb = self.kb
        assert kb is not None
        out = list(spans)
        for span in spans:
            exercise = kb.exercise(span.text) if span.label_ == "EXERCISE" else None
            if exercise is None or not exercise.year_suffix or _YEAR_TAIL.search(span.text):
                continue
            end = span.end + (1 if span.end < len(doc) and doc[span.end].text in ("-", "–") else 0)
            if end < len(doc) and _YEAR_TOKEN.match(doc[end].text) and doc[span.end - 1].whitespace_ != "\n":
                out = [s for s in out if s is span or not (s.start <= end < s.end)]
                out[out.index(span)] = Span(doc, span.start, end + 1, label="EXERCISE", span_id=exercise.name)
        return out

    def is_stray_rank(self, doc: Doc, span: Span) -> bool:
        """'General elections', 'Major cities' at the start of a sentence are not ranks."""
        if span.label_ != "RANK" or not span[0].is_sent_start or span.end >= len(doc):
            return False
        following = doc[span.end]
        return following.is_alpha and following.is_lower


@Language.factory(
    "bilat_entity_fixer",
    requires=["doc.ents", "token.pos"],
    assigns=["doc.ents"],
)
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    """Attach a knowledge base with ``.attach(kb)`` after adding (``load_nlp`` does it)."""
    return EntityFixer(name)


def break_at_lines(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs: a title or a
    paragraph never shares a parse tree with the text after it (the parser respects
    boundaries that are already set)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not tok.is_space:
                tok.is_sent_start = True
    return doc


@Language.component("bilat_line_breaks", assigns=["token.is_sent_start"])
def line_breaks_component(doc: Doc) -> Doc:
    return break_at_lines(doc)
