"""Start-up checks of the `reports:` section (`yuqing check`, `yuqing run`): a brief that would
reach nobody is refused with the notifier names there are, a report of a plan that does not
exist with the plan ids there are (it failed only when the schedule came, Monday 09:00), a
recipient that is not an address."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alerting.config import ALERTING
from alerting.notifiers.base import is_email_address
from core.enums import Severity
from core.validation import close_match
from reports.config import REPORTS

if TYPE_CHECKING:
    from core.context import Context


def problems(ctx: Context) -> list[str]:
    """Names in reports (notifiers, plans) that exist; recipients that are addresses."""
    cfg = REPORTS.of(ctx.config)
    found = _notifiers(ctx, "reports.notifiers", cfg.notifiers)
    found += _recipients("reports.recipients", cfg.recipients)
    if cfg.plan is not None:
        found += _plan(ctx, "reports.plan", cfg.plan)
    seen: set[str] = set()
    for number, entry in enumerate(cfg.per_plan):
        where = f"reports.per_plan[{number}]"
        found += _plan(ctx, f"{where}.plan", entry.plan)
        if entry.plan in seen or entry.plan == cfg.plan:
            found.append(
                f"{where}.plan：监测方案 {entry.plan!r} 已有报告"
                "（reports.plan 或前面的 per_plan），同一方案只写一处"
            )
        seen.add(entry.plan)
        found += _notifiers(ctx, f"{where}.notifiers", entry.notifiers)
        found += _recipients(f"{where}.recipients", entry.recipients)
        if not entry.recipients and not entry.notifiers:
            found.append(f"{where}：没有 recipients 也没有 notifiers，这份报告发不给任何人")
    return found


def _notifiers(ctx: Context, where: str, listed: list[str]) -> list[str]:
    """Every name must be one of alerting.notifiers."""
    notifiers = ALERTING.of(ctx.config).notifiers
    names = [n.name for n in notifiers]
    floors = {n.name: n.min_severity for n in notifiers if n.min_severity is not None}
    found = []
    for number, name in enumerate(listed):
        floor = floors.get(name)
        if floor is not None and floor != Severity.LOW:
            found.append(
                f"{where}[{number}]：通知渠道 {name} 只收「{floor.label_zh}」及以上的消息"
                "（min_severity），报告简报的级别是「一般」，不会发到它"
            )
        if name in names:
            continue
        guess = close_match(name, names)
        hint = f"是不是 {guess}？" if guess else ""
        found.append(
            f"{where}[{number}]：未定义的通知渠道 {name!r}；{hint}"
            f"已定义（alerting.notifiers）：{'、'.join(names) or '（无）'}"
        )
    return found


def _recipients(where: str, listed: list[str]) -> list[str]:
    return [
        f"{where}[{number}]：{address!r} 不是邮箱地址；写作 name@example.com，每项一个地址"
        for number, address in enumerate(listed)
        if not is_email_address(address)
    ]


def _plan(ctx: Context, where: str, plan: str) -> list[str]:
    """The plan must be a configured plan's id (when any plan is configured)."""
    if not ctx.config.plans or ctx.config.plan(plan) is not None:
        return []
    return [f"{where}：{ctx.config.unknown_plan_zh(plan)}"]
