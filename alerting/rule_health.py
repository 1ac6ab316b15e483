"""The rules `yuqing run` runs with, and the rule problems it had to leave out.

A typo in one rule file must not stop all monitoring at the next restart: the service starts
with every rule that loads and refers only to configured plans and notifiers, says each
problem in one Chinese line, and keeps them in the workflow store (`alert_rule_state` row
`_rule_files`) so 预警中心 and `yuqing alerts rules` show what is not running.
`yuqing check` and `yuqing alerts rules` stay strict (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from alerting.config import ALERTING
from alerting.loader import collect_rules
from alerting.models import RuleState
from alerting.rules import Rule
from core.errors import ConfigError

if TYPE_CHECKING:
    from core.config import CoreConfig
    from core.context import Context

HEALTH_STATE = "_rule_files"  # alert_rule_state row of the running service's rule problems


@dataclass(frozen=True)
class RuleHealth:
    """What the running service left out: one Chinese line per problem, and since when."""

    problems: list[str]
    checked_at: datetime | None

    def headline(self) -> str:
        """One Chinese line for a banner or a listing."""
        return f"正在运行的预警服务跳过了 {len(self.problems)} 处有问题的规则（其余规则照常运行）："


def reference_problems(rule: Rule, config: CoreConfig, notifiers: list[str]) -> list[str]:
    """A loaded rule's references to plans or notifiers that are not configured."""
    where = f"预警规则 {rule.name}（{rule.source}）"
    return [
        f"{where}: filter.plans 引用了{config.unknown_plan_zh(plan)}"
        for plan in rule.spec.filter.plans
        if config.plan(plan) is None
    ] + [
        f"{where}: notifiers 引用了未定义的通知渠道 {name!r}；"
        f"在 alerting.notifiers 里定义，已定义：{'、'.join(notifiers) or '（无）'}"
        for name in rule.spec.notifiers
        if name not in notifiers
    ]


def usable_rules(ctx: Context) -> tuple[list[Rule], list[str]]:
    """(enabled rules the service can run, one Chinese line per problem left out)."""
    config = ALERTING.of(ctx.config)
    config_dir = ctx.config_path.parent if ctx.config_path else None
    try:
        loaded, errors = collect_rules(config, config_dir)
    except ConfigError as exc:  # rules_dir missing: the built-ins still run
        loaded, errors = collect_rules(config.model_copy(update={"rules_dir": None}))
        errors = str(exc).splitlines() + errors
    found = [f"预警规则文件有误：{line}" for line in errors]
    notifiers = [n.name for n in config.notifiers]
    rules: list[Rule] = []
    for rule in (r for r in loaded if r.spec.enabled):
        wrong = reference_problems(rule, ctx.config, notifiers)
        found += wrong
        if not wrong:
            rules.append(rule)
    return rules, found


def record(ctx: Context, problems: list[str]) -> None:
    """Keep the problems the service started with (an empty list clears the entry). Workers
    starting at once may both find no row: the one whose insert loses updates the winner's."""
    for attempt in (1, 2):
        with ctx.sessions() as session:
            row = session.get(RuleState, HEALTH_STATE) or RuleState(rule=HEALTH_STATE, data={})
            row.last_eval_at = ctx.clock().astimezone(UTC)
            row.data = {"problems": list(problems)}
            session.add(row)
            try:
                session.commit()
                return
            except IntegrityError:
                session.rollback()
                if attempt == 2:
                    raise


def recorded(ctx: Context) -> RuleHealth | None:
    """The problems the running service started with; None when it left nothing out."""
    with ctx.sessions() as session:
        row = session.get(RuleState, HEALTH_STATE)
        if row is None or not (row.data or {}).get("problems"):
            return None
        return RuleHealth([str(p) for p in row.data["problems"]], row.last_eval_at)
