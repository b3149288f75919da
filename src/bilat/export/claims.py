"""Claims and contradictions as export records: the shapes ``docs/claims.schema.json``
describes (``$defs/claim`` and ``$defs/contradiction``), and their flat CSV rows."""
from __future__ import annotations

from datetime import date
from typing import Any

from ..claims.contradictions import Contradiction
from ..records import Claim

CLAIM_COLUMNS = (
    ("id", "VARCHAR"), ("kind", "VARCHAR"), ("subject_kind", "VARCHAR"), ("subject_name", "VARCHAR"),
    ("countries", "VARCHAR"), ("attribute", "VARCHAR"), ("value", "DOUBLE"), ("value_max", "DOUBLE"),
    ("previous", "DOUBLE"), ("unit", "VARCHAR"), ("qualifier", "VARCHAR"), ("date_start", "DATE"),
    ("date_end", "DATE"), ("date_granularity", "VARCHAR"), ("context_year", "INTEGER"),
    ("description", "VARCHAR"), ("text", "VARCHAR"), ("attribution", "VARCHAR"),
    ("attribution_basis", "VARCHAR"), ("outlet", "VARCHAR"), ("doc_id", "VARCHAR"), ("doc_path", "VARCHAR"),
    ("start", "INTEGER"), ("end", "INTEGER"), ("sentence", "VARCHAR"),
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def claim_record(claim: Claim) -> dict[str, Any]:
    """One claim as ``docs/claims.schema.json#/$defs/claim`` describes it. ``attribution`` is
    who says it: the source the sentence names, else the outlet (``attribution_basis`` says which)."""
    d = claim.date
    basis = "text" if claim.attribution else ("outlet" if claim.outlet else "unknown")
    return {
        "id": claim.id,
        "kind": claim.kind,
        "subject": {"kind": claim.subject.kind, "name": claim.subject.name,
                    "countries": list(claim.subject.countries)},
        "attribute": claim.attribute,
        "value": claim.value,
        "value_max": claim.value_max,
        "previous": claim.previous,
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "date": ({"start": _iso(d.start), "end": _iso(d.end), "granularity": d.granularity,
                  "basis": d.basis, "text": d.text} if d is not None else None),
        "context_year": claim.context_year,
        "description": claim.description,
        "text": claim.text,
        "attribution": claim.attribution or claim.outlet,
        "attribution_basis": basis,
        "outlet": claim.outlet,
        "evidence": {"doc_id": claim.doc_id, "doc_path": claim.doc_path, "sentence": claim.sentence,
                     "sentence_start": claim.sentence_start, "sentence_end": claim.sentence_end,
                     "start": claim.start, "end": claim.end},
    }


def contradiction_record(c: Contradiction) -> dict[str, Any]:
    """One contradiction (or not-comparable pair) with both sides and their sources."""
    return {
        "status": c.status,
        "kind": c.kind,
        "subject": {"kind": c.subject.kind, "name": c.subject.name, "countries": list(c.subject.countries)},
        "attribute": c.attribute,
        "reason": c.reason,
        "sides": [claim_record(c.first), claim_record(c.second)],
    }


def flatten_claim(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row for a claim export record (see ``CLAIM_COLUMNS``)."""
    d = record["date"] or {}
    ev = record["evidence"]
    flat = {k: v for k, v in record.items() if k not in {"subject", "date", "evidence"}}
    flat.update({
        "subject_kind": record["subject"]["kind"], "subject_name": record["subject"]["name"],
        "countries": "; ".join(record["subject"]["countries"]),
        "date_start": d.get("start"), "date_end": d.get("end"), "date_granularity": d.get("granularity"),
        "doc_id": ev["doc_id"], "doc_path": ev["doc_path"], "start": ev["start"], "end": ev["end"],
        "sentence": ev["sentence"],
    })
    return {name: flat.get(name) for name, _ in CLAIM_COLUMNS}
