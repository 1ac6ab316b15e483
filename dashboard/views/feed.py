"""实时舆情: the live feed of newest mentions, headline numbers and the sentiment trend."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard.charts import show, trend_svg
from dashboard.copies import copies_of, one_per_group
from dashboard.corrections import correction_form
from dashboard.data import get_context, search, sentiment_series
from dashboard.filters import filter_sidebar, list_scope
from dashboard.headline import URGENT_HELP, headline
from dashboard.index_down import live_fragment
from dashboard.situation import pending_alert_count
from dashboard.unread import seen_mark, unread_line
from dashboard.widgets import mention_cards

SHOWN_KEY = "feed-shown"  # the cards the live part showed last, for the correction panel
GROUP_LOOKAHEAD = 3  # fetch this many times the cards shown, so copies collapse into groups


ctx = get_context()
st.title(f"实时舆情 · {ctx.config.brand}", anchor=False)
query, window = filter_sidebar("feed")
interval = window.interval
feed_size = st.sidebar.slider("显示条数", 10, 100, 20, step=10)
MAX_FETCHED = 3000  # mentions read for the deepest page (later ones: narrow the filters)
last_page = max(1, MAX_FETCHED // (feed_size * GROUP_LOOKAHEAD))


@live_fragment(ctx.config.dashboard.refresh)
def live() -> None:
    """Everything on this page that refreshes by itself."""
    numbers = headline(query)  # as 态势 and 舆情分析 count them
    total, share = numbers.total, numbers.negative_share
    cols = st.columns(4)
    cols[0].metric("提及量", f"{total:,}")
    cols[1].metric("负面占比", f"{share:.1%}" if share is not None else "—")
    cols[2].metric("高/紧急提及", f"{numbers.urgent:,}", help=URGENT_HELP)
    with ctx.sessions() as session:
        pending = pending_alert_count(session)
    cols[3].metric("未处理预警", pending, help="待处理（尚未确认）的预警，与预警中心一致")
    rows = sentiment_series(query, interval)
    if rows:
        show(trend_svg(rows, interval))
    else:
        st.info("所选时间范围内还没有数据。数据源运行后这里会自动刷新。")
    st.subheader("最新提及", anchor=False)
    seen = seen_mark("feed")
    # Copies of one text by different authors share a group: one card each, with the count.
    # Page k shows groups (k-1)·n … k·n of the newest k·n·3 mentions: a group is on one page.
    page = min(int(st.session_state.get("feed-page", 1)), last_page)
    result = search(replace(query, limit=page * feed_size * GROUP_LOOKAHEAD))
    shown = one_per_group(result.mentions)[(page - 1) * feed_size : page * feed_size]
    every = ctx.config.dashboard.refresh.total_seconds()
    st.caption(
        f"共 {total:,} 条 · 第 {page} 页，{len(shown)} 组（相同内容合并为一张卡片）"
        f" · 每 {every:.0f} 秒自动刷新"
    )
    unread_line("feed", query, seen)
    mention_cards(shown, copies_of(shown), new_since=seen, read=result.mentions)
    st.session_state[SHOWN_KEY] = shown


# 人工校正 sits outside the refreshing part (a refresh does not rerun it) and above it: new cards
# change the part's height, and the browser then shifts the scroll position to keep what is in
# view in place; that scroll closed an open dropdown of a panel placed under the cards.
panel = st.container()
live()
st.number_input("最新提及页码", min_value=1, max_value=last_page, value=1, step=1, key="feed-page")
with panel:  # filled after the live part: it lists the cards of this full run
    page = st.session_state.get("feed-page", 1)
    shown_list = list_scope(query, window.label, feed_size, page)
    correction_form(st.session_state.get(SHOWN_KEY, []), "feed", shown_list)
