"""Everything `yuqing run` would load, checked before anything starts (`yuqing check`).

A mistake found here refuses the start with one Chinese line per problem naming the file,
the key and the fix, instead of a service that runs and reaches nobody.
"""

from __future__ import annotations

from collections import Counter

from alerting.checks import problems as alerting_problems
from alerting.checks import warnings as alerting_warnings
from collectors.checks import problems as source_problems
from collectors.config import SOURCES
from core.context import Context
from core.errors import ConfigError
from crisis_playbooks.checks import problems as playbook_problems


class StartRefused(ConfigError):
    """The configuration has problems; the message lists every one."""


def problems(ctx: Context) -> list[str]:
    """Every problem of the loaded configuration (empty when `run` may start)."""
    found = [
        f"plans: 监测方案 id {plan!r} 重复 {count} 次；每个方案用唯一的 id"
        for plan, count in Counter(p.id for p in ctx.config.plans).items()
        if count > 1
    ]
    for check in (source_problems, alerting_problems, playbook_problems):
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
    return found + alerting_warnings(ctx)


def refuse_on_problems(ctx: Context) -> None:
    """Raise StartRefused listing every problem, naming the config file."""
    found = problems(ctx)
    if found:
        label = str(ctx.config_path) if ctx.config_path else "<默认配置>"
        lines = "\n".join(f"  - {problem}" for problem in found)
        raise StartRefused(f"{label}：发现 {len(found)} 处配置问题，服务未启动：\n{lines}")
