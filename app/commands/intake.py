"""`yuqing ingest FILE`: load JSONL/CSV mentions through the pipeline and report the outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from alerting.config import ALERTING
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.intake import Record, read_records
from core.pipeline.pipeline import IngestReport

BATCH = 500
console = Console()


def ingest(
    file: Annotated[
        Path, typer.Argument(help="JSONL (mention JSON per line) or CSV with a text/review column")
    ],
    source: Annotated[str | None, typer.Option(help="source name for records without one")] = None,
    alerts: Annotated[
        bool, typer.Option(help="run the at-ingest alert rules (urgent mentions)")
    ] = True,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Ingest a file: reports how many mentions were new, duplicate and rejected (and why)."""
    ctx = Context.load(config, data_dir)
    if alerts and ALERTING.of(ctx.config).enabled:
        from alerting.engine import AlertEngine

        # Urgent mentions alert at ingest, whichever process ingests them.
        ctx.pipeline.add_listener(AlertEngine(ctx).listen)
    report = IngestReport()
    batch: list[Record] = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"导入 {file.name}", total=None)
        for record in read_records(file, source):
            if record.mention is None:
                report.rejected.append((record.ref, record.error or "invalid"))
                continue
            batch.append(record)
            if len(batch) >= BATCH:
                _flush(ctx, batch, report)
                progress.advance(task, len(batch))
                batch = []
        _flush(ctx, batch, report)
    ctx.close()
    console.print(
        f"new={len(report.new)} updated={len(report.updated)} "
        f"duplicate={report.duplicates} rejected={len(report.rejected)}"
    )
    console.print(report.summary())
    for ref, reason in report.rejected:
        console.print(f"  rejected {ref}: {reason}", markup=False)


def _flush(ctx: Context, batch: list[Record], report: IngestReport) -> None:
    if batch:
        mentions = [r.mention for r in batch if r.mention is not None]
        report.merge(ctx.pipeline.process(mentions, refs=[r.ref for r in batch]))
