"""Everything `yuqing run` would load, checked before anything starts (`yuqing check`).

A mistake found here refuses the start with one Chinese line per problem naming the file,
the key and the fix, instead of a service that runs and reaches nobody.
"""

from __future__ import annotations

from collections import Counter

from alerting.checks import problems as alerting_problems
from collectors.checks import problems as source_problems
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


def refuse_on_problems(ctx: Context) -> None:
    """Raise StartRefused listing every problem, naming the config file."""
    found = problems(ctx)
    if found:
        label = str(ctx.config_path) if ctx.config_path else "<默认配置>"
        lines = "\n".join(f"  - {problem}" for problem in found)
        raise StartRefused(f"{label}：发现 {len(found)} 处配置问题，服务未启动：\n{lines}")
