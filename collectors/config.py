"""Configuration of one source (a scheduled collector) and of the intake webhook."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.config_sections import Section
from core.timeutil import Duration


class SourceConfig(BaseModel):
    """One entry under `sources:`: which collector type, how often, and its own options."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    type: str
    enabled: bool = True
    interval: Duration = timedelta(minutes=5)
    backfill: Duration = timedelta(days=1)
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("interval")
    @classmethod
    def _runs_at_all(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("采集间隔须大于 0（写成 5m / 30s / 2h）；不想采集请写 enabled: false")
        return value


class WebhookConfig(BaseModel):
    """The HTTP intake endpoint for the documented mention JSON."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=1, le=65535)
    secret: str | None = None
    # Limits that keep one client from stalling or flooding intake for the others.
    max_body_mb: float = Field(default=10, gt=0, le=100)
    read_timeout: Duration = timedelta(seconds=10)
    rate_per_client: float = Field(default=500, gt=0)  # requests per second per client address
    burst: int = Field(default=1000, ge=1)
    max_connections: int = Field(default=1000, ge=1)


SOURCES: Section[list[SourceConfig]] = Section("sources", list[SourceConfig], list)
WEBHOOK: Section[WebhookConfig] = Section("webhook", WebhookConfig, WebhookConfig)
