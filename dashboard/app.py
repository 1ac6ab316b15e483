"""Streamlit entry point: page navigation for the Chinese dashboard (run via `yuqing dashboard`)."""

from __future__ import annotations

import streamlit as st

from dashboard import auth

st.set_page_config(page_title="yuqing 舆情监测", page_icon=":material/campaign:", layout="wide")

PAGES = [
    st.Page("views/feed.py", title="实时舆情", icon=":material/dynamic_feed:", default=True),
    st.Page("views/search.py", title="检索", icon=":material/search:"),
    st.Page("views/alerts.py", title="告警中心", icon=":material/notifications_active:"),
    st.Page("views/sources.py", title="数据源状态", icon=":material/sensors:"),
    st.Page("views/cases.py", title="案件看板", icon=":material/assignment:"),
    st.Page("views/case_detail.py", title="案件详情", icon=":material/fact_check:"),
    st.Page("views/reports.py", title="舆情报告", icon=":material/summarize:"),
]

allowed = auth.signed_in()
# Navigation is declared even for the login form, so a deep link (/alerts?alert=7 from a
# DingTalk message) is still the page that runs once the login succeeds.
page = st.navigation(PAGES, position="sidebar" if allowed else "hidden")
if not allowed:
    auth.login_form()
    st.stop()
auth.sidebar()
page.run()
