"""`yuqing check`: validate everything `yuqing run` would load, without starting anything."""

from __future__ import annotations

import typer
from rich.console import Console

from alerting.config import ALERTING
from app.check import inspect
from collectors.config import SOURCES
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.errors import ConfigError

console = Console(soft_wrap=True)


def check(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Check config, sources, notifiers, escalation, rule and playbook files; exit 2 on problems."""
    try:
        inspection = inspect(config, data_dir)
    except ConfigError as exc:  # the file cannot be read or parsed: nothing else can be checked
        raise ConfigError(f"{exc}\n（文件无法读取或解析，其余检查未进行）") from None
    found, notes, ctx = inspection.problems, inspection.warnings, inspection.ctx
    found = found + inspection.rule_problems
    label = str(config) if config else "<默认配置>"
    if found or ctx is None:
        console.print(f"{label}：发现 {len(found)} 处问题：", markup=False)
        for problem in found:
            console.print(f"  - {problem}", markup=False)
        if inspection.skipped:
            console.print(inspection.skipped, markup=False)
        if inspection.rule_problems and not inspection.problems:
            console.print(
                "（yuqing run 仍会启动，但跳过以上有问题的规则；改正后重启服务即可生效）",
                markup=False,
            )
    else:
        alerting = ALERTING.of(ctx.config)
        console.print(
            f"{label}：检查通过（{len(SOURCES.of(ctx.config))} 个数据源，"
            f"{len(alerting.notifiers)} 个通知渠道，{len(ctx.config.plans)} 个监测方案）"
            + (f"，另有 {len(notes)} 条提醒：" if notes else ""),
            markup=False,
        )
    for note in notes:
        console.print(f"  提醒：{note}", markup=False)
    if found or ctx is None:
        raise typer.Exit(2)
