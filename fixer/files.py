"""Reading and atomically writing template files."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from fixer.document import decode
from fixer.errors import TemplateError

# CloudFormation accepts template bodies up to 1 MB from S3; anything far
# larger is not a template and would only cost memory.
MAX_FILE_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TemplateError(f"file is {size} bytes, larger than the {MAX_FILE_BYTES}-byte limit",
                                1, 1, str(path))
        raw = path.read_bytes()
    except OSError as error:
        raise TemplateError(f"cannot read file: {error.strerror}", 1, 1, str(path)) from None
    try:
        return decode(raw)
    except TemplateError as error:
        raise error.located(str(path)) from None


def write_atomic(path: Path, text: str, mode_from: Path | None = None) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    The new file keeps the permission bits of ``mode_from`` (default: ``path``).
    """
    source = mode_from or path
    try:
        mode = stat.S_IMODE(source.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
