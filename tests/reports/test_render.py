"""Rendered reports: sections, numbers and real chart images in HTML; Chinese text and embedded
CJK fonts in the PDF; an empty week renders a clear "no data" report."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import warnings
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.config import AppConfig
from core.context import Context
from core.enums import SentimentLabel
from core.index import SearchQuery
from reports.charts import cjk_font, report_charts
from reports.config import Period
from reports.period import last_full
from reports.service import GeneratedReport, build_data, generate
from tests.conftest import require
from tests.reports.factories import CURRENT, NOW, PLAN, TZ, WEEK, add_alerts, spread, two_weeks

HEADINGS = [
    "舆情周报",
    "核心指标",
    "需要关注",
    "声量与情感趋势",
    "渠道分布",
    "投诉类别",
    "地区分布",
]
HEADINGS += ["负面话题与典型原声", "预警与危机", "工单处理 KPI", "补救后好评", "说明"]
WINDOW = last_full(Period.WEEKLY, NOW, TZ)


def context(directory: Path) -> Context:
    config = AppConfig.model_validate({"brand": "示例品牌", "timezone": "Asia/Shanghai"})
    return Context(config=config, data_dir=directory, clock=lambda: NOW)


@pytest.fixture(scope="module")
def weekly(tmp_path_factory: pytest.TempPathFactory) -> GeneratedReport:
    """One full weekly report (mentions + alerts), rendered once for the module."""
    ctx = context(tmp_path_factory.mktemp("weekly"))
    ctx.index.upsert_many(two_weeks())
    add_alerts(ctx)
    report = generate(ctx, WINDOW, plan=PLAN)
    ctx.close()
    return report


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> GeneratedReport:
    """The report of a week without a single mention."""
    ctx = context(tmp_path_factory.mktemp("empty"))
    report = generate(ctx, WINDOW)
    ctx.close()
    return report


def pdf_text(path: Path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_files_and_metadata_are_stored(weekly: GeneratedReport) -> None:
    assert weekly.directory.name == f"weekly-2026-11-16-{PLAN}"
    assert (weekly.directory / "report.pdf").read_bytes()[:5] == b"%PDF-"
    meta = json.loads((weekly.directory / "meta.json").read_text("utf-8"))
    assert meta["mentions"] == 40 and meta["reputation"] == 20.6 and meta["period"] == "weekly"


def test_html_has_every_section_and_the_store_numbers(weekly: GeneratedReport) -> None:
    html = (weekly.directory / "report.html").read_text("utf-8")
    for heading in HEADINGS:
        assert heading in html
    tiles = re.findall(r'<div class="tile-value">([^<]+)</div>', html)
    assert tiles == ["40", "50.0%", "20.6", "1"]
    assert "较上周 +100.0%" in html and "较上周 +10.0 个百分点" in html
    assert "138****5678" in html and "13812345678" not in html
    assert "本周预警" in html and "上周未解决" in html
    assert '<th>预警组</th><th class="num">信号</th>' in html  # one line per alert group


def test_regions_count_negative_mentions_with_an_ip_location(
    weekly: GeneratedReport, tmp_path: Path
) -> None:
    ctx = context(tmp_path)
    ctx.index.upsert_many(two_weeks())
    rows = weekly.data.regions
    assert [r.label for r in rows][:3] and set(r.label for r in rows) <= {"广东", "北京", "浙江"}
    for row in rows:
        query = SearchQuery(
            plans=[PLAN],
            regions=[row.key],
            sentiments=[SentimentLabel.NEGATIVE],
            since=WINDOW.start,
            until=WINDOW.end,
        )
        assert row.count == ctx.index.count(query)
    assert sum(r.share for r in rows) == pytest.approx(1.0)  # shares of the located ones
    assert "负面提及地区分布（IP属地）" in weekly.html and "<td>广东</td>" in weekly.html
    ctx.close()


def test_html_numbers_match_store_queries(weekly: GeneratedReport, tmp_path: Path) -> None:
    ctx = context(tmp_path)
    ctx.index.upsert_many(two_weeks())
    data = build_data(ctx, WINDOW, PLAN)
    query = SearchQuery(plans=[PLAN], since=WINDOW.start, until=WINDOW.end)
    assert data.headline.mentions == ctx.index.count(query) == 40
    for row in data.channels:
        channel_query = SearchQuery(
            plans=[PLAN], channels=[row.key], since=WINDOW.start, until=WINDOW.end
        )  # type: ignore[list-item]
        assert row.count == ctx.index.count(channel_query)
        assert f'<td>{row.label}</td><td class="num">{row.count}</td>' in weekly.html
    ctx.close()


def test_charts_are_real_pngs_embedded_in_the_html(weekly: GeneratedReport) -> None:
    assert set(weekly.charts) == {"trend", "channels", "categories", "regions", "alerts"}
    uris = re.findall(r'src="data:image/png;base64,([^"]+)"', weekly.html)
    assert len(uris) == 5
    for uri in uris:
        png = base64.b64decode(uri)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_chart_labels_use_a_cjk_font_without_missing_glyphs(weekly: GeneratedReport) -> None:
    require(cjk_font() is not None, "no CJK font installed (fonts-noto-cjk)")
    assert cjk_font() == "Noto Sans CJK SC"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report_charts(weekly.data)
    assert not [w for w in caught if "missing from" in str(w.message)]


def test_pdf_has_chinese_sections_and_embedded_cjk_font(weekly: GeneratedReport) -> None:
    text = pdf_text(weekly.directory / "report.pdf")
    for heading in HEADINGS:
        assert heading in text
    assert "口碑指数" in text and "20.6" in text
    require(shutil.which("pdffonts") is not None, "pdffonts (poppler-utils) not installed")
    fonts = subprocess.run(
        ["pdffonts", str(weekly.directory / "report.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    require(bool(cjk) or "Noto" in fonts, "no CJK font embedded (install fonts-noto-cjk)")
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the 'emb' column


def test_pdf_has_several_pages_with_images(weekly: GeneratedReport) -> None:
    require(shutil.which("pdfimages") is not None, "pdfimages (poppler-utils) not installed")
    listing = subprocess.run(
        ["pdfimages", "-list", str(weekly.directory / "report.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len([line for line in listing.splitlines()[2:] if line.strip()]) >= 4


def test_empty_week_renders_a_no_data_report(empty: GeneratedReport) -> None:
    assert empty.data.empty and empty.charts == {}
    assert "本周无数据" in empty.html and "期间没有监测到任何提及" in empty.html
    for heading in HEADINGS:
        assert heading in empty.html
    text = pdf_text(empty.directory / "report.pdf")
    assert "本周无数据" in text and "核心指标" in text


def test_a_first_week_compares_with_nothing(tmp_path: Path) -> None:
    """The first week of monitoring: no "+47.1 pp" rises against an empty week, no red cells,
    no 需要关注 item claiming a category rose (the change column says —)."""
    ctx = context(tmp_path)
    ctx.index.upsert_many(spread(CURRENT, WEEK, "cur"))
    report = generate(ctx, WINDOW, plan=PLAN)
    ctx.close()
    assert report.data.headline.prev_mentions == 0 and report.data.categories
    tables = re.findall(r'<table class="data">(.*?)</table>', report.html, re.S)[:3]
    assert len(tables) == 3  # channels, categories, regions
    for table in tables:
        assert " pp<" not in table and 'class="num bad"' not in table
        assert table.count('<td class="num">—</td>') + table.count('<td class="num ">—</td>') > 0
    assert "category_share_rise" not in {item.rule for item in report.data.attention}


def test_urgency_speaks_the_labels_of_core_enums(weekly: GeneratedReport) -> None:
    """一般/较重/严重/紧急 everywhere (not 低/中/高), and the 食品安全 item, tagged 紧急 for its
    subject, does not read as a count of 紧急 mentions."""
    html = weekly.html
    assert "按紧急程度加权（一般 1、较重 2、严重 4、紧急 8；未评分的计 1）" in html
    assert "低 1" not in html and "高 4" not in html
    items = {item.rule: item.text for item in weekly.data.attention}
    assert items["critical_mentions"].startswith("本周有 1 条紧急程度为「紧急」的提及")
    assert items["safety_complaints"].startswith(
        "「食品安全/人身安全」类负面提及 1 条（不论单条紧急程度）"
    )
    assert "<b>紧急提及</b> = 紧急程度为「紧急」的提及" in html


def test_alerts_timeline_of_an_unfinished_day_ends_now_on_round_hours() -> None:
    """Run at 15:20: the open alert's bar stops at 15:20, not 24:00; ticks fall on whole hours
    (00:00, 03:00 …), not 03:12, 08:00, 12:48."""
    from matplotlib.dates import num2date

    from reports.charts import timeline_figure
    from reports.workflow_rows import AlertRow

    day = datetime(2026, 12, 3, tzinfo=TZ)
    now = day + timedelta(hours=15, minutes=20)
    row = AlertRow(day - timedelta(minutes=1), "critical", "spike", "食品安全", "open")
    fig = timeline_figure([row], day, now)
    ax = fig.axes[0]
    assert num2date(ax.get_xlim()[1], tz=TZ) == now
    bar = ax.patches[0]
    assert num2date(bar.get_x() + bar.get_width(), tz=TZ) == now
    ticks = [num2date(t, tz=TZ) for t in ax.get_xticks()]
    assert len(ticks) >= 3 and all(t.minute == 0 and t.second == 0 for t in ticks)
    full = timeline_figure([row], day, day + timedelta(days=1)).axes[0]
    assert all(num2date(t, tz=TZ).minute == 0 for t in full.get_xticks())


def test_the_report_draws_an_unfinished_day_up_to_now() -> None:
    from reports.charts import timeline_span
    from reports.period import resolve_window

    early = datetime(2026, 12, 3, 0, 25, tzinfo=TZ)
    today = resolve_window(Period.DAILY, early.date(), None, early, TZ)
    assert timeline_span(today) == (today.start, early)
    assert timeline_span(last_full(Period.DAILY, early, TZ))[1] == today.start  # all of 12-02


def test_the_time_zone_is_named_as_readers_know_it(weekly: GeneratedReport) -> None:
    """说明 says 北京时间, not the IANA name Asia/Shanghai."""
    assert "时间按北京时间计" in weekly.html and "Asia/Shanghai" not in weekly.html


def test_the_trend_names_its_time_zone_and_marks_the_unfinished_day() -> None:
    """This week at Thursday 12:36: Thursday's short bar says 截至 12:36 (an unfinished day,
    not a quiet one); both time axes say they are in 北京时间."""
    from reports.charts import timeline_figure, trend_figure
    from reports.models import TrendPoint
    from reports.period import resolve_window
    from reports.workflow_rows import AlertRow

    now = datetime(2026, 12, 3, 12, 36, tzinfo=TZ)
    week = resolve_window(Period.WEEKLY, datetime(2026, 11, 30).date(), None, now, TZ)
    points = [TrendPoint(week.start + timedelta(days=i), negative=9 - i) for i in range(4)]
    ax = trend_figure(points, week).axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[-1] == "12-03\n周四\n截至 12:36" and labels[-2] == "12-02\n周三"
    assert ax.get_xlabel() == "日期（北京时间）"
    row = AlertRow(now - timedelta(hours=1), "critical", "spike", "食品安全", "open")
    timeline = timeline_figure([row], week.start, week.cutoff).axes[0]
    assert "北京时间" in timeline.get_xlabel()
    done = last_full(Period.DAILY, now, TZ)
    hours = [TrendPoint(done.start + timedelta(hours=i)) for i in range(24)]
    ax = trend_figure(hours, done).axes[0]
    assert ax.get_xlabel() == "小时（北京时间）"
    assert "截至" not in ax.get_xticklabels()[-1].get_text()  # a finished day


def test_days_before_monitoring_began_are_drawn_as_not_monitored(tmp_path: Path) -> None:
    """Monitoring began on Wednesday 08:00: Monday and Tuesday are one hatched 未监测 column
    pair without a negative-share point, not two bars of 0 that read as quiet days; Wednesday
    on is drawn as counted, Wednesday's label saying since when it was watched."""
    from reports.charts import trend_figure

    ctx = context(tmp_path)
    ctx.index.upsert_many(spread(CURRENT, WEEK + timedelta(days=2), "cur"))
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()
    assert [p.monitored for p in data.trend] == [False, False, True, True, True, True, True]
    fig = trend_figure(data.trend, data.window)
    ax, share_ax = fig.axes
    labels = [t for t in ax.texts if t.get_text() == "未监测"]
    assert len(labels) == 1 and labels[0].get_position()[0] == 0.5  # centred over Mon–Tue
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1
    span = hatched[0]
    assert (span.get_x(), span.get_x() + span.get_width()) == pytest.approx((-0.45, 1.45))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[1:4] == ["11-17\n周二", "11-18\n周三\n监测自 08:00", "11-19\n周四"]
    shares = share_ax.lines[0].get_ydata()
    assert all(s != s for s in shares[:2]) and all(s == s for s in shares[2:])  # NaN: no point


def test_a_crisis_of_the_last_hours_is_drawn_zoomed_in() -> None:
    """This week at Thursday 15:20, alerts since 14:32: on the 3½-day axis they would be a
    sliver at the right edge; a second panel spans 14:20 to just past 15:20 on round
    ticks, the first signal well inside it, the end of counting marked."""
    from matplotlib.dates import num2date

    from reports.charts import timeline_figure
    from reports.period import resolve_window
    from reports.workflow_rows import AlertRow

    now = datetime(2026, 12, 3, 15, 20, tzinfo=TZ)
    week = resolve_window(Period.WEEKLY, datetime(2026, 11, 30).date(), None, now, TZ)
    rows = [
        AlertRow(now - timedelta(minutes=48), "critical", "urgent", "食品安全", "open"),
        AlertRow(now - timedelta(minutes=20), "high", "spike", "声量突增", "open"),
    ]
    fig = timeline_figure(rows, week.start, week.cutoff)
    overview, detail = fig.axes
    assert num2date(overview.get_xlim()[1], tz=TZ) == now  # the whole week, up to now
    left, right = (num2date(x, tz=TZ) for x in detail.get_xlim())
    assert left == datetime(2026, 12, 3, 14, 20, tzinfo=TZ) and now < right < now + timedelta(
        minutes=10
    )
    first = min(p.get_x() for p in detail.patches)
    assert (first - detail.get_xlim()[0]) / (detail.get_xlim()[1] - detail.get_xlim()[0]) < 0.5
    ticks = [num2date(t, tz=TZ) for t in detail.get_xticks()]
    assert len([t for t in ticks if left <= t <= right]) >= 3
    assert all(t.second == 0 and t.minute % 5 == 0 for t in ticks)
    assert "放大：12-03 14:20 至 12-03 15:20" in detail.get_xlabel()
    spread_out = [AlertRow(week.start + timedelta(hours=5), "high", "spike", "早", "open"), *rows]
    assert len(timeline_figure(spread_out, week.start, week.cutoff).axes) == 1
