"""FX301: AMI ids, region maps and AMI parameters become SSM public parameters."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from fixes.hardcoded_ami import _is_graviton
from helpers import dangling_references, fix_json, fix_yaml, lint_findings, load

# -- cases -----------------------------------------------------------------------------

REPAIRED_YAML = [
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.micro
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
        """,
        id="literal-default-al2023",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: c7gn.large
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}"
              InstanceType: c7gn.large
        """,
        id="graviton-arm64",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          InstanceType:
            Type: String
            Default: r8g.large
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: !Ref InstanceType
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          InstanceType:
            Type: String
            Default: r8g.large
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}"
              InstanceType: !Ref InstanceType
        """,
        id="type-parameter-default",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0abcdef1234567890
                InstanceType: m7g.medium
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}"
                InstanceType: m7g.medium
        """,
        id="launch-template",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0abcdef1234567890
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: t4g.small
                    - InstanceType: t4g.medium
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}"
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: t4g.small
                    - InstanceType: t4g.medium
        """,
        id="template-type-from-group",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.micro
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  amazon-linux-extras install -y nginx1
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2}}"
              InstanceType: t3.micro
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  amazon-linux-extras install -y nginx1
        """,
        id="extras-keeps-al2",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: m5.large
              UserData:
                Fn::Base64: |
                  <powershell>
                  Install-WindowsFeature -Name Web-Server
                  </powershell>
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base}}"
              InstanceType: m5.large
              UserData:
                Fn::Base64: |
                  <powershell>
                  Install-WindowsFeature -Name Web-Server
                  </powershell>
        """,
        id="windows-userdata",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t4g.micro
              UserData:
                Fn::Base64: !Join
                  - ""
                  - - "#!/bin/bash\\n"
                    - "apt-get update && apt-get install -y nginx\\n"
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id}}"
              InstanceType: t4g.micro
              UserData:
                Fn::Base64: !Join
                  - ""
                  - - "#!/bin/bash\\n"
                    - "apt-get update && apt-get install -y nginx\\n"
        """,
        id="ubuntu-join",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Node:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.medium
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Node:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}"
              InstanceType: t3.medium
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config
        """,
        id="ecs-container-instance",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Compute:
            Type: AWS::Batch::ComputeEnvironment
            Properties:
              Type: MANAGED
              ComputeResources:
                Type: EC2
                MaxvCpus: 16
                Subnets: [subnet-0123456789abcdef0]
                SecurityGroupIds: [sg-0123456789abcdef0]
                InstanceRole: arn:aws:iam::123456789012:instance-profile/ecsInstanceRole
                InstanceTypes: [c6g]
                ImageId: ami-0abcdef1234567890
                Ec2Configuration:
                  - ImageType: ECS_AL2
                    ImageIdOverride: ami-0fedcba9876543210
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Compute:
            Type: AWS::Batch::ComputeEnvironment
            Properties:
              Type: MANAGED
              ComputeResources:
                Type: EC2
                MaxvCpus: 16
                Subnets: [subnet-0123456789abcdef0]
                SecurityGroupIds: [sg-0123456789abcdef0]
                InstanceRole: arn:aws:iam::123456789012:instance-profile/ecsInstanceRole
                InstanceTypes: [c6g]
                ImageId: "{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id}}"
                Ec2Configuration:
                  - ImageType: ECS_AL2
                    ImageIdOverride: "{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id}}"
        """,
        id="batch-images",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Fleet:
            Type: AWS::EC2::SpotFleet
            Properties:
              SpotFleetRequestConfigData:
                IamFleetRole: arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role
                TargetCapacity: 2
                LaunchSpecifications:
                  - ImageId: ami-0abcdef1234567890
                    InstanceType: c5.large
                  - ImageId: ami-0abcdef1234567890
                    InstanceType: c6g.large
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Fleet:
            Type: AWS::EC2::SpotFleet
            Properties:
              SpotFleetRequestConfigData:
                IamFleetRole: arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role
                TargetCapacity: 2
                LaunchSpecifications:
                  - ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                    InstanceType: c5.large
                  - ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}"
                    InstanceType: c6g.large
        """,
        id="spot-fleet",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Mappings:
          RegionMap:
            us-east-1:
              AMI: ami-0aaaaaaaaaaaaaaaa
            eu-west-1:
              AMI: ami-0bbbbbbbbbbbbbbbb
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
              InstanceType: t3.micro
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
        """,
        id="region-map",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          InstanceType:
            Type: String
            Default: t3.small
            AllowedValues: [t3.small, m5.large]
        Mappings:
          AWSInstanceType2Arch:
            t3.small:
              Arch: HVM64
            m5.large:
              Arch: HVM64
          AWSRegionArch2AMI:
            us-east-1:
              HVM64: ami-0aaaaaaaaaaaaaaaa
            eu-west-1:
              HVM64: ami-0bbbbbbbbbbbbbbbb
          Settings:
            us-east-1:
              Size: "20"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap
                - AWSRegionArch2AMI
                - !Ref AWS::Region
                - !FindInMap [AWSInstanceType2Arch, !Ref InstanceType, Arch]
              InstanceType: !Ref InstanceType
        Outputs:
          Size:
            Value: !FindInMap [Settings, us-east-1, Size]
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          InstanceType:
            Type: String
            Default: t3.small
            AllowedValues: [t3.small, m5.large]
        Mappings:
          Settings:
            us-east-1:
              Size: "20"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: !Ref InstanceType
        Outputs:
          Size:
            Value: !FindInMap [Settings, us-east-1, Size]
        """,
        id="region-arch-maps",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Mappings:
          RegionMap:
            us-east-1:
              AMI: ami-0aaaaaaaaaaaaaaaa
            eu-west-1:
              AMI: ami-0bbbbbbbbbbbbbbbb
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
              InstanceType: t3.micro
        Outputs:
          BaseImage:
            Value: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Mappings:
          RegionMap:
            us-east-1:
              AMI: ami-0aaaaaaaaaaaaaaaa
            eu-west-1:
              AMI: ami-0bbbbbbbbbbbbbbbb
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
        Outputs:
          BaseImage:
            Value: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
        """,
        id="map-kept-when-used",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
            Default: ami-0abcdef1234567890
            Description: Image for the web server
            AllowedPattern: "ami-[0-9a-f]{8,17}"
            ConstraintDescription: must be an AMI id
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ImageId:
            Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
            Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
            Description: Image for the web server
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
        """,
        id="parameter-default",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Single Ubuntu host for the build agent
        Resources:
          Agent:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.micro
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Single Ubuntu host for the build agent
        Resources:
          Agent:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id}}"
              InstanceType: t3.micro
        """,
        id="description-names-ubuntu",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Reporting host; patches run in the weekly maintenance windows
        Resources:
          Reports:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.micro
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Reporting host; patches run in the weekly maintenance windows
        Resources:
          Reports:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
        """,
        id="description-backup-windows",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                UserData:
                  Fn::Base64: |
                    #!/bin/bash
                    apt-get install -y nginx
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: m5.large
                      ImageId: ami-0abcdef1234567890
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                UserData:
                  Fn::Base64: |
                    #!/bin/bash
                    apt-get install -y nginx
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: m5.large
                      ImageId: "{{resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id}}"
        """,
        id="group-override-reads-template",
    ),
]

REPAIRED_JSON = [
    pytest.param(
        """\
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Mappings": {
            "RegionMap": {
              "us-east-1": {"AMI": "ami-0aaaaaaaaaaaaaaaa"},
              "eu-west-1": {"AMI": "ami-0bbbbbbbbbbbbbbbb"}
            }
          },
          "Resources": {
            "Web": {
              "Type": "AWS::EC2::Instance",
              "Properties": {
                "ImageId": {"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "AMI"]},
                "InstanceType": "t4g.micro"
              }
            }
          }
        }
        """,
        """\
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Web": {
              "Type": "AWS::EC2::Instance",
              "Properties": {
                "ImageId": "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}",
                "InstanceType": "t4g.micro"
              }
            }
          }
        }
        """,
        id="json-region-map",
    ),
]

# Each input stays byte-identical; the second value is the notice, or None.
UNCHANGED_YAML = [
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
        """,
        None,
        id="already-dynamic",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          LatestAmiId:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref LatestAmiId
              InstanceType: t3.micro
        """,
        None,
        id="ssm-parameter",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
        """,
        None,
        id="parameter-without-default",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
        """,
        None,
        id="native-launch-template-reference",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Stage:
            Type: String
            Default: dev
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !If [IsProd, ami-0aaaaaaaaaaaaaaaa, ami-0bbbbbbbbbbbbbbbb]
              InstanceType: t3.micro
        """,
        "the image is chosen by Fn::If; left as written",
        id="if-wrapped",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Stage:
            Type: String
            Default: dev
        Mappings:
          StageMap:
            dev:
              AMI: ami-0aaaaaaaaaaaaaaaa
            prod:
              AMI: ami-0bbbbbbbbbbbbbbbb
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap [StageMap, !Ref Stage, AMI]
              InstanceType: t3.micro
        """,
        "AMI lookup in 'StageMap' left as written: the mapping is not keyed by "
        "AWS::Region",
        id="map-keyed-by-stage",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Distribution:
            Type: String
            Default: Linux
        Mappings:
          RegionMap:
            us-east-1:
              Linux: ami-0aaaaaaaaaaaaaaaa
              Windows: ami-0bbbbbbbbbbbbbbbb
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", !Ref Distribution]
              InstanceType: t3.micro
        """,
        "AMI lookup in 'RegionMap' left as written: the column is chosen at "
        "deploy time",
        id="map-column-from-parameter",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.micro
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  rpm -Uvh https://example.com/agent/centos/amd64/latest/agent.rpm
        """,
        "AMI id 'ami-0abcdef1234567890' left as written: the boot script or "
        "mapping key names an OS without a supported public parameter",
        id="centos-userdata",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0abcdef1234567890
                InstanceType: m5.large
                UserData:
                  Fn::Base64: !Sub |
                    #!/bin/bash
                    /etc/eks/bootstrap.sh my-cluster
        """,
        "AMI id 'ami-0abcdef1234567890' left as written: EKS nodes need the "
        "EKS-optimized image of the cluster's Kubernetes version",
        id="eks-node",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0abcdef1234567890
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: t3.small
                    - InstanceType: t4g.small
        """,
        "AMI id 'ami-0abcdef1234567890' left as written: the instance types mix"
        " arm64 (t4g.small) and x86_64 (t3.small)",
        id="mixed-architectures",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: m7g.large
              UserData:
                Fn::Base64: "<powershell>Get-Date</powershell>"
        """,
        "AMI id 'ami-0abcdef1234567890' left as written: AWS publishes no "
        "Windows Server 2022 image for arm64",
        id="windows-on-graviton",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Mappings:
          RegionMap:
            us-east-1:
              GPU: ami-0aaaaaaaaaaaaaaaa
        Resources:
          Trainer:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", GPU]
              InstanceType: g5.xlarge
        """,
        "AMI lookup in 'RegionMap' left as written: the mapping key or image "
        "type names a GPU image",
        id="gpu-column",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ImageId:
            Type: String
            Default: ami-0aaaaaaaaaaaaaaaa
            AllowedValues: [ami-0aaaaaaaaaaaaaaaa, ami-0bbbbbbbbbbbbbbbb]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
        """,
        "AMI parameter 'ImageId' left as written: it lists allowed AMI ids",
        id="parameter-allowed-values",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
            Default: ami-0aaaaaaaaaaaaaaaa
        Resources:
          Small:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: t3.micro
          Large:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              InstanceType: c7g.large
        """,
        "AMI parameter 'ImageId' left as written: it feeds resources that need "
        "different images (Amazon Linux 2023 image, Amazon Linux 2023 image "
        "(arm64))",
        id="parameter-shared-by-kinds",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Recipe:
            Type: AWS::ImageBuilder::ImageRecipe
            Properties:
              Name: web
              Version: 1.0.0
              ParentImage: ami-0abcdef1234567890
              Components:
                - ComponentArn: arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x
        """,
        None,
        id="image-builder-recipe",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: AWS::SageMaker::Cluster
            Properties:
              InstanceGroups:
                - InstanceGroupName: workers
                  InstanceType: ml.c5.xlarge
                  InstanceCount: 1
                  ExecutionRole: arn:aws:iam::123456789012:role/hyperpod
                  ImageId: ami-0abcdef1234567890
        """,
        "this service needs an image built for it; left as written",
        id="hyperpod-cluster",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Metadata:
              cfn-fixer:
                ignore: [hardcoded-ami]
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.micro
        """,
        None,
        id="suppressed-by-metadata",
    ),
]


# -- helpers ---------------------------------------------------------------------------


def _case(table: list, case_id: str) -> str:
    return textwrap.dedent(
        next(param.values[0] for param in table if param.id == case_id)
    )


def _notices(text: str, **options) -> list[str]:
    chosen = Options(select=frozenset({"FX301"}), **options)
    result = repair(textwrap.dedent(text), "t.yaml", chosen, format="yaml")
    assert result.error is None, str(result.error)
    return [notice.message for notice in result.notices]


def _assert_repaired(before: str, expected: str, format: str) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, "FX301")
    assert output == textwrap.dedent(expected)
    assert changes
    assert all(change.fix_id == "FX301" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()
    assert dangling_references(load(output, format)) == []

    again, again_changes = fix(output, "FX301")
    assert again == output
    assert again_changes == []


# -- tests -----------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_ami_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_ami_json_repaired(before, expected):
    _assert_repaired(before, expected, "json")


@pytest.mark.parametrize(("text", "notice"), UNCHANGED_YAML)
def test_ami_yaml_unchanged(text, notice):
    output, changes = fix_yaml(text, "FX301")
    assert output == textwrap.dedent(text)
    assert changes == []
    assert _notices(text) == ([notice] if notice else [])


def test_ami_option_overrides_choice():
    text = _case(REPAIRED_YAML, "windows-userdata")
    path = "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base"
    output, _ = fix_yaml(text, "FX301", ami_parameter=path)
    image = load(output)["Resources"]["Server"]["Properties"]["ImageId"]
    assert image == "{{resolve:ssm:" + path + "}}"


def test_ami_option_sets_parameter_default():
    text = _case(REPAIRED_YAML, "parameter-default")
    path = "/company/images/web"
    output, _ = fix_yaml(text, "FX301", ami_parameter=path)
    parameter = load(output)["Parameters"]["ImageId"]
    assert parameter["Default"] == path
    assert parameter["Type"] == "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"


def test_ami_option_strips_resolve_wrapper():
    text = _case(REPAIRED_YAML, "literal-default-al2023")
    path = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.12-x86_64"
    output, _ = fix_yaml(text, "FX301", ami_parameter="{{resolve:ssm:" + path + "}}")
    image = load(output)["Resources"]["Web"]["Properties"]["ImageId"]
    assert image == "{{resolve:ssm:" + path + "}}"


def test_ami_option_ignores_os_signs():
    text = _case(UNCHANGED_YAML, "centos-userdata")
    path = "/company/images/centos"
    output, changes = fix_yaml(text, "FX301", ami_parameter=path)
    assert len(changes) == 1
    image = load(output)["Resources"]["Web"]["Properties"]["ImageId"]
    assert image == "{{resolve:ssm:" + path + "}}"


def test_ami_map_not_pruned_when_suppressed_user():
    text = textwrap.dedent("""\
        Mappings:
          RegionMap:
            us-east-1:
              AMI: ami-0aaaaaaaaaaaaaaaa
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
          Legacy:
            Type: AWS::EC2::Instance
            Metadata:
              cfn-fixer:
                ignore: [FX301]
            Properties:
              ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
        """)
    output, _ = fix_yaml(text, "FX301")
    data = load(output)
    assert "RegionMap" in data["Mappings"]
    assert (
        data["Resources"]["Legacy"]["Properties"]["ImageId"]["Fn::FindInMap"][0]
        == "RegionMap"
    )
    assert data["Resources"]["Web"]["Properties"]["ImageId"].startswith(
        "{{resolve:ssm:"
    )


def test_ami_parameter_shared_with_suppressed_resource():
    text = """\
        Parameters:
          ImageId:
            Type: AWS::EC2::Image::Id
            Default: ami-0aaaaaaaaaaaaaaaa
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
          Legacy:
            Type: AWS::EC2::Instance
            Metadata:
              cfn-fixer:
                ignore: [hardcoded-ami]
            Properties:
              ImageId: !Ref ImageId
        """
    output, changes = fix_yaml(text, "FX301")
    assert output == textwrap.dedent(text)
    assert changes == []
    assert _notices(text) == [
        "AMI parameter 'ImageId' left as written: "
        "a resource that turns this fix off uses it too"
    ]


@pytest.mark.parametrize(
    ("instance_type", "graviton"),
    [
        pytest.param("a1.large", True, id="a1"),
        pytest.param("t4g.nano", True, id="t4g"),
        pytest.param("c7gn.xlarge", True, id="c7gn"),
        pytest.param("x2gd.medium", True, id="x2gd"),
        pytest.param("im4gn.large", True, id="im4gn"),
        pytest.param("is4gen.large", True, id="is4gen"),
        pytest.param("g5g.xlarge", True, id="g5g"),
        pytest.param("c6g", True, id="batch-family"),
        pytest.param("default_arm64", True, id="batch-default-arm64"),
        pytest.param("t3.micro", False, id="t3"),
        pytest.param("g4dn.xlarge", False, id="g4dn"),
        pytest.param("g4ad.xlarge", False, id="g4ad"),
        pytest.param("x2idn.16xlarge", False, id="x2idn"),
        pytest.param("gr6.4xlarge", False, id="gr6"),
        pytest.param("c7i-flex.large", False, id="c7i-flex"),
        pytest.param("optimal", False, id="batch-optimal"),
    ],
)
def test_graviton_family_detection(instance_type, graviton):
    assert _is_graviton(instance_type) is graviton
