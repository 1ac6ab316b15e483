"""The "需要关注" list: fixed, explainable rules over the report numbers (no LLM)."""

from __future__ import annotations

from collections.abc import Callable

from core.enums import Category, Severity
from reports.config import AttentionConfig
from reports.models import AttentionItem, ReportData

Rule = Callable[[ReportData, AttentionConfig], list[AttentionItem]]


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def critical_mentions(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Mentions scored 紧急 (critical urgency) in the period."""
    n = data.headline.critical
    if not n:
        return []
    level = Severity.CRITICAL.label_zh
    text = (
        f"{data.window.current_zh}有 {n} 条紧急程度为「{level}」的提及，请确认均已响应并跟进处理。"
    )
    return [AttentionItem(Severity.CRITICAL, text, "critical_mentions")]


def safety_complaints(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Any negative mention about food safety or personal harm."""
    row = next((r for r in data.categories if r.key == Category.FOOD_SAFETY_HEALTH), None)
    if row is None or not row.count:
        return []
    # Tagged 紧急 for the subject, whatever the urgency of each mention: say so, so that it is
    # not read as 紧急提及 (the tile counting mentions of that urgency level).
    text = (
        f"「{row.label}」类负面提及 {row.count} 条（不论单条紧急程度）："
        "涉及人身安全，需核实事实并优先处理。"
    )
    return [AttentionItem(Severity.CRITICAL, text, "safety_complaints")]


def unresolved_critical_alerts(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Alert groups with a critical alert still open, one line per crisis (named by its event,
    as the 预警与危机 table counts them), with who handles it."""
    found = data.alerts.unresolved_critical_incidents
    items = []
    for incident in found[:3]:
        handled = "、".join(incident.cases) or "尚未立案，无人负责"
        text = (
            f"紧急预警组{incident.name}尚未解决（{incident.signals} 条预警，"
            f"{incident.status_label}）：{handled}。"
        )
        items.append(AttentionItem(Severity.CRITICAL, text, "unresolved_critical_alerts"))
    if len(found) > 3:
        text = f"另有 {len(found) - 3} 个紧急预警组尚未解决，见“预警与危机”。"
        items.append(AttentionItem(Severity.CRITICAL, text, "unresolved_critical_alerts"))
    return items


def unattended_critical_alerts(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Critical alert groups nobody acknowledged or opened a case for, ended by the rules'
    timers: 已解决 in the table, but nobody is known to have handled the crisis."""
    items = []
    for incident in [i for i in data.alerts.incidents if i.unattended]:
        text = (
            f"紧急预警组{incident.name}（{incident.signals} 条预警）无人确认、未立案，"
            "已由规则到时自动解除：请核实危机是否已处置，并补立案留档（复盘、服务补救）。"
        )
        items.append(AttentionItem(Severity.HIGH, text, "unattended_critical_alerts"))
    return items


def noisy_rules(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Rules whose alerts people marked 误报 at least twice: tune them."""
    fired: dict[str, int] = {}
    dismissed: dict[str, int] = {}
    for row in data.alerts.rows:
        fired[row.rule] = fired.get(row.rule, 0) + 1
        dismissed[row.rule] = dismissed.get(row.rule, 0) + int(row.false_alarm)
    items = []
    for rule, count in sorted(dismissed.items(), key=lambda kv: -kv[1]):
        if count >= 2:
            text = (
                f"规则「{rule}」{data.window.current_zh}被标记误报 {count} 次"
                f"（共 {fired[rule]} 条预警），建议调整阈值、关键词或过滤条件。"
            )
            items.append(AttentionItem(Severity.LOW, text, "noisy_rules"))
    return items


def category_share_rise(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """A complaint category whose share of negative mentions rose sharply; never against a
    comparison period with too few negative mentions to compare (the first week of monitoring:
    every category would have "risen" from nothing or from one mention)."""
    if data.headline.negative < cfg.min_mentions or not data.comparable(
        data.headline.prev_negative
    ):
        return []
    items = []
    for row in data.categories:
        rise = round(row.delta_pp, 1)
        if rise >= cfg.category_share_rise_pp and row.key != Category.OTHER:
            text = (
                f"「{row.label}」占负面提及 {_pct(row.share)}，较{data.window.previous_zh}"
                f"上升 {rise:.1f} 个百分点（{row.prev_count} → {row.count} 条）。"
            )
            items.append(AttentionItem(Severity.MEDIUM, text, "category_share_rise"))
    return items


def negative_share_rise(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Negative share up by more than the threshold."""
    now, before = data.headline.negative_share, data.headline.prev_negative_share
    if now is None or before is None or data.headline.classified < cfg.min_mentions:
        return []
    if not data.comparable(data.headline.prev_classified):
        return []
    rise = round((now - before) * 100, 1)  # compare what the reader sees, not float noise
    if rise < cfg.negative_share_rise_pp:
        return []
    text = f"负面占比升至 {_pct(now)}，较{data.window.previous_zh}上升 {rise:.1f} 个百分点。"
    return [AttentionItem(Severity.MEDIUM, text, "negative_share_rise")]


def communication_share_rise(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """More of the complaints name a communication failure than in the period before (both
    periods with enough complaints read): the handling, not the product, is getting worse."""
    share = data.communication
    if share is None or share.prev_share is None:
        return []
    if min(share.read, share.prev_read) < cfg.min_mentions:
        return []
    rise = round((share.share - share.prev_share) * 100, 1)
    if rise < cfg.communication_share_rise_pp:
        return []
    named = "、".join(f"「{group}」" for group, _ in share.top)
    text = (
        f"投诉中提到沟通问题的占 {_pct(share.share)}，较{data.window.previous_zh}上升 {rise:.1f} "
        f"个百分点，多为{named}：查客服响应、转交与告知环节。"
    )
    return [AttentionItem(Severity.MEDIUM, text, "communication_share_rise")]


def volume_spike(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Mention volume well above the comparison period (never on a tiny base)."""
    now, before = data.headline.mentions, data.headline.prev_mentions
    if now < cfg.min_mentions or not data.comparable(before):
        return []
    if now < before * cfg.volume_spike_ratio:
        return []
    text = f"提及量 {now} 条，是{data.window.previous_zh}（{before} 条）的 {now / before:.1f} 倍。"
    return [AttentionItem(Severity.MEDIUM, text, "volume_spike")]


def reputation_low(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Reputation index below the floor or dropping fast."""
    now, before = data.headline.reputation, data.headline.prev_reputation
    if now is None or data.headline.classified < cfg.min_mentions:
        return []
    if now < cfg.reputation_floor:
        text = f"口碑指数 {now:.1f}，低于警戒线 {cfg.reputation_floor:.0f}。"
        return [AttentionItem(Severity.MEDIUM, text, "reputation_low")]
    drop_known = before is not None and data.comparable(data.headline.prev_classified)
    if drop_known and before is not None and before - now >= cfg.reputation_drop:
        text = f"口碑指数由 {before:.1f} 降至 {now:.1f}（下降 {before - now:.1f}）。"
        return [AttentionItem(Severity.MEDIUM, text, "reputation_low")]
    return []


def case_kpis(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """SLA attainment below target, overdue cases, low post-recovery satisfaction."""
    kpis = data.kpis
    items = []
    if kpis.sla_attainment is not None and kpis.sla_attainment < cfg.sla_target:
        text = f"SLA 达成率 {_pct(kpis.sla_attainment)}，低于目标 {_pct(cfg.sla_target)}。"
        items.append(AttentionItem(Severity.MEDIUM, text, "sla_below_target"))
    if kpis.overdue_open:
        text = f"{kpis.overdue_open} 个工单已超时仍未关闭，请督促负责人跟进。"
        items.append(AttentionItem(Severity.MEDIUM, text, "overdue_cases"))
    satisfaction = kpis.post_recovery_satisfaction
    if satisfaction is not None and satisfaction < cfg.satisfaction_floor:
        text = f"补救后满意度 {satisfaction:.1f} / 5，低于 {cfg.satisfaction_floor:.1f}。"
        items.append(AttentionItem(Severity.LOW, text, "low_satisfaction"))
    return items


RULES: list[Rule] = [
    critical_mentions,
    safety_complaints,
    unresolved_critical_alerts,
    unattended_critical_alerts,
    noisy_rules,
    category_share_rise,
    negative_share_rise,
    communication_share_rise,
    volume_spike,
    reputation_low,
    case_kpis,
]


def needs_attention(data: ReportData, cfg: AttentionConfig) -> list[AttentionItem]:
    """Apply every rule; the most severe items first."""
    items = [item for rule in RULES for item in rule(data, cfg)]
    return sorted(items, key=lambda item: -item.severity.rank)
