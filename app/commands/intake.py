"""`yuqing ingest FILE`: load JSONL/CSV mentions through the pipeline and report the outcome."""

from __future__ import annotations

import gc
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from alerting.config import ALERTING
from collectors import ingest_runs
from collectors.ingest_log import IngestOutcome
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.index.sqlite import SQLiteMentionIndex
from core.intake import Record, read_records
from core.pipeline.normalize import MAX_TEXT
from core.pipeline.pipeline import IngestReport

BATCH = 500
SHOWN = 1000  # rejected/truncated lines listed one by one; the rest are counted
# A file ingest writes forward: a 4 MiB page cache ingests as fast as the index's default
# 64 MiB (and as 16 MiB, round 29: 1,901 vs 1,845 lines per CPU-second at 100k) and keeps peak
# memory lower (272 -> 260 MiB at 100k lines against 16 MiB; README "Streaming ingest").
INGEST_CACHE_KIB = 4_096
# Full-text pages merged at the end per new mention: each writes ≈ 0.06 + 0.035 pages (bigrams,
# characters), so a file into an empty index ends in one segment per table, and a small file
# into a large index pays in proportion (the rest is merged by later ingests or `yuqing run`).
MERGE_PAGES_PER_MENTION = 0.1
# The cyclic GC's young generation is collected every GC_YOUNG allocations instead of 700: an
# ingest makes millions of small objects and almost no cycles (≈ 4,400 collected per 30k
# lines), yet the default passes cost 2.8 of 33 CPU-s per 30k lines, 0.3 s with this;
# peak RSS unchanged (README "Streaming ingest").
GC_YOUNG = 50_000
console = Console()


def ingest(
    file: Annotated[
        Path, typer.Argument(help="JSONL（每行一条提及 JSON）或含 text/review 列的 CSV")
    ],
    source: Annotated[str | None, typer.Option(help="未注明来源的记录使用此数据源名")] = None,
    alerts: Annotated[bool, typer.Option(help="导入时执行即时预警规则（紧急提及）")] = True,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Ingest a file: reports how many mentions were new, duplicate and rejected (and why)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(GC_YOUNG, 20, 10)
    try:
        ctx = Context.load(config, data_dir)
        with ExitStack() as bulk:
            if isinstance(ctx.index, SQLiteMentionIndex):
                ctx.index.limit_cache(INGEST_CACHE_KIB)
                bulk.enter_context(ctx.index.bulk_writes())  # merged once, below
            if alerts and ALERTING.of(ctx.config).enabled:
                from alerting.engine import AlertEngine
                from alerting.rule_health import usable_rules

                # Urgent mentions alert at ingest, whichever process ingests them; a bad rule
                # file leaves out its rule, not the import (said once per problem).
                rules, problems = usable_rules(ctx)
                for problem in problems:
                    Console(stderr=True, highlight=False).print(
                        f"提示：本次导入不执行有问题的规则：{problem}", markup=False
                    )
                ctx.pipeline.add_listener(AlertEngine(ctx, rules).listen)
            run = ingest_runs.start(ctx, str(file), source, ctx.clock())
            tally = _ingest_file(ctx, file, source)
            ingest_runs.finish(ctx, run, tally.outcome(), ctx.clock())
        ctx.index.merge_segments(int(tally.new * MERGE_PAGES_PER_MENTION))
    finally:
        gc.unfreeze()  # an in-process caller (tests) gets its collector back as it was
        gc.set_threshold(*thresholds)
    ctx.close()
    tally.print()
    if tally.rejected and not (tally.new or tally.updated or tally.duplicates):
        Console(stderr=True, highlight=False).print(
            f"错误：没有导入任何提及：{tally.rejected} 行全部被拒绝（原因见上），请修正后重新导入"
        )
        raise typer.Exit(2)


def _ingest_file(ctx: Context, file: Path, source: str | None) -> Tally:
    """Read the file in batches through the pipeline, showing progress; the counts."""
    tally = Tally()
    batch: list[Record] = []
    # Twice a second: rich's default 10 redraws a second cost ≈ 1 % of an ingest's CPU on a
    # terminal (0.11 CPU-s per 10 s idle), for a line that changes once per batch anyway.
    with Progress(console=console, transient=True, refresh_per_second=2) as progress:
        task = progress.add_task(f"导入 {file.name}", total=None)
        for record in read_records(file, source):
            if record.mention is None:
                tally.reject(record.ref, record.error or "invalid")
                continue
            batch.append(record)
            if len(batch) >= BATCH:
                tally.add(_flush(ctx, batch))
                progress.advance(task, len(batch))
                if tally.batches == 0:
                    _freeze_loaded()
                tally.batches += 1
                batch = []
        tally.add(_flush(ctx, batch))
    return tally


@dataclass
class Tally:
    """Counts of a whole ingest; only the first SHOWN rejections and truncations are kept."""

    new: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    truncated: int = 0
    batches: int = 0
    reasons: list[tuple[str, str]] = field(default_factory=list)
    cut: list[tuple[str, int]] = field(default_factory=list)
    # Kept with a part fixed or removed (a time in the future, a garbled quote), cuts aside.
    repaired: int = 0
    repairs: list[tuple[str, str]] = field(default_factory=list)

    def reject(self, ref: str, why: str) -> None:
        """Count one rejected input line. Lines unreadable as records are rejected as read,
        the others when their batch is processed: the SHOWN first lines of the file are kept."""
        self.rejected += 1
        self.reasons.append((ref, why))
        if len(self.reasons) >= 2 * SHOWN:
            self.reasons = self.listed()

    def listed(self) -> list[tuple[str, str]]:
        """The kept rejections in line order, the first SHOWN."""
        return sorted(self.reasons, key=lambda reason: line_number(reason[0]))[:SHOWN]

    def add(self, report: IngestReport) -> None:
        """Count one batch's outcome and let go of its mentions (memory stays flat)."""
        self.new += len(report.new)
        self.updated += len(report.updated)
        self.duplicates += report.duplicates
        for ref, why in report.rejected:
            self.reject(ref, why)
        self.truncated += len(report.truncated)
        self.cut.extend(report.truncated[: max(0, SHOWN - len(self.cut))])
        self.repaired += len(report.repaired)
        self.repairs.extend(report.repaired[: max(0, SHOWN - len(self.repairs))])

    def outcome(self) -> IngestOutcome:
        """The counts and the first rejected lines, for 数据源状态's record of the run."""
        return IngestOutcome(
            self.new,
            self.updated,
            self.duplicates,
            self.rejected,
            self.truncated,
            self.repaired,
            self.listed(),
        )

    def print(self) -> None:
        """The outcome, each rejected line with its reason, each cut text with its length."""
        console.print(
            f"新增 {self.new} 条，更新 {self.updated} 条，重复 {self.duplicates} 条，"
            f"拒绝 {self.rejected} 条，截断 {self.truncated} 条"
            + (f"，另修正 {self.repaired} 条" if self.repaired else "")
        )
        listed = self.listed()
        for ref, reason in listed:
            console.print(f"  拒绝 {ref}：{reason}", markup=False)
        if self.rejected > len(listed):
            console.print(f"  …另有 {self.rejected - len(listed)} 行被拒（仅列出前 {SHOWN} 行）")
        for ref, length in self.cut:
            console.print(
                f"  截断 {ref}：正文 {length:,} 字，超过上限，只保存了前 {MAX_TEXT:,} 字",
                markup=False,
            )
        for ref, why in self.repairs:
            console.print(f"  修正 {ref}：{why}", markup=False)
        if self.repaired > len(self.repairs):
            more = self.repaired - len(self.repairs)
            console.print(f"  …另有 {more} 条被修正（仅列出前 {SHOWN} 条）")


def line_number(ref: str) -> int:
    """The line of a reference such as 'c.jsonl:6' (a reference without one sorts last)."""
    number = ref.rpartition(":")[2]
    return int(number) if number.isdigit() else 1 << 62


def _freeze_loaded() -> None:
    """Exempt what the first batch loaded (models, lexicons) from the cyclic GC's full passes.

    Those objects live until exit, yet every full collection walked them again: 10–12 % of
    ingest CPU (README "Streaming ingest"). Garbage is collected first, so nothing leaks.
    """
    gc.collect()
    gc.freeze()


def _flush(ctx: Context, batch: list[Record]) -> IngestReport:
    if not batch:
        return IngestReport()
    mentions = [r.mention for r in batch if r.mention is not None]
    return ctx.pipeline.process(mentions, refs=[r.ref for r in batch])
