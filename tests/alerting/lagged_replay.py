"""A burst of refund complaints collected some time after it was posted, replayed through one
rule (`yuqing replay`'s path): what the window-delay tests feed and read."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

from alerting.replay import ReplaySummary, replay_stream
from app.config import AppConfig
from bench.synthetic import PassThroughClassifier, make_mention
from collectors.lag import SourceLag, read_lags
from core.context import Context
from core.models import Mention
from core.timeutil import SimulatedClock
from tests.alerting.conftest import MONDAY

POSTED = MONDAY + timedelta(hours=10)
RULE = "name: refund-burst\ntype: frequency\ntitle: 退款投诉集中\nthreshold: 10\nwindow: 10m\n"


def burst(lag: timedelta | None) -> list[Mention]:
    """24 negative posts in four minutes, each collected `lag` after it was posted (None:
    records without a collection time)."""
    posts = []
    for n in range(24):
        at = POSTED + timedelta(seconds=10 * n)
        made = make_mention(f"b{n}", at, f"退款第{n}次被拒，客服一直推脱")
        if lag is None:
            posts.append(Mention.model_validate(made.model_dump(exclude={"collected_at"})))
        else:
            posts.append(made.model_copy(update={"collected_at": at + lag}))
    return posts


def replay(
    tmp_path: Path, rule: str, posts: list[Mention]
) -> tuple[list[dict[str, object]], ReplaySummary, dict[str, SourceLag]]:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rule.yaml").write_text(rule, encoding="utf-8")
    config = AppConfig.model_validate(
        {
            "brand": "鲜味坊",
            "alerting": {"eval_interval": "1m", "builtin_rules": False, "rules_dir": str(rules)},
        }
    )
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=SimulatedClock(MONDAY))
    ctx.__dict__["classifier"] = PassThroughClassifier()
    out = io.StringIO()
    summary = replay_stream(ctx, posts, out, tail=timedelta(minutes=30))
    lags = read_lags(ctx)
    ctx.close()
    return [json.loads(line) for line in out.getvalue().splitlines()], summary, lags
