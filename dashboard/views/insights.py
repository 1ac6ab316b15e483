"""舆情分析: headline numbers with 环比, province map, hot words, category mix, KOL/媒体, export."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.enums import CATEGORY_LABELS_ZH, Category, SentimentLabel
from core.index.protocol import SearchQuery, SortOrder, SplitField
from core.spelling import needs_spelling, spelled
from dashboard.charts import bars_svg, html_table, show
from dashboard.data import CACHE_SECONDS, get_context, now, own_accounts, rounded
from dashboard.export import MAX_ROWS, mentions, row, to_csv, to_xlsx
from dashboard.filters import filter_sidebar
from dashboard.headline import metrics
from dashboard.provinces import province_rows, province_svg
from dashboard.reach import amplifiers, table
from dashboard.rivals import RivalCount, rival_counts
from reports import communication
from reports.topic_terms import TopicTerms

ctx = get_context()
st.title("舆情分析", anchor=False)
query, chosen = filter_sidebar("insights")
moment = now()
# The period's length, for 环比 and 上一时段 (全部 has no period before it).
span = (chosen.until or moment) - chosen.since if chosen.since else None
# The map, hot words and rankings are heavy at a million mentions: a rolling window starts on
# the minute, so every session shares one cached answer for a minute (a date range is fixed).
AGGREGATE_SECONDS = CACHE_SECONDS * 6
window = query
if chosen.rolling and span is not None:
    window = replace(query, since=rounded(moment - span, AGGREGATE_SECONDS))


@st.cache_data(ttl=AGGREGATE_SECONDS, show_spinner=False)
def terms(q: SearchQuery, field: SplitField, size: int) -> dict[str, int]:
    """top_terms as a dict, cached for a minute."""
    return dict(get_context().index.top_terms(q, field, size))


metrics(query, span, chosen.until or moment, "", exact=not chosen.rolling)
if span is not None:
    st.caption("环比：与紧邻的上一个同长度时段相比（筛选条件相同）。")
negative = replace(window, sentiments=[SentimentLabel.NEGATIVE])


@st.cache_data(ttl=AGGREGATE_SECONDS, show_spinner=False)
def communication_line(q: SearchQuery) -> str | None:
    """「投诉中 38%（76/200 条原帖）提到沟通问题：无人回应、推诿、未告知」, or None."""
    counted = communication.count(get_context().index, q)
    if counted is None:
        return None
    named = "、".join(g for g, _ in counted.groups.most_common(3)) or "无"
    newest = "最新 " if counted.capped else ""
    return (
        f"投诉中 {counted.naming / counted.read:.0%}（{newest}{counted.read:,} 条原帖中的 "
        f"{counted.naming:,} 条）提到沟通问题：{named}；其余只谈产品或服务本身。"
    )


@st.cache_data(ttl=AGGREGATE_SECONDS, show_spinner=False)
def rival_table(q: SearchQuery) -> list[RivalCount]:
    """竞品对比's rows, cached for a minute."""
    context = get_context()
    return rival_counts(context.index, q, context.config)


@st.cache_data(ttl=AGGREGATE_SECONDS, show_spinner=False)
def spelling(q: SearchQuery, word: str) -> str:
    """The hot word as the window's posts spell it (X5, not the index's x5), from up to 20."""
    if not needs_spelling(word):
        return word
    found = get_context().index.search(replace(q, text=word, limit=20, offset=0)).mentions
    return spelled(word, (m.full_text for m in found))


def hot_word_tip(word: str, times: int, before: dict[str, int] | None, label: str = "") -> str:
    """「退款：120 次（上一时段 80 次）」; without the period before under 全部."""
    earlier = f"（上一时段 {before.get(word, 0):,} 次）" if before is not None else ""
    return f"{label or word}：{times:,} 次{earlier}"


st.subheader("地域分布", anchor=False)
measure = st.segmented_control(
    "地图指标", ["提及量", "负面占比"], default="提及量", key="map-measure"
)
rows = province_rows(terms(window, SplitField.REGION, 60), terms(negative, SplitField.REGION, 60))
left, right = st.columns([3, 2])
with left:
    show(province_svg(rows, measure or "提及量"))
ranked = sorted((r for r in rows if r["提及量"]), key=lambda r: -r["提及量"])[:10]
with right:
    if ranked:
        show(html_table(ranked, {"负面占比": ".1%"}))
    else:
        st.info("所选范围内的提及都没有 IP 属地。")
right.caption("按作者 IP 属地统计；未标注属地的提及不计入地图。")

words_col, mix_col = st.columns(2)
with words_col:
    st.subheader("热词", anchor=False)
    # The 周报's filter: the brand's own names (and their fragments), tone words and how
    # forum posters address one another (各位车友, 求助, 说个事) are in many posts but name no
    # subject — the car week's 热词 led with 车友, 说个事, 各位.
    topics = TopicTerms.from_config(ctx.config)
    counted = {w: n for w, n in terms(window, SplitField.KEYWORD, 60).items() if topics.allowed(w)}
    subjects = topics.of_substance(counted)
    hot = dict([(w, n) for w, n in counted.items() if w in subjects][:20])
    before = (
        terms(replace(window, since=start - span, until=start), SplitField.KEYWORD, 200)
        if (start := window.since) is not None and span is not None
        else None
    )
    if hot:
        shown = {w: spelling(window, w) for w in hot}
        bars = [(shown[w], n, hot_word_tip(w, n, before, shown[w])) for w, n in hot.items()]
        show(bars_svg(bars, "#d64545"))
    else:
        st.info("所选范围内没有关键词。")
with mix_col:
    # The 周报's measure, negative mentions, unless a 情感 is chosen: over every mention, the
    # gym week's chatter (分享一下水光针) made 其他 the top bar at 27 % where the 周报 led with
    # 售后/退换货 at 32.6 % (其他 3 %).
    picked = bool(query.sentiments)
    st.subheader("投诉类别构成" if picked else "投诉类别构成（负面提及）", anchor=False)
    mix = terms(window if picked else negative, SplitField.CATEGORY, 20)
    labels = {c.value: CATEGORY_LABELS_ZH[c] for c in Category}
    if mix:
        whole = sum(mix.values())
        show(
            bars_svg(
                [
                    (labels.get(k, k), n / whole, f"{labels.get(k, k)}：{n:,} 条")
                    for k, n in mix.items()
                ],
                "#5f3dc4",
                ".0%",
            )
        )
    else:
        st.info("所选范围内没有分类结果。")
    if said := communication_line(window):
        st.caption(said)

if ctx.config.rival_plan_ids():
    st.subheader("竞品对比", anchor=False)
    compared = rival_table(window)
    share_col, table_col = st.columns([3, 2])
    with share_col:
        show(bars_svg([r.bar for r in compared], "#2f5d9e", ".0%"))
    with table_col:
        show(html_table([r.row for r in compared], {"声量份额": ".1%", "负面占比": ".1%"}))
    st.caption(
        "竞品是设置中标为「竞品」的监测方案；按本页的时间和其他筛选条件统计各方案"
        "（不受监测方案筛选影响），同时提到两个品牌的提及各算一次。"
    )

st.subheader("KOL / 媒体影响力榜", anchor=False)


@st.cache_data(ttl=AGGREGATE_SECONDS, show_spinner=False)
def reach_table(q: SearchQuery) -> list[dict[str, object]]:
    """The KOL/媒体 rows of the 1,000 most urgent mentions, cached for a minute."""
    context = get_context()
    sample = context.index.search(replace(q, sort=SortOrder.URGENCY, limit=1000)).mentions
    return table(amplifiers(sample, own_accounts(), rival_plans=context.config.rival_plan_ids()))


reach = reach_table(window)
if reach:
    show(html_table(reach))
else:
    st.info("所选范围内没有可排名的作者。")
rival_note = (
    "默认只统计本品的监测方案；在监测方案里加选竞品后，只谈竞品的作者标注（竞品）。"
    if ctx.config.rival_plan_ids()
    else ""
)
st.caption(
    "影响力 = 粉丝数 + 其发文获得的转评赞；取本筛选范围内紧急度最高的 1,000 条提及统计。"
    + rival_note
)

st.subheader("导出", anchor=False)
st.caption(
    f"按当前筛选导出（最多 {MAX_ROWS:,} 条，最新优先）；手机号、身份证号、银行卡号、邮箱、"
    "详细地址已按报告的规则脱敏。"
)


def export_rows() -> list[list[object]]:
    """The rows of the current filter, masked."""
    own = own_accounts()
    return [row(m, ctx.config.tz, own) for m in mentions(ctx.index, query)]


stamp = moment.astimezone(ctx.config.tz).strftime("%Y%m%d-%H%M")
buttons = st.columns(2)
buttons[0].download_button(
    "导出 Excel",
    data=lambda: to_xlsx(export_rows()),
    file_name=f"舆情明细-{stamp}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="export-xlsx",
    on_click="ignore",
)
buttons[1].download_button(
    "导出 CSV",
    data=lambda: to_csv(export_rows()),
    file_name=f"舆情明细-{stamp}.csv",
    mime="text/csv",
    icon=":material/download:",
    key="export-csv",
    on_click="ignore",
)
