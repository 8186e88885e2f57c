"""The repaired file differs from the input only where a fix changed a value."""

from __future__ import annotations

import copy
import textwrap

import pytest

from fixer.api import FAILED, REPAIRED, SKIPPED, UNCHANGED, repair
from fixer.document import Document
from fixer.engine import Options
from fixer.errors import EditConflict, TemplateError
from fixer.jsonsource import load_json, parse_json
from fixer.noise import noise
from fixer.rewrite import same

ZONES_ONLY = Options(select=frozenset({"FX101"}))


def _edit(text: str, format: str, change) -> str:
    """Apply ``change`` to the parsed data and render it back."""
    document = Document.parse(text, format)
    data = copy.deepcopy(document.data)
    change(data)
    output = document.render(data)
    assert Document.parse(output, format).data == data
    assert noise(document, data, output) == 0
    return output


def _zone(data: dict, name: str = "Subnet") -> None:
    data["Resources"][name]["Properties"]["AvailabilityZone"] = {"Fn::Select": [0, {"Fn::GetAZs": ""}]}


# -- JSON ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '{"Resources": {"A": {"Type": "X", "Properties": {"N": [1, 1.10, 4.0, -0, 1e3, true, null]}}}}',
    '{"Resources": {}, "Description": "caf\\u00e9 \\"q\\" \\ud83d\\ude00 \\n"}',
    '\n\t{ "Resources" : { } }\r\n',
], ids=["numbers", "escapes", "whitespace"])
def test_json_fast_read_matches_full_parser(text):
    fast = load_json(text)
    full, _ = parse_json(text)
    assert fast is not None
    assert same(fast, full)


@pytest.mark.parametrize("text", [
    '{"Resources": {"A": 1, "A": 2}}',
    '{"Resources": {"A": NaN}}',
    '{"Resources": ' + "[" * 300 + "]" * 300 + "}",
    '{"Resources": {},}',
], ids=["duplicate", "nan", "deep", "trailing-comma"])
def test_json_fast_read_leaves_errors_to_parser(text):
    assert load_json(text) is None
    with pytest.raises(TemplateError):
        parse_json(text)


@pytest.mark.parametrize("indent", ["  ", "    ", "\t"], ids=["two", "four", "tab"])
def test_json_keeps_indentation(indent):
    text = ('{\n' + indent + '"Resources": {\n' + indent * 2 + '"Subnet": {\n'
            + indent * 3 + '"Type": "AWS::EC2::Subnet",\n' + indent * 3 + '"Properties": {\n'
            + indent * 4 + '"AvailabilityZone": "us-east-1a",\n' + indent * 4 + '"CidrBlock": "10.0.0.0/24"\n'
            + indent * 3 + '}\n' + indent * 2 + '}\n' + indent + '}\n}\n')
    output = _edit(text, "json", _zone)
    assert output == text.replace('"us-east-1a"', '{"Fn::Select": [0, {"Fn::GetAZs": ""}]}')


def test_json_keeps_numbers_escapes_and_inline_arrays():
    text = textwrap.dedent('''\
        {
          "Resources": {
            "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"AvailabilityZone": "us-east-1a", "Weights": [1.10, 4.0, 1e3]}},
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "caf\\u00e9-queue", "Note": "naïve \\"quoted\\" \\/ path"}}
          }
        }''')
    output = _edit(text, "json", _zone)
    assert '"Weights": [1.10, 4.0, 1e3]' in output
    assert '"caf\\u00e9-queue"' in output
    assert '"naïve \\"quoted\\" \\/ path"' in output
    assert not output.endswith("\n")


def test_json_keeps_crlf_line_endings():
    text = '{\r\n  "Resources": {\r\n    "Subnet": {\r\n      "Type": "AWS::EC2::Subnet",\r\n      "Properties": {"AvailabilityZone": "us-east-1a"}\r\n    }\r\n  }\r\n}\r\n'

    def add_bucket(data):
        _zone(data)
        data["Resources"]["Bucket"] = {"Type": "AWS::S3::Bucket", "Properties": {"Tags": []}}

    output = _edit(text, "json", add_bucket)
    assert "\n" not in output.replace("\r\n", "")
    assert '\r\n    "Bucket": {\r\n      "Type": "AWS::S3::Bucket",' in output


def test_json_keeps_key_order_on_insert():
    text = '{\n  "Resources": {\n    "B": {"Type": "AWS::SNS::Topic"},\n    "A": {"Type": "AWS::SNS::Topic"}\n  }\n}\n'

    def add(data):
        data["Resources"]["C"] = {"Type": "AWS::SNS::Topic"}

    output = _edit(text, "json", add)
    assert output.index('"B"') < output.index('"A"') < output.index('"C"')


def test_json_delete_last_entry_moves_comma():
    text = '{\n  "Resources": {\n    "A": {"Type": "AWS::SNS::Topic"},\n    "B": {"Type": "AWS::SNS::Topic"}\n  }\n}\n'
    output = _edit(text, "json", lambda data: data["Resources"].pop("B"))
    assert output == '{\n  "Resources": {\n    "A": {"Type": "AWS::SNS::Topic"}\n  }\n}\n'


# -- YAML ------------------------------------------------------------------------------

YAML_TEMPLATE = textwrap.dedent("""\
    AWSTemplateFormatVersion: '2010-09-09'   # version comment
    Description: >-
      A folded description that is long enough that a formatter would want to fold it again somewhere else
    # A comment before Resources
    Resources:
      Subnet:
        Type: AWS::EC2::Subnet
        Properties:
          AvailabilityZone: us-east-1a   # the zone
          CidrBlock: "10.0.0.0/24"
          Tags:
          - Key: Flag
            Value: 'off'
          - Key: Count
            Value: '010'
          - Key: Date
            Value: '2010-09-09'
          - {Key: Inline, Value: yes-please}
      Instance:
        Type: AWS::EC2::Instance
        Properties:
          SubnetId: !Ref Subnet
          UserData:
            Fn::Base64: |
              #!/bin/bash
                indented line   
              echo "done"
    """)


def test_yaml_keeps_comments_quotes_and_block_scalars():
    output = _edit(YAML_TEMPLATE, "yaml", _zone)
    expected = YAML_TEMPLATE.replace("AvailabilityZone: us-east-1a   # the zone",
                                     "AvailabilityZone: !Select [0, !GetAZs '']   # the zone")
    assert output == expected


def test_yaml_keeps_yaml11_strings_quoted():
    output = _edit(YAML_TEMPLATE, "yaml", _zone)
    for line in ("Value: 'off'", "Value: '010'", "Value: '2010-09-09'", "AWSTemplateFormatVersion: '2010-09-09'"):
        assert line in output


def test_yaml_new_strings_that_look_like_numbers_are_quoted():
    def add(data):
        data["Resources"]["Subnet"]["Properties"]["Tags"].append({"Key": "Answer", "Value": "no"})
        data["Resources"]["Subnet"]["Properties"]["Tags"].append({"Key": "Octal", "Value": "0777"})

    output = _edit(YAML_TEMPLATE, "yaml", add)
    assert "- Key: Answer\n        Value: 'no'" in output
    assert "Value: '0777'" in output


@pytest.mark.parametrize("sequence_indent", [0, 2], ids=["flush", "indented"])
def test_yaml_keeps_sequence_indentation(sequence_indent):
    dash = " " * (4 + sequence_indent)
    text = ("Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n"
            "      AvailabilityZones:\n"
            f"{dash}- us-east-1a\n{dash}- us-east-1b\n").replace("    Properties:\n      Avail", "    Properties:\n      Avail")
    text = text.replace(dash + "-", " " * (6 + sequence_indent) + "-")

    def add(data):
        data["Resources"]["Group"]["Properties"]["AvailabilityZones"].append("us-east-1c")
        data["Resources"]["Group"]["Properties"]["Tags"] = [{"Key": "Name", "Value": "web"}]

    output = _edit(text, "yaml", add)
    assert " " * (6 + sequence_indent) + "- us-east-1c\n" in output
    assert " " * (6 + sequence_indent) + "- Key: Name\n" in output


def test_yaml_new_nodes_use_long_form_without_tags():
    text = textwrap.dedent("""\
        Resources:
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId:
                Ref: Vpc
              AvailabilityZone: us-east-1a
        """)
    output = _edit(text, "yaml", _zone)
    assert "AvailabilityZone:\n        Fn::Select:\n          - 0\n          - Fn::GetAZs: ''\n" in output


def test_yaml_keeps_flow_style():
    text = "Resources:\n  Subnet: {Type: 'AWS::EC2::Subnet', Properties: {AvailabilityZone: us-east-1a, CidrBlock: 10.0.0.0/24}}\n"
    output = _edit(text, "yaml", _zone)
    assert output == ("Resources:\n  Subnet: {Type: 'AWS::EC2::Subnet', Properties: "
                      "{AvailabilityZone: !Select [0, !GetAZs ''], CidrBlock: 10.0.0.0/24}}\n")


def test_yaml_keeps_document_markers_bom_and_crlf():
    text = "\ufeff---\r\nResources:\r\n  Subnet:\r\n    Type: AWS::EC2::Subnet\r\n    Properties:\r\n      AvailabilityZone: us-east-1a\r\n...\r\n"
    result = repair(text, "t.yaml", ZONES_ONLY)
    assert result.status == REPAIRED
    assert result.output == text.replace("us-east-1a", "!Select [0, !GetAZs '']")


def test_yaml_long_lines_are_not_folded():
    long_value = "x" * 300
    text = f"Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: {long_value}\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      AvailabilityZone: us-east-1a\n"
    output = _edit(text, "yaml", _zone)
    assert f"DisplayName: {long_value}\n" in output


def test_yaml_delete_entry_keeps_neighbours_and_blank_lines():
    text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n\n  B:\n    Type: AWS::SNS::Topic  # gone\n\n  C:\n    Type: AWS::SNS::Topic\n"
    output = _edit(text, "yaml", lambda data: data["Resources"].pop("B"))
    assert output == "Resources:\n  A:\n    Type: AWS::SNS::Topic\n\n  C:\n    Type: AWS::SNS::Topic\n"


def test_yaml_delete_first_key_after_dash():
    text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags:\n        - Key: a\n          Value: b\n"

    def drop_key(data):
        data["Resources"]["T"]["Properties"]["Tags"][0].pop("Key")

    output = _edit(text, "yaml", drop_key)
    assert output.endswith("      Tags:\n        - Value: b\n")


def test_yaml_change_through_alias_is_rejected():
    text = textwrap.dedent("""\
        Resources:
          A:
            Type: AWS::EC2::Subnet
            Properties: &shared
              AvailabilityZone: us-east-1a
          B:
            Type: AWS::EC2::Subnet
            Properties: *shared
        """)
    result = repair(text, "t.yaml", ZONES_ONLY)
    assert result.status == FAILED
    assert "alias" in result.error.message
    assert result.output == text


def test_unrelated_alias_does_not_block_repair():
    text = textwrap.dedent("""\
        Resources:
          A:
            Type: AWS::SNS::Topic
            Properties:
              Tags: &tags
                - {Key: team, Value: web}
          B:
            Type: AWS::SNS::Topic
            Properties:
              Tags: *tags
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              AvailabilityZone: us-east-1a
        """)
    result = repair(text, "t.yaml", ZONES_ONLY)
    assert result.status == REPAIRED
    assert "Tags: *tags" in result.output


# -- files with nothing to fix, and bad input ------------------------------------------

def test_clean_template_is_unchanged():
    text = "Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      AvailabilityZone: !Select [0, !GetAZs '']\n"
    result = repair(text, "t.yaml")
    assert result.status == UNCHANGED
    assert result.output is text


@pytest.mark.parametrize(
    ("text", "format", "line", "column", "words"),
    [
        pytest.param('{\n  "Resources": {\n    "A": 1,\n  }\n}', "json", 4, 3, "expected a quoted key", id="json-trailing-comma"),
        pytest.param('{"Resources": {"A": {}, "A": {}}}', "json", 1, 25, "duplicate key 'A'", id="json-duplicate"),
        pytest.param("Resources:\n  A: {}\n  A: {}\n", "yaml", 3, 3, "duplicate key 'A'", id="yaml-duplicate"),
        pytest.param("Resources:\n  A: [1,\n  B: 2\n", "yaml", 4, 1, "invalid YAML", id="yaml-unclosed"),
        pytest.param("", "yaml", 1, 1, "empty file", id="empty"),
        pytest.param("# just a comment\n", "yaml", 1, 1, "empty file", id="comment-only"),
        pytest.param("Resources:\n  A:\n    B: \"\\x\"\n", "yaml", 3, 11, "invalid YAML", id="yaml-bad-escape"),
    ],
)
def test_invalid_input_reports_position(text, format, line, column, words):
    result = repair(text, f"bad.{format}")
    assert result.status == FAILED
    assert words in result.error.message
    assert (result.error.line, result.error.column) == (line, column)
    assert str(result.error).startswith(f"bad.{format}:{line}:{column}: ")
    assert result.output == text


def test_kubernetes_manifest_is_skipped():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"
    result = repair(text, "k8s.yaml")
    assert result.status == SKIPPED
    assert "Kubernetes" in result.error.message


def test_alias_bomb_fails_fast():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "\n".join(lines) + "\nResources: {}\n"
    result = repair(text, "bomb.yaml")
    assert result.status == FAILED
    assert "aliases expand" in result.error.message


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_deep_nesting_fails_fast(format):
    depth = 100_000
    text = '{"Resources": ' + "[" * depth + "]" * depth + "}"
    result = repair(text, f"deep.{format}", format=format)
    assert result.status == FAILED
    assert "nesting deeper than" in result.error.message


def test_render_rejects_overlapping_edits():
    document = Document.parse("Resources:\n  A:\n    Type: X\n", "yaml")
    from fixer.rewrite import Edit, apply_edits

    with pytest.raises(EditConflict):
        apply_edits(document.text, [Edit(0, 5, "a"), Edit(3, 8, "b")])


def test_template_error_names_file_line_column():
    error = TemplateError("invalid JSON: oops", 3, 7).located("dir/t.json")
    assert str(error) == "dir/t.json:3:7: invalid JSON: oops"
