"""Account roles."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account may do on the dashboard."""

    VIEWER = "viewer"  # executives and observers: read everything, change nothing
    OPERATOR = "operator"  # PR staff and service leads: acknowledge, open and work cases

    @property
    def label_zh(self) -> str:
        """Chinese name shown in the sidebar."""
        return ROLE_LABELS_ZH[self]

    @property
    def may_act(self) -> bool:
        """Whether the role may acknowledge alerts and change cases."""
        return self is not Role.VIEWER


ROLE_LABELS_ZH: dict[Role, str] = {Role.VIEWER: "只读", Role.OPERATOR: "处置人员"}
