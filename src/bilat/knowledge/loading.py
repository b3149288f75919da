"""Reading the knowledge files: parse, validate against ``data/schemas``, merge --kb files,
build the :class:`~bilat.knowledge.lookups.Knowledge` lookups."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..errors import KnowledgeError
from .lookups import Knowledge
from .records import (
    Exercise, Organisation, Place, Rank, Weapon, country_from_record, holder_from_record,
    merge_country_records, merge_offices,
)

DATA_DIR = Path(str(resources.files("bilat") / "data"))
SCHEMA_DIR = DATA_DIR / "schemas"
STEMS: tuple[str, ...] = (
    "countries", "countries_extra", "offices", "ranks", "organisations", "places",
    "office_holders", "weapons", "exercises",
)
FORMAT_HINT = "see bilat/data/FORMAT.md for the record format"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings so that schemas and tenure parsing see one shape."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _record_lines(text: str) -> list[int]:
    """1-based line of each item of a top-level YAML sequence (empty when not a sequence)."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []


def _mapping_lines(text: str, stem: str) -> list[int]:
    """1-based line of each record under ``stem:`` in a --kb mapping."""
    node = yaml.compose(text, Loader=_LOADER)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == stem and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def _parse_file(path: Path) -> tuple[Any, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: knowledge file not found; reinstall bilat or pass an existing --kb file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc}); save it as UTF-8 text") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_LOADER)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: not valid {path.suffix.lstrip('.').upper() or 'YAML'} ({exc}); fix the syntax") from exc
    return _jsonable(data), text


@lru_cache(maxsize=None)
def _validator(stem: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / f"{stem}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _error_field(error: jsonschema.ValidationError) -> str:
    path = [str(p) for p in list(error.absolute_path)[1:]]
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        path.append(missing.group(1) if missing else "?")
    elif error.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        path.append(extra[0] if extra else "?")
    return ".".join(path) or "(record)"


def validate_records(stem: str, records: Any, source: str, lines: Callable[[], Sequence[int]] = list) -> list[dict]:
    """Check records against the stem's schema; raise naming file, record index, line and field.

    ``lines`` computes each record's line only when there is an error to report.
    """
    if not isinstance(records, list):
        raise KnowledgeError(f"{source}: expected a list of {stem} records, got {type(records).__name__}; {FORMAT_HINT}")
    errors = sorted(_validator(stem).iter_errors(records), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        index = error.absolute_path[0] if error.absolute_path else None
        if index is None:
            raise KnowledgeError(f"{source}: {error.message}; {FORMAT_HINT}")
        record_lines = lines()
        line = f" (line {record_lines[index]})" if isinstance(index, int) and index < len(record_lines) else ""
        raise KnowledgeError(
            f"{source}: {stem} record {index}{line}, field '{_error_field(error)}': {error.message}; "
            f"fix or remove the record ({FORMAT_HINT})"
        )
    return records


def read_default_file(stem: str) -> list[dict]:
    path = DATA_DIR / (f"{stem}.json" if stem == "countries" else f"{stem}.yaml")
    data, text = _parse_file(path)
    if data is None:
        data = []
    return validate_records(stem, data, str(path), lambda: _record_lines(text))


def read_extra_file(path: str | Path) -> dict[str, list[dict]]:
    """A --kb file: a YAML mapping {stem: [records]}, each list validated with its stem's schema."""
    path = Path(path)
    data, text = _parse_file(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: a --kb file must be a mapping of file stems to record lists, "
                             f"e.g. 'weapons: [...]'; known stems: {', '.join(STEMS)}")
    out = {}
    for stem, records in data.items():
        if stem not in STEMS:
            raise KnowledgeError(f"{path}: unknown knowledge stem '{stem}'; use one of {', '.join(STEMS)}")
        out[stem] = validate_records(stem, records, str(path), lambda stem=stem: _mapping_lines(text, stem))
    return out


def build_knowledge(data: dict[str, list[dict]]) -> Knowledge:
    countries_records = merge_country_records(data.get("countries", []), data.get("countries_extra", []))
    return Knowledge(
        countries={c.iso3: c for c in map(country_from_record, countries_records)},
        offices=merge_offices(data.get("offices", [])),
        holders=[holder_from_record(r) for r in data.get("office_holders", [])],
        organisations=[Organisation(r["name"], tuple(r.get("aliases", [])), r["kind"], r.get("country"),
                                    r.get("sector"), tuple(r.get("members", []))) for r in data.get("organisations", [])],
        weapons=[Weapon(r["name"], tuple(r.get("aliases", [])), r["type"], tuple(r.get("makers", [])))
                 for r in data.get("weapons", [])],
        exercises=[Exercise(r["name"], tuple(r.get("aliases", [])), bool(r.get("year_suffix", False)), r["kind"],
                            tuple(r.get("participants", []))) for r in data.get("exercises", [])],
        places=[Place(r["name"], tuple(r.get("aliases", [])), r["kind"], r.get("country"))
                for r in data.get("places", [])],
        ranks=[Rank(r["rank"], r["sector"], tuple(r.get("aliases", []))) for r in data.get("ranks", [])],
    )


def _read_all_defaults() -> dict[str, list[dict]]:
    return {stem: read_default_file(stem) for stem in STEMS}


@lru_cache(maxsize=1)
def _default_knowledge() -> Knowledge:
    return build_knowledge(_read_all_defaults())


def load_knowledge(extra_files: Sequence[str | Path] = ()) -> Knowledge:
    """The packaged knowledge base plus any --kb files (cached when there are none)."""
    if not extra_files:
        return _default_knowledge()
    data = _read_all_defaults()
    for path in extra_files:
        for stem, records in read_extra_file(path).items():
            target = "countries_extra" if stem == "countries" else stem   # --kb countries add to, not replace
            data[target] = [*data.get(target, []), *records]
    return build_knowledge(data)
