"""`new_term` fires on words new for this brand, not on everyday words a crisis brings along:
the bank week's 暴力催收 evening raised 新话题出现 on 太过分, 同样, 遭遇, 气死, 实名 and 监管局; a
review week raised it on 吓人 and 我妈 (a tone word, a fragment of 给我妈买)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic import make_mention
from core.context import Context
from core.enums import SentimentLabel
from core.models import Mention
from tests.alerting.conftest import make_ctx
from tests.alerting.test_rules import NOW, evaluate, hourly


def recent(n: int, prefix: str, keywords: list[str], **fields: Any) -> list[Mention]:
    """n mentions in the last five minutes whose text says their keywords."""
    return [
        make_mention(
            f"{prefix}{i}",
            NOW - timedelta(seconds=10 + i),
            f"{'，'.join(keywords)} {prefix} {i}",
            keywords=keywords,
            **fields,
        )
        for i in range(n)
    ]


SPEC = {"name": "t", "type": "new_term", "min_count": 5}


@pytest.fixture
def ctx(data_dir: Path) -> Any:
    context = make_ctx(data_dir, NOW)
    yield context
    context.close()


def usual(ctx: Context) -> None:
    """Two days of 2 mentions an hour about delivery."""
    ctx.index.upsert_many(hourly(2, 2, "h", keywords=["配送"]))


def keys(findings: list[Any]) -> list[str]:
    return sorted(f.key for f in findings)


def test_a_new_defect_word_a_new_slang_and_a_new_place_fire(ctx: Context) -> None:
    usual(ctx)
    fresh = [
        *recent(6, "a", keywords=["断轴", "配送"]),  # an invented defect word (not in jieba)
        *recent(6, "b", keywords=["绝绝子"]),  # a new slang
        *recent(6, "c", keywords=["榕江"]),  # a place (idf 11.1)
    ]
    assert keys(evaluate(ctx, SPEC, fresh)) == ["*:断轴", "*:榕江", "*:绝绝子"]


def test_words_common_in_all_chinese_text_are_not_news(ctx: Context) -> None:
    usual(ctx)
    fresh = recent(8, "x", keywords=["同样", "遭遇", "用户"])  # idf 5.4, 6.5, 6.8
    assert evaluate(ctx, SPEC, fresh) == []
    # without the idf floor the nouns and verbs fire; 同样, an adverb, names nothing anyway
    assert keys(evaluate(ctx, {**SPEC, "min_idf": 0}, [])) == ["*:用户", "*:遭遇"]


def test_words_riding_a_surge_stay_quiet_the_word_that_is_the_surge_fires(ctx: Context) -> None:
    usual(ctx)
    crisis = recent(100, "k", keywords=["催收"])  # 100 in an hour where 2 are usual
    riders = recent(8, "r", keywords=["太过分", "催收"])  # idf 9.8, but 8 of 110
    (finding,) = evaluate(ctx, SPEC, [*crisis, *riders])
    assert finding.key == "*:催收" and finding.count == 108
    assert "总量比平时多" in finding.summary and "它占 100%" in finding.summary
    unscaled = evaluate(ctx, {**SPEC, "min_surge_share": 0}, [])
    assert keys(unscaled) == ["*:催收", "*:太过分"]


def test_a_new_word_in_a_third_of_a_surge_still_fires(ctx: Context) -> None:
    usual(ctx)
    crisis = recent(60, "k", keywords=["退款"])
    defect = recent(30, "d", keywords=["自燃"])  # 30 of the 88 extra
    assert keys(evaluate(ctx, SPEC, [*crisis, *defect])) == ["*:自燃", "*:退款"]


def test_tone_words_and_fragments_are_no_issue(ctx: Context) -> None:
    usual(ctx)
    fresh = recent(8, "t", keywords=["吓人", "我妈"])  # idf 8.9 both: rare enough, yet no subject
    assert evaluate(ctx, SPEC, fresh) == []
    assert keys(evaluate(ctx, SPEC, recent(5, "d", keywords=["烂脸"]))) == ["*:烂脸"]


def test_one_author_is_not_an_issue(ctx: Context) -> None:
    usual(ctx)
    thread = recent(8, "o", keywords=["断轴"], author="车主老王")
    assert evaluate(ctx, SPEC, thread) == []
    others = recent(2, "p", keywords=["断轴"])  # now three people say it
    assert keys(evaluate(ctx, SPEC, others)) == ["*:断轴"]


def test_a_word_mostly_said_in_praise_is_no_issue(ctx: Context) -> None:
    usual(ctx)
    negative = {**SPEC, "filter": {"sentiments": ["negative"]}}
    said = [
        *recent(6, "n", keywords=["绝绝子"]),
        *recent(6, "p", keywords=["绝绝子"], sentiment=SentimentLabel.POSITIVE),
    ]
    assert evaluate(ctx, negative, said) == []  # 6 of the 12 saying it are negative
    assert keys(evaluate(ctx, {**negative, "min_negative_share": 0.5}, [])) == ["*:绝绝子"]
