"""Turn a changed template back into text by editing only what changed.

The rewriter walks the old data, the new data and the source nodes together.
Where old and new agree nothing is written; where a mapping gains or loses
keys, or a sequence gains or loses items, only those entries are inserted or
deleted; anything else that differs is replaced as a whole node, rendered in
the file's own style. Every edit is a (start, end, text) span of the old text,
so the bytes outside the spans cannot change.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass

from fixer.errors import EditConflict
from fixer.nodes import MAPPING, SEQUENCE, Node


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str


def same(a: object, b: object) -> bool:
    """Compare two values strictly: True is not 1 and 1.0 is not 1."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(k in b and same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise EditConflict("internal error: overlapping edits", 1, 1)
        parts.append(text[position:edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


class Rewriter:
    """Base class: the format-specific subclasses say how to render and where entries end."""

    def __init__(self, text: str, newline: str):
        self.text = text
        self.newline = newline
        self.edits: list[Edit] = []

    # -- helpers over the old text -------------------------------------------------
    def column(self, index: int) -> int:
        return index - (self.text.rfind("\n", 0, index) + 1)

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end_after(self, index: int) -> int:
        """Index just past the newline of the line that contains ``index - 1``."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        newline = self.text.find("\n", index)
        return len(self.text) if newline < 0 else newline + 1

    def line_prefix(self, index: int) -> str:
        return self.text[self.line_start(index):index]

    def emit(self, start: int, end: int, text: str) -> None:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        self.edits.append(Edit(start, end, text))

    # -- the walk ------------------------------------------------------------------
    def diff(self, old: object, new: object, node: Node, parent: Context) -> None:
        if same(old, new):
            return
        if node.shared:
            raise EditConflict(
                "a change falls inside a node that a YAML alias shares; "
                "expand the alias by hand and run again",
                *self.position(node.start),
            )
        if node.tag and isinstance(old, dict) and isinstance(new, dict) \
                and len(old) == len(new) == 1 and old.keys() == new.keys() \
                and node.kind in (MAPPING, SEQUENCE):
            (key,) = old
            # Same intrinsic function, changed arguments: edit inside the tagged node.
            untagged = Node(node.kind, node.start, node.end, flow=node.flow,
                            entries=node.entries, items=node.items)
            self.diff(old[key], new[key], untagged, parent)
            return
        if node.tag is None and node.kind == MAPPING and isinstance(old, dict) \
                and isinstance(new, dict) and old and new and node.entries:
            self.diff_mapping(old, new, node, parent)
            return
        if node.tag is None and node.kind == SEQUENCE and isinstance(old, list) \
                and isinstance(new, list) and old and new and node.items:
            self.diff_sequence(old, new, node, parent)
            return
        self.replace(node, new, parent)

    def position(self, index: int) -> tuple[int, int]:
        return self.text.count("\n", 0, index) + 1, self.column(index) + 1

    def diff_mapping(self, old: dict, new: dict, node: Node, parent: Context) -> None:
        entries = {key.key_text: (key, value) for key, value in node.entries}
        removed = [index for index, (key, _) in enumerate(node.entries) if key.key_text not in new]
        runs = _runs(removed)
        if len(removed) == len(node.entries) or not all(self.can_delete_entries(node, run) for run in runs):
            self.replace(node, new, parent)
            return
        for key in old:
            if key in new:
                key_node, value_node = entries[key]
                self.diff(old[key], new[key], value_node, self.entry_context(node, key_node))
        for run in runs:
            self.delete_entries(node, run)
        # Insert each new key after the nearest earlier key that stays, or
        # before the first key that stays when no earlier one does.
        after: str | None = None
        pending: dict = {}
        for key, value in new.items():
            if key not in old:
                pending[key] = value
                continue
            if pending:
                self.insert_entries(node, after, key, pending)
                pending = {}
            after = key
        if pending:
            self.insert_entries(node, after, None, pending)

    def diff_sequence(self, old: list, new: list, node: Node, parent: Context) -> None:
        if len(old) == len(new):
            for index, (before, after) in enumerate(zip(old, new)):
                self.diff(before, after, node.items[index], self.item_context(node, index))
            return
        matcher = difflib.SequenceMatcher(
            a=[_key(item) for item in old], b=[_key(item) for item in new], autojunk=False
        )
        # A replaced range edits its first items in place (so their quoting and
        # comments survive) and deletes or inserts only the surplus.
        steps = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            steps.append((i1, j1, paired, list(range(i1 + paired, i2)), new[j1 + paired:j2]))
        deleted = [index for *_, removed, _ in steps for index in removed]
        if len(deleted) == len(old) or not all(self.can_delete_items(node, run) for run in _runs(deleted)):
            self.replace(node, new, parent)
            return
        for i1, j1, paired, removed, added in steps:
            for offset in range(paired):
                index = i1 + offset
                self.diff(old[index], new[j1 + offset], node.items[index], self.item_context(node, index))
            if removed:
                self.delete_items(node, removed)
            if added:
                # Insert after the last item kept before them; -1 means before the first.
                self.insert_items(node, i1 + paired - 1, added)

    # -- format-specific operations --------------------------------------------------
    def entry_context(self, node: Node, key_node: Node) -> Context:
        raise NotImplementedError

    def item_context(self, node: Node, index: int) -> Context:
        raise NotImplementedError

    def replace(self, node: Node, new: object, parent: Context) -> None:
        raise NotImplementedError

    def can_delete_entries(self, node: Node, run: list[int]) -> bool:
        return True

    def can_delete_items(self, node: Node, run: list[int]) -> bool:
        return True

    def delete_entries(self, node: Node, run: list[int]) -> None:
        raise NotImplementedError

    def delete_items(self, node: Node, run: list[int]) -> None:
        raise NotImplementedError

    def insert_entries(self, node: Node, after: str | None, before: str | None, entries: dict) -> None:
        raise NotImplementedError

    def insert_items(self, node: Node, after: int, items: list) -> None:
        raise NotImplementedError

    # -- flow collections (JSON, and YAML in brackets or braces) -------------------------
    def flow_delete(self, starts: list[int], ends: list[int], run: list[int]) -> None:
        first, last = run[0], run[-1]
        if last + 1 < len(starts):
            self.emit(starts[first], starts[last + 1], "")
        else:
            self.emit(ends[first - 1], ends[last], "")

    def is_single_line(self, node: Node) -> bool:
        return "\n" not in self.text[node.start:node.end]

    def flow_separator(self, node: Node, first_child_start: int) -> str:
        if self.is_single_line(node):
            return " "
        prefix = self.line_prefix(first_child_start)
        return "\n" + prefix[: len(prefix) - len(prefix.lstrip())]


def _key(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _runs(indexes: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


@dataclass(frozen=True, slots=True)
class Context:
    """Where a node sits: how a replacement for it must be laid out."""

    # "root", "block-key" (value of a block mapping key), "block-item"
    # (item of a block sequence) or "flow" (inside brackets or braces, or JSON).
    kind: str
    # The column of the key or dash for block contexts.
    column: int = 0
    # Index right after the key's colon, or right after the dash.
    anchor: int = 0
