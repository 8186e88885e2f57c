"""Edits to JSON text in the file's own indentation and spacing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fixer.jsonsource import render_json
from fixer.nodes import Node
from fixer.rewrite import Context, Rewriter

# Single-line values longer than this are written over several lines.
_INLINE_WIDTH = 100


@dataclass
class JsonStyle:
    indent: str = "  "
    key_separator: str = ": "
    # "{ "Ref": "X" }" rather than "{"Ref": "X"}" for inline objects.
    padded: bool = False


def detect_style(text: str, root: Node) -> JsonStyle:
    style = JsonStyle()
    if root.entries:
        key, value = root.entries[0]
        style.key_separator = text[key.end:value.start] or ": "
        prefix = text[text.rfind("\n", 0, key.start) + 1:key.start]
        if prefix and not prefix.strip():
            style.indent = prefix
    style.padded = len(re.findall(r'\{ "', text)) > len(re.findall(r'\{"', text))
    return style


class JsonRewriter(Rewriter):
    def __init__(self, text: str, newline: str, style: JsonStyle):
        super().__init__(text, newline)
        self.style = style

    def entry_context(self, node: Node, key_node: Node) -> Context:
        return Context("flow")

    def item_context(self, node: Node, index: int) -> Context:
        return Context("flow")

    def indentation(self, index: int) -> str:
        prefix = self.line_prefix(index)
        return prefix[: len(prefix) - len(prefix.lstrip())]

    def render(self, value: object, at: int, inline: bool) -> str:
        if inline:
            text = render_json(value, self.style.indent, "", True, self.style.padded,
                               self.style.key_separator)
            if len(text) <= _INLINE_WIDTH:
                return text
        return render_json(value, self.style.indent, self.indentation(at), False,
                           self.style.padded, self.style.key_separator)

    def replace(self, node: Node, new: object, parent: Context) -> None:
        self.emit(node.start, node.end, self.render(new, node.start, self.is_single_line(node)))

    def delete_entries(self, node: Node, run: list[int]) -> None:
        starts = [key.start for key, _ in node.entries]
        ends = [value.end for _, value in node.entries]
        self.flow_delete(starts, ends, run)

    def delete_items(self, node: Node, run: list[int]) -> None:
        self.flow_delete([i.start for i in node.items], [i.end for i in node.items], run)

    def insert_entries(self, node: Node, after: str | None, before: str | None, entries: dict) -> None:
        keys = {key.key_text: (key, value) for key, value in node.entries}
        inline = self.is_single_line(node)
        at = node.entries[-1][0].start
        rendered = [
            render_json(key, "", "", True) + self.style.key_separator + self.render(value, at, inline)
            for key, value in entries.items()
        ]
        self.insert(node, at, keys[after][1].end if after is not None else None,
                    keys[before][0].start if before is not None else None, rendered)

    def insert_items(self, node: Node, after: int, items: list) -> None:
        inline = self.is_single_line(node)
        at = node.items[-1].start
        rendered = [self.render(item, at, inline) for item in items]
        self.insert(node, at, node.items[after].end if after >= 0 else None,
                    node.items[0].start if after < 0 else None, rendered)

    def insert(self, node: Node, last_child: int, after_end: int | None,
               before_start: int | None, rendered: list[str]) -> None:
        if self.is_single_line(node):
            separator = ", "
        else:
            separator = ",\n" + self.indentation(last_child)
        if after_end is not None:
            self.emit(after_end, after_end, separator + separator.join(rendered))
        else:
            self.emit(before_start, before_start, separator.join(rendered) + separator)
