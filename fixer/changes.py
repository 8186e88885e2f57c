"""Records of what a fix changed or chose to leave alone."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple  # keys and list indexes from the template root


def format_path(path: Path) -> str:
    return "/".join(str(part) for part in path)


@dataclass(frozen=True)
class Change:
    fix_id: str
    path: Path
    before: object
    after: object
    reason: str


@dataclass(frozen=True)
class Notice:
    """Something a fix found but did not rewrite, with the reason."""

    fix_id: str
    path: Path
    message: str


# Marks a value that a change removed or that did not exist before.
class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()
