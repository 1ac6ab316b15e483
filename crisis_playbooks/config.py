"""Configuration of cases: SLA targets and the business-hours calendar."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CasesConfig(BaseModel):
    """The `cases:` section."""

    model_config = ConfigDict(extra="allow")

    playbooks_dir: str | None = None
