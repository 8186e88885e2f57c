"""The fix transforms, in the order the engine runs them.

The order matters. Fixes that rewrite values in place run first; the
password fix runs before the container fixes, which read the secrets it
adds; fixes that remove resources (NAT gateways, SNS topics) run after the
ones that only add; the parameter Metadata fix runs last so that it sees
every parameter the others added or removed. A test checks this list
against the modules in this folder.
"""

from fixes import (
    container_secret_environment,
    ecs_cluster_without_insights,
    ecs_task_without_role,
    hardcoded_ami,
    hardcoded_availability_zone,
    hardcoded_key_pair,
    hardcoded_region,
    missing_parameter_interface,
    multiple_nat_gateways,
    plaintext_database_password,
    rds_without_monitoring,
    sns_alarm_actions,
)

FIXES = [
    hardcoded_region,
    hardcoded_availability_zone,
    hardcoded_ami,
    hardcoded_key_pair,
    plaintext_database_password,
    container_secret_environment,
    ecs_task_without_role,
    multiple_nat_gateways,
    sns_alarm_actions,
    rds_without_monitoring,
    ecs_cluster_without_insights,
    missing_parameter_interface,
]
