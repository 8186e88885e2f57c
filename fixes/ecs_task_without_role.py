"""Give each ECS task definition its own least-privilege task role.

## What it does
An ``AWS::ECS::TaskDefinition`` without ``TaskRoleArn`` gets a new
``AWS::IAM::Role`` (``<TaskDefinition>TaskRole``) and
``TaskRoleArn: {"Fn::GetAtt": [Role, "Arn"]}``. The role trusts
``ecs-tasks.amazonaws.com`` only for tasks of this account, through the
``aws:SourceAccount`` (``StringEquals`` the stack's account) and
``aws:SourceArn`` (``ArnLike``
``arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*``) condition
keys, and it gets an inline policy with only what the template shows the
task uses:

- ``secretsmanager:GetSecretValue`` on the Secrets Manager secrets that the
  task definition refers to, and on the master password secret of each
  database it refers to. That secret is the one the database's
  ``MasterUserPassword`` reads, as the plaintext-database-password fix
  writes it, and an Aurora or DocumentDB instance leads to its cluster's
  secret;
- ``s3:GetObject`` and ``s3:PutObject`` on ``${Bucket.Arn}/*`` for each
  ``AWS::S3::Bucket`` of the template that the task definition refers to
  (in environment values, the command or anywhere else);
- ``kms:Decrypt`` on the customer managed KMS key of such a secret, and
  ``kms:Decrypt`` with ``kms:GenerateDataKey`` on the key of such a bucket.

No statement uses ``*`` as its resource. When the task uses none of these,
the role gets no policy: it still gives the application its own identity,
and on EC2 container instances it stops the containers from using the
instance role's credentials. The role copies the task definition's
``Condition``.

References that ECS resolves with the execution role, not the task role
(``Secrets``, ``EnvironmentFiles``, ``RepositoryCredentials``,
``LogConfiguration.SecretOptions`` and the role properties), do not count as
uses. A database the task refers to counts, but a secret read only through
``Secrets`` does not, because ECS, not the application, reads it.

## Why it matters
Without a task role, containers on EC2 call AWS with the container
instance's role, which every task on that instance shares, and on Fargate
they have no AWS identity, so applications fall back to access keys in
environment variables. A task role scoped to the task's own resources
limits what a compromised container can reach.

## Fix safety
On EC2 container instances, containers that relied on the instance role's
permissions lose them, because the SDKs use the task role alone; the
grants above cover the secrets and buckets the template shows, not other
AWS calls the application makes. The new role needs ``CAPABILITY_IAM`` when
the stack is deployed. The output adds no cfn-lint errors or warnings; the
tests check this.

## Left alone
Task definitions that already have ``TaskRoleArn`` (whatever it is), and
task definitions whose properties are not a mapping. A secret, bucket or
key with a ``Condition`` that the task definition does not share gets no
grant (reported), because the role would refer to it when it may not
exist. A customer managed key that is not in the template and not a key
ARN is reported, and the secret or bucket is granted without it.

## Known limitations
The role allows only object reads and writes: listing a bucket
(``s3:ListBucket``), deleting objects and every other AWS call must be
added by hand. A database whose password is managed by RDS
(``ManageMasterUserPassword``) leads to no grant.
"""

from __future__ import annotations

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.intrinsics import walk_references
from fixer.template import Template
from fixes.container_secret_environment import (
    ECS_TASKS,
    POLICY_VERSION,
    ROLE,
    SECRET,
    TASK_DEFINITION,
    condition_of,
    kms_key_arn,
    secret_key_arn,
    secret_reference,
)
from fixes.plaintext_database_password import DATABASE_TYPES

ID = "FX204"
NAME = "ecs-task-without-role"
TITLE = "Give ECS task definitions a least-privilege task role"
RATIONALE = (
    "Without a task role, containers share the instance's AWS identity or have "
    "none, so they end up with too much access or with long-lived keys."
)
SAFETY = "on EC2, containers stop using the instance role's permissions"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html"
)

BUCKET = "AWS::S3::Bucket"
DOCDB_INSTANCE = "AWS::DocDB::DBInstance"
POLICY_NAME = "TaskResourceAccess"
SOURCE_ARN = "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"
# Container definition properties that ECS reads with the execution role.
EXECUTION_ROLE_FIELDS = {"Secrets", "EnvironmentFiles", "RepositoryCredentials"}


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    for task_id, task in template.resources_of_type(TASK_DEFINITION):
        properties = task.get("Properties", {})
        if isinstance(properties, dict) and "TaskRoleArn" not in properties:
            records.extend(_add_task_role(template, task_id))
    return records


def _add_task_role(template: Template, task_id: str) -> list[Change | Notice]:
    condition = condition_of(template, task_id)
    used = _used_resources(template, task_id)
    records: list[Change | Notice] = []
    secrets = _shared_condition(
        template, task_id, _secrets_used(template, used), condition, records
    )
    buckets = [
        logical_id for logical_id in used if _type(template, logical_id) == BUCKET
    ]
    buckets = _shared_condition(template, task_id, buckets, condition, records)
    statements = _statements(template, task_id, secrets, buckets, condition, records)

    role_id = template.unique_id(f"{task_id}TaskRole")
    records.append(
        template.add_section_entry(
            "Resources",
            role_id,
            _role(condition, statements),
            ID,
            f"task role for the containers of {task_id}",
            before=task_id,
        )
    )
    records.append(
        template.set(
            ("Resources", task_id, "Properties", "TaskRoleArn"),
            {"Fn::GetAtt": [role_id, "Arn"]},
            ID,
            "containers get their own least-privilege AWS identity",
        )
    )
    return records


def _role(condition: str | None, statements: list[dict]) -> dict:
    body: dict = {"Type": ROLE}
    if condition:
        body["Condition"] = condition
    body["Properties"] = {"AssumeRolePolicyDocument": _trust_policy()}
    if statements:
        document = {"Version": POLICY_VERSION, "Statement": statements}
        body["Properties"]["Policies"] = [
            {"PolicyName": POLICY_NAME, "PolicyDocument": document}
        ]
    return body


def _trust_policy() -> dict:
    return {
        "Version": POLICY_VERSION,
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": ECS_TASKS},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                    "ArnLike": {"aws:SourceArn": {"Fn::Sub": SOURCE_ARN}},
                },
            }
        ],
    }


def _type(template: Template, logical_id: str) -> str | None:
    resource = template.resources.get(logical_id)
    return resource.get("Type") if isinstance(resource, dict) else None


# -- what the task uses ------------------------------------------------------------
def _used_resources(template: Template, task_id: str) -> list[str]:
    """Return the resources the task definition refers to, in template order."""
    base = ("Resources", task_id, "Properties")
    found = set()
    for ref in walk_references(template.properties(task_id), base):
        if not _read_by_execution_role(ref.path[len(base) :]):
            found.add(ref.target)
    return [logical_id for logical_id in template.resources if logical_id in found]


def _read_by_execution_role(path: tuple) -> bool:
    if path and path[0] in ("ExecutionRoleArn", "TaskRoleArn"):
        return True
    if len(path) < 3 or path[0] != "ContainerDefinitions":
        return False
    if path[2] in EXECUTION_ROLE_FIELDS:
        return True
    return path[2] == "LogConfiguration" and path[3:4] == ("SecretOptions",)


def _secrets_used(template: Template, used: list[str]) -> list[str]:
    """Return the secrets the task reads itself: named directly or behind a database."""
    found: set[str] = set()
    for logical_id in used:
        kind = _type(template, logical_id)
        if kind == SECRET:
            found.add(logical_id)
        elif kind in DATABASE_TYPES or kind == DOCDB_INSTANCE:
            found |= _database_secrets(template, logical_id)
    return [logical_id for logical_id in template.resources if logical_id in found]


def _database_secrets(template: Template, database: str) -> set[str]:
    properties = template.properties(database)
    cluster = properties.get("DBClusterIdentifier")
    # An instance of an Aurora or DocumentDB cluster uses the cluster's password.
    if (
        isinstance(cluster, dict)
        and list(cluster) == ["Ref"]
        and str(_type(template, database)).endswith("::DBInstance")
        and str(_type(template, cluster["Ref"])).endswith("::DBCluster")
    ):
        return _database_secrets(template, cluster["Ref"])
    reference = secret_reference(template, properties.get("MasterUserPassword"))
    return {reference.secret} if reference and reference.secret else set()


def _shared_condition(
    template: Template,
    task_id: str,
    resources: list[str],
    condition: str | None,
    records: list,
) -> list[str]:
    """Keep resources that exist whenever the task definition does; report others."""
    shared = []
    for logical_id in resources:
        other = condition_of(template, logical_id)
        if other is None or other == condition:
            shared.append(logical_id)
        else:
            records.append(
                Notice(
                    ID,
                    ("Resources", task_id),
                    f"{logical_id!r} has Condition {other!r}, which the task "
                    "definition does not share; the task role gets no grant "
                    "on it",
                )
            )
    return shared


# -- the policy --------------------------------------------------------------------
def _statements(
    template: Template,
    task_id: str,
    secrets: list[str],
    buckets: list[str],
    condition: str | None,
    records: list,
) -> list[dict]:
    statements: list[dict] = []
    if secrets:
        statements.append(
            {
                "Effect": "Allow",
                "Action": "secretsmanager:GetSecretValue",
                "Resource": [{"Ref": secret} for secret in secrets],
            }
        )
    secret_keys = _keys(
        template,
        task_id,
        secrets,
        condition,
        records,
        lambda secret: secret_key_arn(template, secret),
    )
    bucket_keys = _keys(
        template,
        task_id,
        buckets,
        condition,
        records,
        lambda bucket: _bucket_key_arn(template, bucket),
    )
    # A key that also encrypts a bucket gets kms:Decrypt in the bucket statement.
    secret_keys = [key for key in secret_keys if key not in bucket_keys]
    if secret_keys:
        statements.append(
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": secret_keys}
        )
    if buckets:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": [
                    {"Fn::Sub": "${" + bucket + ".Arn}/*"} for bucket in buckets
                ],
            }
        )
    if bucket_keys:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                "Resource": bucket_keys,
            }
        )
    return statements


def _keys(
    template: Template,
    task_id: str,
    owners: list[str],
    condition: str | None,
    records: list,
    key_of,
) -> list:
    """Return the customer managed keys of ``owners`` that the role may name."""
    keys: list = []
    for owner in owners:
        key, problem = key_of(owner)
        conditions = {
            condition_of(template, logical_id)
            for logical_id in template.referenced_ids(key)
        } - {None, condition}
        if problem or conditions:
            reason = (
                problem
                or "the KMS key has a Condition the task definition does not share"
            )
            records.append(
                Notice(
                    ID,
                    ("Resources", task_id),
                    f"{owner!r} is encrypted with a KMS key the task role is "
                    f"not granted: {reason}",
                )
            )
        elif key is not None and key not in keys:
            keys.append(key)
    return keys


def _bucket_key_arn(
    template: Template, bucket: str
) -> tuple[object | None, str | None]:
    encryption = template.properties(bucket).get("BucketEncryption")
    rules = (
        encryption.get("ServerSideEncryptionConfiguration")
        if isinstance(encryption, dict)
        else None
    )
    for rule in rules if isinstance(rules, list) else []:
        default = (
            rule.get("ServerSideEncryptionByDefault")
            if isinstance(rule, dict)
            else None
        )
        if not isinstance(default, dict):
            continue
        algorithm = default.get("SSEAlgorithm")
        if isinstance(algorithm, str) and algorithm.startswith("aws:kms"):
            return kms_key_arn(template, default.get("KMSMasterKeyID"))
    return None, None
