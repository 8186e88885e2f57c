"""Report formats: text, JSON Lines, SARIF 2.1.0, GitHub annotations and totals."""

from __future__ import annotations

import io
import json

from rich.console import Console

from fixer.api import FAILED, REPAIRED, SKIPPED, UNCHANGED
from fixer.batch import FileRecord, Finding, LintFinding, Problem
from fixer.formats import (
    GithubReporter,
    JsonLinesReporter,
    SarifReporter,
    TextReporter,
    Totals,
    artifact_uri,
    print_statistics,
    print_summary,
    record_json,
)

REPAIRED_RECORD = FileRecord(
    "stacks/web.yaml",
    REPAIRED,
    written="stacks/web.yaml",
    changes=[
        Finding(
            "FX101",
            "Resources/Subnet/Properties/AvailabilityZone",
            "zone 'us-east-1a'",
            7,
        ),
        Finding(
            "FX101",
            "Resources/Other/Properties/AvailabilityZone",
            "zone 'us-east-1b'",
            3,
        ),
        Finding("FX501", "Metadata/AWS::CloudFormation::Interface", "labels", None),
    ],
    notices=[Finding("FX102", "Resources/Nat", "NAT gateway in a Condition", 12)],
)
FAILED_RECORD = FileRecord(
    "bad.yaml", FAILED, error=Problem("invalid YAML: found '-'", 4, 2)
)
SKIPPED_RECORD = FileRecord(
    "compose.yaml", SKIPPED, error=Problem("no Resources section", 1, 1)
)
UNCHANGED_RECORD = FileRecord("clean.yaml", UNCHANGED)


def _totals(*records: FileRecord) -> Totals:
    totals = Totals()
    for record in records:
        totals.add(record)
    return totals


def _console() -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    return Console(file=stream, width=200, highlight=False), stream


def test_totals_count_statuses_and_fixes():
    totals = _totals(REPAIRED_RECORD, REPAIRED_RECORD, FAILED_RECORD, UNCHANGED_RECORD)
    assert totals.files == 4
    assert totals.statuses[REPAIRED] == 2
    assert totals.statuses[FAILED] == 1
    rows = {row["fix"]: row for row in totals.fix_rows()}
    assert rows["FX101"] == {
        "fix": "FX101",
        "name": "hardcoded-availability-zone",
        "files": 2,
        "changes": 4,
        "notices": 0,
    }
    assert rows["FX102"]["notices"] == 2
    assert rows["FX102"]["changes"] == 0
    assert [row["fix"] for row in totals.fix_rows()] == ["FX101", "FX102", "FX501"]


def test_text_report_lines_sorted_by_line():
    console, stream = _console()
    TextReporter(console).file(REPAIRED_RECORD)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "stacks/web.yaml: repaired (3 changes)"
    assert "FX501" in lines[1]
    assert "line 3" in lines[2]
    assert "line 7" in lines[3]
    assert "left alone: Resources/Nat: NAT gateway in a Condition" in lines[4]


def test_text_report_preview_verb():
    console, stream = _console()
    record = FileRecord("t.yaml", REPAIRED, changes=[Finding("FX101", "A", "m", 1)])
    TextReporter(console).file(record)
    assert stream.getvalue().startswith("t.yaml: would repair (1 change)\n")


def test_text_report_error_position():
    console, stream = _console()
    TextReporter(console).file(FAILED_RECORD)
    assert stream.getvalue() == "bad.yaml:4:2: error: invalid YAML: found '-'\n"


def test_text_report_quiet_about_clean_files():
    console, stream = _console()
    reporter = TextReporter(console)
    reporter.file(UNCHANGED_RECORD)
    reporter.file(SKIPPED_RECORD)
    assert stream.getvalue() == ""


def test_text_report_verbose_lists_clean_files():
    console, stream = _console()
    reporter = TextReporter(console, verbose=True)
    reporter.file(UNCHANGED_RECORD)
    reporter.file(SKIPPED_RECORD)
    assert stream.getvalue().splitlines() == [
        "clean.yaml: unchanged",
        "compose.yaml: skipped: no Resources section",
    ]


def test_text_report_markup_is_not_interpreted():
    console, stream = _console()
    record = FileRecord(
        "[bold]x.yaml", REPAIRED, changes=[Finding("FX101", "A", "[red]m", 1)]
    )
    TextReporter(console).file(record)
    assert "[bold]x.yaml" in stream.getvalue()
    assert "[red]m" in stream.getvalue()


def test_text_report_diff_goes_to_its_stream():
    console, stream = _console()
    diff_out = io.StringIO()
    record = FileRecord(
        "t.yaml",
        REPAIRED,
        changes=[Finding("FX101", "A", "m", 1)],
        diff="--- a/t.yaml\n+++ b/t.yaml\n",
    )
    TextReporter(console, diff_out=diff_out).file(record)
    assert diff_out.getvalue() == "--- a/t.yaml\n+++ b/t.yaml\n"
    assert "---" not in stream.getvalue()


def test_json_lines_one_object_per_file():
    stream = io.StringIO()
    reporter = JsonLinesReporter(stream)
    reporter.file(REPAIRED_RECORD)
    reporter.file(FAILED_RECORD)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["path"] == "stacks/web.yaml"
    assert first["status"] == "repaired"
    assert first["changes"][0] == {
        "fix": "FX101",
        "name": "hardcoded-availability-zone",
        "path": "Resources/Subnet/Properties/AvailabilityZone",
        "line": 7,
        "message": "zone 'us-east-1a'",
    }
    assert first["notices"][0]["fix"] == "FX102"
    assert first["error"] is None
    assert "diff" not in first
    assert second["error"] == {
        "message": "invalid YAML: found '-'",
        "line": 4,
        "column": 2,
    }


def test_record_json_keeps_diff_and_lint():
    record = FileRecord(
        "t.yaml", REPAIRED, diff="d", lint=[LintFinding("W2001", "unused", 2)]
    )
    document = record_json(record, {})
    assert document["diff"] == "d"
    assert document["lint"] == [{"rule": "W2001", "message": "unused", "line": 2}]


def _sarif(*records: FileRecord) -> dict:
    stream = io.StringIO()
    reporter = SarifReporter(stream)
    for record in records:
        reporter.file(record)
    reporter.close(_totals(*records))
    return json.loads(stream.getvalue())


def test_sarif_log_shape():
    log = _sarif(REPAIRED_RECORD, FAILED_RECORD)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cfn-fixer"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert "FX101" in rule_ids
    assert all(rule["helpUri"].startswith("https://") for rule in driver["rules"])
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_one_result_per_change():
    run = _sarif(REPAIRED_RECORD)["runs"][0]
    results = run["results"]
    assert [result["ruleId"] for result in results] == [
        "FX101",
        "FX101",
        "FX501",
        "FX102",
    ]
    first = results[0]
    assert first["level"] == "warning"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "stacks/web.yaml"
    assert location["region"] == {"startLine": 7}
    rules = run["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == "FX101"
    assert "region" not in results[2]["locations"][0]["physicalLocation"]
    assert results[3]["level"] == "note"


def test_sarif_failure_is_a_notification():
    invocation = _sarif(FAILED_RECORD)["runs"][0]["invocations"][0]
    notification = invocation["toolExecutionNotifications"][0]
    assert notification["level"] == "error"
    region = notification["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 2}


def test_sarif_success_flag_without_failures():
    invocation = _sarif(REPAIRED_RECORD, SKIPPED_RECORD)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True


def test_artifact_uri_relative_and_absolute():
    assert artifact_uri("stacks/my stack.yaml") == "stacks/my%20stack.yaml"
    assert artifact_uri("/srv/t.yaml") == "file:///srv/t.yaml"


def test_github_annotations():
    stream = io.StringIO()
    reporter = GithubReporter(stream, preview=True)
    reporter.file(REPAIRED_RECORD)
    reporter.file(FAILED_RECORD)
    lines = stream.getvalue().splitlines()
    # Changes come in line order, those without a line last.
    assert lines[0].startswith("::warning file=stacks/web.yaml,line=3,title=FX101")
    assert lines[1] == (
        "::warning file=stacks/web.yaml,line=7,title=FX101 hardcoded-availability-zone"
        "::Resources/Subnet/Properties/AvailabilityZone: zone 'us-east-1a'"
    )
    assert lines[2].startswith("::warning file=stacks/web.yaml,title=FX501")
    assert lines[3].startswith("::notice file=stacks/web.yaml,line=12,title=FX102")
    assert (
        lines[4]
        == "::error file=bad.yaml,line=4,col=2,title=cfn-fixer::invalid YAML: found '-'"
    )


def test_github_written_change_is_notice():
    stream = io.StringIO()
    GithubReporter(stream, preview=False).file(REPAIRED_RECORD)
    assert stream.getvalue().startswith("::notice file=stacks/web.yaml,line=3")


def test_github_escapes_values():
    stream = io.StringIO()
    record = FileRecord(
        "a,b:c%.yaml", FAILED, error=Problem("line one\nline two 100%", 1, 1)
    )
    GithubReporter(stream, preview=True).file(record)
    assert stream.getvalue() == (
        "::error file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=cfn-fixer"
        "::line one%0Aline two 100%25\n"
    )


def test_summary_table_counts():
    console, stream = _console()
    print_summary(
        _totals(REPAIRED_RECORD, FAILED_RECORD, UNCHANGED_RECORD), console, preview=True
    )
    text = stream.getvalue()
    assert "would repair" in text
    assert "hardcoded-availability-zone" in text
    assert "│     3 │" in text


def test_statistics_json():
    console, stream = _console()
    print_statistics(_totals(REPAIRED_RECORD, SKIPPED_RECORD), console, as_json=True)
    document = json.loads(stream.getvalue())
    assert document["files"] == 2
    assert document["statuses"] == {
        "repaired": 1,
        "unchanged": 0,
        "skipped": 1,
        "failed": 0,
    }
    assert document["fixes"][0] == {
        "fix": "FX101",
        "name": "hardcoded-availability-zone",
        "files": 1,
        "changes": 2,
        "notices": 0,
    }


def test_statistics_text_without_fixes():
    console, stream = _console()
    print_statistics(_totals(UNCHANGED_RECORD), console, as_json=False)
    assert stream.getvalue() == "no fix applies to any file\n"
