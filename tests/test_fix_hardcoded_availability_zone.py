"""FX101: literal zone names become Fn::Select over Fn::GetAZs, portable ones stay."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from helpers import (
    dangling_references,
    fix_json,
    fix_text,
    fix_yaml,
    lint_errors,
    lint_findings,
    load,
)

FIX = "FX101"
# Warnings this fix removes. None may remain after a repair.
ZONE_WARNING = "W3010"


def _warnings(text: str) -> set[str]:
    return {finding for finding in lint_findings(text) if finding.startswith("W")}


def _check_repaired(before: str, after: str, fmt: str = "yaml") -> None:
    assert lint_errors(after) == []
    assert [w for w in _warnings(after) if w.startswith(ZONE_WARNING)] == []
    assert _warnings(after) <= _warnings(before)
    assert dangling_references(load(after, fmt)) == []
    again, changes = (fix_json if fmt == "json" else fix_yaml)(after, FIX)
    assert again == after
    assert changes == []


def _notices(text: str, fmt: str = "yaml") -> list[str]:
    options = Options(select=frozenset({FIX}))
    result = repair(textwrap.dedent(text), f"template.{fmt}", options, format=fmt)
    return [notice.message for notice in result.notices]


REPAIRED = [
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: us-east-1a
          SubnetB:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: us-east-1b
          SubnetC:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.2.0/24
              AvailabilityZone: !Select [2, !GetAZs us-east-1]
        """,
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
          SubnetB:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: !Select [1, !GetAZs '']
          SubnetC:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.2.0/24
              AvailabilityZone: !Select [2, !GetAZs '']
        """,
        id="subnets_letter_is_index",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
          SubnetB:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: eu-west-1b
        """,
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
          SubnetB:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: !Select [1, !GetAZs '']
        """,
        id="subnet_lines_up_with_existing_select",
    ),
    pytest.param(
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
              AvailabilityZone: eu-west-1b
          Data:
            Type: AWS::EC2::Volume
            Properties:
              Size: 10
              AvailabilityZone: eu-west-1b
          Attachment:
            Type: AWS::EC2::VolumeAttachment
            Properties:
              InstanceId: !Ref Server
              VolumeId: !Ref Data
              Device: /dev/sdf
        """,
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
              AvailabilityZone: !Select [1, !GetAZs '']
          Data:
            Type: AWS::EC2::Volume
            Properties:
              Size: 10
              AvailabilityZone: !Select [1, !GetAZs '']
          Attachment:
            Type: AWS::EC2::VolumeAttachment
            Properties:
              InstanceId: !Ref Server
              VolumeId: !Ref Data
              Device: /dev/sdf
        """,
        id="instance_and_volume_share_index",
    ),
    pytest.param(
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref ImageId
                InstanceType: t3.micro
                Placement:
                  AvailabilityZone: ap-southeast-2c
        """,
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref ImageId
                InstanceType: t3.micro
                Placement:
                  AvailabilityZone: !Select [2, !GetAZs '']
        """,
        id="launch_template_placement",
    ),
    pytest.param(
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
          FleetRole:
            Type: String
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref ImageId
          Fleet:
            Type: AWS::EC2::SpotFleet
            Properties:
              SpotFleetRequestConfigData:
                IamFleetRole: !Ref FleetRole
                TargetCapacity: 2
                LaunchTemplateConfigs:
                  - LaunchTemplateSpecification:
                      LaunchTemplateId: !Ref Template
                      Version: !GetAtt Template.LatestVersionNumber
                    Overrides:
                      - InstanceType: t3.micro
                        AvailabilityZone: eu-west-1a
                      - InstanceType: t3.micro
                        AvailabilityZone: eu-west-1c
        """,
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
          FleetRole:
            Type: String
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref ImageId
          Fleet:
            Type: AWS::EC2::SpotFleet
            Properties:
              SpotFleetRequestConfigData:
                IamFleetRole: !Ref FleetRole
                TargetCapacity: 2
                LaunchTemplateConfigs:
                  - LaunchTemplateSpecification:
                      LaunchTemplateId: !Ref Template
                      Version: !GetAtt Template.LatestVersionNumber
                    Overrides:
                      - InstanceType: t3.micro
                        AvailabilityZone: !Select [0, !GetAZs '']
                      - InstanceType: t3.micro
                        AvailabilityZone: !Select [2, !GetAZs '']
        """,
        id="spot_fleet_overrides",
    ),
    pytest.param(
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref ImageId
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: '1'
              MaxSize: '2'
              AvailabilityZones: [us-west-2a, us-west-2b]
              LaunchTemplate:
                LaunchTemplateId: !Ref Template
                Version: !GetAtt Template.LatestVersionNumber
        """,
        """
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref ImageId
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: '1'
              MaxSize: '2'
              AvailabilityZones: [!Select [0, !GetAZs ''], !Select [1, !GetAZs '']]
              LaunchTemplate:
                LaunchTemplateId: !Ref Template
                Version: !GetAtt Template.LatestVersionNumber
        """,
        id="auto_scaling_group_flow_list",
    ),
    pytest.param(
        """
        Resources:
          Balancer:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              AvailabilityZones:
                - us-west-2a
                - us-west-2c
              Listeners:
                - LoadBalancerPort: '80'
                  InstancePort: '80'
                  Protocol: HTTP
        """,
        """
        Resources:
          Balancer:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              AvailabilityZones:
                - !Select [0, !GetAZs '']
                - !Select [2, !GetAZs '']
              Listeners:
                - LoadBalancerPort: '80'
                  InstancePort: '80'
                  Protocol: HTTP
        """,
        id="classic_load_balancer_block_list",
    ),
    pytest.param(
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              ManageMasterUserPassword: true
              AvailabilityZone: us-east-1c
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: app
              ManageMasterUserPassword: true
              AvailabilityZones:
                - us-east-1a
                - us-east-1b
                - us-east-1c
        """,
        """
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: '20'
              MasterUsername: app
              ManageMasterUserPassword: true
              AvailabilityZone: !Select [2, !GetAZs '']
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              MasterUsername: app
              ManageMasterUserPassword: true
              AvailabilityZones:
                - !Select [0, !GetAZs '']
                - !Select [1, !GetAZs '']
                - !Select [2, !GetAZs '']
        """,
        id="rds_instance_and_cluster",
    ),
    pytest.param(
        """
        Resources:
          Files:
            Type: AWS::EFS::FileSystem
            Properties:
              AvailabilityZoneName: us-east-1b
          Cache:
            Type: AWS::ElastiCache::CacheCluster
            Properties:
              CacheNodeType: cache.t3.micro
              Engine: memcached
              NumCacheNodes: 2
              AZMode: cross-az
              PreferredAvailabilityZones: [us-east-1a, us-east-1b]
        """,
        """
        Resources:
          Files:
            Type: AWS::EFS::FileSystem
            Properties:
              AvailabilityZoneName: !Select [1, !GetAZs '']
          Cache:
            Type: AWS::ElastiCache::CacheCluster
            Properties:
              CacheNodeType: cache.t3.micro
              Engine: memcached
              NumCacheNodes: 2
              AZMode: cross-az
              PreferredAvailabilityZones: [!Select [0, !GetAZs ''], !Select [1, !GetAZs '']]
        """,
        id="efs_and_elasticache_zone_names",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetD:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: us-east-1d
          SubnetF:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: us-east-1f
          SubnetE:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.2.0/24
              AvailabilityZone: us-east-1e
          OtherD:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.3.0/24
              AvailabilityZone: us-east-1d
        """,
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetD:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
          SubnetF:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: !Select [2, !GetAZs '']
          SubnetE:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.2.0/24
              AvailabilityZone: !Select [1, !GetAZs '']
          OtherD:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.3.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
        """,
        id="zones_past_c_numbered_in_order",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: us-east-1a
          SubnetE:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: us-east-1e
        """,
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
          SubnetE:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: !Select [1, !GetAZs '']
        """,
        id="zone_e_with_a_never_index_four",
    ),
    pytest.param(
        """
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        Outputs:
          Zones:
            Value: !Join [',', !GetAZs eu-central-1]
          First:
            Value: !Select [0, !GetAZs 'eu-central-1']
        """,
        """
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        Outputs:
          Zones:
            Value: !Join [',', !GetAZs '']
          First:
            Value: !Select [0, !GetAZs '']
        """,
        id="get_azs_region_in_outputs",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId:
                Ref: Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: us-east-1b
        """,
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId:
                Ref: Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone:
                Fn::Select:
                  - 1
                  - Fn::GetAZs: ''
        """,
        id="long_form_file_gets_long_form",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: "10.0.0.0/16"
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: "10.0.0.0/24"
              AvailabilityZone: "us-gov-west-1a"
        """,
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: "10.0.0.0/16"
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: "10.0.0.0/24"
              AvailabilityZone: !Select [0, !GetAZs ""]
        """,
        id="double_quoted_file_govcloud_zone",
    ),
]


UNCHANGED = [
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
        """,
        id="select_get_azs_empty",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [1, !GetAZs {Ref: 'AWS::Region'}]
        """,
        id="get_azs_of_stack_region",
    ),
    pytest.param(
        """
        Parameters:
          Zone:
            Type: AWS::EC2::AvailabilityZone::Name
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: !Ref Zone
        """,
        id="ref_to_zone_parameter",
    ),
    pytest.param(
        """
        Parameters:
          Zones:
            Type: List<AWS::EC2::AvailabilityZone::Name>
        Resources:
          Balancer:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              AvailabilityZones: !Ref Zones
              Listeners:
                - LoadBalancerPort: '80'
                  InstancePort: '80'
                  Protocol: HTTP
        """,
        id="ref_to_zone_list_parameter",
    ),
    pytest.param(
        """
        Conditions:
          InVirginia: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: !If [InVirginia, us-east-1a, !Select [0, !GetAZs '']]
        """,
        id="if_choice_left_to_author",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          EdgeSubnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: us-west-2-lax-1a
        """,
        id="local_zone_name",
    ),
    pytest.param(
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZoneId: use1-az1
        """,
        id="zone_id_property",
    ),
    pytest.param(
        """
        Resources:
          Targets:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              TargetType: ip
              Protocol: HTTP
              Port: 80
              VpcId: vpc-0123456789abcdef0
              Targets:
                - Id: 10.1.0.10
                  AvailabilityZone: all
        """,
        id="target_group_zone_all",
    ),
    pytest.param(
        """
        Description: Web tier in us-east-1a and us-east-1b
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              Tags:
                - Key: zone
                  Value: us-east-1a
        """,
        id="zone_name_outside_zone_property",
    ),
    pytest.param(
        """
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Metadata:
              cfn-fixer:
                ignore: FX101
            Properties:
              Size: 8
              AvailabilityZone: us-east-1a
        """,
        id="resource_suppresses_fix",
    ),
    pytest.param(
        """
        Parameters:
          Zone:
            Type: AWS::EC2::AvailabilityZone::Name
            Default: us-east-1a
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: !Ref Zone
        """,
        id="parameter_default_zone",
    ),
]


@pytest.mark.parametrize(("before", "expected"), REPAIRED)
def test_zone_literal_rewritten(before, expected):
    before, expected = textwrap.dedent(before), textwrap.dedent(expected)
    output, changes = fix_yaml(before, FIX)
    assert output == expected
    assert changes
    assert all(change.fix_id == FIX for change in changes)
    _check_repaired(before, output)


@pytest.mark.parametrize("before", UNCHANGED)
def test_zone_portable_value_unchanged(before):
    before = textwrap.dedent(before)
    output, changes = fix_yaml(before, FIX)
    assert changes == []
    assert output == before


def test_zone_local_zone_reported():
    messages = _notices("""
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: us-west-2-lax-1a
        """)
    assert messages == ["Local or Wavelength Zone 'us-west-2-lax-1a' left as written"]


def test_zone_id_reported():
    messages = _notices("""
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: use1-az1
        """)
    assert messages == ["zone id 'use1-az1' left as written"]


def test_zone_parameter_default_reported():
    messages = _notices("""
        Parameters:
          Zones:
            Type: List<AWS::EC2::AvailabilityZone::Name>
            Default: us-east-1a,us-east-1b
        Resources:
          Balancer:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              AvailabilityZones: !Ref Zones
              Listeners:
                - LoadBalancerPort: '80'
                  InstancePort: '80'
                  Protocol: HTTP
        """)
    assert messages == [
        "parameter default 'us-east-1a,us-east-1b' names zones of one region"
    ]


def test_zone_index_shared_across_resources():
    output, _ = fix_yaml("""
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: us-east-2b
          Balancer:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              AvailabilityZones: [us-east-2c, us-east-2b]
              Listeners:
                - LoadBalancerPort: '80'
                  InstancePort: '80'
                  Protocol: HTTP
        """, FIX)
    resources = load(output)["Resources"]
    volume_zone = resources["Volume"]["Properties"]["AvailabilityZone"]
    balancer_zones = resources["Balancer"]["Properties"]["AvailabilityZones"]
    assert volume_zone == {"Fn::Select": [1, {"Fn::GetAZs": ""}]}
    assert balancer_zones[1] == volume_zone
    assert balancer_zones[0] == {"Fn::Select": [2, {"Fn::GetAZs": ""}]}


def test_zone_comments_and_quoting_survive():
    before = textwrap.dedent("""\
        # Network for the web tier.
        AWSTemplateFormatVersion: "2010-09-09"
        Description: 'Two subnets: "a" and "b"'  # keep this quoting
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: '10.0.0.0/16'   # the whole range
              Tags: [{Key: Name, Value: "web"}]
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              # first zone
              AvailabilityZone: us-east-1a  # moved by the fixer
              CidrBlock: "10.0.0.0/24"
          SubnetB:
            Type: "AWS::EC2::Subnet"
            Properties:
              VpcId: { Ref: Vpc }
              AvailabilityZone: 'us-east-1b'
              CidrBlock: >-
                10.0.1.0/24
        """)
    output, changes = fix_yaml(before, FIX)
    assert len(changes) == 2
    changed_lines = {14, 20}
    before_lines = before.splitlines()
    after_lines = output.splitlines()
    assert len(after_lines) == len(before_lines)
    for number, (old, new) in enumerate(zip(before_lines, after_lines)):
        if number not in changed_lines:
            assert new == old
    assert after_lines[14].startswith("      AvailabilityZone: !Select [0, !GetAZs ")
    assert after_lines[14].endswith("# moved by the fixer")
    assert after_lines[20].startswith("      AvailabilityZone: !Select [1, !GetAZs ")
    _check_repaired(before, output)


def test_zone_json_block_list_repaired():
    before = textwrap.dedent("""\
        {
            "Resources": {
                "Group": {
                    "Type": "AWS::AutoScaling::AutoScalingGroup",
                    "Properties": {
                        "MinSize": "1",
                        "MaxSize": "2",
                        "LaunchConfigurationName": "web",
                        "AvailabilityZones": [
                            "eu-central-1a",
                            "eu-central-1b"
                        ]
                    }
                }
            }
        }
        """)
    expected = textwrap.dedent("""\
        {
            "Resources": {
                "Group": {
                    "Type": "AWS::AutoScaling::AutoScalingGroup",
                    "Properties": {
                        "MinSize": "1",
                        "MaxSize": "2",
                        "LaunchConfigurationName": "web",
                        "AvailabilityZones": [
                            {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                            {"Fn::Select": [1, {"Fn::GetAZs": ""}]}
                        ]
                    }
                }
            }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert output == expected
    assert len(changes) == 2
    _check_repaired(before, output, "json")


def test_zone_json_tab_indent_repaired():
    before = (
        '{\n\t"Resources": {\n\t\t"Volume": {\n\t\t\t"Type": "AWS::EC2::Volume",\n'
        '\t\t\t"Properties": {\n\t\t\t\t"Size": 8,\n'
        '\t\t\t\t"AvailabilityZone": "eu-central-1c"\n'
        '\t\t\t}\n\t\t}\n\t}\n}\n'
    )
    output, changes = fix_json(before, FIX)
    selected = '{"Fn::Select": [2, {"Fn::GetAZs": ""}]}'
    assert output == before.replace('"eu-central-1c"', selected)
    assert len(changes) == 1
    _check_repaired(before, output, "json")


def test_zone_json_get_azs_region_repaired():
    before = textwrap.dedent("""\
        {
          "Resources": {
            "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
            "Subnet": {
              "Type": "AWS::EC2::Subnet",
              "Properties": {
                "VpcId": {"Ref": "Vpc"},
                "CidrBlock": "10.0.0.0/24",
                "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": "eu-central-1"}]}
              }
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert output == before.replace('"eu-central-1"}', '""}')
    assert len(changes) == 1
    _check_repaired(before, output, "json")


def test_zone_json_unchanged_when_portable():
    before = textwrap.dedent("""\
        {
          "Resources": {
            "Volume": {
              "Type": "AWS::EC2::Volume",
              "Properties": {"Size": 8, "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    assert changes == []
    assert output == before


# Edge cases that an earlier version of the fix got wrong.


def test_zone_past_c_avoids_taken_index():
    output, _ = fix_yaml("""
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              AvailabilityZone: !Select [0, !GetAZs '']
          SubnetD:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.1.0/24
              AvailabilityZone: us-east-1d
        """, FIX)
    subnet_d = load(output)["Resources"]["SubnetD"]["Properties"]["AvailabilityZone"]
    assert subnet_d != {"Fn::Select": [0, {"Fn::GetAZs": ""}]}


def test_zone_other_region_own_index():
    output, _ = fix_yaml("""
        Resources:
          East:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: us-east-1a
          West:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: us-west-2a
        """, FIX)
    resources = load(output)["Resources"]
    east = resources["East"]["Properties"]["AvailabilityZone"]
    west = resources["West"]["Properties"]["AvailabilityZone"]
    assert east != west


def test_zone_wavelength_zone_reported():
    messages = _notices("""
        Resources:
          Volume:
            Type: AWS::EC2::Volume
            Properties:
              Size: 8
              AvailabilityZone: us-east-1-wl1-bos-wlz-1
        """)
    assert messages != []


def test_zone_mapping_value_reported():
    # Read only by an output, the mapping is not a zone lookup to rewrite.
    messages = _notices("""
        Mappings:
          ZoneMap:
            us-east-1:
              First: us-east-1a
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        Outputs:
          Zone:
            Value: !FindInMap [ZoneMap, !Ref AWS::Region, First]
        """)
    assert messages == ["mapping names Availability Zones of us-east-1; stacks can use it only in those regions"]


ZONE_MAP = """
    Mappings:
      RegionMap:
        us-east-1:
          AMI: ami-0abcdef1234567890
          AZ1: us-east-1a
          AZ2: us-east-1b
        us-west-2:
          AMI: ami-0fedcba0987654321
          AZ1: us-west-2a
          AZ2: us-west-2b
    Resources:
      Vpc:
        Type: AWS::EC2::VPC
        Properties:
          CidrBlock: 10.0.0.0/16
      SubnetA:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: !Ref Vpc
          CidrBlock: 10.0.0.0/24
          AvailabilityZone: !FindInMap [RegionMap, !Ref 'AWS::Region', AZ1]
      SubnetB:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: !Ref Vpc
          CidrBlock: 10.0.1.0/24
          AvailabilityZone: !FindInMap [RegionMap, !Ref 'AWS::Region', AZ2]
    """
SERVER = """
      Server:
        Type: AWS::EC2::Instance
        Properties:
          InstanceType: t3.micro
          ImageId: !FindInMap [RegionMap, !Ref 'AWS::Region', AMI]
    """


def test_zone_mapping_lookup_selected():
    output, _ = fix_yaml(ZONE_MAP, FIX)
    data = load(output)
    resources = data["Resources"]
    assert resources["SubnetA"]["Properties"]["AvailabilityZone"] == {"Fn::Select": [0, {"Fn::GetAZs": ""}]}
    assert resources["SubnetB"]["Properties"]["AvailabilityZone"] == {"Fn::Select": [1, {"Fn::GetAZs": ""}]}
    # Only the zones used the mapping, so it goes.
    assert "Mappings" not in data
    assert lint_errors(output) == []


def test_zone_mapping_keeps_other_keys():
    output, _ = fix_yaml(ZONE_MAP + SERVER, FIX)
    mapping = load(output)["Mappings"]["RegionMap"]
    assert mapping == {
        "us-east-1": {"AMI": "ami-0abcdef1234567890"},
        "us-west-2": {"AMI": "ami-0fedcba0987654321"},
    }
    assert lint_errors(output) == []


def test_zone_mapping_mixed_letters_left():
    text = ZONE_MAP.replace("AZ2: us-west-2b", "AZ2: us-west-2c")
    output, _ = fix_yaml(text, FIX)
    subnet_b = load(output)["Resources"]["SubnetB"]["Properties"]["AvailabilityZone"]
    assert subnet_b == {"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "AZ2"]}
    assert any("us-east-1, us-west-2" in message for message in _notices(text))


def test_zone_mapping_dynamic_key_keeps_keys():
    text = textwrap.dedent(ZONE_MAP) + textwrap.dedent("""\
        Outputs:
          Zone:
            Value: !FindInMap [RegionMap, !Ref 'AWS::Region', !Select [0, [AZ1, AZ2]]]
        """)
    output, _ = fix_text(text, "yaml", FIX)
    mapping = load(output)["Mappings"]["RegionMap"]
    assert mapping["us-east-1"]["AZ1"] == "us-east-1a"
