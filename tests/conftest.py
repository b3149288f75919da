"""Shared fixtures: the seeds from ../shared, the knowledge base, the spaCy pipeline."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS_DIR = SHARED / "corpus" / "seeds"
SPEC_DIR = SHARED / "spec"
DEMO_DIR = REPO / "src" / "bilat" / "demo" / "corpus"


def load_eval_script(name: str) -> ModuleType:
    """An eval/ script (not a package) imported as a module, e.g. load_eval_script("run_eval")."""
    path = REPO / "eval" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture(scope="session")
def dated(nlp, kb):
    """dated(text, published, title) -> the events the extractor finds in a news report
    published that day (no publication date when ``published`` is None)."""
    from datetime import date

    from bilat.events.extract import extract_events
    from bilat.records import Document, PubDate

    def run(text: str, published: "date | None" = date(2022, 5, 10), title: str | None = None):
        pub = PubDate(published, published, "metadata") if published else PubDate()
        doc = Document(doc_id="doc-dating", path="notes/dating.txt", text=text, title=title, published=pub, genre="news")
        return extract_events(doc, nlp(doc.text), kb)
    return run


def one(events, category: str | None = None):
    """The single event of ``category`` (any category when None) among ``events``."""
    found = [e for e in events if category in (None, e.category)]
    assert len(found) == 1, [(e.category, e.countries, e.date) for e in events]
    return found[0]

