"""Turn on Container Insights for ECS clusters, and Fargate capacity providers.

## What it does
Adds ``ClusterSettings: [{Name: containerInsights, Value: enabled}]`` to each
``AWS::ECS::Cluster`` that has no ``containerInsights`` setting, or appends
the setting to the cluster's other settings. ``--container-insights
enhanced`` writes ``enhanced`` (Container Insights with enhanced
observability) instead of ``enabled``.

A cluster that runs Fargate work and has no capacity providers also gets
``CapacityProviders: [FARGATE, FARGATE_SPOT]`` and
``DefaultCapacityProviderStrategy: [{CapacityProvider: FARGATE, Weight:
1}]``. Fargate work is an ``AWS::ECS::Service`` on the cluster with
``LaunchType: FARGATE``, a service whose capacity provider strategy names
``FARGATE`` or ``FARGATE_SPOT``, or a service with neither launch type nor
strategy whose task definition requires ``FARGATE`` only. A service belongs
to the cluster when its ``Cluster`` is a ``Ref``, ``Fn::GetAtt`` or
``Fn::Sub`` to the cluster, or the cluster's literal ``ClusterName`` or ARN.

## Why it matters
Without Container Insights, CloudWatch has only cluster and service CPU and
memory averages, not per-task metrics, task counts or container restarts,
so a failing task is hard to see. A service whose strategy names a Fargate
capacity provider that the cluster does not list fails to create. A service
with neither launch type nor strategy, on a cluster without a default
strategy, starts with the EC2 launch type, which a Fargate-only task
definition cannot use.

## Fix safety
Container Insights is billed through CloudWatch, for its metrics and the
performance log events behind them, and ``enhanced`` collects more of both.
The cluster default
strategy applies only to services and tasks that name neither a launch type
nor a strategy. ECS uses the launch type when a service sets one, so
services with ``LaunchType`` keep running as before. For this reason the
fix adds no default strategy to a cluster where a service, an EventBridge
rule target or an EventBridge Scheduler target starts tasks with neither
and could run on EC2 (reported instead).

## Left alone
A ``containerInsights`` setting that is already there, whatever its value.
A value of ``disabled`` is an explicit choice and is reported, not changed.
``ClusterSettings`` that is an intrinsic function (reported). Clusters that
already set ``CapacityProviders`` or ``DefaultCapacityProviderStrategy``,
or that an ``AWS::ECS::ClusterCapacityProviderAssociations`` resource
names. When an association names a cluster that cannot be resolved, no
cluster gets capacity providers (reported). Services whose ``Cluster`` is a
parameter or an import are not matched to any cluster.

## cfn-lint
The output adds no cfn-lint warnings.
"""

from __future__ import annotations

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.intrinsics import sub_variables, walk_references
from fixer.template import Template

ID = "FX403"
NAME = "ecs-cluster-without-insights"
TITLE = "Turn on Container Insights for ECS clusters"
RATIONALE = (
    "Without Container Insights, CloudWatch has no per-task metrics for the cluster."
)
SAFETY = "adds CloudWatch costs"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
    "cloudwatch-container-insights.html"
)

SETTING = "containerInsights"
FARGATE_PROVIDERS = ("FARGATE", "FARGATE_SPOT")
SCHEDULE_TARGET_TYPES = ("AWS::Events::Rule", "AWS::Scheduler::Schedule")


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    unresolved = _unresolved_associations(template)
    for logical_id, resource in template.resources_of_type("AWS::ECS::Cluster"):
        properties = resource.get("Properties", {})
        if properties is None:
            # An empty "Properties:" line parses as None. The ClusterSettings change
            # below reports the new mapping, as it does when Properties is missing.
            properties = {}
            template.set(("Resources", logical_id, "Properties"), properties, ID, "")
        if not isinstance(properties, dict):
            records.append(
                Notice(
                    ID,
                    ("Resources", logical_id, "Properties"),
                    "Properties is an intrinsic function; left as written",
                )
            )
            continue
        records.extend(
            _fix_insights(template, logical_id, properties, options.container_insights)
        )
        records.extend(
            _fix_capacity_providers(template, logical_id, properties, unresolved)
        )
    return records


# -- Container Insights ---------------------------------------------------------------


def _fix_insights(
    template: Template, logical_id: str, properties: dict, value: str
) -> list[Change | Notice]:
    path = ("Resources", logical_id, "Properties", "ClusterSettings")
    settings = properties.get("ClusterSettings", [])
    if not isinstance(settings, list):
        return [
            Notice(
                ID, path, "ClusterSettings is an intrinsic function; left as written"
            )
        ]
    for index, setting in enumerate(settings):
        name = setting.get("Name") if isinstance(setting, dict) else None
        if not isinstance(name, str):
            return [
                Notice(
                    ID,
                    path + (index,),
                    "a cluster setting name is not a literal; left as written",
                )
            ]
        if name != SETTING:
            continue
        if setting.get("Value") == "disabled":
            return [
                Notice(
                    ID,
                    path + (index, "Value"),
                    "Container Insights is turned off explicitly; left as written",
                )
            ]
        return []
    entry = {"Name": SETTING, "Value": value}
    return [
        template.set(
            path,
            list(settings) + [entry],
            ID,
            f"Container Insights {value}: per-task and per-service metrics",
        )
    ]


# -- Fargate capacity providers -------------------------------------------------------


def _fix_capacity_providers(
    template: Template, logical_id: str, properties: dict, unresolved: list[str]
) -> list[Change | Notice]:
    if (
        "CapacityProviders" in properties
        or "DefaultCapacityProviderStrategy" in properties
    ):
        return []
    if _has_association(template, logical_id):
        return []
    services = _services_on(template, logical_id)
    if not any(_runs_fargate(template, body) for body in services.values()):
        return []
    blocker = _blocking_notice(template, logical_id, services, unresolved)
    if blocker is not None:
        return [blocker]
    path = ("Resources", logical_id, "Properties")
    reason = "services on this cluster run on Fargate"
    strategy = [{"CapacityProvider": "FARGATE", "Weight": 1}]
    return [
        template.set(
            path + ("CapacityProviders",), list(FARGATE_PROVIDERS), ID, reason
        ),
        template.set(path + ("DefaultCapacityProviderStrategy",), strategy, ID, reason),
    ]


def _blocking_notice(
    template: Template, cluster: str, services: dict[str, dict], unresolved: list[str]
) -> Notice | None:
    """Return why the cluster must not get a default Fargate strategy, or None."""
    if unresolved:
        return Notice(
            ID,
            ("Resources", unresolved[0], "Properties", "Cluster"),
            "cannot tell which cluster this capacity provider association is for; "
            f"Fargate capacity providers not added to {cluster}",
        )
    blockers = [
        service
        for service, body in services.items()
        if _uses_default_on_ec2(template, body)
    ]
    blockers += _scheduled_tasks_on_default(template, cluster)
    if not blockers:
        return None
    return Notice(
        ID,
        ("Resources", blockers[0]),
        "starts tasks with neither launch type nor capacity provider "
        f"strategy, so a default Fargate strategy on {cluster} would run "
        "them on Fargate instead of EC2; capacity providers not added",
    )


def _services_on(template: Template, cluster: str) -> dict[str, dict]:
    found = {}
    for logical_id, resource in template.resources.items():
        if (
            not isinstance(resource, dict)
            or resource.get("Type") != "AWS::ECS::Service"
        ):
            continue
        properties = resource.get("Properties")
        if isinstance(properties, dict) and _names_cluster(
            template, properties.get("Cluster"), cluster
        ):
            found[logical_id] = properties
    return found


def _names_cluster(template: Template, value: object, cluster: str) -> bool:
    """Tell whether ``value``, a Cluster or Arn property, names ``cluster``."""
    if isinstance(value, str):
        name = template.properties(cluster).get("ClusterName")
        return isinstance(name, str) and (
            value == name or value.endswith(f":cluster/{name}")
        )
    if isinstance(value, dict) and len(value) == 1:
        key, argument = next(iter(value.items()))
        if key == "Fn::Sub":
            text, _ = sub_variables(argument)
            return text in ("${" + cluster + "}", "${" + cluster + ".Arn}")
        if key in ("Ref", "Fn::GetAtt"):
            return any(ref.target == cluster for ref in walk_references(value))
    return False


def _runs_fargate(template: Template, service: dict) -> bool:
    if service.get("LaunchType") == "FARGATE":
        return True
    strategy = service.get("CapacityProviderStrategy")
    if isinstance(strategy, list) and strategy:
        return any(
            isinstance(item, dict) and item.get("CapacityProvider") in FARGATE_PROVIDERS
            for item in strategy
        )
    if "LaunchType" in service or strategy is not None:
        return False
    return _task_compatibilities(template, service.get("TaskDefinition")) == {"FARGATE"}


def _uses_default_on_ec2(template: Template, service: dict) -> bool:
    """Tell whether a service relies on the cluster default and may run on EC2 today."""
    if "LaunchType" in service and not _may_be_absent(service["LaunchType"]):
        return False
    strategy = service.get("CapacityProviderStrategy")
    if strategy and not _may_be_absent(strategy):
        return False
    return _task_compatibilities(template, service.get("TaskDefinition")) != {"FARGATE"}


def _may_be_absent(value: object) -> bool:
    return any(ref.target == "AWS::NoValue" for ref in walk_references(value))


def _task_compatibilities(template: Template, value: object) -> set[str] | None:
    """Return the literal RequiresCompatibilities of the task definition ``value``."""
    if not isinstance(value, dict) or list(value) != ["Ref"]:
        return None
    resource = template.resources.get(value["Ref"])
    if (
        not isinstance(resource, dict)
        or resource.get("Type") != "AWS::ECS::TaskDefinition"
    ):
        return None
    compatibilities = template.properties(value["Ref"]).get("RequiresCompatibilities")
    if not isinstance(compatibilities, list) or not all(
        isinstance(c, str) for c in compatibilities
    ):
        return None
    return set(compatibilities)


def _scheduled_tasks_on_default(template: Template, cluster: str) -> list[str]:
    """Return rules and schedules that run tasks on the cluster's default strategy."""
    found = []
    for logical_id, resource in template.resources.items():
        if (
            not isinstance(resource, dict)
            or resource.get("Type") not in SCHEDULE_TARGET_TYPES
        ):
            continue
        properties = resource.get("Properties")
        targets = (
            properties.get("Targets", properties.get("Target"))
            if isinstance(properties, dict)
            else None
        )
        for target in targets if isinstance(targets, list) else [targets]:
            if not isinstance(target, dict) or not _names_cluster(
                template, target.get("Arn"), cluster
            ):
                continue
            parameters = target.get("EcsParameters")
            if isinstance(parameters, dict) and not (
                "LaunchType" in parameters or "CapacityProviderStrategy" in parameters
            ):
                found.append(logical_id)
    return found


def _associations(template: Template) -> list[tuple[str, object]]:
    found = []
    for logical_id, resource in template.resources.items():
        if (
            isinstance(resource, dict)
            and resource.get("Type") == "AWS::ECS::ClusterCapacityProviderAssociations"
        ):
            properties = resource.get("Properties")
            found.append(
                (
                    logical_id,
                    properties.get("Cluster") if isinstance(properties, dict) else None,
                )
            )
    return found


def _has_association(template: Template, cluster: str) -> bool:
    return any(
        _names_cluster(template, value, cluster) for _, value in _associations(template)
    )


def _unresolved_associations(template: Template) -> list[str]:
    clusters = [
        logical_id
        for logical_id, resource in template.resources.items()
        if isinstance(resource, dict) and resource.get("Type") == "AWS::ECS::Cluster"
    ]
    return [
        association
        for association, value in _associations(template)
        if not any(_names_cluster(template, value, cluster) for cluster in clusters)
    ]
