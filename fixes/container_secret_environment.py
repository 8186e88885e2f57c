"""Pass secrets to ECS containers in ``Secrets``, not in ``Environment``.

## What it does
In each ``AWS::ECS::TaskDefinition``, a container environment variable
whose value is exactly a Secrets Manager dynamic reference to a secret
defined in the template, such as
``{"Fn::Sub": "{{resolve:secretsmanager:${DBSecret}:SecretString:password}}"}``
(the form the plaintext-database-password fix writes), becomes an entry of
the container's ``Secrets`` list:
``{Name: DB_PASSWORD, ValueFrom: {"Fn::Sub": "${DBSecret}:password::"}}``.
``ValueFrom`` uses the ECS syntax ``secret-arn:json-key:version-stage:version-id``,
and ``Ref`` to a secret returns its ARN. The reference may also be an
``Fn::Join`` of strings and ``Ref``, or a literal string, and it may name the
secret by a literal name or ARN, or an ``Fn::Sub`` text, that matches the
``Name`` of a secret in the template.

ECS reads ``Secrets`` with the task execution role, so the execution role
gets an inline policy that allows ``secretsmanager:GetSecretValue`` on
exactly the moved secrets, and ``kms:Decrypt`` on the customer managed KMS
key of any secret that has one (``KmsKeyId``). A task definition without
``ExecutionRoleArn`` gets a new execution role that ECS tasks can assume,
with the AWS managed ``AmazonECSTaskExecutionRolePolicy`` and that inline
policy. A new role copies the task definition's ``Condition``.

An output is removed when its value refers to a ``NoEcho`` parameter or
contains a Secrets Manager dynamic reference to the whole secret or to a
JSON key other than the user name, host, port, database name, engine or DB
identifiers. Parameters and conditions that only removed outputs used go
with them.

## Why it matters
CloudFormation resolves a dynamic reference before it creates the task
definition, so an environment variable stores the plaintext password in
the task definition, where anyone allowed ``ecs:DescribeTaskDefinition``
reads it. ECS resolves ``Secrets`` when a task starts and keeps no copy in
the task definition. An output shows its value to anyone who can describe
the stack (cfn-lint W2010 for a ``NoEcho`` parameter).

## Fix safety
The container sees the same variable with the same value. ECS reads the
secret at task start, so tasks on Fargate need platform version 1.4.0 or
later (the default ``LATEST`` is) for a JSON key, and EC2 container
instances need ECS agent 1.37.0 or later. A new execution role needs
``CAPABILITY_IAM`` when the stack is deployed. Removing an output breaks
stacks that import its export, and removing a parameter breaks
deployments that pass it. The output adds no cfn-lint errors or warnings;
the tests check this.

## Left alone
Task definitions whose execution role is not an ``AWS::IAM::Role`` in the
template (a literal ARN, a parameter, an import or ``Fn::If``) are reported,
because the fix cannot grant that role access to the secret; so are
references to secrets the template does not define, secrets whose
customer managed key cannot be resolved to a key in the template or a key
ARN, secrets with a ``Condition`` that the execution role does not share,
and variables whose value embeds a dynamic reference inside a longer
string. Environment variables that look like plaintext secrets (a name
with PASSWORD, SECRET, TOKEN or API_KEY, a value that another fix moved
into a secret, or a ``NoEcho`` parameter) are reported without their value
and never turned into new secrets.

## Known limitations
Only inline ``Policies`` of the execution role are checked for an existing
grant, so a grant in a separate ``AWS::IAM::Policy`` is added again (a
duplicate grant is harmless). ``LogConfiguration.SecretOptions`` and
``RepositoryCredentials`` are not changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.intrinsics import PSEUDO_PREFIX, sub_variables, walk_references
from fixer.template import Template, walk_values

ID = "FX203"
NAME = "container-secret-environment"
TITLE = "Pass container secrets through ECS Secrets, not environment variables"
RATIONALE = (
    "A dynamic reference in a container environment variable is resolved into the "
    "task definition, where anyone who can describe it reads the password."
)
SAFETY = "adds an execution role or a policy on it; removes outputs that show secrets"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "secrets-envvar-secrets-manager.html"
)

TASK_DEFINITION = "AWS::ECS::TaskDefinition"
SECRET = "AWS::SecretsManager::Secret"
ROLE = "AWS::IAM::Role"
KMS_KEY = "AWS::KMS::Key"
KMS_ALIAS = "AWS::KMS::Alias"
POLICY_VERSION = "2012-10-17"
ECS_TASKS = "ecs-tasks.amazonaws.com"
EXECUTION_POLICY_ARN = (
    "arn:${AWS::Partition}:iam::aws:policy/service-role/"
    "AmazonECSTaskExecutionRolePolicy"
)
SECRETS_POLICY_NAME = "ReadContainerSecrets"

# {{resolve:secretsmanager:ID[:SecretString[:JSON-KEY[:VERSION-STAGE[:VERSION-ID]]]]}}.
# The id is matched lazily because an ARN id contains colons.
DYNAMIC_REFERENCE = re.compile(
    r"\{\{resolve:secretsmanager:(?P<id>.+?)"
    r"(?::SecretString(?::(?P<key>[^:{}]*)(?::(?P<stage>[^:{}]*)"
    r"(?::(?P<version>[^:{}]*))?)?)?)?\}\}"
)
SUB_REFERENCE = re.compile(r"\$\{(?P<name>[^}.!\s]+)\}")
# A secret ARN ends with a hyphen and six random characters after the name.
ARN_SUFFIX = re.compile(r"-[A-Za-z0-9]{6}$")
KEY_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}"
)
SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY", re.IGNORECASE)
# Names such as DB_SECRET_ARN or API_TOKEN_URL locate a secret and are not secret.
LOCATOR_NAME = re.compile(r"_(ARN|NAME|ID|PATH|URL|URI|FILE|HEADER)$", re.IGNORECASE)
# JSON keys of database secrets that are not themselves secret.
PUBLIC_KEYS = {
    "username",
    "user",
    "host",
    "port",
    "dbname",
    "engine",
    "dbClusterIdentifier",
    "dbInstanceIdentifier",
}


@dataclass(frozen=True)
class SecretReference:
    """A ``{{resolve:secretsmanager:...}}`` value and the template secret it names."""

    secret: str | None
    key: str
    stage: str
    version: str

    def value_from(self) -> object:
        """Return the ECS ``ValueFrom`` that reads the same value at task start."""
        if not (self.key or self.stage or self.version):
            return {"Ref": self.secret}
        suffix = f"{self.key}:{self.stage}:{self.version}"
        return {"Fn::Sub": "${" + self.secret + "}:" + suffix}


@dataclass(frozen=True)
class Move:
    """One environment variable that becomes a ``Secrets`` entry."""

    container: int
    entry: int
    name: str
    secret: str
    value_from: object
    keys: tuple


@dataclass
class Grant:
    """The secrets and KMS keys an execution role must be allowed to read."""

    secrets: list
    keys: list


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    grants: dict[str, Grant] = {}
    for task_id, _ in template.resources_of_type(TASK_DEFINITION):
        records.extend(_fix_task_definition(template, task_id, grants))
    for role_id, grant in grants.items():
        records.extend(_grant_existing_role(template, role_id, grant))
    records.extend(_remove_exposing_outputs(template))
    return records


# -- reading dynamic references ----------------------------------------------------
def reference_text(value: object) -> str | None:
    """Return ``value`` as Fn::Sub text: a literal, Fn::Sub, or Fn::Join of Refs."""
    if isinstance(value, str):
        return value.replace("${", "${!")
    if not isinstance(value, dict) or len(value) != 1:
        return None
    if "Fn::Sub" in value:
        text, variables = sub_variables(value["Fn::Sub"])
        # Local variables could rename the secret, so only plain Fn::Sub text counts.
        return None if variables else text
    argument = value.get("Fn::Join")
    if not (
        isinstance(argument, list)
        and len(argument) == 2
        and argument[0] == ""
        and isinstance(argument[1], list)
    ):
        return None
    parts = []
    for part in argument[1]:
        if isinstance(part, str):
            parts.append(part.replace("${", "${!"))
        elif (
            isinstance(part, dict)
            and list(part) == ["Ref"]
            and isinstance(part["Ref"], str)
        ):
            parts.append("${" + part["Ref"] + "}")
        else:
            return None
    return "".join(parts)


def secret_reference(template: Template, value: object) -> SecretReference | None:
    """Parse a value that is exactly one Secrets Manager dynamic reference."""
    text = reference_text(value)
    match = DYNAMIC_REFERENCE.fullmatch(text) if text else None
    if match is None:
        return None
    parts = [match.group(name) or "" for name in ("key", "stage", "version")]
    if any("$" in part for part in parts):
        return SecretReference(None, *parts)
    return SecretReference(_secret_named(template, match.group("id")), *parts)


def _secret_named(template: Template, secret_id: str) -> str | None:
    """Find the template secret that a dynamic reference's secret id names."""
    variable = SUB_REFERENCE.fullmatch(secret_id)
    if variable:
        name = variable.group("name")
        resource = template.resources.get(name)
        is_secret = isinstance(resource, dict) and resource.get("Type") == SECRET
        return name if is_secret else None
    candidates = [secret_id]
    if ":secret:" in secret_id:
        name = secret_id.split(":secret:", 1)[1]
        candidates = [name, ARN_SUFFIX.sub("", name)]
    for candidate in candidates:
        matches = [
            logical_id
            for logical_id, resource in template.resources.items()
            if isinstance(resource, dict)
            and resource.get("Type") == SECRET
            and _name_text(template.properties(logical_id).get("Name")) == candidate
        ]
        if len(matches) == 1:
            return matches[0]
    return None


def _name_text(name: object) -> str | None:
    if (
        isinstance(name, dict)
        and list(name) == ["Fn::Sub"]
        and isinstance(name["Fn::Sub"], str)
    ):
        return name["Fn::Sub"]
    return reference_text(name) if isinstance(name, str) else None


# -- KMS keys ----------------------------------------------------------------------
def kms_key_arn(
    template: Template, key: object, follow_alias: bool = True
) -> tuple[object | None, str | None]:
    """Return (key ARN to grant, problem) for a ``KmsKeyId``-like value.

    (None, None) means an AWS managed key, which needs no grant.
    """
    if key is None or key == "":
        return None, None
    if isinstance(key, str):
        return _literal_key_arn(key)
    if not isinstance(key, dict) or len(key) != 1:
        return None, "the KMS key is not a literal, a Ref or an Fn::GetAtt"
    target = None
    if "Ref" in key:
        target = key["Ref"]
    elif "Fn::GetAtt" in key:
        argument = key["Fn::GetAtt"]
        target = argument[0] if isinstance(argument, list) and argument else None
        if isinstance(argument, str):
            target = argument.partition(".")[0]
    elif "Fn::Sub" in key:
        text, _ = sub_variables(key["Fn::Sub"])
        if isinstance(text, str) and ":key/" in text:
            return key, None
    return _template_key_arn(template, target, follow_alias)


def _literal_key_arn(key: str) -> tuple[object | None, str | None]:
    if key.startswith("alias/aws/") or ":alias/aws/" in key:
        return None, None
    if key.startswith("arn:") and ":key/" in key:
        return key, None
    if KEY_ID.fullmatch(key):
        arn = "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + key
        return {"Fn::Sub": arn}, None
    return None, "the KMS key is an alias that the template does not define"


def _template_key_arn(
    template: Template, target: object, follow_alias: bool
) -> tuple[object | None, str | None]:
    resource = template.resources.get(target) if isinstance(target, str) else None
    kind = resource.get("Type") if isinstance(resource, dict) else None
    if kind == KMS_KEY:
        return {"Fn::GetAtt": [target, "Arn"]}, None
    if kind == KMS_ALIAS and follow_alias:
        # One step only: an alias names a key, and a loop of aliases must not recurse.
        target_key = template.properties(target).get("TargetKeyId")
        return kms_key_arn(template, target_key, follow_alias=False)
    return None, "the KMS key is not a key defined in the template"


def secret_key_arn(template: Template, secret: str) -> tuple[object | None, str | None]:
    """Return (ARN of the secret's customer managed key, problem)."""
    return kms_key_arn(template, template.properties(secret).get("KmsKeyId"))


def condition_of(template: Template, logical_id: str) -> str | None:
    resource = template.resources.get(logical_id)
    condition = resource.get("Condition") if isinstance(resource, dict) else None
    return condition if isinstance(condition, str) else None


# -- one task definition -----------------------------------------------------------
def _fix_task_definition(
    template: Template, task_id: str, grants: dict[str, Grant]
) -> list[Change | Notice]:
    properties = template.properties(task_id)
    containers = properties.get("ContainerDefinitions")
    if not isinstance(containers, list):
        return []
    records: list[Change | Notice] = []
    moves: list[Move] = []
    for index, container in enumerate(containers):
        if isinstance(container, dict):
            found, notices = _container_moves(template, task_id, index, container)
            moves.extend(found)
            records.extend(notices)
    if not moves:
        return records

    role_id, notice = _execution_role(template, task_id, properties)
    if notice:
        return records + [notice]
    role_condition = (
        condition_of(template, role_id) if role_id else condition_of(template, task_id)
    )
    moves, notices = _moves_role_can_read(template, task_id, moves, role_condition)
    records.extend(notices)
    if not moves:
        return records

    records.extend(_apply_moves(template, task_id, moves))
    if role_id is None:
        records.extend(_add_execution_role(template, task_id, moves))
    else:
        grant = grants.setdefault(role_id, Grant([], []))
        _extend_grant(grant, moves)
    return records


def _container_moves(
    template: Template, task_id: str, index: int, container: dict
) -> tuple[list[Move], list[Notice]]:
    environment = container.get("Environment")
    if not isinstance(environment, list):
        return [], []
    base = ("Resources", task_id, "Properties", "ContainerDefinitions", index)
    existing = container.get("Secrets") or []
    secret_names = (
        {entry.get("Name") for entry in existing if isinstance(entry, dict)}
        if isinstance(existing, list)
        else None
    )
    moves: list[Move] = []
    notices: list[Notice] = []
    for position, entry in enumerate(environment):
        if not isinstance(entry, dict) or not isinstance(entry.get("Name"), str):
            continue
        path = base + ("Environment", position)
        name = entry["Name"]
        reference = secret_reference(template, entry.get("Value"))
        if reference is None:
            notices.extend(_report_plaintext(template, path, name, entry.get("Value")))
            continue
        problem = _move_problem(template, reference, name, secret_names)
        if problem:
            notices.append(
                Notice(
                    ID, path, f"environment variable {name}: {problem}; left as written"
                )
            )
            continue
        key, _ = secret_key_arn(template, reference.secret)
        keys = (key,) if key is not None else ()
        moves.append(
            Move(index, position, name, reference.secret, reference.value_from(), keys)
        )
        secret_names.add(name)
    return moves, notices


def _move_problem(
    template: Template,
    reference: SecretReference,
    name: str,
    secret_names: set | None,
) -> str | None:
    if reference.secret is None:
        return (
            "reads a secret that this template does not define, or names it in a "
            "way this fix cannot follow"
        )
    if secret_names is None:
        return "the container's Secrets is not a list"
    if name in secret_names:
        return "the container already has a Secrets entry with this name"
    _, problem = secret_key_arn(template, reference.secret)
    return problem


def _report_plaintext(
    template: Template, path: tuple, name: str, value: object
) -> list[Notice]:
    """Report a variable that looks like a secret; messages never show the value."""
    text = reference_text(value)
    if text and DYNAMIC_REFERENCE.search(text):
        return [
            Notice(
                ID,
                path,
                f"environment variable {name} embeds a Secrets Manager "
                "reference in a longer value, which the task definition stores "
                "resolved; pass the secret as its own Secrets entry",
            )
        ]
    for ref in walk_references(value):
        parameter = template.parameters.get(ref.target)
        if isinstance(parameter, dict) and _is_no_echo(parameter):
            return [
                Notice(
                    ID,
                    path,
                    f"environment variable {name} reads NoEcho parameter "
                    f"{ref.target!r}, which the task definition stores in plaintext; "
                    "keep the value in Secrets Manager and pass it in Secrets",
                )
            ]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return []
    literal = str(value)
    if not literal or literal.startswith(("arn:", "{{resolve:")):
        return []
    looks_secret = SECRET_NAME.search(name) and not LOCATOR_NAME.search(name)
    if looks_secret or literal in template.secrets:
        return [
            Notice(
                ID,
                path,
                f"environment variable {name} looks like a plaintext "
                "secret; keep it in Secrets Manager and pass it in Secrets",
            )
        ]
    return []


def _is_no_echo(parameter: dict) -> bool:
    return parameter.get("NoEcho") in (True, "true", "True")


# -- the execution role ------------------------------------------------------------
def _execution_role(
    template: Template, task_id: str, properties: dict
) -> tuple[str | None, Notice | None]:
    """Return (role id, None), (None, None) when there is no role, or a notice."""
    if "ExecutionRoleArn" not in properties:
        return None, None
    path = ("Resources", task_id, "Properties", "ExecutionRoleArn")
    role_id = role_target(template, properties["ExecutionRoleArn"])
    if role_id is None:
        return None, Notice(
            ID,
            path,
            "the execution role is not an AWS::IAM::Role in this "
            "template, so it cannot be granted the secrets; environment "
            "variables that read secrets left as written",
        )
    policies = template.properties(role_id).get("Policies")
    if role_id in template.suppressed or not (
        policies is None or isinstance(policies, list)
    ):
        return None, Notice(
            ID,
            path,
            f"execution role {role_id!r} cannot be given an inline "
            "policy; environment variables that read secrets left as written",
        )
    return role_id, None


def role_target(template: Template, value: object) -> str | None:
    """Return the role that Ref, Fn::GetAtt Arn or Fn::Sub "${Role.Arn}" names."""
    target = None
    if isinstance(value, dict) and len(value) == 1:
        if "Ref" in value:
            target = value["Ref"]
        elif "Fn::GetAtt" in value:
            argument = value["Fn::GetAtt"]
            if isinstance(argument, str):
                argument = argument.split(".", 1)
            if isinstance(argument, list) and argument[1:] == ["Arn"]:
                target = argument[0]
        elif isinstance(value.get("Fn::Sub"), str):
            match = re.fullmatch(r"\$\{([^}.!\s]+)(?:\.Arn)?\}", value["Fn::Sub"])
            target = match.group(1) if match else None
    resource = template.resources.get(target) if isinstance(target, str) else None
    if isinstance(resource, dict) and resource.get("Type") == ROLE:
        return target
    return None


def _moves_role_can_read(
    template: Template, task_id: str, moves: list[Move], role_condition: str | None
) -> tuple[list[Move], list[Notice]]:
    """Keep the moves whose secret and key exist whenever the execution role does."""
    readable: list[Move] = []
    notices: list[Notice] = []
    for move in moves:
        ids = {move.secret} | template.referenced_ids(list(move.keys))
        conditions = {condition_of(template, logical_id) for logical_id in ids} - {None}
        if conditions - {role_condition}:
            path = (
                "Resources",
                task_id,
                "Properties",
                "ContainerDefinitions",
                move.container,
                "Environment",
                move.entry,
            )
            notices.append(
                Notice(
                    ID,
                    path,
                    f"environment variable {move.name} reads secret "
                    f"{move.secret!r}, whose Condition the execution role "
                    "does not share; left as written",
                )
            )
        else:
            readable.append(move)
    return readable, notices


def _secrets_policy(secrets: list, keys: list) -> dict:
    statements = [
        {
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": [{"Ref": secret} for secret in secrets],
        }
    ]
    if keys:
        statements.append(
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": list(keys)}
        )
    return {"Version": POLICY_VERSION, "Statement": statements}


def _extend_grant(grant: Grant, moves: list[Move]) -> None:
    for move in moves:
        if move.secret not in grant.secrets:
            grant.secrets.append(move.secret)
        for key in move.keys:
            if key not in grant.keys:
                grant.keys.append(key)


def _add_execution_role(
    template: Template, task_id: str, moves: list[Move]
) -> list[Change]:
    grant = Grant([], [])
    _extend_grant(grant, moves)
    role_id = template.unique_id(f"{task_id}ExecutionRole")
    body: dict = {"Type": ROLE}
    condition = condition_of(template, task_id)
    if condition:
        body["Condition"] = condition
    body["Properties"] = {
        "AssumeRolePolicyDocument": {
            "Version": POLICY_VERSION,
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": ECS_TASKS},
                    "Action": "sts:AssumeRole",
                }
            ],
        },
        "ManagedPolicyArns": [{"Fn::Sub": EXECUTION_POLICY_ARN}],
        "Policies": [
            {
                "PolicyName": SECRETS_POLICY_NAME,
                "PolicyDocument": _secrets_policy(grant.secrets, grant.keys),
            }
        ],
    }
    path = ("Resources", task_id, "Properties", "ExecutionRoleArn")
    return [
        template.add_section_entry(
            "Resources",
            role_id,
            body,
            ID,
            f"ECS reads the Secrets of {task_id} with this role",
            before=task_id,
        ),
        template.set(
            path,
            {"Fn::GetAtt": [role_id, "Arn"]},
            ID,
            "ECS needs an execution role to read Secrets",
        ),
    ]


def _grant_existing_role(
    template: Template, role_id: str, grant: Grant
) -> list[Change]:
    policies = template.properties(role_id).get("Policies") or []
    secrets = [
        secret for secret in grant.secrets if not _already_granted(policies, secret)
    ]
    if not secrets:
        return []
    names = {
        policy.get("PolicyName") for policy in policies if isinstance(policy, dict)
    }
    name = SECRETS_POLICY_NAME
    number = 2
    while name in names:
        name = f"{SECRETS_POLICY_NAME}{number}"
        number += 1
    policy = {
        "PolicyName": name,
        "PolicyDocument": _secrets_policy(secrets, grant.keys),
    }
    path = ("Resources", role_id, "Properties", "Policies")
    return [
        template.set(
            path,
            list(policies) + [policy],
            ID,
            "ECS reads container Secrets with the execution role",
        )
    ]


def _already_granted(policies: list, secret: str) -> bool:
    """Tell whether an inline policy already allows reading ``secret``."""
    for policy in policies:
        document = policy.get("PolicyDocument") if isinstance(policy, dict) else None
        statements = document.get("Statement") if isinstance(document, dict) else None
        if isinstance(statements, dict):
            statements = [statements]
        for statement in statements if isinstance(statements, list) else []:
            if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
                continue
            actions = _as_list(statement.get("Action"))
            resources = _as_list(statement.get("Resource"))
            allows = {"secretsmanager:GetSecretValue", "secretsmanager:*", "*"} & set(
                action for action in actions if isinstance(action, str)
            )
            if allows and ({"Ref": secret} in resources or "*" in resources):
                return True
    return False


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


# -- edits -------------------------------------------------------------------------
def _apply_moves(template: Template, task_id: str, moves: list[Move]) -> list[Change]:
    changes: list[Change] = []
    base = ("Resources", task_id, "Properties", "ContainerDefinitions")
    for index in sorted({move.container for move in moves}):
        container = template.get(base + (index,))
        mine = [move for move in moves if move.container == index]
        secrets = list(container.get("Secrets") or [])
        secrets.extend(
            {"Name": move.name, "ValueFrom": move.value_from} for move in mine
        )
        for move in sorted(mine, key=lambda move: move.entry, reverse=True):
            changes.append(
                template.delete(
                    base + (index, "Environment", move.entry),
                    ID,
                    f"{move.name} reads secret {move.secret!r}; the task definition "
                    "would store its value resolved",
                )
            )
        if not container["Environment"]:
            changes.append(
                template.delete(
                    base + (index, "Environment"), ID, "no environment variables left"
                )
            )
        changes.append(
            template.set(
                base + (index, "Secrets"),
                secrets,
                ID,
                "ECS reads these secrets when the task starts",
            )
        )
    return changes


# -- outputs -----------------------------------------------------------------------
def _remove_exposing_outputs(template: Template) -> list[Change]:
    changes: list[Change] = []
    orphans: set[str] = set()
    for output_id, body in list(template.outputs.items()):
        if not isinstance(body, dict) or not _exposes_secret(
            template, body.get("Value")
        ):
            continue
        orphans |= template.referenced_ids(body)
        if isinstance(body.get("Condition"), str):
            orphans.add(body["Condition"])
        changes.append(
            template.delete(
                ("Outputs", output_id),
                ID,
                "the output showed a secret to anyone who can describe the stack",
            )
        )
    if changes and template.data.get("Outputs") == {}:
        changes.append(template.delete(("Outputs",), ID, "no outputs left"))
    orphans = {
        logical_id for logical_id in orphans if not logical_id.startswith(PSEUDO_PREFIX)
    }
    changes.extend(template.prune_unused(orphans, ID, "only a removed output used it"))
    return changes


def _exposes_secret(template: Template, value: object) -> bool:
    for ref in walk_references(value):
        parameter = template.parameters.get(ref.target)
        if isinstance(parameter, dict) and _is_no_echo(parameter):
            return True
    # An Fn::Join splits a reference over several strings, so join it back first.
    texts = _strings(value) + [reference_text(value) or ""]
    return any(
        match.group("key") not in PUBLIC_KEYS
        for text in texts
        for match in DYNAMIC_REFERENCE.finditer(text)
    )


def _strings(value: object) -> list[str]:
    return [item for item in walk_values(value) if isinstance(item, str)]
