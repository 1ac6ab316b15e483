"""舆情报告: stored 日报/周报/月报 (<data_dir>/reports/), inline view, PDF download, 生成报告."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st
import streamlit.components.v1 as components

from core.errors import YuqingError
from core.escaping import streamlit_text
from dashboard.data import get_context
from reports.config import Period
from reports.period import PERIOD_TITLES_ZH, resolve_window
from reports.render import pct
from reports.service import generate
from reports.store import StoredReport, list_reports

ALL_PLANS = "全部方案"

ctx = get_context()
st.title("舆情报告", anchor=False)


def generate_form() -> None:
    """Period, optional date range and plan; renders the report into <data_dir>/reports/."""
    period = Period(
        st.radio(
            "周期",
            [p.value for p in Period],
            index=1,
            format_func=lambda p: PERIOD_TITLES_ZH[Period(p)],
            horizontal=True,
        )
    )
    custom = st.checkbox("自定义日期范围（默认：上一个完整周期）")
    first: date | None = None
    last: date | None = None
    if custom:
        today = ctx.clock().astimezone(ctx.config.tz).date()
        picked = st.date_input("日期范围", (today - timedelta(days=7), today - timedelta(days=1)))
        if isinstance(picked, tuple) and len(picked) == 2:
            first, last = picked
    names = {ALL_PLANS: ALL_PLANS} | {p.id: p.name for p in ctx.config.plans}
    plan = st.selectbox(
        "监测方案", list(names), format_func=names.__getitem__, placeholder="请选择"
    )
    if st.button("生成报告", type="primary"):
        try:
            window = resolve_window(period, first, last, ctx.clock(), ctx.config.tz)
            with st.spinner("正在生成报告……"):
                report = generate(ctx, window, plan=None if plan == ALL_PLANS else plan)
        except YuqingError as exc:
            st.error(f"生成失败：{streamlit_text(exc)}")
            return
        st.success(f"已生成 {window.title_zh} {window.label}（用时 {report.seconds:.1f} 秒）")


def show(report: StoredReport) -> None:
    """Headline numbers, the PDF download and the HTML inline."""
    meta = report.meta
    cols = st.columns(4)
    mentions = meta.get("mentions")
    cols[0].metric("提及总量", f"{mentions:,}" if isinstance(mentions, int) else "—")
    share = meta.get("negative_share")
    cols[1].metric("负面占比", pct(share) if share is not None else "—")
    reputation = meta.get("reputation")
    cols[2].metric("口碑指数", f"{reputation:.1f}" if reputation is not None else "—")
    cols[3].metric("需要关注", meta.get("attention", "—"))
    if report.pdf_path.is_file():
        st.download_button(
            "下载 PDF",
            data=report.pdf_path.read_bytes(),
            file_name=f"{report.directory.name}.pdf",
            mime="application/pdf",
        )
    components.html(report.html_path.read_text("utf-8"), height=1500, scrolling=True)


with st.expander("生成报告", expanded=False):
    generate_form()

stored = list_reports(ctx.data_dir)
if not stored:
    st.info("还没有报告。点击上方「生成报告」，或等待定时任务（默认每周一 09:00）生成周报。")
else:
    # a link from a chat brief opens its report: /reports?report=weekly-2026-11-16
    wanted = st.query_params.get("report")
    names = [r.directory.name for r in stored]
    first = names.index(wanted) if wanted in names else 0
    if wanted and wanted not in names:
        shown = streamlit_text(wanted, one_line=True)
        st.warning(f"没有找到报告 {shown}（可能已被删除），显示最新的一份。")
    choice = st.selectbox(
        "历史报告", stored, index=first, format_func=lambda r: r.title, placeholder="请选择"
    )
    if choice is not None:
        show(choice)
