"""A template file as text, plain data and source nodes.

``Document.parse`` reads JSON or YAML; ``Document.render`` writes the new
data back by editing only the spans whose values changed (see
``fixer.rewrite``). The encoding (UTF-8, with or without a byte order mark)
and the line endings of the input are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from fixer import rewrite_json, rewrite_yaml
from fixer.errors import NotATemplate, TemplateError
from fixer.jsonsource import load_json, parse_json
from fixer.nodes import Node
from fixer.rewrite import Context, Edit, apply_edits
from fixer.yamlsource import parse_yaml

JSON = "json"
YAML = "yaml"
BOM = "\ufeff"


def guess_format(path: str, text: str) -> str:
    lowered = path.lower()
    if lowered.endswith(".json"):
        return JSON
    if lowered.endswith((".yaml", ".yml")):
        return YAML
    return JSON if text.lstrip(BOM + " \t\r\n").startswith("{") else YAML


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise TemplateError(
            f"invalid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            line, column,
        ) from None


@dataclass
class Document:
    text: str
    format: str
    data: object
    # None until a rewrite needs the source nodes: a JSON file is first read
    # by the C scanner, and most files of a batch are never rewritten.
    source_root: Node | None
    bom: bool = False
    newline: str = "\n"

    @property
    def root(self) -> Node:
        if self.source_root is None:
            self.source_root = parse_json(self.text)[1]
        return self.source_root

    @classmethod
    def parse(cls, text: str, format: str) -> Document:
        bom = text.startswith(BOM)
        body = text[1:] if bom else text
        if not body.strip():
            raise TemplateError("empty file: no template", 1, 1)
        if format == JSON:
            data = load_json(body)
            root = None
            if data is None:
                data, root = parse_json(body)
        else:
            data, root = parse_yaml(body)
            if data is None:
                raise TemplateError("empty file: only comments, no template", 1, 1)
        check_template(data)
        newline = "\r\n" if "\r\n" in body else "\n"
        return cls(body, format, data, root, bom, newline)

    def edits(self, new_data: object) -> list[Edit]:
        if self.format == JSON:
            rewriter = rewrite_json.JsonRewriter(
                self.text, self.newline, rewrite_json.detect_style(self.text, self.root)
            )
        else:
            rewriter = rewrite_yaml.YamlRewriter(
                self.text, self.newline, rewrite_yaml.detect_style(self.text, self.root)
            )
        rewriter.diff(self.data, new_data, self.root, Context("root"))
        return rewriter.edits

    def render(self, new_data: object) -> str:
        """Return the full text (BOM included) with ``new_data`` written in."""
        body = apply_edits(self.text, self.edits(new_data))
        return (BOM if self.bom else "") + body


def check_template(data: object) -> None:
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        raise NotATemplate(f"not a CloudFormation template: the document is a {kind}, not a mapping")
    if "Resources" not in data:
        if "apiVersion" in data and "kind" in data:
            raise NotATemplate("not a CloudFormation template: looks like a Kubernetes manifest")
        raise NotATemplate("not a CloudFormation template: no Resources section")
    if not isinstance(data["Resources"], dict):
        raise TemplateError("invalid template: Resources must be a mapping of logical ids")
