"""FX401: SNS alarm actions go, with the topics and inputs that only they used."""

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

FIX = "FX401"

ALARM_BODY = """\
      MetricName: CPUUtilization
      Namespace: AWS/EC2
      Statistic: Average
      Period: 300
      EvaluationPeriods: 1
      Threshold: 80
      ComparisonOperator: GreaterThanThreshold"""


def _template(body: str) -> str:
    """Dedent ``body`` and replace the ALARM_BODY placeholder with the alarm metric."""
    return textwrap.dedent(body).replace("      ALARM_BODY", ALARM_BODY)


def _warnings(text: str) -> set[str]:
    return {finding for finding in lint_findings(text) if finding.startswith("W")}


def _check_repaired(before: str, after: str, fmt: str = "yaml") -> None:
    assert lint_errors(after) == []
    assert _warnings(after) <= _warnings(before)
    assert dangling_references(load(after, fmt)) == []
    again, changes = (fix_json if fmt == "json" else fix_yaml)(after, FIX)
    assert again == after
    assert changes == []


REPAIRED = [
    pytest.param(
        """
        Parameters:
          AlertEmail:
            Type: String
            Default: ops@example.com
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          EmailSubscription:
            Type: AWS::SNS::Subscription
            Properties:
              TopicArn: !Ref AlarmTopic
              Protocol: email
              Endpoint: !Ref AlertEmail
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            DependsOn: [AlarmTopic, EmailSubscription]
            Properties:
              ALARM_BODY
              AlarmActions:
                - !Ref AlarmTopic
              OKActions:
                - !Ref AlarmTopic
        Outputs:
          TopicArn:
            Value: !Ref AlarmTopic
        """,
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: notBreaching
        """,
        id="topic_subscription_parameter_output",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
            Properties:
              Subscription:
                - Endpoint: ops@example.com
                  Protocol: email
          ScaleUp:
            Type: AWS::AutoScaling::ScalingPolicy
            Properties:
              AutoScalingGroupName: my-group
              ScalingAdjustment: 1
              AdjustmentType: ChangeInCapacity
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !GetAtt AlarmTopic.TopicArn
                - !Ref ScaleUp
              TreatMissingData: missing
        """,
        """
        Resources:
          ScaleUp:
            Type: AWS::AutoScaling::ScalingPolicy
            Properties:
              AutoScalingGroupName: my-group
              ScalingAdjustment: 1
              AdjustmentType: ChangeInCapacity
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !Ref ScaleUp
              TreatMissingData: missing
        """,
        id="getatt_topic_scaling_policy_stays",
    ),
    pytest.param(
        """
        Parameters:
          TopicName:
            Type: String
            Default: alerts
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !Sub arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}
                - !Sub arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover
              InsufficientDataActions:
                - arn:aws:sns:us-east-1:123456789012:alerts
        """,
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !Sub arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover
              TreatMissingData: notBreaching
        """,
        id="sub_and_literal_arns_recover_stays",
    ),
    pytest.param(
        """
        Parameters:
          AlarmTopicArn:
            Type: String
          Environment:
            Type: String
            Default: dev
        Conditions:
          IsProduction: !Equals [!Ref Environment, prod]
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !If [IsProduction, !Ref AlarmTopicArn, !Ref AWS::NoValue]
        """,
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: notBreaching
        """,
        id="if_over_topic_parameter_prunes_condition",
    ),
    pytest.param(
        """
        Parameters:
          Destination:
            Type: String
            Description: ARN of the SNS topic for alarms
          OnCall:
            Type: String
        Conditions:
          HasOnCall: !Not [!Equals [!Ref OnCall, ""]]
        Resources:
          Pager:
            Type: AWS::SNS::Topic
            Condition: HasOnCall
          PagerSubscription:
            Type: AWS::SNS::Subscription
            Condition: HasOnCall
            Properties:
              TopicArn: !Ref Pager
              Protocol: https
              Endpoint: !Ref OnCall
          ErrorsAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: !If [HasOnCall, [!Ref Pager, !Ref Destination], !Ref AWS::NoValue]
        """,
        """
        Resources:
          ErrorsAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: notBreaching
        """,
        id="if_over_lists_prunes_https_subscription",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
          Composite:
            Type: AWS::CloudWatch::CompositeAlarm
            Properties:
              AlarmRule: !Sub ALARM(${CpuAlarm})
              AlarmActions:
                - !Ref AlarmTopic
        """,
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: notBreaching
          Composite:
            Type: AWS::CloudWatch::CompositeAlarm
            Properties:
              AlarmRule: !Sub ALARM(${CpuAlarm})
        """,
        id="composite_alarm_gets_no_treat_missing_data",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          Policy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics: [!Ref AlarmTopic]
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: cloudwatch.amazonaws.com}
                    Action: sns:Publish
                    Resource: !Ref AlarmTopic
          Bucket:
            Type: AWS::S3::Bucket
            DependsOn: Policy
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              OKActions: [!Ref AlarmTopic]
        """,
        """
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: notBreaching
        """,
        id="own_policy_goes_with_depends_on",
    ),
    pytest.param(
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: !Ref AWS::NotificationARNs
              TreatMissingData: breaching
        """,
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: breaching
        """,
        id="stack_notification_arns",
    ),
]

SHARED_POLICY = [
    pytest.param(
        """
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                    Action: kms:*
                    Resource: "*"
          AlarmTopic:
            Type: AWS::SNS::Topic
            Properties:
              KmsMasterKeyId: !Ref Key
          OtherTopic:
            Type: AWS::SNS::Topic
          Policy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics:
                - !Ref AlarmTopic
                - !Ref OtherTopic
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: cloudwatch.amazonaws.com}
                    Action: sns:Publish
                    Resource: !Ref AlarmTopic
                  - Effect: Allow
                    Principal: {Service: events.amazonaws.com}
                    Action: sns:Publish
                    Resource:
                      - !Ref AlarmTopic
                      - !Ref OtherTopic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
        """,
        """
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                    Action: kms:*
                    Resource: "*"
          OtherTopic:
            Type: AWS::SNS::Topic
          Policy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics:
                - !Ref OtherTopic
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: events.amazonaws.com}
                    Action: sns:Publish
                    Resource:
                      - !Ref OtherTopic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              TreatMissingData: notBreaching
        """,
        id="shared_policy_loses_topic_key_stays",
    ),
]

# Topics that something else uses: the alarm actions go, the topic and its
# subscriptions stay.
KEPT_TOPIC_USERS = [
    pytest.param(
        """
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              NotificationConfiguration:
                TopicConfigurations:
                  - Event: s3:ObjectCreated:*
                    Topic: !Ref AlarmTopic
        """,
        id="s3_notifications",
    ),
    pytest.param(
        """
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "2"
              LaunchConfigurationName: my-config
              AvailabilityZones: !GetAZs ""
              NotificationConfigurations:
                - TopicARN: !Ref AlarmTopic
                  NotificationTypes: [autoscaling:EC2_INSTANCE_LAUNCH]
        """,
        id="auto_scaling_notifications",
    ),
    pytest.param(
        """
          Rule:
            Type: AWS::CodeStarNotifications::NotificationRule
            Properties:
              Name: builds
              DetailType: BASIC
              EventTypeIds: [codebuild-project-build-state-failed]
              Resource: !Sub arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/x
              Targets:
                - TargetType: SNS
                  TargetAddress: !Ref AlarmTopic
        """,
        id="codestar_notifications",
    ),
    pytest.param(
        """
          Events:
            Type: AWS::RDS::EventSubscription
            Properties:
              SnsTopicArn: !Ref AlarmTopic
        """,
        id="rds_event_subscription",
    ),
    pytest.param(
        """
          Budget:
            Type: AWS::Budgets::Budget
            Properties:
              Budget:
                BudgetType: COST
                TimeUnit: MONTHLY
                BudgetLimit: {Amount: 100, Unit: USD}
              NotificationsWithSubscribers:
                - Notification:
                    NotificationType: ACTUAL
                    ComparisonOperator: GREATER_THAN
                    Threshold: 80
                  Subscribers:
                    - SubscriptionType: SNS
                      Address: !Ref AlarmTopic
        """,
        id="budget",
    ),
    pytest.param(
        """
          Handler:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/handler
              Code: {ZipFile: "def handler(event, context): pass"}
          HandlerSubscription:
            Type: AWS::SNS::Subscription
            Properties:
              TopicArn: !Ref AlarmTopic
              Protocol: lambda
              Endpoint: !GetAtt Handler.Arn
        """,
        id="lambda_subscription",
    ),
    pytest.param(
        """
          Publisher:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: sns:Publish
                    Resource: !Ref AlarmTopic
        """,
        id="iam_policy",
    ),
]

KEPT_TOPIC_TEMPLATE = """
Resources:
  AlarmTopic:
    Type: AWS::SNS::Topic
  EmailSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref AlarmTopic
      Protocol: email
      Endpoint: ops@example.com
  CpuAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
ALARM_BODY
      AlarmActions: [!Ref AlarmTopic]
"""

UNCHANGED = [
    pytest.param(
        """
        Resources:
          ScaleUp:
            Type: AWS::ApplicationAutoScaling::ScalingPolicy
            Properties:
              PolicyName: up
              PolicyType: StepScaling
              ScalingTargetId: my-target
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref ScaleUp]
        """,
        id="application_scaling_policy",
    ),
    pytest.param(
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - arn:aws:automate:us-east-1:ec2:stop
                - arn:aws:automate:us-east-1:ec2:terminate
                - !Sub arn:${AWS::Partition}:automate:${AWS::Region}:ec2:reboot
        """,
        id="ec2_actions",
    ),
    pytest.param(
        """
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:remediate
                - !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:opsitem:3#CATEGORY=Availability
                - !Sub arn:${AWS::Partition}:ssm-incidents::${AWS::AccountId}:response-plan/critical
        """,
        id="lambda_opsitem_incident_actions",
    ),
    pytest.param(
        """
        Parameters:
          ScalingPolicyArn:
            Type: String
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref ScalingPolicyArn]
        """,
        id="parameter_without_topic_hint",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Metadata:
              cfn-fixer:
                ignore: [FX401]
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
        """,
        id="alarm_metadata_ignore",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
            Metadata:
              cfn-fixer:
                ignore: [sns-alarm-actions]
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
        """,
        id="topic_metadata_ignore",
    ),
    pytest.param(
        """
        Metadata:
          cfn-fixer:
            ignore: [FX401]
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
        """,
        id="template_metadata_ignore",
    ),
    pytest.param(
        """
        Parameters:
          ParentAlertStack:
            Type: String
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - Fn::ImportValue: !Sub ${ParentAlertStack}-TopicARN
        """,
        id="imported_topic",
    ),
    pytest.param(
        """
        Parameters:
          Environment:
            Type: String
        Conditions:
          IsProduction: !Equals [!Ref Environment, prod]
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          ScaleUp:
            Type: AWS::AutoScaling::ScalingPolicy
            Properties:
              AutoScalingGroupName: my-group
              ScalingAdjustment: 1
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !If [IsProduction, !Ref AlarmTopic, !Ref ScaleUp]
        """,
        id="if_mixing_topic_and_policy",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
        """,
        id="alarm_without_actions",
    ),
    pytest.param(
        """
        Resources:
          Remediate:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/remediate
              Code: {ZipFile: "def handler(event, context): pass"}
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - !GetAtt Remediate.Arn
              OKActions:
                - !Join [":", [arn, !Ref AWS::Partition, automate, !Ref AWS::Region, ec2:recover]]
        """,
        id="lambda_getatt_and_join_recover",
    ),
    pytest.param(
        """
        Parameters:
          NotifyTopicArn:
            Type: String
        Resources:
          UnusedTopic:
            Type: AWS::SNS::Topic
          ScaleDown:
            Type: AWS::AutoScaling::ScalingPolicy
            Properties:
              AutoScalingGroupName: my-group
              ScalingAdjustment: -1
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              InsufficientDataActions: [!Ref ScaleDown]
        """,
        id="unused_topic_and_parameter_stay",
    ),
    pytest.param(
        """
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          Dashboard:
            Type: AWS::CloudWatch::Dashboard
            Properties:
              DashboardBody: !Sub '{"widgets":[{"type":"alarm","properties":{"alarms":["${AlarmTopic}"]}}]}'
        """,
        id="topic_without_alarm",
    ),
]


@pytest.mark.parametrize(("before", "expected"), REPAIRED)
def test_sns_actions_removed(before, expected):
    before, expected = _template(before), _template(expected)
    output, changes = fix_yaml(before, FIX)
    assert output == expected
    assert changes
    _check_repaired(before, output)


@pytest.mark.parametrize(("before", "expected"), SHARED_POLICY)
def test_sns_shared_policy_keeps_other_topic(before, expected):
    # The rewriter renders the edited statement anew, so compare data, not text.
    before, expected = _template(before), _template(expected)
    output, changes = fix_yaml(before, FIX)
    assert load(output) == load(expected)
    assert changes
    _check_repaired(before, output)


@pytest.mark.parametrize("user", KEPT_TOPIC_USERS)
def test_sns_topic_with_other_user_stays(user):
    resources = textwrap.indent(textwrap.dedent(user).lstrip("\n"), "  ")
    before = KEPT_TOPIC_TEMPLATE.replace("ALARM_BODY", ALARM_BODY) + resources
    output, _ = fix_yaml(before, FIX)
    data = load(output)
    assert "AlarmTopic" in data["Resources"]
    assert "EmailSubscription" in data["Resources"]
    assert "AlarmActions" not in data["Resources"]["CpuAlarm"]["Properties"]
    _check_repaired(before, output)


@pytest.mark.parametrize("before", UNCHANGED)
def test_sns_other_actions_unchanged(before):
    before = _template(before)
    output, changes = fix_yaml(before, FIX)
    assert changes == []
    assert output == before


def test_sns_exported_output_goes_with_topic():
    before = _template("""
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
        Outputs:
          TopicArn:
            Value: !Ref AlarmTopic
            Export:
              Name: alerts-topic
          TopicName:
            Value: !GetAtt AlarmTopic.TopicName
          AlarmName:
            Value: !Ref CpuAlarm
        """)
    output, _ = fix_yaml(before, FIX)
    data = load(output)
    assert "AlarmTopic" not in data["Resources"]
    assert list(data["Outputs"]) == ["AlarmName"]
    _check_repaired(before, output)


def test_sns_emptied_parameter_group_removed():
    before = _template("""
        Metadata:
          AWS::CloudFormation::Interface:
            ParameterGroups:
              - Label: {default: Sizing}
                Parameters: [InstanceCount]
              - Label: {default: Notifications}
                Parameters: [AlertEmail]
            ParameterLabels:
              AlertEmail: {default: Alert e-mail}
        Parameters:
          InstanceCount:
            Type: Number
            Default: 1
          AlertEmail:
            Type: String
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
            Properties:
              Subscription:
                - Endpoint: !Ref AlertEmail
                  Protocol: email
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              Threshold: !Ref InstanceCount
              AlarmActions: [!Ref AlarmTopic]
        """).replace("      Threshold: 80\n", "")
    output, _ = fix_yaml(before, FIX)
    interface = load(output)["Metadata"]["AWS::CloudFormation::Interface"]
    assert interface["ParameterGroups"] == [
        {"Label": {"default": "Sizing"}, "Parameters": ["InstanceCount"]}
    ]
    assert "AlertEmail" not in interface.get("ParameterLabels", {})
    _check_repaired(before, output)


def test_sns_kept_actions_are_reported():
    before = _template("""
        Resources:
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions:
                - Fn::ImportValue: alerts-TopicARN
        """)
    result = repair(before, "template.yaml", Options(select=frozenset({FIX})))
    messages = [notice.message for notice in result.notices]
    assert len(messages) == 1
    assert "looks like a topic ARN" in messages[0]


def test_sns_ignore_option_turns_fix_off():
    before = _template("""
        Resources:
          AlarmTopic:
            Type: AWS::SNS::Topic
          CpuAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              ALARM_BODY
              AlarmActions: [!Ref AlarmTopic]
        """)
    result = repair(before, "template.yaml", Options(ignore=frozenset({FIX})))
    assert "AlarmTopic" in load(result.output)["Resources"]


def test_sns_json_template_repaired():
    before = textwrap.dedent("""\
        {
          "Parameters": {
            "AlertEmail": {"Type": "String"}
          },
          "Resources": {
            "AlarmTopic": {
              "Type": "AWS::SNS::Topic",
              "Properties": {
                "Subscription": [{"Endpoint": {"Ref": "AlertEmail"}, "Protocol": "email"}]
              }
            },
            "CpuAlarm": {
              "Type": "AWS::CloudWatch::Alarm",
              "Properties": {
                "MetricName": "CPUUtilization",
                "Namespace": "AWS/EC2",
                "Statistic": "Average",
                "Period": 300,
                "EvaluationPeriods": 1,
                "Threshold": 80,
                "ComparisonOperator": "GreaterThanThreshold",
                "AlarmActions": [{"Ref": "AlarmTopic"}]
              }
            }
          }
        }
        """)
    output, changes = fix_json(before, FIX)
    data = load(output, "json")
    assert "Parameters" not in data
    assert list(data["Resources"]) == ["CpuAlarm"]
    properties = data["Resources"]["CpuAlarm"]["Properties"]
    assert properties["TreatMissingData"] == "notBreaching"
    assert "AlarmActions" not in properties
    _check_repaired(before, output, "json")


def test_sns_docs_say_how_to_turn_off():
    from fixes import sns_alarm_actions

    assert "--ignore FX401" in sns_alarm_actions.__doc__
    assert "ignore: [FX401]" in sns_alarm_actions.__doc__
