"""The built-in `rights-protection` (集体维权/监管投诉) hears a transport brand's regulators.

The airline week's DW8853 crisis: passengers built a 维权群 (12 posts, never 6 in half an hour)
and complained to the aviation regulator — 12326 (民航服务质量监督电话), 民航局 — which the rule's
cue words (12315, 消协, 市场监管 …) did not name, so it never fired. Replayed through the real
pipeline with the built-in rules."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

from alerting.replay import replay_stream
from core.models import Author, Mention
from tests.alerting.conftest import MONDAY, make_ctx

AT = MONDAY + timedelta(hours=13)
VOICES = [
    "DW8853的乘客建了维权群，要求东方之翼公开道歉并赔偿",
    "已经打12326民航服务质量投诉电话了，机上滞留五个小时不让下机",
    "准备向民航局投诉，机上延误超过三小时就应该让旅客下机",
]


def post(n: int, text: str) -> Mention:
    who = Author(id=f"u{n}", name=f"乘客{n}")
    when = AT + timedelta(minutes=3 * n)
    return Mention(source="weibo", native_id=f"p{n}", text=text, published_at=when, author=who)


def fired(data_dir: Path, texts: list[str]) -> list[str]:
    ctx = make_ctx(data_dir, AT - timedelta(minutes=1))
    out = io.StringIO()
    replay_stream(ctx, [post(n, text) for n, text in enumerate(texts)], out)
    ctx.close()
    return [json.loads(line)["rule"] for line in out.getvalue().splitlines()]


def test_passengers_going_to_the_aviation_regulator_and_a_rights_group_fire(
    data_dir: Path,
) -> None:
    assert "rights-protection" in fired(data_dir, [VOICES[n % 3] for n in range(8)])


def test_a_few_mentions_of_the_regulator_stay_quiet(data_dir: Path) -> None:
    assert "rights-protection" not in fired(data_dir, [VOICES[1], VOICES[2]] * 2)
