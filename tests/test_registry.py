"""The fix registry, its documentation and the explain command."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from fixer import docs
from fixer.cli import app
from fixer.engine import registered_fixes

FIXES_DIR = Path(__file__).resolve().parents[1] / "fixes"


def test_registry_lists_every_module_once():
    modules = {path.stem for path in FIXES_DIR.glob("*.py") if path.stem != "__init__"}
    registered = [module.__name__.rpartition(".")[2] for module in registered_fixes()]
    assert sorted(registered) == sorted(modules)
    assert len(set(registered)) == len(registered)


def test_fix_metadata_is_complete():
    ids = set()
    for module in registered_fixes():
        assert re.fullmatch(r"FX[1-9]\d\d", module.ID), module.__name__
        assert module.ID not in ids
        ids.add(module.ID)
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", module.NAME)
        assert module.NAME.replace("-", "_") == module.__name__.rpartition(".")[2]
        for attribute in ("TITLE", "RATIONALE", "SAFETY", "SOURCE_URL"):
            assert getattr(module, attribute), f"{module.ID} has no {attribute}"
        for section in ("## What it does", "## Why it matters", "## Fix safety"):
            assert section in (module.__doc__ or ""), f"{module.ID} lacks {section}"


def test_metadata_fix_runs_last():
    assert registered_fixes()[-1].ID == "FX501"


def test_docs_page_is_current():
    assert docs.PAGE.read_text() == docs.render(), "run: python -m fixer.docs"


def test_explain_prints_docstring():
    result = CliRunner().invoke(app, ["explain", "FX102"])
    assert result.exit_code == 0
    assert "## Fix safety" in result.output
    assert "multiple-nat-gateways" in result.output


def test_explain_unknown_fix_fails():
    result = CliRunner().invoke(app, ["explain", "FX999"])
    assert result.exit_code == 2
