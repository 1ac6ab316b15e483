"""事件详情: an event's story — first post, timeline, propagation tree, who spread it, its work."""

from __future__ import annotations

from datetime import timedelta
from typing import NoReturn

import streamlit as st

from alerting.enums import ALERT_STATUS_ZH, AlertStatus
from brand_events.detail import EventDetail
from brand_events.enums import EVENT_STATUS_ZH
from brand_events.plan_scope import marked
from brand_events.status import growth_at, status_at
from core.enums import (
    CATEGORY_LABELS_ZH,
    CHANNEL_LABELS_ZH,
    SEVERITY_LABELS_ZH,
    Category,
    Channel,
    Severity,
)
from core.escaping import streamlit_text
from core.timeutil import duration_zh
from crisis_playbooks.cases.enums import CaseStatus
from dashboard.charts import html_table, show
from dashboard.corrections import correction_form
from dashboard.data import get_context, rounded
from dashboard.event_data import event_clock, event_rows, event_story, find_event, linked_work
from dashboard.event_story import step_label, steps, timeline_chart, tree_html
from dashboard.navigation import VIEWS
from dashboard.widgets import mention_card, mention_cards
from sentiment.urgency import followers_zh

ALERTS_PAGE, CASE_PAGE, LIST_PAGE = (
    VIEWS / "alerts.py",
    VIEWS / "case_detail.py",
    VIEWS / "events.py",
)

ctx = get_context()
tz = ctx.config.tz
moment = event_clock()


def stop(message: str) -> NoReturn:
    """No event to show: say why, link to the list, stop the page."""
    st.title("事件详情", anchor=False)
    st.info(message)
    st.page_link(LIST_PAGE, label="返回事件列表", icon=":material/hub:")
    st.stop()


# The sidebar offers the recent events, the one that matters most first (most severe alert,
# then the biggest); a deep link (?event=<id>, also an older or merged id) picks one of them.
recent = event_rows(rounded(moment) - timedelta(days=7), rounded(moment))
recent.sort(key=lambda r: (-(r.severity.rank if r.severity else 0), -r.mentions))
titles = {r.id: marked(r.title, r.rival) for r in recent}
linked = find_event(st.query_params.get("event", ""))
if linked is not None and linked.id not in titles:
    titles = {linked.id: linked.title or "未命名事件", **titles}
if not titles:
    stop("最近 7 天没有事件。")
if st.query_params.get("event") and linked is None:
    stop("没有这个事件（可能已过期被清理）。")
ids = list(titles)
start_at = ids.index(linked.id) if linked is not None else 0
chosen = st.sidebar.selectbox(
    "事件", ids, index=start_at, format_func=lambda i: titles[i], placeholder="请选择"
)
event = linked if linked is not None and linked.id == chosen else find_event(chosen)
if event is None:
    stop("没有这个事件（可能已过期被清理）。")
st.query_params["event"] = event.id
story: EventDetail = event_story(event.id, f"{event.updated_at}:{event.mention_count}")
linked_work(story)
status = status_at(event, moment)
growth = growth_at(event, moment)
started = event.started_at.astimezone(tz)

st.title(f"事件：{streamlit_text(event.title or '未命名事件', one_line=True)}", anchor=False)
last = event.last_at.astimezone(tz)
st.caption(
    f"{EVENT_STATUS_ZH[status]} · {started:%m-%d %H:%M} 开始，持续 "
    f"{duration_zh(event.last_at - event.started_at)} · 最近发帖 {last:%m-%d %H:%M}"
)
mentions = story.mentions
negative = sum(1 for m in mentions if m.is_negative)
complaints = sum(1 for m in mentions if m.complaint and m.complaint.flag)
cols = st.columns(5)
cols[0].metric("提及", f"{event.mention_count:,}")
cols[1].metric("作者", f"{event.author_count:,}")
cols[2].metric("负面占比", f"{negative / len(mentions):.0%}" if mentions else "—")
cols[3].metric("投诉占比", f"{complaints / len(mentions):.0%}" if mentions else "—")
cols[4].metric(
    "最近一小时",
    growth.last_hour,
    growth.last_hour - growth.hour_before,
    delta_color="inverse",
    help="与前一小时相比",
)

with st.container(border=True, key="event-first"):
    author = streamlit_text(event.first_author or "匿名", one_line=True)
    st.markdown(f"**首发** · {author} 于 {started:%m-%d %H:%M} 发布")
    first = next((m for m in mentions if m.id == event.first_mention_id), None)
    if first is not None:
        mention_card(first)
    else:
        st.caption("首发内容已不在索引中（可能已按保留期清理）。")

st.subheader("事件脉络", anchor=False)
with st.container(key="event-timeline"):
    show(timeline_chart(story, tz))
step = step_label(steps(mentions, tz)[1])
st.caption(
    f"柱：{step}提及量；线：负面与投诉占比；▼ 预警开始；★ 关键发文（首发、官方发文、关键节点、大V）"
)

st.subheader("传播路径", anchor=False)
tree = story.propagation
shape = st.columns(4)
shape[0].metric("转发/回复", tree.linked)
shape[1].metric("传播层级", tree.depth)
shape[2].metric("最宽一层", tree.breadth)
shape[3].metric("官方发文", len(tree.own_posts))
with st.container(key="event-tree"):
    if tree.linked:
        drawn, hidden = tree_html(story, tz)
        st.markdown(drawn, unsafe_allow_html=True)
        if hidden:
            st.caption(f"另有 {hidden} 条转发/回复未展开")
    else:
        st.caption("本事件没有转发/回复关系（各条为独立发帖）。")
    alone = len({m.id for m in mentions} - set(tree.parents) - set(tree.parents.values()))
    if alone > 0:
        st.caption(f"另有 {alone} 条独立发帖（同一话题或相同文本，非转发/回复）")

st.subheader("主要传播者", anchor=False)
# Plain HTML tables: a data grid per small table cost more to draw than the whole page's text.
show(
    html_table(
        [
            {
                "排名": rank,
                "作者": a.author,
                "类型": a.kind.label_zh,
                "粉丝": followers_zh(a.followers),
                "发帖": a.posts,
                "影响力": followers_zh(a.reach),
            }
            for rank, a in enumerate(story.amplifiers, start=1)
        ]
    )
)
st.caption(
    "影响力 = 粉丝数 + 所发帖子的转发、评论、点赞数（与「舆情分析」的 KOL / 媒体影响力榜同一算法）"
)

left, mid, right = st.columns(3)
with left:
    st.markdown("**渠道**")
    show(
        html_table(
            [{"渠道": CHANNEL_LABELS_ZH.get(Channel(c), c), "条数": n} for c, n in story.channels]
        )
    )
with mid:
    st.markdown("**地域（IP属地）**")
    if story.regions:
        show(html_table([{"地区": r, "条数": n} for r, n in story.regions]))
    else:
        st.caption("没有标注地区的提及")
with right:
    st.markdown("**投诉类别**")
    show(
        html_table(
            [
                {"类别": CATEGORY_LABELS_ZH.get(Category(c), c), "条数": n}
                for c, n in story.categories
            ]
        )
    )

st.subheader("关联预警与案件", anchor=False)
if not story.alerts and not story.cases:
    st.caption("本事件还没有触发预警，也没有立案。")
for alert in story.alerts:
    level = SEVERITY_LABELS_ZH[Severity(str(alert["severity"]))]
    # Where it stands, as a case says its state: a crisis looked back on listed its alerts
    # without saying they were resolved.
    state = ALERT_STATUS_ZH[AlertStatus(str(alert["status"]))]
    title = streamlit_text(alert["title"], one_line=True)
    st.page_link(
        ALERTS_PAGE,
        label=f"预警 #{alert['id']} {level} · {title}（{state}）",
        icon=":material/notifications_active:",
        query_params={"alert": str(alert["id"])},
    )
for case in story.cases:
    state = CaseStatus(str(case["status"])).label_zh
    st.page_link(
        CASE_PAGE,
        label=f"案件 #{case['id']} {streamlit_text(case['title'], one_line=True)}（{state}）",
        icon=":material/fact_check:",
        query_params={"case_id": str(case["id"])},
    )

with st.expander(f"全部提及（{len(mentions)} 条，按时间）"):
    mention_cards(mentions[:50])  # one element: 50 separate cards took 0.2 s a run
    if len(mentions) > 50:
        st.caption(f"另有 {len(mentions) - 50} 条未显示，可在「检索」中查看。")
correction_form(mentions[:50], "event", event.id)
