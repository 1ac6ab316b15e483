"""The alert engine: evaluates window rules on a tick and ingest rules per batch, then notifies."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from alerting import incident_members, incidents, ingest_sweep
from alerting.auto_delay import TickLags, delay_of
from alerting.config import ALERTING, ESCALATION_TIER_ZH, EscalationTier
from alerting.digest import release_held
from alerting.enums import AlertEvent
from alerting.lifecycle import Outcome, apply_finding, auto_resolve, due_escalations
from alerting.loader import load_rules
from alerting.memo import BaselineBudget, TickIndex
from alerting.models import RuleState
from alerting.notifications import deliver, enqueue, retry_due
from alerting.plan_scope import own_scoped
from alerting.quiet_hours import held_until
from alerting.rules import Finding, Rule, RuleContext
from alerting.rules.base import delayed_zh
from alerting.templates import render_alert
from alerting.tiers import step_at
from alerting.unattended import unattended
from core.enums import Severity
from core.errors import MentionIndexError
from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention
from core.own_accounts import OwnAccounts

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)

EventSink = Callable[[Outcome], None]

# Cold-start baseline work per tick (≈ index aggregations; a keyword-day counts more): bounds
# the first tick after a start without cached baselines, which then warm up over a few ticks.
COLD_BASELINE_BUDGET = 150
SWEEP_STATE = "_ingest_sweep"  # alert_rule_state row holding the sweep's index cursor
SWEEP_PAGE, SWEEP_PAGES = 500, 10  # a long backlog is caught up over a few ticks


class AlertEngine:
    """Rules, their persisted state and the alert lifecycle of one Context."""

    def __init__(
        self,
        ctx: Context,
        rules: Sequence[Rule] | None = None,
        send: bool = True,
        sink: EventSink | None = None,
    ) -> None:
        self.ctx = ctx
        config_dir = ctx.config_path.parent if ctx.config_path else None
        self.rules = own_scoped(
            list(rules) if rules is not None else load_rules(ALERTING.of(ctx.config), config_dir),
            ctx.config.own_plan_ids(),
            ctx.config.rival_plan_ids(),
        )
        self.by_name = {r.name: r for r in self.rules}
        self.send = send
        self.sink = sink
        self._lock = threading.RLock()
        self._states = self._load_states()
        self._persisted: dict[str, tuple[datetime, dict[str, Any]]] = {
            name: (last, copy.deepcopy(data))
            for name, (last, data) in self._states.items()
            if last is not None
        }
        self._seen_total: int | None = None
        self._swept = False
        self._lags = TickLags(ctx)  # the sources' collection lags, for `delay: auto`

    def now(self) -> datetime:
        """The context clock in UTC."""
        return self.ctx.clock().astimezone(UTC)

    def tick(self) -> list[Outcome]:
        """Judge the ingest backlog and due window rules, auto-resolve, escalate, retry."""
        with self._lock:
            self._swept = True
            now = self.now()
            changed = self._index_changed()
            reads = TickIndex(self.ctx.index)
            budget = BaselineBudget(COLD_BASELINE_BUDGET)
            with self.ctx.sessions() as session:
                found = self._sweep_findings(session, now)
                for rule in self.rules:
                    if not rule.at_ingest and self._due(rule, now, changed):
                        found += self._evaluate(session, rule, now, reads, budget)
                outcomes = self._apply(session, found, now)
                outcomes += auto_resolve(session, self.by_name, now)
                outcomes += due_escalations(session, ALERTING.of(self.ctx.config).escalation, now)
                pending = self._queue(session, outcomes)
                session.commit()
            if self.send:
                release_held(self.ctx)  # the night's messages before this tick's news
            self._deliver(pending)
            if self.send:
                retry_due(self.ctx)
            self._emit(outcomes)
            return outcomes

    def listen(self, mentions: list[Mention]) -> None:
        """The pipeline listener form of on_mentions."""
        self.on_mentions(mentions)

    def on_mentions(self, mentions: list[Mention]) -> list[Outcome]:
        """Pipeline listener: ingest rules see each newly indexed mention immediately."""
        ingest_rules = [r for r in self.rules if r.at_ingest]
        if not ingest_rules or not mentions:
            return []
        with self._lock:
            outcomes = [] if self._swept else self.sweep()
            now = self.now()
            found: list[tuple[Rule, Finding]] = []
            with self.ctx.sessions() as session:
                for rule in ingest_rules:
                    found += self._judge(session, rule, mentions, now)
                fresh = self._apply(session, found, now)
                pending = self._queue(session, fresh)
                session.commit()
            self._deliver(pending)
            self._emit(fresh)
            return outcomes + fresh

    def sweep(self) -> list[Outcome]:
        """Judge mentions indexed since the last sweep that no ingest rule has judged yet.

        The listener judges new mentions at once; this catches those whose listener died
        with its process after the index stored them. The cursor moves with the alerts.
        """
        with self._lock:
            self._swept = True
            now = self.now()
            with self.ctx.sessions() as session:
                outcomes = self._apply(session, self._sweep_findings(session, now), now)
                pending = self._queue(session, outcomes)
                session.commit()
            self._deliver(pending)
            self._emit(outcomes)
            return outcomes

    def _sweep_findings(self, session: Session, now: datetime) -> list[tuple[Rule, Finding]]:
        """The ingest rules' findings on the backlog since the sweep cursor, which moves on."""
        rules = [r for r in self.rules if r.at_ingest]
        found: list[tuple[Rule, Finding]] = []
        state = session.get(RuleState, SWEEP_STATE) or RuleState(rule=SWEEP_STATE, data={})
        cursor = (state.data or {}).get("cursor")
        self.ctx.index.refresh()
        for _ in range(SWEEP_PAGES):
            mentions, after = self.ctx.index.since(cursor, limit=SWEEP_PAGE)
            for rule in rules:
                found += self._judge(session, rule, mentions, now, only_candidates=True)
            if after == cursor or not mentions:
                break
            cursor = after
        if cursor != (state.data or {}).get("cursor"):
            state.last_eval_at, state.data = now, {"cursor": cursor}
            session.add(state)
        ingest_sweep.prune(session, now)
        return found

    def _judge(
        self,
        session: Session,
        rule: Rule,
        mentions: list[Mention],
        now: datetime,
        only_candidates: bool = False,
    ) -> list[tuple[Rule, Finding]]:
        """Run an ingest rule over mentions it has not judged; record them as judged."""
        candidates = [m.id for m in mentions if rule.sweep_candidate(m, now)]
        new = ingest_sweep.unchecked(session, rule.name, candidates) if candidates else set()
        already = set(candidates) - new
        todo = [m for m in mentions if m.id not in already and (m.id in new or not only_candidates)]
        if not todo:
            return []
        findings = rule.on_mentions(todo, self._context(rule, now))
        ingest_sweep.mark_checked(session, rule.name, [i for i in candidates if i in new], now)
        return [(rule, f) for f in findings]

    def _evaluate(
        self,
        session: Session,
        rule: Rule,
        now: datetime,
        reads: MentionIndex,
        budget: BaselineBudget | None = None,
    ) -> list[tuple[Rule, Finding]]:
        # A window rule with a delay judges the window ending that long ago (`WindowSpec.delay`;
        # auto: the current collection lag, alerting.auto_delay).
        delay = delay_of(rule, self._lags)
        rc = self._context(rule, now - delay, reads)
        rc.budget = budget
        try:
            findings = rule.evaluate(rc)
            for finding in findings:
                finding.summary = delayed_zh(finding.summary, delay)
        except MentionIndexError as exc:  # the cluster went away mid-tick: said, not traced
            log.warning("预警规则 %s 本轮未能读取搜索索引，下一轮重试：%s", rule.name, exc)
            findings = []
        except Exception:  # one broken rule must not stop the others
            log.exception("预警规则 %s 执行出错", rule.name)
            findings = []
        before = self._persisted.get(rule.name)
        self._states[rule.name] = (now, rc.state)
        if before is None or rc.state != before[1]:
            # Write only when the state moved: a commit per tick is costly, and a rule
            # evaluated once more after a restart does no harm (findings are deduplicated).
            state = session.get(RuleState, rule.name) or RuleState(rule=rule.name, data={})
            state.last_eval_at, state.data = now, copy.deepcopy(rc.state)
            session.add(state)
            self._persisted[rule.name] = (now, copy.deepcopy(rc.state))
        return [(rule, f) for f in findings]

    def _apply(
        self, session: Session, found: list[tuple[Rule, Finding]], now: datetime
    ) -> list[Outcome]:
        """Apply one pass's findings, the headline first: alerts opened together join one
        group, and the first to open leads it (its title, its messages). The most severe
        leads, then the rule that tells the story best (Rule.headline), then the earliest."""
        grouping = ALERTING.of(self.ctx.config).grouping
        ordered = sorted(found, key=lambda rf: _headline_order(*rf))
        return [apply_finding(session, rule, f, now, grouping) for rule, f in ordered]

    def _context(self, rule: Rule, now: datetime, reads: MentionIndex | None = None) -> RuleContext:
        _, state = self._states.get(rule.name, (None, {}))
        return RuleContext(
            index=reads or self.ctx.index,
            tz=self.ctx.config.tz,
            now=now,
            sessions=self.ctx.sessions,
            state=state,
            sample_size=ALERTING.of(self.ctx.config).sample_size,
            own_accounts=OwnAccounts.of(self.ctx.config),
        )

    def _due(self, rule: Rule, now: datetime, changed: bool) -> bool:
        last, _ = self._states.get(rule.name, (None, {}))
        if last is None:
            return True
        every = rule.spec.every or ALERTING.of(self.ctx.config).eval_interval
        if now - last < every:
            return False
        # Counting rules cannot newly fire while nothing new was indexed (windows only shrink),
        # unless their window ends `delay` ago and moved over posts indexed earlier.
        if changed or not rule.skip_when_idle:
            return True
        delay = delay_of(rule, self._lags)
        if not delay:
            return False
        covered = SearchQuery(since=last - delay, until=now - delay)
        return self.ctx.index.count(covered) > 0

    def _index_changed(self) -> bool:
        total = self.ctx.index.count(SearchQuery())
        changed = total != self._seen_total
        self._seen_total = total
        if changed:
            self._lags.changed()
        return changed

    def _queue(self, session: Session, outcomes: list[Outcome]) -> list[int]:
        """Delivery rows for outcomes that notify, in the same transaction as the alert change."""
        ids: list[int] = []
        now = self.now()
        for outcome in outcomes:
            if not outcome.notify:
                continue
            alert = outcome.alert
            alert.notified_at, alert.notified_count = now, alert.count
            if not self.send:
                continue
            targets, tier = self._targets(outcome)
            samples = [
                m
                for i in alert.sample_mention_ids[: ALERTING.of(self.ctx.config).sample_size]
                if (m := self.ctx.index.get(i))
            ]
            tier_label = (
                ESCALATION_TIER_ZH[tier] if tier and outcome.event == AlertEvent.ESCALATED else None
            )
            notification = render_alert(
                self.ctx,
                alert,
                outcome.event,
                samples,
                tier_label,
                incident=incidents.describe(session, alert),
                unseen=outcome.event == AlertEvent.RESOLVED
                and unattended(incident_members.siblings(session, alert), handled_by_case=False),
            )
            notification.targets = targets
            rule = self.by_name.get(alert.rule)
            quiet = rule.spec.quiet_hours if rule is not None else None
            tz = self.ctx.config.tz
            until = held_until(quiet, alert.severity, now, tz, growth=outcome.growth)
            rows = enqueue(session, self.ctx, notification, str(tier) if tier else None, until)
            ids += [d.id for d in rows if until is None]  # held ones wait for the digest
        return ids

    def _targets(self, outcome: Outcome) -> tuple[list[str] | None, EscalationTier | None]:
        """Notifier names for this outcome: its escalation tier; before any escalation the
        rule's own `notifiers` when it names some; else every enabled notifier."""
        steps = ALERTING.of(self.ctx.config).escalation
        rule = self.by_name.get(outcome.alert.rule)
        escalated = outcome.event == AlertEvent.ESCALATED
        if rule is not None and rule.spec.notifiers and not (escalated and steps):
            return list(rule.spec.notifiers), steps[0].tier if steps else None
        step = step_at(steps, outcome.alert.escalation_level if escalated else 0)
        if step is None:
            return None, None
        return list(step.notifiers), step.tier

    def _deliver(self, ids: list[int]) -> None:
        if ids:
            deliver(self.ctx, ids)

    def _emit(self, outcomes: list[Outcome]) -> None:
        if self.sink is not None:
            for outcome in outcomes:
                self.sink(outcome)

    def _load_states(self) -> dict[str, tuple[datetime | None, dict[str, Any]]]:
        """Persisted rule state (last evaluation, cached baselines) of every loaded rule."""
        with self.ctx.sessions() as session:
            rows = {r.rule: r for r in session.query(RuleState).all()}
        return {
            name: (rows[name].last_eval_at, dict(rows[name].data or {}))
            for name in self.by_name
            if name in rows
        }


def _headline_order(rule: Rule, finding: Finding) -> tuple[int, int, datetime]:
    severity = Severity(finding.severity or rule.spec.severity)
    return (-severity.rank, -rule.headline, finding.window_start)
