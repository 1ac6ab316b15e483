"""What a page shows while the search cluster (index.urls) is down or refuses us: a Chinese
notice saying what is wrong and what happens next, instead of Streamlit's Python traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import streamlit as st

from core.errors import MentionIndexError

INDEX_DOWN_HINT = (
    "已采集的提及不会丢：采集进程在索引恢复后会补写。请联系运维检查 index.urls 指向的节点；"
    "恢复后本页会自动刷新，或手动刷新。"
)


@contextmanager
def index_notice() -> Iterator[None]:
    """Run a page (or a part of it); an index failure becomes the notice."""
    try:
        yield
    except MentionIndexError as exc:
        st.error(f"搜索索引暂时无法使用，本页数据读不出来：{exc}")
        st.caption(INDEX_DOWN_HINT)


def live_fragment(
    run_every: timedelta,
) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """st.fragment(run_every=…) whose body shows the notice on an index failure (Streamlit
    catches a fragment's exceptions itself, so the page-level guard never sees them)."""

    def decorate(body: Callable[[], None]) -> Callable[[], None]:
        @functools.wraps(body)
        def guarded() -> None:
            with index_notice():
                body()

        return st.fragment(guarded, run_every=run_every)

    return decorate
