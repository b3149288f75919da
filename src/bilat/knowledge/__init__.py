"""The knowledge base: countries, offices, office holders, organisations, weapons,
exercises, places and ranks, loaded from the validated data files in ``bilat/data``.

Every file is checked against ``data/schemas/<stem>.schema.json``; a bad record
raises :class:`bilat.errors.KnowledgeError` naming the file, the record, its line
and the field. Users add records with ``--kb FILE`` (a YAML mapping
``{stem: [records]}``), validated the same way.

``records`` holds the record dataclasses, ``keys`` the text normalising behind
every lookup, ``lookups`` the :class:`Knowledge` class, ``loading`` the file
reading, validation and --kb merging.
"""
from __future__ import annotations

from .keys import (
    clean, compact_tokens, drop_leading_words, fold, is_exact_form, loose_key, spelling_variants,
    strip_possessive,
)
from .loading import (
    DATA_DIR, FORMAT_HINT, SCHEMA_DIR, STEMS, build_knowledge, load_knowledge, read_default_file,
    read_extra_file, validate_records,
)
from .lookups import Knowledge
from .records import (
    Country, Exercise, Office, OfficeHolder, Organisation, Place, Rank, Weapon, country_forms,
    merge_country_records, parse_tenure_date,
)

__all__ = [
    "Country", "DATA_DIR", "Exercise", "FORMAT_HINT", "Knowledge", "Office", "OfficeHolder",
    "Organisation", "Place", "Rank", "SCHEMA_DIR", "STEMS", "Weapon", "build_knowledge", "clean",
    "compact_tokens", "country_forms", "drop_leading_words", "fold", "is_exact_form", "load_knowledge",
    "loose_key", "merge_country_records", "parse_tenure_date", "read_default_file", "read_extra_file",
    "spelling_variants", "strip_possessive", "validate_records",
]
