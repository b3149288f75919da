"""Dependencies point one way: the import graph keeps the architecture honest.

duckdb only in store/, typer only in cli.py, fastapi only in web/, dask only in
engine.py; the per-document stages never import the store, the CLI, the web app
or the API.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bilat"
STAGES = ("ingest", "clean", "nlp", "actors", "temporal", "events", "claims", "link", "crossdoc")
FRONT_DOORS = ("bilat.store", "bilat.cli", "bilat.web", "bilat.api")

# third-party package -> the only places (paths relative to src/bilat) allowed to import it
CONFINED = {
    "duckdb": ("store/",),
    "typer": ("cli.py",),
    "fastapi": ("web/",),
    "dask": ("engine.py",),
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _package_of(path: Path) -> list[str]:
    """The package a module's relative imports start from: bilat/x/y.py -> [bilat, x]."""
    return ["bilat", *path.relative_to(PACKAGE).parent.parts]


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(path)
                base = ".".join(package[: len(package) - node.level + 1])
                if node.module:
                    yield node.lineno, f"{base}.{node.module}"
                else:
                    for alias in node.names:
                        yield node.lineno, f"{base}.{alias.name}"
            elif node.module:
                yield node.lineno, node.module


def _is(module: str, target: str) -> bool:
    return module == target or module.startswith(target + ".")


def _in_stage(path: Path) -> bool:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py") in STAGES


def test_layering_resolves_relative_imports():
    store_init = PACKAGE / "store" / "__init__.py"
    assert _package_of(store_init) == ["bilat", "store"]
    assert _package_of(PACKAGE / "cli.py") == ["bilat"]
    assert _package_of(PACKAGE / "store" / "migrations.py") == ["bilat", "store"]
    assert ("bilat.api" in {m for _, m in imported_modules(PACKAGE / "cli.py")})
    assert ("bilat.errors" in {m for _, m in imported_modules(store_init)})


@pytest.mark.parametrize(("package", "allowed"), sorted(CONFINED.items()))
def test_layering_third_party_confined(package, allowed):
    offenders = [
        f"{_relative(path)}:{line} imports {module}"
        for path in _modules() if not _relative(path).startswith(allowed)
        for line, module in imported_modules(path) if _is(module, package)
    ]
    assert not offenders, f"{package} may only be imported in {allowed}: {offenders}"


def test_layering_stages_never_import_store_cli_web_or_api():
    offenders = [
        f"{_relative(path)}:{line} imports {module}"
        for path in _modules() if _in_stage(path)
        for line, module in imported_modules(path)
        if any(_is(module, door) for door in FRONT_DOORS)
    ]
    assert not offenders, f"stages must return records and leave storage to the driver: {offenders}"


def test_layering_store_does_not_import_front_ends():
    offenders = [
        f"{_relative(path)}:{line} imports {module}"
        for path in (PACKAGE / "store").rglob("*.py")
        for line, module in imported_modules(path)
        if any(_is(module, m) for m in ("bilat.cli", "bilat.web", "bilat.api", "bilat.export", "typer", "fastapi"))
    ]
    assert not offenders, offenders
