"""Alerts opened in one pass join their group headline first: the one that names the crisis
leads it (its title, its messages), not the brand's statement a rule happened to judge first."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerting import service
from alerting.engine import AlertEngine
from alerting.loader import parse_rule
from alerting.models import Alert, Incident
from alerting.rules.own_post import OwnPostReactionRule
from bench.synthetic import make_mention
from core.enums import Channel
from core.models import Mention, Metrics
from tests.alerting.conftest import make_ctx
from tests.alerting.test_incidents import (  # noqa: F401  (no_throttle: autouse fixture)
    NOON,
    crisis_rules,
    kol_post,
    no_throttle,
    titles,
)
from tests.alerting.test_lifecycle import food, ingest
from tests.support.receivers import HttpReceiver

OWN_ACCOUNTS = {Channel.WEIBO: ["鲜味坊官方"]}


def statement(key: str) -> Mention:
    """The brand's statement, five minutes old, drawing 16,000 reactions."""
    posted = make_mention(
        key, NOON - timedelta(minutes=5), "关于部分门店食品安全问题的情况说明", author="鲜味坊官方"
    )
    return posted.model_copy(update={"metrics": Metrics(reposts=4000, comments=3000, likes=9000)})


def test_alerts_opened_together_are_led_by_the_one_that_names_the_crisis(data_dir: Path) -> None:
    """A week imported, then the service started: the brand's statement drawing replies and the
    complaint burst fire in the same pass, at one severity. The group is told by the burst (its
    title, its messages), not by the statement the ingest sweep happened to judge first."""
    ctx = make_ctx(data_dir, NOON)
    ctx.config.own_accounts = OWN_ACCOUNTS
    ingest(ctx, [statement("s1"), *food(4, 2, ctx)])  # nobody listening: the next tick judges them
    own = {"name": "statement", "type": "own_post_reaction", "severity": "warning"}
    rules = [parse_rule(own, "test"), crisis_rules()[0]]
    assert isinstance(rules[0], OwnPostReactionRule) and rules[0].at_ingest
    outcomes = AlertEngine(ctx, rules).tick()
    assert sorted(o.alert.rule for o in outcomes) == ["food", "statement"]
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
        lead = session.get(Alert, incident.lead_alert_id)
    assert lead is not None and lead.rule == "food"
    assert incident.title == lead.title
    told = [o.alert.rule for o in outcomes if o.notify]
    assert told == ["food"]


def test_in_one_ingest_batch_the_high_risk_post_leads_the_statement(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """A batch holding the brand's loud statement and a critical post: both ingest rules fire;
    the high-risk post leads the group, whichever rule is listed first."""
    hook = {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/a")}}
    ctx = make_ctx(data_dir, NOON, notifiers=[hook])
    ctx.config.own_accounts = OWN_ACCOUNTS
    own = {"name": "statement", "type": "own_post_reaction", "severity": "critical"}
    engine = AlertEngine(ctx, [parse_rule(own, "test"), crisis_rules()[1]])
    ctx.pipeline.add_listener(engine.listen)
    ingest(ctx, [statement("s2"), *kol_post(ctx)])
    with ctx.sessions() as session:
        (incident,) = session.query(Incident).all()
        lead = session.get(Alert, incident.lead_alert_id)
        assert {a.rule for a in service.get_all(session)} == {"statement", "urgent"}
    assert lead is not None and lead.rule == "urgent"
    assert len(receiver.requests) == 1 and lead.title in titles(receiver)[0]
