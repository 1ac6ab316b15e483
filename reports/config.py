"""Configuration of the reputation reports (日报/周报/月报): schedules, mail, thresholds."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.certificates import ca_file_problem
from core.config_sections import Section


class Period(StrEnum):
    """How long one report covers."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class SmtpConfig(BaseModel):
    """The mail server the reports are sent through (HTML body + PDF attachment)."""

    model_config = ConfigDict(extra="forbid")

    host: str | None = None
    port: int = Field(default=25, ge=1, le=65535)
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False
    # PEM of the company CA when the mail server's certificate is not from a public CA
    ca_file: str | None = None
    sender: str = "yuqing@localhost"
    timeout: float = Field(default=30.0, gt=0)

    @field_validator("ca_file")
    @classmethod
    def _readable_ca(cls, value: str | None) -> str | None:
        problem = ca_file_problem(value) if value else None
        if problem:
            raise ValueError(problem)
        return value


class AttentionConfig(BaseModel):
    """Thresholds of the rule-based "需要关注" list."""

    model_config = ConfigDict(extra="forbid")

    min_mentions: int = Field(default=10, ge=1)
    category_share_rise_pp: float = Field(default=10.0, gt=0)
    negative_share_rise_pp: float = Field(default=10.0, gt=0)
    communication_share_rise_pp: float = Field(default=10.0, gt=0)
    volume_spike_ratio: float = Field(default=1.5, gt=1)
    reputation_floor: float = Field(default=40.0, ge=0, le=100)
    reputation_drop: float = Field(default=10.0, gt=0)
    sla_target: float = Field(default=0.9, ge=0, le=1)
    satisfaction_floor: float = Field(default=4.0, ge=1, le=5)  # mean of the 1–5 ratings


def _valid_crontab(value: str | None) -> str | None:
    if value is None:
        return None
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value)
    except ValueError as exc:
        raise ValueError(f"不是 crontab 表达式 {value!r}（{exc}）；例如 '0 9 * * mon'") from None
    return value


class PlanReport(BaseModel):
    """One monitoring plan's own scheduled report (`reports.per_plan`) and who receives it."""

    model_config = ConfigDict(extra="forbid")

    plan: str = Field(min_length=1)
    recipients: list[str] = Field(default_factory=list)
    notifiers: list[str] = Field(default_factory=list)


class ReportsConfig(BaseModel):
    """The `reports:` section."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    recipients: list[str] = Field(default_factory=list)
    # Crontab (minute hour day month weekday) in the configured time zone; null switches off.
    weekly: str | None = "0 9 * * mon"
    daily: str | None = None
    monthly: str | None = None
    plan: str | None = None
    email_scheduled: bool = True
    # alerting.notifiers names (chat groups) that get a short brief of every scheduled report
    notifiers: list[str] = Field(default_factory=list)
    # one more report per plan, each to its own recipients and chat groups
    per_plan: list[PlanReport] = Field(default_factory=list)
    smtp: SmtpConfig = Field(default_factory=SmtpConfig)
    attention: AttentionConfig = Field(default_factory=AttentionConfig)
    top_keywords: int = Field(default=8, ge=1, le=50)
    quotes_per_keyword: int = Field(default=2, ge=0, le=10)

    _check_cron = field_validator("weekly", "daily", "monthly")(_valid_crontab)

    def audience(self, plan: str | None) -> PlanReport:
        """Who receives the report of `plan`: its per_plan entry, else recipients/notifiers."""
        for entry in self.per_plan:
            if entry.plan == plan:
                return entry
        return PlanReport(plan=plan or "*", recipients=self.recipients, notifiers=self.notifiers)

    def schedule(self, period: Period) -> str | None:
        """The crontab of a period, or None when that report is not scheduled."""
        return {Period.DAILY: self.daily, Period.WEEKLY: self.weekly, Period.MONTHLY: self.monthly}[
            period
        ]


REPORTS: Section[ReportsConfig] = Section("reports", ReportsConfig, ReportsConfig)
