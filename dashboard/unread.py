"""What is new since I last looked: each page's 已读 mark (its first visit in this session, moved
by 全部标为已读), the mentions collected after it (their cards say 新) and how many they are.

New means new to the reader: counted by when we collected a post, not when it was published,
so a late-crawled or back-filled old post counts, and a post published just before the mark but
collected after it is not missed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import streamlit as st

from core.index.protocol import SearchQuery
from dashboard.data import get_context, now
from dashboard.headline import count


def seen_mark(key: str) -> datetime:
    """When this page's cards were last marked read (the first look of the session: nothing
    is new on arrival)."""
    name = f"{key}-seen"
    if name not in st.session_state:
        st.session_state[name] = now()
    return st.session_state[name]  # type: ignore[no-any-return]


def mark_read(key: str) -> None:
    """Everything shown so far is read (the 全部标为已读 button's callback)."""
    st.session_state[f"{key}-seen"] = now()


def unread_line(key: str, query: SearchQuery, seen: datetime) -> None:
    """「自 12-03 15:20 以来新增 12 条（卡片标「新」）」 and the button that marks them read."""
    fresh = count(replace(query, collected_since=seen))
    when = seen.astimezone(get_context().config.tz).strftime("%m-%d %H:%M")
    text, button = st.columns([4, 1], vertical_alignment="center")
    if fresh:
        text.markdown(f"**自 {when} 以来新增 {fresh:,} 条**（卡片标「新」）")
    else:
        text.caption(f"自 {when} 以来没有新增提及")
    button.button(
        "全部标为已读",
        key=f"{key}-read",
        on_click=mark_read,
        args=(key,),
        disabled=not fresh,
        help="之后采集到的提及才标「新」",
    )
