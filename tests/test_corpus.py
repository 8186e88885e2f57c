"""Sweeps over the shared corpus of real templates and model outputs.

The default run checks every file without cfn-lint and a sample with it;
``pytest --corpus-full`` runs cfn-lint over every file that flags a zone,
password or NAT flaw with those three fixes, and over every corpus file with
all fixes. A repair with all fixes may add no cfn-lint finding at all,
warnings included.
"""

from __future__ import annotations

import collections
import shutil

import pytest
from typer.testing import CliRunner

from corpus import CORPUS, outside_blocks, read, rows, templates
from fixer.api import FAILED, REPAIRED, SKIPPED, UNCHANGED, repair
from fixer.cli import app
from fixer.document import Document, guess_format
from fixer.engine import Options
from fixer.noise import noise
from helpers import dangling_references, lint

pytestmark = pytest.mark.skipif(not rows(), reason=f"corpus not found at {CORPUS}")

ISSUE_FLAGS = {"hardcoded-az", "plaintext-db-password", "multi-nat"}

CORE_FIXES = Options(select=frozenset({"FX101", "FX102", "FX201"}))
# cfn-lint rules that the zone and password fixes exist to silence.
TARGETED = {"W3010", "W2501", "W1011"}


def _new_dangling(block) -> set[str]:
    """Return targets the repair left dangling that resolved before it."""
    def targets(data):
        return {line.rpartition(" -> ")[2] for line in dangling_references(data)}

    return targets(block.after) - targets(block.before)


def _ids(rows_):
    return [row["path"] for row in rows_]


ALL = rows()


@pytest.mark.parametrize("row", ALL, ids=_ids(ALL))
def test_corpus_file_repairs_cleanly(row):
    path = row["path"]
    text = read(row)
    result = repair(text, path)
    assert result.status in (REPAIRED, UNCHANGED, SKIPPED, FAILED)
    if result.error is not None:
        assert "internal error" not in result.error.message, str(result.error)
        assert result.error.line >= 1 and result.error.column >= 1
        assert result.output == text
        return
    if result.status == UNCHANGED:
        assert result.output == text
        return
    again = repair(result.output, path)
    assert again.status == UNCHANGED, f"second run changed {path}: {again.changes[:3]}"
    for block in result.blocks:
        assert _new_dangling(block) == set()
    if path.endswith(".md"):
        assert outside_blocks(result.output) == outside_blocks(text)
    before_blocks = templates(path, text)
    after_blocks = templates(path, result.output)
    assert len(before_blocks) == len(after_blocks)
    for before, after in zip(before_blocks, after_blocks):
        if before == after:
            continue
        document = Document.parse(before, guess_format("x.md" if path.endswith(".md") else path, before))
        assert noise(document, Document.parse(after, document.format).data, after) == 0


def test_corpus_counts_add_up(capsys):
    counts = collections.Counter(repair(read(row), row["path"]).status for row in ALL)
    with capsys.disabled():
        print(f"\ncorpus: {len(ALL)} files: {dict(counts)}")
    assert sum(counts.values()) == len(ALL)
    assert counts[REPAIRED] > 100


def _lint_counts(text: str) -> tuple[collections.Counter, list[str]]:
    findings = lint(text)
    errors = collections.Counter(m.rule.id for m in findings if m.rule.id.startswith("E"))
    targeted = [f"{m.rule.id} line {m.linenumber}: {m.message}" for m in findings
                if m.rule.id in TARGETED and "secure dynamic reference" not in m.message]
    return errors, targeted


FLAGGED = rows(ISSUE_FLAGS)
# Every eighth flagged file keeps the default run to about a minute.
SAMPLE = FLAGGED[::8]


def _check_cli_repair(row, tmp_path):
    source = CORPUS / row["path"]
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    before = read(row)
    result = CliRunner().invoke(app, ["fix", *sum((["--select", s] for s in CORE_FIXES.select), []), str(target)])
    after = target.read_bytes().decode("utf-8")
    check = repair(before, row["path"], CORE_FIXES)
    if check.status == FAILED:
        assert result.exit_code == 2, result.output
        assert after == before
        return
    assert result.exit_code == 0, result.output
    assert after == check.output
    for block in check.blocks:
        assert _new_dangling(block) == set()
    for old, new in zip(templates(row["path"], before), templates(row["path"], after)):
        if old == new:
            continue
        Document.parse(new, guess_format("x.md" if row["path"].endswith(".md") else row["path"], new))
        errors_before, _ = _lint_counts(old)
        errors_after, targeted_after = _lint_counts(new)
        added = errors_after - errors_before
        assert not added, f"new cfn-lint errors: {dict(added)}"
        assert targeted_after == []


@pytest.mark.parametrize("row", SAMPLE, ids=_ids(SAMPLE))
def test_flagged_sample_through_cli(row, tmp_path):
    _check_cli_repair(row, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("row", FLAGGED, ids=_ids(FLAGGED))
def test_flagged_file_through_cli(row, tmp_path):
    _check_cli_repair(row, tmp_path)


def _check_all_fixes(row, tmp_path):
    """Repair a copy with every fix through the CLI; judge the output with cfn-lint."""
    source = CORPUS / row["path"]
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    before = read(row)
    result = CliRunner().invoke(app, ["fix", "--no-config", str(target)])
    after = target.read_bytes().decode("utf-8")
    check = repair(before, row["path"])
    if check.status == FAILED:
        assert result.exit_code == 2, result.output
        assert after == before
        return
    assert result.exit_code == 0, result.output
    assert after == check.output
    again = CliRunner().invoke(app, ["fix", "--no-config", str(target)])
    assert again.exit_code == 0, again.output
    assert target.read_bytes().decode("utf-8") == after
    for block in check.blocks:
        assert _new_dangling(block) == set()
    for old, new in zip(templates(row["path"], before), templates(row["path"], after)):
        if old == new:
            continue
        Document.parse(new, guess_format("x.md" if row["path"].endswith(".md") else row["path"], new))
        old_rules = collections.Counter(m.rule.id for m in lint(old))
        new_rules = collections.Counter(m.rule.id for m in lint(new))
        added = new_rules - old_rules
        assert not added, f"new cfn-lint findings: {dict(added)}"


# Every twelfth file keeps the default run to about a minute.
SAMPLE_ANY = ALL[::12]


@pytest.mark.parametrize("row", SAMPLE_ANY, ids=_ids(SAMPLE_ANY))
def test_all_fixes_sample_through_cli(row, tmp_path):
    _check_all_fixes(row, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("row", ALL, ids=_ids(ALL))
def test_all_fixes_file_through_cli(row, tmp_path):
    _check_all_fixes(row, tmp_path)
