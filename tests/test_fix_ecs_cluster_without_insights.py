"""FX403: Container Insights and Fargate capacity providers for ECS clusters."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from helpers import dangling_references, fix_json, fix_yaml, lint_findings, load

# -- cases ----------------------------------------------------------------------------

REPAIRED_YAML = [
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
        """,
        id="bare-cluster-gets-insights",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
          Bucket:
            Type: AWS::S3::Bucket
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Bucket:
            Type: AWS::S3::Bucket
        """,
        id="empty-properties-filled",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: shop
              Tags:
                - Key: team
                  Value: web
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: shop
              Tags:
                - Key: team
                  Value: web
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
        """,
        id="named-cluster-appends-setting",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
              CapacityProviders:
                - FARGATE
                - FARGATE_SPOT
              DefaultCapacityProviderStrategy:
                - CapacityProvider: FARGATE
                  Weight: 1
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        id="fargate-service-adds-providers",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !GetAtt Cluster.Arn
              CapacityProviderStrategy:
                - CapacityProvider: FARGATE_SPOT
                  Weight: 1
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
              CapacityProviders:
                - FARGATE
                - FARGATE_SPOT
              DefaultCapacityProviderStrategy:
                - CapacityProvider: FARGATE
                  Weight: 1
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !GetAtt Cluster.Arn
              CapacityProviderStrategy:
                - CapacityProvider: FARGATE_SPOT
                  Weight: 1
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        id="spot-strategy-adds-providers",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: shop
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: shop
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: shop
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
              CapacityProviders:
                - FARGATE
                - FARGATE_SPOT
              DefaultCapacityProviderStrategy:
                - CapacityProvider: FARGATE
                  Weight: 1
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: shop
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        id="fargate-task-without-launch-type",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
          Ec2Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: worker
                  Image: public.ecr.aws/docker/library/busybox:latest
                  Memory: 128
                  Essential: true
          Worker:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              TaskDefinition: !Ref Ec2Task
              DesiredCount: 1
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
          Ec2Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: worker
                  Image: public.ecr.aws/docker/library/busybox:latest
                  Memory: 128
                  Essential: true
          Worker:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              TaskDefinition: !Ref Ec2Task
              DesiredCount: 1
        """,
        id="ec2-service-blocks-default-strategy",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
          EventsRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: events.amazonaws.com
                    Action: sts:AssumeRole
          Nightly:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: cron(0 2 * * ? *)
              Targets:
                - Id: nightly
                  Arn: !GetAtt Cluster.Arn
                  RoleArn: !GetAtt EventsRole.Arn
                  EcsParameters:
                    TaskDefinitionArn: !Ref Task
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
          EventsRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: events.amazonaws.com
                    Action: sts:AssumeRole
          Nightly:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: cron(0 2 * * ? *)
              Targets:
                - Id: nightly
                  Arn: !GetAtt Cluster.Arn
                  RoleArn: !GetAtt EventsRole.Arn
                  EcsParameters:
                    TaskDefinitionArn: !Ref Task
        """,
        id="scheduled-task-blocks-default-strategy",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Providers:
            Type: AWS::ECS::ClusterCapacityProviderAssociations
            Properties:
              Cluster: !Ref Cluster
              CapacityProviders: [FARGATE]
              DefaultCapacityProviderStrategy:
                - CapacityProvider: FARGATE
                  Weight: 1
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Providers:
            Type: AWS::ECS::ClusterCapacityProviderAssociations
            Properties:
              Cluster: !Ref Cluster
              CapacityProviders: [FARGATE]
              DefaultCapacityProviderStrategy:
                - CapacityProvider: FARGATE
                  Weight: 1
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        id="association-keeps-providers",
    ),
]

REPAIRED_JSON = [
    pytest.param(
        """\
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::ECS::Cluster",
              "Properties": {
                "ClusterName": "shop"
              }
            },
            "Task": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc",
                "Cpu": "256",
                "Memory": "512",
                "ContainerDefinitions": [
                  {"Name": "web", "Image": "public.ecr.aws/nginx/nginx:latest", "Essential": true}
                ]
              }
            },
            "Service": {
              "Type": "AWS::ECS::Service",
              "Properties": {
                "Cluster": {"Ref": "Cluster"},
                "LaunchType": "FARGATE",
                "TaskDefinition": {"Ref": "Task"},
                "DesiredCount": 1,
                "NetworkConfiguration": {
                  "AwsvpcConfiguration": {"Subnets": ["subnet-0a1b2c3d"]}
                }
              }
            }
          }
        }
        """,
        """\
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::ECS::Cluster",
              "Properties": {
                "ClusterName": "shop",
                "ClusterSettings": [
                  {
                    "Name": "containerInsights",
                    "Value": "enabled"
                  }
                ],
                "CapacityProviders": [
                  "FARGATE",
                  "FARGATE_SPOT"
                ],
                "DefaultCapacityProviderStrategy": [
                  {
                    "CapacityProvider": "FARGATE",
                    "Weight": 1
                  }
                ]
              }
            },
            "Task": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc",
                "Cpu": "256",
                "Memory": "512",
                "ContainerDefinitions": [
                  {"Name": "web", "Image": "public.ecr.aws/nginx/nginx:latest", "Essential": true}
                ]
              }
            },
            "Service": {
              "Type": "AWS::ECS::Service",
              "Properties": {
                "Cluster": {"Ref": "Cluster"},
                "LaunchType": "FARGATE",
                "TaskDefinition": {"Ref": "Task"},
                "DesiredCount": 1,
                "NetworkConfiguration": {
                  "AwsvpcConfiguration": {"Subnets": ["subnet-0a1b2c3d"]}
                }
              }
            }
          }
        }
        """,
        id="json-fargate-cluster",
    ),
]

UNCHANGED_YAML = [
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
        """,
        id="insights-enabled-kept",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: disabled
        """,
        id="insights-disabled-kept",
    ),
    pytest.param(
        """\
        Conditions:
          IsProduction: !Equals [!Ref "AWS::StackName", production]
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings: !If
                - IsProduction
                - [{Name: containerInsights, Value: enhanced}]
                - !Ref AWS::NoValue
        """,
        id="settings-intrinsic-kept",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              CapacityProviders: [FARGATE]
              ClusterSettings:
                - Name: containerInsights
                  Value: enhanced
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        id="providers-already-set",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Ec2Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: worker
                  Image: public.ecr.aws/docker/library/busybox:latest
                  Memory: 128
                  Essential: true
          Worker:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: EC2
              TaskDefinition: !Ref Ec2Task
              DesiredCount: 1
        """,
        id="ec2-service-only",
    ),
    pytest.param(
        """\
        Parameters:
          ClusterName:
            Type: String
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Essential: true
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref ClusterName
              LaunchType: FARGATE
              TaskDefinition: !Ref Task
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """,
        id="service-on-other-cluster",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Metadata:
              cfn-fixer:
                ignore: [FX403]
        """,
        id="suppressed-by-metadata",
    ),
    pytest.param(
        """\
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
        """,
        id="no-cluster",
    ),
]

NOTICES = [
    pytest.param(
        "insights-disabled-kept",
        ("Resources", "Cluster", "Properties", "ClusterSettings", 0, "Value"),
        "Container Insights is turned off explicitly; left as written",
        id="disabled",
    ),
    pytest.param(
        "settings-intrinsic-kept",
        ("Resources", "Cluster", "Properties", "ClusterSettings"),
        "ClusterSettings is an intrinsic function; left as written",
        id="intrinsic",
    ),
]

BLOCKED = [
    pytest.param(
        "ec2-service-blocks-default-strategy",
        ("Resources", "Worker"),
        id="ec2-service",
    ),
    pytest.param(
        "scheduled-task-blocks-default-strategy",
        ("Resources", "Nightly"),
        id="scheduled-task",
    ),
]


# -- checks ---------------------------------------------------------------------------


def _assert_repaired(before: str, expected: str, format: str, **options) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, "FX403", **options)
    assert output == textwrap.dedent(expected)
    assert any(change.fix_id == "FX403" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()
    assert dangling_references(load(output, format)) == []

    again, again_changes = fix(output, "FX403", **options)
    assert again == output
    assert again_changes == []


def _repair(text: str):
    options = Options(select=frozenset({"FX403"}))
    return repair(textwrap.dedent(text), "t.yaml", options)


def _case(table: list, case: str) -> str:
    return {param.id: param.values[0] for param in table}[case]


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_ecs_insights_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_ecs_insights_json_repaired(before, expected):
    _assert_repaired(before, expected, "json")


@pytest.mark.parametrize("text", UNCHANGED_YAML)
def test_ecs_insights_yaml_unchanged(text):
    output, changes = fix_yaml(text, "FX403")
    assert output == textwrap.dedent(text)
    assert changes == []


@pytest.mark.parametrize(("case", "path", "message"), NOTICES)
def test_ecs_insights_reports_notice(case, path, message):
    result = _repair(_case(UNCHANGED_YAML, case))
    assert result.output == result.input
    assert [(notice.path, notice.message) for notice in result.notices] == [
        (path, message)
    ]


@pytest.mark.parametrize(("case", "path"), BLOCKED)
def test_ecs_insights_default_strategy_blocked(case, path):
    result = _repair(_case(REPAIRED_YAML, case))
    assert [notice.path for notice in result.notices] == [path]
    assert "would run them on Fargate instead of EC2" in result.notices[0].message
    cluster = load(result.output)["Resources"]["Cluster"]["Properties"]
    assert "DefaultCapacityProviderStrategy" not in cluster
    assert "CapacityProviders" not in cluster


def test_ecs_insights_enhanced_option():
    before = """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: shop
        """
    expected = """\
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: shop
              ClusterSettings:
                - Name: containerInsights
                  Value: enhanced
        """
    _assert_repaired(before, expected, "yaml", container_insights="enhanced")


def test_ecs_insights_enhanced_keeps_enabled():
    text = _case(UNCHANGED_YAML, "insights-enabled-kept")
    output, changes = fix_yaml(text, "FX403", container_insights="enhanced")
    assert output == textwrap.dedent(text)
    assert changes == []


def test_ecs_insights_unresolved_association_blocks():
    text = """\
        Parameters:
          OtherCluster:
            Type: String
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          Providers:
            Type: AWS::ECS::ClusterCapacityProviderAssociations
            Properties:
              Cluster: !Ref OtherCluster
              CapacityProviders: [FARGATE]
              DefaultCapacityProviderStrategy:
                - CapacityProvider: FARGATE
                  Weight: 1
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              TaskDefinition: arn:aws:ecs:us-east-1:123456789012:task-definition/web:1
              DesiredCount: 1
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-0a1b2c3d]
        """
    result = _repair(text)
    assert result.output == result.input
    assert [notice.path for notice in result.notices] == [
        ("Resources", "Providers", "Properties", "Cluster")
    ]
