"""Markdown model outputs: repair each template block, leave everything else."""

from __future__ import annotations

from fixer.api import FAILED, REPAIRED, SKIPPED, repair
from fixer.engine import Options
from fixer.markdown import fenced_blocks

ZONES = Options(select=frozenset({"FX101"}))
YAML_BLOCK = "Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      AvailabilityZone: us-east-1a\n"
JSON_BLOCK = '{\n  "Resources": {\n    "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"AvailabilityZone": "us-east-1b"}}\n  }\n}\n'


def test_markdown_repairs_every_template_block():
    text = (
        "Here is the template you asked for:\n\n```yaml\n" + YAML_BLOCK + "```\n\n"
        "Deploy it with:\n\n```bash\naws cloudformation deploy --template-file t.yaml\n```\n\n"
        "And in JSON:\n\n~~~json\n" + JSON_BLOCK + "~~~\n"
    )
    result = repair(text, "answer.md", ZONES)
    assert result.status == REPAIRED
    assert len(result.blocks) == 2
    assert "AvailabilityZone: !Select [0, !GetAZs '']" in result.output
    assert '"AvailabilityZone": {"Fn::Select": [1, {"Fn::GetAZs": ""}]}' in result.output
    unchanged_parts = ["Here is the template you asked for:\n\n```yaml\n", "```bash\naws cloudformation deploy --template-file t.yaml\n```", "~~~json\n"]
    for part in unchanged_parts:
        assert part in result.output


def test_markdown_untagged_block_is_sniffed():
    text = "```\n" + YAML_BLOCK + "```\n"
    result = repair(text, "answer.md", ZONES)
    assert result.status == REPAIRED


def test_markdown_block_that_does_not_parse_is_reported():
    broken = "Resources:\n  Subnet: [1,\n  Other: 2\n"
    text = "Intro\n\n```yaml\n" + broken + "```\n\n```yaml\n" + YAML_BLOCK + "```\n"
    result = repair(text, "answer.md", ZONES)
    assert result.status == REPAIRED
    assert len(result.warnings) == 1
    assert result.warnings[0].line >= 4
    assert broken in result.output


def test_markdown_unclosed_fence_is_reported_and_left():
    text = "Intro\n\n```yaml\n" + YAML_BLOCK
    result = repair(text, "answer.md", ZONES)
    assert result.status == FAILED
    assert "never closes" in result.error.message
    assert result.error.line == 3
    assert result.output == text


def test_markdown_without_template_is_skipped():
    text = "Just prose.\n\n```python\nprint('hi')\n```\n"
    result = repair(text, "answer.md", ZONES)
    assert result.status == SKIPPED


def test_markdown_keeps_crlf():
    text = ("Intro\r\n\r\n```yaml\r\n" + YAML_BLOCK.replace("\n", "\r\n") + "```\r\n")
    result = repair(text, "answer.md", ZONES)
    assert result.status == REPAIRED
    assert "\n" not in result.output.replace("\r\n", "")


def test_fenced_blocks_need_matching_close():
    text = "````yaml\na: 1\n```\nstill inside\n````\nafter\n"
    blocks = fenced_blocks(text)
    assert len(blocks) == 1
    assert text[blocks[0].start:blocks[0].end] == "a: 1\n```\nstill inside\n"
    assert blocks[0].closed


def test_block_result_carries_repaired_text():
    text = "```yaml\n" + YAML_BLOCK + "```\n"
    result = repair(text, "answer.md", ZONES)
    assert result.blocks[0].text == YAML_BLOCK.replace("us-east-1a", "!Select [0, !GetAZs '']")
    assert result.blocks[0].line == 2
