"""态势: what needs attention now, the crisis banner, the trend with alerts marked, the feed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import streamlit as st

from alerting import service as alert_service
from alerting.enums import AlertStatus
from core.enums import SentimentLabel, Severity
from core.errors import YuqingError
from core.escaping import streamlit_text
from core.index.protocol import SearchQuery, SortOrder
from core.pipeline.plan_log import stale_note
from core.timeutil import duration_zh
from crisis_playbooks import runtime
from dashboard.charts import show
from dashboard.copies import copies_of, one_per_group
from dashboard.data import get_context, now, rounded, search, sentiment_series, urgency_judge
from dashboard.event_data import event_marks
from dashboard.event_links import alert_mentions, event_link
from dashboard.filters import range_choice, time_window
from dashboard.headline import count, metrics, urgent_count
from dashboard.index_down import live_fragment
from dashboard.navigation import VIEWS
from dashboard.own import own_accounts_block
from dashboard.situation import (
    AttentionItem,
    attention,
    next_step_words,
    pending_alert_count,
    sla_text,
)
from dashboard.time_ranges import RangeError
from dashboard.timeline import alert_marks, trend_with_alerts
from dashboard.unread import seen_mark, unread_line
from dashboard.widgets import mention_cards

ALERTS_PAGE, CASE_PAGE = VIEWS / "alerts.py", VIEWS / "case_detail.py"
# What the banner's start is (AttentionItem.start_label), said in full under its numbers.
START_WORDS = {
    "首帖": "本次危机第一条相关帖子的发布时间",
    "预警": "预警触发时间",
    "立案": "立案时间",
}
TREND_DEFAULT = "最近 7 天"
PAGE_SIZE = 20

ctx = get_context()
tz = ctx.config.tz
# With competitor plans (role 竞品) configured, the brand's side (the mentions of no plan, such as
# a mailbox's complaints, included, as the alert rules see them): a competitor's crisis is
# compared on 舆情分析, not counted in the brand's situation.
OWN = SearchQuery(brand_side=ctx.config.brand_side())
PIN_SCAN = 20  # the most urgent posts read to pin five that alerting also rates high
st.title(f"舆情态势 · {ctx.config.brand}", anchor=False)
if (stale_plans := stale_note(ctx)) is not None:  # a plan added or edited since ingest
    st.warning(stale_plans, icon=":material/sync_problem:")
with st.sidebar:  # outside the refreshing part: a refresh does not close an open date picker
    st.header("趋势图", anchor=False)
    trend_range = range_choice(
        "overview", TREND_DEFAULT, help="只改变趋势图的时间范围；待处理事项和最新提及看最近 24 小时"
    )


def local(moment: datetime | None) -> str:
    """Local 'MM-DD HH:MM' or '—'."""
    return moment.astimezone(tz).strftime("%m-%d %H:%M") if moment else "—"


def links(item: AttentionItem, key: str) -> None:
    """Page links to the item's alert, case (both ways round the 立案 step) and event."""
    cols = st.columns([1, 1, 2])
    if item.alert_id is not None:
        cols[0].page_link(
            ALERTS_PAGE,
            label=f"预警 #{item.alert_id}",
            icon=":material/notifications_active:",
            query_params={"alert": str(item.alert_id)},
        )
    if item.case_id is not None:
        cols[1].page_link(
            CASE_PAGE,
            label=f"案件 #{item.case_id}",
            icon=":material/fact_check:",
            query_params={"case_id": str(item.case_id)},
        )
    else:
        cols[1].caption("尚未立案")
    if item.alert_id is not None:
        with cols[2]:
            event_link(alert_mentions([item.alert_id]))


def banner(item: AttentionItem, moment: datetime) -> None:
    """The crisis block: what, how long, headline numbers since it began, where to act."""
    start = item.start
    since = replace(OWN, since=start)
    total = count(since)
    negative = count(replace(since, sentiments=[SentimentLabel.NEGATIVE]))
    urgent = urgent_count(since)
    with st.container(border=True, key="crisis-banner"):
        title, owner = (streamlit_text(t, one_line=True) for t in (item.title, item.owner))
        st.error(
            f"**危机进行中：{title}**　{item.level}级 · {local(start)} 开始，"
            f"已持续 {duration_zh(moment - start)} · {owner}",
            icon=":material/emergency:",
        )
        origin = START_WORDS[item.start_label]
        counted = f"{local(start)}（{origin}）至今的全部提及，不只本次危机的帖子"
        cols = st.columns(4)
        cols[0].metric(f"{item.start_label}以来全部提及", f"{total:,}", help=counted)
        cols[1].metric("其中负面", f"{negative / total:.0%}" if total else "—")
        cols[2].metric("高/紧急提及", f"{urgent:,}")
        due, step = next_step_words(item, moment)
        cols[3].metric("下一步", due, help=step)
        cols[3].caption(streamlit_text(step, one_line=True))  # not only in the tooltip
        st.caption(f"前三项统计：{counted}。")
        links(item, "banner")


def attention_list(items: list[AttentionItem], moment: datetime) -> None:
    """待处理事项: each open case / unhandled alert with age, owner, next deadline and SLA."""
    st.subheader("待处理事项", anchor=False)
    if not items:
        st.success("目前没有待处理的预警或案件。", icon=":material/check_circle:")
        return
    for index, item in enumerate(items[:10]):
        with st.container(border=True, key=f"attention-{index}"):
            head, when, step, sla = st.columns([4, 2, 3, 2])
            title = streamlit_text(item.title, one_line=True)
            head.markdown(f"**{item.kind} · {item.level}** {title}")
            head.caption(f"负责人/状态：{streamlit_text(item.owner, one_line=True)}")
            start = item.start  # as the banner counts it: one crisis, one age
            lasted = (
                f"已持续 {duration_zh(moment - start)}"
                if item.ended_at is None
                else f"{local(item.ended_at)} 自动解除"
            )
            when.caption(f"开始 {local(start)}\n\n{lasted}")
            due, what = next_step_words(item, moment)
            step.caption(f"下一步：{streamlit_text(what, one_line=True)}\n\n{due}")
            sla.caption(f"SLA：{sla_text(item.sla, moment)}")
            links(item, f"item-{index}")


def pinned(moment: datetime, seen: datetime) -> set[str]:
    """Critical/high posts of the last day and spiking own posts, pinned above the feed (those
    collected since `seen` say 新), one card per similarity group: their ids and group ids."""
    day = replace(OWN, since=rounded(moment) - timedelta(days=1))
    # As alerting judges them: a routine 黑猫 complaint is not pinned for its 投诉/律师 words.
    judge = urgency_judge()
    found = [
        m
        for m in search(
            replace(day, min_urgency=Severity.HIGH, sort=SortOrder.URGENCY, limit=PIN_SCAN)
        ).mentions
        if judge.level(m).rank >= Severity.HIGH.rank
    ]
    with ctx.sessions() as session:
        own = [
            a
            for a in alert_service.get_all(
                session, status=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED]
            )
            if a.rule_type == "own_post_reaction"
        ]
    own_ids = [i for a in own for i in a.sample_mention_ids]
    own_posts = [m for i in own_ids if (m := ctx.index.get(i)) is not None]
    # A 黑猫 template filed by twenty people is one card (另有 19 条), not five of the five pinned.
    unique = one_per_group(
        list({m.id: m for m in [*own_posts, *one_per_group(found)[:5]]}.values())
    )
    if unique:
        st.subheader("置顶 · 需要优先处理的内容", anchor=False)
        mention_cards(unique, copies_of(unique), new_since=seen)
    return {m.id for m in unique} | {m.group_id for m in unique if m.group_id}


def trend(moment: datetime) -> None:
    """The sentiment trend over the sidebar's range, alert and event starts marked on it."""
    try:  # a range that cannot be stops the trend only, not the rest of the page
        window = time_window(OWN, *trend_range, moment=moment)
    except RangeError as exc:
        st.error(str(exc))
        return
    query = replace(OWN, since=window.since, until=window.until)
    rows = sentiment_series(query, window.interval)
    if not rows:
        st.info("所选时间范围内还没有数据。数据源运行后这里会自动刷新。")
        return
    since = window.since or rows[0]["time"]
    with ctx.sessions() as session:
        marks = alert_marks(session, since)
        starts = event_marks(session, since)
    if window.until is not None:  # a 自定义 range that ended before today
        marks = [m for m in marks if m.at < window.until]
        starts = [e for e in starts if e.at < window.until]
    st.caption(f"情感趋势 · {window.label}")
    show(trend_with_alerts(rows, window.interval, marks, starts))


def feed(moment: datetime, skip: set[str], seen: datetime) -> None:
    """The newest mentions, a page at a time, copies of one text as one card (pinned ones and
    their copies are not repeated)."""
    st.subheader("最新提及", anchor=False)
    page = int(st.session_state.get("overview-page", 1))
    query = replace(OWN, since=rounded(moment) - timedelta(days=1), limit=PAGE_SIZE)
    result = search(replace(query, offset=(page - 1) * PAGE_SIZE))
    every = ctx.config.dashboard.refresh.total_seconds()
    st.caption(f"最近 24 小时共 {result.total_zh} 条 · 第 {page} 页 · 每 {every:.0f} 秒自动刷新")
    unread_line("overview", query, seen)
    fresh = [m for m in result.mentions if m.id not in skip and m.group_id not in skip]
    shown = one_per_group(fresh)
    mention_cards(shown, copies_of(shown), new_since=seen, read=fresh)


def playbook_names() -> dict[str, str]:
    """Playbook id → name, to name the playbook a case should start (none when a user
    playbook is broken: 案件详情 says what is wrong with it)."""
    try:
        return {key: playbook.name for key, playbook in runtime.library(ctx).items()}
    except YuqingError:
        return {}


@live_fragment(ctx.config.dashboard.refresh)
def live() -> None:
    """Everything on this page that refreshes by itself."""
    moment = now()
    with ctx.sessions() as session:
        items = attention(
            session, policy=runtime.policy(ctx), now=moment, playbook_names=playbook_names()
        )
        pending = pending_alert_count(session)
    crisis = [i for i in items if i.is_crisis]
    if crisis:
        banner(crisis[0], moment)
    top = st.columns([3, 1])
    with top[0]:
        metrics(OWN, timedelta(days=1), moment, "24 小时")
    top[1].metric(
        "未处理预警",
        pending,
        help="状态为待处理（尚未确认）的预警，与预警中心的「待处理」一致",
    )
    attention_list(items, moment)
    own_accounts_block(moment)
    trend(moment)
    seen = seen_mark("overview")
    feed(moment, pinned(moment, seen), seen)


live()
st.number_input("最新提及页码", min_value=1, value=1, step=1, key="overview-page")
