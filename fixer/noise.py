"""Measure the noise of a repair: changed lines that lie outside the nodes a fix changed.

This is an independent check on the rewriter. It takes the values that
differ between the old and new template (from DeepDiff), finds the source
nodes of those values in the old text, and counts the lines of the unified
diff that fall outside them. A surgical repair scores 0.
"""

from __future__ import annotations

import difflib

from deepdiff import DeepDiff

from fixer.document import Document
from fixer.nodes import MAPPING, SEQUENCE, Node


def _locate(root: Node, path: list) -> tuple[int, int]:
    """Return the (start, end) offsets of the deepest source node on ``path``."""
    node = root
    start, end = root.start, root.end
    parts = list(path)
    while parts:
        part = parts.pop(0)
        if node.tag is not None and parts is not None and isinstance(part, str) \
                and (part == "Ref" or part.startswith("Fn::") or part == "Condition"):
            # A short-form tag stands for this key: the node itself is its value.
            continue
        if node.kind == MAPPING:
            entry = next(((k, v) for k, v in node.entries if k.key_text == part), None)
            if entry is None:
                break
            start, end = entry[0].start, entry[1].end
            node = entry[1]
        elif node.kind == SEQUENCE and isinstance(part, int) and part < len(node.items):
            node = node.items[part]
            start, end = node.start, node.end
        else:
            break
    return start, end


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index)


def noise(document: Document, new_data: object, new_text: str) -> int:
    """Count diff lines between the document and ``new_text`` outside the changed nodes."""
    diff = DeepDiff(document.data, new_data, view="tree")
    ranges = []
    for kind, items in diff.items():
        for item in items:
            start, end = _locate(document.root, item.path(output_format="list"))
            first, last = _line(document.text, start), _line(document.text, end)
            line_start = document.text.rfind("\n", 0, start) + 1
            if kind == "dictionary_item_removed" and document.text[line_start:start].strip():
                # The first key after a dash went: the next key moves up onto the dash line.
                last += 1
            ranges.append((first, last))
    old_lines = document.text.splitlines(keepends=True)
    new_body = new_text[1:] if document.bom else new_text
    new_lines = new_body.splitlines(keepends=True)

    def inside(line: int) -> bool:
        return any(first <= line <= last for first, last in ranges)

    def near(line: int) -> bool:
        return any(first - 1 <= line <= last + 1 for first, last in ranges)

    # Lines outside every changed node must all survive, in order. Blank
    # lines that frame a removed node belong to it, and a trailing comma is
    # JSON structure, so neither counts.
    protected = [
        _normal(line) for index, line in enumerate(old_lines)
        if not inside(index) and not (not line.strip() and _blank_run_touches(old_lines, index, near))
    ]
    matcher = difflib.SequenceMatcher(a=protected, b=[_normal(line) for line in new_lines],
                                      autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return len(protected) - kept


def _normal(line: str) -> str:
    return line.rstrip().rstrip(",")


def _blank_run_touches(lines: list[str], line: int, near) -> bool:
    first = last = line
    while first > 0 and not lines[first - 1].strip():
        first -= 1
    while last + 1 < len(lines) and not lines[last + 1].strip():
        last += 1
    return near(first) or near(last)
