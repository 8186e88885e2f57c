"""Find the references that tie a template together.

A reference is any place that names a logical id: ``Ref``, ``Fn::GetAtt``
(list or dotted form), a ``${Name}`` or ``${Name.Attribute}`` variable in
``Fn::Sub``, ``DependsOn``, a resource's or output's ``Condition``, a
``{"Condition": name}`` inside condition functions, the condition name that
opens ``Fn::If``, and the map name of ``Fn::FindInMap``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fixer.changes import Path

# ${Name} or ${Name.Attribute}; ${!Literal} is an escaped literal, not a variable.
SUB_VARIABLE = re.compile(r"\$\{(?!!)([^}.\s]+)(?:\.([^}\s]+))?\}")
PSEUDO_PREFIX = "AWS::"


@dataclass(frozen=True)
class Reference:
    path: Path  # where the reference sits (the Ref dict, the DependsOn value, ...)
    kind: str  # Ref, GetAtt, Sub, DependsOn, Condition, If, FindInMap
    target: str


def sub_variables(argument: object) -> tuple[str | None, dict]:
    """Return the Fn::Sub string and its local variable map."""
    if isinstance(argument, str):
        return argument, {}
    if isinstance(argument, list) and argument and isinstance(argument[0], str):
        variables = argument[1] if len(argument) > 1 and isinstance(argument[1], dict) else {}
        return argument[0], variables
    return None, {}


def walk_references(value: object, path: Path = ()) -> Iterator[Reference]:
    """Yield every reference inside ``value`` (no template-level keys)."""
    stack: list[tuple[object, Path]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, list):
            stack.extend((item, where + (index,)) for index, item in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        if len(node) == 1:
            (key, argument), = node.items()
            found = list(_function_references(key, argument, where))
            if found:
                yield from found
                if key == "Fn::Sub":
                    _, variables = sub_variables(argument)
                    stack.extend((v, where + (key, 1, k)) for k, v in variables.items())
                    continue
                if key in ("Ref", "Fn::GetAtt", "Condition"):
                    continue
        for key, item in node.items():
            stack.append((item, where + (key,)))


def _function_references(key: str, argument: object, where: Path) -> Iterator[Reference]:
    if key == "Ref" and isinstance(argument, str):
        yield Reference(where, "Ref", argument)
    elif key == "Fn::GetAtt":
        target = None
        if isinstance(argument, list) and argument and isinstance(argument[0], str):
            target = argument[0]
        elif isinstance(argument, str):
            target = argument.partition(".")[0]
        if target:
            yield Reference(where, "GetAtt", target)
    elif key == "Fn::Sub":
        text, variables = sub_variables(argument)
        if text is not None:
            for match in SUB_VARIABLE.finditer(text):
                if match.group(1) not in variables:
                    yield Reference(where, "Sub", match.group(1))
    elif key == "Condition" and isinstance(argument, str):
        yield Reference(where, "Condition", argument)
    elif key == "Fn::If" and isinstance(argument, list) and argument and isinstance(argument[0], str):
        yield Reference(where, "If", argument[0])
    elif key == "Fn::FindInMap" and isinstance(argument, list) and argument \
            and isinstance(argument[0], str):
        yield Reference(where, "FindInMap", argument[0])


def replace_sub_variable(text: str, old: str, new: str) -> str:
    def swap(match: re.Match) -> str:
        if match.group(1) != old:
            return match.group(0)
        attribute = f".{match.group(2)}" if match.group(2) else ""
        return "${" + new + attribute + "}"

    return SUB_VARIABLE.sub(swap, text)
