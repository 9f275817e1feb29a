"""The layer rule is enforced: import-linter's contracts (pyproject.toml) must hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_import_does_not_load_textual_docx_or_holidays() -> None:
    code = (
        "import sys, iep_tui.cli, iep_tui.store.case_store, iep_tui.domain.models;"
        "print(sorted(m for m in ('textual', 'docx', 'holidays') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_cli_parser_does_not_load_the_models() -> None:
    """`iep-tui --help` builds every subcommand's parser: the argument choices come from
    `domain.vocabulary`, so pydantic and the models (~120 ms) load only when a command runs."""
    code = (
        "import sys; from iep_tui.cli import build_parser; build_parser();"
        "print(sorted(m for m in ('pydantic', 'iep_tui.domain.models') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_no_import_circle_anywhere_in_the_package() -> None:
    """Issue 15: the day_count <-> deadline_rules and models <-> roles circles were broken (rule_schema,
    role_spellings); none may come back, through module-level or in-function imports alike.
    grimp is the import graph import-linter itself builds."""
    import itertools

    import grimp

    graph = grimp.build_graph("iep_tui")
    circles = [
        (a, b)
        for a, b in itertools.combinations(sorted(graph.modules), 2)
        if graph.find_shortest_chain(a, b) and graph.find_shortest_chain(b, a)
    ]
    assert circles == []
