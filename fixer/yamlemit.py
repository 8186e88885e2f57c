"""Render new values as YAML text that reads like the file around it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from fixer.yamlsource import resolve_plain

_PLAIN_WORD = re.compile(r"[A-Za-z0-9_./$@+=-](?:[A-Za-z0-9_./$@+=:{}()*-]|:(?! ))*")
_DATE = re.compile(r"\d{4}-\d\d?-\d\d?")
_FLOW_INDICATORS = set(",[]{}")
# Wider values go on their own lines.
_FLOW_WIDTH = 80


@dataclass
class YamlStyle:
    indent: int = 2
    # Columns between a parent key and the dashes of its block sequence (0 or indent).
    sequence_offset: int = 2
    short_form: bool = True
    quote: str = "'"


def intrinsic_tag(value: object) -> tuple[str, object] | None:
    """Return the short-form tag and argument of a long-form intrinsic, or None."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (key, argument), = value.items()
    if key == "Ref" and isinstance(argument, str):
        return "!Ref", argument
    if key == "Condition" and isinstance(argument, str):
        return "!Condition", argument
    if _is_intrinsic_key_of(argument):
        # One node takes one tag, so "!Base64 !Sub x" is not YAML; the outer
        # function stays in long form.
        return None
    if key.startswith("Fn::") and key[4:].isalpha():
        if key == "Fn::GetAtt" and isinstance(argument, list) and len(argument) == 2 \
                and all(isinstance(part, str) for part in argument):
            return "!GetAtt", ".".join(argument)
        return "!" + key[4:], argument
    return None


def _is_intrinsic_key_of(value: object) -> bool:
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return key in ("Ref", "Condition") or key.startswith("Fn::")


def scalar_text(value: object, style: YamlStyle, flow: bool = False) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _is_plain_safe(text, flow):
        return text
    if style.quote == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _is_plain_safe(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "  " in text:
        return False
    if any(not _PLAIN_WORD.fullmatch(word) for word in text.split(" ")):
        return False
    if flow and any(character in _FLOW_INDICATORS for character in text):
        return False
    if text[0] in "{$" and "{" in text[:2] or text.endswith(":"):
        return False
    if _DATE.match(text):
        return False
    return resolve_plain(text) == text and isinstance(resolve_plain(text), str)


def flow_text(value: object, style: YamlStyle, nested: bool = True) -> str:
    """Render a value on one line in flow style, with short-form tags where the file uses them.

    ``nested`` is False for a value that sits directly after ``key:`` or ``-``
    in block context, where a plain scalar may contain flow indicators.
    """
    tagged = intrinsic_tag(value) if style.short_form else None
    if tagged:
        tag, argument = tagged
        if isinstance(argument, (dict, list)) and not intrinsic_tag(argument):
            return f"{tag} {flow_text(argument, style)}"
        return f"{tag} {scalar_text(argument, style, flow=nested)}"
    if isinstance(value, dict):
        inner = ", ".join(
            f"{scalar_text(key, style, flow=True)}: {flow_text(item, style)}"
            for key, item in value.items()
        )
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(item, style) for item in value) + "]"
    return scalar_text(value, style, flow=nested)


def _fits_flow(value: object, column: int, style: YamlStyle) -> bool:
    if not isinstance(value, (dict, list)):
        return True
    tagged = intrinsic_tag(value) if style.short_form else None
    if not tagged and value:
        return False
    if tagged and isinstance(tagged[1], dict) and not intrinsic_tag(tagged[1]):
        return False
    return column + len(flow_text(value, style)) <= _FLOW_WIDTH


def value_text(value: object, column: int, style: YamlStyle) -> str:
    """Render a value that follows ``key:`` or ``-`` on a block line.

    The result starts with a space (inline value) or a newline (block value);
    ``column`` is the column of the key or the dash.
    """
    if fits_literal_block(value):
        return _literal_text(value, column, style)
    if _fits_flow(value, column, style):
        return " " + flow_text(value, style, nested=False)
    tagged = intrinsic_tag(value) if style.short_form else None
    if tagged:
        tag, argument = tagged
        return " " + tag + _block_text(argument, column, style)
    return _block_text(value, column, style)


def _block_text(value: object, column: int, style: YamlStyle) -> str:
    if isinstance(value, dict):
        if not value:
            return " {}"
        child = column + style.indent
        return "\n" + mapping_lines(value, child, style)
    if isinstance(value, list):
        if not value:
            return " []"
        dash = column + style.sequence_offset
        return "\n" + sequence_lines(value, dash, style)
    if fits_literal_block(value):
        return _literal_text(value, column, style)
    return " " + flow_text(value, style, nested=False)


def fits_literal_block(value: object) -> bool:
    """Tell whether a string reads back unchanged from a ``|`` or ``|-`` block scalar.

    Multi-line strings (UserData scripts, policies) stay reviewable that way.
    Strings that would need an indentation indicator or keep chomping, or
    that hold characters a block scalar cannot show, are quoted instead.
    """
    if not isinstance(value, str) or "\n" not in value.rstrip("\n"):
        return False
    if value.endswith("\n\n") or value[0] in " \t" or "\r" in value:
        return False
    lines = value.rstrip("\n").split("\n")
    return all(
        line.replace("\t", " ").isprintable()
        and (line == "" or line.strip() != "")
        for line in lines
    )


def _literal_text(value: str, column: int, style: YamlStyle) -> str:
    indent = " " * (column + style.indent)
    header = " |" if value.endswith("\n") else " |-"
    lines = value.rstrip("\n").split("\n")
    return header + "".join("\n" + (indent + line if line else "") for line in lines)


def mapping_lines(value: dict, column: int, style: YamlStyle, first_prefix: str | None = None) -> str:
    """Render block mapping lines at ``column``; ``first_prefix`` replaces the first line's indent."""
    lines = []
    for index, (key, item) in enumerate(value.items()):
        prefix = " " * column if index or first_prefix is None else first_prefix
        lines.append(prefix + scalar_text(key, style) + ":" + value_text(item, column, style))
    return "\n".join(lines)


def sequence_lines(value: list, dash_column: int, style: YamlStyle) -> str:
    return "\n".join(" " * dash_column + "-" + item_text(item, dash_column, style) for item in value)


def item_text(item: object, dash_column: int, style: YamlStyle) -> str:
    """Render what follows a ``-`` at ``dash_column``, starting with a space or a newline."""
    tagged = intrinsic_tag(item) if style.short_form else None
    if isinstance(item, dict) and item and not tagged:
        return " " + mapping_lines(item, dash_column + 2, style, first_prefix="")
    if isinstance(item, list) and item and not _fits_flow(item, dash_column + 2, style):
        return "\n" + sequence_lines(item, dash_column + 2, style)
    return value_text(item, dash_column, style)
