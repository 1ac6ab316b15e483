"""The yuqing.yaml configuration: loading, env overrides (YUQING_A__B=...) and clear errors."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from alerting.config import AlertingConfig
from collectors.config import SourceConfig, WebhookConfig
from core.enums import Channel
from core.errors import ConfigError
from core.regions import short_regions
from core.timeutil import Duration
from crisis_playbooks.config import CasesConfig
from reports.config import ReportsConfig

ENV_PREFIX = "YUQING_"
_RESERVED_ENV = {"YUQING_CONFIG", "YUQING_DATA_DIR"}


class Plan(BaseModel):
    """A monitoring plan (监测方案): a brand or product and its keyword expression."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    name: str
    expression: str
    exclude: list[str] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    # Author regions (IP属地, e.g. 广东); when set, a mention without a region never matches.
    regions: list[str] = Field(default_factory=list)
    own_accounts: list[str] = Field(default_factory=list)

    @field_validator("regions")
    @classmethod
    def _short_regions(cls, value: list[str]) -> list[str]:
        return short_regions(value)


MIN_RETENTION = timedelta(days=62)


def retention_problem(keep: timedelta) -> str | None:
    """Why a retention period is too short to keep alerting and reports working, or None."""
    if keep >= MIN_RETENTION:
        return None
    return (
        f"{keep.days}d is too short: alert baselines read 4 weeks back and the monthly report"
        f" compares with the month before; use at least {MIN_RETENTION.days}d"
    )


class IndexConfig(BaseModel):
    """Where mentions are indexed: embedded SQLite, Elasticsearch or OpenSearch."""

    model_config = ConfigDict(extra="forbid")

    backend: str = "sqlite"
    path: str | None = None
    urls: list[str] = Field(default_factory=lambda: ["http://127.0.0.1:9200"])
    username: str | None = None
    password: str | None = None
    api_key: str | None = None
    ca_certs: str | None = None
    verify_certs: bool = True
    index_prefix: str = "yuqing-mentions"
    shards: int = Field(default=1, ge=1)
    replicas: int = Field(default=1, ge=0)
    # Delete mentions published longer ago than this (daily at 03:30); None keeps everything.
    retention: Duration | None = None

    @field_validator("retention")
    @classmethod
    def _long_enough(cls, value: timedelta | None) -> timedelta | None:
        problem = retention_problem(value) if value is not None else None
        if problem:
            raise ValueError(f"retention {problem}")
        return value

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        allowed = {"sqlite", "elasticsearch", "opensearch"}
        if value not in allowed:
            raise ValueError(f"unknown backend {value!r}; use one of {sorted(allowed)}")
        return value


class DatabaseConfig(BaseModel):
    """The workflow store (alerts, cases, cursors): any SQLAlchemy URL."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None


class ClassifierConfig(BaseModel):
    """Which classifier fills sentiment, category and urgency."""

    model_config = ConfigDict(extra="forbid")

    model: str = "default"
    batch_size: int = Field(default=256, ge=1)


class DashboardConfig(BaseModel):
    """Where the Streamlit dashboard listens and how people reach it from a notification."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8501, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8501"
    refresh: Duration = timedelta(seconds=5)


class AppConfig(BaseModel):
    """The whole yuqing.yaml."""

    model_config = ConfigDict(extra="forbid")

    brand: str = "未命名品牌"
    timezone: str = "Asia/Shanghai"
    plans: list[Plan] = Field(default_factory=list)
    sources: list[SourceConfig] = Field(default_factory=list)
    index: IndexConfig = Field(default_factory=IndexConfig)
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    classifier: ClassifierConfig = Field(default_factory=ClassifierConfig)
    alerting: AlertingConfig = Field(default_factory=AlertingConfig)
    cases: CasesConfig = Field(default_factory=CasesConfig)
    reports: ReportsConfig = Field(default_factory=ReportsConfig)
    dashboard: DashboardConfig = Field(default_factory=DashboardConfig)
    webhook: WebhookConfig = Field(default_factory=WebhookConfig)
    housekeeping_interval: Duration = timedelta(minutes=10)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Shanghai)") from None
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    def plan(self, plan_id: str) -> Plan | None:
        """The plan with this id, if configured."""
        return next((p for p in self.plans if p.id == plan_id), None)


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> AppConfig:
    """Read yuqing.yaml (or the defaults when path is None), apply YUQING_* overrides, validate."""
    env = dict(os.environ) if env is None else env
    label = str(path) if path else "<defaults>"
    raw = _read_yaml(Path(path)) if path else {}
    _apply_env(raw, env)
    try:
        return AppConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(label, exc)) from None


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ConfigError(f"{path}: file not found (pass --config or set YUQING_CONFIG)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}:{where}: YAML syntax error: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping (key: value), not a list")
    return data


def _apply_env(raw: dict[str, Any], env: dict[str, str]) -> None:
    """YUQING_INDEX__BACKEND=opensearch sets raw['index']['backend']; values parse as YAML."""
    for key, value in sorted(env.items()):
        if not key.startswith(ENV_PREFIX) or key in _RESERVED_ENV:
            continue
        path = [p.lower() for p in key[len(ENV_PREFIX) :].split("__") if p]
        if not path or path[0] not in AppConfig.model_fields:
            continue  # YUQING_LOG_LEVEL and friends are not config keys
        node = raw
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        try:
            node[path[-1]] = yaml.safe_load(value) if value else value
        except yaml.YAMLError:
            node[path[-1]] = value


def format_validation_error(label: str, exc: ValidationError) -> str:
    """One line per problem: file: dotted.key: what is wrong (got …)."""
    lines = []
    for err in exc.errors():
        loc = ""
        for part in err["loc"]:
            loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key (check the spelling or remove it)"
        elif err["type"] == "missing":
            message = "missing required key"
        got = err.get("input")
        hint = (
            ""
            if err["type"] in {"missing", "extra_forbidden"} or isinstance(got, dict)
            else f" (got {got!r})"
        )
        lines.append(f"{label}: {loc or '<top>'}: {message}{hint}")
    return "\n".join(lines)
