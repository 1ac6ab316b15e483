"""Data sources in Chinese: collector types (微博搜索, 小红书) instead of configuration ids."""

from __future__ import annotations

import streamlit as st

from collectors.config import SOURCES
from dashboard.data import get_context

WEBHOOK_TYPE = "webhook"  # mentions pushed to the intake endpoint (not a configured source)
TYPE_LABELS = {
    "weibo_search": "微博搜索",
    "weibo_user": "微博账号",
    "tieba": "百度贴吧",
    "forum": "论坛",
    "heimao": "黑猫投诉",
    "rss": "RSS/RSSHub",
    "email": "投诉邮箱",
    "replay": "演示数据",
    "xiaohongshu": "小红书",
    "douyin": "抖音",
    "bilibili": "B站",
    "zhihu": "知乎",
    WEBHOOK_TYPE: "Webhook 推送",
}


@st.cache_resource(show_spinner=False)
def source_types() -> dict[str, str]:
    """Configured source name → its collector type."""
    return {s.name: s.type for s in SOURCES.of(get_context().config)}


def source_label(source: str) -> str:
    """What a mention card says about where it was collected: the configured source's type in
    Chinese (微博搜索), Webhook 推送 for the intake's default; "" otherwise (a name a pushing
    client chose means nothing to users, and the card's channel badge says where it is from)."""
    kind = source_types().get(source, source if source == WEBHOOK_TYPE else "")
    return TYPE_LABELS.get(kind, "")
