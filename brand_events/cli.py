"""`yuqing events list|show|rebuild`: events as a Chinese table, or JSON lines (stable contract)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Column, Table

from brand_events.enums import (
    EVENT_STATUS_ZH,
    JOIN_REASON_ZH,
    EventStatus,
    JoinReason,
)
from brand_events.listing import read_data_now, read_events
from brand_events.plan_scope import marked, rival_events
from brand_events.status import summary
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.enums import CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, Category, Channel
from core.errors import YuqingError
from core.escaping import console_text

if TYPE_CHECKING:  # `events list` reads plain rows (brand_events.listing): no ORM at start
    from sqlalchemy.orm import Session

    from brand_events import detail as details
    from brand_events.models import Event

events_app = typer.Typer(
    help="事件：相似舆情聚合成的事件、首发、时间线与传播路径。", no_args_is_help=True
)
console = Console()
JsonOption = Annotated[bool, typer.Option("--json", help="每行一个 JSON（稳定格式）")]
NowOption = Annotated[
    str | None,
    typer.Option("--now", help="按此刻计算事件状态（ISO 时间；默认为已收到的最新一条舆情的时间）"),
]


class EventNotFound(YuqingError):
    """No event with this id."""


def _time(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise YuqingError(
            f"{option} {value!r} 不是 ISO 时间（例如 2026-11-16 或 2026-11-16T10:00+08:00）"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@events_app.command("list", help="事件列表，规模大的在前")
def list_events(
    since: Annotated[str | None, typer.Option(help="只列此刻之后仍活跃的事件（ISO 时间）")] = None,
    until: Annotated[str | None, typer.Option(help="只列此刻之前开始的事件（ISO 时间）")] = None,
    as_json: JsonOption = False,
    forming: Annotated[bool, typer.Option("--all", help="也列出尚未成形的小聚类")] = False,
    rivals: Annotated[
        bool, typer.Option("--rivals", help="也列出只属于竞品监测方案的事件（标题后注明（竞品））")
    ] = False,
    now_at: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """List events, biggest first."""
    ctx = Context.load(config, data_dir, existing=True)
    try:  # stdlib sqlite3 on the embedded store (SQLAlchemy on a configured database)
        now = read_data_now(ctx, ctx.clock(), _time(now_at, "--now"))
        events = read_events(
            ctx,
            since=_time(since, "--since"),
            until=_time(until, "--until"),
            include_forming=forming,
        )
        theirs = _rival_events(ctx, [e.id for e in events])
    finally:
        ctx.close()
    events = [e for e in events if rivals or e.id not in theirs]
    rows = [summary(e, now) | ({"rival": True} if e.id in theirs else {}) for e in events]
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        console.print("没有事件。")
        return
    title = Column("标题", overflow="fold")  # wraps in a narrow terminal instead of ending in …
    table = Table("事件", title, "状态", "首发时间", "条数", "作者数", "首发作者")
    for row in rows:
        first = row["first"]
        assert isinstance(first, dict)
        table.add_row(
            str(row["id"])[:10],
            console_text(marked(str(row["title"]), bool(row.get("rival"))))
            or "（未成形，尚无标题）",  # titles are made once shown as events
            EVENT_STATUS_ZH[EventStatus(str(row["status"]))],
            _local(str(row["started_at"]), ctx),
            str(row["mention_count"]),
            str(row["author_count"]),
            console_text(first.get("author") or "—"),
        )
    console.print(table)


def _rival_events(ctx: Context, event_ids: list[str]) -> set[str]:
    """The competitors' events among these; none (and no store opened) without a competitor."""
    if not ctx.config.own_plan_ids() or not event_ids:
        return set()
    with ctx.sessions() as session:
        return rival_events(session, ctx.index, ctx.config, event_ids)


@events_app.command("show", help="单个事件：首发、时间线、放大者、传播路径、预警与案件")
def show_event(
    event_id: Annotated[str, typer.Argument(help="事件 id（list 中的 id，可只写前几位）")],
    as_json: JsonOption = False,
    now_at: NowOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """One event: first post, timeline, amplifiers, propagation, alerts and cases."""
    from brand_events import detail as details
    from core.own_accounts import OwnAccounts

    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            event = _find(session, event_id)
            own = sorted(OwnAccounts.of(ctx.config).names())  # top-level and per plan
            detail = details.build(session, ctx.index, event, own)
            now = read_data_now(session, ctx.clock(), _time(now_at, "--now"))
            payload = summary(event, now)
    finally:
        ctx.close()
    payload["members"] = [
        {
            "source": m.source,
            "native_id": m.native_id,
            "mention_id": m.mention_id,
            "reason": m.reason,
        }
        for m in detail.members
    ]
    if as_json:
        payload.update(_detail_json(detail))
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    _print_detail(payload, detail, ctx)


@events_app.command("rebuild", help="清空所有事件，按时间从早到晚重新聚类全部已索引提及")
def rebuild(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Forget every event and cluster all indexed mentions again, oldest first."""
    from brand_events.rebuild import rebuild_events  # the clusterer (numpy) loads only here

    ctx = Context.load(config, data_dir)
    try:
        total, events = rebuild_events(ctx)
    finally:
        ctx.close()
    console.print(f"重新聚类 {total} 条舆情，得到 {events} 个事件。")


def _find(session: Session, event_id: str) -> Event:
    from sqlalchemy import select

    from brand_events import service
    from brand_events.models import Event, EventSeed

    event = service.get(session, event_id=event_id)
    if event is None and len(event_id) >= 4:
        ids = [
            *session.scalars(select(Event.id).where(Event.id.startswith(event_id)).limit(2)),
            *session.scalars(  # and the one-post events (seed_rows)
                select(EventSeed.mention_id)
                .where(EventSeed.mention_id.startswith(event_id))
                .limit(2)
            ),
        ]
        event = service.get(session, event_id=ids[0]) if len(ids) == 1 else None
    if event is None:
        raise EventNotFound(f"没有事件 {event_id}：用 `yuqing events list` 查看事件 id")
    return event


def _detail_json(detail: details.EventDetail) -> dict[str, object]:
    tree = detail.propagation
    return {
        "timeline": [
            {
                "hour": p.hour.isoformat(),
                "count": p.count,
                "negative": round(p.negative, 3),
                "complaint": round(p.complaint, 3),
            }
            for p in detail.timeline
        ],
        "amplifiers": [
            {
                "author": a.author,
                "kind": str(a.kind),
                "followers": a.followers,
                "posts": a.posts,
                "reach": a.reach,
            }
            for a in detail.amplifiers
        ],
        "channels": dict(detail.channels),
        "regions": dict(detail.regions),
        "categories": dict(detail.categories),
        "propagation": {
            "linked": tree.linked,
            "roots": tree.roots,
            "depth": tree.depth,
            "breadth": tree.breadth,
            "key_nodes": [vars(k) for k in tree.key_nodes],
            "own_posts": tree.own_posts,
        },
        "alerts": detail.alerts,
        "cases": detail.cases,
    }


def _local(iso: str, ctx: Context) -> str:
    return f"{datetime.fromisoformat(iso).astimezone(ctx.config.tz):%m-%d %H:%M}"


def _print_detail(payload: dict[str, object], detail: details.EventDetail, ctx: Context) -> None:
    first = payload["first"]
    assert isinstance(first, dict)
    status = EVENT_STATUS_ZH[EventStatus(str(payload["status"]))]
    console.print(
        f"[bold]{console_text(payload['title'])}[/bold]（{status}）  事件 {payload['id']}"
    )
    console.print(
        f"首发：{console_text(first.get('author') or '—')} · "
        f"{_local(str(payload['started_at']), ctx)}"
        f" · {console_text(first['source'])}/{console_text(first['native_id'])}"
    )
    console.print(f"规模：{payload['mention_count']} 条，{payload['author_count']} 位作者")
    reasons = Counter(JoinReason(m.reason) for m in detail.members)
    console.print(
        "聚合依据：" + "，".join(f"{JOIN_REASON_ZH[r]} {n}" for r, n in reasons.most_common())
    )
    first_text = next((m.text for m in detail.mentions if m.id == first.get("mention_id")), "")
    if first_text:
        console.print(f"首发内容：{first_text[:120]}", markup=False)
    timeline = Table("小时", "条数", "负面占比", "投诉占比", title="时间线")
    for p in detail.timeline:
        timeline.add_row(
            f"{p.hour.astimezone(ctx.config.tz):%m-%d %H:00}",
            str(p.count),
            f"{p.negative:.0%}",
            f"{p.complaint:.0%}",
        )
    console.print(timeline)
    amps = Table("作者", "类型", "粉丝", "发帖", "影响力", title="主要传播者")
    for a in detail.amplifiers:
        amps.add_row(
            console_text(a.author), a.kind.label_zh, str(a.followers), str(a.posts), str(a.reach)
        )
    console.print(amps)
    tree = detail.propagation
    console.print(
        f"传播路径：{tree.linked} 条转发/回复，层级 {tree.depth}，最宽一层 {tree.breadth} 条，"
        f"品牌自有账号发帖 {len(tree.own_posts)} 条"
    )
    for node in tree.key_nodes:
        console.print(
            f"  关键节点：{console_text(node.author or '—')}（带来 {node.descendants} 次转发/回复）"
        )
    channels = "，".join(f"{CHANNEL_LABELS_ZH.get(Channel(c), c)} {n}" for c, n in detail.channels)
    categories = "，".join(
        f"{CATEGORY_LABELS_ZH.get(Category(c), c)} {n}" for c, n in detail.categories
    )
    console.print(f"渠道：{channels}\n类别：{categories}")
    if detail.regions:
        console.print("地域：" + "，".join(f"{console_text(r)} {n}" for r, n in detail.regions))
    for alert in detail.alerts:
        console.print(f"关联预警 #{alert['id']}：{console_text(alert['title'])}")
    for case in detail.cases:
        console.print(f"关联工单 #{case['id']}：{console_text(case['title'])}")
