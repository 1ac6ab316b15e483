"""Rule filters by the complaint decision: the window query and the ingest check agree."""

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
from core.models import Complaint, Mention
from tests.alerting.conftest import MONDAY, make_ctx

NOW = MONDAY + timedelta(days=3, hours=12)


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[Context]:
    context = make_ctx(data_dir, NOW)
    yield context
    context.close()


def _decided(flag: bool | None, n: int, prefix: str) -> list[Mention]:
    decision = None if flag is None else Complaint(flag=flag, probability=0.8 if flag else 0.2)
    return [
        make_mention(
            f"{prefix}{i}", NOW - timedelta(minutes=i + 1), f"刹车 {prefix} {i}"
        ).model_copy(update={"complaint": decision})
        for i in range(n)
    ]


def test_frequency_counts_only_complaints(ctx: Context) -> None:
    complaints, chatter, unknown = (
        _decided(True, 3, "c"),
        _decided(False, 5, "p"),
        _decided(None, 5, "u"),
    )
    ctx.index.upsert_many([*complaints, *chatter, *unknown])
    spec = {"name": "f", "type": "frequency", "threshold": 3, "filter": {"complaint": True}}
    rule = parse_rule(spec, "test")

    (finding,) = rule.evaluate(RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW))

    assert finding.count == 3 and set(finding.sample_ids) == {m.id for m in complaints}


def test_complaint_matches_at_ingest_agree_with_the_query() -> None:
    only, never = RuleFilter(complaint=True), RuleFilter(complaint=False)

    assert only.query().complaint is True and never.query().complaint is False
    assert RuleFilter().query().complaint is None
    assert only.matches(_decided(True, 1, "a")[0]) and not only.matches(_decided(False, 1, "b")[0])
    assert never.matches(_decided(False, 1, "c")[0]) and not never.matches(
        _decided(True, 1, "d")[0]
    )
    unknown = _decided(None, 1, "e")[0]
    assert not only.matches(unknown) and not never.matches(unknown)  # undecided passes neither
    assert RuleFilter().matches(unknown)


def _praise(n: int) -> list[Mention]:
    return [
        m.model_copy(update={"complaint": Complaint(flag=False, probability=0.02, resolved=True)})
        for m in _decided(False, n, "r")
    ]


def test_a_rule_can_count_praise_after_a_recovery(ctx: Context) -> None:
    praise = _praise(2)
    ctx.index.upsert_many([*praise, *_decided(True, 4, "c"), *_decided(False, 3, "p")])
    spec = {"name": "r", "type": "frequency", "threshold": 2, "filter": {"resolved": True}}
    rule = parse_rule(spec, "test")

    (finding,) = rule.evaluate(RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW))

    assert finding.count == 2 and set(finding.sample_ids) == {m.id for m in praise}
    only = RuleFilter(resolved=True)
    assert only.query().resolved is True and RuleFilter().query().resolved is None
    assert only.matches(praise[0]) and not only.matches(_decided(False, 1, "x")[0])
    assert RuleFilter(resolved=False).matches(_decided(True, 1, "y")[0])
    assert not RuleFilter(resolved=False).matches(_decided(None, 1, "z")[0])
