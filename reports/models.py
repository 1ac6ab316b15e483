"""The numbers of one report as plain dataclasses: what the template, charts and rules read."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from core.enums import Severity
from reports.comparison import Comparison
from reports.period import ReportWindow
from reports.workflow_rows import AlertsSection, KpiSection

if TYPE_CHECKING:
    from reports.decisions import CrisisProgress
    from reports.event_section import EventRow
    from reports.rivals import RivalSection
    from reports.summary import Verdict


class MetricKind(StrEnum):
    """How a metric's change is expressed."""

    COUNT = "count"  # relative change, +12.5%
    SHARE = "share"  # percentage points, +3.2 个百分点
    INDEX = "index"  # points, +4.1


class Tone(StrEnum):
    """Whether a change is good or bad news (colours in the report)."""

    GOOD = "good"
    BAD = "bad"
    FLAT = "flat"


@dataclass(frozen=True)
class Metric:
    """A headline number with its value in the comparison period; `base` is the number of
    mentions the previous value rests on, `current_base` the number the current one rests on
    (shares and the index only), `withheld` why the change is not shown."""

    label: str
    current: float | None
    previous: float | None
    kind: MetricKind
    higher_is_better: bool | None = None
    base: int | None = None
    withheld: str | None = None
    current_base: int | None = None
    absolute: bool = False  # a count on a thin base: the change in 条, never in %

    @property
    def delta(self) -> float | None:
        """current − previous, None when either is missing."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def change_text(self) -> str:
        """The change as people read it: +12.5%, −3.2 个百分点, +4.1, 新增, — or why not."""
        if self.withheld:
            return self.withheld
        delta = self.delta
        if delta is None:
            return "—"
        if self.kind == MetricKind.SHARE:
            return f"{delta * 100:+.1f} 个百分点"
        if self.kind == MetricKind.INDEX:
            return f"{delta:+.1f}"
        if not delta:
            return "持平"
        if self.absolute:
            return f"{delta:+,.0f} 条"
        if not self.previous:
            return "新增"
        return f"{delta / self.previous * 100:+.1f}%"

    @property
    def tone(self) -> Tone:
        """Good, bad or flat given higher_is_better (flat when the change is withheld)."""
        delta = self.delta
        if not delta or self.higher_is_better is None or self.withheld:
            return Tone.FLAT
        return Tone.GOOD if (delta > 0) == self.higher_is_better else Tone.BAD


@dataclass(frozen=True)
class PeriodCounts:
    """One period's counts of some plans (a 竞品对比 row, half a Headline)."""

    mentions: int
    negative: int
    classified: int
    critical: int
    reputation: float | None


@dataclass(frozen=True)
class Headline:
    """Headline counts of the reported and the comparison period."""

    mentions: int
    prev_mentions: int
    negative: int
    prev_negative: int
    classified: int
    prev_classified: int
    critical: int
    prev_critical: int
    reputation: float | None
    prev_reputation: float | None

    @property
    def current(self) -> PeriodCounts:
        """The reported period's counts."""
        return PeriodCounts(
            self.mentions, self.negative, self.classified, self.critical, self.reputation
        )

    @property
    def negative_share(self) -> float | None:
        """Negative mentions / classified mentions, None without classified mentions."""
        return self.negative / self.classified if self.classified else None

    @property
    def prev_negative_share(self) -> float | None:
        """The same share in the comparison period."""
        return self.prev_negative / self.prev_classified if self.prev_classified else None

    def metrics(self) -> list[Metric]:
        """The four tiles at the top of the report."""
        count, share, index = MetricKind.COUNT, MetricKind.SHARE, MetricKind.INDEX
        return [
            Metric("提及总量", self.mentions, self.prev_mentions, count, None, self.prev_mentions),
            Metric(
                "负面占比",
                self.negative_share,
                self.prev_negative_share,
                share,
                False,
                self.prev_classified,
                current_base=self.classified,
            ),
            Metric(
                "口碑指数",
                self.reputation,
                self.prev_reputation,
                index,
                True,
                self.prev_classified,
                current_base=self.classified,
            ),
            Metric("紧急提及", self.critical, self.prev_critical, count, False, self.prev_critical),
        ]


@dataclass(frozen=True)
class TrendPoint:
    """Mentions in one time bucket by sentiment (gaps are filled with zeros); `monitored` is
    False for a bucket that ended before monitoring started (its 0 is no quiet day), and
    `monitored_from` says when it started in the bucket it started in (a short bar there)."""

    start: datetime
    negative: int = 0
    neutral: int = 0
    positive: int = 0
    unclassified: int = 0
    monitored: bool = True
    monitored_from: datetime | None = None

    @property
    def total(self) -> int:
        """All mentions in the bucket."""
        return self.negative + self.neutral + self.positive + self.unclassified


@dataclass(frozen=True)
class ShareRow:
    """One value of a breakdown (a channel or a category) in both periods."""

    key: str
    label: str
    count: int
    prev_count: int
    share: float
    prev_share: float
    prev_total: int = 0  # the previous period's base of the whole breakdown
    total: int = 0  # the reported period's base of the whole breakdown

    @property
    def delta_pp(self) -> float:
        """Change of the share in percentage points."""
        return (self.share - self.prev_share) * 100


@dataclass(frozen=True)
class Quote:
    """A masked sample of a negative mention."""

    text: str
    channel: str
    published: str
    urgency: str
    url: str | None = None


@dataclass(frozen=True)
class Topic:
    """A frequent keyword of negative mentions with sample quotes."""

    keyword: str
    count: int
    prev_count: int
    quotes: list[Quote] = field(default_factory=list)
    label: str = ""  # the keyword as people spell it (keywords are lower-cased: x5 of 曜石X5)

    @property
    def shown(self) -> str:
        """What the report prints for the topic."""
        return self.label or self.keyword


@dataclass(frozen=True)
class RecoveryPraise:
    """Praise after a recovery (补救后好评) in both periods, with the newest examples."""

    count: int = 0
    prev_count: int = 0
    quotes: list[Quote] = field(default_factory=list)

    @property
    def metric(self) -> Metric:
        """The count as a metric: more is better."""
        return Metric(
            "补救后好评", self.count, self.prev_count, MetricKind.COUNT, True, self.prev_count
        )


@dataclass(frozen=True)
class CommunicationShare:
    """How many of the period's complaints (original posts, newest first up to a sample) name a
    communication failure (沟通不畅: 推诿, 无人回应, 未告知 …), the most named ones, and the
    same share in the period before (None when it had no complaint)."""

    read: int
    naming: int
    top: list[tuple[str, int]] = field(default_factory=list)
    prev_share: float | None = None
    prev_read: int = 0
    capped: bool = False  # the period had more complaints than were read
    text: str = ""  # the sentence the report prints (reports.communication.sentence)

    @property
    def share(self) -> float:
        """Share of the read complaints that name a communication failure."""
        return self.naming / self.read if self.read else 0.0


@dataclass(frozen=True)
class AttentionItem:
    """One line of "需要关注", produced by a rule (severity low, medium or critical)."""

    severity: Severity
    text: str
    rule: str


@dataclass
class ReportData:
    """Everything one report shows."""

    brand: str
    plan: str | None
    window: ReportWindow
    generated_at: datetime
    headline: Headline
    trend: list[TrendPoint]
    channels: list[ShareRow]
    categories: list[ShareRow]
    topics: list[Topic]
    alerts: AlertsSection
    kpis: KpiSection
    attention: list[AttentionItem] = field(default_factory=list)
    regions: list[ShareRow] = field(default_factory=list)  # IP属地 of negative mentions
    events: list[EventRow] = field(default_factory=list)  # reports.event_section
    recovery: RecoveryPraise = field(default_factory=RecoveryPraise)
    comparison: Comparison | None = None  # None: the previous period was fully monitored
    notices: list[str] = field(default_factory=list)  # unfinished period, monitoring start
    scope: str | None = None  # which plans the numbers cover (reports.service.scope_zh)
    verdict: Verdict | None = None  # 核心结论 (reports.summary), set with the attention list
    progress: list[CrisisProgress] = field(default_factory=list)  # reports.decisions
    communication: CommunicationShare | None = None  # None: no complaint in the period
    rivals: RivalSection | None = None  # 竞品对比; None without competitor plans

    @property
    def heading(self) -> str:
        """The brand and what is counted: 鲜味坊 · 监测方案 驰远汽车."""
        return f"{self.brand} · {self.scope}" if self.scope else self.brand

    @property
    def compare(self) -> Comparison:
        """How this period may be compared with the previous one."""
        return self.comparison or Comparison(
            self.window.previous_zh, current_zh=self.window.current_zh
        )

    def withheld(self, base: int, current: int | None = None) -> str | None:
        """Why a change against a previous figure of `base` mentions (of a share of `current`
        mentions) is not shown."""
        return self.compare.withheld(base, current)

    def comparable(self, base: int) -> bool:
        """True when a change against a previous figure of `base` mentions may be shown."""
        return self.withheld(base) is None

    @property
    def metrics(self) -> list[Metric]:
        """The headline tiles: no change against a period too thin to compare, a count's
        change in 条 rather than % on a thin base."""
        return [self._judged(m) for m in self.headline.metrics()]

    @property
    def recovery_metric(self) -> Metric:
        """补救后好评 as a metric, judged like the tiles."""
        return self._judged(self.recovery.metric)

    def table_withheld(self, rows: list[ShareRow]) -> str | None:
        """Why a breakdown's 占比变化 is not shown (its previous base is too thin)."""
        return self.withheld(rows[0].prev_total, rows[0].total) if rows else self.withheld(0)

    def _judged(self, metric: Metric) -> Metric:
        if metric.base is None:
            return metric
        withheld = self.withheld(metric.base, metric.current_base)
        if withheld and metric.kind == MetricKind.COUNT and not self.compare.blocked:
            # 0 → 7 紧急提及 is news in 条 on any base; only a percentage needs one.
            return replace(metric, absolute=True)
        return replace(metric, withheld=withheld)

    @property
    def empty(self) -> bool:
        """True when the reported period has no mention at all."""
        return self.headline.mentions == 0
