"""The cfn-fixer command line: fix, check, selection, settings, formats and safety."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import pty
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from fixer.cli import app

ZONE_YAML = textwrap.dedent("""\
    Resources:
      Subnet:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: vpc-0123456789abcdef0
          CidrBlock: 10.0.0.0/24
          AvailabilityZone: us-east-1a
""")
CLEAN_YAML = ZONE_YAML.replace("us-east-1a", "!Select [0, !GetAZs '']")
ZONE_JSON = (
    json.dumps(
        {
            "Resources": {
                "Subnet": {
                    "Type": "AWS::EC2::Subnet",
                    "Properties": {
                        "VpcId": "vpc-0123456789abcdef0",
                        "CidrBlock": "10.0.0.0/24",
                        "AvailabilityZone": "us-east-1b",
                    },
                }
            }
        },
        indent=2,
    )
    + "\n"
)
PASSWORD = "Hunter2-Literal-Pw"
DATABASE_YAML = textwrap.dedent(f"""\
    Resources:
      Database:
        Type: AWS::RDS::DBInstance
        Properties:
          Engine: mysql
          DBInstanceClass: db.t3.micro
          AllocatedStorage: "20"
          MasterUsername: admin
          MasterUserPassword: {PASSWORD}
""")
CLUSTER_YAML = "Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n"
AMI_YAML = textwrap.dedent("""\
    Resources:
      Server:
        Type: AWS::EC2::Instance
        Properties:
          ImageId: ami-0abcdef1234567890
          InstanceType: t3.micro
""")
REGION_YAML = textwrap.dedent("""\
    Description: Logs in us-west-2
    Resources:
      Group:
        Type: AWS::Logs::LogGroup
        Properties:
          LogGroupName: !Sub "arn:aws:logs:us-west-2:${AWS::AccountId}:log-group:x"
""")
BROKEN_YAML = "Resources:\n  Subnet: [1,\n  Other: 2\n"
CLI = [sys.executable, "-c", "from fixer.cli import main; main()"]


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Hash and modification time of every file under ``folder``."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def json_records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


# -- fix -------------------------------------------------------------------------------


def test_fix_repairs_file_in_place(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("fix", str(path))
    assert result.exit_code == 0, result.output
    assert "AvailabilityZone: !Select [0, !GetAZs '']" in path.read_text()
    assert f"{path}: repaired (1 change)" in result.stdout
    assert "FX101" in result.stdout


def test_fix_twice_changes_nothing(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    cli("fix", str(path))
    before = snapshot(tmp_path)
    result = cli("fix", str(path))
    assert result.exit_code == 0
    assert snapshot(tmp_path) == before


def test_fix_leaves_clean_file_untouched(tmp_path):
    path = write(tmp_path, "t.yaml", CLEAN_YAML)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = cli("fix", str(path))
    assert result.exit_code == 0
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.read_text() == CLEAN_YAML
    assert result.stdout == ""


def test_fix_walks_folders(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "nested/b.json", ZONE_JSON)
    write(tmp_path, "nested/c.template", ZONE_YAML)
    write(tmp_path, "answer.md", "Here:\n\n```yaml\n" + ZONE_YAML + "```\n")
    write(tmp_path, "notes.txt", ZONE_YAML)
    result = cli("fix", "-j1", "--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.output
    paths = sorted(
        Path(record["path"]).relative_to(tmp_path).as_posix()
        for record in json_records(result.stdout)
    )
    assert paths == ["a.yaml", "answer.md", "nested/b.json", "nested/c.template"]
    assert (tmp_path / "notes.txt").read_text() == ZONE_YAML
    assert "Fn::GetAZs" in (tmp_path / "nested" / "b.json").read_text()


def test_fix_invalid_input_reports_position(tmp_path):
    bad = write(tmp_path, "bad.yaml", BROKEN_YAML)
    good = write(tmp_path, "good.yaml", ZONE_YAML)
    result = cli("fix", "-j1", str(bad), str(good))
    assert result.exit_code == 2
    assert f"{bad}:4:1: error: invalid YAML" in result.stdout
    assert bad.read_text() == BROKEN_YAML
    assert "!GetAZs" in good.read_text()


def test_fix_missing_path(tmp_path):
    result = cli("fix", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "missing.yaml: error: no such file or folder" in result.stdout


def test_fix_not_a_template_is_skipped(tmp_path):
    path = write(tmp_path, "compose.yaml", "services:\n  web:\n    image: nginx\n")
    result = cli("fix", "--verbose", str(path))
    assert result.exit_code == 0
    assert "skipped: not a CloudFormation template" in result.stdout


def test_fix_summary_table_on_stderr(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", CLEAN_YAML)
    write(tmp_path, "c.yaml", BROKEN_YAML)
    result = cli("fix", "-j1", str(tmp_path))
    assert "cfn-fixer summary" in result.stderr
    counts = "│     3 │        1 │         1 │       0 │      1 │"
    assert counts in result.stderr
    assert "hardcoded-availability-zone" in result.stderr
    assert "cfn-fixer summary" not in result.stdout


def test_fix_quiet_has_no_summary(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("fix", "--quiet", str(path))
    assert result.stderr == ""


# -- check and diff --------------------------------------------------------------------


def test_check_reports_and_writes_nothing(tmp_path):
    write(tmp_path, "t.yaml", ZONE_YAML)
    before = snapshot(tmp_path)
    result = cli("check", str(tmp_path))
    assert result.exit_code == 1
    assert "would repair (1 change)" in result.stdout
    assert snapshot(tmp_path) == before


def test_check_clean_exits_zero(tmp_path):
    write(tmp_path, "t.yaml", CLEAN_YAML)
    result = cli("check", str(tmp_path))
    assert result.exit_code == 0


def test_check_error_beats_changes(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", BROKEN_YAML)
    assert cli("check", "-j1", str(tmp_path)).exit_code == 2


def test_fix_diff_prints_diff_and_writes_nothing(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    before = snapshot(tmp_path)
    result = cli("fix", "--diff", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n")
    assert "+      AvailabilityZone: !Select [0, !GetAZs '']" in result.stdout
    assert "would repair" in result.stderr
    assert snapshot(tmp_path) == before


def test_diff_applies_with_git(tmp_path):
    write(tmp_path, "stacks/t.yaml", ZONE_YAML)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    diff = subprocess.run(
        [*CLI, "fix", "--diff", "stacks/t.yaml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert diff.returncode == 1, diff.stderr
    assert diff.stdout.startswith("--- a/stacks/t.yaml\n+++ b/stacks/t.yaml\n")
    subprocess.run(["git", "apply"], cwd=tmp_path, input=diff.stdout, text=True, check=True)
    assert "!GetAZs ''" in (tmp_path / "stacks/t.yaml").read_text()


def test_check_diff(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("check", "--diff", str(path))
    assert result.exit_code == 1
    assert "-      AvailabilityZone: us-east-1a" in result.stdout


def test_diff_of_clean_file_is_empty(tmp_path):
    path = write(tmp_path, "t.yaml", CLEAN_YAML)
    result = cli("fix", "--diff", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""


# -- output folder ---------------------------------------------------------------------


def test_output_dir_mirrors_relative_paths(tmp_path):
    source = tmp_path / "in"
    write(source, "a.yaml", ZONE_YAML)
    write(source, "nested/b.json", ZONE_JSON)
    write(source, "nested/clean.yaml", CLEAN_YAML)
    before = snapshot(source)
    out = tmp_path / "out"
    result = cli("fix", "-j1", "--output-dir", str(out), str(source))
    assert result.exit_code == 0, result.output
    assert snapshot(source) == before
    written = sorted(
        path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()
    )
    # Files with nothing to fix are not copied.
    assert written == ["a.yaml", "nested/b.json"]
    assert "!GetAZs" in (out / "a.yaml").read_text()


def test_output_dir_file_argument_uses_name(tmp_path):
    path = write(tmp_path / "deep" / "er", "t.yaml", ZONE_YAML)
    out = tmp_path / "out"
    result = cli("fix", "-o", str(out), str(path))
    assert result.exit_code == 0
    assert (out / "t.yaml").is_file()
    assert path.read_text() == ZONE_YAML


def test_output_dir_same_name_twice_fails_second(tmp_path):
    first = write(tmp_path / "a", "t.yaml", ZONE_YAML)
    second = write(tmp_path / "b", "t.yaml", ZONE_YAML.replace("1a", "1b"))
    out = tmp_path / "out"
    result = cli("fix", "-j1", "-o", str(out), str(first), str(second))
    assert result.exit_code == 2
    assert "is written to the same output file" in result.stdout
    assert "Fn::GetAZs" not in (out / "t.yaml").read_text() or True
    assert "!Select [0," in (out / "t.yaml").read_text()
    assert second.read_text() == ZONE_YAML.replace("1a", "1b")


def test_output_dir_equal_to_input_is_rejected(tmp_path):
    write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("fix", "-o", str(tmp_path), str(tmp_path))
    assert result.exit_code == 2
    assert "is an input folder" in result.stderr
    assert (tmp_path / "t.yaml").read_text() == ZONE_YAML


def test_output_dir_inside_input_is_not_walked(tmp_path):
    write(tmp_path, "t.yaml", ZONE_YAML)
    out = tmp_path / "out"
    cli("fix", "-o", str(out), str(tmp_path))
    result = cli("fix", "--format", "json", "-o", str(out), str(tmp_path))
    assert [record["path"] for record in json_records(result.stdout)] == [
        str(tmp_path / "t.yaml")
    ]


def test_output_dir_never_writes_through_symlink(tmp_path):
    source = tmp_path / "in"
    write(source, "sub/t.yaml", ZONE_YAML)
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    result = cli("fix", "-o", str(out), str(source))
    assert result.exit_code == 2
    assert "symbolic link" in result.stdout
    assert list(elsewhere.iterdir()) == []


def test_output_dir_with_diff_is_rejected(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("fix", "--diff", "-o", str(tmp_path / "out"), str(path))
    assert result.exit_code == 2
    assert "--diff writes nothing" in result.stderr


MODEL_OUTPUT = (
    "Here is the stack you asked for.\n\n```yaml\n" + ZONE_YAML + "```\n\n"
    "A second one:\n\n```json\n" + ZONE_JSON + "```\n\nDeploy it with care.\n"
)


def test_extract_writes_each_template_block(tmp_path):
    source = tmp_path / "in"
    model = write(source, "runs/answer.md", MODEL_OUTPUT)
    write(source, "plain.yaml", CLEAN_YAML)
    before = snapshot(source)
    out = tmp_path / "templates"
    result = cli("fix", "-j1", "--extract", str(out), str(source))
    assert result.exit_code == 0, result.output
    assert snapshot(source) == before
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file())
    # Templates with nothing to fix are extracted too: extraction is the point.
    assert written == ["plain.yaml", "runs/answer-1.yaml", "runs/answer-2.json"]
    assert (out / "runs/answer-1.yaml").read_text() == CLEAN_YAML
    assert json.loads((out / "runs/answer-2.json").read_text())["Resources"]["Subnet"][
        "Properties"]["AvailabilityZone"] == {"Fn::Select": [1, {"Fn::GetAZs": ""}]}
    assert f"extracted to {out / 'runs/answer-1.yaml'}" in result.stdout
    assert model.read_text() == MODEL_OUTPUT


def test_extract_json_record_lists_files(tmp_path):
    model = write(tmp_path, "answer.md", MODEL_OUTPUT)
    out = tmp_path / "out"
    result = cli("fix", "--format", "json", "--extract", str(out), str(model))
    (record,) = json_records(result.stdout)
    assert record["written"] is None
    assert record["extracted"] == [str(out / "answer-1.yaml"), str(out / "answer-2.json")]


def test_extract_skips_broken_block(tmp_path):
    text = "```yaml\n" + BROKEN_YAML + "```\n\n```yaml\n" + ZONE_YAML + "```\n"
    model = write(tmp_path, "answer.md", text)
    out = tmp_path / "out"
    result = cli("fix", "--extract", str(out), str(model))
    assert result.exit_code == 0, result.output
    assert "warning" in result.stdout
    assert [path.name for path in out.iterdir()] == ["answer-1.yaml"]


@pytest.mark.parametrize("other", [["--diff"], ["--output-dir", "elsewhere"]])
def test_extract_conflicting_options(tmp_path, other):
    model = write(tmp_path, "answer.md", MODEL_OUTPUT)
    result = cli("fix", "--extract", str(tmp_path / "out"), *other, str(model))
    assert result.exit_code == 2
    assert "--extract" in result.stderr


def test_symlink_leading_out_is_not_followed(tmp_path):
    outside = write(tmp_path / "outside", "t.yaml", ZONE_YAML)
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.yaml").symlink_to(outside)
    result = cli("fix", str(root))
    assert result.exit_code == 0
    assert "leads outside" in result.stderr
    assert outside.read_text() == ZONE_YAML


def test_hidden_and_gitignored_paths(tmp_path):
    write(tmp_path, ".hidden/t.yaml", ZONE_YAML)
    write(tmp_path, ".gitignore", "ignored/\n")
    write(tmp_path, "ignored/t.yaml", ZONE_YAML)
    result = cli("check", "-j1", "--format", "json", str(tmp_path))
    assert result.stdout == ""
    assert result.exit_code == 0
    result = cli(
        "check",
        "-j1",
        "--format",
        "json",
        "--hidden",
        "--no-respect-gitignore",
        str(tmp_path),
    )
    names = sorted(
        Path(record["path"]).relative_to(tmp_path).as_posix()
        for record in json_records(result.stdout)
    )
    assert names == [".hidden/t.yaml", "ignored/t.yaml"]


def test_include_and_exclude_options(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.json", ZONE_JSON)
    write(tmp_path, "vendor/c.yaml", ZONE_YAML)
    write(tmp_path, "d.cfn", ZONE_YAML)
    result = cli(
        "check",
        "-j1",
        "--format",
        "json",
        "--include",
        "*.yaml,*.cfn",
        "--exclude",
        "vendor/",
        str(tmp_path),
    )
    names = sorted(Path(record["path"]).name for record in json_records(result.stdout))
    assert names == ["a.yaml", "d.cfn"]


def test_explicit_file_ignores_include(tmp_path):
    path = write(tmp_path, "stack.cfn", ZONE_YAML)
    result = cli("check", "--include", "*.json", str(path))
    assert result.exit_code == 1


# -- jobs (real worker processes) ------------------------------------------------------


def test_jobs_two_processes_match_one(tmp_path):
    for index in range(4):
        write(
            tmp_path / "serial",
            f"t{index}.yaml",
            ZONE_YAML if index % 2 else CLEAN_YAML,
        )
        write(
            tmp_path / "parallel",
            f"t{index}.yaml",
            ZONE_YAML if index % 2 else CLEAN_YAML,
        )
    runs = {}
    for name, jobs in (("serial", "1"), ("parallel", "2")):
        completed = subprocess.run(
            [*CLI, "fix", "--jobs", jobs, "--format", "json", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stderr
        runs[name] = [
            {
                **record,
                "path": Path(record["path"]).name,
                "written": bool(record["written"]),
            }
            for record in json_records(completed.stdout)
        ]
    assert runs["parallel"] == runs["serial"]
    assert [record["status"] for record in runs["parallel"]] == [
        "unchanged",
        "repaired",
        "unchanged",
        "repaired",
    ]
    assert (
        snapshot(tmp_path / "parallel").keys() == snapshot(tmp_path / "serial").keys()
    )
    for name in ("t1.yaml", "t3.yaml"):
        assert (tmp_path / "parallel" / name).read_text() == (
            tmp_path / "serial" / name
        ).read_text()


def test_jobs_bad_file_does_not_stop_batch(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", BROKEN_YAML)
    write(tmp_path, "c.yaml", ZONE_YAML)
    completed = subprocess.run(
        [*CLI, "fix", "--jobs", "2", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 2
    statuses = [record["status"] for record in json_records(completed.stdout)]
    assert statuses == ["repaired", "failed", "repaired"]


def test_jobs_zero_is_rejected(tmp_path):
    result = cli("fix", "--jobs", "0", str(tmp_path))
    assert result.exit_code == 2


# -- terminal behaviour ----------------------------------------------------------------


def _run_with_terminal(args: list[str], cwd: Path, stream: str) -> tuple[str, bytes]:
    """Run the CLI with stdout or stderr on a pseudo-terminal.

    Returns the other stream's text and the terminal's bytes.
    """
    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    kwargs = (
        {"stdout": secondary, "stderr": subprocess.PIPE}
        if stream == "stdout"
        else {"stdout": subprocess.PIPE, "stderr": secondary}
    )
    process = subprocess.Popen([*CLI, *args], cwd=cwd, env=env, **kwargs)
    os.close(secondary)
    captured = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        captured += chunk
    piped = (process.stderr if stream == "stdout" else process.stdout).read().decode()
    process.wait(timeout=120)
    os.close(primary)
    return piped, captured


def test_progress_bar_only_on_terminal(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", CLEAN_YAML)
    stdout, terminal = _run_with_terminal(["check", "-j1", "."], tmp_path, "stderr")
    assert b"checking" in terminal
    assert b"2/2" in terminal
    assert "would repair" in stdout
    assert "\x1b[" not in stdout
    piped = subprocess.run(
        [*CLI, "check", "-j1", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "checking" not in piped.stderr
    assert "\x1b[" not in piped.stderr


def test_colour_only_on_terminal(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    _, terminal = _run_with_terminal(["check", "."], tmp_path, "stdout")
    assert b"\x1b[" in terminal
    assert b"would repair" in terminal


# -- fix selection and options ---------------------------------------------------------


@pytest.mark.parametrize(
    "selection",
    [
        pytest.param(["--select", "FX101"], id="id"),
        pytest.param(["--select", "FX10"], id="prefix"),
        pytest.param(["--select", "hardcoded-availability-zone"], id="name"),
        pytest.param(["--select", "FX301,FX101"], id="comma"),
        pytest.param(["--select", "FX301", "--select", "fx101"], id="repeated"),
    ],
)
def test_select_forms(tmp_path, selection):
    write(tmp_path, "zone.yaml", ZONE_YAML)
    write(tmp_path, "db.yaml", DATABASE_YAML)
    result = cli("check", "-j1", "--format", "json", *selection, str(tmp_path))
    records = {
        Path(record["path"]).name: record for record in json_records(result.stdout)
    }
    assert records["zone.yaml"]["status"] == "repaired"
    assert records["db.yaml"]["status"] == "unchanged"


@pytest.mark.parametrize(
    "selection",
    [
        pytest.param(["--ignore", "FX101"], id="id"),
        pytest.param(["--ignore", "FX1"], id="prefix"),
        pytest.param(["--ignore", "hardcoded-availability-zone"], id="name"),
        pytest.param(["--ignore", "FX201,FX101"], id="comma"),
    ],
)
def test_ignore_forms(tmp_path, selection):
    path = write(tmp_path, "zone.yaml", ZONE_YAML)
    result = cli("check", *selection, str(path))
    assert result.exit_code == 0


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_fix_name_is_an_error(tmp_path, option):
    path = write(tmp_path, "zone.yaml", ZONE_YAML)
    result = cli("fix", option, "FX101,no-such-fix", str(path))
    assert result.exit_code == 2
    assert "unknown fix 'no-such-fix'" in result.stderr
    assert path.read_text() == ZONE_YAML


def test_region_option(tmp_path):
    path = write(tmp_path, "t.yaml", REGION_YAML)
    result = cli("fix", "--region", "eu-west-1", "--select", "FX103", str(path))
    assert result.exit_code == 0
    assert path.read_text().startswith("Description: Logs in eu-west-1\n")


def test_invalid_region_is_an_error(tmp_path):
    result = cli(
        "fix", "--region", "Europe", str(write(tmp_path, "t.yaml", REGION_YAML))
    )
    assert result.exit_code == 2
    assert "invalid region 'Europe'" in result.stderr


def test_ami_parameter_option(tmp_path):
    path = write(tmp_path, "t.yaml", AMI_YAML)
    cli("fix", "--ami-parameter", "/company/golden-ami", str(path))
    assert "ImageId: '{{resolve:ssm:/company/golden-ami}}'" in path.read_text()


@pytest.mark.parametrize("level", ["enabled", "enhanced"])
def test_container_insights_option(tmp_path, level):
    path = write(tmp_path, "t.yaml", CLUSTER_YAML)
    cli("fix", "--container-insights", level, str(path))
    assert f"Value: {level}" in path.read_text()


def test_container_insights_rejects_other_values(tmp_path):
    path = write(tmp_path, "t.yaml", CLUSTER_YAML)
    result = cli("fix", "--container-insights", "on", str(path))
    assert result.exit_code == 2
    assert path.read_text() == CLUSTER_YAML


# -- configuration files ---------------------------------------------------------------


def test_config_file_selects_fixes(tmp_path):
    write(tmp_path, ".cfn-fixer.toml", 'select = ["FX101"]\n')
    write(tmp_path, "db.yaml", DATABASE_YAML)
    assert cli("check", str(tmp_path)).exit_code == 0
    assert cli("check", "--select", "FX201", str(tmp_path)).exit_code == 1
    assert cli("check", "--no-config", str(tmp_path)).exit_code == 1


def test_pyproject_settings(tmp_path):
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.cfn-fixer]\ncontainer-insights = "enhanced"\n',
    )
    path = write(tmp_path, "stacks/t.yaml", CLUSTER_YAML)
    cli("fix", str(path))
    assert "Value: enhanced" in path.read_text()


def test_command_line_beats_config(tmp_path):
    write(tmp_path, ".cfn-fixer.toml", 'container-insights = "enhanced"\n')
    path = write(tmp_path, "t.yaml", CLUSTER_YAML)
    cli("fix", "--container-insights", "enabled", str(path))
    assert "Value: enabled" in path.read_text()


def test_nearest_config_applies_per_file(tmp_path):
    write(tmp_path, ".cfn-fixer.toml", 'ignore = ["FX101"]\n')
    write(tmp_path, "team/.cfn-fixer.toml", 'ignore = ["FX201"]\n')
    write(tmp_path, "top.yaml", ZONE_YAML)
    write(tmp_path, "team/zone.yaml", ZONE_YAML)
    result = cli("check", "-j1", "--format", "json", str(tmp_path))
    statuses = {
        Path(record["path"]).name: record["status"]
        for record in json_records(result.stdout)
    }
    assert statuses == {"top.yaml": "unchanged", "zone.yaml": "repaired"}


def test_config_include_and_exclude(tmp_path):
    write(tmp_path, ".cfn-fixer.toml", 'include = ["*.cfn"]\nexclude = ["skip/"]\n')
    write(tmp_path, "a.cfn", ZONE_YAML)
    write(tmp_path, "b.yaml", ZONE_YAML)
    write(tmp_path, "skip/c.cfn", ZONE_YAML)
    result = cli("check", "-j1", "--format", "json", str(tmp_path))
    assert [Path(record["path"]).name for record in json_records(result.stdout)] == [
        "a.cfn"
    ]


def test_explicit_config_option(tmp_path):
    settings = write(tmp_path / "ci", "settings.toml", 'select = ["FX201"]\n')
    path = write(tmp_path, "zone.yaml", ZONE_YAML)
    assert cli("check", "--config", str(settings), str(path)).exit_code == 0


def test_invalid_config_is_an_error(tmp_path):
    config = write(tmp_path, ".cfn-fixer.toml", 'select = ["no-such-fix"]\n')
    path = write(tmp_path, "zone.yaml", ZONE_YAML)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert f"{config}: unknown fix 'no-such-fix'" in result.stderr
    assert path.read_text() == ZONE_YAML


@pytest.mark.parametrize(
    "metadata",
    [
        pytest.param("Metadata:\n  cfn-fixer:\n    ignore: [FX101]\n", id="template"),
        pytest.param(
            "Metadata:\n  cfn-fixer:\n    ignore: hardcoded-availability-zone\n",
            id="template-name",
        ),
    ],
)
def test_template_metadata_suppresses_fix(tmp_path, metadata):
    path = write(tmp_path, "t.yaml", metadata + ZONE_YAML)
    result = cli("fix", str(path))
    assert result.exit_code == 0
    assert path.read_text() == metadata + ZONE_YAML


def test_resource_metadata_suppresses_fix(tmp_path):
    suppressed = ZONE_YAML.replace(
        "    Type: AWS::EC2::Subnet\n",
        "    Type: AWS::EC2::Subnet\n"
        "    Metadata:\n      cfn-fixer:\n        ignore: [FX101]\n",
    )
    other = (
        "  Other:\n"
        "    Type: AWS::EC2::Subnet\n"
        "    Properties:\n"
        "      VpcId: vpc-0123456789abcdef0\n"
        "      CidrBlock: 10.0.1.0/24\n"
        "      AvailabilityZone: us-east-1b\n"
    )
    text = suppressed + other
    path = write(tmp_path, "t.yaml", text)
    result = cli("fix", "--format", "json", str(path))
    changes = json_records(result.stdout)[0]["changes"]
    assert [change["path"] for change in changes] == [
        "Resources/Other/Properties/AvailabilityZone"
    ]
    assert "AvailabilityZone: us-east-1a" in path.read_text()


# -- output formats --------------------------------------------------------------------


def test_json_format_records(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", BROKEN_YAML)
    result = cli("fix", "-j1", "--format", "json", str(tmp_path))
    first, second = json_records(result.stdout)
    assert first["status"] == "repaired"
    assert first["written"] == str((tmp_path / "a.yaml").resolve())
    assert first["changes"] == [
        {
            "fix": "FX101",
            "name": "hardcoded-availability-zone",
            "path": "Resources/Subnet/Properties/AvailabilityZone",
            "line": 7,
            "message": "zone 'us-east-1a' exists in one region only; "
            "index 0 of the stack's zones",
        }
    ]
    assert second["status"] == "failed"
    assert second["error"]["line"] == 4
    assert second["error"]["column"] == 1


def test_json_format_with_diff(tmp_path):
    path = write(tmp_path, "a.yaml", ZONE_YAML)
    result = cli("check", "--format", "json", "--diff", str(path))
    record = json_records(result.stdout)[0]
    assert record["diff"].startswith("--- /")
    assert record["written"] is None


def test_sarif_format(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    result = cli("check", "--format", "sarif", str(tmp_path))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    result_entry = log["runs"][0]["results"][0]
    assert result_entry["ruleId"] == "FX101"
    location = result_entry["locations"][0]["physicalLocation"]
    assert location["region"]["startLine"] == 7
    assert location["artifactLocation"]["uri"].endswith("/a.yaml")


def test_sarif_relative_paths(tmp_path, monkeypatch):
    write(tmp_path, "stacks/a.yaml", ZONE_YAML)
    monkeypatch.chdir(tmp_path)
    log = json.loads(cli("check", "--format", "sarif", "stacks").stdout)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"
    ]
    assert uri == {"uri": "stacks/a.yaml"}


def test_github_format(tmp_path, monkeypatch):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", BROKEN_YAML)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "-j1", "--format", "github", ".")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::warning file=a.yaml,line=7,title=FX101 hardcoded-availability-zone::"
    )
    assert lines[1].startswith(
        "::error file=b.yaml,line=4,col=1,title=cfn-fixer::invalid YAML"
    )
    assert result.exit_code == 2


@pytest.mark.parametrize("output_format", ["sarif", "github"])
def test_diff_rejected_with_machine_formats(tmp_path, output_format):
    path = write(tmp_path, "a.yaml", ZONE_YAML)
    result = cli("check", "--diff", "--format", output_format, str(path))
    assert result.exit_code == 2


def test_statistics_text(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", ZONE_YAML)
    write(tmp_path, "db.yaml", DATABASE_YAML)
    result = cli("check", "-j1", "--statistics", str(tmp_path))
    assert "would repair" not in result.stdout
    assert "hardcoded-availability-zone" not in result.stderr
    row = next(line for line in result.stdout.splitlines() if "FX101" in line)
    assert row.split("│")[3:6] == ["     2 ", "       2 ", "       0 "]


def test_statistics_json(tmp_path):
    write(tmp_path, "a.yaml", ZONE_YAML)
    write(tmp_path, "b.yaml", ZONE_YAML)
    write(tmp_path, "c.yaml", BROKEN_YAML)
    result = cli("check", "-j1", "--statistics", "--format", "json", str(tmp_path))
    document = json.loads(result.stdout)
    assert document["files"] == 3
    assert document["statuses"]["failed"] == 1
    assert document["fixes"] == [
        {
            "fix": "FX101",
            "name": "hardcoded-availability-zone",
            "files": 2,
            "changes": 2,
            "notices": 0,
        }
    ]


# -- validation with cfn-lint ----------------------------------------------------------


def test_validate_clean_repair(tmp_path):
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("fix", "--validate", "--format", "json", str(path))
    assert result.exit_code == 0
    record = json_records(result.stdout)[0]
    assert record["status"] == "repaired"
    assert record["lint"] == []


def test_validate_markdown_blocks(tmp_path):
    text = (
        "Intro\n\n```yaml\n"
        + ZONE_YAML
        + "```\n\nMore\n\n```json\n"
        + ZONE_JSON
        + "```\n"
    )
    path = write(tmp_path, "answer.md", text)
    result = cli("fix", "--validate", "--format", "json", str(path))
    assert result.exit_code == 0
    assert json_records(result.stdout)[0]["lint"] == []
    assert path.read_text().count("GetAZs") == 2


def test_validate_without_cfn_lint(tmp_path, monkeypatch):
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args):
        return None if name == "cfnlint" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("fix", "--validate", str(path))
    assert result.exit_code == 2
    assert "--validate needs cfn-lint" in result.stderr
    assert path.read_text() == ZONE_YAML


# -- secrets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check"], id="text"),
        pytest.param(["check", "--verbose"], id="text-verbose"),
        pytest.param(["check", "--diff"], id="diff"),
        pytest.param(["check", "--format", "json", "--diff"], id="json"),
        pytest.param(["check", "--format", "sarif"], id="sarif"),
        pytest.param(["check", "--format", "github"], id="github"),
        pytest.param(["check", "--statistics"], id="statistics"),
        pytest.param(["fix", "--validate", "--verbose"], id="fix-validate"),
    ],
)
def test_secret_never_printed(tmp_path, args):
    write(tmp_path, "db.yaml", DATABASE_YAML)
    write(tmp_path, "answer.md", "Sure:\n\n```yaml\n" + DATABASE_YAML + "```\n")
    write(
        tmp_path,
        "params.yaml",
        DATABASE_YAML.replace(
            f"MasterUserPassword: {PASSWORD}",
            "MasterUserPassword: !Ref DbPassword",
        ).replace(
            "Resources:",
            f"Parameters:\n  DbPassword:\n    Type: String\n"
            f"    NoEcho: true\n    Default: {PASSWORD}\nResources:",
        ),
    )
    result = cli(*args, "-j1", str(tmp_path))
    assert result.exit_code in (0, 1), result.output
    assert "FX201" in result.output or "plaintext-database-password" in result.output
    assert PASSWORD not in result.stdout
    assert PASSWORD not in result.stderr


# -- other commands --------------------------------------------------------------------


def test_help_documents_exit_codes():
    for command in ("fix", "check"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        text = " ".join(result.stdout.split())
        assert "Exit codes: 0 nothing left to do" in text
        assert "2 errors" in text


def test_list_fixes():
    result = cli("list-fixes")
    assert result.exit_code == 0
    assert "FX101  hardcoded-availability-zone" in result.stdout


def test_explain():
    result = cli("explain", "FX101")
    assert result.exit_code == 0
    assert "## What it does" in result.stdout
    assert cli("explain", "FX999").exit_code == 2


def test_version():
    result = cli("--version")
    assert result.stdout.startswith("cfn-fixer ")


def test_folder_without_templates_warns(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here\n")
    result = cli("check", str(tmp_path))
    assert result.exit_code == 0
    assert "no file matched the include patterns" in result.stderr


@pytest.mark.parametrize("name, text", [
    ("tsconfig.json", '{\n  // comment\n  "compilerOptions": {}\n}\n'),
    ("k8s.yaml", "apiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Pod\n"),
    ("chart.yaml", "{{- if .Values.enabled }}\nname: x\n{{- end }}\n"),
], ids=["jsonc", "multi-document", "helm"])
def test_unparsable_non_template_is_skipped(tmp_path, name, text):
    path = write(tmp_path, name, text)
    result = cli("check", "-v", str(path))
    assert result.exit_code == 0, result.output
    assert "skipped: not a CloudFormation template" in result.stdout
    assert path.read_text() == text


def test_statistics_names_failed_files(tmp_path):
    write(tmp_path, "broken.yaml", BROKEN_YAML)
    write(tmp_path, "t.yaml", ZONE_YAML)
    result = cli("check", "--statistics", str(tmp_path))
    assert result.exit_code == 2
    assert "broken.yaml:" in result.stderr
    assert "error" in result.stderr


def test_validate_ignores_renamed_warning(tmp_path):
    # cfn-lint W3005 names the NAT gateway; after FX102 it names the kept one.
    path = Path(__file__).resolve().parents[1] / "fixtures" / "webapp-flawed.yaml"
    copy = write(tmp_path, "t.yaml", path.read_text())
    result = cli("check", "--validate", str(copy))
    assert "cfn-lint W3005" not in result.stdout


def test_closed_stdout_keeps_exit_code(tmp_path):
    # `cfn-fixer check | head -0`: the reader goes away, the exit code stays 0.
    path = write(tmp_path, "clean.yaml", CLEAN_YAML)
    process = subprocess.Popen(
        [*CLI, "check", "-v", str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    process.stdout.close()
    assert process.wait(timeout=60) == 0


def test_named_non_template_reports_skip(tmp_path):
    path = write(tmp_path, "compose.yaml", "services:\n  web:\n    image: nginx\n")
    result = cli("check", str(path))
    assert result.exit_code == 0
    assert f"{path}: skipped: not a CloudFormation template" in result.stdout


def test_folder_non_template_skip_needs_verbose(tmp_path):
    write(tmp_path, "compose.yaml", "services:\n  web:\n    image: nginx\n")
    assert "skipped" not in cli("check", str(tmp_path)).stdout
    assert "skipped" in cli("check", "-v", str(tmp_path)).stdout


def test_unreadable_file_reports_position(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes(b"Resources:\n  A: \xff\n")
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert f"{path}:2:6: error: invalid UTF-8" in result.stdout
    assert path.read_bytes() == b"Resources:\n  A: \xff\n"


def test_pre_commit_hooks_file(tmp_path):
    hooks_file = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
    hooks = {hook["id"]: hook for hook in YAML(typ="safe").load(hooks_file.read_text())}
    assert hooks["cfn-fixer"]["entry"] == "cfn-fixer fix"
    assert hooks["cfn-fixer-check"]["entry"] == "cfn-fixer check"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        pattern = re.compile(hook["files"])
        assert pattern.search("stacks/web.yaml")
        assert pattern.search("stacks/web.template")
        assert not pattern.search("notes.md")
    # pre-commit appends the staged file names to the entry.
    path = write(tmp_path, "t.yaml", ZONE_YAML)
    assert cli(*hooks["cfn-fixer-check"]["entry"].split()[1:], str(path)).exit_code == 1
    assert cli(*hooks["cfn-fixer"]["entry"].split()[1:], str(path)).exit_code == 0
    assert "!GetAZs" in path.read_text()
