"""`yuqing playbook validate|list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.enums import CATEGORY_LABELS_ZH
from crisis_playbooks import runtime
from crisis_playbooks.commands.common import console, reported
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.playbook.loader import load_files

playbook_app = typer.Typer(help="危机公关预案：校验与列表", no_args_is_help=True)


def _configured(config: Path | None, data_dir: Path) -> dict[str, Playbook]:
    return runtime.library(Context.load(config, data_dir))


@playbook_app.command(
    "validate", help="校验预案文件（或全部已配置预案）；有误时退出码 2 并指出文件与键"
)
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="预案 YAML 文件；省略=全部已配置预案")
    ] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Validate playbook files (or every configured playbook); exit 2 naming file and key."""
    with reported():
        library = load_files(files) if files else _configured(config, data_dir)
    for playbook in library.values():
        console.print(f"[green]通过[/green] {playbook.source}: {playbook.id} {playbook.name}")


@playbook_app.command("list", help="列出可用预案及其适用条件")
def list_playbooks(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """List the available playbooks and when they apply."""
    from alerting.rule_names import type_zh  # the rule registry: only when listing (case list)

    with reported():
        library = _configured(config, data_dir)
    # One block a playbook: the id and name on their own line are never cut, at any width.
    for playbook in library.values():
        rule = playbook.applies_to
        categories = "、".join(CATEGORY_LABELS_ZH[c] for c in rule.categories) or "任意类别"
        types = "、".join(type_zh(t) for t in rule.rule_types) or "任意"
        console.print(
            f"[bold]{playbook.id}[/bold]  {playbook.name}", highlight=False, soft_wrap=True
        )
        level = rule.min_severity.label_zh
        console.print(
            f"    {len(playbook.steps)} 步 · 适用：{categories} · 最低级别：{level}",
            highlight=False,
        )
        console.print(f"    预警类型：{types}", highlight=False)
