"""Configuration of the alerting engine: rule folders, evaluation interval, notifiers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.timeutil import Duration


class NotifierConfig(BaseModel):
    """One notification channel (DingTalk, WeCom, Feishu, email, webhook)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    type: str
    enabled: bool = True
    options: dict[str, Any] = Field(default_factory=dict)


class AlertingConfig(BaseModel):
    """The `alerting:` section."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    builtin_rules: bool = True
    rules_dir: str | None = None
    eval_interval: Duration = timedelta(seconds=30)
    notifiers: list[NotifierConfig] = Field(default_factory=list)
