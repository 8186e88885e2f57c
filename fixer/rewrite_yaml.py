"""Edits to YAML text: block entries go line by line, flow ones by commas."""

from __future__ import annotations

import re

from fixer.nodes import MAPPING, SEQUENCE, Node
from fixer.rewrite import Context, Rewriter
from fixer.yamlemit import YamlStyle, flow_text, item_text, value_text

_TAG = re.compile(r"(?<![\w!])!(?:Ref|Sub|GetAtt|Select|GetAZs|If|Join|Base64|FindInMap|Equals|Not|And|Or|Condition|ImportValue|Split|Cidr)\b")
_LONG_FORM = re.compile(r"(?:^|[\s{,\[])(?:Ref|Fn::\w+)\s*:", re.M)


def detect_style(text: str, root: Node) -> YamlStyle:
    style = YamlStyle()
    tags = len(_TAG.findall(text))
    style.short_form = tags > 0 or not _LONG_FORM.search(text)
    singles = text.count(": '") + text.count("- '")
    doubles = text.count(': "') + text.count('- "')
    style.quote = '"' if doubles > singles else "'"
    indent = offset = None
    stack = [root]
    while stack and (indent is None or offset is None):
        node = stack.pop()
        if node.kind == MAPPING and not node.flow:
            for key, value in node.entries:
                if value.kind == MAPPING and not value.flow and value.entries and indent is None:
                    step = _column(text, value.entries[0][0].start) - _column(text, key.start)
                    if step > 0:
                        indent = step
                if value.kind == SEQUENCE and not value.flow and value.items and offset is None:
                    dash = _dash_index(text, value.items[0].start)
                    if dash is not None:
                        offset = _column(text, dash) - _column(text, key.start)
                stack.append(value)
        elif node.kind == SEQUENCE:
            stack.extend(node.items)
    style.indent = indent or 2
    style.sequence_offset = offset if offset is not None and offset >= 0 else style.indent
    return style


def _column(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def _dash_index(text: str, item_start: int) -> int | None:
    dash = text.rfind("-", 0, item_start)
    if dash < 0 or text[dash + 1:item_start].strip():
        return None
    return dash


class YamlRewriter(Rewriter):
    def __init__(self, text: str, newline: str, style: YamlStyle):
        super().__init__(text, newline)
        self.style = style

    def entry_context(self, node: Node, key_node: Node) -> Context:
        if node.flow:
            return Context("flow")
        colon = self.text.find(":", key_node.end)
        return Context("block-key", self.column(key_node.start), colon + 1)

    def item_context(self, node: Node, index: int) -> Context:
        if node.flow:
            return Context("flow")
        dash = _dash_index(self.text, node.items[index].start)
        if dash is None:
            return Context("flow")
        return Context("block-item", self.column(dash), dash + 1)

    def replace(self, node: Node, new: object, parent: Context) -> None:
        if parent.kind == "block-key":
            self.emit(parent.anchor, node.end, value_text(new, parent.column, self.style))
        elif parent.kind == "block-item":
            self.emit(parent.anchor, node.end, item_text(new, parent.column, self.style))
        else:
            self.emit(node.start, node.end, flow_text(new, self.style))

    # -- deletions -----------------------------------------------------------------
    def can_delete_entries(self, node: Node, run: list[int]) -> bool:
        if node.flow:
            return True
        first_key = node.entries[run[0]][0]
        if not self.line_prefix(first_key.start).strip():
            return True
        # The first key shares its line with a dash: the next key moves up.
        return run[-1] + 1 < len(node.entries)

    def delete_entries(self, node: Node, run: list[int]) -> None:
        if node.flow:
            starts = [key.start for key, _ in node.entries]
            ends = [value.end for _, value in node.entries]
            self.flow_delete(starts, ends, run)
            return
        first_key = node.entries[run[0]][0]
        if self.line_prefix(first_key.start).strip():
            self.emit(first_key.start, node.entries[run[-1] + 1][0].start, "")
            return
        # One entry at a time, so comments between removed entries stay.
        for index in run:
            key, value = node.entries[index]
            self.delete_lines(self.line_start(key.start), self.line_end_after(value.end))

    def can_delete_items(self, node: Node, run: list[int]) -> bool:
        if node.flow:
            return True
        dashes = [_dash_index(self.text, node.items[index].start) for index in run]
        return all(dash is not None and not self.line_prefix(dash).strip() for dash in dashes)

    def delete_items(self, node: Node, run: list[int]) -> None:
        if node.flow:
            starts = [item.start for item in node.items]
            ends = [item.end for item in node.items]
            self.flow_delete(starts, ends, run)
            return
        for index in run:
            dash = _dash_index(self.text, node.items[index].start)
            self.delete_lines(self.line_start(dash), self.line_end_after(node.items[index].end))

    def delete_lines(self, start: int, end: int) -> None:
        """Delete whole lines; when blank lines frame them, keep only the blank lines before."""
        previous = self.text.rfind("\n", 0, max(start - 1, 0)) + 1
        if start == 0 or not self.text[previous:start].strip():
            while end < len(self.text):
                line_end = self.line_end_after(end + 1)
                if self.text[end:line_end].strip():
                    break
                end = line_end
        self.emit(start, end, "")

    # -- insertions ----------------------------------------------------------------
    def insert_entries(self, node: Node, after: str | None, before: str | None, entries: dict) -> None:
        keys = {key.key_text: (key, value) for key, value in node.entries}
        if node.flow:
            rendered = [f"{flow_text(key, self.style)}: {flow_text(value, self.style)}"
                        for key, value in entries.items()]
            self.flow_insert(node, [k.start for k, _ in node.entries],
                             keys[after][1].end if after is not None else None,
                             keys[before][0].start if before is not None else None, rendered)
            return
        column = self.column(node.entries[0][0].start)
        lines = [" " * column + self.entry_line(key, value, column) for key, value in entries.items()]
        if after is not None:
            self.insert_lines(self.line_end_after(keys[after][1].end), lines,
                              self.blank_separated(node))
        else:
            # Before an existing key, at its own position, so a dash before it stays put.
            start = keys[before][0].start
            separator = "\n\n" if self.blank_separated(node) else "\n"
            text = separator.join(lines).lstrip(" ") + separator + " " * column
            self.emit(start, start, text)

    def entry_line(self, key: str, value: object, column: int) -> str:
        return flow_text(key, self.style, nested=False) + ":" + value_text(value, column, self.style)

    def blank_separated(self, node: Node) -> bool:
        """Tell whether the mapping's entries are separated by blank lines (as resources often are)."""
        if len(node.entries) < 2:
            return False
        between = self.text[node.entries[0][1].end:node.entries[1][0].start]
        return between.count("\n") >= 2 and not between.strip()

    def insert_lines(self, position: int, lines: list[str], separated: bool = False) -> None:
        if separated:
            text = "\n" + "\n\n".join(lines) + "\n"
        else:
            text = "\n".join(lines) + "\n"
        if position == len(self.text) and not self.text.endswith("\n"):
            text = "\n" + text[:-1]
        self.emit(position, position, text)

    def insert_items(self, node: Node, after: int, items: list) -> None:
        if node.flow:
            rendered = [flow_text(item, self.style) for item in items]
            self.flow_insert(node, [item.start for item in node.items],
                             node.items[after].end if after >= 0 else None,
                             node.items[0].start if after < 0 else None, rendered)
            return
        dash = _dash_index(self.text, node.items[0].start)
        column = self.column(dash)
        lines = [" " * column + "-" + item_text(item, column, self.style) for item in items]
        if after >= 0:
            self.insert_lines(self.line_end_after(node.items[after].end), lines)
        else:
            text = "\n".join(lines).lstrip(" ") + "\n" + " " * column
            self.emit(dash, dash, text)

    def flow_insert(self, node: Node, starts: list[int], after_end: int | None,
                    before_start: int | None, rendered: list[str]) -> None:
        separator = "," + self.flow_separator(node, starts[-1])
        if after_end is not None:
            self.emit(after_end, after_end, separator + separator.join(rendered))
        else:
            self.emit(before_start, before_start, separator.join(rendered) + separator)
