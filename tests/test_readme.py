"""The README is tested: its commands, options, make targets and Python snippet are real."""
from __future__ import annotations

import ast
import inspect
import re
from importlib import import_module
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.records import FACTUALITIES

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.DOTALL)
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b")
runner = CliRunner()


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README) if lang == language]


def cli_lines() -> list[tuple[str, str]]:
    """(command, rest of the line) for every ``bilat <command> ...`` line of the shell blocks."""
    out = []
    for body in blocks("sh"):
        for line in body.splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] == "bilat":
                out.append((words[1], line))
    return out


def test_readme_shows_cli_usage():
    assert cli_lines(), "README.md shows no `bilat <command>` line"


@pytest.mark.parametrize(("command", "line"), cli_lines())
def test_readme_cli_options_exist(command, line):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for option in OPTION.findall(line):
        assert option in result.output, f"README shows `{option}` for `bilat {command}` but --help does not"


def test_readme_make_targets_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    shown = set(re.findall(r"\bmake ([a-z][\w-]*)", README))
    assert shown and shown <= targets, f"README names make targets the Makefile lacks: {shown - targets}"


def test_readme_python_snippet_uses_the_real_api():
    (snippet, *_) = blocks("python")
    tree = ast.parse(snippet)
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = import_module(node.module or "")
            for alias in node.names:
                names[alias.asname or alias.name] = getattr(module, alias.name)
    assert names, "the Python snippet imports nothing"
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute))]
    checked = 0
    for call in calls:
        target = _resolve(call.func, names)
        if target is None:
            continue
        params = inspect.signature(target).parameters
        open_ended = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
        for keyword in call.keywords:
            assert open_ended or keyword.arg in params, f"README calls {ast.unparse(call.func)}({keyword.arg}=...)"
        checked += 1
    assert checked >= 2


def _resolve(func: ast.expr, names: dict[str, object]) -> object | None:
    if isinstance(func, ast.Name):
        return names.get(func.id)
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in names:
        return getattr(names[func.value.id], func.attr)
    return None


def test_readme_names_every_factuality():
    missing = [f for f in FACTUALITIES if f not in README]
    assert not missing, missing
