"""The ingest pipeline: normalize → match plans → dedup → classify → index → notify listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from core.index.paging import by_ids
from core.index.protocol import MentionIndex
from core.models import Mention
from core.pipeline.classifier import Classifier
from core.pipeline.dedup import ContentDeduper
from core.pipeline.normalize import RejectedMention, normalize_noting
from core.pipeline.plan_parents import inherit_plans
from core.pipeline.plans import PlanMatcher
from core.pipeline.reposts import carry_originals

log = logging.getLogger(__name__)

Listener = Callable[[list[Mention]], None]


@dataclass
class IngestReport:
    """What one pipeline run did; `rejected` and `repaired` pair an input reference with why.

    A repaired mention was kept without a broken part (e.g. a garbled quote) it arrived with,
    or with a corrected time; a text cut to MAX_TEXT is in `truncated` only.
    """

    new: list[Mention] = field(default_factory=list)
    updated: list[Mention] = field(default_factory=list)
    duplicates: int = 0
    flooded: int = 0  # one author's repeated text, collapsed (also counted in duplicates)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    repaired: list[tuple[str, str]] = field(default_factory=list)
    # Inputs whose text was longer than MAX_TEXT and was cut: (ref, original length).
    truncated: list[tuple[str, int]] = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        """Add another report's counts to this one."""
        self.new.extend(other.new)
        self.updated.extend(other.updated)
        self.duplicates += other.duplicates
        self.flooded += other.flooded
        self.rejected.extend(other.rejected)
        self.repaired.extend(other.repaired)
        self.truncated.extend(other.truncated)

    def summary(self) -> str:
        """One line in Chinese for logs and the CLI."""
        return (
            f"新增 {len(self.new)} 条，更新 {len(self.updated)} 条，"
            f"重复 {self.duplicates} 条（其中同一作者刷屏 {self.flooded} 条），"
            f"拒绝 {len(self.rejected)} 条"
            + (f"，部分修复 {len(self.repaired)} 条" if self.repaired else "")
            + (f"，截断 {len(self.truncated)} 条" if self.truncated else "")
        )


class Pipeline:
    """Turns collected mentions into indexed, classified mentions, exactly once per id."""

    def __init__(
        self,
        index: MentionIndex,
        matcher: PlanMatcher,
        classifier: Classifier,
        deduper: ContentDeduper,
        listeners: Sequence[Listener] = (),
    ) -> None:
        self.index = index
        self.matcher = matcher
        self.classifier = classifier
        self.deduper = deduper
        self.listeners = list(listeners)

    def add_listener(self, listener: Listener) -> None:
        """Call listener with every batch of newly indexed mentions."""
        self.listeners.append(listener)

    def process(
        self, mentions: Sequence[Mention], refs: Sequence[str] | None = None
    ) -> IngestReport:
        """Run one batch through every stage; refs name inputs in rejection reasons."""
        report = IngestReport()
        names = list(refs) if refs is not None else [m.native_id for m in mentions]
        normalized = self._normalize(mentions, names, report)
        kept_refs: dict[str, str] = {}  # id → the input that was kept (the first with that id)
        for ref, mention in zip(names, mentions, strict=True):
            kept_refs.setdefault(mention.id, ref)
        known = self.index.locate([m.id for m in normalized])
        fresh, changed = self._split_known(normalized, known, report)
        unique, floods = self.deduper.split(fresh)
        report.duplicates += len(floods)
        report.flooded += len(floods)
        classified = self.classifier.classify([*unique, *changed]) if unique or changed else []
        classified = [m.with_corrections() for m in carry_originals(classified, self.index)]
        result = self.index.upsert_many(classified, known)
        by_id = {m.id: m for m in classified}
        report.rejected.extend(
            (by_id[i].native_id, f"写入索引失败：{why}") for i, why in result.errors.items()
        )
        report.new = [by_id[i] for i in result.created]
        report.updated = [by_id[i] for i in result.updated]
        stored = [*result.created, *result.updated]
        _only_stored(report, {kept_refs[i] for i in stored if i in kept_refs})
        self._notify(report.new)
        return report

    def _normalize(
        self, mentions: Sequence[Mention], names: list[str], report: IngestReport
    ) -> list[Mention]:
        kept: dict[str, Mention] = {}
        for ref, mention in zip(names, mentions, strict=True):
            try:
                clean, cut, fixes = normalize_noting(mention)
            except RejectedMention as exc:
                report.rejected.append((ref, str(exc)))
                continue
            report.repaired.extend((ref, why) for why in fixes)
            if cut is not None:
                report.truncated.append((ref, cut))
            if clean.id in kept:
                report.duplicates += 1
                continue
            kept[clean.id] = clean
        mentions = list(kept.values())
        for clean, plans in zip(mentions, self.matcher.match_batch(mentions), strict=True):
            clean.plans = plans  # clean is this batch's own copy
        inherit_plans(mentions, self.index, self.matcher)  # 转发微博 belongs to its original's
        return mentions

    def _split_known(
        self, mentions: list[Mention], known: Mapping[str, str], report: IngestReport
    ) -> tuple[list[Mention], list[Mention]]:
        """New mentions, and known ones (`known`: where they are) whose metrics moved; the
        mentions are the batch's own normalized copies, changed in place."""
        fresh = [m for m in mentions if m.id not in known]
        for mention in fresh:
            # Corrected labels come only from staff (stored copies), never from an intake record.
            if mention.corrected:
                mention.corrected = {}
        stored = by_ids(self.index, [m.id for m in mentions if m.id in known])
        changed = []
        for mention in mentions:
            if mention.id not in known:
                continue
            previous = stored.get(mention.id)
            if previous is not None and previous.metrics != mention.metrics:
                changed.append(
                    mention.model_copy(
                        update={"corrected": previous.corrected, "group_id": previous.group_id}
                    )
                )
            else:
                report.duplicates += 1
        return fresh, changed

    def _notify(self, new: list[Mention]) -> None:
        if not new:
            return
        for listener in self.listeners:
            try:
                listener(new)
            except Exception:  # one faulty listener must not lose the batch for the others
                log.exception("监听器 %r 处理 %d 条新提及时出错", listener, len(new))


def _only_stored(report: IngestReport, stored: set[str]) -> None:
    """Keep the repairs and cuts of the inputs this batch stored: a duplicate of a mention
    stored earlier was repaired (and counted) when it was stored, not again at every repeat."""
    report.repaired = [(ref, why) for ref, why in report.repaired if ref in stored]
    report.truncated = [(ref, length) for ref, length in report.truncated if ref in stored]
