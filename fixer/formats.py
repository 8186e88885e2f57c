"""Report formats for batch runs: text, JSON Lines, SARIF 2.1.0 and GitHub annotations.

Reporters only format ``FileRecord``s, whose texts have secrets masked
already. Data goes to stdout; the summary table goes to stderr.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from rich.console import Console
from rich.table import Table
from rich.text import Text

from fixer import __version__
from fixer.api import FAILED, REPAIRED, SKIPPED, UNCHANGED
from fixer.batch import FileRecord, Finding, Problem
from fixer.engine import registered_fixes

STATUSES = (REPAIRED, UNCHANGED, SKIPPED, FAILED)
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/cfn-fixer/"


def fix_names() -> dict[str, str]:
    return {module.ID: module.NAME for module in registered_fixes()}


@dataclass
class Totals:
    """Counts over a run: files by status; files, changes and notices by fix."""

    statuses: Counter = field(default_factory=Counter)
    fix_files: Counter = field(default_factory=Counter)
    fix_changes: Counter = field(default_factory=Counter)
    fix_notices: Counter = field(default_factory=Counter)

    @property
    def files(self) -> int:
        return sum(self.statuses.values())

    def add(self, record: FileRecord) -> None:
        self.statuses[record.status] += 1
        fixes = set()
        for change in record.changes:
            self.fix_changes[change.fix_id] += 1
            fixes.add(change.fix_id)
        for notice in record.notices:
            self.fix_notices[notice.fix_id] += 1
            fixes.add(notice.fix_id)
        self.fix_files.update(fixes)

    def fix_rows(self) -> list[dict]:
        """Return one row per fix that changed or noted anything, in registry order."""
        rows = []
        for module in registered_fixes():
            if self.fix_files[module.ID]:
                rows.append(
                    {
                        "fix": module.ID,
                        "name": module.NAME,
                        "files": self.fix_files[module.ID],
                        "changes": self.fix_changes[module.ID],
                        "notices": self.fix_notices[module.ID],
                    }
                )
        return rows


def print_summary(
    totals: Totals, console: Console, preview: bool, fixes: bool = True
) -> None:
    """Print the files by status, then (with ``fixes``) how often each fix applied."""
    repaired = "would repair" if preview else "repaired"
    table = Table(title="cfn-fixer summary", title_justify="left")
    for heading in ("files", repaired, "unchanged", "skipped", "failed"):
        table.add_column(heading, justify="right")
    table.add_row(
        str(totals.files), *(str(totals.statuses[status]) for status in STATUSES)
    )
    console.print(table)
    rows = totals.fix_rows()
    if rows and fixes:
        console.print(_fix_table(rows))


def _fix_table(rows: list[dict]) -> Table:
    table = Table()
    table.add_column("fix")
    table.add_column("name")
    for heading in ("files", "changes", "notices"):
        table.add_column(heading, justify="right")
    for row in rows:
        table.add_row(
            row["fix"],
            row["name"],
            str(row["files"]),
            str(row["changes"]),
            str(row["notices"]),
        )
    return table


def print_statistics(totals: Totals, console: Console, as_json: bool) -> None:
    """Print the flaws per fix over the whole run (``--statistics``) on stdout."""
    if as_json:
        document = {
            "files": totals.files,
            "statuses": {status: totals.statuses[status] for status in STATUSES},
            "fixes": totals.fix_rows(),
        }
        console.file.write(json.dumps(document, indent=2) + "\n")
        return
    rows = totals.fix_rows()
    if rows:
        console.print(_fix_table(rows))
    else:
        console.print("no fix applies to any file")


class Reporter:
    """Receives each file's record as it finishes, then the totals."""

    def file(self, record: FileRecord) -> None:
        pass

    def close(self, totals: Totals) -> None:
        pass


class FailureReporter(Reporter):
    """Errors only, for runs whose report is the statistics: a failed file is still named."""

    def __init__(self, console: Console):
        self.console = console

    def file(self, record: FileRecord) -> None:
        if record.status == FAILED and record.error is not None:
            self.console.print(_located(record.path, record.error, "error", "bold red"),
                               soft_wrap=True, highlight=False)


class TextReporter(Reporter):
    """Lines for people; ``diff_out`` receives the unified diffs, if requested."""

    def __init__(
        self, console: Console, verbose: bool = False, diff_out: TextIO | None = None
    ):
        self.console = console
        self.verbose = verbose
        self.diff_out = diff_out

    def file(self, record: FileRecord) -> None:
        if self.diff_out is not None and record.diff:
            self.diff_out.write(record.diff)
            self.diff_out.flush()
        for line in self.lines(record):
            self.console.print(line, soft_wrap=True, highlight=False)

    def lines(self, record: FileRecord) -> list[Text]:
        lines: list[Text] = []
        if record.error is not None and record.status == FAILED:
            lines.append(_located(record.path, record.error, "error", "bold red"))
        elif record.status == REPAIRED:
            verb = "repaired" if record.written or record.extracted else "would repair"
            count = len(record.changes)
            header = Text(f"{record.path}: ", style="bold")
            header.append(
                f"{verb} ({count} change{'s' if count != 1 else ''})", style="green"
            )
            lines.append(header)
        elif (self.verbose or record.notices or record.warnings
              or (record.status == SKIPPED and record.named)):
            reason = f": {record.error.message}" if record.error else ""
            lines.append(Text(f"{record.path}: {record.status}{reason}", style="dim"))
        for warning in record.warnings:
            lines.append(_located(record.path, warning, "warning", "yellow"))
        for target in record.extracted:
            lines.append(Text(f"  extracted to {target}", style="dim"))
        for change in sorted(record.changes, key=_by_line):
            lines.append(
                _finding_line(
                    change.line, change.fix_id, f"{change.path}: {change.message}"
                )
            )
        for notice in sorted(record.notices, key=_by_line):
            text = f"left alone: {notice.path}: {notice.message}"
            lines.append(_finding_line(notice.line, notice.fix_id, text, "yellow"))
        for finding in record.lint:
            where = f" at line {finding.line}" if finding.line else ""
            text = (
                f"  cfn-lint {finding.rule}{where} of the repaired file: "
                f"{finding.message}"
            )
            lines.append(
                Text(text, style="red" if finding.rule.startswith("E") else "yellow")
            )
        if self.verbose:
            lines.extend(Text(f"    {line}", style="dim") for line in record.summary)
        return lines


def _by_line(finding: Finding) -> int:
    return finding.line or 0


def _line_or_last(finding: Finding) -> tuple[bool, int]:
    """Order findings by line, with those that have no line at the end."""
    return finding.line is None, finding.line or 0


def _located(path: str, problem: Problem, level: str, style: str) -> Text:
    where = (
        path if problem.line is None else f"{path}:{problem.line}:{problem.column or 1}"
    )
    text = Text(f"{where}: ")
    text.append(level, style=style)
    text.append(f": {problem.message}")
    return text


def _finding_line(
    line: int | None, fix_id: str, message: str, style: str = "cyan"
) -> Text:
    where = f"line {line}" if line else ""
    text = Text(f"  {where:>10}  ")
    text.append(fix_id, style=style)
    text.append(f"  {message}")
    return text


class JsonLinesReporter(Reporter):
    """One JSON object per file and line, written as each file finishes."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.names = fix_names()

    def file(self, record: FileRecord) -> None:
        self.stream.write(
            json.dumps(record_json(record, self.names), ensure_ascii=False) + "\n"
        )
        self.stream.flush()


def record_json(record: FileRecord, names: dict[str, str]) -> dict:
    """Return the JSON form of one file's record."""

    def finding(item) -> dict:
        return {
            "fix": item.fix_id,
            "name": names.get(item.fix_id),
            "path": item.path,
            "line": item.line,
            "message": item.message,
        }

    document = {
        "path": record.path,
        "status": record.status,
        "written": record.written,
        "extracted": record.extracted,
        "changes": [finding(change) for change in record.changes],
        "notices": [finding(notice) for notice in record.notices],
        "warnings": [asdict(warning) for warning in record.warnings],
        "error": asdict(record.error) if record.error else None,
        "lint": [asdict(item) for item in record.lint],
    }
    if record.summary:
        document["summary"] = record.summary
    if record.diff is not None:
        document["diff"] = record.diff
    return document


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, one annotation per change, notice or error."""

    def __init__(self, stream: TextIO, preview: bool):
        self.stream = stream
        self.names = fix_names()
        # A change still to make is a warning; one already written is a notice.
        self.change_level = "warning" if preview else "notice"

    def file(self, record: FileRecord) -> None:
        for change in sorted(record.changes, key=_line_or_last):
            title = f"{change.fix_id} {self.names.get(change.fix_id, '')}".strip()
            self._emit(
                self.change_level,
                record.path,
                change.line,
                None,
                title,
                f"{change.path}: {change.message}",
            )
        for notice in sorted(record.notices, key=_line_or_last):
            title = f"{notice.fix_id} {self.names.get(notice.fix_id, '')}".strip()
            self._emit(
                "notice",
                record.path,
                notice.line,
                None,
                title,
                f"left alone: {notice.path}: {notice.message}",
            )
        for warning in record.warnings:
            self._emit(
                "warning",
                record.path,
                warning.line,
                warning.column,
                "cfn-fixer",
                warning.message,
            )
        for finding in record.lint:
            level = "error" if finding.rule.startswith("E") else "warning"
            self._emit(
                level,
                record.path,
                None,
                None,
                f"cfn-lint {finding.rule}",
                f"the repair adds (line {finding.line} of the repaired file): "
                f"{finding.message}",
            )
        if record.status == FAILED and record.error is not None:
            error = record.error
            self._emit(
                "error",
                record.path,
                error.line,
                error.column,
                "cfn-fixer",
                error.message,
            )
        self.stream.flush()

    def _emit(
        self, level: str, path: str, line, column, title: str, message: str
    ) -> None:
        properties = [f"file={_escape_property(path)}"]
        if line:
            properties.append(f"line={line}")
        if column:
            properties.append(f"col={column}")
        properties.append(f"title={_escape_property(title)}")
        self.stream.write(
            f"::{level} {','.join(properties)}::{_escape_data(message)}\n"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log for code scanning, written when the run ends.

    Each change is a result whose ``ruleId`` is the fix id; notices are
    results of level ``note``. Files that failed appear as tool execution
    notifications, and ``executionSuccessful`` is false when any did.
    """

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.modules = registered_fixes()
        self.rule_index = {
            module.ID: index for index, module in enumerate(self.modules)
        }
        self.results: list[dict] = []
        self.notifications: list[dict] = []

    def file(self, record: FileRecord) -> None:
        for change in record.changes:
            self.results.append(
                self._result(
                    change.fix_id,
                    "warning",
                    record.path,
                    change.line,
                    f"{change.path}: {change.message}",
                )
            )
        for notice in record.notices:
            self.results.append(
                self._result(
                    notice.fix_id,
                    "note",
                    record.path,
                    notice.line,
                    f"left alone: {notice.path}: {notice.message}",
                )
            )
        for finding in record.lint:
            level = "error" if finding.rule.startswith("E") else "warning"
            message = (
                f"the repair adds (line {finding.line} of the repaired file): "
                f"{finding.message}"
            )
            self.results.append(
                self._result(finding.rule, level, record.path, None, message)
            )
        for warning in record.warnings:
            self.notifications.append(_notification("warning", record.path, warning))
        if record.status == FAILED and record.error is not None:
            self.notifications.append(_notification("error", record.path, record.error))

    def _result(
        self, rule: str, level: str, path: str, line: int | None, message: str
    ) -> dict:
        result: dict = {
            "ruleId": rule,
            "level": level,
            "message": {"text": message},
            "locations": [_location(path, line)],
        }
        if rule in self.rule_index:
            result["ruleIndex"] = self.rule_index[rule]
        return result

    def close(self, totals: Totals) -> None:
        run = {
            "tool": {
                "driver": {
                    "name": "cfn-fixer",
                    "version": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [_rule(module) for module in self.modules],
                }
            },
            "invocations": [
                {
                    "executionSuccessful": totals.statuses[FAILED] == 0,
                    "toolExecutionNotifications": self.notifications,
                }
            ],
            "results": self.results,
        }
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        self.stream.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")
        self.stream.flush()


def _rule(module) -> dict:
    return {
        "id": module.ID,
        "name": module.NAME,
        "shortDescription": {"text": module.TITLE},
        "fullDescription": {"text": module.RATIONALE},
        "help": {
            "text": f"{module.RATIONALE} Fix safety: {module.SAFETY}. "
            f"Run 'cfn-fixer explain {module.ID}' for details."
        },
        "helpUri": module.SOURCE_URL,
        "defaultConfiguration": {"level": "warning"},
    }


def _location(path: str, line: int | None, column: int | None = None) -> dict:
    physical: dict = {"artifactLocation": {"uri": artifact_uri(path)}}
    if line:
        region = {"startLine": line}
        if column:
            region["startColumn"] = column
        physical["region"] = region
    return {"physicalLocation": physical}


def _notification(level: str, path: str, problem: Problem) -> dict:
    return {
        "level": level,
        "message": {"text": problem.message},
        "locations": [_location(path, problem.line, problem.column)],
    }


def artifact_uri(path: str) -> str:
    """Return a relative URI for a relative path (as code scanning expects).

    An absolute path becomes a ``file://`` URI.
    """
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/")
