"""Everything `yuqing run` would load, checked before anything starts (`yuqing check`).

A mistake found here refuses the start with one Chinese line per problem naming the file,
the key and the fix, instead of a service that runs and reaches nobody. `check` and `run`
both go through `inspect`, so they cannot disagree about a file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from alerting.checks import problems as alerting_problems
from alerting.checks import rule_problems
from alerting.checks import warnings as alerting_warnings
from collectors.checks import problems as source_problems
from collectors.config import SOURCES
from core.config_loading import check_config
from core.context import Context
from core.db_reach import database_problem
from core.errors import ConfigError
from core.pipeline.plan_log import stale_note
from crisis_playbooks.checks import problems as playbook_problems
from reports.checks import problems as report_problems

LATER_CHECKS_SKIPPED = (
    "（以上问题改正前，数据源选项、通知渠道、预警规则和预案文件无法检查；"
    "改正后请再运行 yuqing check）"
)


class StartRefused(ConfigError):
    """The configuration has problems; the message lists every one."""


@dataclass
class Inspection:
    """What checking a config found; `ctx` is None when the file could not be validated at all."""

    ctx: Context | None
    problems: list[str]
    warnings: list[str] = field(default_factory=list)
    # Rule files and rules with mistakes: `check` fails on them, `run` starts without them.
    rule_problems: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> str:
        """Why the later stages were not checked ("" when they were)."""
        return LATER_CHECKS_SKIPPED if self.ctx is None else ""


def inspect(config_path: str | Path | None, data_dir: str | Path) -> Inspection:
    """Every problem `yuqing run` would refuse, all stages in one pass (a YAML file that does
    not parse raises ConfigError: nothing else can be checked then)."""
    path = Path(config_path) if config_path else None
    checked = check_config(path)
    if checked.config is None:
        return Inspection(None, checked.problems)
    ctx = Context(config=checked.config, data_dir=Path(data_dir), config_path=path)
    reached, notes = reach(ctx)
    return Inspection(
        ctx,
        checked.problems + problems(ctx) + reached,
        warnings(ctx) + notes,
        rule_problems(ctx),
    )


def reach(ctx: Context) -> tuple[list[str], list[str]]:
    """(problems, notes) of the shared stores: the workflow database (database.url) and the
    search cluster (index.*) are connected to once, so a wrong password, host or prefix is
    found here and not by the first job of `run`."""
    from core.index.engines.reach import index_findings  # engine clients load only for engines

    problem, note = index_findings(ctx.config.index)
    found = [p for p in (database_problem(ctx.config.database.url), problem) if p]
    return found, [note] if note else []


def problems(ctx: Context) -> list[str]:
    """Every problem of the loaded configuration (empty when `run` may start)."""
    found = [
        f"plans: 监测方案 id {plan!r} 重复 {count} 次；每个方案用唯一的 id"
        for plan, count in Counter(p.id for p in ctx.config.plans).items()
        if count > 1
    ]
    if ctx.config.plans and all(p.competitor for p in ctx.config.plans):
        found.append(
            "plans: 每个监测方案都是竞品（role: 竞品）；至少要有一个本品方案（去掉它的 role，"
            "或写 role: 本品），预警和报告统计的是本品"
        )
    for check in (source_problems, alerting_problems, playbook_problems, report_problems):
        found += check(ctx)
    return found


def warnings(ctx: Context) -> list[str]:
    """What does not stop `run` but is probably not what was meant (shown by `yuqing check`)."""
    found = []
    if not ctx.config.plans and not SOURCES.of(ctx.config):
        found.append(
            "没有配置任何数据源（sources）和监测方案（plans）：yuqing run 不会定时采集，"
            "提及也不会归入任何方案；参照 yuqing.example.yaml 填写"
        )
    if (note := stale_note(ctx)) is not None:
        found.append(note)
    return found + alerting_warnings(ctx)


def checked_context(config_path: str | Path | None, data_dir: str | Path) -> Context:
    """The context `run` starts with; StartRefused listing every problem, naming the file.

    Rule problems do not refuse the start: a typo in one rule file must not stop all
    monitoring; the alerting jobs say them and run the other rules (alerting.rule_health)."""
    inspection = inspect(config_path, data_dir)
    if inspection.problems or inspection.ctx is None:
        label = str(config_path) if config_path else "<默认配置>"
        lines = "".join(f"\n  - {problem}" for problem in inspection.problems)
        count = len(inspection.problems)
        skipped = f"\n{inspection.skipped}" if inspection.skipped else ""
        raise StartRefused(f"{label}：发现 {count} 处配置问题，服务未启动：{lines}{skipped}")
    return inspection.ctx
