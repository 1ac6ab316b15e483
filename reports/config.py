"""Configuration of the scheduled reputation reports."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ReportsConfig(BaseModel):
    """The `reports:` section."""

    model_config = ConfigDict(extra="allow")

    enabled: bool = False
    recipients: list[str] = Field(default_factory=list)
