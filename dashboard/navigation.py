"""Page navigation for the Chinese dashboard; `app/dashboard_main.py` runs it on every rerun."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from dashboard import auth, timing
from dashboard.browser_locale import chinese_widgets
from dashboard.index_down import index_notice
from dashboard.tab_title import TITLE, title_watch

VIEWS = Path(__file__).resolve().parent / "views"

# (file, title, icon); the first is the default page. A page's URL is its file name.
PAGES = [
    ("overview.py", "舆情态势", ":material/monitoring:"),
    ("feed.py", "实时舆情", ":material/dynamic_feed:"),
    ("search.py", "检索", ":material/search:"),
    ("insights.py", "舆情分析", ":material/insights:"),
    ("events.py", "事件", ":material/hub:"),
    ("event_detail.py", "事件详情", ":material/timeline:"),
    ("alerts.py", "预警中心", ":material/notifications_active:"),
    ("sources.py", "数据源状态", ":material/sensors:"),
    ("cases.py", "案件看板", ":material/assignment:"),
    ("case_detail.py", "案件详情", ":material/fact_check:"),
    ("reports.py", "舆情报告", ":material/summarize:"),
]


def main() -> None:
    """Declare the pages, show the login form when needed, then run the chosen page."""
    started = time.perf_counter()
    st.set_page_config(page_title=TITLE, page_icon=":material/campaign:", layout="wide")
    chinese_widgets()
    pages = [
        st.Page(VIEWS / name, title=title, icon=icon, default=index == 0)
        for index, (name, title, icon) in enumerate(PAGES)
    ]
    allowed = auth.signed_in()
    # Navigation is declared even for the login form, so a deep link (/alerts?alert=7 from a
    # DingTalk message) is still the page that runs once the login succeeds.
    page = st.navigation(pages, position="sidebar" if allowed else "hidden")
    with timing.timed(page.url_path or "overview", started):
        if not allowed:
            auth.login_form()
            st.stop()
        auth.sidebar()
        title_watch()
        with index_notice():  # the search cluster is down or refuses us
            page.run()
