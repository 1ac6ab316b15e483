"""数据源状态: health of every configured source (last success, last error, items, state)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import select

from collectors.state import SOURCE_STATUS_ZH, SourceState, SourceStatus
from dashboard.data import get_context

STATUS_ICONS = {
    SourceStatus.OK: "🟢",
    SourceStatus.PENDING: "⚪",
    SourceStatus.DEGRADED: "🟠",
    SourceStatus.BLOCKED: "🔴",
    SourceStatus.MISCONFIGURED: "⛔",
}

ctx = get_context()
st.title("数据源状态")


@st.fragment(run_every=ctx.config.dashboard.refresh)
def health() -> None:
    """The health table; refreshes by itself."""
    with ctx.sessions() as session:
        states = {s.name: s for s in session.scalars(select(SourceState))}
    rows = []
    for source in ctx.config.sources:
        state = states.get(source.name)
        status = SourceStatus(state.status) if state else SourceStatus.PENDING

        def local(moment: object) -> str:
            return moment.astimezone(ctx.config.tz).strftime("%m-%d %H:%M:%S") if moment else "—"  # type: ignore[attr-defined]

        rows.append(
            {
                "状态": f"{STATUS_ICONS[status]} {SOURCE_STATUS_ZH[status]}",
                "数据源": source.name,
                "类型": source.type,
                "启用": "是" if source.enabled else "否",
                "间隔": f"{source.interval.total_seconds():.0f} 秒",
                "上次成功": local(state.last_success_at if state else None),
                "本次条数": state.items_last_run if state else 0,
                "累计条数": state.items_total if state else 0,
                "冷却至": local(state.cooldown_until if state else None),
                "最近错误": (state.last_error or "") if state else "",
            }
        )
    if not rows:
        st.info("尚未配置数据源（yuqing.yaml 的 sources:）。")
        return
    st.dataframe(pd.DataFrame(rows), use_container_width=True, hide_index=True)
    broken = [str(r["数据源"]) for r in rows if not str(r["状态"]).startswith(("🟢", "⚪"))]
    if broken:
        st.error(f"{len(broken)} 个数据源异常：" + "，".join(broken))


health()
