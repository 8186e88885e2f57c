"""Remove the SNS notifications that CloudWatch alarms send, and topics left unused.

## What it does
In ``AlarmActions``, ``OKActions`` and ``InsufficientDataActions`` of every
``AWS::CloudWatch::Alarm`` and ``AWS::CloudWatch::CompositeAlarm``, removes
each action that publishes to Amazon SNS:

- a ``Ref`` or ``Fn::GetAtt`` to an ``AWS::SNS::Topic`` in the template;
- a literal ARN, ``Fn::Sub`` or ``Fn::Join`` that contains ``:sns:``, or an
  ``Fn::Sub`` that is only a variable naming a topic;
- a ``Ref`` to a parameter that contains a topic ARN: its name or description
  mentions topic, SNS or notification, or its default is an SNS ARN;
- ``Ref AWS::NotificationARNs``, the stack's own event topics;
- an ``Fn::If`` whose branches are such actions or ``AWS::NoValue``.

A property whose list ends up empty is removed. Plain alarms that lost an
action get ``TreatMissingData: notBreaching`` unless they set it already, so
a metric that publishes nothing while all is well (errors, 5xx counts)
reads as OK rather than as missing data.

A topic that the removed actions named and that nothing else uses is then
removed, together with its e-mail, SMS and HTTP(S) subscriptions, its
``AWS::SNS::TopicPolicy`` (or its entry in a policy's ``Topics`` list and
``Resource`` lists, when the policy covers other topics too), the outputs
that return it, exported or not, and the ``DependsOn`` entries that name
what was removed. Parameters and conditions that only the removed parts
used go with them, such as the alert e-mail address parameter.

## Why it matters
Alarm e-mails that nobody asked for are noise, and each subscription waits
for a confirmation that nobody sends. The alarms stay, so their state is
still on the CloudWatch console and in dashboards.

## Turning it off
Models add alarm e-mails to templates that never asked for them, so this
fix runs by default. To keep your notifications, run with
``--ignore FX401``, or add this to the template's top-level ``Metadata``
(for the whole template) or to one alarm's or topic's ``Metadata`` (for that
resource only)::

    Metadata:
      cfn-fixer:
        ignore: [FX401]

An alarm that turns the fix off keeps all its actions; a topic that turns
it off keeps the alarm actions that name it, and therefore stays.

## Fix safety
Changes behaviour on purpose: nobody is notified when the alarms change
state. ``TreatMissingData: notBreaching`` means an alarm whose metric stops
reporting goes to OK instead of INSUFFICIENT_DATA. Updating a deployed stack
fails while another stack still imports an output that this fix removed;
CloudFormation names the importing stack in the error.

## Left alone
Every action that does not publish to SNS: Auto Scaling and Application
Auto Scaling policies (``Ref`` to a scaling policy), EC2 actions
(``arn:aws:automate:...:ec2:stop``, ``terminate``, ``reboot``,
``recover``), Lambda function ARNs, and Systems Manager OpsItem and
Incident Manager actions. Topics that something else uses stay, with all
their subscriptions: S3 bucket notifications, Auto Scaling
``NotificationConfigurations``, CodeStar notification rules, RDS event
subscriptions, budgets, EventBridge rules, IAM policies that let a
function publish, and Lambda, SQS, Firehose or mobile push subscriptions. A
topic's KMS key stays, because other resources may use it.

Reported but not rewritten: an action whose ``Fn::If`` mixes SNS and other
actions; an imported value (``Fn::ImportValue``) or an attribute of another
resource whose name mentions a topic, which is usually an opt-in alert
stack; a topic that stays because something else uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.intrinsics import sub_variables, walk_references
from fixer.template import Template

ID = "FX401"
NAME = "sns-alarm-actions"
TITLE = "Remove unrequested SNS alarm notifications"
RATIONALE = (
    "Alarm notifications that nobody requested are noise and leave unconfirmed "
    "subscriptions."
)
SAFETY = "stops alarm notifications on purpose"
SOURCE_URL = (
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/"
    "AlarmThatSendsEmail.html"
)

ALARM = "AWS::CloudWatch::Alarm"
COMPOSITE_ALARM = "AWS::CloudWatch::CompositeAlarm"
TOPIC = "AWS::SNS::Topic"
SUBSCRIPTION = "AWS::SNS::Subscription"
TOPIC_POLICY = "AWS::SNS::TopicPolicy"
ACTION_PROPERTIES = ("AlarmActions", "OKActions", "InsufficientDataActions")
TOPIC_WORDS = re.compile(r"topic|sns|notif", re.IGNORECASE)
# Subscriptions that only tell people; any other protocol feeds a program.
NOTIFICATION_PROTOCOLS = {"email", "email-json", "sms", "http", "https"}
NO_VALUE = {"Ref": "AWS::NoValue"}
SINGLE_VARIABLE = re.compile(r"\$\{([^}!\s]+)\}")

# Classification of one action.
SNS = "sns"
KEEP = "keep"
UNSURE = "unsure"
NONE = "none"  # Ref AWS::NoValue


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    orphans: set[str] = set()
    for alarm_id, resource in template.resources_of_type(ALARM, COMPOSITE_ALARM):
        records.extend(_strip_alarm(template, alarm_id, resource, orphans))
    topics = [logical_id for logical_id in template.resources
              if logical_id in orphans and _is_topic(template, logical_id)]
    for topic in topics:
        records.extend(_remove_topic(template, topic, orphans))
    reason = "only the removed alarm notifications used it"
    records.extend(template.prune_unused(orphans, ID, reason))
    return records


# -- alarm actions -------------------------------------------------------------------
def _strip_alarm(template: Template, alarm_id: str, resource: dict,
                 orphans: set[str]) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    properties = template.properties(alarm_id)
    removed_any = False
    for name in ACTION_PROPERTIES:
        if name not in properties:
            continue
        path = ("Resources", alarm_id, "Properties", name)
        kept, removed, notices = _split_actions(template, properties[name], path)
        records.extend(notices)
        if not removed:
            continue
        removed_any = True
        for action in removed:
            orphans |= template.referenced_ids(action)
        reason = "alarm notification published to SNS"
        if kept is None or kept == []:
            records.append(template.delete(path, ID, reason))
        else:
            records.append(template.set(path, kept, ID, reason))
    plain = resource.get("Type") == ALARM
    if removed_any and plain and "TreatMissingData" not in properties:
        path = ("Resources", alarm_id, "Properties", "TreatMissingData")
        reason = "an alarm without notifications reads missing data as OK"
        records.append(template.set(path, "notBreaching", ID, reason))
    return records


def _split_actions(
    template: Template, value: object, path: tuple
) -> tuple[object, list, list[Notice]]:
    """Return (kept value or None, removed actions, notices) for one property."""
    if isinstance(value, list):
        kept, removed, notices = [], [], []
        for index, action in enumerate(value):
            kind, reason = _classify(template, action)
            if kind == SNS:
                removed.append(action)
                continue
            if kind == UNSURE:
                message = f"{reason}; left as written"
                notices.append(Notice(ID, path + (index,), message))
            kept.append(action)
        return kept, removed, notices
    # The whole list is one intrinsic: Fn::If over lists, or a list parameter.
    kind, reason = _classify_list(template, value)
    if kind == SNS:
        return None, [value], []
    if kind == UNSURE:
        return value, [], [Notice(ID, path, f"{reason}; left as written")]
    return value, [], []


def _classify_list(template: Template, value: object) -> tuple[str, str]:
    if value == NO_VALUE:
        return NONE, ""
    if isinstance(value, list):
        kinds = [_classify(template, item) for item in value]
        return _combine(kinds, "the action list mixes SNS topics and other actions")
    if _function(value) == "Fn::If":
        branches = value["Fn::If"]
        if isinstance(branches, list) and len(branches) == 3:
            kinds = [_classify_list(template, branch) for branch in branches[1:]]
            mixed = "Fn::If chooses between SNS topics and other actions"
            return _combine(kinds, mixed)
        return UNSURE, "malformed Fn::If"
    return _classify(template, value)


def _combine(kinds: list[tuple[str, str]], mixed: str) -> tuple[str, str]:
    """Merge the kinds of alternatives or list items into one."""
    found = {kind for kind, _ in kinds} - {NONE}
    if not found:
        return NONE, ""
    if found == {SNS}:
        return SNS, ""
    if found == {KEEP}:
        return KEEP, ""
    if UNSURE in found:
        return UNSURE, next(reason for kind, reason in kinds if kind == UNSURE)
    return UNSURE, mixed


def _classify(template: Template, action: object) -> tuple[str, str]:
    """Tell whether one alarm action publishes to SNS."""
    if isinstance(action, str):
        return (SNS, "") if ":sns:" in action else (KEEP, "")
    function = _function(action)
    argument = action[function] if function else None
    if function == "Ref":
        return _classify_name(template, argument)
    if function == "Fn::GetAtt":
        return _classify_get_att(template, argument)
    if function == "Fn::Sub":
        return _classify_sub(template, argument)
    if function == "Fn::Join":
        return (SNS, "") if ":sns:" in _joined_text(argument) else (KEEP, "")
    if function == "Fn::If":
        return _classify_list(template, action)
    if function == "Fn::ImportValue":
        return _classify_import(argument)
    return KEEP, ""


def _joined_text(argument: object) -> str:
    """Return the literal pieces of an Fn::Join, run together."""
    if not isinstance(argument, list) or len(argument) != 2:
        return ""
    pieces = argument[1]
    if not isinstance(pieces, list):
        return ""
    return "".join(piece for piece in pieces if isinstance(piece, str))


def _classify_import(argument: object) -> tuple[str, str]:
    if isinstance(argument, dict):
        name, _ = sub_variables(argument.get("Fn::Sub"))
    else:
        name = argument
    if isinstance(name, str) and TOPIC_WORDS.search(name):
        reason = f"imported value {name!r} looks like a topic ARN from another stack"
        return UNSURE, reason
    return KEEP, ""


def _classify_name(template: Template, name: object) -> tuple[str, str]:
    """Classify ``Ref name``."""
    if not isinstance(name, str):
        return KEEP, ""
    if name == "AWS::NotificationARNs":
        return SNS, ""  # the SNS topics the stack's deployer chose for stack events
    if name in template.resources:
        if not _is_topic(template, name):
            return KEEP, ""
        if name in template.suppressed:
            return KEEP, ""
        return SNS, ""
    parameter = template.parameters.get(name)
    if isinstance(parameter, dict) and _contains_topic_arn(name, parameter):
        return SNS, ""
    return KEEP, ""


def _classify_get_att(template: Template, argument: object) -> tuple[str, str]:
    if isinstance(argument, str):
        target, _, attribute = argument.partition(".")
    elif isinstance(argument, list) and len(argument) == 2:
        target, attribute = argument
    else:
        return KEEP, ""
    if not isinstance(target, str):
        return KEEP, ""
    if _is_topic(template, target):
        return _classify_name(template, target)
    if isinstance(attribute, str) and TOPIC_WORDS.search(attribute):
        return UNSURE, f"attribute {attribute!r} of {target} looks like a topic ARN"
    return KEEP, ""


def _classify_sub(template: Template, argument: object) -> tuple[str, str]:
    text, variables = sub_variables(argument)
    if text is None:
        return KEEP, ""
    if ":sns:" in text:
        return SNS, ""
    match = SINGLE_VARIABLE.fullmatch(text.strip())
    if match is None:
        return KEEP, ""
    name, _, attribute = match.group(1).partition(".")
    if name in variables:
        return _classify(template, variables[name])
    if attribute:
        return _classify_get_att(template, [name, attribute])
    return _classify_name(template, name)


def _contains_topic_arn(name: str, parameter: dict) -> bool:
    description = parameter.get("Description")
    default = parameter.get("Default")
    return bool(
        TOPIC_WORDS.search(name)
        or (isinstance(description, str) and TOPIC_WORDS.search(description))
        or (isinstance(default, str) and ":sns:" in default)
    )


def _function(value: object) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        if key == "Ref" or key.startswith("Fn::"):
            return key
    return None


def _is_topic(template: Template, logical_id: str) -> bool:
    resource = template.resources.get(logical_id)
    return isinstance(resource, dict) and resource.get("Type") == TOPIC


# -- topics ----------------------------------------------------------------------------
@dataclass
class PolicyUpdate:
    """A topic policy that covers other topics too, without the removed topic."""

    topics: list
    # Statements that named the topic, last first, as (path, new Resource);
    # a Resource of None drops the statement.
    statements: list[tuple[tuple, list | None]] = field(default_factory=list)


@dataclass
class TopicRemoval:
    """The plan for removing one topic, made before anything is changed."""

    topic: str
    subscriptions: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)  # removed whole
    policy_updates: dict[str, PolicyUpdate] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    blocker: str | None = None  # why the topic must stay


def _remove_topic(
    template: Template, topic: str, orphans: set[str]
) -> list[Change | Notice]:
    plan = _plan_removal(template, topic)
    if plan.blocker is not None:
        return [Notice(ID, ("Resources", topic), f"topic stays: {plan.blocker}")]
    reason = f"topic {topic} no longer receives alarm notifications"
    records: list[Change | Notice] = []
    for output in plan.outputs:
        orphans |= template.ids_named_by(template.outputs[output])
        records.append(template.delete(("Outputs", output), ID, reason))
    if "Outputs" in template.data and not template.outputs:
        records.append(template.delete(("Outputs",), ID, reason))
    for policy, update in plan.policy_updates.items():
        base = ("Resources", policy, "Properties")
        records.append(template.set(base + ("Topics",), update.topics, ID, reason))
        for path, resources in update.statements:
            if resources is None:
                records.append(template.delete(path, ID, reason))
            else:
                resource_path = path + ("Resource",)
                records.append(template.set(resource_path, resources, ID, reason))
    for logical_id in plan.subscriptions + plan.policies + [topic]:
        orphans |= template.ids_named_by(template.resources[logical_id])
        records.extend(template.remove_resource(logical_id, ID, reason))
    return records


def _plan_removal(template: Template, topic: str) -> TopicRemoval:
    plan = TopicRemoval(topic)
    if topic in template.suppressed:
        plan.blocker = "its Metadata turns this fix off"
        return plan
    inline = template.properties(topic).get("Subscription")
    for entry in inline if isinstance(inline, list) else []:
        protocol = entry.get("Protocol") if isinstance(entry, dict) else None
        if protocol not in NOTIFICATION_PROTOCOLS:
            plan.blocker = f"it delivers to a {protocol} subscription"
            return plan
    for reference in template.references_to(topic):
        _plan_reference(template, plan, reference.path, reference.kind)
        if plan.blocker is not None:
            return plan
    removed = {topic, *plan.subscriptions, *plan.policies}
    for logical_id in plan.subscriptions + plan.policies:
        for reference in template.references_to(logical_id):
            if reference.path[:2] != ("Resources", logical_id):
                _plan_dependent(plan, reference.path, reference.kind, removed)
            if plan.blocker is not None:
                return plan
    return plan


def _plan_reference(
    template: Template, plan: TopicRemoval, path: tuple, kind: str
) -> None:
    """Decide what to do about one reference to the topic, or set ``plan.blocker``."""
    if kind == "DependsOn" or path[:2] == ("Resources", plan.topic):
        return
    if path[0] == "Outputs":
        _plan_output(plan, path[1])
        return
    if path[0] != "Resources":
        plan.blocker = f"{path[0]} names it"
        return
    user = path[1]
    user_type = template.resources[user].get("Type")
    if user in template.suppressed:
        plan.blocker = f"{user} turns this fix off"
    elif user_type == SUBSCRIPTION:
        _plan_subscription(template, plan, user, path)
    elif user_type == TOPIC_POLICY:
        _plan_policy(template, plan, user, path)
    else:
        plan.blocker = f"{user} ({user_type}) uses it"


def _plan_subscription(
    template: Template, plan: TopicRemoval, subscription: str, path: tuple
) -> None:
    protocol = template.properties(subscription).get("Protocol")
    if path[2:4] != ("Properties", "TopicArn"):
        plan.blocker = f"subscription {subscription} names it outside TopicArn"
    elif protocol not in NOTIFICATION_PROTOCOLS:
        plan.blocker = f"it delivers to {subscription}, a {protocol} subscription"
    elif subscription not in plan.subscriptions:
        plan.subscriptions.append(subscription)


def _plan_policy(
    template: Template, plan: TopicRemoval, policy: str, path: tuple
) -> None:
    if path[2:4] not in (("Properties", "Topics"), ("Properties", "PolicyDocument")):
        where = "outside Topics and PolicyDocument"
        plan.blocker = f"topic policy {policy} names it {where}"
        return
    if policy in plan.policies or policy in plan.policy_updates:
        return
    topics = template.properties(policy).get("Topics")
    if not isinstance(topics, list):
        plan.blocker = f"the Topics of topic policy {policy} are not a list"
        return
    kept = [
        entry for entry in topics if plan.topic not in template.referenced_ids(entry)
    ]
    if not kept:
        plan.policies.append(policy)
        return
    update = PolicyUpdate(kept)
    problem = _plan_statements(template, policy, plan.topic, update)
    if problem is not None:
        plan.blocker = f"topic policy {policy} covers other topics and {problem}"
        return
    plan.policy_updates[policy] = update


def _plan_statements(
    template: Template, policy: str, topic: str, update: PolicyUpdate
) -> str | None:
    """Plan to drop the topic from a shared policy's statements.

    Return why that cannot be done, or None.
    """
    base = ("Resources", policy, "Properties", "PolicyDocument")
    references = walk_references(template.get(base), base)
    hits = [reference.path for reference in references if reference.target == topic]
    if not hits:
        return None
    statements = template.get(base + ("Statement",))
    if not isinstance(statements, list):
        return "its Statement is not a list"
    if any(path[4:5] != ("Statement",) or path[6:7] != ("Resource",) for path in hits):
        return "names it outside a statement's Resource"
    left = len(statements)
    for index in sorted({path[5] for path in hits}, reverse=True):
        statement = statements[index]
        resources = statement.get("Resource") if isinstance(statement, dict) else None
        # A statement whose Resource is only this topic goes as a whole.
        if isinstance(resources, list):
            resources = [
                item for item in resources if topic not in template.referenced_ids(item)
            ]
        else:
            resources = []
        if not resources:
            resources = None
            left -= 1
        update.statements.append((base + ("Statement", index), resources))
    if left == 0:
        return "no statement would be left"
    return None


def _plan_output(plan: TopicRemoval, output: str) -> None:
    if output not in plan.outputs:
        plan.outputs.append(output)


def _plan_dependent(
    plan: TopicRemoval, path: tuple, kind: str, removed: set[str]
) -> None:
    """Plan for a reference to a subscription or policy that goes with the topic."""
    if kind == "DependsOn":
        return
    if path[0] == "Outputs":
        _plan_output(plan, path[1])
    elif not (path[0] == "Resources" and path[1] in removed):
        where = "/".join(map(str, path[:2]))
        plan.blocker = f"{where} names one of its subscriptions or policies"
