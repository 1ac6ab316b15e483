"""`yuqing label set ID …` and `yuqing label list`: correct a mention's labels from the shell."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.enums import CATEGORY_CHOICE, SENTIMENT_CHOICE, SEVERITY_CHOICE
from core.errors import YuqingError
from core.models import corrected_value
from sentiment.corrections import service
from sentiment.corrections.enums import FIELD_LABELS_ZH, CorrectedField, value_zh

label_app = typer.Typer(help="人工校正提及的情感、是否投诉、类别、紧急程度", no_args_is_help=True)
console = Console(soft_wrap=True, highlight=False)


def _fail(exc: YuqingError) -> None:
    Console(stderr=True, soft_wrap=True).print(f"[bold red]错误：[/bold red]{escape(str(exc))}")
    raise typer.Exit(2)


@label_app.command("set", help="设置一个或多个标签；索引中的提及立即更新并记入审计")
def set_labels(
    mention_id: Annotated[str, typer.Argument(help="提及 id（yuqing search --json 的 id）")],
    sentiment: Annotated[
        str | None, typer.Option(help=f"情感（代码或中文）：{SENTIMENT_CHOICE.choices_zh()}")
    ] = None,
    complaint: Annotated[str | None, typer.Option(help="是 | 否")] = None,
    category: Annotated[
        str | None, typer.Option(help=f"类别（代码或中文）：{CATEGORY_CHOICE.choices_zh()}")
    ] = None,
    urgency: Annotated[
        str | None, typer.Option(help=f"紧急程度（代码或中文）：{SEVERITY_CHOICE.choices_zh()}")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="操作人（默认当前系统用户）")] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Set one or more labels; the mention in the index changes at once, audited."""
    given = {
        CorrectedField.SENTIMENT: sentiment,
        CorrectedField.COMPLAINT: complaint,
        CorrectedField.CATEGORY: category,
        CorrectedField.URGENCY: urgency,
    }
    changes = {field: value for field, value in given.items() if value is not None}
    ctx = Context.load(config, data_dir, existing=True)
    try:
        before = ctx.index.get(mention_id)
        with ctx.sessions() as session:
            mention = service.correct(
                session,
                ctx.index,
                mention_id,
                changes,
                actor=actor or getpass.getuser(),
                now=ctx.clock(),
            )
    except YuqingError as exc:
        _fail(exc)
    finally:
        ctx.close()
    assert before is not None  # correct() refused an unknown id
    done = [f for f in changes if before.corrected.get(f.value) != mention.corrected.get(f.value)]
    changed = [
        f for f in done if corrected_value(before, f.value) != corrected_value(mention, f.value)
    ]
    if changed:
        console.print(f"已校正 {mention.id} 的{'、'.join(FIELD_LABELS_ZH[f] for f in changed)}")
    for field in changes:
        now_zh = value_zh(field, corrected_value(mention, field.value))
        if field not in done:
            console.print(f"未改变：{FIELD_LABELS_ZH[field]}已校正为 {now_zh}，未重复记录")
        elif field not in changed:
            console.print(
                f"已确认 {mention.id} 的{FIELD_LABELS_ZH[field]}：{now_zh}（与模型判断一致）"
            )


@label_app.command("list", help="校正记录，最新在前：时间、操作人、提及、字段、修改前 → 修改后")
def list_corrections(
    mention_id: Annotated[str | None, typer.Argument(help="只看这条提及")] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Corrections, newest first: when, who, which mention, field, before → after."""
    ctx = Context.load(config, data_dir, existing=True)
    table = Table("时间", "操作人", "提及", "字段", "原值", "新值")
    with ctx.sessions() as session:
        for row in service.history(session, mention_id):
            table.add_row(
                row.at.astimezone(ctx.config.tz).strftime("%Y-%m-%d %H:%M"),
                escape(row.actor),
                row.mention_id,
                FIELD_LABELS_ZH[CorrectedField(row.field)],
                value_zh(CorrectedField(row.field), row.before),
                value_zh(CorrectedField(row.field), row.after),
            )
    ctx.close()
    console.print(table)


@label_app.command("status", help="已存校正数量、自适应模型的训练时间与效果")
def adaptation_status(
    config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR
) -> None:
    """How many corrections are stored, when the adaptation model was trained, its effect."""
    from sentiment.adaptation.job import status

    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            current = status(session, ctx.data_dir)
    except YuqingError as exc:
        _fail(exc)
    finally:
        ctx.close()
    for line in current.lines():
        console.print(line, highlight=False)
