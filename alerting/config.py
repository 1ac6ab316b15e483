"""Configuration of alerting: rule folders, evaluation interval, notifiers, escalation."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.config_sections import Section
from core.labels import SeverityName
from core.timeutil import Duration


class EscalationTier(StrEnum):
    """Who is told next when an alert stays unacknowledged (DOMAIN.md escalation tiers)."""

    FRONT_LINE = "front_line"
    TEAM_LEAD = "team_lead"
    SPECIALIST = "specialist"
    MANAGEMENT = "management"


ESCALATION_TIER_ZH: dict[EscalationTier, str] = {
    EscalationTier.FRONT_LINE: "一线",
    EscalationTier.TEAM_LEAD: "班长",
    EscalationTier.SPECIALIST: "二线",
    EscalationTier.MANAGEMENT: "主管/公关",
}


class NotifierConfig(BaseModel):
    """One notification channel (DingTalk, WeCom, Feishu, email, webhook, Aliyun SMS)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    type: str
    enabled: bool = True
    options: dict[str, Any] = Field(default_factory=dict)
    rate_limit: int | None = Field(default=None, ge=1)
    rate_period: Duration = timedelta(minutes=1)
    # Messages below this level skip the channel (an SMS notifier: min_severity: critical).
    min_severity: SeverityName | None = None


class EscalationStep(BaseModel):
    """One tier: after how long without acknowledgement, and which notifiers it reaches."""

    model_config = ConfigDict(extra="forbid")

    tier: EscalationTier
    after: Duration = timedelta(0)
    notifiers: list[str] = Field(default_factory=list)


class GroupingConfig(BaseModel):
    """How alerts of different rules are grouped into one incident (`alerting.grouping`)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    # A new alert joins an active incident that fired within this window and shares a plan
    # (or either side has none); health alerts (flatline) never join reputation incidents.
    window: Duration = timedelta(hours=2)
    # A story that flares up again after its incident ended (quiet overnight, a second wave in
    # the morning) reopens that incident when the new alert's posts are in the same event and
    # it ended within this long ago (0 switches it off): one crisis, one thread, 事态再起.
    reopen_within: Duration = timedelta(hours=24)


class AlertingConfig(BaseModel):
    """The `alerting:` section."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    builtin_rules: bool = True
    rules_dir: str | None = None
    eval_interval: Duration = timedelta(seconds=30)
    notifiers: list[NotifierConfig] = Field(default_factory=list)
    escalation: list[EscalationStep] = Field(default_factory=list)
    max_attempts: int = Field(default=5, ge=1)
    retry_backoff: Duration = timedelta(seconds=30)
    sample_size: int = Field(default=5, ge=1, le=50)
    grouping: GroupingConfig = Field(default_factory=GroupingConfig)
    # Phones, ID/bank-card/QQ numbers, emails and addresses hidden in messages to chat groups.
    mask_personal_data: bool = True

    def notifier(self, name: str) -> NotifierConfig | None:
        """The notifier with this name, if configured."""
        return next((n for n in self.notifiers if n.name == name), None)


ALERTING: Section[AlertingConfig] = Section("alerting", AlertingConfig, AlertingConfig)
