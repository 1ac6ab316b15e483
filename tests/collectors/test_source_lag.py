"""Each source's collection lag (collected_at − published_at), kept as mentions are ingested
and shown by `yuqing sources list`: the median and the 90th percentile of its latest new
mentions, and how many could not be read (no collection time, collected "before" publication,
an old post fetched late)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.config import AppConfig
from bench.synthetic import TZ, PassThroughClassifier, make_mention
from collectors.cli import sources_app
from collectors.lag import RECENT, SourceLag, read_lags
from core.context import Context
from core.models import Mention
from core.timeutil import SimulatedClock

POSTED = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


def collected(key: str, lag: timedelta | None, source: str = "weibo-search") -> Mention:
    """A post published at POSTED and collected `lag` later (None: a record carrying no
    collection time, as an imported line without collected_at)."""
    made = make_mention(key, POSTED, f"退款被拒第{key}次", source=source)
    if lag is None:
        return Mention.model_validate(made.model_dump(exclude={"collected_at"}))
    return made.model_copy(update={"collected_at": POSTED + lag})


def week_of_posts() -> list[Mention]:
    """weibo-search: 30 posts collected 5 minutes after publication, 10 after 12 minutes, 3
    without a collection time, 2 "before" publication, 1 an old post fetched 3 hours late;
    heimao: 25 posts after 40 minutes."""
    posts = [collected(f"f{n}", timedelta(minutes=5)) for n in range(30)]
    posts += [collected(f"s{n}", timedelta(minutes=12)) for n in range(10)]
    posts += [collected(f"u{n}", None) for n in range(3)]
    posts += [collected("e1", timedelta(minutes=-3)), collected("e2", timedelta(minutes=-20))]
    posts += [collected("old", timedelta(hours=3))]
    posts += [collected(f"h{n}", timedelta(minutes=40), "heimao") for n in range(25)]
    return posts


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    config = AppConfig.model_validate({"brand": "鲜味坊"})
    made = Context(config=config, data_dir=tmp_path / "data", clock=SimulatedClock(POSTED))
    made.__dict__["classifier"] = PassThroughClassifier()
    return made


def test_the_lag_of_each_source_is_kept_as_mentions_are_ingested(ctx: Context) -> None:
    posts = week_of_posts()
    ctx.pipeline.process(posts[:20])
    ctx.pipeline.process(posts[20:])
    ctx.pipeline.process(posts[:5])  # duplicates: not new, no lag
    lags = read_lags(ctx)
    weibo, heimao = lags["weibo-search"], lags["heimao"]
    assert len(weibo.entries) == 46
    assert (weibo.unstamped, weibo.early, weibo.backfilled) == (3, 2, 1)
    assert weibo.text_zh() == (
        "采集延迟 中位 5 分钟 / 90% 12 分钟内（最近 46 条，无采集时间 3 条未计入，"
        "采集时间早于发布 2 条未计入，补采的旧帖 1 条未计入）"
    )
    assert heimao.text_zh() == "采集延迟 中位 40 分钟 / 90% 40 分钟内（最近 25 条）"
    ctx.close()


def test_only_the_latest_mentions_of_a_source_count(ctx: Context) -> None:
    slow = [collected(f"a{n}", timedelta(minutes=30)) for n in range(RECENT)]
    quick = [collected(f"b{n}", timedelta(minutes=2)) for n in range(RECENT)]
    ctx.pipeline.process(slow)
    assert "90% 30 分钟内" in read_lags(ctx)["weibo-search"].text_zh()
    ctx.pipeline.process(quick)
    shown = read_lags(ctx)["weibo-search"].text_zh()
    assert shown == f"采集延迟 中位 2 分钟 / 90% 2 分钟内（最近 {RECENT} 条）"
    ctx.close()


def test_a_first_runs_back_fill_is_no_lag(ctx: Context) -> None:
    clock = ctx.clock
    assert isinstance(clock, SimulatedClock)
    clock.advance_to(POSTED + timedelta(hours=1))  # the first run reaches back an hour
    back = [make_mention(f"o{n}", POSTED + timedelta(minutes=2 * n), f"旧帖{n}") for n in range(30)]
    ctx.pipeline.process([m.model_copy(update={"collected_at": clock()}) for m in back])
    assert (
        read_lags(ctx)["weibo-search"].text_zh()
        == "采集延迟 未知（最近 30 条，补采的旧帖 30 条未计入）"
    )
    clock.advance_to(POSTED + timedelta(hours=2))
    since = POSTED + timedelta(hours=1, minutes=5)
    live = [make_mention(f"l{n}", since + timedelta(minutes=n), f"新帖{n}") for n in range(30)]
    ctx.pipeline.process(
        [m.model_copy(update={"collected_at": m.published_at + timedelta(minutes=3)}) for m in live]
    )
    assert (
        read_lags(ctx)["weibo-search"].text_zh().startswith("采集延迟 中位 3 分钟 / 90% 3 分钟内")
    )
    ctx.close()


def test_sources_list_shows_each_sources_lag(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx.pipeline.process(week_of_posts())
    ctx.close()
    config = tmp_path / "yuqing.yaml"
    config.write_text("brand: 鲜味坊\n", encoding="utf-8")
    monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(tmp_path / "data"))

    listed = CliRunner().invoke(sources_app, ["list"], env={"COLUMNS": "250"})

    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert "heimao：采集延迟 中位 40 分钟 / 90% 40 分钟内（最近 25 条）" in lines
    weibo = next(line for line in lines if line.startswith("weibo-search："))
    assert "采集延迟 中位 5 分钟 / 90% 12 分钟内（最近 46 条，无采集时间 3 条未计入" in weibo


def test_a_lag_of_seconds_reads_as_under_a_minute() -> None:
    demo = SourceLag("demo", tuple(float(s % 5) for s in range(30)))  # polled every 5 seconds
    assert demo.text_zh() == "采集延迟 中位 不到 1 分钟 / 90% 1 分钟内（最近 30 条）"
