"""Whole-template cases in fixtures/: expected outputs, cfn-lint, idempotence.

Run ``pytest tests/test_fixtures.py --update-snapshots`` after changing a fix,
then review the fixtures' diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixer.api import REPAIRED, UNCHANGED, repair
from fixer.engine import Options
from helpers import dangling_references, lint_findings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORE = Options(select=frozenset({"FX101", "FX102", "FX201"}))
CASES = [
    pytest.param("webapp-flawed.yaml", "webapp-core.yaml", CORE, id="yaml-core-fixes"),
    pytest.param("webapp-flawed.json", "webapp-core.json", CORE, id="json-core-fixes"),
    pytest.param("webapp-flawed.yaml", "webapp-all.yaml", Options(), id="yaml-all-fixes"),
    pytest.param("webapp-flawed.json", "webapp-all.json", Options(), id="json-all-fixes"),
]
TARGETED = ("W3010", "W2501", "W1011")
PASSWORD = "Shop-Passw0rd-2024"


@pytest.mark.parametrize(("source", "expected", "options"), CASES)
def test_fixture_repair(source, expected, options, request):
    text = (FIXTURES / source).read_text()
    result = repair(text, source, options)
    assert result.status == REPAIRED
    snapshot = FIXTURES / expected
    if request.config.getoption("--update-snapshots"):
        snapshot.write_text(result.output)
    assert result.output == snapshot.read_text()

    findings = lint_findings(result.output)
    assert [f for f in findings if f.startswith("E")] == []
    assert [f for f in findings if f.startswith(TARGETED)] == []
    assert dangling_references(result.blocks[0].after) == []
    assert PASSWORD not in result.output
    assert repair(result.output, source, options).status == UNCHANGED


@pytest.mark.parametrize("source", ["webapp-flawed.yaml", "webapp-flawed.json"])
def test_fixture_reports_hide_password(source):
    result = repair((FIXTURES / source).read_text(), source)
    assert PASSWORD not in result.diff()
    assert PASSWORD not in "\n".join(result.summary())


@pytest.mark.parametrize("source", ["webapp-flawed.yaml", "webapp-flawed.json"])
def test_fixture_has_the_flaws(source):
    findings = lint_findings((FIXTURES / source).read_text())
    assert any(f.startswith("W3010") for f in findings)
    assert any(f.startswith(("W2501", "W1011")) for f in findings)
