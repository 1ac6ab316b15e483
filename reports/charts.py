"""Matplotlib charts of a report as PNG bytes, drawn with a CJK font so labels never show tofu."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from core.enums import Severity
from core.timeutil import zone_zh
from reports.models import ReportData, ShareRow, TrendPoint
from reports.period import ReportWindow
from reports.workflow_rows import AlertRow, IncidentRow

log = logging.getLogger(__name__)

CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
]
DPI = 150
NEGATIVE, NEUTRAL, POSITIVE, OTHER = "#d64545", "#a0a7b4", "#3c9d5d", "#dfe3ea"
CURRENT, PREVIOUS = "#2f5d9e", "#b8c7de"
UNMONITORED = "#c3c9d2"
WEEKDAYS_ZH = "一二三四五六日"


@cache
def cjk_font() -> str | None:
    """The first installed CJK font family, configured as matplotlib's sans-serif default."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        log.warning("报告：未找到中文字体（请安装 fonts-noto-cjk），图表中的中文将无法显示")
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [*CJK_FONTS, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return found


def _figure(height: float) -> tuple[Figure, plt.Axes]:
    cjk_font()
    fig, ax = plt.subplots(figsize=(7.4, height), dpi=DPI)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#eceff3", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def _tick_label(start: datetime, hourly: bool) -> str:
    if hourly:
        return f"{start.hour:02d}"
    return f"{start:%m-%d}\n周{WEEKDAYS_ZH[start.weekday()]}"


def trend_chart(points: list[TrendPoint], window: ReportWindow) -> bytes:
    """Stacked bars of mentions by sentiment per bucket, with the negative share as a line."""
    return _png(trend_figure(points, window))


def trend_labels(points: list[TrendPoint], window: ReportWindow) -> list[str]:
    """One tick label per bucket; the bucket still running says up to when it is counted, the
    one monitoring started in since when (a short bar there is no quiet day)."""
    hourly = window.days == 1
    labels = [_tick_label(p.start, hourly) for p in points]
    for i, point in enumerate(points):
        if point.monitored_from is not None:  # a short bar: watched only from then on
            labels[i] += f"\n监测自 {point.monitored_from.astimezone(window.tz):%H:%M}"
    if points and window.in_progress and window.cutoff < points[-1].start + window.bucket:
        labels[-1] += f"\n截至 {window.cutoff.astimezone(window.tz):%H:%M}"
    return labels


def trend_figure(points: list[TrendPoint], window: ReportWindow) -> Figure:
    """The figure of `trend_chart`, its time axis named in the window's zone."""
    tz_hourly = window.days == 1
    fig, ax = _figure(2.9)
    xs = list(range(len(points)))
    bottom = [0] * len(points)
    for attr, color, label in (
        ("negative", NEGATIVE, "负面"),
        ("neutral", NEUTRAL, "中性"),
        ("positive", POSITIVE, "正面"),
        ("unclassified", OTHER, "未分类"),
    ):
        values = [getattr(p, attr) for p in points]
        if attr == "unclassified" and not any(values):
            continue
        ax.bar(xs, values, bottom=bottom, color=color, width=0.7, label=label)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = max(1, len(points) // 16)
    ax.set_xticks(xs[::step])
    ax.set_xticklabels(trend_labels(points, window)[::step], fontsize=7)
    ax.set_xlabel(f"{'小时' if tz_hourly else '日期'}（{zone_zh(window.tz)}）", fontsize=8)
    ax.set_ylabel("提及量", fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _mark_unmonitored(ax, points)
    share_ax = ax.twinx()
    shares = [
        p.negative / p.total * 100 if p.total and p.monitored else float("nan") for p in points
    ]
    share_ax.plot(xs, shares, color="#7a1f1f", marker="o", markersize=3, linewidth=1.2)
    share_ax.set_ylim(0, 100)
    share_ax.set_ylabel("负面占比 %", fontsize=8)
    share_ax.tick_params(labelsize=7)
    share_ax.spines[["top"]].set_visible(False)
    ax.legend(fontsize=7, ncol=4, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False)
    return fig


def unmonitored_runs(points: list[TrendPoint]) -> list[tuple[int, int]]:
    """(first, last) bucket index of each run of buckets that ended before monitoring began."""
    runs: list[tuple[int, int]] = []
    for i, point in enumerate(points):
        if point.monitored:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _mark_unmonitored(ax: plt.Axes, points: list[TrendPoint]) -> None:
    """Grey hatched columns labelled 未监测 over the buckets before monitoring began: their
    empty bars are no quiet days."""
    runs = unmonitored_runs(points)
    for first, last in runs:
        ax.axvspan(
            first - 0.45, last + 0.45, facecolor="#f1f3f6", edgecolor=UNMONITORED,
            hatch="///", linewidth=0, zorder=0,
        )  # fmt: skip
        ax.text(
            (first + last) / 2, 0.5, "未监测", transform=ax.get_xaxis_transform(),
            ha="center", va="center", fontsize=8, color="#5b6675",
            rotation=90 if first == last else 0,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
        )  # fmt: skip
    if runs and not any(p.total for p in points if p.monitored):
        ax.set_ylim(0, 1)  # nothing monitored yet: an axis to draw the columns on


def share_chart(rows: list[ShareRow], current: str, previous: str | None, limit: int = 8) -> bytes:
    """Horizontal bars: share of each value in the reported vs the comparison period (only the
    reported one when previous is None: the comparison period is too thin to compare)."""
    shown = list(reversed(rows[:limit]))
    fig, ax = _figure(0.34 * len(shown) + 0.9)
    ys = list(range(len(shown)))
    if previous is not None:
        ax.barh(
            [y + 0.2 for y in ys],
            [r.prev_share * 100 for r in shown],
            0.38,
            color=PREVIOUS,
            label=previous,
        )
    ax.barh(
        [y - 0.2 for y in ys], [r.share * 100 for r in shown], 0.38, color=CURRENT, label=current
    )
    for y, row in zip(ys, shown, strict=True):
        ax.text(
            row.share * 100 + 0.8,
            y - 0.2,
            f"{row.share * 100:.1f}%（{row.count}）",
            fontsize=7,
            va="center",
        )
    ax.set_yticks(ys)
    # Labels are post data (a region written "$\foo{$" made mathtext raise: no report at all).
    ax.set_yticklabels([r.label for r in shown], fontsize=8, parse_math=False)
    prev_shares = [r.prev_share for r in shown] if previous is not None else []
    top = max([r.share for r in shown] + prev_shares + [0.01]) * 100
    ax.set_xlim(0, min(100.0, top * 1.3 + 5))
    ax.set_xlabel("占比 %", fontsize=8)
    ax.legend(fontsize=7, ncol=2, loc="lower right", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _png(fig)


_LANE_LABELS = [level.label_zh for level in Severity]
_LANE_COLORS = ["#7f8c9d", "#e0a126", "#e06c26", NEGATIVE]


def alerts_timeline(
    rows: Sequence[AlertRow | IncidentRow], start: datetime, end: datetime
) -> bytes:
    """One bar per alert group (or alert) from first signal to resolution, laned by severity;
    `end` is now for a period still in progress (an open alert's bar stops there)."""
    return _png(timeline_figure(rows, start, end))


def timeline_figure(
    rows: Sequence[AlertRow | IncidentRow], start: datetime, end: datetime
) -> Figure:
    """The figure of `alerts_timeline`: ticks on round hours (or days) in the window's zone.
    When the alerts all fall into the last stretch of the period (a crisis of the last hours
    of a week), a second panel below zooms in on that stretch: on the whole week its hours
    were a sliver at the right edge."""
    focus = focus_start(rows, start, end)
    if focus is None:
        fig, ax = _figure(2.2)
        _draw_timeline(ax, rows, start, end, end)
        ax.set_xlabel(f"预警组首次触发至解决（{_zone(start)}）", fontsize=8)
        return fig
    fig, (ax, detail) = plt.subplots(
        2, 1, figsize=(7.4, 4.0), dpi=DPI, gridspec_kw={"height_ratios": [1, 1.3]}
    )
    for axes in (ax, detail):
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(labelsize=8)
    _draw_timeline(ax, rows, start, end, end)
    ax.axvspan(date2num(focus), date2num(end), color="#f0b45a", alpha=0.35, linewidth=0)
    ax.set_xlabel(f"整个报告期（{_zone(start)}），橙色为下方放大的时段", fontsize=8)
    # A margin after the end: the last signals are not drawn against the frame.
    margin = (end - focus) * 0.04
    _draw_timeline(detail, rows, focus, end, end + margin)
    detail.axvline(date2num(end), color="#5b6675", linewidth=0.8, linestyle="--")
    detail.set_xlabel(
        f"放大：{focus.astimezone(start.tzinfo):%m-%d %H:%M} 至 "
        f"{end.astimezone(start.tzinfo):%m-%d %H:%M}（{_zone(start)}），虚线为统计截止",
        fontsize=8,
    )
    return fig


# Alerts whose signals all fall into the last fifth of the period are drawn zoomed in too.
FOCUS_SHARE = 0.2
_FOCUS_PAD = 0.25  # of the focused stretch, shown before its first signal (10 minutes at least)
# The zoomed panel starts on a round time: every 5 minutes up to an hour, … every 3 hours.
_ROUND_MINUTES = ((timedelta(hours=1), 5), (timedelta(hours=3), 15), (timedelta(hours=12), 60))


def began(row: AlertRow | IncidentRow) -> datetime:
    """When an alert or alert group began: its first post when raised after the fact."""
    return row.started_at or row.opened_at


def focus_start(
    rows: Sequence[AlertRow | IncidentRow], start: datetime, end: datetime
) -> datetime | None:
    """Where the zoomed panel starts (on a round time a little before the first signal), or
    None when the signals are spread over the period (the whole-period axis shows them well)."""
    if not rows or end <= start:
        return None
    first = max(min(began(r) for r in rows), start)
    span = end - first
    if span > (end - start) * FOCUS_SHARE:
        return None
    padded = (first - max(span * _FOCUS_PAD, timedelta(minutes=10))).astimezone(start.tzinfo)
    step = next((m for limit, m in _ROUND_MINUTES if span <= limit), 180)
    minutes = padded.hour * 60 + padded.minute
    rounded = padded.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
        minutes=minutes - minutes % step
    )
    return max(rounded, start)


def _draw_timeline(
    ax: plt.Axes,
    rows: Sequence[AlertRow | IncidentRow],
    start: datetime,
    end: datetime,
    right: datetime,
) -> None:
    """Bars from first signal to resolution (or `end`), laned by severity, on [start, right]."""
    tz = start.tzinfo
    ax.grid(axis="y", color="#eceff3", linewidth=0.8)
    ax.set_axisbelow(True)
    for row in rows:
        lane = Severity(row.severity).rank
        if (row.resolved_at or end) < start:
            continue
        opened = max(began(row), start).astimezone(tz)
        closed = min(row.resolved_at or end, end).astimezone(tz)
        left, right_edge = date2num(opened), date2num(closed)
        width = max(right_edge - left, (date2num(end) - date2num(start)) / 200)
        ax.barh(lane, width, left=left, height=0.5, color=_LANE_COLORS[lane], alpha=0.85)
        ax.plot([left], [lane], marker="|", color="#333333", markersize=9)
    ax.set_yticks(range(4))
    ax.set_yticklabels(_LANE_LABELS, fontsize=8)
    ax.set_ylim(-0.6, 3.6)
    ax.set_xlim(date2num(start), date2num(right))
    days = (right - start) / timedelta(days=1)
    ax.xaxis.set_major_locator(AutoDateLocator(tz=tz, minticks=3, maxticks=9))
    ax.xaxis.set_major_formatter(DateFormatter("%H:%M" if days <= 1 else "%m-%d", tz=tz))
    ax.grid(axis="x", color="#eceff3", linewidth=0.8)


def _zone(start: datetime) -> str:
    return zone_zh(start.tzinfo) if start.tzinfo else "UTC"


def timeline_span(window: ReportWindow) -> tuple[datetime, datetime]:
    """The alert timeline's range: the period, ending at now while it is in progress (no bar
    runs into hours that have not come yet); one not yet begun shows its first hour."""
    if window.cutoff > window.start:
        return window.start, window.cutoff
    return window.start, window.start + timedelta(hours=1)


def report_charts(data: ReportData) -> dict[str, bytes]:
    """Every chart the report shows, keyed by name (absent when there is nothing to draw)."""
    window = data.window

    def previous(rows: list[ShareRow]) -> str | None:
        return None if data.table_withheld(rows) else window.previous_zh

    charts: dict[str, bytes] = {}
    if not data.empty:
        charts["trend"] = trend_chart(data.trend, window)
        charts["channels"] = share_chart(data.channels, window.current_zh, previous(data.channels))
    if any(r.count for r in data.categories):
        cats = data.categories
        charts["categories"] = share_chart(cats, window.current_zh, previous(cats))
    if data.regions:
        charts["regions"] = share_chart(data.regions, window.current_zh, previous(data.regions), 10)
    if data.rivals is not None and any(r.count for r in data.rivals.voice):
        voice = data.rivals.voice
        charts["rivals"] = share_chart(voice, window.current_zh, previous(voice))
    if data.alerts.rows:
        charts["alerts"] = alerts_timeline(data.alerts.incidents, *timeline_span(window))
    return charts
