"""Comparisons with the previous period only where it means something: never against a
period that was not (fully) monitored or rests on a handful of mentions, and an unfinished
period is compared with the same stretch of the previous one."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from typer.testing import CliRunner

from app.config import AppConfig
from core.context import Context
from core.models import Mention
from reports.charts import report_charts
from reports.cli import report_app
from reports.comparison import MIN_BASE
from reports.config import Period
from reports.data import monitoring_since
from reports.period import last_full
from reports.render import data_uris, render_html
from reports.service import build_data
from tests.reports.factories import (
    CURRENT,
    NOW,
    PLAN,
    PREV_WEEK,
    PREVIOUS,
    TZ,
    WEEK,
    mention,
    spread,
)

WINDOW = last_full(Period.WEEKLY, NOW, TZ)
CHANGE = re.compile(r"[+-]\d+\.\d+(%| 个百分点| pp)")


def context(directory: Path) -> Context:
    config = AppConfig.model_validate({"brand": "示例品牌", "timezone": "Asia/Shanghai"})
    return Context(config=config, data_dir=directory, clock=lambda: NOW)


def report_html(tmp_path: Path, before: list[datetime]) -> tuple[str, list[str]]:
    """The weekly report of the reported week plus one mention at each of `before`."""
    ctx = context(tmp_path)
    extra = [mention(PREVIOUS[0], i, at, tag="early") for i, at in enumerate(before)]
    ctx.index.upsert_many(spread(CURRENT, WEEK, "cur") + extra)
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()
    return render_html(data, data_uris(report_charts(data)), TZ), [i.rule for i in data.attention]


def tiles(html: str) -> list[str]:
    return re.findall(r'<div class="tile-change [a-z]+">([^<]+)</div>', html)


def test_monitoring_that_began_at_the_end_of_last_week_is_not_compared(tmp_path: Path) -> None:
    """Two mentions in the last minutes of the previous week (monitoring started then): no
    +1900 %, no "是上周的 20.0 倍", no share changes — and the report says why."""
    html, rules = report_html(tmp_path, [WEEK - timedelta(minutes=3), WEEK - timedelta(minutes=2)])
    assert tiles(html) == ["上周监测不完整，不作比较"] * 4
    assert "监测自 2026-11-15 23:57 开始，此前未监测：上周（11-09 至 11-15）数据不完整" in html
    assert not CHANGE.search(html)
    assert html.count("占比变化：上周监测不完整，不作比较。") == 3  # channels, categories, regions
    assert not {"volume_spike", "negative_share_rise", "category_share_rise"} & set(rules)
    assert "（对比上周）" not in html


def test_a_thin_previous_week_is_not_compared(tmp_path: Path) -> None:
    """Monitored all along, but only 1 mention last week: shares say "上周仅 1 条，不作比较",
    counts change in 条 (0 → 1 紧急提及 is "+1 条", never "新增" or a percentage)."""
    html, rules = report_html(
        tmp_path, [PREV_WEEK - timedelta(days=30), PREV_WEEK + timedelta(days=2)]
    )
    shares = ["上周仅 1 条，不作比较"] * 2
    assert tiles(html) == ["较上周 +39 条", *shares, "较上周 +1 条"]
    assert "监测自" not in html and not CHANGE.search(html)
    assert "占比变化：上周仅 1 条，不作比较。" in html
    assert not {"volume_spike", "negative_share_rise", "category_share_rise"} & set(rules)


def test_a_previous_week_of_min_base_mentions_is_compared(tmp_path: Path) -> None:
    early = [PREV_WEEK - timedelta(days=30)]
    early += [PREV_WEEK + timedelta(hours=i) for i in range(MIN_BASE)]
    html, _ = report_html(tmp_path, early)
    assert tiles(html)[0] == "较上周 +100.0%"  # 40 against 20


def test_the_first_week_of_monitoring_says_so(tmp_path: Path) -> None:
    """Nothing was monitored last week: no change, and no "上周 0" that reads as a quiet week."""
    html, _ = report_html(tmp_path, [])
    assert "监测自 2026-11-16 08:00 开始，此前未监测：本周数字只含此后的提及" in html
    # said once per tile (上周尚无监测数据，不作比较 above 上周未监测 said it twice)
    assert tiles(html) == ["不作比较"] * 4
    assert re.findall(r'<div class="tile-prev">([^<]+)</div>', html) == ["上周未监测"] * 4
    assert '<td class="num">—</td><td class="num' in html and "上周 0" not in html
    recovery = re.findall(r'<p class="recovery-count">(.*?)</p>', html)
    assert recovery == ['本周 <b>0</b> 条（<span class="flat">上周尚无监测数据，不作比较</span>）']


def write_config(tmp_path: Path) -> Path:
    path = tmp_path / "yuqing.yaml"
    config = {"brand": "示例品牌", "timezone": "Asia/Shanghai", "plans": []}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def test_an_unfinished_day_is_compared_with_the_same_hours_of_the_day_before(
    tmp_path: Path,
) -> None:
    """`report daily --from <today>` at 10:00: 30 mentions so far against the 25 of yesterday
    until 10:00 (+20.0 %), not against all of yesterday's 65 (−53.8 %); it says so."""
    config, data_dir, out = write_config(tmp_path), tmp_path / "var", tmp_path / "out"
    today = datetime(2026, 11, 23, tzinfo=TZ)
    yesterday = today - timedelta(days=1)
    spec = replace(PREVIOUS[3], n=1)
    made = [mention(spec, 0, yesterday - timedelta(days=20), tag="old")]
    made += [mention(spec, i, yesterday + timedelta(minutes=20 * i), tag="y") for i in range(25)]
    made += [
        mention(spec, i, yesterday + timedelta(hours=14, minutes=i), tag="z") for i in range(40)
    ]
    made += [mention(spec, i, today + timedelta(minutes=15 * i), tag="t") for i in range(30)]
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(made)
    ctx.close()
    args = ["daily", "--from", "2026-11-23", "--now", "2026-11-23T10:00"]
    args += ["--config", str(config), "--data-dir", str(data_dir), "--out", str(out)]
    result = CliRunner().invoke(report_app, args)
    assert result.exit_code == 0, result.output
    assert "30 条提及" in result.output
    html = (out / "report.html").read_text("utf-8")
    assert "截至 2026-11-23 10:00，本日尚未结束" in html
    assert "与前一日同时段（11-22 00:00 至 11-22 10:00）比较" in html
    assert tiles(html)[0] == "较前一日同时段 +20.0%"
    assert "前一日同时段为 2026-11-22 00:00 至 2026-11-22 10:00" in html


def test_share_changes_read_in_chinese(tmp_path: Path) -> None:
    early = [PREV_WEEK - timedelta(days=30)]
    early += [PREV_WEEK + timedelta(hours=i) for i in range(MIN_BASE)]
    html, _ = report_html(tmp_path, early)
    cells = re.findall(r'<td class="num ?[a-z]*">([+-]\d+\.\d [^<]*)</td>', html)
    assert cells and all(c.endswith(" 个百分点") for c in cells)
    assert " pp<" not in html


def test_a_quiet_week_compares_counts_but_not_shares_of_a_handful(tmp_path: Path) -> None:
    """2 mentions this week after 40 (+1 earlier) last week: the fall of the volume is news
    (−95.0 %), but a negative share or reputation index of 2 mentions is not a trend (no
    "−13.3 个百分点" in green), nor are channel shares of 2 posts."""
    ctx = context(tmp_path)
    quiet = [mention(CURRENT[0], 0, WEEK + timedelta(days=1), tag="q")]
    quiet += [mention(PREVIOUS[3], 1, WEEK + timedelta(days=2), tag="q")]
    before = spread(CURRENT, PREV_WEEK, "prev")
    before += [mention(PREVIOUS[0], 0, PREV_WEEK - timedelta(days=30), tag="old")]
    ctx.index.upsert_many(quiet + before)
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()
    html = render_html(data, data_uris(report_charts(data)), TZ)
    assert tiles(html)[:3] == ["较上周 -95.0%", "本周仅 2 条，不作比较", "本周仅 2 条，不作比较"]
    assert "占比变化：本周仅 2 条，不作比较。" in html  # channels
    assert "占比变化：本周仅 1 条，不作比较。" in html  # categories of the 1 negative mention
    assert not re.search(r"[+-]\d+\.\d 个百分点", html)


def late_find(published: datetime, collected: datetime, i: int = 0) -> Mention:
    """An old post a crawl came upon later (an old forum thread)."""
    return mention(PREVIOUS[1], i, published, tag="thread", collected=collected)


def since_and_html(tmp_path: Path, extra: list[Mention], **config: object) -> tuple[object, str]:
    raw = {"brand": "示例品牌", "timezone": "Asia/Shanghai", **config}
    ctx = Context(config=AppConfig.model_validate(raw), data_dir=tmp_path, clock=lambda: NOW)
    ctx.index.upsert_many(spread(CURRENT, WEEK, "cur") + extra)
    data = build_data(ctx, WINDOW, PLAN)
    since = monitoring_since(ctx.index, [PLAN])
    ctx.close()
    return since, render_html(data, data_uris(report_charts(data)), TZ)


def test_an_old_thread_collected_later_does_not_start_monitoring(tmp_path: Path) -> None:
    """Monitoring began with this week (first post 11-16 08:00, collected live); a forum thread
    of last Wednesday, crawled on this Thursday, is a late find: last week still reads as not
    monitored, not as "监测不完整" resting on that one post."""
    thread = late_find(PREV_WEEK + timedelta(days=2), WEEK + timedelta(days=3))
    since, html = since_and_html(tmp_path, [thread])
    assert since == WEEK + timedelta(hours=8)
    assert "监测自 2026-11-16 08:00 开始，此前未监测" in html
    assert tiles(html) == ["不作比较"] * 4


def test_a_backfilled_post_starts_monitoring(tmp_path: Path) -> None:
    """Posts a source back-fills on its first run were watched: one published last Thursday
    and collected 4 days later (within a week) starts monitoring then."""
    backfilled = late_find(WEEK - timedelta(days=3), WEEK + timedelta(days=1))
    since, html = since_and_html(tmp_path, [backfilled])
    assert since == WEEK - timedelta(days=3)
    assert "监测自 2026-11-13 00:00 开始，此前未监测：上周（11-09 至 11-15）数据不完整" in html


def test_a_source_backfilling_a_month_makes_older_posts_count(tmp_path: Path) -> None:
    """A mailbox configured with `backfill: 30d` collects a 3-week-old complaint on its first
    run: that one did start monitoring (the week before last counts as watched)."""
    mailbox = {"name": "mailbox", "type": "email", "backfill": "30d"}
    backfilled = late_find(PREV_WEEK - timedelta(days=1), WEEK + timedelta(days=12))
    _, html = since_and_html(tmp_path, [backfilled], sources=[mailbox])
    assert "监测自" not in html


def test_only_late_finds_start_monitoring_when_first_collected(tmp_path: Path) -> None:
    """A store holding nothing but an archive import: monitoring began when it was collected."""
    ctx = context(tmp_path)
    old = PREV_WEEK - timedelta(days=40)
    imported = [late_find(old, WEEK + timedelta(days=2, hours=h), h) for h in (5, 3)]
    ctx.index.upsert_many(imported)
    assert monitoring_since(ctx.index, [PLAN]) == WEEK + timedelta(days=2, hours=3)
    ctx.close()
