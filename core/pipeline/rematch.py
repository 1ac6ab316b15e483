"""Apply the current monitoring plans to stored mentions again (`yuqing plans rematch`).

Plans are matched at ingest: a plan added to yuqing.yaml (a new product line, a competitor) or
a plan whose keywords were edited leaves every stored mention tagged as it was, so last week's
posts are not counted under the new plan. This walks the stored mentions (of a publication
window, if given), oldest first in batches, and tags each as ingest would today: the plans its
source assigns (a source's `plans:`), those whose expression, exclusions, channels and regions
it matches, and for a repost or reply that names none its parent's (plan_parents.py). Only the
mentions whose plans changed are written back; the index keeps its rollups current on every
backend, and events, reports, rules and the dashboard read the new plans from then on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from core.index.paging import by_ids, walk
from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention
from core.pipeline.plan_parents import inherit_plans
from core.pipeline.plans import PlanMatcher

BATCH = 500


@dataclass
class RematchReport:
    """What one pass checked, found changed and wrote."""

    checked: int = 0
    retagged: int = 0  # mentions whose plans differ from what the current plans give
    written: int = 0
    gone: int = 0  # deleted (retention) while this ran: not written back
    added: Counter[str] = field(default_factory=Counter)  # plan → mentions newly tagged with it
    removed: Counter[str] = field(default_factory=Counter)  # plan → mentions that lost it
    errors: dict[str, str] = field(default_factory=dict)


def rematch_index(
    index: MentionIndex,
    matcher: PlanMatcher,
    assigned: Mapping[str, Sequence[str]] | None = None,
    since: datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> RematchReport:
    """Tag the stored mentions (published since `since`, if given) with the current plans and
    write back those whose plans changed; `assigned`: source name → the plans it assigns."""
    report = RematchReport()
    # The plans this run gave every mention it saw: the parent of a later repost is read here,
    # not from the index (a dry run writes nothing; an engine shows writes after a refresh).
    settled: dict[str, tuple[str, ...]] = {}
    batch: list[Mention] = []
    for mention in walk(index, SearchQuery(since=since)):
        batch.append(mention)
        if len(batch) == BATCH:
            _rematch_batch(index, matcher, assigned or {}, batch, settled, report, dry_run)
            progress(len(batch))
            batch = []
    if batch:
        _rematch_batch(index, matcher, assigned or {}, batch, settled, report, dry_run)
        progress(len(batch))
    if not dry_run:
        index.refresh()
    return report


def retag(
    matcher: PlanMatcher,
    assigned: Mapping[str, Sequence[str]],
    stored: Sequence[Mention],
    index: MentionIndex,
    settled: Mapping[str, Sequence[str]],
) -> list[list[str]]:
    """The plans ingest would give these stored mentions today, in their order."""
    fresh = [m.model_copy(update={"plans": list(assigned.get(m.source, ()))}) for m in stored]
    for copy, plans in zip(fresh, matcher.match_batch(fresh), strict=True):
        copy.plans = plans
    inherit_plans(fresh, index, matcher, settled)
    return [list(m.plans) for m in fresh]


def _rematch_batch(
    index: MentionIndex,
    matcher: PlanMatcher,
    assigned: Mapping[str, Sequence[str]],
    batch: Sequence[Mention],
    settled: dict[str, tuple[str, ...]],
    report: RematchReport,
    dry_run: bool,
) -> None:
    """Compare one batch's stored plans with the current ones; write the changed back."""
    report.checked += len(batch)
    changed: dict[str, list[str]] = {}
    for mention, plans in zip(batch, retag(matcher, assigned, batch, index, settled), strict=True):
        settled[mention.id] = tuple(plans)
        old, new = set(mention.plans), set(plans)
        if old == new:  # the order of a mention's plans is no change
            continue
        changed[mention.id] = plans
        report.added.update(new - old)
        report.removed.update(old - new)
    report.retagged += len(changed)
    if changed and not dry_run:
        _write_back(index, changed, report)


def _write_back(
    index: MentionIndex, changed: Mapping[str, list[str]], report: RematchReport
) -> None:
    """Set the new plans on the copies stored now (an edit or a correction made while this ran
    is kept; only the plans change)."""
    now = by_ids(index, list(changed))
    report.gone += len(changed) - len(now)
    result = index.upsert_many(
        [m.model_copy(update={"plans": changed[m.id]}) for m in now.values()]
    )
    report.written += len(result.created) + len(result.updated)
    report.errors.update(result.errors)
