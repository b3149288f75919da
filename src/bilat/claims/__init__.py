"""Claims and contradictions: quantities, money, dates of facts, ranks and descriptions
of actors, each with who says it (extract.py, normalise.py), and the places where
claims about the same subject disagree (contradictions.py)."""
from __future__ import annotations

from .contradictions import Contradiction, find_contradictions
from .extract import claim_id, extract_claims
from .normalise import Money, find_money, parse_number

__all__ = ["Contradiction", "Money", "claim_id", "extract_claims", "find_contradictions", "find_money", "parse_number"]
