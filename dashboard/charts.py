"""Light charts drawn as SVG on the server: the browser gets a picture, not a chart library.

A fresh page load with Plotly parses ~4.7 MB of JavaScript and lays the chart out in the
browser; these SVGs render at once (hover text through SVG <title>), which keeps every page
under a second on a busy machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import streamlit as st

from core.escaping import html_text
from core.text_cut import shorten

FONT = 'font-family="sans-serif"'
SERIES = (("负面", "#d64545"), ("中性", "#8a8f98"), ("正面", "#2e9d5b"))
SHARE_COLOUR = "#212529"
BAR_LABEL = 10  # characters of a bar's label that fit left of the bars


@dataclass(frozen=True)
class Mark:
    """A moment to mark on the trend (an alert or event start): time, colour, hover text, and
    the legend name of its kind (预警 marks are triangles, others diamonds)."""

    at: datetime
    colour: str
    text: str
    kind: str = "预警"


def show(markup: str) -> None:
    """Put an SVG chart or HTML table on the page (st.html drops inline SVG; markdown keeps it).

    Inside a <div> the markup is one HTML block, which markdown leaves alone up to the first
    blank line (plain() leaves none); a bare <svg> was read as a paragraph whose text markdown
    parsed: an author named ![](http://…) became an <img> in a hover, a URL a link.
    """
    st.markdown(f"<div>{markup}</div>", unsafe_allow_html=True)


def plain(value: object) -> str:
    """Text inside the SVG or HTML given to show(): HTML-escaped and on one line, so the markup
    stays one HTML block that markdown leaves alone (see show())."""
    return " ".join(html_text(value).split())


def svg(width: int, height: int, body: str, label: str) -> str:
    """An SVG element that scales to the column width."""
    return (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{plain(label)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )


def nice_ceiling(value: float) -> float:
    """A round axis maximum at or above value (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def count_ceiling(value: float) -> int:
    """A round axis maximum for counts whose half (the middle gridline) is a whole number too:
    2, 4, 6, 8, 10, then 20, 50, 100 … (1 and 5 gave gridlines at 0.5 and 2.5)."""
    if value <= 10:
        return max(2, math.ceil(value / 2) * 2)
    return int(nice_ceiling(value))


def text(x: float, y: float, label: str, anchor: str = "start", size: int = 12) -> str:
    """A label in the charts' font (escaped)."""
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}" {FONT} '
        f'fill="#555">{plain(label)}</text>'
    )


def axis_count(value: float) -> str:
    """A count on an axis: whole numbers with separators, halves as 2.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


COUNT_AXIS, SHARE_AXIS = "条数", "占比"  # short: the left margin is 56 px


def grid(left: float, right: float, top: float, plot_h: float, peak: float) -> list[str]:
    """Three gridlines (0, half, full) with counts on the left and shares on the right axis,
    each axis titled above its top label."""
    parts = [text(left - 6, top - 14, COUNT_AXIS, "end"), text(right + 6, top - 14, SHARE_AXIS)]
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.0f}" y2="{y:.0f}" stroke="#e9ecef"/>')
        parts.append(text(left - 6, y + 4, axis_count(peak * fraction), "end"))
        parts.append(text(right + 6, y + 4, f"{fraction:.0%}"))
    return parts


def legend(entries: Sequence[tuple[str, str]], x: float, y: float) -> str:
    """Colour swatches with their labels in one row."""
    parts = []
    for label, colour in entries:
        parts.append(f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="12" height="12" fill="{colour}"/>')
        parts.append(text(x + 16, y, label))
        x += 26 + 14 * len(label)
    return "".join(parts)


WEEK = timedelta(days=7)


def bucket_zh(interval: timedelta) -> str:
    """What a bar of a long range covers (起 7 天), nothing for the short ones."""
    return f" 起 {interval.days} 天" if interval >= WEEK else ""


def trend_svg(
    rows: Sequence[dict[str, Any]], interval: timedelta, marks: Sequence[Mark] = ()
) -> str:
    """Stacked sentiment bars per bucket, the negative share as a line, marks as dashed lines."""
    width, height, left, right, top, bottom = 1000, 320, 56, 56, 34, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(len(rows), 1)
    step = plot_w / count
    peak = count_ceiling(max((r["总量"] for r in rows), default=0))
    kinds = {mark.kind: mark.colour for mark in reversed(marks)}
    parts = [legend([*SERIES, ("负面占比", SHARE_COLOUR), *kinds.items()], left, 16)]
    parts += grid(left, width - right, top, plot_h, peak)
    ticks = max(1, count // 6)
    label_format = "%m-%d" if interval >= timedelta(days=1) else "%m-%d %H:%M"
    bucket_format = "%m-%d %H:%M"
    if interval >= WEEK:  # a year-long range crosses New Year: the ticks name the year
        label_format = bucket_format = "%Y-%m-%d"
    points = []
    bars: dict[str, list[str]] = {label: [] for label, _ in SERIES}  # one path per series
    for index, row in enumerate(rows):
        x = left + index * step
        base = top + plot_h
        shown = [f"{row['time']:{bucket_format}}{bucket_zh(interval)} 共 {row['总量']:,} 条"]
        for label, _ in SERIES:
            value = row[label]
            if value:
                bar = plot_h * value / peak
                base -= bar
                wide, left_x = step * 0.8, x + step * 0.1
                bars[label].append(f"M{left_x:.1f},{base:.1f}h{wide:.1f}v{bar:.1f}h{-wide:.1f}Z")
            shown.append(f"{label} {value:,}")
        share = row["负面占比"]
        if share is not None:
            points.append(f"{x + step / 2:.1f},{top + plot_h * (1 - share):.1f}")
            shown.append(f"负面占比 {share:.0%}")
        parts.append(
            f'<rect x="{x:.1f}" y="{top}" width="{step:.1f}" height="{plot_h}" fill="transparent">'
            f"<title>{plain(' · '.join(shown))}</title></rect>"
        )
        if index % ticks == 0:
            parts.append(text(x + step / 2, height - 10, f"{row['time']:{label_format}}", "middle"))
    parts += [f'<path d="{"".join(bars[label])}" fill="{colour}"/>' for label, colour in SERIES]
    if len(points) > 1:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{SHARE_COLOUR}" '
            'stroke-width="2"/>'
        )
    parts += _marks(rows, interval, marks, (left, top, step, plot_h))
    return svg(width, height, "".join(parts), "情感趋势")


def _marks(
    rows: Sequence[dict[str, Any]],
    interval: timedelta,
    marks: Sequence[Mark],
    frame: tuple[float, float, float, float],
) -> list[str]:
    left, top, step, plot_h = frame
    if not rows:
        return []
    first = rows[0]["time"]
    span = interval * len(rows)
    parts = []
    for mark in marks:
        offset = mark.at - first
        if offset < timedelta() or offset > span:
            continue
        x = left + step * offset / interval
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{mark.colour}"'
            ' stroke-dasharray="3,3"/>'
            f'<path d="{_marker(x, top, mark.kind == "预警")}" '
            f'fill="{mark.colour}"><title>{plain(mark.text)}</title></path>'
        )
    return parts


def _marker(x: float, top: float, triangle: bool) -> str:
    if triangle:
        return f"M{x - 6:.1f},{top - 8} L{x + 6:.1f},{top - 8} L{x:.1f},{top + 2} Z"
    return f"M{x:.1f},{top - 10} L{x + 6:.1f},{top - 4} L{x:.1f},{top + 2} L{x - 6:.1f},{top - 4} Z"


def bars_svg(
    rows: Sequence[tuple[str, float, str]], colour: str, value_format: str = ",.0f"
) -> str:
    """Horizontal bars (label, value, hover text), largest first as given."""
    width, row_h, left, right = 600, 24, 130, 70
    height = max(row_h * len(rows) + 8, 30)
    peak = max((value for _, value, _ in rows), default=0) or 1
    parts = []
    for index, (label, value, hover) in enumerate(rows):
        y = 4 + index * row_h
        bar = (width - left - right) * value / peak
        short = shorten(label, BAR_LABEL)  # hover: all
        parts.append(text(left - 8, y + 16, short, "end", 13))
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{max(bar, 1):.1f}" height="{row_h - 6}" '
            f'fill="{colour}" rx="2"><title>{plain(hover)}</title></rect>'
        )
        parts.append(text(left + bar + 6, y + 16, f"{value:{value_format}}", size=12))
    return svg(width, height, "".join(parts), "条形图")


def html_table(rows: Sequence[dict[str, Any]], formats: dict[str, str] | None = None) -> str:
    """A plain HTML table of dict rows (column order of the first row; values escaped)."""
    if not rows:
        return ""
    formats = formats or {}
    columns = list(rows[0])
    # A name of 300 letters without a space pushed the other columns off the page.
    cell = "padding:4px 10px;border-bottom:1px solid #e9ecef;overflow-wrap:anywhere"

    def shown(column: str, value: Any) -> str:
        if value is None:
            return "—"
        if column in formats:
            return format(value, formats[column])
        return (
            f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
        )

    head = "".join(f'<th style="{cell};text-align:left">{plain(c)}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{cell}">{plain(shown(column, row[column]))}</td>' for column in columns
        )
        + "</tr>"
        for row in rows
    )
    return (
        '<table style="border-collapse:collapse;width:100%;font-size:0.9em">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
