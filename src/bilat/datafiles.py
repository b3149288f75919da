"""Reading the YAML files shipped in ``bilat/data`` (cue lexicons, boilerplate, genre
cues, named periods): one place that turns a missing or malformed file into a
:class:`~bilat.errors.KnowledgeError` naming the file, the reason and the fix.

The schema-validated knowledge files (countries, offices, ...) have their own
loader in :mod:`bilat.knowledge.loading`, which also reports record lines.
"""
from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import jsonschema
import yaml

from .errors import KnowledgeError

RESTORE_HINT = "reinstall bilat or restore the file from the package"


def data_file(name: str) -> Traversable:
    """The packaged file ``bilat/data/<name>``."""
    return resources.files("bilat") / "data" / name


def read_data_yaml(name: str) -> Any:
    """The parsed contents of ``bilat/data/<name>``; unreadable or invalid YAML raises KnowledgeError."""
    path = data_file(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc}); {RESTORE_HINT}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML ({exc}); fix the syntax or {RESTORE_HINT}") from exc


def read_data_mapping(name: str) -> dict[str, Any]:
    """Like :func:`read_data_yaml`, for files whose top level must be a mapping."""
    data = read_data_yaml(name)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{data_file(name)}: expected a mapping at the top level, "
                             f"got {type(data).__name__}; {RESTORE_HINT}")
    return data


def read_validated_mapping(name: str) -> dict[str, Any]:
    """Like :func:`read_data_mapping`, checked against ``schemas/<stem>.schema.json``;
    a record that breaks the schema raises KnowledgeError naming the file and the field."""
    data = read_data_mapping(name)
    stem = name.rsplit(".", 1)[0]
    schema_path = data_file(f"schemas/{stem}.schema.json")
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"{schema_path}: schema cannot be read ({exc}); {RESTORE_HINT}") from exc
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise KnowledgeError(f"{data_file(name)}: field '{where}': {error.message}; "
                             f"fix the entry (see {schema_path.name}) or {RESTORE_HINT}")
    return data
