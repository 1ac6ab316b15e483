"""Streamlit entry point: page navigation for the Chinese dashboard (run via `yuqing dashboard`)."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="yuqing 舆情监测", page_icon=":material/campaign:", layout="wide")

PAGES = [
    st.Page("pages/feed.py", title="实时舆情", icon=":material/dynamic_feed:", default=True),
    st.Page("pages/search.py", title="检索", icon=":material/search:"),
    st.Page("pages/alerts.py", title="告警中心", icon=":material/notifications_active:"),
    st.Page("pages/sources.py", title="数据源状态", icon=":material/sensors:"),
    st.Page("pages/cases.py", title="案件看板", icon=":material/assignment:"),
    st.Page("pages/case_detail.py", title="案件详情", icon=":material/fact_check:"),
    st.Page("pages/reports.py", title="舆情报告", icon=":material/summarize:"),
]

st.navigation(PAGES).run()
