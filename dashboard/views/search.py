"""检索: full-text search over all mentions with filters, sorting and paging."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.index.protocol import SortOrder
from core.index.textquery import parse_text_query
from dashboard.corrections import correction_form
from dashboard.data import search
from dashboard.filters import filter_sidebar, list_scope
from dashboard.time_ranges import ALL, TimeWindow
from dashboard.widgets import mention_cards

SORTS = {
    SortOrder.NEWEST: "最新优先",
    SortOrder.URGENCY: "紧急度优先",
    SortOrder.OLDEST: "最早优先",
}
PAGE = 20
PAGE_KEY = "search-page"


def found_line(total: str, window: TimeWindow, page: int, pages: int) -> str:
    """「最近 24 小时内共找到 3 条」, how to look further back, and a page past the last."""
    line = f"{window.phrase_zh}共找到 {total} 条"
    if window.label != ALL:  # 全部: nothing further back to point to
        line += "；要看更早的，在侧栏「时间范围」选更长的范围或「全部」"
    if page > pages:
        line += f"。第 {page} 页没有内容（共 {pages} 页）：把页码改小"
    return line


st.title("检索", anchor=False)
# The one search box is the page's own: the sidebar keeps the filters only.
query, window = filter_sidebar("search", keyword=False)
cols = st.columns([3, 1])
text = cols[0].text_input("搜索内容（中文子串，空格=并且，-排除）", placeholder="例如：退款 -广告")
sort = cols[1].selectbox("排序", list(SORTS), format_func=lambda s: SORTS[s], placeholder="请选择")
# The list asked for, whatever the hour: the time range by its step, not its moving start.
scope = list_scope(replace(query, text=text or None, sort=sort), window.label)
if st.session_state.get("search-asked") != scope:  # a new search starts on its first page
    st.session_state[PAGE_KEY] = 1
st.session_state["search-asked"] = scope
parsed = parse_text_query(text)
if parsed.wordless:
    st.warning(
        "搜索内容里没有要检索的词：只有引号、减号或空格。请写上词语，例如 退款；"
        "要排除某个词，在词前加减号，例如 退款 -广告；清空搜索框则列出全部提及。"
    )
elif parsed.unsearchable:
    st.warning("搜索内容里没有可检索的文字：只有汉字、字母和数字能检索，表情和标点不参与检索。")
page = int(st.number_input("页码", min_value=1, step=1, key=PAGE_KEY))
asked = replace(query, text=text or None, sort=sort, limit=PAGE, offset=(page - 1) * PAGE)
result = search(asked)
pages = max(1, -(-result.total // PAGE))
st.caption(found_line(result.total_zh, window, page, pages))
mention_cards(result.mentions)
correction_form(result.mentions, "search", f"{scope}|{page}")
