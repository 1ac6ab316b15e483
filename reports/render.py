"""Render a report: Jinja2 HTML (charts as data URIs or cid: links) and a weasyprint PDF."""

from __future__ import annotations

import base64
import logging
from datetime import datetime, timedelta, tzinfo
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from core.enums import SEVERITY_LABELS_ZH, Severity
from core.timeutil import duration_zh, zone_zh
from reports.models import Metric, MetricKind, ReportData
from reports.reputation import URGENCY_WEIGHTS

TEMPLATES = Path(__file__).parent / "templates"
DASH = "—"


def pct(value: float | None) -> str:
    """0.123 → 12.3%."""
    return DASH if value is None else f"{value * 100:.1f}%"


def pp(value: float | None) -> str:
    """Signed percentage points, as the tiles and 需要关注 write them: +3.2 个百分点."""
    return DASH if value is None else f"{value:+.1f} 个百分点"


def num(value: float | None) -> str:
    """Thousands separators, — for None."""
    return DASH if value is None else f"{value:,.0f}"


def duration(value: timedelta | None) -> str:
    """3 天 4 小时 / 2 小时 15 分 / 35 分钟 (core.timeutil.duration_zh), — when unknown."""
    return DASH if value is None else duration_zh(value)


def score(value: float | None) -> str:
    """A 1–5 satisfaction mean: 4.2 / 5."""
    return DASH if value is None else f"{value:.1f} / 5"


def metric_value(metric: Metric, previous: bool = False) -> str:
    """A headline metric formatted by kind."""
    value = metric.previous if previous else metric.current
    if value is None:
        return DASH
    if metric.kind == MetricKind.SHARE:
        return pct(value)
    if metric.kind == MetricKind.INDEX:
        return f"{value:.1f}"
    return num(value)


@cache
def environment() -> Environment:
    """The Jinja2 environment with the report filters (autoescaped, strict)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        pct=pct, pp=pp, num=num, score=score, duration=duration, metric_value=metric_value
    )
    return env


def data_uris(charts: dict[str, bytes]) -> dict[str, str]:
    """Charts embedded in the document itself (file, dashboard, PDF)."""
    return {
        name: "data:image/png;base64," + base64.b64encode(png).decode()
        for name, png in charts.items()
    }


def cid_links(charts: dict[str, bytes]) -> dict[str, str]:
    """Charts referenced as inline MIME parts (mail clients block data URIs)."""
    return {name: f"cid:{content_id(name)}" for name in charts}


def content_id(name: str) -> str:
    """The Content-ID of a chart in the report e-mail."""
    return f"chart-{name}@yuqing"


def render_html(
    data: ReportData, chart_srcs: dict[str, str], tz: tzinfo, sla_target: float = 0.9
) -> str:
    """The report as one self-contained HTML document."""

    def local(value: datetime | None) -> str:
        return DASH if value is None else value.astimezone(tz).strftime("%m-%d %H:%M")

    template = environment().get_template("report.html.j2")
    return template.render(
        d=data,
        w=data.window,
        brand=data.brand,
        charts=_Charts(chart_srcs),
        generated=data.generated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        severity_zh=SEVERITY_LABELS_ZH,
        sla_target=sla_target,
        tz_name=zone_zh(tz),
        prev_label=_prev_label(data),
        urgency_weights=urgency_weights(),
        local=local,
    )


def urgency_weights() -> str:
    """The reputation index's weights under the urgency labels of core.enums: 一般 1、较重 2…"""
    return "、".join(f"{level.label_zh} {URGENCY_WEIGHTS[level]}" for level in Severity)


class _Charts(dict[str, str]):
    """Chart sources; a missing chart is an empty string so templates can test it."""

    def __getattr__(self, name: str) -> str:
        return self.get(name, "")


def _prev_label(data: ReportData) -> str:
    window = data.window
    if window.in_progress:
        first, end = window.prev_start.astimezone(window.tz), window.prev_end.astimezone(window.tz)
        return f"{first:%Y-%m-%d %H:%M} 至 {end:%Y-%m-%d %H:%M}"
    last = (window.start - timedelta(days=1)).date()
    if last == window.prev_first_day:
        return last.isoformat()
    return f"{window.prev_first_day.isoformat()} 至 {last.isoformat()}"


def render_pdf(html: str) -> bytes:
    """The HTML rendered to PDF by weasyprint (fonts found through fontconfig, subset-embedded)."""
    # weasyprint and fontTools log every subsetting step at INFO/WARNING; keep the CLI quiet.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
