"""An alert's samples say different things: the message of a 维权 burst listed one post copied
by five parents as its five 代表性内容."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerting import service
from alerting.engine import AlertEngine
from alerting.loader import parse_rule
from bench.synthetic import make_mention
from core.context import Context
from tests.alerting.conftest import advance, make_ctx
from tests.alerting.test_incidents import NOON
from tests.alerting.test_lifecycle import ingest

COPIED = "启明滨江校区的家长建了维权群，已经四百多人了，明天一起去教育局要求退费"
OTHERS = [
    "启明校区关门后教培贷还在扣款，要求解除贷款合同",
    "校区人去楼空，我要求退钱",
]


def sample_texts(ctx: Context) -> list[str]:
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
        ids = list(alert.sample_mention_ids)
    return [m.text for i in ids if (m := ctx.index.get(i)) is not None]


def test_the_samples_of_an_alert_are_one_per_text(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, NOON)
    rule = parse_rule(
        {
            "name": "rights",
            "type": "frequency",
            "threshold": 6,
            "window": "30m",
            "filter": {"keywords": "维权"},
        },
        "test",
    )
    engine = AlertEngine(ctx, [rule])
    at = ctx.clock() - timedelta(minutes=5)
    copies = [
        make_mention(f"c{i}", at + timedelta(seconds=i), f"{prefix}{COPIED}", author=f"家长{i}")
        for i, prefix in enumerate(["", "离谱，", "真的，", "", "气死了，"])
    ]
    others = [
        make_mention(
            f"o{i}", at + timedelta(seconds=10 + i), f"{text}，维权", author=f"家长{i + 9}"
        )
        for i, text in enumerate(OTHERS)
    ]
    ingest(ctx, copies + others)
    advance(ctx, timedelta(minutes=1))
    engine.tick()

    texts = sample_texts(ctx)
    assert len(texts) == 3, texts  # the copied post once, and the two others
    assert sum(COPIED in t for t in texts) == 1
