"""The browser tab names the alerts nobody has taken up (「(2) 待处理预警 · yuqing 舆情监测」): a PR
desk keeps other tabs in front, and a crisis must show on the dashboard's tab too. Every page
checks every dashboard.refresh."""

from __future__ import annotations

import json
import time

import streamlit as st

from dashboard.data import get_context
from dashboard.index_down import live_fragment
from dashboard.situation import pending_alert_count

TITLE = "yuqing 舆情监测"
KEY = "yq-tab-title"
HIDDEN = (
    f"<style>.st-key-{KEY}, [data-testid='stLayoutWrapper']:has(> .st-key-{KEY})"
    " { display: none; }</style>"
)


def tab_title(pending: int) -> str:
    """The tab's text for this many pending alerts."""
    return f"({pending}) 待处理预警 · {TITLE}" if pending else TITLE


def title_watch() -> None:
    """Keep the tab's title on the pending alert count (a hidden part refreshed by itself)."""
    ctx = get_context()

    @live_fragment(ctx.config.dashboard.refresh)
    def refresh() -> None:
        with ctx.sessions() as session:
            pending = pending_alert_count(session)
        # The run stamp makes each refresh's script new, so it runs again: Streamlit resets
        # the title to the page's own at every full run.
        st.html(
            f"<script>document.title = {json.dumps(tab_title(pending))};"
            f"/* {time.monotonic_ns()} */</script>",
            unsafe_allow_javascript=True,
        )

    st.html(HIDDEN)
    with st.container(key=KEY):
        refresh()
