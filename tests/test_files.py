"""Reading and atomic writing of template files."""

from __future__ import annotations

import os
import stat

import pytest

from fixer.errors import TemplateError
from fixer.files import read_text, write_atomic


def test_write_atomic_keeps_permissions(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


def test_write_atomic_leaves_no_temporary_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "t.yaml"
    path.write_text("old\n")

    def fail(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]


def test_write_atomic_keeps_crlf_bytes(tmp_path):
    path = tmp_path / "t.yaml"
    write_atomic(path, "a: 1\r\n")
    assert path.read_bytes() == b"a: 1\r\n"


def test_read_text_rejects_invalid_utf8_with_position(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes(b"Resources:\n  A: \xff\n")
    with pytest.raises(TemplateError) as raised:
        read_text(path)
    assert (raised.value.line, raised.value.column) == (2, 6)
    assert str(raised.value).startswith(f"{path}:2:6: invalid UTF-8")


def test_read_text_missing_file(tmp_path):
    with pytest.raises(TemplateError) as raised:
        read_text(tmp_path / "missing.yaml")
    assert "cannot read file" in raised.value.message
