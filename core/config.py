"""The yuqing.yaml configuration models: the kernel's keys (brand, plans, index, database,
classifier, dashboard) and their validators.

Each domain declares its own top-level key as a `Section` (`alerting`, `sources`, `cases`, ...)
in core.config_sections, which assembles the whole yuqing.yaml model from them, so the kernel
never names a domain; core.config_loading reads, overrides from the environment and validates.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.enums import Channel, PlanRole
from core.index_limits import index_prefix_problem, retention_problem
from core.labels import PlanRoleName
from core.pipeline.expressions import ExpressionSyntaxError, compile_expression
from core.regions import short_regions
from core.timeutil import Duration
from core.validation import close_match

if TYPE_CHECKING:
    from core.index.protocol import BrandSide


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
    role: PlanRoleName = PlanRole.OWN  # 竞品: compared, kept out of alerts and the brand's KPIs

    @property
    def competitor(self) -> bool:
        """True for a competitor's plan (role 竞品)."""
        return self.role == PlanRole.COMPETITOR

    @field_validator("expression")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            compile_expression(value)
        except ExpressionSyntaxError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("regions")
    @classmethod
    def _short_regions(cls, value: list[str]) -> list[str]:
        return short_regions(value)


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
            raise ValueError(f"保留期 {problem}")
        return value

    @field_validator("index_prefix")
    @classmethod
    def _usable_prefix(cls, value: str) -> str:
        problem = index_prefix_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        allowed = {"sqlite", "elasticsearch", "opensearch"}
        if value not in allowed:
            raise ValueError(f"未知的索引后端 {value!r}；可选：{'、'.join(sorted(allowed))}")
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
    # Without one: the address the dashboard listens on (its port, not always 8501).
    public_url: str = ""
    refresh: Duration = timedelta(seconds=5)

    @model_validator(mode="after")
    def _default_public_url(self) -> DashboardConfig:
        if not self.public_url:
            host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
            self.public_url = f"http://{host}:{self.port}"
        return self


class CoreConfig(BaseModel):
    """The kernel's part of yuqing.yaml; `config_model()` adds the domains' sections."""

    model_config = ConfigDict(extra="forbid")

    brand: str = "未命名品牌"
    timezone: str = "Asia/Shanghai"
    plans: list[Plan] = Field(default_factory=list)
    # The brand's official accounts per platform (官方 badge, reaction-spike alerts).
    own_accounts: dict[Channel, list[str]] = Field(default_factory=dict)
    index: IndexConfig = Field(default_factory=IndexConfig)
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    classifier: ClassifierConfig = Field(default_factory=ClassifierConfig)
    dashboard: DashboardConfig = Field(default_factory=DashboardConfig)
    housekeeping_interval: Duration = timedelta(minutes=10)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"未知的时区 {value!r}（例如 Asia/Shanghai）") from None
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    def plan(self, plan_id: str) -> Plan | None:
        """The plan with this id, if configured."""
        return next((p for p in self.plans if p.id == plan_id), None)

    def plan_named(self, value: str) -> Plan | None:
        """The plan a person named by its id or its name (驰远汽车), if configured."""
        return self.plan(value) or next((p for p in self.plans if p.name == value), None)

    def own_plan_ids(self) -> list[str]:
        """The ids of the brand's own plans when competitor plans are configured beside them
        (what alerts and reports cover unless they name a plan), else [] (everything)."""
        if not self.rival_plan_ids():
            return []
        return [p.id for p in self.plans if not p.competitor]

    def brand_side(self) -> BrandSide | None:
        """The brand's side beside competitor plans (every mention but a competitor's, those of
        no plan included): what reports and 舆情态势 count unless a plan is chosen; None without
        competitors (everything is the brand's)."""
        from core.index.protocol import BrandSide

        own = self.own_plan_ids()
        return BrandSide(tuple(own), tuple(self.rival_plan_ids())) if own else None

    def rival_plan_ids(self) -> list[str]:
        """The ids of the competitor plans (role 竞品); [] when none is configured."""
        return [p.id for p in self.plans if p.competitor]

    def plans_zh(self) -> str:
        """The configured plans as a person reads them: chiyuan（驰远汽车）、…"""
        return "、".join(f"{p.id}（{p.name}）" for p in self.plans)

    def unknown_plan_zh(self, value: str) -> str:
        """The one Chinese line for a plan that is not configured: the configured id it is
        probably a misspelling of, and every configured plan (id and name)."""
        near = close_match(value, [p.id for p in self.plans])
        hint = f"是不是 {near}？" if near else ""
        listed = self.plans_zh() or "（尚未配置任何监测方案 plans）"
        return f"未知的监测方案 {value!r}；{hint}已配置：{listed}"
