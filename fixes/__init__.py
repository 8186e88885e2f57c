"""The fix transforms, in the order the engine runs them.

The order matters: fixes that rewrite values run before fixes that remove
resources, and the parameter Metadata fix runs last so that it sees every
parameter the others added or removed. A test checks this list against the
modules in this folder.
"""

from fixes import (
    hardcoded_availability_zone,
    multiple_nat_gateways,
    plaintext_database_password,
)

FIXES = [
    hardcoded_availability_zone,
    plaintext_database_password,
    multiple_nat_gateways,
]
