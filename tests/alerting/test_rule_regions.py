"""Rule filters by region: the window query and the ingest check agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from alerting.loader import parse_rule
from alerting.rules import RuleContext
from alerting.rules.base import RuleFilter
from bench.synthetic import make_mention
from core.context import Context
from core.models import Mention
from tests.alerting.conftest import MONDAY, make_ctx

NOW = MONDAY + timedelta(days=3, hours=12)


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[Context]:
    context = make_ctx(data_dir, NOW)
    yield context
    context.close()


def _from(region: str | None, n: int, prefix: str) -> list[Mention]:
    return [
        make_mention(
            f"{prefix}{i}", NOW - timedelta(minutes=i + 1), f"投诉 {prefix} {i}"
        ).model_copy(update={"region": region})
        for i in range(n)
    ]


def test_frequency_counts_only_the_filtered_regions(ctx: Context) -> None:
    guangdong, beijing, unknown = (
        _from("广东", 3, "gd"),
        _from("北京", 5, "bj"),
        _from(None, 5, "n"),
    )
    ctx.index.upsert_many([*guangdong, *beijing, *unknown])
    spec = {"name": "f", "type": "frequency", "threshold": 3, "filter": {"regions": ["广东省"]}}
    rule = parse_rule(spec, "test")

    (finding,) = rule.evaluate(RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW))

    assert finding.count == 3 and set(finding.sample_ids) == {m.id for m in guangdong}


def test_matches_at_ingest_agrees_with_the_query() -> None:
    flt = RuleFilter(regions=["IP属地：广东", "海外"])

    assert flt.regions == ["广东", "海外"]
    assert list(flt.query().regions) == ["广东", "海外"]
    assert flt.matches(_from("广东", 1, "a")[0])
    assert flt.matches(_from("海外", 1, "b")[0])
    assert not flt.matches(_from("北京", 1, "c")[0])
    assert not flt.matches(_from(None, 1, "d")[0])  # unknown region never passes
    assert RuleFilter().matches(_from(None, 1, "e")[0])
