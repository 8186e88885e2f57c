"""Turn on RDS enhanced monitoring and CloudWatch log exports, and set safer defaults.

## What it does
For each ``AWS::RDS::DBInstance``:

- Sets ``MonitoringInterval: 60`` and ``MonitoringRoleArn`` (``Fn::GetAtt``
  to an IAM role) when the interval is missing or ``0``. An explicit ``0``
  counts as missing because it is the default value. An instance that has an
  interval above 0 but no role, which fails to deploy, gets the role. The
  role trusts ``monitoring.rds.amazonaws.com`` and has the AWS managed policy
  ``AmazonRDSEnhancedMonitoringRole``. One role per template serves every
  instance (``RDSEnhancedMonitoringRole``), and a role already in the
  template with that trust and policy is used instead of a new one.
- Adds ``EnableCloudwatchLogsExports`` with the logs that the engine can
  export without an option group:

  - MySQL and MariaDB: ``error``, ``general``, ``slowquery``
  - PostgreSQL: ``postgresql``, ``upgrade``
  - Oracle: ``alert``, ``audit``, ``listener``, ``trace``
  - SQL Server: ``agent``, ``error``, and only ``error`` for Express
    edition, which has no SQL Server Agent
  - Db2: ``diag.log``, ``notify.log``

  The MySQL and MariaDB ``audit`` log needs the
  ``MARIADB_AUDIT_PLUGIN`` option and Oracle's ``oemagent`` log needs the OEM
  agent option, so neither is added. A read replica without ``Engine`` uses
  the engine of its source instance in the same template.
- Changes ``StorageType: gp2`` to ``gp3`` when the literal
  ``AllocatedStorage`` keeps the baseline IOPS at least as high. gp2 gives
  3 IOPS per GiB. gp3 gives 3,000, and 12,000 from 400 GiB (200 GiB for
  Oracle) on every engine but SQL Server. In practice this holds up to 1,000 GiB on
  SQL Server and 4,000 GiB on the other engines.
- Changes ``PubliclyAccessible: true`` to ``false`` when the instance names
  a ``DBSubnetGroupName``.
- Adds ``PreferredBackupWindow`` (``03:00-04:00`` UTC) and
  ``PreferredMaintenanceWindow`` (``sun:04:30-sun:05:30`` UTC) where missing.
  When the template already sets one of them, the added one is the first of
  a few fixed choices that neither overlaps nor touches it.

Aurora instances (``DBClusterIdentifier`` set, or an ``aurora`` engine) get
enhanced monitoring, unless their cluster in the template sets
``MonitoringInterval`` itself, and the ``PubliclyAccessible`` change. Their
log exports, storage and backup window belong to the cluster. Each Aurora
``AWS::RDS::DBCluster`` gets ``EnableCloudwatchLogsExports`` (Aurora MySQL
``audit``, ``error``, ``general``, ``slowquery``; Aurora PostgreSQL
``postgresql``), and every ``AWS::RDS::DBCluster`` gets the two windows.

## Why it matters
Without enhanced monitoring, RDS shows only hypervisor metrics, not the
processes, memory and I/O of the database host. Without log exports, the
error and slow query logs stay on the instance and rotate away. gp3 costs
the same per GiB as gp2 and has a steady baseline of 3,000 IOPS where gp2
below 1,000 GiB only bursts to it. A publicly accessible database has a
public IP address, so only its security group is between it and the
internet. Backup and maintenance windows that RDS picks at random can fall
in business hours.

## Fix safety
Adds an IAM role and CloudWatch costs: enhanced monitoring metrics and
exported logs are billed as CloudWatch Logs ingestion and storage. The
general and slow query logs are written only when the parameter group turns
them on, but then the general log records every statement. On an existing
stack, the gp3 change starts a storage modification: it runs online, but no
other storage change is possible for six hours afterwards. Setting
``PubliclyAccessible`` to ``false`` removes the public address, so clients
that connect over the internet instead of from inside the VPC lose access.

## Left alone
Values that are already set, including an empty log export list; values
that are intrinsic functions; RDS Custom engines (``custom-*``), which take
neither monitoring nor log exports; ``StorageType`` other than ``gp2``
(magnetic ``standard`` too); gp2 instances that set ``Iops`` or
``StorageThroughput`` or have a literal ``AllocatedStorage`` below 20 GiB;
``PubliclyAccessible`` on an instance without ``DBSubnetGroupName``; the
backup window of a read replica (``SourceDBInstanceIdentifier``), which
CloudFormation applies in a second call after the replica exists and which
replicas of some engines cannot use; the backup window when
``BackupRetentionPeriod`` is ``0``; enhanced monitoring and log exports of
Multi-AZ DB clusters (``mysql`` or ``postgres`` engine on
``AWS::RDS::DBCluster``).

Reported instead of changed: an engine that is a ``Ref`` or unknown (log
exports left out); an interval that is an intrinsic function without a
role; gp2 storage whose size is not a literal or whose gp3 baseline would be
lower; a window that is an intrinsic function or does not parse (the other
window left out); Aurora Serverless v1 clusters (``EngineMode:
serverless``), which publish logs through their parameter group.

## cfn-lint
The output adds no cfn-lint errors or warnings. The added role has no
``RoleName``, so the stack needs ``CAPABILITY_IAM`` but not
``CAPABILITY_NAMED_IAM``.
"""

from __future__ import annotations

import re

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import Template

ID = "FX402"
NAME = "rds-without-monitoring"
TITLE = "Turn on RDS enhanced monitoring and log exports"
RATIONALE = (
    "Without enhanced monitoring and log exports, "
    "OS metrics and database logs never reach CloudWatch."
)
SAFETY = "adds an IAM role and CloudWatch costs; public databases become private"
SOURCE_URL = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html"

MONITORING_INTERVAL = 60
MONITORING_SERVICE = "monitoring.rds.amazonaws.com"
MONITORING_POLICY_NAME = "service-role/AmazonRDSEnhancedMonitoringRole"
MONITORING_POLICY = "arn:${AWS::Partition}:iam::aws:policy/" + MONITORING_POLICY_NAME
ROLE_ID = "RDSEnhancedMonitoringRole"
MIN_GP3_STORAGE = 20
# Baseline IOPS of RDS gp2 and gp3 storage. gp3 rises where RDS stripes volumes.
# NOTE: taken from AWS documentation excerpts of 2024; AWS may change them.
GP2_IOPS_PER_GIB = 3
GP3_BASELINE_IOPS = 3000
GP3_STRIPED_BASELINE_IOPS = 12000
GP3_STRIPE_GIB = 400
GP3_ORACLE_STRIPE_GIB = 200

# Engine prefix -> log types that export without an option group. Longest prefix first.
INSTANCE_LOGS = (
    ("sqlserver-ex", ["error"]),
    ("sqlserver-", ["agent", "error"]),
    ("oracle-", ["alert", "audit", "listener", "trace"]),
    ("db2-", ["diag.log", "notify.log"]),
    ("mysql", ["error", "general", "slowquery"]),
    ("mariadb", ["error", "general", "slowquery"]),
    ("postgres", ["postgresql", "upgrade"]),
)
CLUSTER_LOGS = {
    "aurora": ["audit", "error", "general", "slowquery"],
    "aurora-mysql": ["audit", "error", "general", "slowquery"],
    "aurora-postgresql": ["postgresql"],
}
# Tried in order, and the first that neither overlaps nor touches the other window wins.
BACKUP_WINDOWS = ("03:00-04:00", "01:00-02:00", "06:30-07:30", "22:00-23:00")
MAINTENANCE_WINDOWS = (
    "sun:04:30-sun:05:30",
    "sat:04:30-sat:05:30",
    "sun:08:30-sun:09:30",
    "wed:08:30-wed:09:30",
)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
DAILY_WINDOW = re.compile(r"(\d{2}):(\d{2})-(\d{2}):(\d{2})")
WEEKLY_WINDOW = re.compile(
    r"([a-z]{3}):(\d{2}):(\d{2})-([a-z]{3}):(\d{2}):(\d{2})", re.IGNORECASE
)


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    roles = MonitoringRoles(template)
    for logical_id, resource in template.resources_of_type("AWS::RDS::DBInstance"):
        if isinstance(resource.get("Properties"), dict):
            records.extend(_fix_instance(template, logical_id, resource, roles))
    for logical_id, resource in template.resources_of_type("AWS::RDS::DBCluster"):
        if isinstance(resource.get("Properties"), dict):
            records.extend(_fix_cluster(template, logical_id))
    return records


def _fix_instance(
    template: Template, logical_id: str, resource: dict, roles: MonitoringRoles
) -> list[Change | Notice]:
    properties = resource["Properties"]
    path = ("Resources", logical_id, "Properties")
    engine = _instance_engine(template, properties)
    if engine is not None and engine.startswith("custom-"):
        return [
            Notice(
                ID,
                path + ("Engine",),
                "RDS Custom takes no enhanced monitoring or log exports",
            )
        ]
    records: list[Change | Notice] = []
    if not _cluster_monitors(template, properties.get("DBClusterIdentifier")):
        records.extend(_fix_monitoring(template, logical_id, resource, roles))
    records.extend(_fix_public_access(template, path, properties))
    in_cluster = "DBClusterIdentifier" in properties or (engine or "").startswith(
        "aurora"
    )
    if in_cluster:
        return records
    records.extend(_fix_instance_logs(template, path, properties, engine))
    records.extend(_fix_storage(template, path, properties, engine))
    replica = "SourceDBInstanceIdentifier" in properties
    records.extend(_fix_windows(template, path, properties, backup=not replica))
    return records


def _fix_cluster(template: Template, logical_id: str) -> list[Change | Notice]:
    properties = template.properties(logical_id)
    path = ("Resources", logical_id, "Properties")
    records: list[Change | Notice] = []
    engine = properties.get("Engine")
    if "EnableCloudwatchLogsExports" not in properties:
        if not isinstance(engine, str):
            records.append(
                Notice(
                    ID,
                    path + ("Engine",),
                    "engine is not a literal; CloudWatch log exports left out",
                )
            )
        elif (
            engine.lower() in CLUSTER_LOGS
            and properties.get("EngineMode") == "serverless"
        ):
            records.append(
                Notice(
                    ID,
                    path + ("EngineMode",),
                    "Aurora Serverless v1 publishes logs through its parameter group; "
                    "log exports left out",
                )
            )
        elif engine.lower() in CLUSTER_LOGS:
            logs = list(CLUSTER_LOGS[engine.lower()])
            records.append(
                template.set(
                    path + ("EnableCloudwatchLogsExports",),
                    logs,
                    ID,
                    f"export the {engine} logs to CloudWatch Logs",
                )
            )
    records.extend(_fix_windows(template, path, properties, backup=True))
    return records


# -- enhanced monitoring ------------------------------------------------------------


class MonitoringRoles:
    """The enhanced monitoring role that a template's instances share."""

    def __init__(self, template: Template):
        self.template = template

    def role_for(self, condition: object, before: str) -> tuple[str, list[Change]]:
        """Return a role for an instance with ``condition``, adding one if none fits."""
        for logical_id, resource in self.template.resources.items():
            if _is_monitoring_role(resource) and resource.get("Condition") in (
                None,
                condition,
            ):
                return logical_id, []
        role_id = self.template.unique_id(ROLE_ID)
        change = self.template.add_section_entry(
            "Resources",
            role_id,
            _role_body(),
            ID,
            "role that lets RDS publish enhanced monitoring metrics",
            before=before,
        )
        return role_id, [change]


def _role_body() -> dict:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": MONITORING_SERVICE},
                        "Action": "sts:AssumeRole",
                    }
                ],
            },
            "ManagedPolicyArns": [{"Fn::Sub": MONITORING_POLICY}],
        },
    }


def _is_monitoring_role(resource: object) -> bool:
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::IAM::Role":
        return False
    properties = resource.get("Properties")
    if not isinstance(properties, dict):
        return False
    policies = properties.get("ManagedPolicyArns")
    if not isinstance(policies, list) or not any(
        MONITORING_POLICY_NAME in str(policy) for policy in policies
    ):
        return False
    document = properties.get("AssumeRolePolicyDocument")
    statements = document.get("Statement") if isinstance(document, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    return isinstance(statements, list) and any(
        _trusts_monitoring(s) for s in statements
    )


def _trusts_monitoring(statement: object) -> bool:
    if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
        return False
    principal = statement.get("Principal")
    services = principal.get("Service") if isinstance(principal, dict) else None
    if isinstance(services, str):
        services = [services]
    return isinstance(services, list) and MONITORING_SERVICE in services


def _fix_monitoring(
    template: Template, logical_id: str, resource: dict, roles: MonitoringRoles
) -> list[Change | Notice]:
    properties = resource["Properties"]
    path = ("Resources", logical_id, "Properties")
    interval = _literal_int(properties.get("MonitoringInterval", 0))
    has_role = "MonitoringRoleArn" in properties
    records: list[Change | Notice] = []
    if interval is None:
        if not has_role:
            records.append(
                Notice(
                    ID,
                    path + ("MonitoringInterval",),
                    "MonitoringInterval is not a literal and no MonitoringRoleArn "
                    "is set; left as written",
                )
            )
        return records
    if interval == 0:
        records.append(
            template.set(
                path + ("MonitoringInterval",),
                MONITORING_INTERVAL,
                ID,
                "collect enhanced monitoring metrics every 60 seconds",
            )
        )
    if not has_role:
        role_id, added = roles.role_for(resource.get("Condition"), before=logical_id)
        records.extend(added)
        records.append(
            template.set(
                path + ("MonitoringRoleArn",),
                {"Fn::GetAtt": [role_id, "Arn"]},
                ID,
                "enhanced monitoring needs a role that RDS can assume",
            )
        )
    return records


def _cluster_monitors(template: Template, cluster: object) -> bool:
    """Tell whether the template's DB cluster ``cluster`` sets its own monitoring."""
    if not isinstance(cluster, dict) or list(cluster) != ["Ref"]:
        return False
    resource = template.resources.get(cluster["Ref"])
    if not isinstance(resource, dict) or resource.get("Type") != "AWS::RDS::DBCluster":
        return False
    return "MonitoringInterval" in template.properties(cluster["Ref"])


def _literal_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


# -- log exports, storage and network -------------------------------------------


def _instance_engine(template: Template, properties: dict) -> str | None:
    """Return the lower-case engine, or for a read replica its source's engine."""
    engine = properties.get("Engine")
    if isinstance(engine, str):
        return engine.lower()
    if engine is not None:
        return None
    source = _referenced_resource(
        template, properties.get("SourceDBInstanceIdentifier")
    )
    if source is None:
        return None
    engine = template.properties(source).get("Engine")
    return engine.lower() if isinstance(engine, str) else None


def _referenced_resource(template: Template, value: object) -> str | None:
    """Return the template's DB instance that a ``Ref`` or ``Fn::GetAtt`` names."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    target = value.get("Ref")
    argument = value.get("Fn::GetAtt")
    if isinstance(argument, list) and argument:
        target = argument[0]
    elif isinstance(argument, str):
        target = argument.partition(".")[0]
    resource = template.resources.get(target) if isinstance(target, str) else None
    if isinstance(resource, dict) and resource.get("Type") == "AWS::RDS::DBInstance":
        return target
    return None


def _instance_log_types(engine: str) -> list[str] | None:
    for prefix, logs in INSTANCE_LOGS:
        if engine.startswith(prefix):
            return list(logs)
    return None


def _fix_instance_logs(
    template: Template, path: tuple, properties: dict, engine: str | None
) -> list[Change | Notice]:
    if "EnableCloudwatchLogsExports" in properties:
        return []
    logs = _instance_log_types(engine) if engine is not None else None
    if logs is None:
        what = (
            f"engine {engine!r} is not known" if engine else "engine is not a literal"
        )
        return [
            Notice(ID, path + ("Engine",), f"{what}; CloudWatch log exports left out")
        ]
    return [
        template.set(
            path + ("EnableCloudwatchLogsExports",),
            logs,
            ID,
            f"export the {engine} logs to CloudWatch Logs",
        )
    ]


def _fix_storage(
    template: Template, path: tuple, properties: dict, engine: str | None
) -> list[Change | Notice]:
    storage_type = properties.get("StorageType")
    if not isinstance(storage_type, str) or storage_type.lower() != "gp2":
        return []
    if "Iops" in properties or "StorageThroughput" in properties:
        return []
    size = _literal_int(properties.get("AllocatedStorage"))
    if size is None:
        return [
            Notice(
                ID,
                path + ("StorageType",),
                "AllocatedStorage is not a literal, so the gp3 baseline cannot "
                "be compared; gp2 left as written",
            )
        ]
    if size < MIN_GP3_STORAGE:
        return []
    if GP2_IOPS_PER_GIB * size > _gp3_baseline_iops(engine or "", size):
        return [
            Notice(
                ID,
                path + ("StorageType",),
                f"at {size} GiB gp2 has a higher baseline IOPS than gp3; "
                "gp2 left as written",
            )
        ]
    return [
        template.set(
            path + ("StorageType",),
            "gp3",
            ID,
            "gp3 costs the same as gp2 and has a 3,000 IOPS baseline at any size",
        )
    ]


def _gp3_baseline_iops(engine: str, size: int) -> int:
    # SQL Server does not stripe volumes, so its gp3 baseline never rises.
    if engine.startswith("sqlserver") or not engine:
        return GP3_BASELINE_IOPS
    threshold = GP3_ORACLE_STRIPE_GIB if engine.startswith("oracle") else GP3_STRIPE_GIB
    return GP3_STRIPED_BASELINE_IOPS if size >= threshold else GP3_BASELINE_IOPS


def _fix_public_access(
    template: Template, path: tuple, properties: dict
) -> list[Change]:
    public = properties.get("PubliclyAccessible")
    if public is not True and not (
        isinstance(public, str) and public.lower() == "true"
    ):
        return []
    if "DBSubnetGroupName" not in properties:
        return []
    return [
        template.set(
            path + ("PubliclyAccessible",),
            False,
            ID,
            "a database in a VPC is reachable from inside it without a public address",
        )
    ]


# -- backup and maintenance windows ---------------------------------------------


def _fix_windows(
    template: Template, path: tuple, properties: dict, backup: bool
) -> list[Change | Notice]:
    """Add missing backup (if ``backup``) and maintenance windows without overlap."""
    records: list[Change | Notice] = []
    if (
        backup
        and "PreferredBackupWindow" not in properties
        and _literal_int(properties.get("BackupRetentionPeriod")) != 0
    ):
        records.extend(
            _add_window(
                template,
                path,
                properties,
                "PreferredBackupWindow",
                "PreferredMaintenanceWindow",
                BACKUP_WINDOWS,
            )
        )
    if "PreferredMaintenanceWindow" not in properties:
        records.extend(
            _add_window(
                template,
                path,
                properties,
                "PreferredMaintenanceWindow",
                "PreferredBackupWindow",
                MAINTENANCE_WINDOWS,
            )
        )
    return records


def _add_window(
    template: Template,
    path: tuple,
    properties: dict,
    name: str,
    other_name: str,
    candidates: tuple[str, ...],
) -> list[Change | Notice]:
    other = properties.get(other_name)
    taken: set[int] = set()
    if other is not None:
        taken = _window_minutes(other) if isinstance(other, str) else None
        if taken is None:
            return [
                Notice(
                    ID,
                    path + (other_name,),
                    f"{other_name} is not a literal window; {name} left out",
                )
            ]
    for window in candidates:
        if not _window_minutes(window) & taken:
            when = "daily" if name == "PreferredBackupWindow" else "weekly"
            return [
                template.set(
                    path + (name,),
                    window,
                    ID,
                    f"fixed {when} window in UTC instead of one RDS picks at random",
                )
            ]
    return [
        Notice(
            ID,
            path + (other_name,),
            f"{other_name} leaves no free hour; {name} left out",
        )
    ]


def _window_minutes(window: str) -> set[int] | None:
    """Return the minutes of the week a window covers, ends included.

    Minute 0 is Monday 00:00 UTC.
    """
    daily = DAILY_WINDOW.fullmatch(window.strip())
    if daily:
        start, end = _minute(0, *daily.groups()[:2]), _minute(0, *daily.groups()[2:])
        if start is None or end is None:
            return None
        length = (end - start) % MINUTES_PER_DAY
        return {
            (day * MINUTES_PER_DAY + start + offset) % MINUTES_PER_WEEK
            for day in range(7)
            for offset in range(length + 1)
        }
    weekly = WEEKLY_WINDOW.fullmatch(window.strip())
    if weekly:
        start_day, start_hour, start_minute, end_day, end_hour, end_minute = (
            weekly.groups()
        )
        start = _minute(_day(start_day), start_hour, start_minute)
        end = _minute(_day(end_day), end_hour, end_minute)
        if start is None or end is None:
            return None
        length = (end - start) % MINUTES_PER_WEEK
        return {(start + offset) % MINUTES_PER_WEEK for offset in range(length + 1)}
    return None


def _day(name: str) -> int | None:
    return DAYS.index(name.lower()) if name.lower() in DAYS else None


def _minute(day: int | None, hour: str, minute: str) -> int | None:
    if day is None or int(hour) > 23 or int(minute) > 59:
        return None
    return day * MINUTES_PER_DAY + int(hour) * 60 + int(minute)
