"""Classify stored mentions again with the current classifier (`yuqing reclassify`).

A classifier upgrade (or a deployment's model adapted from corrections) only reaches mentions
indexed after it; the dashboard, search filters, rules and reports keep reading the old labels
of everything before. This reads the stored mentions in indexing order, classifies them again,
keeps every staff correction (人工校正 overrules the model, as at ingest) and writes back only
those whose labels changed. Events need nothing: they group mentions by their text, and their
negative and complaint shares are read from the index when shown. Alerts already raised stay
as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention, corrected_value
from core.pipeline.classifier import Classifier
from core.pipeline.reposts import carry_originals

BATCH = 500


def _resolved(mention: Mention) -> bool | None:
    return mention.complaint.resolved if mention.complaint else None


# What a reader sees change, by the Chinese name the summary uses: the labels staff can
# correct (read as corrected_value reads them), and 补救后好评.
LABELS: dict[str, Callable[[Mention], object]] = {
    "情感": partial(corrected_value, field="sentiment"),
    "是否投诉": partial(corrected_value, field="complaint"),
    "补救后好评": _resolved,
    "类别": partial(corrected_value, field="category"),
    "紧急程度": partial(corrected_value, field="urgency"),
}
CLASSIFIED = ("sentiment", "complaint", "category", "urgency", "keywords")


@dataclass
class ReclassifyReport:
    """What one pass found and wrote."""

    read: int = 0
    classified: int = 0  # inside the time window
    written: int = 0
    relabelled: int = 0  # written with a label a reader sees changed (the rest: scores, keywords)
    corrected: int = 0  # corrected before the run: their corrected labels were kept
    skipped: int = 0  # corrected by someone while this ran: left as they are
    gone: int = 0  # deleted (retention) while this ran: not written back
    changes: Counter[str] = field(default_factory=Counter)  # label name → mentions changed
    errors: dict[str, str] = field(default_factory=dict)


def in_window(mention: Mention, since: datetime | None, until: datetime | None) -> bool:
    """Published at or after since and before until (either may be open)."""
    return (since is None or mention.published_at >= since) and (
        until is None or mention.published_at < until
    )


def relabelled(old: Mention, new: Mention) -> bool:
    """Whether a label a reader sees (LABELS) differs between the two."""
    return any(label(old) != label(new) for label in LABELS.values())


def differs(old: Mention, new: Mention) -> bool:
    """Whether any classifier output of the two differs (labels, scores or keywords)."""
    return old.model_dump(include=set(CLASSIFIED)) != new.model_dump(include=set(CLASSIFIED))


def reclassify_index(
    index: MentionIndex,
    classifier: Classifier,
    since: datetime | None = None,
    until: datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> ReclassifyReport:
    """Classify the window's stored mentions again and write back the changed ones."""
    report = ReclassifyReport()
    cursor: str | None = None
    # A write moves the mention to the end of the indexing order: it comes round again.
    written: set[str] = set()
    while True:
        page, cursor = index.since(cursor, limit=BATCH)
        if not page:
            break
        page = [m for m in page if m.id not in written]
        report.read += len(page)
        chosen = [m for m in page if in_window(m, since, until)]
        report.classified += len(chosen)
        report.corrected += sum(1 for m in chosen if m.corrected)
        labelled = carry_originals(classifier.classify(chosen), index) if chosen else []
        fresh = [m.with_corrections() for m in labelled]
        changed = [(old, new) for old, new in zip(chosen, fresh, strict=True) if differs(old, new)]
        for name, label in LABELS.items():
            report.changes[name] += sum(1 for old, new in changed if label(old) != label(new))
        if changed and not dry_run:
            _write_back(index, changed, report)
            written.update(new.id for _, new in changed)
        progress(len(page))
    if not dry_run:
        index.refresh()
    return report


def _write_back(
    index: MentionIndex, changed: Sequence[tuple[Mention, Mention]], report: ReclassifyReport
) -> None:
    """Upsert the new labels, except where a correction landed since the page was read."""
    ids = [new.id for _, new in changed]
    # As many as asked for: a search answers a page (50) by default, and the rest would look
    # as if they had been corrected meanwhile.
    now = {m.id: m for m in index.search(SearchQuery(ids=ids, limit=len(ids))).mentions}
    present = [(old, new) for old, new in changed if new.id in now]
    report.gone += len(changed) - len(present)
    pairs = [(old, new) for old, new in present if now[new.id].corrected == old.corrected]
    report.skipped += len(present) - len(pairs)
    result = index.upsert_many([new for _, new in pairs])
    done = set(result.created) | set(result.updated)
    report.written += len(done)
    report.relabelled += sum(1 for old, new in pairs if new.id in done and relabelled(old, new))
    report.errors.update(result.errors)
