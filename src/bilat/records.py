"""Shared record shapes: every stage takes and returns these frozen dataclasses.

Nothing here knows about spaCy, DuckDB or the CLI. Dates are ``datetime.date``
inside the pipeline and ISO strings only at the export boundary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

Category = Literal[
    "visit", "meeting", "agreement", "exercise", "arms_transfer", "training",
    "defence_industry", "support", "criticism", "recognition", "aid",
    "armed_conflict", "other_cooperation",
]
Factuality = Literal["asserted", "planned", "negotiating", "proposed", "speculative", "negated"]
Granularity = Literal["day", "month", "year", "decade", "century", "unknown"]
DateBasis = Literal["explicit", "relative", "document", "inferred", "unknown"]
PubBasis = Literal["metadata", "text", "inferred", "unknown"]
Role = Literal["source", "target", "participant"]
ActorKind = Literal["country", "person", "organization", "group"]
ItemKind = Literal["weapon_system", "equipment", "exercise", "agreement", "programme", "other"]
Genre = Literal["news", "opinion", "analysis", "unknown"]
Stage = Literal["interest", "negotiation", "order", "delivery", "in_service"]
ClaimKind = Literal["quantity", "money", "date", "rank", "description"]
Qualifier = Literal["exact", "approximate", "at_least", "at_most", "increment", "change"]

CATEGORIES: tuple[str, ...] = get_args(Category)
FACTUALITIES: tuple[str, ...] = get_args(Factuality)
GRANULARITIES: tuple[str, ...] = get_args(Granularity)


@dataclass(frozen=True)
class RawDocument:
    """What a reader found in one file or record, before cleaning."""

    path: str                      # path or URL as given at ingest (record suffix "#N" for JSONL)
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None   # as written in the metadata, unparsed
    outlet: str | None = None
    author: str | None = None
    source_format: str = "txt"     # txt | md | html | jsonl | json


@dataclass(frozen=True)
class Rejected:
    """An input that was skipped, with the reason and what to do about it."""

    path: str
    reason: str
    hint: str = ""

    def message(self) -> str:
        return f"{self.path}: {self.reason}" + (f" ({self.hint})" if self.hint else "")


@dataclass(frozen=True)
class TimeSpan:
    """A closed interval of days with the precision the text allows.

    ``start`` None with an ``end`` is open at the start ("has been training pilots",
    up to the publication date); both None is unknown."""

    start: date | None = None
    end: date | None = None
    granularity: Granularity = "unknown"
    basis: DateBasis = "unknown"
    text: str | None = None

    @staticmethod
    def unknown() -> "TimeSpan":
        return TimeSpan()

    @property
    def known(self) -> bool:
        """True when either bound is known ("before 2019" has only an end)."""
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class PubDate:
    start: date | None = None
    end: date | None = None
    basis: PubBasis = "unknown"
    evidence: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned article, keyed by the hash of its normalised text."""

    doc_id: str
    path: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PubDate = field(default_factory=PubDate)
    genre: Genre = "unknown"
    source_format: str = "txt"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int        # character offsets in Document.text
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    role: Role
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    name: str
    quantity: float | None = None
    value: str | None = None


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Mention:
    doc_id: str
    doc_path: str
    sentence: str
    start: int
    end: int
    attribution: str | None = None
    factuality: Factuality = "asserted"


@dataclass(frozen=True)
class Event:
    id: str
    category: Category
    factuality: Factuality
    date: TimeSpan
    actors: tuple[Actor, ...]
    countries: tuple[str, ...]
    mentions: tuple[Mention, ...]
    items: tuple[Item, ...] = ()
    location: Location | None = None
    stage: Stage | None = None
    summary: str = ""
    attribution: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class ClaimSubject:
    """What a claim is about: a weapon system, an item, an agreement, a relation or an actor,
    with the states it concerns (ISO3, sorted)."""

    kind: str          # weapon_system | item | agreement | relation | actor
    name: str
    countries: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.kind, self.name, self.countries)


@dataclass(frozen=True)
class Claim:
    """One checkable statement in one sentence: a quantity, an amount of money, the date of a
    fact, a rank, or a description of an actor, with who says it."""

    id: str
    doc_id: str
    doc_path: str
    kind: ClaimKind
    subject: ClaimSubject
    attribute: str               # "count.ordered", "price", "date.signed", "rank:first state to recognise", ...
    text: str                    # the claim's words as written
    start: int                   # character offsets of ``text`` in Document.text
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    value: float | None = None   # count, amount in currency units, or rank
    value_max: float | None = None   # upper end of a range ("8-10 million dollars")
    previous: float | None = None    # the first value of a change ("from an initial 10 to 24")
    unit: str | None = None      # ISO 4217 code for money, the counted noun for quantities
    date: TimeSpan | None = None     # the value of a date claim
    context_year: int | None = None  # the year the sentence places the fact in, when it says
    qualifier: Qualifier = "exact"
    description: str | None = None   # description claims: "Balkan nation"
    attribution: str | None = None   # who the text says said it; None: the outlet's own voice
    outlet: str | None = None


@dataclass(frozen=True)
class DocumentResult:
    """Everything the per-document stages produce for one document."""

    document: Document
    n_sentences: int
    events: tuple[Event, ...]
    claims: tuple[Claim, ...] = ()
