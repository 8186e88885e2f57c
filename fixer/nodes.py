"""Source nodes: where each value of a parsed template sits in the text.

Both parsers build the same small tree, so the rewriter that turns a changed
template back into text does not care whether the file was JSON or YAML.
Offsets are indexes into the decoded text (characters, not bytes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAPPING = "mapping"
SEQUENCE = "sequence"
SCALAR = "scalar"


@dataclass(eq=False, slots=True)
class Node:
    kind: str
    start: int
    # End of the node's own text: the closing quote, bracket or last
    # character of its last child, never the blank lines or comments after it.
    end: int
    flow: bool = False
    # Short-form CloudFormation tag in YAML (for example "!Ref"), else None.
    tag: str | None = None
    # Quoting style of a YAML scalar: None (plain), "'", '"', "|" or ">".
    style: str | None = None
    # Mapping entries as (key node, value node); sequence items as nodes.
    entries: list[tuple[Node, Node]] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    # True when the same node is reached through a YAML alias somewhere else.
    shared: bool = False

    def value_for(self, key: str) -> Node | None:
        for key_node, value_node in self.entries:
            if key_node.key_text == key:
                return value_node
        return None

    # The decoded key, set on key nodes only.
    key_text: str | None = None
