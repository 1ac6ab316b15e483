"""实时舆情: the live feed of newest mentions, headline numbers and the sentiment trend."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.enums import SentimentLabel, Severity
from dashboard.data import get_context, sentiment_series
from dashboard.headline import count
from dashboard.situation import pending_alert_count
from dashboard.widgets import filter_sidebar, mention_card, trend_chart

ctx = get_context()
st.title(f"实时舆情 · {ctx.config.brand}")
query, interval = filter_sidebar("feed")
feed_size = st.sidebar.slider("显示条数", 10, 100, 20, step=10)


@st.fragment(run_every=ctx.config.dashboard.refresh)
def live() -> None:
    """Everything on this page that refreshes by itself."""
    total = count(query)
    negative = count(replace(query, sentiments=[SentimentLabel.NEGATIVE]))
    urgent = count(replace(query, min_urgency=Severity.HIGH))
    cols = st.columns(4)
    cols[0].metric("提及量", f"{total:,}")
    cols[1].metric("负面占比", f"{negative / total:.1%}" if total else "—")
    cols[2].metric("高/紧急提及", f"{urgent:,}")
    with ctx.sessions() as session:
        pending = pending_alert_count(session)
    cols[3].metric("未处理预警", pending, help="待处理（尚未确认）的预警，与告警中心一致")
    rows = sentiment_series(query, interval)
    if rows:
        st.plotly_chart(trend_chart(rows), width="stretch", key="trend")
    else:
        st.info("所选时间范围内还没有数据。数据源运行后这里会自动刷新。")
    st.subheader("最新提及")
    result = ctx.index.search(replace(query, limit=feed_size))
    every = ctx.config.dashboard.refresh.total_seconds()
    st.caption(
        f"共 {result.total:,} 条，显示最新 {len(result.mentions)} 条 · 每 {every:.0f} 秒自动刷新"
    )
    for mention in result.mentions:
        with st.container(border=True):
            mention_card(mention)


live()
