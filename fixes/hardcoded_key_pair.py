"""Make the EC2 key pair an optional parameter.

## What it does
Replaces a literal ``KeyName`` on ``AWS::EC2::Instance``,
``AWS::EC2::LaunchTemplate`` (``LaunchTemplateData/KeyName``),
``AWS::AutoScaling::LaunchConfiguration``, ``AWS::EC2::SpotFleet`` launch
specifications and ``AWS::EC2::EC2Fleet`` launch template overrides with

```yaml
KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
```

and adds the parameter ``KeyName`` (``Type: String``, ``Default: ""``) and
the condition ``HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]``. The stack
then deploys without a key pair by default, and with the one the deployer
names.

Resources that name the same key pair share one parameter. Each different
key pair name gets its own parameter with an empty default, named after the
first resource that used it (``BastionKeyName`` with condition
``HasBastionKeyPair``). The template used different keys on purpose (a
bastion key and an application key), and one shared parameter would hand
every instance the same key. When the template already has a ``String``
parameter with an empty default that feeds a ``KeyName``, and only one key
pair name is written out, that parameter and its condition are reused.
Other new ids get a number when the name is taken (``KeyName2``).

## Why it matters
A key pair exists in one account and region only, so a template that names
one fails to deploy anywhere else ("The key pair 'x' does not exist").
Many instances need no SSH key at all, because Systems Manager Session
Manager or EC2 Instance Connect give shell access without one.

The parameter is a ``String`` and not ``AWS::EC2::KeyPair::KeyName``:
CloudFormation validates that type against the key pairs in the region and
rejects an empty value, so with it the key pair could not be optional.

## Fix safety
Changes the stack's parameters. A deployment that does not pass the new
parameter launches instances without a key pair; pass the old name to keep
SSH access with it. Changing ``KeyName`` replaces EC2 instances, so
updating an existing stack without the parameter replaces them.

## Left alone, and reported
``KeyName`` chosen by ``Fn::If`` or another function around a literal;
parameters of type ``AWS::EC2::KeyPair::KeyName``, which make a key pair
required; ``String`` parameters whose default names a key pair.
Silently left: empty ``KeyName`` values; properties of other resource
types, such as the EMR ``Ec2KeyName``, the Batch ``Ec2KeyPair`` or the
``KeyName`` of ``AWS::EC2::KeyPair``, which creates the key pair.
"""

from __future__ import annotations

import re

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import Template

ID = "FX202"
NAME = "hardcoded-key-pair"
TITLE = "Make the EC2 key pair an optional parameter"
RATIONALE = (
    "A key pair exists in one account and region only, "
    "so the template cannot deploy elsewhere."
)
SAFETY = "adds a parameter; instances launch without a key unless one is passed"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "parameters-section-structure.html"
)

# Resource types whose KeyName names the EC2 key pair to launch with.
KEY_PAIR_USERS = (
    "AWS::EC2::Instance",
    "AWS::EC2::LaunchTemplate",
    "AWS::AutoScaling::LaunchConfiguration",
    "AWS::EC2::SpotFleet",
    "AWS::EC2::EC2Fleet",
)
REQUIRED_KEY_TYPE = "AWS::EC2::KeyPair::KeyName"
NO_VALUE = {"Ref": "AWS::NoValue"}


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    literals: dict[str, list[tuple]] = {}
    reported: set[str] = set()
    sites = _key_name_sites(template)
    for path in sites:
        value = template.get(path)
        if isinstance(value, str):
            if value:
                literals.setdefault(value, []).append(path)
        elif isinstance(value, dict):
            records.extend(_report(template, path, value, reported))
    reusable = _reusable_parameter(template, sites) if len(literals) == 1 else None
    for key_name, paths in literals.items():
        records.extend(
            _make_optional(template, key_name, paths, len(literals), reusable)
        )
    return records


def _key_name_sites(template: Template) -> list[tuple]:
    """Return the paths of every KeyName in key pair users' properties, in order."""
    sites: list[tuple] = []
    for logical_id, resource in template.resources_of_type(*KEY_PAIR_USERS):
        base = ("Resources", logical_id, "Properties")
        sites.extend(_property_paths(resource.get("Properties"), base, "KeyName"))
    return sites


def _property_paths(value: object, path: tuple, key_name: str) -> list[tuple]:
    """Return the paths of ``key_name`` keys in ``value``, outside intrinsics."""
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in _property_paths(item, path + (index,), key_name)
        ]
    if not isinstance(value, dict) or _is_function(value):
        return []
    found: list[tuple] = []
    for key, item in value.items():
        if key == key_name:
            found.append(path + (key,))
        else:
            found.extend(_property_paths(item, path + (key,), key_name))
    return found


def _is_function(value: dict) -> bool:
    return len(value) == 1 and (
        next(iter(value)) == "Ref" or next(iter(value)).startswith("Fn::")
    )


def _report(
    template: Template, path: tuple, value: dict, reported: set[str]
) -> list[Notice]:
    """Report a KeyName left as written that names a key pair or requires one."""
    if list(value) == ["Ref"] and isinstance(value["Ref"], str):
        name = value["Ref"]
        parameter = template.parameters.get(name)
        if not isinstance(parameter, dict) or name in reported:
            return []
        where = ("Parameters", name)
        if parameter.get("Type") == REQUIRED_KEY_TYPE:
            reported.add(name)
            return [
                Notice(
                    ID,
                    where,
                    f"parameter {name!r} has type {REQUIRED_KEY_TYPE}, which rejects "
                    "an empty value, so a key pair is required; left as written",
                )
            ]
        default = parameter.get("Default")
        if isinstance(default, str) and default:
            reported.add(name)
            return [
                Notice(
                    ID,
                    where,
                    f"parameter {name!r} defaults to key pair {default!r}, "
                    "which exists in one account and region only; left as written",
                )
            ]
        return []
    if _contains_literal(value):
        function = next(iter(value))
        return [
            Notice(
                ID,
                path,
                f"KeyName is chosen by {function} around a literal key pair name; "
                "left as written",
            )
        ]
    return []


def _contains_literal(value: object) -> bool:
    if isinstance(value, str):
        return bool(value)
    if isinstance(value, list):
        return any(_contains_literal(item) for item in value)
    if isinstance(value, dict):
        if list(value) == ["Fn::If"] and isinstance(value["Fn::If"], list):
            # The first item is the condition name, not a key pair.
            return any(_contains_literal(item) for item in value["Fn::If"][1:])
        if list(value) in (["Ref"], ["Condition"]):
            return False
        return any(_contains_literal(item) for item in value.values())
    return False


def _reusable_parameter(template: Template, sites: list[tuple]) -> str | None:
    """Return a String parameter with an empty default that feeds a KeyName, if any."""
    for path in sites:
        value = template.get(path)
        for name in sorted(template.referenced_ids(value)):
            parameter = template.parameters.get(name)
            if (
                isinstance(parameter, dict)
                and parameter.get("Type") == "String"
                and parameter.get("Default") == ""
            ):
                return name
    return None


def _make_optional(
    template: Template,
    key_name: str,
    paths: list[tuple],
    distinct: int,
    reusable: str | None,
) -> list[Change]:
    changes: list[Change] = []
    owners = list(dict.fromkeys(path[1] for path in paths))
    parameter = reusable
    if parameter is None:
        base = "KeyName" if distinct == 1 else f"{owners[0]}KeyName"
        parameter = template.unique_id(base)
        reason = f"key pair {key_name!r} exists in one account and region only"
        changes.append(
            template.add_section_entry(
                "Parameters", parameter, _parameter_body(owners), ID, reason
            )
        )
    condition = _existing_condition(template, parameter)
    if condition is None:
        condition = template.unique_id(_condition_name(parameter))
        body = {"Fn::Not": [{"Fn::Equals": [{"Ref": parameter}, ""]}]}
        reason = f"true when {parameter} names a key pair"
        changes.append(
            template.add_section_entry("Conditions", condition, body, ID, reason)
        )
    after = {"Fn::If": [condition, {"Ref": parameter}, NO_VALUE]}
    reason = (
        f"key pair {key_name!r} comes from parameter {parameter}, which may be empty"
    )
    changes.extend(template.set(path, after, ID, reason) for path in paths)
    return changes


def _condition_name(parameter: str) -> str:
    """Name the condition after the parameter (WebKeyName2 -> HasWebKeyPair2)."""
    match = re.fullmatch(r"(.*)KeyName(\d*)", parameter)
    if match:
        return f"Has{match.group(1)}KeyPair{match.group(2)}"
    return f"Has{parameter}"


def _parameter_body(owners: list[str]) -> dict:
    listed = ", ".join(owners[:3]) + (" and others" if len(owners) > 3 else "")
    return {
        "Type": "String",
        "Default": "",
        "Description": f"Name of an existing EC2 key pair for SSH access to {listed}. "
        "Leave empty to launch without a key pair.",
    }


def _existing_condition(template: Template, parameter: str) -> str | None:
    """Return a condition that is true exactly when ``parameter`` is not empty."""
    matching = [
        {"Fn::Not": [{"Fn::Equals": [{"Ref": parameter}, ""]}]},
        {"Fn::Not": [{"Fn::Equals": ["", {"Ref": parameter}]}]},
    ]
    for name, body in template.conditions.items():
        if body in matching:
            return name
    return None
