"""Rule base classes: the common YAML options, the filter, findings, the type registry (RULES)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator
from sqlalchemy.orm import Session, sessionmaker

from alerting.enums import DelayMode
from alerting.memo import BaselineBudget
from alerting.models import Alert
from alerting.quiet_hours import QuietHours
from alerting.realert import GrowthRealert
from alerting.routine import RoutineDiscount
from core.enums import Severity
from core.errors import ConfigError
from core.index.protocol import BrandSide, MentionIndex, SearchQuery
from core.labels import CategoryName, ChannelName, SentimentName, SeverityName
from core.models import Mention
from core.own_accounts import OwnAccounts
from core.pipeline.expressions import Expression, compile_expression
from core.regions import short_regions
from core.registry import Registry
from core.timeutil import Duration, interval_zh, parse_duration

# Words standing alone in a keyword expression (between spaces or parentheses), and quoted parts.
_LOOSE_WORD = re.compile(r"(?<![^\s(（)）])[A-Za-z]+(?![^\s(（)）])")
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_LOWER_OPERATORS = {"and", "or", "not", "And", "Or", "Not"}


class RuleFilter(BaseModel):
    """Which mentions a rule looks at; every field narrows, empty means any."""

    model_config = ConfigDict(extra="forbid")

    plans: list[str] = Field(default_factory=list)
    channels: list[ChannelName] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    categories: list[CategoryName] = Field(default_factory=list)
    sentiments: list[SentimentName] = Field(default_factory=list)
    # Author regions (IP属地); a mention without a region never passes a region filter.
    regions: list[str] = Field(default_factory=list)
    min_urgency: SeverityName | None = None
    # true = only mentions flagged as complaints, false = only those flagged as not;
    # a mention the classifier has not decided on passes neither.
    complaint: bool | None = None
    # true = only praise after a recovery (补救后好评, complaint.resolved), false = classified
    # mentions that are not; an undecided mention passes neither.
    resolved: bool | None = None
    keywords: str | None = None
    _compiled: Expression | None = PrivateAttr(default=None)
    # Set on the engine's copies when competitor plans are configured (brand_side): `plans` are
    # then the brand's own plans and the filter passes every mention but a competitor's.
    _rivals: tuple[str, ...] = PrivateAttr(default=())

    @field_validator("regions")
    @classmethod
    def _short_regions(cls, value: list[str]) -> list[str]:
        return short_regions(value)

    @field_validator("keywords")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                compile_expression(value)
            except ConfigError as exc:  # the expression module reports syntax as ConfigError
                raise ValueError(f"关键词表达式有误：{exc}") from None
            # and/or/not in lower case are words to find, not operators: `鲜味坊 and (315 or
            # 央视)` would need the posts to contain "and" and "or" and never match.
            unquoted = _QUOTED.sub(" ", value)
            words = sorted({w for w in _LOOSE_WORD.findall(unquoted) if w in _LOWER_OPERATORS})
            if words:
                said = "、".join(words)
                raise ValueError(
                    f"关键词表达式 {value!r} 里的 {said} 会被当作要查找的文字，不是运算符："
                    "“并且”写 AND、+ 或空格，“或者”写 OR 或 |，“排除”写 NOT 或 !"
                    f'（大写）；真要查找这个词，给它加引号，如 "{words[0]}"'
                )
        return value

    @property
    def expression(self) -> Expression | None:
        """The compiled keyword expression, if any."""
        if self._compiled is None and self.keywords:
            self._compiled = compile_expression(self.keywords)
        return self._compiled

    def brand_side(self, own: Sequence[str], rivals: Sequence[str]) -> RuleFilter:
        """A copy watching the brand's side: every mention but a competitor's (of a plan in
        `rivals` and of none in `own`), a mention of no plan (a reply, a mailbox complaint)
        included; its alerts carry the own plans."""
        side = self.model_copy(update={"plans": list(own)})
        side._rivals = tuple(rivals)
        return side

    def per_plan(self) -> list[tuple[str, RuleFilter]]:
        """(plan, filter) per plan; on the brand's side one more ("*") for the mentions of no
        configured plan, which no plan's filter sees."""
        scopes = [(p, self.brand_side([p], ())) for p in self.plans]
        if not self._rivals:
            return scopes
        return [*scopes, ("*", self.brand_side([], [*self.plans, *self._rivals]))]

    def query(self, since: datetime | None = None, until: datetime | None = None) -> SearchQuery:
        """An index query with these filters between since and until."""
        side = BrandSide(tuple(self.plans), self._rivals) if self._rivals else None
        return SearchQuery(
            plans=() if side else self.plans,
            brand_side=side,
            channels=self.channels,
            sources=self.sources,
            sentiments=self.sentiments,
            categories=self.categories,
            regions=self.regions,
            min_urgency=self.min_urgency,
            complaint=self.complaint,
            resolved=self.resolved,
            since=since,
            until=until,
        )

    def matches(self, mention: Mention) -> bool:
        """True when one mention passes every filter (used at ingest)."""
        checks = (
            self._plan_passes(set(mention.plans)),
            not self.channels or mention.channel in self.channels,
            not self.sources or mention.source in self.sources,
            not self.categories or mention.category in self.categories,
            not self.regions or mention.region in self.regions,
            not self.sentiments
            or (mention.sentiment is not None and mention.sentiment.label in self.sentiments),
            self.min_urgency is None
            or (
                mention.urgency is not None and mention.urgency.level.rank >= self.min_urgency.rank
            ),
            self.complaint is None
            or (mention.complaint is not None and mention.complaint.flag == self.complaint),
            self.resolved is None
            or (mention.complaint is not None and mention.complaint.resolved == self.resolved),
            self.expression is None or self.expression.matches(mention.full_text),
        )
        return all(checks)

    def _plan_passes(self, plans: set[str]) -> bool:
        if self._rivals:  # not a competitor's: of no rival plan, or of an own one too
            return BrandSide(tuple(self.plans), self._rivals).admits(plans)
        return not self.plans or bool(plans & set(self.plans))


class RuleSpec(BaseModel):
    """Options every rule file has; each rule type extends this with its own."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    type: str
    title: str | None = None
    description: str = ""
    enabled: bool = True
    severity: SeverityName = Severity.MEDIUM
    filter: RuleFilter = Field(default_factory=RuleFilter)
    per_plan: bool = False
    every: Duration | None = None
    realert: Duration = timedelta(minutes=30)
    # 持续扩大: told again only when the count grew by min_growth since the last message, each
    # time after a longer wait (realert × backoff^n, at most max_wait); alerting/realert.py.
    growth_realert: GrowthRealert = Field(default_factory=GrowthRealert)
    resolve_after: Duration = timedelta(minutes=30)
    # Names of `alerting.notifiers` this rule's messages go to, instead of the first
    # escalation tier's (or every enabled notifier): the 食品安全 rule to the quality team's
    # WeCom group, the 315/监管 rule to the PR mailbox. Escalations still follow the tiers.
    notifiers: list[str] = Field(default_factory=list)
    # A new front of a crisis (the brand's own account inflaming it, a 维权 wave): when this
    # rule's alert joins an active alert group that has no alert of its rule and key (each own
    # post is a key of its own), it is announced as 事态更新 instead of joining silently.
    announce_in_group: bool = False
    # 免打扰时段: this rule's messages wait and go out as one digest when the span ends (the
    # alert opens at once); 紧急 alerts go out anyway unless quiet_hours.hold_critical.
    quiet_hours: QuietHours | None = None


@dataclass
class Finding:
    """A rule's verdict for one dedup key: the numbers that go into the alert."""

    key: str
    title: str
    summary: str
    count: int
    window_start: datetime
    window_end: datetime
    baseline: float | None = None
    peak: float | None = None
    sample_ids: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    severity: Severity | None = None
    accumulate: bool = False
    # Who is new and worth telling at once in an accumulating alert ("@护肤博主Lily": a 大V or
    # media account joined); the summary then names them. Empty: nothing to announce.
    news: str = ""
    # Who that is, by account (channel + author id, the name when there is none): an alert
    # group names each author once, whatever they are called and whichever alert they join.
    news_author: str = ""
    # The title stands in for a name the finding does not know yet (高危舆情：<category> for
    # posts no visible event holds): an alert its event has named keeps that name.
    provisional_title: bool = False


@dataclass
class RuleContext:
    """What a rule may read: the index (protocol only), time zone, now, store and its state."""

    index: MentionIndex
    tz: tzinfo
    now: datetime
    sessions: sessionmaker[Session] | None = None
    state: dict[str, Any] = field(default_factory=dict)
    sample_size: int = 5
    budget: BaselineBudget | None = None  # cold-start baseline work allowed now; None = any
    own_accounts: OwnAccounts = field(default_factory=OwnAccounts)

    def may_compute_baseline(self, units: int, key: Any = None) -> bool:
        """Whether a baseline that is not cached at all may be computed in this tick."""
        return self.budget is None or self.budget.take(units, key)


SpecT = TypeVar("SpecT", bound=RuleSpec)


class Rule(Generic[SpecT]):
    """A configured rule typed by its options; subclasses implement `evaluate` (window) or
    `on_mentions` (ingest), and `describe` for the numbers line of their alerts."""

    type_name: ClassVar[str] = ""
    type_label_zh: ClassVar[str] = ""
    spec_model: ClassVar[type[RuleSpec]] = RuleSpec
    at_ingest: ClassVar[bool] = False
    skip_when_idle: ClassVar[bool] = True
    # Which incidents its alerts may share: reputation signals group together, health apart.
    incident_group: ClassVar[str] = "reputation"
    # How well its alert names a crisis as its group's headline, among alerts of one severity
    # opened together: a spreading event (its subject) over a high-risk post over a count
    # over the brand's own post drawing replies.
    headline: ClassVar[int] = 0

    def __init__(self, spec: SpecT, source: str = "<builtin>") -> None:
        self.spec: SpecT = spec
        self.source = source

    @property
    def name(self) -> str:
        """The rule's unique name."""
        return self.spec.name

    @property
    def delay(self) -> timedelta | DelayMode:
        """How long before now its window ends (`WindowSpec.delay`: a duration, or auto: the
        current collection lag, alerting.auto_delay); none for other rules."""
        return self.spec.delay if isinstance(self.spec, WindowSpec) else timedelta(0)

    @property
    def keyed_by_subject(self) -> bool:
        """Whether its keys name what an alert is about (a category, an event), so that its
        finding of an ended group's key within reopen_within is that thread again. A count
        over the whole brand (key "*") is not: a negative spike at noon is no second wave of
        yesterday afternoon's."""
        return False

    def scopes(self) -> list[tuple[str, RuleFilter]]:
        """(key prefix, filter) pairs: one per plan when per_plan, else the rule's filter."""
        if not self.spec.per_plan or not self.spec.filter.plans:
            return [("*", self.spec.filter)]
        return self.spec.filter.per_plan()

    def evaluate(self, rc: RuleContext) -> list[Finding]:
        """Findings over the index at rc.now (window rules)."""
        return []

    def on_mentions(self, mentions: Sequence[Mention], rc: RuleContext) -> list[Finding]:
        """Findings for newly indexed mentions (ingest rules)."""
        return []

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """The alert's numbers in Chinese (messages and the dashboard show this one line)."""
        if alert.baseline is None:
            return f"数量：{alert.count} 条"
        times = f"，约 {alert.count / alert.baseline:.1f} 倍" if alert.baseline > 0 else ""
        return (
            f"数量：{alert.count} 条，基线 {alert.baseline:.1f} 条{times}（峰值 {alert.peak:.0f}）"
        )

    def sweep_candidate(self, mention: Mention, now: datetime) -> bool:
        """Ingest rules: True when the rule could fire on mention (judged once, crash-proof)."""
        return False

    def urgency_discount(self) -> RoutineDiscount | None:
        """How this rule counts a mention's urgency level, when it judges single mentions by
        it (urgent_mention); None for rules that do not."""
        return None


class WindowSpec(RuleSpec):
    """Options of a rule that looks back over a window ending now, or `delay` before now.

    `delay` (ElastAlert's query_delay): the window ends that long before now. Collectors see a
    post minutes after it is published (a search polled every 5 minutes, a complaint platform
    every 15), so the last minutes of a window ending now hold only the posts already collected
    — a 10-minute window under 2–15 minutes of collection lag holds about a quarter of them, and
    a spike that is there is judged against a full baseline and missed. A window ending `delay`
    ago is complete when it is judged, at the cost of `delay` before the alert."""

    window: Duration = timedelta(minutes=30)
    # auto: the 90th-percentile collection lag of the rule's sources, read at each tick
    # (alerting.auto_delay); 0 when none is known yet, as on a stream collected the instant it
    # is posted. The built-in 10-minute rules have it; a rule that names none keeps 0 (a
    # longer window loses little to the lag, and would fire the lag later).
    delay: timedelta | DelayMode = timedelta(0)

    @field_validator("delay", mode="before")
    @classmethod
    def _delay_in_range(cls, value: object) -> timedelta | DelayMode:
        if isinstance(value, str) and value.strip().lower() == DelayMode.AUTO:
            return DelayMode.AUTO
        limit = interval_zh(MAX_DELAY)
        wanted = f"delay（采集延迟）须为 auto（按采集延迟自动）或 0 到 {limit}之间的时长，例如 15m"
        try:
            delay = parse_duration(value)
        except ValueError:
            raise ValueError(f"{wanted}，收到 {value!r}") from None
        if delay < timedelta(0) or delay > MAX_DELAY:
            raise ValueError(f"{wanted}，收到 {value!r}")
        return delay


MAX_DELAY = timedelta(hours=6)


def delayed_zh(summary: str, delay: timedelta) -> str:
    """A window rule's summary as judged `delay` before now (最近 10 分钟 … of the window then)."""
    if not delay:
        return summary
    return f"{summary}（窗口截至 {interval_zh(delay)}前，留出采集延迟）"


WindowSpecT = TypeVar("WindowSpecT", bound=WindowSpec)


class ScopedRule(Rule[WindowSpecT]):
    """A window rule judged scope by scope: `judge` sees one scope's filter and the window's
    start (rc.now - window) and returns that scope's findings."""

    def evaluate(self, rc: RuleContext) -> list[Finding]:
        """The findings of every scope, in scope order."""
        start = rc.now - self.spec.window
        return [f for scope, flt in self.scopes() for f in self.judge(rc, scope, flt, start)]

    def judge(self, rc: RuleContext, scope: str, flt: RuleFilter, start: datetime) -> list[Finding]:
        """One scope's findings over [start, rc.now]."""
        raise NotImplementedError


RULES: Registry[type[Rule[Any]]] = Registry("预警规则类型")

R = TypeVar("R", bound=type[Rule[Any]])


def register(cls: R) -> R:
    """Class decorator: make a rule type available to YAML files under its type_name."""
    RULES.add(cls.type_name, cls)
    return cls


def kind_of(alert: Alert) -> type[Rule[Any]]:
    """The rule type that raised the alert (the base Rule for a type no longer registered)."""
    return RULES.get(alert.rule_type) if alert.rule_type in RULES else Rule


def describe(alert: Alert) -> str:
    """The numbers line of an alert, in the words of the rule type that raised it."""
    return kind_of(alert).describe(alert)


def scope_label(scope: str) -> str:
    """Key prefix as shown in titles ('' for all plans)."""
    return "" if scope == "*" else f"[{scope}] "
