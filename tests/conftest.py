"""Shared fixtures: the seeds from ../shared, the knowledge base, the spaCy pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS_DIR = SHARED / "corpus" / "seeds"
SPEC_DIR = SHARED / "spec"
DEMO_DIR = REPO / "src" / "bilat" / "demo" / "corpus"


def _require_shared(path: Path) -> Path:
    if not path.exists():
        reason = f"{path} is absent (a user's clone without ../shared); CI always has it"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _require_shared(SEEDS_DIR)


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    return _require_shared(SPEC_DIR)


@pytest.fixture(scope="session")
def seed_text(seeds_dir: Path):
    """seed_text("004") -> the raw text of the seed whose file name starts with 004."""
    def read(prefix: str) -> str:
        (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
        return path.read_text(encoding="utf-8")
    return read


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO_DIR


@pytest.fixture(scope="session")
def kb():
    from bilat.knowledge import load_knowledge
    return load_knowledge()


@pytest.fixture(scope="session")
def nlp(kb):
    from bilat.nlp import load_nlp
    return load_nlp(kb)
