"""Parse YAML into plain data plus source nodes.

libyaml (through ruamel.yaml.clib) scans and parses; this module composes the
event stream itself, without recursion, because the C composer recurses and
crashes the interpreter on deeply nested input. Composing here also sees alias
events, so a node reached through an alias is marked as shared.

Short-form CloudFormation tags become the long form that JSON templates use:
``!Ref X`` is ``{"Ref": "X"}`` and ``!GetAtt A.B`` is
``{"Fn::GetAtt": ["A", "B"]}``. Plain scalars resolve as YAML 1.1 does,
as cfn-lint's loader does: ``yes`` is a boolean and ``010`` an octal
integer, while dates stay strings.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError

from fixer.errors import TemplateError
from fixer.nodes import MAPPING, SCALAR, SEQUENCE, Node

MAX_DEPTH = 200
# A template expands to a few thousand nodes; aliases that multiply beyond
# this are an attack or a mistake, never a template.
MAX_EXPANDED_NODES = 1_000_000

_BOOL_11 = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF",
}
_TRUE_11 = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_NULL_11 = {"", "~", "null", "Null", "NULL"}
_INT_11 = re.compile(
    r"""[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+
    |[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_FLOAT_11 = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+][0-9]+)$
    |\.[0-9_]+(?:[eE][-+][0-9]+)?$
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$
    |[-+]?\.(?:inf|Inf|INF)$
    |\.(?:nan|NaN|NAN)$""",
    re.X,
)
# Tags whose long form is not "Fn::" plus the tag name.
_TAG_KEYS = {"!Ref": "Ref", "!Condition": "Condition"}
_CORE_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


def resolve_plain(value: str) -> object:
    """Resolve an untagged plain scalar as YAML 1.1 does."""
    if value in _NULL_11:
        return None
    first = value[0]
    if first.isalpha() and value in _BOOL_11:
        return value in _TRUE_11
    if first.isdigit() or first in "+-.":
        if _INT_11.match(value):
            return _to_int(value)
        if _FLOAT_11.match(value):
            return _to_float(value)
    return value


def _to_int(value: str) -> int:
    text = value.replace("_", "")
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if ":" in text:
        number = 0
        for part in text.split(":"):
            number = number * 60 + int(part)
        return sign * number
    if len(text) > 1 and text[0] == "0":
        return sign * int(text, 8)
    return sign * int(text)


def _to_float(value: str) -> float | str:
    text = value.replace("_", "").lower()
    if text.endswith("inf") or text.endswith("nan"):
        return float(text.replace(".", ""))
    if ":" in text:
        # Sexagesimal floats are legal YAML 1.1 but meaningless in a template.
        return value
    return float(text)


def _long_form(tag: str, value: object) -> dict:
    key = _TAG_KEYS.get(tag, "Fn::" + tag[1:])
    if tag == "!GetAtt" and isinstance(value, str):
        logical_id, _, attribute = value.partition(".")
        value = [logical_id, attribute]
    return {key: value}


class _Frame:
    __slots__ = ("node", "data", "tag", "anchor", "pending_key", "key_node")

    def __init__(self, node: Node, data, tag: str | None, anchor: str | None):
        self.node = node
        self.data = data
        self.tag = tag
        self.anchor = anchor
        self.pending_key = None
        self.key_node = None


def _fail(message: str, text: str, index: int) -> TemplateError:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return TemplateError(message, line, column)


def parse_yaml(text: str) -> tuple[object, Node]:
    """Return the plain data of a one-document YAML text and its root node.

    libyaml follows YAML 1.1 and rejects ``[!Ref AWS::Region]`` (a colon in a
    plain scalar inside brackets), which YAML 1.2 and CloudFormation accept,
    so input that libyaml rejects is parsed again by ruamel.yaml's slower
    pure-Python parser, and only its verdict counts.
    """
    try:
        return _compose(text, _c_events(text))
    except MarkedYAMLError:
        pass
    try:
        return _compose(text, YAML(typ="safe", pure=True).parse(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        raise TemplateError(f"invalid YAML: {problem}", line, column) from None


def _c_events(text: str):
    parser = CParser(text)
    while True:
        event = parser.get_event()
        yield event
        if type(event).__name__ == "StreamEndEvent":
            return


def _compose(text: str, events) -> tuple[object, Node]:
    anchors: dict[str, tuple[object, Node]] = {}
    stack: list[_Frame] = []
    root: tuple[object, Node] | None = None
    documents = 0
    shared_seen = False

    def attach(data, node: Node) -> None:
        nonlocal root
        if not stack:
            root = (data, node)
            return
        frame = stack[-1]
        if frame.node.kind == SEQUENCE:
            frame.data.append(data)
            frame.node.items.append(node)
            frame.node.end = node.end
            return
        if frame.key_node is None:
            if not isinstance(data, (str, int, float, bool)) and data is not None:
                raise _fail("complex mapping keys are not supported", text, node.start)
            key = "" if data is None else str(data)
            if key in frame.data:
                raise _fail(f"duplicate key {key!r}", text, node.start)
            node.key_text = key
            frame.pending_key = key
            frame.key_node = node
            return
        if node.kind == SCALAR and node.start == node.end and node.style is None:
            # An empty value ("Key:") has no text; place it right after the colon.
            colon = text.find(":", frame.key_node.end)
            node.start = node.end = colon + 1
        frame.data[frame.pending_key] = data
        frame.node.entries.append((frame.key_node, node))
        frame.node.end = node.end
        frame.key_node = None

    for event in events:
        name = type(event).__name__
        if name == "ScalarEvent":
            data, node = _scalar(event, text)
            if event.anchor:
                anchors[event.anchor] = (data, node)
            attach(data, node)
        elif name in ("MappingStartEvent", "SequenceStartEvent"):
            if len(stack) >= MAX_DEPTH:
                raise _fail(f"nesting deeper than {MAX_DEPTH} levels", text, event.start_mark.index)
            is_mapping = name == "MappingStartEvent"
            tag = event.tag if event.tag and event.tag.startswith("!") else None
            node = Node(
                MAPPING if is_mapping else SEQUENCE,
                event.start_mark.index,
                event.end_mark.index,
                flow=bool(event.flow_style),
                tag=tag,
            )
            stack.append(_Frame(node, {} if is_mapping else [], tag, event.anchor))
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            frame = stack.pop()
            if frame.node.flow:
                frame.node.end = event.end_mark.index
            elif not (frame.node.entries or frame.node.items):
                frame.node.end = frame.node.start
            data = frame.data if frame.tag is None else _long_form(frame.tag, frame.data)
            if frame.anchor:
                anchors[frame.anchor] = (data, frame.node)
            attach(data, frame.node)
        elif name == "AliasEvent":
            if event.anchor not in anchors:
                raise _fail(f"unknown alias {event.anchor!r}", text, event.start_mark.index)
            data, node = anchors[event.anchor]
            node.shared = True
            shared_seen = True
            attach(data, node)
        elif name == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise _fail("expected one YAML document, found another", text, event.start_mark.index)
        elif name == "StreamEndEvent":
            break
    if root is None:
        raise TemplateError("empty file: no YAML document", 1, 1)
    if shared_seen:
        _check_expansion(root[0], text)
    return root


def _scalar(event, text: str) -> tuple[object, Node]:
    style = event.style or None
    start, end = event.start_mark.index, event.end_mark.index
    if style in ("|", ">"):
        end = start + len(text[start:end].rstrip())
    tag = event.tag
    value = event.value
    node = Node(SCALAR, start, end, style=style)
    if tag == "!":
        # The non-specific tag: a string, never resolved to a number or boolean.
        return value, node
    if tag and tag.startswith("!") and not tag.startswith("!!"):
        node.tag = tag
        return _long_form(tag, value), node
    if tag in _CORE_TAGS:
        try:
            return _CORE_TAGS[tag](value), node
        except ValueError:
            raise _fail(f"invalid value {value!r} for tag {tag}", text, start) from None
    if style is None and event.implicit[0]:
        return resolve_plain(value), node
    return value, node


def _check_expansion(root: object, text: str) -> None:
    sizes: dict[int, int] = {}
    # Post-order without recursion: count each distinct container once and
    # add the expanded size of its children.
    visit: list[tuple[object, bool]] = [(root, False)]
    while visit:
        value, done = visit.pop()
        if not isinstance(value, (dict, list)) or (not done and id(value) in sizes):
            continue
        children = value.values() if isinstance(value, dict) else value
        if not done:
            visit.append((value, True))
            visit.extend((child, False) for child in children)
            continue
        total = 1
        for child in children:
            total += sizes.get(id(child), 1)
        sizes[id(value)] = total
        if total > MAX_EXPANDED_NODES:
            raise TemplateError(
                f"aliases expand to more than {MAX_EXPANDED_NODES} nodes", 1, 1
            )
