"""竞品对比: the brand's own plans beside its competitors' (plans with role 竞品) in one period.

Per plan: its mentions and share of voice (声量份额: its mentions among all compared plans'),
the negative share of its classified mentions, its 口碑指数 (reports.reputation), its 紧急
mentions and the complaint category most of its negative mentions are about. A mention naming
two brands counts for both. One sentence says where the brand stands: its share of voice and
whether its negative share is above or below the competitors'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from alerting.routine import UrgencyJudge
from core.enums import CATEGORY_LABELS_ZH, Category
from core.index import MentionIndex
from core.index.protocol import BrandSide, PlanScope, SplitField
from reports.data import base_query, negative, period_counts
from reports.models import Headline, ShareRow

if TYPE_CHECKING:
    from core.config import CoreConfig
    from reports.period import ReportWindow

# Below this many classified mentions a plan's negative share is not compared (one post more or
# less would move it by 5 points or more).
MIN_CLASSIFIED = 20


@dataclass(frozen=True)
class RivalRow:
    """One plan's figures in the period (and its mentions in the previous one)."""

    plan: str
    name: str
    own: bool
    mentions: int
    prev_mentions: int
    classified: int
    negative: int
    critical: int
    reputation: float | None
    top_category: str | None  # Chinese label; None when it has no negative mention

    @property
    def negative_share(self) -> float | None:
        """Negative among classified mentions; None on too few to compare."""
        return self.negative / self.classified if self.classified >= MIN_CLASSIFIED else None


@dataclass(frozen=True)
class RivalSection:
    """Every compared plan, own first, and the sentence that reads them."""

    rows: list[RivalRow]
    voice: list[ShareRow]  # share of voice in both periods, for the chart
    text: str
    min_classified: int = MIN_CLASSIFIED


def load(
    index: MentionIndex,
    window: ReportWindow,
    config: CoreConfig,
    counted: tuple[PlanScope, Headline] | None = None,
    judge: UrgencyJudge | None = None,
) -> RivalSection | None:
    """The comparison, or None when no competitor plan is configured. `counted`: the plans
    the report's headline counted and that headline — a plan's row it already holds is read
    from it, not counted again. 紧急 as `judge` counts them (alerting's routine discount)."""
    if not config.rival_plan_ids():
        return None
    judge = judge or UrgencyJudge()
    ordered = sorted(config.plans, key=lambda p: p.competitor)
    rows = [_row(index, window, p.id, p.name, not p.competitor, counted, judge) for p in ordered]
    return RivalSection(rows, _voice(rows), _sentence(rows))


def _row(
    index: MentionIndex,
    window: ReportWindow,
    plan: str,
    name: str,
    own: bool,
    counted: tuple[PlanScope, Headline] | None,
    judge: UrgencyJudge,
) -> RivalRow:
    reused = counted is not None and _is_only(counted[0], plan)
    # The brand's only plan beside competitors: its row is the headline's brand side (the
    # mentions of no plan — a mailbox's complaints — included), the same number as 提及总量.
    scope: PlanScope = counted[0] if counted is not None and reused else [plan]
    now_q = base_query(window.start, window.cutoff, scope)
    if counted is not None and reused:
        head = counted[1]
        now, prev_mentions = head.current, head.prev_mentions
    else:
        now = period_counts(index, now_q, judge)
        prev_mentions = index.count(base_query(window.prev_start, window.prev_end, [plan]))
    top = [
        (key, n)
        for key, n in index.top_terms(negative(now_q), SplitField.CATEGORY, 3)
        if key and key != Category.OTHER
    ]
    return RivalRow(
        plan=plan,
        name=name,
        own=own,
        mentions=now.mentions,
        prev_mentions=prev_mentions,
        classified=now.classified,
        negative=now.negative,
        critical=now.critical,
        reputation=now.reputation,
        top_category=CATEGORY_LABELS_ZH.get(Category(top[0][0])) if top else None,
    )


def _is_only(scope: PlanScope, plan: str) -> bool:
    """Whether a report's scope counts exactly this plan (or the brand's side of this only own
    plan)."""
    if isinstance(scope, BrandSide):
        return scope.own == (plan,)
    return list(scope) == [plan]


def _voice(rows: list[RivalRow]) -> list[ShareRow]:
    total = sum(r.mentions for r in rows)
    prev_total = sum(r.prev_mentions for r in rows)
    return [
        ShareRow(
            key=r.plan,
            label=f"{r.name}（本品）" if r.own else r.name,
            count=r.mentions,
            prev_count=r.prev_mentions,
            share=r.mentions / total if total else 0.0,
            prev_share=r.prev_mentions / prev_total if prev_total else 0.0,
            prev_total=prev_total,
            total=total,
        )
        for r in rows
    ]


def _sentence(rows: list[RivalRow]) -> str:
    """本品声量份额 42.0%（竞品 2 个）；负面占比 18.0%，低于竞品（平均 25.3%）."""
    own = [r for r in rows if r.own]
    rivals = [r for r in rows if not r.own]
    total = sum(r.mentions for r in rows)
    if not total:
        return "本期本品与竞品均无提及。"
    mine = sum(r.mentions for r in own)
    said = f"本品声量份额 {mine / total:.1%}（对比竞品 {len(rivals)} 个）"
    own_classified = sum(r.classified for r in own)
    shares = [s for r in rivals if (s := r.negative_share) is not None]
    if own_classified < MIN_CLASSIFIED or not shares:
        return said + "；提及太少，负面占比暂不比较。"
    mine_neg = sum(r.negative for r in own) / own_classified
    average = sum(shares) / len(shares)
    if abs(mine_neg - average) < 0.01:
        where = "与竞品持平"
    else:
        where = "高于" if mine_neg > average else "低于"
        where += "竞品"
    return f"{said}；负面占比 {mine_neg:.1%}，{where}（竞品平均 {average:.1%}）。"
