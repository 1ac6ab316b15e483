"""SLA clock kinds, states and the thresholds that send notices."""

from __future__ import annotations

from enum import StrEnum


class ClockKind(StrEnum):
    """The two SLA clocks of a case."""

    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return {"first_response": "首次响应", "resolution": "解决"}[self.value]


class ClockState(StrEnum):
    """Where a clock stands."""

    RUNNING = "running"
    WARNING = "warning"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return {
            "running": "计时中",
            "warning": "即将超时",
            "paused": "暂停(等待客户)",
            "met": "已达标",
            "breached": "已超时",
        }[self.value]


class ClockThreshold(StrEnum):
    """Points on an SLA clock that send a notice, each at most once per clock (not a severity)."""

    WARNING = "warning"
    BREACH = "breach"

    @property
    def label_zh(self) -> str:
        """Chinese label for notices and the UI."""
        return {"warning": "即将超时", "breach": "已超时"}[self.value]
