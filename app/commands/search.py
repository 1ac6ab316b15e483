"""`yuqing search QUERY`: full-text search with filters; a table, or JSON lines with --json."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.enums import (
    CATEGORY_CHOICE,
    CATEGORY_LABELS_ZH,
    CHANNEL_CHOICE,
    CHANNEL_LABELS_ZH,
    SENTIMENT_CHOICE,
    SENTIMENT_LABELS_ZH,
    SEVERITY_CHOICE,
    SEVERITY_LABELS_ZH,
    Category,
    Channel,
    SentimentLabel,
    Severity,
)
from core.escaping import console_text
from core.index.protocol import SearchQuery, SortOrder
from core.index.textquery import parse_text_query, wordless_zh
from core.masking import mask_personal_data
from core.models import Mention, complaint_mark
from core.regions import short_regions, unfamiliar_regions
from core.timeutil import as_utc

console = Console()


def shown_text(mention: Mention, width: int = 80) -> str:
    """The table's 内容: 【title】 then the text (a complaint-platform title ran into its
    text: "全是大 今天的商务套餐太差了"), one line, cut to width."""
    text = f"【{mention.title}】{mention.text}" if mention.title else mention.text
    return text.replace("\n", " ")[:width]


def plan_id(ctx: Context, value: str) -> str:
    """The id of a configured plan named by its id or its name; refused when unknown (a typo
    would otherwise find nothing and look like a quiet day)."""
    if not ctx.config.plans:
        return value
    found = ctx.config.plan_named(value)
    if found is None:
        ctx.close()
        raise typer.BadParameter(ctx.config.unknown_plan_zh(value), param_hint="'--plan'")
    return found.id


def search(
    query: Annotated[str, typer.Argument(help="中文子串；空格=并且，-词=排除")] = "",
    limit: Annotated[int, typer.Option(min=1, max=10000, help="最多返回条数")] = 20,
    json_lines: Annotated[bool, typer.Option("--json", help="每行输出一条提及 JSON")] = False,
    plan: Annotated[
        list[str] | None, typer.Option(help="监测方案（配置里 plans 的 id 或名称），可重复")
    ] = None,
    channel: Annotated[
        list[Channel] | None,
        typer.Option(parser=CHANNEL_CHOICE, help="渠道（代码或中文名，如 weibo 或 微博），可重复"),
    ] = None,
    sentiment: Annotated[
        list[SentimentLabel] | None,
        typer.Option(parser=SENTIMENT_CHOICE, help="情感（代码或中文名，如 负面），可重复"),
    ] = None,
    category: Annotated[
        list[Category] | None,
        typer.Option(
            parser=CATEGORY_CHOICE,
            help="投诉类别（代码或中文名，如 售后/退换货 或 退换货），可重复",
        ),
    ] = None,
    region: Annotated[
        list[str] | None, typer.Option(help="作者地区（IP属地），如 广东；可重复")
    ] = None,
    min_urgency: Annotated[
        Severity | None,
        typer.Option(
            parser=SEVERITY_CHOICE, help="最低紧急程度（代码或中文名：一般 较重 严重 紧急）"
        ),
    ] = None,
    complaint: Annotated[
        bool | None,
        typer.Option(
            "--complaint/--no-complaint",
            help="只看投诉 / 只看非投诉（未分类的提及两者都不匹配）",
        ),
    ] = None,
    resolved: Annotated[
        bool,
        typer.Option(
            "--resolved",
            help="只看补救后好评：投诉处理好后的表扬（服务补救见效的证据；不算投诉）",
        ),
    ] = False,
    since: Annotated[datetime | None, typer.Option(help="发布时间不早于（ISO 格式）")] = None,
    until: Annotated[datetime | None, typer.Option(help="发布时间早于（ISO 格式）")] = None,
    sort: Annotated[
        SortOrder, typer.Option(help="排序：newest 最新在前，oldest 最早在前，urgency 按紧急程度")
    ] = SortOrder.NEWEST,
    mask: Annotated[
        bool, typer.Option(help="隐藏手机号、身份证/银行卡/QQ 号、邮箱、地址（导出用）")
    ] = True,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Search indexed mentions."""
    if resolved and complaint:
        raise typer.BadParameter(
            "补救后好评从不算投诉，不能与 --complaint 同时使用（可改用 --no-complaint 或去掉其一）",
            param_hint="'--resolved'",
        )
    parsed = parse_text_query(query)
    if parsed.wordless:
        raise typer.BadParameter(wordless_zh(query), param_hint="'query'")
    if parsed.unsearchable:
        raise typer.BadParameter(
            f"搜索词 {query!r} 里没有可检索的文字：只有汉字、字母和数字能检索，"
            "表情和标点不参与检索；请换成文字（例如 生气、差评）",
            param_hint="'query'",
        )
    if parsed.ignored:
        Console(stderr=True, highlight=False).print(
            "提示：表情和标点不参与检索，已忽略：" + " ".join(parsed.ignored)
        )
    ctx = Context.load(config, data_dir, existing=True)
    plans = [plan_id(ctx, value) for value in plan or []]
    result = ctx.index.search(
        SearchQuery(
            text=query or None,
            plans=plans,
            channels=channel or (),
            sentiments=sentiment or (),
            categories=category or (),
            regions=short_regions(region or []),
            min_urgency=min_urgency,
            complaint=complaint,
            resolved=True if resolved else None,
            since=as_utc(since) if since else None,
            until=as_utc(until) if until else None,
            sort=sort,
            limit=limit,
        )
    )
    ctx.close()
    unfamiliar = unfamiliar_regions(region or [])
    if not result.mentions and unfamiliar:
        Console(stderr=True, highlight=False).print(
            f"提示：地区 {'、'.join(unfamiliar)} 不是国内省级地区名（如 广东、北京、内蒙古），"
            "也没有来自该地区的提及；请检查拼写（境外地区按网站显示的写法，如 美国）"
        )
    shown = [masked(m) if mask else m for m in result.mentions]
    if json_lines:
        for mention in shown:
            typer.echo(mention.model_dump_json())
        return
    table = Table(
        title=f"共 {result.total_zh} 条，显示 {len(result.mentions)} 条", show_lines=False
    )
    for column in ("时间", "渠道", "作者", "地区", "情感", "投诉", "类别", "紧急度", "内容"):
        # The 投诉 mark is read whole: 补救后好评 never breaks over two lines.
        table.add_column(column, overflow="fold", no_wrap=column == "投诉")
    for m in shown:
        table.add_row(
            m.published_at.astimezone(ctx.config.tz).strftime("%m-%d %H:%M"),
            CHANNEL_LABELS_ZH[m.channel],
            console_text(m.author.name or ""),
            console_text(m.region or ""),
            SENTIMENT_LABELS_ZH[m.sentiment.label] if m.sentiment else "",
            complaint_mark(m) or "",
            CATEGORY_LABELS_ZH[m.category] if m.category else "",
            f"{SEVERITY_LABELS_ZH[m.urgency.level]} {m.urgency.score:.0f}" if m.urgency else "",
            console_text(shown_text(m)),
        )
    console.print(table)


def masked(mention: Mention) -> Mention:
    """A copy with personal data hidden in text, title and author name."""
    author = mention.author
    name = mask_personal_data(author.name) if author.name else None
    return mention.model_copy(
        update={
            "text": mask_personal_data(mention.text),
            "title": mask_personal_data(mention.title) if mention.title else None,
            "author": author.model_copy(update={"name": name}),
        }
    )
