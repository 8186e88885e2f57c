"""The per-file worker, the walk that finds templates, and the process pool."""

from __future__ import annotations

import os
import pickle
import textwrap
from pathlib import Path

import pytest

from fixer import batch
from fixer.api import FAILED, REPAIRED, SKIPPED, UNCHANGED, BlockResult, RepairResult
from fixer.batch import (
    FileRecord,
    FileTask,
    UnsafePath,
    WalkRules,
    line_of,
    prepare_destination,
    process_file,
    run_tasks,
    walk,
)
from fixer.document import Document
from fixer.engine import Options
from fixer.errors import TemplateError

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
ZONE_JSON = textwrap.dedent("""\
    {
      "Resources": {
        "Subnet": {
          "Type": "AWS::EC2::Subnet",
          "Properties": {
            "VpcId": "vpc-0123456789abcdef0",
            "CidrBlock": "10.0.0.0/24",
            "AvailabilityZone": "us-east-1b"
          }
        }
      }
    }
""")
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
BROKEN_YAML = "Resources:\n  Subnet: [1,\n  Other: 2\n"
ZONES = Options(select=frozenset({"FX101"}))


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _task(path: Path, **fields) -> FileTask:
    fields.setdefault("options", ZONES)
    return FileTask(str(path), str(path), **fields)


# -- process_file ------------------------------------------------------------------


def test_process_file_repairs_in_place(tmp_path):
    path = _file(tmp_path, "t.yaml", ZONE_YAML)
    record = process_file(_task(path, write=True))
    assert record.status == REPAIRED
    assert record.written == str(path.resolve())
    assert "!Select [0, !GetAZs '']" in path.read_text()
    assert [(change.fix_id, change.line) for change in record.changes] == [("FX101", 7)]
    assert record.changes[0].path == "Resources/Subnet/Properties/AvailabilityZone"


def test_process_file_unchanged_is_not_written(tmp_path):
    path = _file(tmp_path, "t.yaml", CLEAN_YAML)
    os.utime(path, (1_000_000, 1_000_000))
    record = process_file(_task(path, write=True))
    assert record.status == UNCHANGED
    assert record.written is None
    assert path.stat().st_mtime == 1_000_000
    assert path.read_text() == CLEAN_YAML


def test_process_file_without_write_keeps_file(tmp_path):
    path = _file(tmp_path, "t.yaml", ZONE_YAML)
    record = process_file(_task(path, diff=True))
    assert record.status == REPAIRED
    assert record.written is None
    assert path.read_text() == ZONE_YAML
    assert record.diff.startswith(f"--- {path}\n+++ {path}\n")


def test_process_file_invalid_input_names_position(tmp_path):
    path = _file(tmp_path, "t.yaml", BROKEN_YAML)
    record = process_file(_task(path, write=True))
    assert record.status == FAILED
    assert (record.error.line, record.error.column) == (4, 1)
    assert record.error.message.startswith("invalid YAML")
    assert path.read_text() == BROKEN_YAML


def test_process_file_missing_file(tmp_path):
    record = process_file(_task(tmp_path / "gone.yaml"))
    assert record.status == FAILED
    assert "cannot read file" in record.error.message


def test_process_file_not_a_template(tmp_path):
    path = _file(tmp_path, "compose.yaml", "services:\n  web:\n    image: nginx\n")
    record = process_file(_task(path, write=True))
    assert record.status == SKIPPED
    assert "no Resources section" in record.error.message


def test_process_file_masks_secrets(tmp_path):
    path = _file(tmp_path, "db.yaml", DATABASE_YAML)
    record = process_file(_task(path, options=Options(), diff=True, summary=True))
    assert record.status == REPAIRED
    assert PASSWORD not in repr(record)
    assert "********" in record.diff


def test_process_file_internal_error_is_a_record(tmp_path, monkeypatch):
    def explode(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(batch, "repair", explode)
    path = _file(tmp_path, "t.yaml", ZONE_YAML)
    record = process_file(_task(path))
    assert record.status == FAILED
    assert "internal error: RuntimeError: boom" in record.error.message


def test_process_file_markdown_lines_count_from_file(tmp_path):
    text = "Here you go:\n\n```yaml\n" + ZONE_YAML + "```\n"
    path = _file(tmp_path, "answer.md", text)
    record = process_file(_task(path))
    assert record.status == REPAIRED
    assert record.changes[0].line == 10


def test_task_and_record_pickle():
    task = FileTask("a.yaml", "a.yaml", ZONES, write=True)
    assert pickle.loads(pickle.dumps(task)) == task
    record = FileRecord("a.yaml", REPAIRED)
    assert pickle.loads(pickle.dumps(record)) == record
    assert pickle.loads(pickle.dumps(process_file)) is process_file


# -- writing under an output folder -------------------------------------------------


def test_output_folder_gets_same_relative_path(tmp_path):
    source = _file(tmp_path / "in" / "nested", "t.yaml", ZONE_YAML)
    root = (tmp_path / "out").resolve()
    destination = root / "nested" / "t.yaml"
    record = process_file(
        _task(source, write=True, destination=str(destination), output_root=str(root))
    )
    assert record.written == str(destination)
    assert source.read_text() == ZONE_YAML
    assert "!GetAZs" in destination.read_text()


def test_prepare_destination_rejects_parent_parts(tmp_path):
    root = tmp_path.resolve()
    with pytest.raises(UnsafePath):
        prepare_destination(root, root / "a" / ".." / ".." / "escape.yaml")


def test_prepare_destination_rejects_outside(tmp_path):
    root = (tmp_path / "out").resolve()
    with pytest.raises(UnsafePath):
        prepare_destination(root, tmp_path / "elsewhere" / "t.yaml")


def test_prepare_destination_rejects_symlinked_folder(tmp_path):
    root = (tmp_path / "out").resolve()
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "sub").symlink_to(elsewhere)
    with pytest.raises(UnsafePath) as raised:
        prepare_destination(root, root / "sub" / "t.yaml")
    assert "symbolic link" in str(raised.value)
    assert list(elsewhere.iterdir()) == []


def test_prepare_destination_rejects_symlinked_file(tmp_path):
    root = (tmp_path / "out").resolve()
    root.mkdir()
    target = _file(tmp_path, "victim.yaml", "keep\n")
    (root / "t.yaml").symlink_to(target)
    source = _file(tmp_path / "in", "t.yaml", ZONE_YAML)
    record = process_file(
        _task(
            source, write=True, destination=str(root / "t.yaml"), output_root=str(root)
        )
    )
    assert record.status == FAILED
    assert "symbolic link" in record.error.message
    assert target.read_text() == "keep\n"


def test_destination_on_input_is_rejected(tmp_path):
    root = tmp_path.resolve()
    source = _file(root, "t.yaml", ZONE_YAML)
    record = process_file(
        _task(source, write=True, destination=str(source), output_root=str(root))
    )
    assert record.status == FAILED
    assert "input file itself" in record.error.message
    assert source.read_text() == ZONE_YAML


def test_in_place_write_follows_symlink(tmp_path):
    target = _file(tmp_path / "real", "t.yaml", ZONE_YAML)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    process_file(_task(link, write=True))
    assert link.is_symlink()
    assert "!GetAZs" in target.read_text()


# -- source lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "line"),
    [
        pytest.param(
            ("Resources", "Subnet", "Properties", "AvailabilityZone"), 8, id="value"
        ),
        pytest.param(("Resources", "Subnet"), 3, id="resource"),
        pytest.param(("Resources", "Added"), 2, id="added-resource"),
        pytest.param(
            ("Resources", "Subnet", "Properties", "Tags"), 5, id="added-property"
        ),
        pytest.param(("Metadata",), 1, id="added-section"),
    ],
)
def test_line_of_json(path, line):
    assert line_of(Document.parse(ZONE_JSON, "json"), path) == line


def test_line_of_yaml_sequence_item():
    text = "Resources:\n  A:\n    Type: X\n    DependsOn:\n      - B\n      - C\n"
    document = Document.parse(text, "yaml")
    assert line_of(document, ("Resources", "A", "DependsOn", 1)) == 6
    assert line_of(document, ("Resources", "A", "DependsOn", 5)) == 4


def test_line_of_short_form_tag():
    text = "Resources:\n  A:\n    Type: X\n    Properties:\n      Name: !Ref B\n"
    document = Document.parse(text, "yaml")
    assert line_of(document, ("Resources", "A", "Properties", "Name", "Ref")) == 5


# -- validation ----------------------------------------------------------------------


def _fake_repair(output: str):
    def fake(text, path, options, format=None):
        result = RepairResult(path, REPAIRED, text, output)
        result.blocks = [BlockResult(format="yaml", text=output)]
        return result

    return fake


def test_validate_passes_clean_repair(tmp_path):
    path = _file(tmp_path, "t.yaml", ZONE_YAML)
    record = process_file(_task(path, write=True, validate=True))
    assert record.status == REPAIRED
    assert record.lint == []
    assert "!GetAZs" in path.read_text()


def test_validate_fails_repair_that_adds_error(tmp_path, monkeypatch):
    broken = ZONE_YAML.replace("AWS::EC2::Subnet", "AWS::EC2::Subnett")
    monkeypatch.setattr(batch, "repair", _fake_repair(broken))
    path = _file(tmp_path, "t.yaml", ZONE_YAML)
    record = process_file(_task(path, write=True, validate=True))
    assert record.status == FAILED
    assert record.lint and record.lint[0].rule.startswith("E")
    assert "would add cfn-lint error" in record.error.message
    assert path.read_text() == ZONE_YAML


def test_validate_reports_new_warning_and_writes(tmp_path, monkeypatch):
    # An unused parameter is a cfn-lint warning (W2001), not an error.
    with_parameter = "Parameters:\n  Unused:\n    Type: String\n" + ZONE_YAML
    monkeypatch.setattr(batch, "repair", _fake_repair(with_parameter))
    path = _file(tmp_path, "t.yaml", ZONE_YAML)
    record = process_file(_task(path, write=True, validate=True))
    assert record.status == REPAIRED
    assert [finding.rule for finding in record.lint] == ["W2001"]
    assert path.read_text() == with_parameter


def test_validate_ignores_findings_the_input_had(tmp_path, monkeypatch):
    unused = "Parameters:\n  Unused:\n    Type: String\n"
    monkeypatch.setattr(batch, "repair", _fake_repair(unused + CLEAN_YAML))
    path = _file(tmp_path, "t.yaml", unused + ZONE_YAML)
    record = process_file(_task(path, validate=True))
    assert record.lint == []


# -- walking folders -----------------------------------------------------------------


def _names(folder: Path, **rules) -> list[str]:
    return [
        source.relative.as_posix()
        for source in walk(folder, WalkRules(**rules))
        if not source.rejected
    ]


def test_walk_takes_template_extensions(tmp_path):
    for name in (
        "a.json",
        "b.yaml",
        "c.yml",
        "d.template",
        "e.md",
        "f.txt",
        "g.py",
        "sub/h.yaml",
    ):
        _file(tmp_path, name, "x")
    assert _names(tmp_path) == [
        "a.json",
        "b.yaml",
        "c.yml",
        "d.template",
        "e.md",
        "sub/h.yaml",
    ]


def test_walk_skips_hidden_unless_asked(tmp_path):
    _file(tmp_path, ".github/workflows/ci.yaml", "x")
    _file(tmp_path, ".hidden.yaml", "x")
    _file(tmp_path, "t.yaml", "x")
    assert _names(tmp_path) == ["t.yaml"]
    assert _names(tmp_path, hidden=True) == [
        ".github/workflows/ci.yaml",
        ".hidden.yaml",
        "t.yaml",
    ]


def test_walk_respects_gitignore(tmp_path):
    _file(tmp_path, ".gitignore", "build/\n*.out.yaml\n")
    _file(tmp_path, "build/t.yaml", "x")
    _file(tmp_path, "a.out.yaml", "x")
    _file(tmp_path, "sub/.gitignore", "!keep.out.yaml\nlocal.yaml\n")
    _file(tmp_path, "sub/keep.out.yaml", "x")
    _file(tmp_path, "sub/local.yaml", "x")
    _file(tmp_path, "t.yaml", "x")
    assert _names(tmp_path) == ["sub/keep.out.yaml", "t.yaml"]
    assert _names(tmp_path, respect_gitignore=False) == [
        "a.out.yaml",
        "build/t.yaml",
        "sub/keep.out.yaml",
        "sub/local.yaml",
        "t.yaml",
    ]


def test_walk_reads_gitignore_above_folder_in_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    _file(tmp_path, ".gitignore", "generated/\n")
    _file(tmp_path, "stacks/generated/t.yaml", "x")
    _file(tmp_path, "stacks/t.yaml", "x")
    assert _names(tmp_path / "stacks") == ["t.yaml"]


def test_walk_include_and_exclude(tmp_path):
    for name in (
        "a.yaml",
        "b.json",
        "vendor/c.yaml",
        "stacks/d.yaml",
        "stacks/e.gen.yaml",
    ):
        _file(tmp_path, name, "x")
    assert _names(tmp_path, include=("*.yaml",), exclude=("vendor/", "*.gen.yaml")) == [
        "a.yaml",
        "stacks/d.yaml",
    ]
    assert _names(tmp_path, include=("stacks/*.yaml",)) == [
        "stacks/d.yaml",
        "stacks/e.gen.yaml",
    ]


def test_walk_skips_output_folder(tmp_path):
    _file(tmp_path, "t.yaml", "x")
    _file(tmp_path, "out/t.yaml", "x")
    assert _names(tmp_path, skip=frozenset({(tmp_path / "out").resolve()})) == [
        "t.yaml"
    ]


def test_walk_rejects_symlink_leading_out(tmp_path):
    outside = tmp_path / "outside"
    _file(outside, "secret.yaml", "x")
    root = tmp_path / "root"
    _file(root, "t.yaml", "x")
    (root / "linked.yaml").symlink_to(outside / "secret.yaml")
    (root / "linked-folder").symlink_to(outside)
    sources = list(walk(root, WalkRules()))
    rejected = sorted(
        source.relative.as_posix() for source in sources if source.rejected
    )
    assert rejected == ["linked-folder", "linked.yaml"]
    assert [
        source.relative.as_posix() for source in sources if not source.rejected
    ] == ["t.yaml"]


def test_walk_follows_symlink_inside(tmp_path):
    _file(tmp_path, "real/t.yaml", "x")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    # The folder is entered once, under the first name in sorted order.
    assert _names(tmp_path) == ["alias/t.yaml"]


def test_walk_paths_keep_argument_form(tmp_path, monkeypatch):
    _file(tmp_path, "stacks/t.yaml", "x")
    monkeypatch.chdir(tmp_path)
    assert [str(source.path) for source in walk(Path("stacks"), WalkRules())] == [
        os.path.join("stacks", "t.yaml")
    ]


# -- the pool ------------------------------------------------------------------------


def test_run_tasks_in_processes_matches_in_process(tmp_path):
    paths = [
        _file(tmp_path, f"t{index}.yaml", ZONE_YAML if index % 2 else CLEAN_YAML)
        for index in range(6)
    ]
    tasks = [_task(path) for path in paths]
    serial = list(run_tasks(tasks, jobs=1))
    parallel = list(run_tasks(tasks, jobs=2))
    assert parallel == serial
    assert [record.path for record in parallel] == [str(path) for path in paths]


def crash_on_marker(task: FileTask) -> FileRecord:
    """Kill the worker process for files named crash*, as a segfault would."""
    if Path(task.path).name.startswith("crash"):
        os._exit(1)
    return process_file(task)


def test_run_tasks_survives_dead_worker(tmp_path):
    paths = [
        _file(tmp_path, name, ZONE_YAML) for name in ("a.yaml", "crash.yaml", "c.yaml")
    ]
    records = list(
        run_tasks([_task(path) for path in paths], jobs=2, worker=crash_on_marker)
    )
    assert [record.status for record in records] == [REPAIRED, FAILED, REPAIRED]
    assert "worker process stopped" in records[1].error.message


def test_internal_error_message_is_masked(tmp_path, monkeypatch):
    def leak(text, path, options, format=None):
        error = TemplateError(f"internal error: KeyError: {PASSWORD!r}", 1, 1, path)
        return RepairResult(path, FAILED, text, text, error=error)

    monkeypatch.setattr(batch, "repair", leak)
    path = _file(tmp_path, "db.yaml", DATABASE_YAML)
    record = process_file(_task(path))
    assert record.status == FAILED
    assert PASSWORD not in record.error.message
    assert "********" in record.error.message
