"""Which alerts belong to one monitoring plan (监测方案): for a plan's report, 预警中心's
监测方案 filter and `yuqing alerts list --plan`.

An alert carries the plans of its rule's filter; an empty list means the rule watched every
plan. So an alert is the plan's when its rule names the plan, or names no plan and one of its
sample mentions is the plan's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from core.index.protocol import MentionIndex, SearchQuery

if TYPE_CHECKING:
    from alerting.rules import Rule

CHUNK = 500


class PlannedAlert(Protocol):
    """What the scope reads of an alert (alerting.models.Alert has it)."""

    @property
    def id(self) -> int: ...
    @property
    def plans(self) -> list[str]: ...
    @property
    def sample_mention_ids(self) -> list[str]: ...


def mentions_of_plan(index: MentionIndex, plan: str, ids: Iterable[str]) -> set[str]:
    """The ids among these whose mention is the plan's (one search per 500 ids)."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for at in range(0, len(wanted), CHUNK):
        chunk = wanted[at : at + CHUNK]
        result = index.search(SearchQuery(plans=[plan], ids=chunk, limit=len(chunk)))
        found.update(m.id for m in result.mentions)
    return found


def alerts_of_plan(index: MentionIndex, plan: str, alerts: Sequence[PlannedAlert]) -> set[int]:
    """The ids of the plan's alerts among these."""
    keep = {a.id for a in alerts if plan in (a.plans or [])}
    unplanned = [a for a in alerts if not a.plans]
    samples = {m for a in unplanned for m in a.sample_mention_ids or []}
    ours = mentions_of_plan(index, plan, samples)
    keep.update(a.id for a in unplanned if ours.intersection(a.sample_mention_ids or []))
    return keep


def alerts_of_plans(
    index: MentionIndex, plans: Sequence[str], alerts: Sequence[PlannedAlert]
) -> set[int]:
    """The ids of the alerts that are the plan's for one of these plans."""
    found: set[int] = set()
    for plan in plans:
        found |= alerts_of_plan(index, plan, alerts)
    return found


def own_scoped(rules: Sequence[Rule], own: Sequence[str], rivals: Sequence[str]) -> list[Rule]:
    """The rules, every rule that names no plan as a copy watching the brand's side when
    competitor plans `rivals` are configured beside the own plans `own`: every mention but a
    competitor's, those of no plan (replies, a mailbox's complaints) included. A competitor's
    crisis is compared in the reports, not paged to the brand's on-call. A rule that names plans
    is kept as it is; the rules passed in are left unchanged (a caller may still use them)."""
    if not own or not rivals:
        return list(rules)
    return [_watching(rule, own, rivals) if not rule.spec.filter.plans else rule for rule in rules]


def _watching(rule: Rule, own: Sequence[str], rivals: Sequence[str]) -> Rule:
    """A new rule of the same type whose filter watches the brand's side (its own caches, too)."""
    side = rule.spec.filter.brand_side(own, rivals)
    return type(rule)(rule.spec.model_copy(update={"filter": side}), rule.source)
