"""Group and label parameters for the CloudFormation console.

## What it does
Gives every template with Parameters a
``Metadata: AWS::CloudFormation::Interface`` entry whose ``ParameterGroups``
and ``ParameterLabels`` name every parameter exactly once (templates listed
under "Left alone" excepted). Parameters are grouped by kind, in this
order, and a group appears only when it has members:

- Environment configuration: names with Environment, Env, Stage, Project,
  Owner, Team or CostCenter.
- Network configuration: VPC, subnet, Availability Zone, security group and
  hosted zone types; names with Vpc, Subnet, Cidr, AZ, AvailabilityZone,
  SecurityGroup, HostedZone or SSHLocation.
- Compute configuration: key pair, image, instance and volume types, also
  behind ``AWS::SSM::Parameter::Value<...>``; names with InstanceType,
  KeyName, KeyPair, Ami, ImageId, Instance, EC2, DesiredCapacity,
  DesiredSize, MinSize or MaxSize.
- Container configuration: names with Container, Image, Task, Service,
  Desired, Cpu, Memory, Ecs, Fargate or Port.
- Database configuration: names with DB, Database, Rds, Aurora, Master,
  MySQL, Postgres, MariaDB or DynamoDB.
- Monitoring configuration: names with Alarm, Email, Alert, Notification,
  Log, Logging, Monitoring, SNS or CloudWatch.
- Other parameters: the rest.

The type decides first. Among names the first match in the order Database,
Network, Compute, Container, Monitoring, Environment wins, so ``DBPort`` is
a database parameter and ``ContainerImage`` a container one. Inside a group
parameters keep the order of the Parameters section.

Each label is the name split into words, with the first word capitalized,
well-known acronyms in upper case and AWS product names as AWS writes them:
``VpcCIDR`` becomes "VPC CIDR", ``DBInstanceClass`` "DB instance class",
``LinuxAMIID`` "Linux AMI ID" and ``CloudWatchLogGroup`` "CloudWatch log
group". A one-letter lower-case prefix (``pVpcName``) is dropped.

An existing Interface is completed, not replaced. A parameter that no group
names joins the first existing group whose label is its group label or a
common synonym of it (case and a trailing "configuration", "settings" or
"parameters" ignored, so "Network Settings" and "VPC" match), else a new
group at the end. Names of parameters that are not declared leave their
groups, and a group with no parameters left goes. A parameter listed twice
stays only where it is listed first, because the console allows a parameter
in one group only. Labels are added for parameters without one and removed
for parameters that are not declared. Existing labels stay as written, and
so do other Metadata keys. The fix runs after every other fix, so it sees
the parameters they added and removed.

## Why it matters
Without the Interface the console lists parameters alphabetically by logical
id, so a stack with twenty parameters is hard to fill in. The AWS
documentation requires every parameter that the Interface names to be
declared, and cfn-lint warns (W4001) when one is not.

## Fix safety
Safe. Only the console reads this metadata. The AWS CLI and the API ignore
it, so stacks deploy and update exactly as before.

## Left alone
Templates without Parameters. Parameters without a string ``Type``, which
CloudFormation rejects and which cfn-lint (W4001) does not accept in the
Interface. Templates whose ``Metadata``, Interface,
``ParameterGroups``, a group, a group's ``Parameters`` or
``ParameterLabels`` has an unexpected shape (reported, because a partial
edit could hide a parameter). Existing group labels, group order and label
texts, even when they read oddly.

## Known limitations
The grouping comes from words in names and types, so an oddly named
parameter can land in the wrong group or in Other parameters. Move it by
hand: the fix keeps a parameter in whatever group already names it.
"""

from __future__ import annotations

import re

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import INTERFACE, Template

ID = "FX501"
NAME = "missing-parameter-interface"
TITLE = "Group and label parameters for the console"
RATIONALE = (
    "Without AWS::CloudFormation::Interface the console lists parameters "
    "alphabetically by logical id."
)
SAFETY = "safe; only the console reads it"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "aws-cloudformation-interface.html"
)

INTERFACE_PATH = ("Metadata", INTERFACE)
GROUP_LABELS = {
    "environment": "Environment configuration",
    "network": "Network configuration",
    "compute": "Compute configuration",
    "containers": "Container configuration",
    "database": "Database configuration",
    "monitoring": "Monitoring configuration",
    "other": "Other parameters",
}
# Lower-case label cores that count as the same group as ours.
GROUP_ALIASES = {
    "environment": {"environment", "general", "tags", "tagging"},
    "network": {"network", "networking", "vpc"},
    "compute": {"compute", "ec2", "instance", "instances", "ec2 instance"},
    "containers": {"container", "containers", "ecs", "service", "task"},
    "database": {"database", "db", "rds", "aurora"},
    "monitoring": {"monitoring", "alarms", "logging", "notifications", "alerts"},
    "other": {"other", "others"},
}
LABEL_SUFFIXES = ("configuration", "settings", "parameters", "options", "config")

TYPE_CATEGORIES = {
    "AWS::EC2::VPC::Id": "network",
    "AWS::EC2::Subnet::Id": "network",
    "AWS::EC2::AvailabilityZone::Name": "network",
    "AWS::EC2::SecurityGroup::Id": "network",
    "AWS::EC2::SecurityGroup::GroupName": "network",
    "AWS::Route53::HostedZone::Id": "network",
    "AWS::EC2::KeyPair::KeyName": "compute",
    "AWS::EC2::Image::Id": "compute",
    "AWS::EC2::Instance::Id": "compute",
    "AWS::EC2::Volume::Id": "compute",
}
# Lower-case words and word pairs that put a name in a group, tried in this
# order so that the more specific kinds win.
NAME_CATEGORIES = (
    ("database", {
        "db", "database", "rds", "aurora", "master", "mysql", "postgres",
        "postgresql", "mariadb", "dynamodb",
    }),
    ("network", {
        "vpc", "subnet", "cidr", "az", "azs", "availabilityzone",
        ("availability", "zone"), ("security", "group"), ("hosted", "zone"),
        ("ssh", "location"),
    }),
    ("compute", {
        "instancetype", ("instance", "type"), ("key", "name"), ("key", "pair"),
        "keypair", "ami", ("image", "id"), "imageid", "instance", "ec2",
        ("desired", "capacity"), ("desired", "size"), ("min", "size"),
        ("max", "size"),
    }),
    ("containers", {
        "container", "image", "task", "service", "desired", "cpu", "memory",
        "ecs", "fargate", "port",
    }),
    ("monitoring", {
        "alarm", "email", "alert", "notification", "notify", "log", "logging",
        "monitoring", "sns", "cloudwatch",
    }),
    ("environment", {
        "environment", "env", "stage", "project", "owner", "team", "costcenter",
        ("cost", "center"),
    }),
)
SSM_VALUE = re.compile(r"AWS::SSM::Parameter::Value<(.*)>")
LIST_TYPE = re.compile(r"List<(.*)>")

ACRONYMS = {
    "ACM", "ALB", "AMI", "API", "ARN", "AZ", "CIDR", "CPU", "DB", "DNS", "EBS",
    "EC2", "ECS", "EFS", "EKS", "ELB", "HTTP", "HTTPS", "IAM", "ID", "IOPS",
    "IP", "KMS", "NAT", "NLB", "RDS", "S3", "SNS", "SQS", "SSH", "SSL", "TLS",
    "TTL", "URL", "VPC", "VPN",
}
# AWS and product names that labels show as their owners write them.
PRODUCT_NAMES = (
    "CloudFormation", "CloudFront", "CloudTrail", "CloudWatch", "CodeBuild",
    "CodeCommit", "CodeDeploy", "CodePipeline", "DynamoDB", "ElastiCache",
    "EventBridge", "GitHub", "GuardDuty", "MariaDB", "MySQL", "OpenSearch",
    "PostgreSQL", "WordPress",
)
SPECIAL_WORDS = {
    **{name.lower(): name for name in PRODUCT_NAMES},
    "ipv4": "IPv4", "ipv6": "IPv6", "route53": "Route 53",
}
NAME_WORD = re.compile(
    "(?:" + "|".join(PRODUCT_NAMES) + r")(?![a-z])"
    r"|IP[vV][46]|Route53|(?i:ec2|s3)(?![a-z])"
    r"|[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+"
)


def fix(template: Template, options: Options) -> list[Change | Notice]:
    # A parameter without a string Type is invalid, and cfn-lint (W4001)
    # flags an Interface entry that names one, so such parameters stay out.
    names = [
        name for name, body in template.parameters.items()
        if isinstance(name, str) and isinstance(body, dict) and isinstance(body.get("Type"), str)
    ]
    if not names:
        return []
    metadata = template.data.get("Metadata")
    if "Metadata" in template.data and not isinstance(metadata, dict):
        return [Notice(ID, ("Metadata",), "Metadata is not a mapping; left as written")]
    interface = template.get(INTERFACE_PATH)
    if interface is None:
        body = {
            "ParameterGroups": _new_groups(template, names),
            "ParameterLabels": {name: {"default": label_for(name)} for name in names},
        }
        reason = "group and label parameters for the console"
        return [template.add_section_entry("Metadata", INTERFACE, body, ID, reason)]
    problem = _shape_problem(interface)
    if problem is not None:
        return [Notice(ID, INTERFACE_PATH, f"{problem}; left as written")]
    records: list[Change | Notice] = []
    records.extend(_complete_groups(template, names))
    records.extend(_complete_labels(template, names))
    return records


def _shape_problem(interface: object) -> str | None:
    """Describe why ``interface`` cannot be completed safely, or return None."""
    if not isinstance(interface, dict):
        return f"{INTERFACE} is not a mapping"
    groups = interface.get("ParameterGroups", [])
    if not isinstance(groups, list):
        return "ParameterGroups is not a list"
    for index, group in enumerate(groups):
        if not isinstance(group, dict):
            return f"parameter group {index} is not a mapping"
        if not isinstance(group.get("Parameters", []), list):
            return f"Parameters of parameter group {index} is not a list"
    if not isinstance(interface.get("ParameterLabels", {}), dict):
        return "ParameterLabels is not a mapping"
    return None


# -- groups ------------------------------------------------------------------------


def _new_groups(template: Template, names: list[str]) -> list[dict]:
    members: dict[str, list[str]] = {category: [] for category in GROUP_LABELS}
    for name in names:
        members[classify(name, template.parameters[name])].append(name)
    return [
        {"Label": {"default": GROUP_LABELS[category]}, "Parameters": listed}
        for category, listed in members.items()
        if listed
    ]


def _complete_groups(template: Template, names: list[str]) -> list[Change]:
    groups_path = INTERFACE_PATH + ("ParameterGroups",)
    groups = template.get(groups_path)
    if groups is None:
        reason = "group parameters for the console"
        return [template.set(groups_path, _new_groups(template, names), ID, reason)]

    changes = _prune_groups(template, groups_path, set(names))
    listed = {
        name for group in groups for name in group.get("Parameters", [])
        if isinstance(name, str)
    }
    missing = [name for name in names if name not in listed]
    if missing:
        changes.extend(_group_missing(template, groups_path, missing))
    return changes


def _group_missing(
    template: Template, groups_path: tuple, missing: list[str]
) -> list[Change]:
    """Add each missing parameter to the existing group of its kind or to a new one."""
    groups = template.get(groups_path)
    by_category: dict[str, list[str]] = {}
    for name in missing:
        category = classify(name, template.parameters[name])
        by_category.setdefault(category, []).append(name)

    changes: list[Change] = []
    appended: list[dict] = []
    for category in GROUP_LABELS:
        added = by_category.get(category)
        if not added:
            continue
        index = _matching_group(groups, category)
        if index is None:
            label = {"default": GROUP_LABELS[category]}
            appended.append({"Label": label, "Parameters": added})
            continue
        path = groups_path + (index, "Parameters")
        current = groups[index].get("Parameters", [])
        reason = f"parameters no group named: {', '.join(added)}"
        changes.append(template.set(path, current + added, ID, reason))

    if appended:
        reason = "new groups for parameters no group named"
        changes.append(template.set(groups_path, groups + appended, ID, reason))
    return changes


def _prune_groups(
    template: Template, groups_path: tuple, existing: set[str]
) -> list[Change]:
    """Drop undeclared and repeated names from the groups, then the empty groups."""
    groups = template.get(groups_path)
    changes: list[Change] = []
    seen: set[str] = set()
    emptied: list[int] = []
    for index, group in enumerate(groups):
        if "Parameters" not in group:
            continue
        kept, dropped = [], []
        for name in group["Parameters"]:
            if isinstance(name, str) and (name not in existing or name in seen):
                dropped.append(name)
                continue
            kept.append(name)
            if isinstance(name, str):
                seen.add(name)
        if not kept:
            # Also catches groups that another fix emptied with remove_from_interface.
            emptied.append(index)
            continue
        if not dropped:
            continue
        path = groups_path + (index, "Parameters")
        reason = f"parameters undeclared or in an earlier group: {', '.join(dropped)}"
        changes.append(template.set(path, kept, ID, reason))
    # Delete from the end so that earlier indexes stay valid.
    for index in reversed(emptied):
        reason = "the group names no declared parameter that no earlier group lists"
        changes.append(template.delete(groups_path + (index,), ID, reason))
    return changes


def _matching_group(groups: list, category: str) -> int | None:
    for index, group in enumerate(groups):
        if "Parameters" in group and _label_category(group.get("Label")) == category:
            return index
    return None


def _label_category(label: object) -> str | None:
    text = label.get("default") if isinstance(label, dict) else None
    if not isinstance(text, str):
        return None
    core = text.strip().lower()
    for suffix in LABEL_SUFFIXES:
        if core.endswith(" " + suffix):
            core = core[: -len(suffix) - 1].strip()
            break
    for category, label_text in GROUP_LABELS.items():
        if core == label_text.lower() or core in GROUP_ALIASES[category]:
            return category
    return None


# -- labels ------------------------------------------------------------------------


def _complete_labels(template: Template, names: list[str]) -> list[Change]:
    labels_path = INTERFACE_PATH + ("ParameterLabels",)
    labels = template.get(labels_path)
    if labels is None:
        body = {name: {"default": label_for(name)} for name in names}
        return [template.set(labels_path, body, ID, "label parameters for the console")]
    changes: list[Change] = []
    for name in list(labels):
        if name not in names:
            reason = f"parameter {name} is not declared"
            changes.append(template.delete(labels_path + (name,), ID, reason))
    for name in names:
        if name not in labels:
            label = {"default": label_for(name)}
            reason = f"console label for {name}"
            changes.append(template.set(labels_path + (name,), label, ID, reason))
    return changes


# -- classification and wording -----------------------------------------------------


def classify(name: str, parameter: object) -> str:
    """Return the group key for a parameter, from its type first and then its name."""
    kind = parameter.get("Type") if isinstance(parameter, dict) else None
    if isinstance(kind, str):
        category = _type_category(kind.strip())
        if category is not None:
            return category
    words = [word.lower() for word in name_words(name)]
    singular = [_singular(word) for word in words]
    pairs = set(zip(singular, singular[1:]))
    for category, vocabulary in NAME_CATEGORIES:
        if pairs & vocabulary or any(w in vocabulary for w in words + singular):
            return category
    return "other"


def _type_category(kind: str) -> str | None:
    ssm = SSM_VALUE.fullmatch(kind)
    if ssm:
        kind = ssm.group(1)
    listed = LIST_TYPE.fullmatch(kind)
    if listed:
        kind = listed.group(1)
    return TYPE_CATEGORIES.get(kind)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def name_words(name: str) -> list[str]:
    """Split a CamelCase parameter name into words as written."""
    words: list[str] = []
    for token in NAME_WORD.findall(name):
        words.extend(_split_acronyms(token))
    # A one-letter prefix such as the "p" of "pVpcName" marks a parameter, not a word.
    if len(words) > 1 and len(words[0]) == 1 and words[0].islower():
        words = words[1:]
    return words


def _split_acronyms(token: str) -> list[str]:
    """Split a run of capitals made only of known acronyms: "AMIID" -> AMI, ID."""
    if not token.isalpha() or not token.isupper() or token in ACRONYMS:
        return [token]
    for end in range(len(token) - 1, 1, -1):
        head = token[:end]
        if head in ACRONYMS:
            rest = _split_acronyms(token[end:])
            if all(part in ACRONYMS for part in rest):
                return [head, *rest]
    return [token]


def label_for(name: str) -> str:
    """Turn a CamelCase parameter name into a readable console label."""
    words = name_words(name)
    if not words:
        return name
    readable = [_label_word(word, first=index == 0) for index, word in enumerate(words)]
    return " ".join(readable)


def _label_word(word: str, first: bool) -> str:
    special = SPECIAL_WORDS.get(word.lower())
    if special is not None:
        return special
    if word.upper() in ACRONYMS or (word.isupper() and len(word) > 1):
        return word.upper()
    # Plural acronyms: "Ids" and "AZs" become "IDs" and "AZs".
    stem = word[:-1]
    known_stem = stem.upper() in ACRONYMS or (len(stem) > 1 and stem.isupper())
    if word.endswith("s") and known_stem:
        return stem.upper() + "s"
    if first:
        return word[0].upper() + word[1:].lower()
    return word.lower()
