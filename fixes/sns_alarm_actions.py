"""Remove unrequested SNS alarm notifications.

NOTE: not implemented yet; this fix changes nothing.
"""

from __future__ import annotations

from fixer.changes import Change, Notice
from fixer.engine import Options
from fixer.template import Template

ID = "FX401"
NAME = "sns-alarm-actions"
TITLE = "Remove unrequested SNS alarm notifications"
RATIONALE = "Not implemented yet."
SAFETY = "safe"
SOURCE_URL = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"


def fix(template: Template, options: Options) -> list[Change | Notice]:
    return []
