"""FX102: one NAT gateway per VPC, and references to a removed one name the kept one."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from helpers import (
    dangling_references,
    fix_json,
    fix_yaml,
    lint_errors,
    lint_findings,
    load,
)

FIX = "FX102"

# A VPC with an internet gateway, three public subnets and two private route
# tables; the cases below add NAT gateways, routes and outputs to it.
NETWORK = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Gateway
  PublicA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: !Select [0, !GetAZs '']
  PublicB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [1, !GetAZs '']
  PublicC:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: !Select [2, !GetAZs '']
  TableA:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  TableB:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
"""


def _rule_ids(text: str, prefix: str) -> set[str]:
    findings = lint_findings(text)
    return {finding.split()[0] for finding in findings if finding.startswith(prefix)}


def _check_repaired(before: str, after: str, fmt: str = "yaml") -> None:
    assert lint_errors(after) == []
    # Warning messages name resources that a repair renames, so compare rule ids.
    assert _rule_ids(after, "W") <= _rule_ids(before, "W")
    assert dangling_references(load(after, fmt)) == []
    again, changes = (fix_json if fmt == "json" else fix_yaml)(after, FIX)
    assert again == after
    assert changes == []


def _nat_gateways(text: str, fmt: str = "yaml") -> list[str]:
    resources = load(text, fmt)["Resources"]
    nat_type = "AWS::EC2::NatGateway"
    return [name for name, body in resources.items() if body["Type"] == nat_type]


def _notices(text: str) -> list[str]:
    options = Options(select=frozenset({FIX}))
    result = repair(textwrap.dedent(text), "template.yaml", options)
    return [notice.message for notice in result.notices]


REPAIRED = [
    pytest.param(
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    DependsOn: Attachment
    Properties:
      Domain: vpc
  EipB:
    Type: AWS::EC2::EIP
    DependsOn: Attachment
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt [EipB, AllocationId]
      SubnetId: !Ref PublicB
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
  Ready:
    Type: AWS::CloudFormation::WaitConditionHandle
    DependsOn: [NatB, NatA]
  ReadyB:
    Type: AWS::CloudFormation::WaitConditionHandle
    DependsOn: NatB
Outputs:
  NatIds:
    Value: !Sub ${NatA},${NatB}
  NatBAddress:
    Value: !GetAtt EipB.PublicIp
  NatBAllocation:
    Value: !GetAtt [EipB, AllocationId]
""",
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    DependsOn: Attachment
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  Ready:
    Type: AWS::CloudFormation::WaitConditionHandle
    DependsOn: [NatA]
  ReadyB:
    Type: AWS::CloudFormation::WaitConditionHandle
    DependsOn: NatA
Outputs:
  NatIds:
    Value: !Sub '${NatA},${NatA}'
  NatBAddress:
    Value: !GetAtt EipA.PublicIp
  NatBAllocation:
    Value: !GetAtt [EipA, AllocationId]
""",
        id="two_nats_every_reference_repointed",
    ),
    pytest.param(
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
  EipC:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatC:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipC.AllocationId
      SubnetId: !Ref PublicC
      Tags:
        - Key: Name
          Value: !Sub ${AWS::StackName}-nat-c
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !GetAtt NatC.NatGatewayId
""",
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !GetAtt NatA.NatGatewayId
""",
        id="three_nats_become_one",
    ),
    pytest.param(
        """\
Parameters:
  SubnetA:
    Type: AWS::EC2::Subnet::Id
  SubnetB:
    Type: AWS::EC2::Subnet::Id
  AllocationB:
    Type: String
  TableId:
    Type: String
  Unused:
    Type: String
    Default: left-by-the-author
Resources:
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref SubnetA
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !Ref AllocationB
      SubnetId: !Ref SubnetB
  Route:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableId
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
""",
        """\
Parameters:
  SubnetA:
    Type: AWS::EC2::Subnet::Id
  TableId:
    Type: String
  Unused:
    Type: String
    Default: left-by-the-author
Resources:
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref SubnetA
  Route:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableId
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
""",
        id="parameters_only_removed_used_go",
    ),
    pytest.param(
        """\
Resources:
  BlueVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  BlueSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref BlueVpc
      CidrBlock: 10.0.0.0/24
  BlueSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref BlueVpc
      CidrBlock: 10.0.1.0/24
  GreenVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  GreenSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref GreenVpc
      CidrBlock: 10.1.0.0/24
  GreenSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref GreenVpc
      CidrBlock: 10.1.1.0/24
  BlueEipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  BlueNatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt BlueEipA.AllocationId
      SubnetId: !Ref BlueSubnetA
  GreenEipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  GreenNatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt GreenEipA.AllocationId
      SubnetId: !Ref GreenSubnetA
  BlueEipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  BlueNatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt BlueEipB.AllocationId
      SubnetId: !Ref BlueSubnetB
  GreenEipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  GreenNatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt GreenEipB.AllocationId
      SubnetId: !Ref GreenSubnetB
Outputs:
  Gateways:
    Value: !Join [',', [!Ref BlueNatB, !Ref GreenNatB]]
""",
        """\
Resources:
  BlueVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  BlueSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref BlueVpc
      CidrBlock: 10.0.0.0/24
  BlueSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref BlueVpc
      CidrBlock: 10.0.1.0/24
  GreenVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  GreenSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref GreenVpc
      CidrBlock: 10.1.0.0/24
  GreenSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref GreenVpc
      CidrBlock: 10.1.1.0/24
  BlueEipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  BlueNatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt BlueEipA.AllocationId
      SubnetId: !Ref BlueSubnetA
  GreenEipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  GreenNatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt GreenEipA.AllocationId
      SubnetId: !Ref GreenSubnetA
Outputs:
  Gateways:
    Value: !Join [',', [!Ref BlueNatA, !Ref GreenNatA]]
""",
        id="two_vpcs_one_nat_each",
    ),
    pytest.param(
        """\
Parameters:
  ZoneAEgress:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Conditions:
  WithZoneA: !Equals [!Ref ZoneAEgress, 'true']
""" + NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Condition: WithZoneA
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Condition: WithZoneA
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
  RouteA:
    Type: AWS::EC2::Route
    Condition: WithZoneA
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
""",
        """\
Parameters:
  ZoneAEgress:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Conditions:
  WithZoneA: !Equals [!Ref ZoneAEgress, 'true']
""" + NETWORK + """\
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
  RouteA:
    Type: AWS::EC2::Route
    Condition: WithZoneA
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
""",
        id="first_unconditional_nat_kept",
    ),
    pytest.param(
        """\
Parameters:
  Egress:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Conditions:
  WithEgress: !Equals [!Ref Egress, 'true']
""" + NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Condition: WithEgress
    Properties:
      Domain: vpc
  EipB:
    Type: AWS::EC2::EIP
    Condition: WithEgress
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Condition: WithEgress
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  NatB:
    Type: AWS::EC2::NatGateway
    Condition: WithEgress
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
  RouteA:
    Type: AWS::EC2::Route
    Condition: WithEgress
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  RouteB:
    Type: AWS::EC2::Route
    Condition: WithEgress
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
""",
        """\
Parameters:
  Egress:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Conditions:
  WithEgress: !Equals [!Ref Egress, 'true']
""" + NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Condition: WithEgress
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Condition: WithEgress
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  RouteA:
    Type: AWS::EC2::Route
    Condition: WithEgress
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
  RouteB:
    Type: AWS::EC2::Route
    Condition: WithEgress
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
""",
        id="same_condition_first_kept",
    ),
    pytest.param(
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
  Inside:
    Type: AWS::EC2::NatGateway
    Properties:
      ConnectivityType: private
      SubnetId: !Ref PublicC
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 10.9.0.0/16
      NatGatewayId: !Ref Inside
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatB
""",
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  Inside:
    Type: AWS::EC2::NatGateway
    Properties:
      ConnectivityType: private
      SubnetId: !Ref PublicC
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 10.9.0.0/16
      NatGatewayId: !Ref Inside
  RouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
""",
        id="private_nat_stays",
    ),
]


UNCHANGED = [
    pytest.param(
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  RouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatA
""",
        id="single_nat",
    ),
    pytest.param(
        """\
Resources:
  BlueVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  BlueSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref BlueVpc
      CidrBlock: 10.0.0.0/24
  GreenVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  GreenSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref GreenVpc
      CidrBlock: 10.1.0.0/24
  BlueEip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  BlueNat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt BlueEip.AllocationId
      SubnetId: !Ref BlueSubnet
  GreenEip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  GreenNat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt GreenEip.AllocationId
      SubnetId: !Ref GreenSubnet
""",
        id="one_nat_in_each_of_two_vpcs",
    ),
    pytest.param(
        NETWORK + """\
  InsideA:
    Type: AWS::EC2::NatGateway
    Properties:
      ConnectivityType: private
      SubnetId: !Ref PublicA
  InsideB:
    Type: AWS::EC2::NatGateway
    Properties:
      ConnectivityType: private
      SubnetId: !Ref PublicB
""",
        id="private_nats_only",
    ),
    pytest.param(
        NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  Inside:
    Type: AWS::EC2::NatGateway
    Properties:
      ConnectivityType: private
      SubnetId: !Ref PublicB
""",
        id="one_public_one_private",
    ),
    pytest.param(
        """\
Parameters:
  Layout:
    Type: String
    AllowedValues: [left, right]
Conditions:
  Left: !Equals [!Ref Layout, left]
  Right: !Equals [!Ref Layout, right]
""" + NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Condition: Left
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Condition: Left
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Condition: Right
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Condition: Right
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
""",
        id="different_conditions",
    ),
    pytest.param(
        """\
Parameters:
  SubnetOne:
    Type: AWS::EC2::Subnet::Id
  SubnetTwo:
    Type: AWS::EC2::Subnet::Id
Resources:
  Blue:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Green:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref SubnetOne
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref SubnetTwo
""",
        id="vpc_unknown_with_two_vpcs",
    ),
    pytest.param(
        """\
Metadata:
  cfn-fixer:
    ignore: FX102
""" + NETWORK + """\
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: eipalloc-0123456789abcdef0
      SubnetId: !Ref PublicA
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: eipalloc-0123456789abcdef1
      SubnetId: !Ref PublicB
""",
        id="template_suppresses_fix",
    ),
    pytest.param(
        NETWORK + """\
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: eipalloc-0123456789abcdef0
      SubnetId: !Ref PublicA
  NatB:
    Type: AWS::EC2::NatGateway
    Metadata:
      cfn-fixer:
        ignore: multiple-nat-gateways
    Properties:
      AllocationId: eipalloc-0123456789abcdef1
      SubnetId: !Ref PublicB
""",
        id="resource_suppresses_fix",
    ),
]


@pytest.mark.parametrize(("before", "expected"), REPAIRED)
def test_nat_extra_gateways_removed(before, expected):
    output, changes = fix_yaml(before, FIX)
    assert output == expected
    assert changes
    assert all(change.fix_id == FIX for change in changes)
    _check_repaired(before, output)


@pytest.mark.parametrize("before", UNCHANGED)
def test_nat_single_or_ambiguous_unchanged(before):
    output, changes = fix_yaml(before, FIX)
    assert changes == []
    assert output == before


def test_nat_different_conditions_reported():
    case = next(case for case in UNCHANGED if case.id == "different_conditions")
    assert _notices(case.values[0]) == [
        "NAT gateways have different conditions; left as written"
    ]


def test_nat_unknown_vpc_reported():
    case = next(case for case in UNCHANGED if case.id == "vpc_unknown_with_two_vpcs")
    assert _notices(case.values[0]) == [
        "cannot tell which VPC this NAT gateway is in; left as written",
        "cannot tell which VPC this NAT gateway is in; left as written",
    ]


def test_nat_kept_is_first_in_order():
    # Template order, not name order, decides which gateway stays.
    output, _ = fix_yaml(NETWORK + """\
  NatZulu:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: eipalloc-0123456789abcdef0
      SubnetId: !Ref PublicB
  NatAlpha:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: eipalloc-0123456789abcdef1
      SubnetId: !Ref PublicA
""", FIX)
    assert _nat_gateways(output) == ["NatZulu"]


def test_nat_comments_and_quoting_survive():
    before = textwrap.dedent("""\
        # Two-zone network.
        AWSTemplateFormatVersion: "2010-09-09"
        Description: 'Egress: "one" gateway per zone'  # keep this quoting
        Resources:
          Vpc:
            Type: "AWS::EC2::VPC"   # quoted type
            Properties:
              CidrBlock: '10.0.0.0/16'
          PublicA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: "10.0.0.0/24"  # zone a
          PublicB:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: { Ref: Vpc }
              CidrBlock: >-
                10.0.1.0/24
          # Gateway in zone a stays.
          NatA:
            Type: AWS::EC2::NatGateway
            Properties:
              AllocationId: eipalloc-0123456789abcdef0
              SubnetId: !Ref PublicA
          NatB:
            Type: AWS::EC2::NatGateway
            Properties:
              AllocationId: eipalloc-0123456789abcdef1
              SubnetId: !Ref PublicB
          Table:
            Type: AWS::EC2::RouteTable
            Properties:
              VpcId: !Ref Vpc  # private table
          Route:
            Type: AWS::EC2::Route
            Properties:
              RouteTableId: !Ref Table
              DestinationCidrBlock: '0.0.0.0/0'   # default route
              NatGatewayId: !Ref NatB  # zone b gateway
        """)
    output, changes = fix_yaml(before, FIX)
    assert len(changes) == 2
    expected_lines = before.splitlines()
    nat_b = expected_lines.index("  NatB:")
    del expected_lines[nat_b:nat_b + 5]
    route = expected_lines.index("      NatGatewayId: !Ref NatB  # zone b gateway")
    expected_lines[route] = "      NatGatewayId: !Ref NatA  # zone b gateway"
    assert output.splitlines() == expected_lines
    _check_repaired(before, output)


def test_nat_json_two_gateways_repaired():
    before = textwrap.dedent("""\
        {
            "Resources": {
                "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
                "PublicA": {
                    "Type": "AWS::EC2::Subnet",
                    "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}
                },
                "PublicB": {
                    "Type": "AWS::EC2::Subnet",
                    "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}
                },
                "EipA": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"}},
                "EipB": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"}},
                "NatA": {
                    "Type": "AWS::EC2::NatGateway",
                    "Properties": {
                        "AllocationId": {"Fn::GetAtt": ["EipA", "AllocationId"]},
                        "SubnetId": {"Ref": "PublicA"}
                    }
                },
                "NatB": {
                    "Type": "AWS::EC2::NatGateway",
                    "Properties": {
                        "AllocationId": {"Fn::GetAtt": ["EipB", "AllocationId"]},
                        "SubnetId": {"Ref": "PublicB"}
                    }
                },
                "Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
                "Route": {
                    "Type": "AWS::EC2::Route",
                    "DependsOn": ["NatB"],
                    "Properties": {
                        "RouteTableId": {"Ref": "Table"},
                        "DestinationCidrBlock": "0.0.0.0/0",
                        "NatGatewayId": {"Fn::GetAtt": "NatB.NatGatewayId"}
                    }
                }
            },
            "Outputs": {
                "Egress": {"Value": {"Fn::Sub": "${NatB} via ${EipB.PublicIp}"}}
            }
        }
        """)
    output, _ = fix_json(before, FIX)
    data = load(output, "json")
    assert _nat_gateways(output, "json") == ["NatA"]
    assert "EipB" not in data["Resources"]
    route = data["Resources"]["Route"]
    assert route["DependsOn"] == ["NatA"]
    assert route["Properties"]["NatGatewayId"] == {"Fn::GetAtt": "NatA.NatGatewayId"}
    egress = data["Outputs"]["Egress"]["Value"]
    assert egress == {"Fn::Sub": "${NatA} via ${EipA.PublicIp}"}
    before_lines = before.splitlines()
    eip_a = next(line for line in before_lines if line.lstrip().startswith('"EipA"'))
    assert eip_a in output.splitlines()
    _check_repaired(before, output, "json")


def test_nat_json_single_gateway_unchanged():
    before = textwrap.dedent("""\
        {
          "Resources": {
            "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
            "Public": {
              "Type": "AWS::EC2::Subnet",
              "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}
            },
            "Nat": {
              "Type": "AWS::EC2::NatGateway",
              "Properties": {"AllocationId": "eipalloc-0123456789abcdef0", "SubnetId": {"Ref": "Public"}}
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert changes == []
    assert output == before


# Edge cases that an earlier version of the fix got wrong.


def test_nat_orphaned_condition_removed():
    before = """\
Parameters:
  SecondZone:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Conditions:
  WithSecondZone: !Equals [!Ref SecondZone, 'true']
""" + NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Condition: WithSecondZone
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Condition: WithSecondZone
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
"""
    output, _ = fix_yaml(before, FIX)
    data = load(output)
    assert "Conditions" not in data
    assert "Parameters" not in data
    assert _rule_ids(output, "W") <= _rule_ids(before, "W")


def test_nat_kept_gateway_depends_on_removed():
    before = NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    DependsOn: [Attachment, EipB]
    Properties:
      Domain: vpc
  EipB:
    Type: AWS::EC2::EIP
    DependsOn: Attachment
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    DependsOn: NatB
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
"""
    output, _ = fix_yaml(before, FIX)
    assert lint_errors(output) == []


def test_nat_address_list_without_duplicates():
    before = NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
  Record:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: egress.example.com.
      Type: A
      TTL: '300'
      ResourceRecords: [!Ref EipA, !Ref EipB]
"""
    output, _ = fix_yaml(before, FIX)
    assert "EipB" not in load(output)["Resources"]
    assert lint_errors(output) == []


def test_nat_output_named_for_removed_reported():
    text = NETWORK + """\
  EipA:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatA:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipA.AllocationId
      SubnetId: !Ref PublicA
  EipB:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  NatB:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt EipB.AllocationId
      SubnetId: !Ref PublicB
Outputs:
  NatBId:
    Value: !Ref NatB
"""
    result = repair(text, "template.yaml", Options(select=frozenset({FIX})))
    assert load(result.output)["Outputs"]["NatBId"]["Value"] == {"Ref": "NatA"}
    messages = [notice.message for notice in result.notices]
    assert messages == ["output 'NatBId' now returns NatA, not NatB; rename it or remove it"]
