"""The yuqing.yaml configuration: the kernel's keys, domain sections, env overrides, clear errors.

The kernel owns the keys every domain shares (brand, plans, index, database, classifier,
dashboard). Each domain declares its own top-level key as a `Section` (`alerting`, `sources`,
`cases`, ...); the app registers those sections and `config_model()` assembles the whole
yuqing.yaml model from them, so the kernel never names a domain.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from core.enums import Channel, PlanRole
from core.errors import ConfigError
from core.labels import PlanRoleName
from core.pipeline.expressions import ExpressionSyntaxError, compile_expression
from core.regions import short_regions
from core.registry import Registry
from core.timeutil import Duration
from core.validation import close_match, error_problems, format_lines
from core.yamlfile import read_yaml_mapping

if TYPE_CHECKING:
    from core.index.protocol import BrandSide

S = TypeVar("S")

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


MIN_RETENTION = timedelta(days=62)


def retention_problem(keep: timedelta) -> str | None:
    """Why a retention period is too short to keep alerting and reports working, or None."""
    if keep >= MIN_RETENTION:
        return None
    return (
        f"{keep.days}d 太短：预警基线要回看 4 周，月报要和上月比较；至少设为 {MIN_RETENTION.days}d"
    )


_INDEX_NAME_FORBIDDEN = set('\\/*?"<>|,#: ')


def index_prefix_problem(prefix: str) -> str | None:
    """Why OpenSearch/Elasticsearch would refuse indices named `<prefix>-2026.05`, or None."""
    if not prefix:
        return "不能为空（例如 yuqing-mentions）"
    bad = sorted({c for c in prefix if c in _INDEX_NAME_FORBIDDEN}, key=prefix.index)
    if bad:
        shown = "、".join("空格" if c == " " else c for c in bad)
        return f"{prefix!r} 含索引名不允许的字符 {shown}（只用小写字母、数字、- 和 _）"
    if prefix != prefix.lower():
        return f"{prefix!r} 含大写字母，索引名只能小写（改成 {prefix.lower()!r}）"
    if prefix[0] in "-_+.":
        return f"{prefix!r} 不能以 {prefix[0]} 开头（改成以字母或数字开头）"
    if len(prefix.encode()) > 200:
        return f"{prefix!r} 太长（索引名最多 255 字节，前缀请少于 200 字节）"
    return None


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


@dataclass(frozen=True)
class Section(Generic[S]):
    """A top-level yuqing.yaml key owned by a domain, e.g. `Section("alerting", AlertingConfig)`.

    `annotation` is what pydantic validates (a model, or e.g. `list[SourceConfig]`); `of()`
    reads the section back, typed, from a loaded config.
    """

    key: str
    annotation: Any
    default: Callable[[], S]

    def of(self, config: CoreConfig) -> S:
        """This section of a loaded config."""
        return cast(S, getattr(config, self.key))


SECTIONS: Registry[Section[Any]] = Registry("配置段")


def config_model() -> type[CoreConfig]:
    """The whole yuqing.yaml model: the kernel's keys plus every registered domain section."""
    return _assemble(tuple(SECTIONS.names()))


@lru_cache(maxsize=8)
def _assemble(keys: tuple[str, ...]) -> type[CoreConfig]:
    fields: dict[str, Any] = {
        key: (SECTIONS.get(key).annotation, Field(default_factory=SECTIONS.get(key).default))
        for key in keys
    }
    return create_model("AppConfig", __base__=CoreConfig, **fields)


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> CoreConfig:
    """Read yuqing.yaml (or the defaults when path is None), apply YUQING_* overrides, validate."""
    checked = check_config(path, env)
    if checked.problems or checked.config is None:
        raise ConfigError("\n".join(checked.problems))
    return checked.config


@dataclass(frozen=True)
class ConfigCheck:
    """What validating yuqing.yaml found: the problems, and the config with the broken keys
    left at their defaults so later checks (sources' options, notifiers, rule files) still
    run; `config` is None when even that could not be validated."""

    config: CoreConfig | None
    problems: list[str]


Location = tuple[int | str, ...]
_SALVAGE_ROUNDS = 5


def check_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> ConfigCheck:
    """Every problem of yuqing.yaml in one pass; raises ConfigError only for a file that cannot
    be read or parsed at all (nothing else can be checked then)."""
    env = dict(os.environ) if env is None else env
    label = str(path) if path else "<defaults>"
    raw = _read_yaml(Path(path)) if path else {}
    model = config_model()
    _apply_env(raw, env, model)
    problems: list[str] = []
    reported: list[Location] = []  # dropped keys, and lists that lost items (indices moved)
    for _ in range(_SALVAGE_ROUNDS):
        try:
            return ConfigCheck(model.model_validate(raw), problems)
        except ValidationError as exc:
            errors = [e for e in exc.errors() if not _under(tuple(e["loc"]), reported)]
            problems += format_lines(label, error_problems(errors, model))
            dropped = _drop(raw, [tuple(e["loc"]) for e in exc.errors()])
            if not dropped:
                break
            reported += dropped
    return ConfigCheck(None, problems)


def _under(location: Location, reported: list[Location]) -> bool:
    """Whether a later round's error is about a key already reported and dropped (a model
    validator's finding on the rest is new and kept)."""
    return any(location[: len(r)] == r or r[: len(location)] == location for r in reported)


def _drop(raw: dict[str, Any], locations: list[Location]) -> list[Location]:
    """Remove the deepest existing node of each error location (a missing key's whole list
    item), so the rest validates with defaults; the locations removed (for a list item, the
    list's)."""
    doomed: dict[int, tuple[Any, Location, set[Any]]] = {}
    for location in locations:
        node: Any = raw
        found: tuple[Any, Location, Any] | None = None
        for depth, part in enumerate(location):
            inside = isinstance(node, dict) and part in node
            at = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (inside or at):
                break
            found, node = (node, location[:depth], part), node[part]
        if found is not None:
            container, where, key = found
            doomed.setdefault(id(container), (container, where, set()))[2].add(key)
    removed: list[Location] = []
    for container, where, keys in doomed.values():
        for key in sorted(keys, key=lambda k: (str(type(k)), k), reverse=True):
            del container[key]
            removed.append(where if isinstance(container, list) else (*where, key))
    return removed


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ConfigError(
            f"{path}: 配置文件不存在（用 --config 指定，或设置环境变量 YUQING_CONFIG）"
        )
    return read_yaml_mapping(path, shape="key: value")


def _apply_env(raw: dict[str, Any], env: dict[str, str], model: type[CoreConfig]) -> None:
    """YUQING_INDEX__BACKEND=opensearch sets raw['index']['backend']; values parse as YAML."""
    for key, value in sorted(env.items()):
        if not key.startswith(ENV_PREFIX) or key in _RESERVED_ENV:
            continue
        path = [p.lower() for p in key[len(ENV_PREFIX) :].split("__") if p]
        if not path or path[0] not in model.model_fields:
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
