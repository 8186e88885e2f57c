"""FX402: RDS monitoring, log exports, gp3 storage, private access and windows."""

from __future__ import annotations

import textwrap

import pytest

from fixer.api import repair
from fixer.engine import Options
from fixes.rds_without_monitoring import (
    BACKUP_WINDOWS,
    MAINTENANCE_WINDOWS,
    _window_minutes,
)
from helpers import dangling_references, fix_json, fix_yaml, lint_findings, load

# -- cases ----------------------------------------------------------------------------

REPAIRED_YAML = [
    pytest.param(
        """\
        Resources:
          Subnets:
            Type: AWS::RDS::DBSubnetGroup
            Properties:
              DBSubnetGroupDescription: Database subnets
              SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageType: gp2
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              DBSubnetGroupName: !Ref Subnets
              PubliclyAccessible: true
        """,
        """\
        Resources:
          Subnets:
            Type: AWS::RDS::DBSubnetGroup
            Properties:
              DBSubnetGroupDescription: Database subnets
              SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
          RDSEnhancedMonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageType: gp3
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              DBSubnetGroupName: !Ref Subnets
              PubliclyAccessible: false
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt RDSEnhancedMonitoringRole.Arn
              EnableCloudwatchLogsExports:
                - error
                - general
                - slowquery
              PreferredBackupWindow: 03:00-04:00
              PreferredMaintenanceWindow: sun:04:30-sun:05:30
        """,
        id="mysql-gets-everything",
    ),
    pytest.param(
        """\
        Resources:
          MonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 50
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 0
              MonitoringRoleArn: !GetAtt MonitoringRole.Arn
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Resources:
          MonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 50
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt MonitoringRole.Arn
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              EnableCloudwatchLogsExports:
                - postgresql
                - upgrade
        """,
        id="postgres-zero-interval-keeps-role",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mariadb
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 30
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Resources:
          RDSEnhancedMonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mariadb
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 30
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              MonitoringRoleArn: !GetAtt RDSEnhancedMonitoringRole.Arn
        """,
        id="interval-without-role-gets-role",
    ),
    pytest.param(
        """\
        Resources:
          EnhancedMonitoring:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: [monitoring.rds.amazonaws.com]
                    Action: ["sts:AssumeRole"]
              ManagedPolicyArns:
                - !Join ["", ["arn:", !Ref "AWS::Partition", ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]]
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Resources:
          EnhancedMonitoring:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: [monitoring.rds.amazonaws.com]
                    Action: ["sts:AssumeRole"]
              ManagedPolicyArns:
                - !Join ["", ["arn:", !Ref "AWS::Partition", ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]]
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt EnhancedMonitoring.Arn
        """,
        id="existing-role-is-reused",
    ),
    pytest.param(
        """\
        Resources:
          Primary:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
          Secondary:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Resources:
          RDSEnhancedMonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Primary:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt RDSEnhancedMonitoringRole.Arn
          Secondary:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt RDSEnhancedMonitoringRole.Arn
        """,
        id="two-instances-share-role",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: aurora-mysql
              MasterUsername: app
              ManageMasterUserPassword: true
              StorageEncrypted: true
          Writer:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-mysql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: aurora-mysql
              MasterUsername: app
              ManageMasterUserPassword: true
              StorageEncrypted: true
              EnableCloudwatchLogsExports:
                - audit
                - error
                - general
                - slowquery
              PreferredBackupWindow: 03:00-04:00
              PreferredMaintenanceWindow: sun:04:30-sun:05:30
          RDSEnhancedMonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Writer:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-mysql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt RDSEnhancedMonitoringRole.Arn
        """,
        id="aurora-exports-go-on-cluster",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: aurora-postgresql
              MasterUsername: app
              ManageMasterUserPassword: true
              StorageEncrypted: true
              PreferredMaintenanceWindow: "sun:03:00-sun:04:00"
        """,
        """\
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: aurora-postgresql
              MasterUsername: app
              ManageMasterUserPassword: true
              StorageEncrypted: true
              PreferredMaintenanceWindow: "sun:03:00-sun:04:00"
              EnableCloudwatchLogsExports:
                - postgresql
              PreferredBackupWindow: 01:00-02:00
        """,
        id="aurora-postgresql-cluster-exports",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredMaintenanceWindow: "Sun:02:30-Sun:03:30"
        """,
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredMaintenanceWindow: "Sun:02:30-Sun:03:30"
              PreferredBackupWindow: 01:00-02:00
        """,
        id="backup-window-avoids-maintenance",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "04:00-05:00"
        """,
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "04:00-05:00"
              PreferredMaintenanceWindow: sun:08:30-sun:09:30
        """,
        id="maintenance-window-avoids-backup",
    ),
    pytest.param(
        """\
        Resources:
          Primary:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
          Replica:
            Type: AWS::RDS::DBInstance
            Properties:
              SourceDBInstanceIdentifier: !Ref Primary
              DBInstanceClass: db.t3.micro
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
        """,
        """\
        Resources:
          Primary:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
          Replica:
            Type: AWS::RDS::DBInstance
            Properties:
              SourceDBInstanceIdentifier: !Ref Primary
              DBInstanceClass: db.t3.micro
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports:
                - postgresql
                - upgrade
              PreferredMaintenanceWindow: sun:04:30-sun:05:30
        """,
        id="read-replica-follows-source-engine",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: sqlserver-ex
              LicenseModel: license-included
              DBInstanceClass: db.t3.small
              AllocatedStorage: 20
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: sqlserver-ex
              LicenseModel: license-included
              DBInstanceClass: db.t3.small
              AllocatedStorage: 20
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              EnableCloudwatchLogsExports:
                - error
        """,
        id="sqlserver-express-exports-error-only",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: oracle-se2
              LicenseModel: license-included
              DBInstanceClass: db.m5.large
              AllocatedStorage: 100
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: oracle-se2
              LicenseModel: license-included
              DBInstanceClass: db.m5.large
              AllocatedStorage: 100
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              EnableCloudwatchLogsExports:
                - alert
                - audit
                - listener
                - trace
        """,
        id="oracle-exports-four-logs",
    ),
    pytest.param(
        """\
        Parameters:
          Engine:
            Type: String
            AllowedValues: [mysql, postgres]
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: !Ref Engine
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        """\
        Parameters:
          Engine:
            Type: String
            AllowedValues: [mysql, postgres]
        Resources:
          RDSEnhancedMonitoringRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: !Ref Engine
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
              MonitoringInterval: 60
              MonitoringRoleArn: !GetAtt RDSEnhancedMonitoringRole.Arn
        """,
        id="engine-parameter-skips-exports",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Delete
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 0
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
        """,
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Delete
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 0
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredMaintenanceWindow: sun:04:30-sun:05:30
        """,
        id="no-backups-gets-maintenance-only",
    ),
]

REPAIRED_JSON = [
    pytest.param(
        """\
        {
          "Resources": {
            "Database": {
              "Type": "AWS::RDS::DBInstance",
              "DeletionPolicy": "Snapshot",
              "UpdateReplacePolicy": "Snapshot",
              "Properties": {
                "Engine": "mysql",
                "DBInstanceClass": "db.t3.micro",
                "AllocatedStorage": "20",
                "StorageType": "gp2",
                "StorageEncrypted": true,
                "MasterUsername": "app",
                "ManageMasterUserPassword": true,
                "BackupRetentionPeriod": 7
              }
            }
          }
        }
        """,
        """\
        {
          "Resources": {
            "RDSEnhancedMonitoringRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "monitoring.rds.amazonaws.com"
                      },
                      "Action": "sts:AssumeRole"
                    }
                  ]
                },
                "ManagedPolicyArns": [
                  {
                    "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
                  }
                ]
              }
            },
            "Database": {
              "Type": "AWS::RDS::DBInstance",
              "DeletionPolicy": "Snapshot",
              "UpdateReplacePolicy": "Snapshot",
              "Properties": {
                "Engine": "mysql",
                "DBInstanceClass": "db.t3.micro",
                "AllocatedStorage": "20",
                "StorageType": "gp3",
                "StorageEncrypted": true,
                "MasterUsername": "app",
                "ManageMasterUserPassword": true,
                "BackupRetentionPeriod": 7,
                "MonitoringInterval": 60,
                "MonitoringRoleArn": {
                  "Fn::GetAtt": [
                    "RDSEnhancedMonitoringRole",
                    "Arn"
                  ]
                },
                "EnableCloudwatchLogsExports": [
                  "error",
                  "general",
                  "slowquery"
                ],
                "PreferredBackupWindow": "03:00-04:00",
                "PreferredMaintenanceWindow": "sun:04:30-sun:05:30"
              }
            }
          }
        }
        """,
        id="json-mysql-monitoring",
    ),
]

UNCHANGED_YAML = [
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageType: gp3
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 15
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [error, slowquery]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        id="fully-configured-instance",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: []
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        id="empty-export-list-kept",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: custom-oracle-ee
              EngineVersion: 19.my_cev1
              LicenseModel: bring-your-own-license
              CustomIAMInstanceProfile: AWSRDSCustomInstanceProfile
              DBInstanceClass: db.m5.large
              AllocatedStorage: 100
              StorageEncrypted: true
              KmsKeyId: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
        """,
        id="rds-custom-skipped",
    ),
    pytest.param(
        """\
        Conditions:
          IsProduction: !Equals [!Ref "AWS::StackName", production]
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: !If [IsProduction, 60, 0]
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        id="interval-intrinsic-without-role",
    ),
    pytest.param(
        """\
        Parameters:
          MaintenanceWindow:
            Type: String
            Default: "sun:03:00-sun:04:00"
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [postgresql]
              PreferredMaintenanceWindow: !Ref MaintenanceWindow
        """,
        id="window-parameter-blocks-other",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: sqlserver-se
              LicenseModel: license-included
              DBInstanceClass: db.m5.xlarge
              AllocatedStorage: 2000
              StorageType: gp2
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [agent, error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        id="large-gp2-keeps-baseline",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
              PubliclyAccessible: true
              MonitoringInterval: 60
              MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring-role
              EnableCloudwatchLogsExports: [error]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        id="public-without-subnet-group",
    ),
    pytest.param(
        """\
        Resources:
          Cluster:
            Type: AWS::RDS::DBCluster
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: aurora-postgresql
              EngineMode: serverless
              MasterUsername: app
              ManageMasterUserPassword: true
              StorageEncrypted: true
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
        """,
        id="aurora-serverless-v1-cluster",
    ),
    pytest.param(
        """\
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Metadata:
              cfn-fixer:
                ignore: [rds-without-monitoring]
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
        """,
        id="suppressed-by-metadata",
    ),
    pytest.param(
        """\
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
        """,
        id="no-database",
    ),
]

NOTICES = [
    pytest.param(
        "rds-custom-skipped",
        ("Resources", "Database", "Properties", "Engine"),
        "RDS Custom takes no enhanced monitoring or log exports",
        id="rds-custom",
    ),
    pytest.param(
        "interval-intrinsic-without-role",
        ("Resources", "Database", "Properties", "MonitoringInterval"),
        "MonitoringInterval is not a literal and no MonitoringRoleArn is set; "
        "left as written",
        id="interval-intrinsic",
    ),
    pytest.param(
        "window-parameter-blocks-other",
        ("Resources", "Database", "Properties", "PreferredMaintenanceWindow"),
        "PreferredMaintenanceWindow is not a literal window; "
        "PreferredBackupWindow left out",
        id="window-parameter",
    ),
    pytest.param(
        "large-gp2-keeps-baseline",
        ("Resources", "Database", "Properties", "StorageType"),
        "at 2000 GiB gp2 has a higher baseline IOPS than gp3; gp2 left as written",
        id="large-gp2",
    ),
    pytest.param(
        "aurora-serverless-v1-cluster",
        ("Resources", "Cluster", "Properties", "EngineMode"),
        "Aurora Serverless v1 publishes logs through its parameter group; "
        "log exports left out",
        id="serverless-v1",
    ),
]


# -- checks ---------------------------------------------------------------------------


def _assert_repaired(before: str, expected: str, format: str) -> None:
    fix = fix_yaml if format == "yaml" else fix_json
    output, changes = fix(before, "FX402")
    assert output == textwrap.dedent(expected)
    assert any(change.fix_id == "FX402" for change in changes)

    lint_before = set(lint_findings(textwrap.dedent(before)))
    lint_after = lint_findings(output)
    assert [finding for finding in lint_after if finding.startswith("E")] == []
    assert set(lint_after) - lint_before == set()
    assert dangling_references(load(output, format)) == []

    again, again_changes = fix(output, "FX402")
    assert again == output
    assert again_changes == []


def _repair(text: str):
    return repair(textwrap.dedent(text), "t.yaml", Options(select=frozenset({"FX402"})))


@pytest.mark.parametrize(("before", "expected"), REPAIRED_YAML)
def test_rds_monitoring_yaml_repaired(before, expected):
    _assert_repaired(before, expected, "yaml")


@pytest.mark.parametrize(("before", "expected"), REPAIRED_JSON)
def test_rds_monitoring_json_repaired(before, expected):
    _assert_repaired(before, expected, "json")


@pytest.mark.parametrize("text", UNCHANGED_YAML)
def test_rds_monitoring_yaml_unchanged(text):
    output, changes = fix_yaml(text, "FX402")
    assert output == textwrap.dedent(text)
    assert changes == []


@pytest.mark.parametrize(("case", "path", "message"), NOTICES)
def test_rds_monitoring_reports_notice(case, path, message):
    unchanged = {param.id: param.values[0] for param in UNCHANGED_YAML}
    result = _repair(unchanged[case])
    assert result.output == result.input
    assert [(notice.path, notice.message) for notice in result.notices] == [
        (path, message)
    ]


def test_rds_monitoring_engine_parameter_notice():
    text = {param.id: param.values[0] for param in REPAIRED_YAML}[
        "engine-parameter-skips-exports"
    ]
    result = _repair(text)
    assert [(notice.path, notice.message) for notice in result.notices] == [
        (
            ("Resources", "Database", "Properties", "Engine"),
            "engine is not a literal; CloudWatch log exports left out",
        )
    ]


def test_rds_monitoring_role_has_policy_and_trust():
    text = {param.id: param.values[0] for param in REPAIRED_YAML}[
        "mysql-gets-everything"
    ]
    output, _ = fix_yaml(text, "FX402")
    role = load(output)["Resources"]["RDSEnhancedMonitoringRole"]["Properties"]
    statement = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert statement["Principal"] == {"Service": "monitoring.rds.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRole"
    assert role["ManagedPolicyArns"] == [
        {
            "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
        }
    ]


def test_rds_monitoring_role_id_avoids_taken_name():
    text = """\
        Resources:
          RDSEnhancedMonitoringRole:
            Type: AWS::S3::Bucket
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageEncrypted: true
              MasterUsername: app
              ManageMasterUserPassword: true
              BackupRetentionPeriod: 7
        """
    output, _ = fix_yaml(text, "FX402")
    database = load(output)["Resources"]["Database"]["Properties"]
    assert database["MonitoringRoleArn"] == {
        "Fn::GetAtt": ["RDSEnhancedMonitoringRole2", "Arn"]
    }
    assert lint_findings(output) == []


def test_rds_monitoring_cluster_monitoring_kept():
    text = """\
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: monitoring.rds.amazonaws.com
                    Action: sts:AssumeRole
          Cluster:
            Type: AWS::RDS::DBCluster
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: aurora-postgresql
              MasterUsername: app
              ManageMasterUserPassword: true
              StorageEncrypted: true
              MonitoringInterval: 30
              MonitoringRoleArn: !GetAtt Role.Arn
              EnableCloudwatchLogsExports: [postgresql]
              PreferredBackupWindow: "02:00-02:30"
              PreferredMaintenanceWindow: "mon:05:00-mon:05:30"
          Writer:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-postgresql
              DBClusterIdentifier: !Ref Cluster
              DBInstanceClass: db.r6g.large
        """
    output, changes = fix_yaml(text, "FX402")
    assert output == textwrap.dedent(text)
    assert changes == []


@pytest.mark.parametrize("backup", BACKUP_WINDOWS)
@pytest.mark.parametrize("maintenance", MAINTENANCE_WINDOWS)
def test_rds_windows_defaults_apart(backup, maintenance):
    # Any default pair fits together, so a template with neither window gets both.
    assert not _window_minutes(backup) & _window_minutes(maintenance)


def test_rds_windows_touching_counts_as_overlap():
    assert _window_minutes("04:00-04:30") & _window_minutes("sun:04:30-sun:05:00")


@pytest.mark.parametrize(
    ("window", "minutes"),
    [
        pytest.param("03:00-04:00", 7 * 61, id="daily"),
        pytest.param("23:30-00:30", 7 * 61, id="daily-past-midnight"),
        pytest.param("sun:04:30-sun:05:30", 61, id="weekly"),
        pytest.param("sun:23:30-mon:00:30", 61, id="weekly-past-sunday"),
        pytest.param("Mon:01:00-Mon:02:00", 61, id="weekly-capitalised"),
    ],
)
def test_rds_window_minutes_counts(window, minutes):
    assert len(_window_minutes(window)) == minutes


@pytest.mark.parametrize(
    "window", ["3:00-4:00", "25:00-26:00", "xyz:01:00-xyz:02:00", "daily"]
)
def test_rds_window_minutes_rejects_invalid(window):
    assert _window_minutes(window) is None


def test_rds_monitoring_with_all_fixes():
    text = """\
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Shop-Passw0rd-2024
        Resources:
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            UpdateReplacePolicy: Snapshot
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
              AllocatedStorage: 20
              StorageType: gp2
              StorageEncrypted: true
              MasterUsername: app
              MasterUserPassword: !Ref DBPassword
              BackupRetentionPeriod: 7
        """
    output, changes = fix_yaml(text)
    database = load(output)["Resources"]["Database"]["Properties"]
    assert database["MonitoringRoleArn"] == {
        "Fn::GetAtt": ["RDSEnhancedMonitoringRole", "Arn"]
    }
    assert database["EnableCloudwatchLogsExports"] == ["error", "general", "slowquery"]
    assert {change.fix_id for change in changes} >= {"FX201", "FX402"}
    assert lint_findings(output) == []
    assert fix_yaml(output) == (output, [])
