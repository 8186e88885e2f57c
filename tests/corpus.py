"""Access to the shared corpus of real templates and model outputs."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from fixer import markdown

CORPUS = Path(os.environ.get(
    "CFN_FIXER_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"
))


def rows(flags: set[str] | None = None) -> list[dict]:
    """Return manifest rows, optionally only those tagged with one of ``flags``."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(newline="") as stream:
        selected = list(csv.DictReader(stream, delimiter="\t"))
    if flags:
        selected = [row for row in selected if flags & set(row["flaws"].split(","))]
    return selected


def read(row: dict) -> str:
    return (CORPUS / row["path"]).read_bytes().decode("utf-8")


def templates(path: str, text: str) -> list[str]:
    """Return the template texts in a file: the whole file, or each closed fenced block."""
    if not path.endswith(".md"):
        return [text]
    return [text[block.start:block.end] for block in markdown.fenced_blocks(text) if block.closed]


def outside_blocks(text: str) -> list[str]:
    """Return the Markdown text between fenced blocks (prose and fences)."""
    pieces, position = [], 0
    for block in markdown.fenced_blocks(text):
        pieces.append(text[position:block.start])
        position = block.end
    pieces.append(text[position:])
    return pieces
