"""FX202: literal EC2 key pair names become an optional KeyName parameter."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
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
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: my-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Web. Leave empty to launch without a key pair.
        Conditions:
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        id="instance-literal",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                KeyName: deploy-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Template. Leave empty to launch without a key pair.
        Conditions:
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        id="launch-template",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Size:
            Type: String
            Default: t3.micro
        Resources:
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: !Ref Size
              KeyName: ops
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Size:
            Type: String
            Default: t3.micro
          KeyName:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Config. Leave empty to launch without a key pair.
        Conditions:
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: !Ref Size
              KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        id="launch-configuration",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Fleet:
            Type: AWS::EC2::SpotFleet
            Properties:
              SpotFleetRequestConfigData:
                IamFleetRole: arn:aws:iam::123456789012:role/spot-fleet
                TargetCapacity: 2
                LaunchSpecifications:
                  - ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                    InstanceType: c5.large
                    KeyName: batch-key
                  - ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                    InstanceType: m5.large
                    KeyName: batch-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Fleet. Leave empty to launch without a key pair.
        Conditions:
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Fleet:
            Type: AWS::EC2::SpotFleet
            Properties:
              SpotFleetRequestConfigData:
                IamFleetRole: arn:aws:iam::123456789012:role/spot-fleet
                TargetCapacity: 2
                LaunchSpecifications:
                  - ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                    InstanceType: c5.large
                    KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
                  - ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
                    InstanceType: m5.large
                    KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        id="spot-fleet-specs",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
          Fleet:
            Type: AWS::EC2::EC2Fleet
            Properties:
              TargetCapacitySpecification:
                TotalTargetCapacity: 1
              LaunchTemplateConfigs:
                - LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: c5.large
                      KeyName: fleet-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Fleet. Leave empty to launch without a key pair.
        Conditions:
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
          Fleet:
            Type: AWS::EC2::EC2Fleet
            Properties:
              TargetCapacitySpecification:
                TotalTargetCapacity: 1
              LaunchTemplateConfigs:
                - LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt Template.LatestVersionNumber
                  Overrides:
                    - InstanceType: c5.large
                      KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        id="ec2-fleet-override",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Environment:
            Type: String
            Default: dev
        Conditions:
          IsProd: !Equals [!Ref Environment, prod]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: team-key
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: team-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Environment:
            Type: String
            Default: dev
          KeyName:
            Type: String
            Default: ""
            Description: "Name of an existing EC2 key pair for SSH access to Web, Worker. Leave empty to launch without a key pair."
        Conditions:
          IsProd: !Equals [!Ref Environment, prod]
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        id="shared-literal",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Bastion:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: bastion-key
          App:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: app-key
          AppTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: app-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          BastionKeyName:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Bastion. Leave empty to launch without a key pair.
          AppKeyName:
            Type: String
            Default: ""
            Description: "Name of an existing EC2 key pair for SSH access to App, AppTemplate. Leave empty to launch without a key pair."
        Conditions:
          HasBastionKeyPair: !Not [!Equals [!Ref BastionKeyName, ""]]
          HasAppKeyPair: !Not [!Equals [!Ref AppKeyName, ""]]
        Resources:
          Bastion:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasBastionKeyPair, !Ref BastionKeyName, !Ref AWS::NoValue]
          App:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasAppKeyPair, !Ref AppKeyName, !Ref AWS::NoValue]
          AppTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: !If [HasAppKeyPair, !Ref AppKeyName, !Ref AWS::NoValue]
        """,
        id="distinct-literals",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          SshKey:
            Type: String
            Default: ""
            Description: Optional key pair
        Conditions:
          UseSshKey: !Not [!Equals ["", !Ref SshKey]]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [UseSshKey, !Ref SshKey, !Ref AWS::NoValue]
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: legacy-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          SshKey:
            Type: String
            Default: ""
            Description: Optional key pair
        Conditions:
          UseSshKey: !Not [!Equals ["", !Ref SshKey]]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [UseSshKey, !Ref SshKey, !Ref AWS::NoValue]
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [UseSshKey, !Ref SshKey, !Ref AWS::NoValue]
        """,
        id="reuse-existing-parameter",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !Ref KeyName
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: worker-key
        """,
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
          KeyName2:
            Type: String
            Default: ""
            Description: Name of an existing EC2 key pair for SSH access to Worker. Leave empty to launch without a key pair.
        Conditions:
          HasKeyPair2: !Not [!Equals [!Ref KeyName2, ""]]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !Ref KeyName
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasKeyPair2, !Ref KeyName2, !Ref AWS::NoValue]
        """,
        id="name-taken",
    ),
]

REPAIRED_JSON = [
    pytest.param(
        """\
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Web": {
              "Type": "AWS::EC2::Instance",
              "Properties": {
                "ImageId": "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}",
                "InstanceType": "t3.micro",
                "KeyName": "my-key"
              }
            }
          }
        }
        """,
        """\
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Parameters": {
            "KeyName": {
              "Type": "String",
              "Default": "",
              "Description": "Name of an existing EC2 key pair for SSH access to Web. Leave empty to launch without a key pair."
            }
          },
          "Conditions": {
            "HasKeyPair": {
              "Fn::Not": [
                {
                  "Fn::Equals": [
                    {
                      "Ref": "KeyName"
                    },
                    ""
                  ]
                }
              ]
            }
          },
          "Resources": {
            "Web": {
              "Type": "AWS::EC2::Instance",
              "Properties": {
                "ImageId": "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}",
                "InstanceType": "t3.micro",
                "KeyName": {"Fn::If": ["HasKeyPair", {"Ref": "KeyName"}, {"Ref": "AWS::NoValue"}]}
              }
            }
          }
        }
        """,
        id="json-instance",
    ),
]

# Each input stays byte-identical; the second value is the notice, or None.
UNCHANGED_YAML = [
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !Ref KeyName
        """,
        "parameter 'KeyName' has type AWS::EC2::KeyPair::KeyName, which rejects"
        " an empty value, so a key pair is required; left as written",
        id="required-key-parameter",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: String
            Default: ""
        Conditions:
          HasKeyPair: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [HasKeyPair, !Ref KeyName, !Ref AWS::NoValue]
        """,
        None,
        id="already-optional",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: ""
        """,
        None,
        id="empty-literal",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: AWS::EMR::Cluster
            Properties:
              Name: analytics
              ReleaseLabel: emr-7.1.0
              JobFlowRole: EMR_EC2_DefaultRole
              ServiceRole: EMR_DefaultRole
              Instances:
                Ec2KeyName: emr-key
                MasterInstanceGroup:
                  InstanceCount: 1
                  InstanceType: m5.xlarge
        """,
        None,
        id="emr-key-name",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Key:
            Type: AWS::EC2::KeyPair
            Properties:
              KeyName: generated-key
        """,
        None,
        id="key-pair-resource",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Environment:
            Type: String
            Default: dev
        Conditions:
          IsProd: !Equals [!Ref Environment, prod]
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !If [IsProd, prod-key, !Ref AWS::NoValue]
        """,
        "KeyName is chosen by Fn::If around a literal key pair name; left as written",
        id="if-around-literal",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          KeyName:
            Type: String
            Default: office-key
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: !Ref KeyName
        """,
        "parameter 'KeyName' defaults to key pair 'office-key', which exists in"
        " one account and region only; left as written",
        id="string-parameter-default",
    ),
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
        id="no-key-name",
    ),
    pytest.param(
        """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Metadata:
              cfn-fixer:
                ignore: [FX202]
            Properties:
              ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
              InstanceType: t3.micro
              KeyName: my-key
        """,
        None,
        id="suppressed-by-metadata",
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
                InstanceTypes: [optimal]
                Ec2KeyPair: batch-key
        """,
        None,
        id="batch-key-pair",
    ),
]


# -- helpers ---------------------------------------------------------------------------


def _case(table: list, case_id: str) -> str:
    return textwrap.dedent(
        next(param.values[0] for param in table if param.id == case_id)
    )


def _notices(text: str) -> list[str]:
    chosen = Options(select=frozenset({"FX202"}))
    result = repair(textwrap.dedent(text), "t.yaml", chosen, format="yaml")
    assert result.error is None, str(result.error)
    return [notice.message for notice in result.notices]


def _assert_repaired(before: str, expected: str, format: str) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, "FX202")
    assert output == textwrap.dedent(expected)
    assert changes
    assert all(change.fix_id == "FX202" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()
    assert dangling_references(load(output, format)) == []

    again, again_changes = fix(output, "FX202")
    assert again == output
    assert again_changes == []


# -- tests -----------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_key_pair_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_key_pair_json_repaired(before, expected):
    _assert_repaired(before, expected, "json")


@pytest.mark.parametrize(("text", "notice"), UNCHANGED_YAML)
def test_key_pair_yaml_unchanged(text, notice):
    output, changes = fix_yaml(text, "FX202")
    assert output == textwrap.dedent(text)
    assert changes == []
    assert _notices(text) == ([notice] if notice else [])


def test_key_pair_parameter_accepts_empty_value():
    output, _ = fix_yaml(_case(REPAIRED_YAML, "instance-literal"), "FX202")
    parameter = load(output)["Parameters"]["KeyName"]
    assert parameter["Type"] == "String"
    assert parameter["Default"] == ""


def test_key_pair_notice_for_required_parameter():
    assert _notices(_case(REPAIRED_YAML, "name-taken")) == [
        "parameter 'KeyName' has type AWS::EC2::KeyPair::KeyName, which rejects "
        "an empty value, so a key pair is required; left as written"
    ]


def test_key_pair_one_notice_per_parameter():
    text = """\
        Parameters:
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              KeyName: !Ref KeyName
          Worker:
            Type: AWS::EC2::Instance
            Properties:
              KeyName: !Ref KeyName
        """
    assert len(_notices(text)) == 1


def test_key_pair_distinct_literals_get_own_parameters():
    output, _ = fix_yaml(_case(REPAIRED_YAML, "distinct-literals"), "FX202")
    resources = load(output)["Resources"]
    bastion = resources["Bastion"]["Properties"]["KeyName"]["Fn::If"]
    app = resources["App"]["Properties"]["KeyName"]["Fn::If"]
    template = resources["AppTemplate"]["Properties"]["LaunchTemplateData"]["KeyName"]
    assert bastion[1] == {"Ref": "BastionKeyName"}
    assert app[1] == {"Ref": "AppKeyName"}
    assert template["Fn::If"] == app
