"""Move plaintext database master passwords into a generated Secrets Manager secret.

## What it does
For each ``AWS::RDS::DBInstance``, ``AWS::RDS::DBCluster``,
``AWS::DocDB::DBCluster`` and ``AWS::Redshift::Cluster`` whose
``MasterUserPassword`` is a literal, or a ``Ref`` to a template parameter,
adds an ``AWS::SecretsManager::Secret`` that generates the password (the
user name goes in ``SecretStringTemplate``) and sets ``MasterUsername`` and
``MasterUserPassword`` to ``{{resolve:secretsmanager:...}}`` dynamic
references to it. The password parameter goes when nothing else uses it;
other uses of it, and other copies of the literal in resource properties,
are pointed at the secret as well, and outputs that expose it are removed,
so the plaintext is left nowhere in the template.

The generated password is 32 characters (30 for Oracle, whose limit is 30)
and excludes ``/``, ``"`` and ``@``, which RDS, DocumentDB and Redshift
reject, ``'`` and ``&``, which RDS for Oracle rejects, and ``\\``, which
breaks connection strings. A secret that excludes only ``"@/\\`` can
generate a password that RDS for Oracle rejects.

The secret is encrypted with the database's own customer KMS key when it
names one in the template, else with the template's only KMS key when that
key's policy delegates to the account, else with the AWS managed key, so a
template that encrypts with its own key does not trade one scanner finding
for another.

The secret copies the database's ``Condition``, and a ``Retain`` or
``Snapshot`` deletion policy becomes ``Retain`` on the secret, so a kept
database does not lose its password with the stack.

## Why it matters
A password in a template or a parameter default is readable by everyone
who can read the template, the stack's parameters or the repository
(cfn-lint W2501, W1011).

## Fix safety
Changes the stack's interface when a password parameter is removed:
deployments that pass it must stop passing it. Updating an existing stack
changes the database's password to the generated one.

## Left alone
Instances that belong to an Aurora cluster (``DBClusterIdentifier``), read
replicas, databases restored from a snapshot, and databases that use
``ManageMasterUserPassword``, because they take no master password; passwords
that already are dynamic references; a password parameter that a condition
uses (reported). Copies of the password are reported for removal by hand,
not rewritten, where CloudFormation would not resolve a dynamic reference
(resource Metadata such as cfn-init, custom resource properties, and text
under ``Fn::Base64`` such as UserData, which the instance would receive as
the literal ``{{resolve:...}}``) and where the resource may exist without
the secret (another condition). A UserData script should read the secret
at boot instead (``aws secretsmanager get-secret-value``).
"""

from __future__ import annotations

import json
import re

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.intrinsics import SUB_VARIABLE
from fixer.report import SECRET_NAME, is_strong_secret
from fixer.template import Template

ID = "FX201"
NAME = "plaintext-database-password"
TITLE = "Generate database master passwords in Secrets Manager"
RATIONALE = "A password written in a template or parameter default is readable by anyone who can read the stack."
SAFETY = "changes the stack's parameters when a password parameter goes"
SOURCE_URL = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html"

DATABASE_TYPES = (
    "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Redshift::Cluster",
)
# Properties that mean the database takes no master password of its own.
# On an instance, DBClusterIdentifier names the Aurora cluster it joins; on a
# cluster it is only the cluster's own name.
NO_PASSWORD_PROPERTIES = {
    "AWS::RDS::DBInstance": (
        "DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBClusterIdentifier",
        "DBSnapshotIdentifier", "ManageMasterUserPassword",
    ),
    "AWS::RDS::DBCluster": (
        "SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier",
        "ManageMasterUserPassword",
    ),
    "AWS::DocDB::DBCluster": ("SnapshotIdentifier",),
    "AWS::Redshift::Cluster": ("SnapshotIdentifier", "ManageMasterPassword"),
}
EXCLUDE_CHARACTERS = "\"'/@&\\"
PASSWORD_LENGTH = 32
ORACLE_PASSWORD_LENGTH = 30
DEFAULT_USERNAME = "admin"


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    databases = template.resources_of_type(*DATABASE_TYPES)
    # Copies of a literal password are found before anything changes, so the
    # search never matches text this fix adds ("password" is also a JSON key).
    sites = {}
    for _, resource in databases:
        literal, _ = _plaintext(template, (resource.get("Properties") or {}).get("MasterUserPassword"))
        if literal and literal not in sites:
            sites[literal] = _literal_sites(template, literal)
    had_outputs = bool(template.outputs)
    copies: dict[str, list[tuple[str, object]]] = {}
    for logical_id, resource in databases:
        records.extend(_fix_database(template, logical_id, resource, copies))
    for literal, secrets in copies.items():
        records.extend(_replace_literal_copies(template, literal, secrets, sites[literal]))
    if had_outputs and not template.outputs and "Outputs" in template.data:
        # CloudFormation rejects an empty Outputs section.
        records.append(template.delete(("Outputs",), ID, "no outputs left"))
    return records


def _plaintext(template: Template, password: object) -> tuple[str | None, str | None]:
    """Return (literal, parameter name) for a password that is plaintext, else (None, None)."""
    if isinstance(password, (int, float)) and not isinstance(password, bool):
        return str(password), None
    if isinstance(password, str):
        if password.startswith("{{resolve:"):
            return None, None
        return password, None
    if isinstance(password, dict) and list(password) == ["Ref"]:
        name = password["Ref"]
        parameter = template.parameters.get(name)
        if isinstance(parameter, dict):
            default = parameter.get("Default")
            if isinstance(parameter.get("Type"), str) and "SSM::Parameter" in parameter["Type"]:
                return None, None
            literal = default if isinstance(default, (str, int)) and str(default) else None
            return (str(literal) if literal is not None else None), name
    return None, None


def _fix_database(template: Template, logical_id: str, resource: dict,
                  copies: dict[str, list[tuple[str, object]]]) -> list[Change | Notice]:
    properties = resource.get("Properties")
    if not isinstance(properties, dict) or "MasterUserPassword" not in properties:
        return []
    path = ("Resources", logical_id, "Properties")
    password = properties["MasterUserPassword"]
    reasons = [name for name in NO_PASSWORD_PROPERTIES[resource["Type"]]
               if properties.get(name) not in (None, False, "false")]
    if reasons:
        if _plaintext(template, password) == (None, None):
            return []
        return [Notice(ID, path + ("MasterUserPassword",),
                       f"plaintext password is unused, because {reasons[0]} is set; remove it by hand")]
    if isinstance(password, str) and password.startswith("{{resolve:ssm:"):
        return [Notice(ID, path + ("MasterUserPassword",),
                       "password comes from a plain SSM String parameter; "
                       "store it as SecureString and use ssm-secure, or use Secrets Manager")]
    literal, parameter = _plaintext(template, password)
    if literal is None and parameter is None:
        return []
    if parameter and any(ref.path[0] in ("Conditions", "Rules") for ref in template.references_to(parameter)):
        return [Notice(ID, path + ("MasterUserPassword",),
                       f"password parameter {parameter!r} is used by a condition or rule; left as written")]
    username = properties.get("MasterUsername", DEFAULT_USERNAME)
    secret_string = _secret_string_template(username)
    if secret_string is None:
        return [Notice(ID, path + ("MasterUsername",), "MasterUsername is not a literal or a parameter; left as written")]

    secret_id = template.unique_id(f"{logical_id}Secret")
    records: list[Change | Notice] = [template.add_section_entry(
        "Resources", secret_id, _secret(template, resource, properties, secret_string), ID,
        f"generated master credentials for {logical_id}", before=logical_id,
    )]
    reference = "{{resolve:secretsmanager:${" + secret_id + "}:SecretString:%s}}"
    records.append(template.set(path + ("MasterUsername",), {"Fn::Sub": reference % "username"},
                                ID, f"read the user name from {secret_id}"))
    records.append(template.set(path + ("MasterUserPassword",), {"Fn::Sub": reference % "password"},
                                ID, f"read the password from {secret_id}, not from plaintext"))
    dynamic = reference % "password"
    condition = resource.get("Condition")
    if parameter:
        records.extend(_replace_parameter_uses(template, parameter, dynamic, condition))
        records.extend(template.prune_unused({parameter}, ID, "password parameter replaced by a secret"))
    if literal:
        template.secrets.add(literal)
        copies.setdefault(literal, []).append((dynamic, condition))
    return records


def _secret_string_template(username: object) -> object | None:
    if isinstance(username, str) and not username.startswith("{{resolve:"):
        return json.dumps({"username": username})
    if isinstance(username, dict) and list(username) == ["Ref"] and isinstance(username["Ref"], str):
        return {"Fn::Sub": '{"username": "${' + username["Ref"] + '}"}'}
    return None


def _customer_key(template: Template, properties: dict) -> object | None:
    """Return the template's customer KMS key for a new secret, or None for the AWS managed key.

    The database's own key comes first, because its policy already covers
    this data. Otherwise the template's only key is used when its policy
    delegates to the account, so IAM policies decide and Secrets Manager may
    use it.
    """
    own = properties.get("KmsKeyId")
    if isinstance(own, dict) and template.referenced_ids(own) & {
            logical_id for logical_id, _ in template.resources_of_type("AWS::KMS::Key")}:
        return own
    keys = template.resources_of_type("AWS::KMS::Key")
    if len(keys) != 1:
        return None
    logical_id, key = keys[0]
    policy = json.dumps((key.get("Properties") or {}).get("KeyPolicy"))
    if ":root" in policy and "Condition" not in key:
        return {"Ref": logical_id}
    return None


def _secret(template: Template, resource: dict, properties: dict, secret_string: object) -> dict:
    engine = str(properties.get("Engine", "")).lower()
    length = ORACLE_PASSWORD_LENGTH if "oracle" in engine else PASSWORD_LENGTH
    body: dict = {"Type": "AWS::SecretsManager::Secret"}
    if isinstance(resource.get("Condition"), str):
        body["Condition"] = resource["Condition"]
    if resource.get("DeletionPolicy") in ("Retain", "RetainExceptOnCreate", "Snapshot"):
        body["DeletionPolicy"] = "Retain" if resource["DeletionPolicy"] == "Snapshot" else resource["DeletionPolicy"]
        body["UpdateReplacePolicy"] = "Retain"
    body["Properties"] = {
        "Description": f"Master user credentials for {resource.get('Type', 'the database')}",
        "GenerateSecretString": {
            "SecretStringTemplate": secret_string,
            "GenerateStringKey": "password",
            "PasswordLength": length,
            "ExcludeCharacters": EXCLUDE_CHARACTERS,
        },
    }
    key = _customer_key(template, properties)
    if key is not None:
        body["Properties"]["KmsKeyId"] = key
    return body


def _resolvable(template: Template, path: tuple) -> bool:
    """Tell whether CloudFormation resolves a dynamic reference at ``path``.

    It does in resource properties, but not in Metadata (cfn-init reads it
    as written), not in custom resource properties, and not under
    Fn::Base64. There the text is encoded before references are resolved,
    so a UserData script would get ``{{resolve:...}}`` instead of the password.
    """
    if len(path) < 3 or path[0] != "Resources" or path[2] != "Properties":
        return False
    if "Fn::Base64" in path:
        return False
    kind = str(template.resources.get(path[1], {}).get("Type", ""))
    return not (kind.startswith("Custom::") or kind == "AWS::CloudFormation::CustomResource")


def _other_database_password(template: Template, path: tuple) -> bool:
    """Tell whether ``path`` is another database's password, which gets a secret of its own."""
    return (len(path) == 4 and path[3] == "MasterUserPassword"
            and template.resources.get(path[1], {}).get("Type") in DATABASE_TYPES)


def _fits(template: Template, path: tuple, condition: object) -> bool:
    """Tell whether the resource at ``path`` exists only when a secret with ``condition`` does."""
    return condition is None or template.resources.get(path[1], {}).get("Condition") == condition


def _replace_parameter_uses(template: Template, parameter: str, dynamic: str,
                            condition: object) -> list[Change | Notice]:
    changes: list[Change | Notice] = []
    for ref in template.references_to(parameter):
        section = ref.path[0]
        if section == "Outputs":
            output_path = ref.path[:2]
            if template.get(output_path) is not None:
                changes.append(template.delete(output_path, ID, "output exposed the database password"))
            continue
        if _other_database_password(template, ref.path):
            continue
        if not _resolvable(template, ref.path):
            changes.append(Notice(ID, ref.path, f"parameter {parameter!r} is read where dynamic "
                                                "references are not resolved; left as written"))
            continue
        if not _fits(template, ref.path, condition):
            changes.append(Notice(ID, ref.path, f"parameter {parameter!r} is read by a resource that may "
                                                "exist without the secret; left as written"))
            continue
        holder = template.get(ref.path)
        if ref.kind == "Ref":
            changes.append(template.set(ref.path, {"Fn::Sub": dynamic}, ID,
                                        f"read the password from the secret, not parameter {parameter!r}"))
        elif ref.kind == "Sub":
            argument = holder["Fn::Sub"]
            text = argument if isinstance(argument, str) else argument[0]
            replaced = SUB_VARIABLE.sub(
                lambda m: dynamic if m.group(1) == parameter and not m.group(2) else m.group(0), text)
            after = {"Fn::Sub": replaced if isinstance(argument, str) else [replaced] + argument[1:]}
            changes.append(template.set(ref.path, after, ID,
                                        f"read the password from the secret, not parameter {parameter!r}"))
    return changes


def _literal_pattern(literal: str) -> re.Pattern:
    if is_strong_secret(literal):
        return re.compile(re.escape(literal))
    return re.compile(r"(?<![\w])" + re.escape(literal) + r"(?![\w])")


def _secret_site(template: Template, path: tuple, value: str, literal: str) -> bool:
    """Tell whether a string equal to or containing the literal is a copy of the password.

    A weak literal ("postgres") counts only under a secret-looking key or
    environment variable name, so an Engine or DBName that happens to equal
    it stays.
    """
    if is_strong_secret(literal):
        return True
    keys = [part for part in path if isinstance(part, str)]
    if keys and SECRET_NAME.search(keys[-1]):
        return True
    if keys and keys[-1] == "Value":
        sibling = template.get(path[:-1] + ("Name",))
        return isinstance(sibling, str) and bool(SECRET_NAME.search(sibling))
    return False


def _literal_sites(template: Template, literal: str) -> list[tuple[tuple, str, bool]]:
    """Find (path, text, inside Fn::Sub) for copies of a literal password in Resources and Outputs."""
    pattern = _literal_pattern(literal)
    sites: list[tuple[tuple, str, bool]] = []
    for name in ("Resources", "Outputs"):
        stack = [(template.data.get(name), (name,))]
        while stack:
            value, path = stack.pop()
            if isinstance(value, dict):
                argument = value.get("Fn::Sub") if len(value) == 1 else None
                if isinstance(argument, str) and pattern.search(argument) and is_strong_secret(literal):
                    sites.append((path, argument, True))
                    continue
                stack.extend((item, path + (key,)) for key, item in value.items())
            elif isinstance(value, list):
                stack.extend((item, path + (index,)) for index, item in enumerate(value))
            elif isinstance(value, str) and path[-1] != "MasterUserPassword" and (
                    value == literal or pattern.search(value) and is_strong_secret(literal)) \
                    and _secret_site(template, path, value, literal):
                sites.append((path, value, False))
    return sites


def _replace_literal_copies(template: Template, literal: str, secrets: list[tuple[str, object]],
                            sites: list[tuple[tuple, str, bool]]) -> list[Change | Notice]:
    """Point copies of the literal password in Resources at a secret; drop Outputs that show it.

    A copy reads a secret that exists whenever its own resource does: an
    unconditional one, or one with the same condition.
    """
    pattern = _literal_pattern(literal)
    changes: list[Change | Notice] = []
    exposed = sorted({path[:2] for path, _, _ in sites if path[0] == "Outputs"})
    for output in exposed:
        if template.get(output) is not None:
            changes.append(template.delete(output, ID, "output exposed the database password"))
    for path, text, in_sub in sites:
        if path[0] == "Outputs":
            continue
        if not _resolvable(template, path):
            changes.append(Notice(ID, path, "a copy of the plaintext password sits where dynamic "
                                            "references are not resolved; remove it by hand"))
            continue
        dynamic = next((dynamic for dynamic, condition in secrets if _fits(template, path, condition)), None)
        if dynamic is None:
            changes.append(Notice(ID, path, "a copy of the plaintext password sits in a resource that may "
                                            "exist without the secret; remove it by hand"))
            continue
        if not in_sub:
            # A plain string becomes Fn::Sub, so any "${" in it must be escaped.
            text = text.replace("${", "${!")
        after = {"Fn::Sub": pattern.sub(lambda _: dynamic, text) if text != literal else dynamic}
        changes.append(template.set(path, after, ID, "a copy of the plaintext password now reads the secret"))
    return changes
