"""Replace one NAT gateway per Availability Zone with a single NAT gateway per VPC.

## What it does
When a VPC has two or more public NAT gateways, keeps the first one (the
first without a ``Condition``, in template order) and removes the others and
the Elastic IPs they allocated. Every route, ``DependsOn``, ``Ref``,
``Fn::GetAtt``, ``Fn::Sub`` variable and output that named a removed gateway
or Elastic IP names the kept one instead; parameters and conditions that
only the removed resources used go with them. An output whose name contains
a removed gateway's id (``NatGateway2Id``) keeps working for stacks that
import it and is reported, so its author can rename or remove it.

## Why it matters
Each NAT gateway is billed by the hour and per gigabyte processed. For the
test and development stacks that models are usually asked for, one gateway
serves all private subnets.

## Fix safety
Trades availability for cost: when the kept gateway's zone fails, private
subnets in the other zones lose outbound internet access, and traffic from
other zones pays cross-zone data charges. Production stacks that need
zone-independent egress should turn this fix off (``--ignore FX102``) or
suppress it in the template.

## Left alone
Private NAT gateways (``ConnectivityType: private``); gateways whose VPC
cannot be told apart when the template defines several VPCs; groups where
every gateway has a different ``Condition`` (reported).
"""

from __future__ import annotations

import json

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import Template

ID = "FX102"
NAME = "multiple-nat-gateways"
TITLE = "Use one NAT gateway per VPC"
RATIONALE = "A NAT gateway per zone multiplies hourly and data processing charges."
SAFETY = "trades zone-independent outbound access for cost"
SOURCE_URL = "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-pricing.html"


def fix(template: Template, options: Options) -> list[Change | Notice]:
    records: list[Change | Notice] = []
    for vpc, gateways in _gateways_by_vpc(template, records).items():
        if len(gateways) < 2:
            continue
        kept = _choose_kept(template, gateways)
        if kept is None:
            records.append(Notice(ID, ("Resources", gateways[0]),
                                  "NAT gateways have different conditions; left as written"))
            continue
        for removed in gateways:
            if removed != kept:
                records.extend(_remove_gateway(template, removed, kept))
    return records


def _gateways_by_vpc(template: Template, records: list) -> dict[str, list[str]]:
    vpcs = [logical_id for logical_id, _ in template.resources_of_type("AWS::EC2::VPC")]
    groups: dict[str, list[str]] = {}
    for logical_id, resource in template.resources_of_type("AWS::EC2::NatGateway"):
        properties = template.properties(logical_id)
        if properties.get("ConnectivityType") == "private":
            continue
        vpc = _vpc_of(template, properties.get("SubnetId"))
        if vpc is None:
            if len(vpcs) > 1:
                records.append(Notice(ID, ("Resources", logical_id),
                                      "cannot tell which VPC this NAT gateway is in; left as written"))
                continue
            vpc = "the only VPC"
        groups.setdefault(vpc, []).append(logical_id)
    if "the only VPC" in groups and len(groups) > 1:
        # A subnet given as a parameter may be in the one VPC the template defines.
        others = [key for key in groups if key != "the only VPC"]
        if len(others) == 1:
            groups[others[0]] = groups.pop("the only VPC") + groups[others[0]]
    for members in groups.values():
        order = list(template.resources)
        members.sort(key=order.index)
    return groups


def _vpc_of(template: Template, subnet: object) -> str | None:
    if isinstance(subnet, dict) and list(subnet) == ["Ref"]:
        resource = template.resources.get(subnet["Ref"])
        if isinstance(resource, dict) and resource.get("Type") == "AWS::EC2::Subnet":
            vpc = template.properties(subnet["Ref"]).get("VpcId")
            return json.dumps(vpc, sort_keys=True) if vpc is not None else None
    return None


def _choose_kept(template: Template, gateways: list[str]) -> str | None:
    conditions = {g: template.resources[g].get("Condition") for g in gateways}
    for gateway in gateways:
        if conditions[gateway] is None:
            return gateway
    if len(set(map(str, conditions.values()))) == 1:
        return gateways[0]
    return None


def _elastic_ip(template: Template, gateway: str) -> str | None:
    allocation = template.properties(gateway).get("AllocationId")
    if isinstance(allocation, dict) and "Fn::GetAtt" in allocation:
        argument = allocation["Fn::GetAtt"]
        target = argument[0] if isinstance(argument, list) else str(argument).partition(".")[0]
        resource = template.resources.get(target)
        if isinstance(resource, dict) and resource.get("Type") == "AWS::EC2::EIP":
            return target
    return None


def _remove_gateway(template: Template, removed: str, kept: str) -> list[Change | Notice]:
    reason = f"one NAT gateway per VPC: {kept} replaces {removed}"
    removed_ip = _elastic_ip(template, removed)
    kept_ip = _elastic_ip(template, kept)
    candidates = template.ids_named_by(template.resources[removed])
    records: list[Change | Notice] = list(template.remove_resource(removed, ID, reason, replacement=kept))
    if removed_ip is not None and removed_ip != kept_ip:
        candidates |= template.ids_named_by(template.resources[removed_ip])
        ip_reason = f"Elastic IP of removed NAT gateway {removed}"
        if kept_ip is not None:
            records.extend(template.remove_resource(removed_ip, ID, ip_reason, replacement=kept_ip))
        else:
            try:
                records.extend(template.remove_resource(removed_ip, ID, ip_reason))
            except ValueError:
                records.append(Notice(ID, ("Resources", removed_ip),
                                      "Elastic IP of a removed NAT gateway is still used; left as written"))
    records.extend(template.prune_unused(candidates, ID, f"only {removed} used it"))
    records.extend(_renamed_outputs(records, removed, kept))
    return records


def _renamed_outputs(records: list[Change | Notice], removed: str, kept: str) -> list[Notice]:
    """Report outputs that now return the kept gateway under a name that says the removed one.

    Stacks that import the export keep working, so the output stays; its
    name and description are for the author to change.
    """
    outputs = sorted({
        record.path[1] for record in records
        if isinstance(record, Change) and record.path[:1] == ("Outputs",) and len(record.path) > 2
    })
    return [
        Notice(ID, ("Outputs", name),
               f"output {name!r} now returns {kept}, not {removed}; rename it or remove it")
        for name in outputs if removed in name
    ]
