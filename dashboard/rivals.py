"""舆情分析's 竞品对比: each plan's mentions, share of voice and negative share under the page's
filters (its own 监测方案 choice aside), the brand's plans first. Shown when `plans` has a
competitor (role 竞品); the 周报 has the same comparison (reports.rivals)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.config import CoreConfig
from core.enums import SentimentLabel
from core.index.protocol import MentionIndex, SearchQuery


@dataclass(frozen=True)
class RivalCount:
    """One plan's figures under the page's filters."""

    name: str  # 示例（本品） for the brand's own plans
    mentions: int
    share: float  # of all compared plans' mentions
    negative_share: float | None  # None without mentions

    @property
    def bar(self) -> tuple[str, float, str]:
        """(label, share, hover) for bars_svg."""
        return self.name, self.share, f"{self.name}：{self.mentions:,} 条"

    @property
    def row(self) -> dict[str, object]:
        """The table row."""
        return {
            "品牌": self.name,
            "声量": self.mentions,
            "声量份额": self.share,
            "负面占比": self.negative_share,
        }


def rival_counts(index: MentionIndex, query: SearchQuery, config: CoreConfig) -> list[RivalCount]:
    """One RivalCount per plan, the brand's own first."""
    counted = []
    for plan in sorted(config.plans, key=lambda p: p.competitor):
        mine = replace(query, plans=[plan.id], limit=0)
        total = index.count(mine)
        bad = index.count(replace(mine, sentiments=[SentimentLabel.NEGATIVE])) if total else 0
        counted.append((plan.name if plan.competitor else f"{plan.name}（本品）", total, bad))
    whole = sum(total for _, total, _ in counted)
    return [
        RivalCount(name, total, total / whole if whole else 0.0, bad / total if total else None)
        for name, total, bad in counted
    ]
