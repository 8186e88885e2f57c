"""Find fenced code blocks in Markdown model outputs.

Fences follow CommonMark: three or more backticks or tildes, indented by at
most three spaces, closed by a fence of the same character that is at least
as long and carries no info string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^\r\n]*)$")


@dataclass(frozen=True)
class Block:
    info: str
    # Character offsets of the block's content in the Markdown text.
    start: int
    end: int
    # 1-based line of the first content line.
    line: int
    indent: int
    closed: bool


def fenced_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines(keepends=True)
    offset = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FENCE.match(line.rstrip("\r\n"))
        if not match or (match.group("fence")[0] == "`" and "`" in match.group("info")):
            offset += len(line)
            index += 1
            continue
        fence = match.group("fence")
        content_start = offset + len(line)
        first_line = index + 2
        offset = content_start
        index += 1
        closed = False
        while index < len(lines):
            candidate = lines[index].rstrip("\r\n")
            stripped = candidate.lstrip(" ")
            if len(candidate) - len(stripped) <= 3 and stripped.startswith(fence[0] * len(fence)) \
                    and not stripped.strip(fence[0]).strip():
                closed = True
                break
            offset += len(lines[index])
            index += 1
        blocks.append(Block(match.group("info").strip(), content_start, offset, first_line,
                            len(match.group("indent")), closed))
        if closed:
            offset += len(lines[index])
            index += 1
    return blocks


def block_format(block: Block, content: str) -> str | None:
    """Return "json" or "yaml" for a block that may hold a template, else None."""
    language = block.info.split()[0].lower() if block.info else ""
    if language in ("json", "jsonc"):
        return "json"
    if language in ("yaml", "yml", "cloudformation", "cfn"):
        return "yaml"
    if language and language not in ("text", "txt", "plain"):
        return None
    stripped = content.lstrip()
    if stripped.startswith("{"):
        return "json"
    if "Resources" in content:
        return "yaml"
    return None


# "Resources:" at the start of a line (YAML, pretty JSON) or "Resources": anywhere (JSON).
_RESOURCES_KEY = re.compile(r'^\s*"?Resources"?\s*:|"Resources"\s*:', re.M)


def looks_like_template(content: str) -> bool:
    """Tell whether a block that failed to parse was meant to be a template."""
    return bool(_RESOURCES_KEY.search(content)) or "AWSTemplateFormatVersion" in content
