"""The demo (yuqing.example.yaml's replay source) streams a competitor beside the brand: its
mentions, some negative, reach the 竞品对比 of the 周报 while the brand's own stream, figures
and alert scope stay as they were — real replay source, classifier, index and report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from collectors.runner import run_source
from core.config_loading import load_config
from core.context import Context
from core.enums import Channel, SentimentLabel
from core.index.protocol import SearchQuery
from core.timeutil import SimulatedClock
from reports.config import Period
from reports.period import last_full
from reports.service import build_data

EXAMPLE = Path(__file__).parents[2] / "yuqing.example.yaml"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday: last week is complete
OWN, RIVAL = "xianweifang", "xiangmanlou"


def replayed(tmp_path: Path, rival: str | None) -> Context:
    """The example config's demo source back-filled over 3 days (the incident off)."""
    config = load_config(EXAMPLE, env={})
    demo = config.sources[0]
    options = {**demo.options, "history": "3d", "incident_after": "off"}
    if rival is not None:
        options["rival"] = rival
    source = demo.model_copy(update={"options": options})
    config = config.model_copy(update={"sources": [source]})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=SimulatedClock(NOW))
    run_source(ctx, source)
    return ctx


def test_the_demo_streams_a_competitor_into_the_weekly_comparison(tmp_path: Path) -> None:
    ctx = replayed(tmp_path / "with", None)
    alone = replayed(tmp_path / "without", "off")
    try:
        theirs = SearchQuery(plans=[RIVAL])
        assert 200 <= ctx.index.count(theirs) <= 600  # ~6 an hour over 3 days, less mail
        bad = ctx.index.count(SearchQuery(plans=[RIVAL], sentiments=[SentimentLabel.NEGATIVE]))
        assert bad >= 20
        assert not ctx.index.count(SearchQuery(plans=[RIVAL], channels=[Channel.EMAIL]))
        assert not ctx.index.count(SearchQuery(plans=[OWN, RIVAL], text="香满楼 鲜味坊"))
        # The brand's own stream is the one the demo always played, mention for mention.
        mine = SearchQuery(plans=[OWN])
        assert ctx.index.count(mine) == alone.index.count(mine) == alone.index.count(SearchQuery())
        window = last_full(Period.WEEKLY, NOW, ctx.config.tz)
        data, before = build_data(ctx, window), build_data(alone, window)
        assert data.plan == OWN and data.headline == before.headline
        assert data.rivals is not None and [r.name for r in data.rivals.rows] == [
            "鲜味坊",
            "香满楼",
        ]
        assert data.rivals.rows[1].negative > 0 and data.rivals.rows[1].negative_share is not None
        assert data.rivals.text.startswith("本品声量份额 ")
    finally:
        ctx.close()
        alone.close()


def test_the_demo_brands_posts_are_its_own_plans_even_when_they_do_not_name_it(
    tmp_path: Path,
) -> None:
    """The incident's replies and the official account's post need not say 鲜味坊: with a
    competitor configured, rules watch the own plans, so the brand's stream carries them (as a
    real source's `plans:` does) — the demo's alerts are the same with and without 香满楼."""
    from collectors.demo.stream import incident_events
    from collectors.replay import ReplayCollector

    config = load_config(EXAMPLE, env={})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=SimulatedClock(NOW))
    try:
        replay = ReplayCollector.from_config(config.sources[0], ctx)
        unnamed = [e for e in incident_events(NOW) if "鲜味坊" not in str(e.fields)]
        assert unnamed  # replies that do not name the brand
        assert all(replay._mention(e, NOW).plans == [OWN] for e in unnamed)
        theirs = replay._events(NOW, NOW - timedelta(hours=12), NOW)
        rival = [e for e in theirs if e.key.startswith("r")]
        assert rival and all(replay._mention(e, NOW).plans == [] for e in rival)
    finally:
        ctx.close()
