"""数据源状态: health of every configured source (last success, last error, items, cooldown,
collection lag), the files loaded with `yuqing ingest`, and the model adapted from staff
corrections."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from collectors.config import SOURCES, WEBHOOK
from collectors.health import SourceHealth, read_health
from collectors.ingest_log import IngestRecord, recent_runs
from collectors.lag import read_lags
from collectors.status import SOURCE_STATUS_ZH, SourceStatus
from core.escaping import streamlit_text
from core.lease_view import read_leases
from dashboard.data import get_context
from dashboard.index_down import live_fragment
from dashboard.source_names import TYPE_LABELS
from sentiment.adaptation.job import status as adaptation_status

# Colours instead of emoji circles, which render as empty boxes on a bare Linux desktop.
STATUS_COLOURS = {
    SourceStatus.OK: "#2f9e44",
    SourceStatus.PARTIAL: "#e0b000",
    SourceStatus.PENDING: "#868e96",
    SourceStatus.DEGRADED: "#f08c00",
    SourceStatus.BLOCKED: "#c92a2a",
    SourceStatus.MISCONFIGURED: "#862e9c",
}
COLOUR_OF = {SOURCE_STATUS_ZH[s]: c for s, c in STATUS_COLOURS.items()}
NEXT_STEP = {
    SourceStatus.PARTIAL: "已入库，但有内容未取到或只保存了一部分（见“本次损失”）："
    "评论页 404 多为原帖已删除；其余请按原因检查",
    SourceStatus.DEGRADED: "部分页面失败，已采集的内容已入库；持续出现请检查站点结构/选择器",
    SourceStatus.BLOCKED: "被站点拦截（403/418/验证码/登录墙）：更新 cookie 或放慢频率，"
    "冷却结束自动重试，或执行 yuqing sources reset <名称>",
    SourceStatus.MISCONFIGURED: "修改 yuqing.yaml 中该数据源的 options 后重启服务",
}
# A mailbox has no pages, selectors or cookie: what to do when reading it fails.
MAILBOX_NEXT_STEP = {
    SourceStatus.DEGRADED: "读取邮箱失败（原因见“最近错误”）：检查 host/port/ssl、网络与防火墙；"
    "恢复后下次运行自动补取未读到的邮件",
}


def next_step(source_type: str, status: SourceStatus) -> str:
    """What to do about a source in this state (a mailbox gets its own advice)."""
    own = MAILBOX_NEXT_STEP if source_type == "email" else {}
    return own.get(status) or NEXT_STEP[status]


ctx = get_context()
st.title("数据源状态", anchor=False)


def local(moment: datetime | None) -> str:
    """A stored time in the configured zone, or a dash."""
    return moment.astimezone(ctx.config.tz).strftime("%m-%d %H:%M:%S") if moment else "—"


def row(
    source_name: str, source_type: str, enabled: bool, state: SourceHealth | None
) -> dict[str, object]:
    """One table row for a configured source."""
    status = state.status if state else SourceStatus.PENDING
    return {
        "状态": SOURCE_STATUS_ZH[status],
        "数据源": source_name,
        "类型": TYPE_LABELS.get(source_type, source_type),
        "启用": "是" if enabled else "否",
        "上次成功": local(state.last_success_at if state else None),
        "本次条数": state.items_last_run if state else 0,
        "累计条数": state.items_total if state else 0,
        "连续失败": state.consecutive_failures if state else 0,
        "本次损失": (state.losses_last_run or 0) if state else 0,
        "累计损失": (state.losses_total or 0) if state else 0,
        "冷却至": local(state.cooldown_until if state else None),
        "最近错误": (state.last_error or "") if state else "",
        "最近损失": (state.last_loss or "") if state and state.losses_last_run else "",
        "_status": status,
        "_type": source_type,
    }


@live_fragment(ctx.config.dashboard.refresh)
def health() -> None:
    """The health table and what to do about broken sources; refreshes by itself."""
    states = read_health(ctx)
    leases = read_leases(ctx)
    rows = [row(s.name, s.type, s.enabled, states.get(s.name)) for s in SOURCES.of(ctx.config)]
    for r in rows:
        r["采集进程"] = leases.sources.get(str(r["数据源"]), "—")
    configured = {s.name for s in SOURCES.of(ctx.config)}
    pushed = [s for s in states.values() if s.type == "webhook" and s.name not in configured]
    rows += [row(s.name, s.type, WEBHOOK.of(ctx.config).enabled, s) for s in pushed]
    lags = read_lags(ctx)
    for r in rows:
        lag = lags.get(str(r["数据源"]))
        r["采集延迟"] = lag.text_zh().removeprefix("采集延迟 ") if lag else "—"
    runs = recent_runs(ctx)
    others = sorted(set(lags) - {str(r["数据源"]) for r in rows})
    if rows:
        collected(rows)
        st.caption(leases.summary())  # who collects what, and who leads (several workers)
    elif runs:
        st.info(
            "没有配置采集数据源（yuqing.yaml 的 sources:）：现有提及来自下方"
            "“文件导入”中用 yuqing ingest 导入的文件。"
        )
    elif others:  # written by a replay (yuqing replay) or another data dir's copy
        st.info(
            "没有配置采集数据源（yuqing.yaml 的 sources:），也没有用 yuqing ingest 导入过文件："
            "现有提及来自回放（yuqing replay）或其他写入，下列为其来源的采集延迟。"
        )
    else:
        st.info("尚未配置数据源（yuqing.yaml 的 sources:），也没有用 yuqing ingest 导入过文件。")
    for name in others:  # posts of a source not configured here (an imported file's)
        # a replay's posts name their collector's type (heimao): said in Chinese (黑猫投诉)
        shown = TYPE_LABELS.get(name, name)
        st.caption(f"{streamlit_text(shown, one_line=True)}：{lags[name].text_zh()}")
    if runs:
        imported(runs)


def collected(rows: list[dict[str, object]]) -> None:
    """The configured (and pushing) sources' table and what to do about broken ones."""
    table = pd.DataFrame(rows).drop(columns=["_status", "_type"])
    # The lag beside the last success, not past the table's right edge (13 columns before it).
    table.insert(table.columns.get_loc("上次成功") + 1, "采集延迟", table.pop("采集延迟"))
    styled = table.style.map(
        lambda v: f"color:#fff;background-color:{COLOUR_OF.get(v, '#868e96')}", subset=["状态"]
    )
    st.dataframe(styled, width="stretch", hide_index=True)
    broken = [r for r in rows if r["_status"] in NEXT_STEP]
    if broken:
        st.error(
            f"{len(broken)} 个数据源异常或有损失："
            + "，".join(streamlit_text(r["数据源"], one_line=True) for r in broken)
        )
        for r in broken:
            # A webhook source is named by the pushed records, a loss quotes what was lost.
            loss = f"（{streamlit_text(r['最近损失'], one_line=True)}）" if r["最近损失"] else ""
            advice = next_step(str(r["_type"]), r["_status"])  # type: ignore[arg-type]
            st.caption(f"{streamlit_text(r['数据源'], one_line=True)}：{advice}{loss}")


def imported(runs: list[IngestRecord]) -> None:
    """Files loaded with `yuqing ingest`, newest first, each rejected line's reason below."""
    st.subheader("文件导入（yuqing ingest）", anchor=False)
    table = pd.DataFrame([ingest_row(run) for run in runs])
    st.dataframe(table, width="stretch", hide_index=True)
    for run in runs:
        if not run.rejected:
            continue
        name = streamlit_text(Path(run.file).name, one_line=True)
        lines = "；".join(
            f"{streamlit_text(ref, one_line=True)}：{streamlit_text(why, one_line=True)}"
            for ref, why in run.reasons
        )
        more = run.rejected - len(run.reasons)
        rest = f"；…另有 {more} 行（完整列表见导入时命令的输出）" if more > 0 else ""
        st.caption(f"{name}（{local(run.started_at)}）拒绝 {run.rejected} 行：{lines}{rest}")


def ingest_row(run: IngestRecord) -> dict[str, object]:
    """One table row for a file ingest."""
    return {
        "导入时间": local(run.started_at),
        "文件": Path(run.file).name,
        "数据源": run.source or "按文件中的 source",
        "读取行数": run.lines,
        "新增": run.new,
        "更新": run.updated,
        "重复": run.duplicates,
        "拒绝": run.rejected,
        "截断": run.truncated,
        "状态": "完成" if run.finished_at else "未完成（导入中断）",
    }


def adaptation() -> None:
    """The deployment's model adapted from staff corrections: corrections, training, effect."""
    st.subheader("人工校正与模型自适应", anchor=False)
    with ctx.sessions() as session:
        current = adaptation_status(session, ctx.data_dir, ctx.config.tz)
    for line in current.lines():
        st.caption(line)


health()
adaptation()
