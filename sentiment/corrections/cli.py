"""`yuqing label set|undo|list|status`: correct a mention's labels from the shell, take a
correction back, read the history and the adaptation's state."""

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
from core.models import Mention, corrected_value
from core.timeutil import local_minute, zone_zh
from sentiment.corrections import service
from sentiment.corrections.enums import (
    FIELD_CHOICE,
    FIELD_LABELS_ZH,
    CorrectedField,
    followed_zh,
    value_zh,
)

label_app = typer.Typer(help="人工校正提及的情感、是否投诉、类别、紧急程度", no_args_is_help=True)
console = Console(soft_wrap=True, highlight=False)

MentionArg = Annotated[
    str,
    typer.Argument(
        help="提及 id（yuqing search --json 的 id；只有一条提及以它开头时，开头几位即可）"
    ),
]
ActorOption = Annotated[str | None, typer.Option(help="操作人（不写则记为当前系统用户；不能为空）")]


def _fail(exc: YuqingError) -> None:
    Console(stderr=True, soft_wrap=True).print(f"[bold red]错误：[/bold red]{escape(str(exc))}")
    raise typer.Exit(2)


def _actor(actor: str | None) -> str:
    return getpass.getuser() if actor is None else actor


@label_app.command("set", help="设置一个或多个标签；索引中的提及立即更新并记入审计")
def set_labels(
    mention_id: MentionArg,
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
    actor: ActorOption = None,
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
        before = service.find_mention(ctx.index, mention_id)
        with ctx.sessions() as session:
            mention = service.correct(
                session,
                ctx.index,
                before.id,
                changes,
                actor=_actor(actor),
                now=ctx.clock(),
                keep_rule=True,
            )
    except YuqingError as exc:
        _fail(exc)
    finally:
        ctx.close()
    _say_set(before, mention, list(changes))


def _say_set(before: Mention, mention: Mention, given: list[CorrectedField]) -> None:
    done = [f for f in CorrectedField if before.corrected.get(f) != mention.corrected.get(f)]
    changed = [
        f for f in done if corrected_value(before, f.value) != corrected_value(mention, f.value)
    ]
    if changed:
        console.print(f"已校正 {mention.id} 的{'、'.join(FIELD_LABELS_ZH[f] for f in changed)}")
    for field in given:
        now_zh = value_zh(field, corrected_value(mention, field.value))
        if field not in done:
            console.print(f"未改变：{FIELD_LABELS_ZH[field]}已校正为 {now_zh}，未重复记录")
        elif field not in changed:
            console.print(
                f"已确认 {mention.id} 的{FIELD_LABELS_ZH[field]}：{now_zh}（与模型判断一致）"
            )
        elif field.value in before.corrected:
            console.print(
                f"提示：要撤销{FIELD_LABELS_ZH[field]}的校正、回到模型的判断，用 "
                f"yuqing label undo {mention.id} --field {field.value}"
            )
    for field in service.followed(before, mention, given):
        console.print(followed_zh(field, corrected_value(mention, field.value)))


@label_app.command(
    "undo",
    help="撤销校正：字段回到模型的判断（索引中立即更新并记入审计，自适应模型不再用它训练）",
)
def undo_labels(
    mention_id: MentionArg,
    field: Annotated[
        list[CorrectedField] | None,
        typer.Option(
            "--field",
            parser=FIELD_CHOICE,
            help="只撤销这一项（sentiment 情感、complaint 是否投诉、category 类别、"
            "urgency 紧急程度），可重复；不写则撤销全部校正",
        ),
    ] = None,
    actor: ActorOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Take corrections back: the fields return to the model's decision, audited."""
    from sentiment.corrections.undo import undo

    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            done = undo(
                session,
                ctx.index,
                ctx.classifier,
                mention_id,
                field or [],
                actor=_actor(actor),
                now=ctx.clock(),
            )
    except YuqingError as exc:
        _fail(exc)
    finally:
        ctx.close()
    for name, (was, now) in done.fields.items():
        console.print(
            f"已撤销 {done.mention.id} 的{FIELD_LABELS_ZH[name]}校正：{value_zh(name, was)} → "
            f"{value_zh(name, now or None)}（模型的判断）"
        )
    for name in done.not_corrected:
        console.print(f"未改变：{FIELD_LABELS_ZH[name]}没有人工校正，无需撤销")
    if not done.fields and not done.not_corrected:
        console.print(f"未改变：提及 {done.mention.id} 没有人工校正，无需撤销")
    if done.fields:
        console.print(
            "自适应模型下次训练时不再使用撤销的校正（yuqing train adapt 或 yuqing run 的定时训练）"
        )


@label_app.command(
    "list",
    help="校正与撤销记录，最新在前：时间、操作人、提及（id 开头与正文开头）、字段、原值 → 新值",
)
def list_corrections(
    mention_id: Annotated[
        str | None, typer.Argument(help="只看这条提及（id 或其开头几位）")
    ] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Corrections and undos, newest first: when, who, which mention, field, before → after."""
    ctx = Context.load(config, data_dir, existing=True)
    tz = ctx.config.tz
    table = Table(caption=f"时间为{zone_zh(tz)}；提及列是 id 的开头，label set/undo 可直接用")
    for column in ("时间", "操作人", "提及", "内容", "字段", "原值", "新值"):
        # The post's opening is cut shorter when the terminal is narrow; the rest is read whole.
        opening = column == "内容"
        table.add_column(
            column,
            no_wrap=column != "操作人",
            overflow="ellipsis" if opening else "fold",
            max_width=OPENING_CELLS if opening else None,
        )
    try:
        wanted = _listed_id(ctx, mention_id)
        with ctx.sessions() as session:
            rows = service.history(session, wanted)
    except YuqingError as exc:
        _fail(exc)
    finally:
        ctx.close()
    for row in rows:
        field = CorrectedField(row.field)
        table.add_row(
            local_minute(row.at, tz, year=False),
            escape(row.actor),
            row.mention_id[:SHORT_ID],
            escape(service.opening(row.text, OPENING_CELLS // 2)),
            f"撤销{FIELD_LABELS_ZH[field]}" if row.undo else FIELD_LABELS_ZH[field],
            value_zh(field, row.before),
            value_zh(field, row.after or None),
        )
    Console(soft_wrap=True, highlight=False).print(table)  # made now: COLUMNS is read now


OPENING_CELLS = 24  # 12 Chinese characters of the post: a line of text has no word breaks
SHORT_ID = 10  # enough to name a mention to `label set` (a unique start of its id)


def _listed_id(ctx: Context, mention_id: str | None) -> str | None:
    """The full id of the mention asked for; a start of an id no indexed mention has is kept
    as it is (the mention may have left the index; its corrections stay)."""
    if not mention_id:
        return None
    try:
        return service.find_mention(ctx.index, mention_id).id
    except service.AmbiguousMention:
        raise
    except service.CorrectionError:
        return mention_id


@label_app.command(
    "status", help="已存校正数量（按提及与字段计）、下次训练将用多少、自适应模型的训练时间与效果"
)
def adaptation_status(
    config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR
) -> None:
    """How many corrections are stored, when the adaptation model was trained, its effect."""
    from sentiment.adaptation.job import status

    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            current = status(session, ctx.data_dir, ctx.config.tz)
    except YuqingError as exc:
        _fail(exc)
    finally:
        ctx.close()
    for line in current.lines():
        console.print(line, highlight=False)
