"""The health states of a source and their Chinese labels (no database imports)."""

from __future__ import annotations

from enum import StrEnum


class SourceStatus(StrEnum):
    """Health of a source as shown on the dashboard and read by flatline rules."""

    PENDING = "pending"
    OK = "ok"
    # Collected and indexed, but something was lost on the way (4xx follow-up pages, skipped
    # or rejected items, dropped garbled parts): counted in losses_last_run, never "ok".
    PARTIAL = "partial"
    DEGRADED = "degraded"
    BLOCKED = "blocked"
    MISCONFIGURED = "misconfigured"


SOURCE_STATUS_ZH: dict[SourceStatus, str] = {
    SourceStatus.PENDING: "未运行",
    SourceStatus.OK: "正常",
    SourceStatus.PARTIAL: "部分成功(有损失)",
    SourceStatus.DEGRADED: "异常",
    SourceStatus.BLOCKED: "被封锁/冷却中",
    SourceStatus.MISCONFIGURED: "配置错误",
}
