"""Shared test helpers: repair inline templates and judge the output with cfn-lint."""

from __future__ import annotations

import textwrap

from fixer.api import repair
from fixer.document import Document
from fixer.engine import Options
from fixer.intrinsics import PSEUDO_PREFIX
from fixer.lint import lint
from fixer.template import Template


def fix_yaml(text: str, select: str | None = None, **options) -> tuple[str, list]:
    """Repair a dedented YAML template with one fix (or all); return the output and changes."""
    return fix_text(textwrap.dedent(text), "yaml", select, **options)


def fix_json(text: str, select: str | None = None, **options) -> tuple[str, list]:
    return fix_text(textwrap.dedent(text), "json", select, **options)


def fix_text(text: str, format: str, select: str | None = None, **options):
    chosen = Options(select=frozenset([select]) if select else frozenset(), **options)
    result = repair(text, f"template.{format}", chosen, format=format)
    assert result.error is None, str(result.error)
    return result.output, result.changes


def load(text: str, format: str = "yaml") -> dict:
    return Document.parse(text, format).data


def lint_findings(text: str) -> list[str]:
    """Return cfn-lint findings as "RULE message" strings (us-east-1 only)."""
    return [f"{match.rule.id} {match.message}" for match in lint(text)]


def lint_errors(text: str) -> list[str]:
    return [finding for finding in lint_findings(text) if finding.startswith("E")]


def dangling_references(data: dict) -> list[str]:
    """Return references whose target is neither a logical id nor a pseudo parameter."""
    template = Template(data)
    ids = template.logical_ids()
    return [
        f"{'/'.join(map(str, ref.path))} -> {ref.target}"
        for ref in template.references()
        if ref.target not in ids and not ref.target.startswith(PSEUDO_PREFIX)
    ]
