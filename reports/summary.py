"""核心结论: the lines an executive reads first — better or worse than the previous period and by
how much, where the negative voices come from, and the crisis still open with who handles it.

Rule-based like 需要关注 (no LLM): the direction follows the 口碑指数 tile (its change is
withheld on the same grounds, reports/comparison.py), so the verdict never contradicts a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.enums import Category
from reports.models import Metric, ReportData

STEADY = 2.0  # 口碑指数 points: a smaller move reads 基本持平
RISE_PP = 3.0  # a complaint category's share rise worth naming, in 个百分点
MAX_OPEN = 2  # unresolved crises named in the line (the rest counted)


class Direction(StrEnum):
    """Whether reputation got better or worse than in the previous period."""

    BETTER = "口碑好转"
    WORSE = "口碑变差"
    STEADY = "口碑基本持平"
    UNKNOWN = "无法比较"


@dataclass(frozen=True)
class Verdict:
    """The direction and the lines saying it, why, and what is still open."""

    direction: Direction
    lines: list[str]


def verdict(data: ReportData, floor: float = 40.0) -> Verdict | None:
    """The 核心结论 of a report (None for a period without any mention)."""
    if data.empty:
        return None
    metrics = {m.label: m for m in data.metrics}
    direction, first = _direction(data, metrics["口碑指数"], metrics["负面占比"], floor)
    lines = [first, _why(data), _crisis(data)]
    return Verdict(direction, [line for line in lines if line])


def _direction(
    data: ReportData, index: Metric, share: Metric, floor: float
) -> tuple[Direction, str]:
    if index.current is None:
        return Direction.UNKNOWN, f"{data.window.current_zh}提及均未分类，无法计算口碑指数。"
    level = f"口碑指数 {index.current:.1f}" + (
        f"（低于警戒线 {floor:.0f}）" if index.current < floor else ""
    )
    negative = "" if share.current is None else f"，负面占比 {share.current * 100:.1f}%"
    previous = data.window.previous_zh
    if index.withheld or index.delta is None:
        reason = (index.withheld or f"{previous}无可比数据").removesuffix("，不作比较")
        return Direction.UNKNOWN, f"{level}{negative}；{reason}，无法判断好转还是变差。"
    delta = index.delta
    moved = "" if share.withheld or share.delta is None else f"（{share.change_text}）"
    if abs(delta) < STEADY:
        return Direction.STEADY, (
            f"{Direction.STEADY}：{level}，较{previous} {delta:+.1f}{negative}{moved}。"
        )
    direction = Direction.BETTER if delta > 0 else Direction.WORSE
    way = "上升" if delta > 0 else "下降"
    return direction, f"{direction}：{level}，较{previous}{way} {abs(delta):.1f}{negative}{moved}。"


def _why(data: ReportData) -> str | None:
    """Where the negative voices come from: the largest categories, the category that grew,
    the biggest negative event."""
    rows = [r for r in data.categories if r.count and r.key != Category.OTHER]
    if not data.headline.negative:
        return f"{data.window.current_zh}没有负面提及。"
    parts = []
    if rows:
        top = "、".join(f"「{r.label}」（{r.count:,} 条，{r.share * 100:.1f}%）" for r in rows[:2])
        parts.append(f"负面集中在{top}")
    if not data.table_withheld(data.categories):
        risen = max(rows, key=lambda r: r.delta_pp, default=None)
        if risen is not None and round(risen.delta_pp, 1) >= RISE_PP:
            than = f"较{data.window.previous_zh}"
            parts.append(f"「{risen.label}」占比{than}上升 {risen.delta_pp:.1f} 个百分点")
    negative = [e for e in data.events if e.in_period and e.negative >= 0.5]
    if negative:
        event = max(negative, key=lambda e: e.in_period)
        parts.append(
            f"最大的负面事件「{event.title}」{data.window.current_zh} {event.in_period} 条"
            f"（负面 {event.negative * 100:.0f}%，{event.status}）"
        )
    return "；".join(parts) + "。" if parts else None


def _crisis(data: ReportData) -> str | None:
    """The critical alert groups still open and who handles them, else how the period's alert
    groups ended."""
    if not data.alerts.available:
        return None
    open_ones = data.alerts.unresolved_critical_incidents
    if open_ones:
        named = "；".join(
            f"{i.name}，{'、'.join(i.cases) or '尚未立案，无人负责'}" for i in open_ones[:MAX_OPEN]
        )
        more = f"，另有 {len(open_ones) - MAX_OPEN} 个" if len(open_ones) > MAX_OPEN else ""
        return f"{len(open_ones)} 个紧急预警组尚未解决：{named}{more}。"
    groups = data.alerts.incidents
    if not groups:
        return f"{data.window.current_zh}无预警。"
    settled = sum(1 for i in groups if i.is_resolved)
    unattended = sum(1 for i in groups if i.unattended)
    how = (
        f"（其中 {unattended} 个紧急预警组无人确认、未立案，由规则到时自动解除）"
        if unattended
        else ""
    )
    return f"{len(groups)} 个预警组，已解决 {settled} 个{how}，无未解决的紧急预警。"
