"""`yuqing index …`: set up the engine index, migrate mentions between backends, show stats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.config import IndexConfig, load_config, retention_problem
from core.errors import ConfigError
from core.index.engines import EngineMentionIndex, mapping, open_engine_index, resort
from core.index.engines.mapping import CJK_BIGRAM
from core.index.factory import open_index
from core.index.protocol import MentionIndex, SearchQuery
from core.timeutil import parse_duration

app = typer.Typer(help="搜索索引 mention index: init, migrate, stats, prune", no_args_is_help=True)
console = Console(soft_wrap=True)

ANALYZER_NOTES = {
    CJK_BIGRAM: "CJK bigrams (no Chinese word segmenter plugin; install analysis-smartcn or"
    " analysis-ik for word-based relevance)",
    "smartcn": "smartcn word segmentation (analysis-smartcn plugin)",
    "ik_max_word": "ik word segmentation (analysis-ik plugin)",
}


class Backend(StrEnum):
    """Index backends a migration can read from or write to."""

    SQLITE = "sqlite"
    OPENSEARCH = "opensearch"
    ELASTICSEARCH = "elasticsearch"


def _index_config(config: Path | None, backend: Backend | None = None) -> IndexConfig:
    settings = load_config(config).index
    return settings.model_copy(update={"backend": str(backend)}) if backend else settings


def _engine(settings: IndexConfig) -> EngineMentionIndex:
    if settings.backend == Backend.SQLITE:
        raise ConfigError(
            "index.backend: sqlite needs no init; set index.backend to opensearch or"
            " elasticsearch (or YUQING_INDEX__BACKEND) to use an engine"
        )
    return open_engine_index(settings)


@app.command(help="安装索引模板与读取别名；显示当前使用的中文分词器")
def init(
    replace_template: Annotated[
        bool, typer.Option(help="重写索引模板（新月份索引采用新的映射）")
    ] = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Install the index template and read alias; print which Chinese analyzer is active."""
    settings = _index_config(config)
    if settings.backend == Backend.SQLITE:
        index = open_index(settings, data_dir)
        index.close()
        console.print(f"sqlite index ready in {settings.path or data_dir / 'mentions.db'}")
        return
    engine = _engine(settings)
    try:
        version = engine.client.version()
        analyzer = engine.ensure_template(overwrite=replace_template)
        unsorted = resort.unsorted_months(engine)
    finally:
        engine.close()
    console.print(f"{settings.backend} {version} at {engine.client.url}")
    console.print(
        f"template [bold]{engine.prefix}[/bold] → indices {engine.pattern} (one per month),"
        f" read alias {engine.prefix}"
    )
    console.print(f"analyzer: [bold]{analyzer}[/bold] — {ANALYZER_NOTES.get(analyzer, analyzer)}")
    if unsorted:
        console.print(
            f"[yellow]{len(unsorted)} 个月份索引未按发布时间排序（按时间的检索较慢）：运行"
            f" yuqing index migrate --from {settings.backend} --to {settings.backend}"
            " 重建[/yellow]"
        )


@dataclass
class MigrationReport:
    """What a migration copied."""

    copied: int = 0
    created: int = 0
    updated: int = 0
    errors: dict[str, str] = field(default_factory=dict)


def copy_mentions(
    source: MentionIndex,
    target: MentionIndex,
    batch: int,
    progress: Callable[[int], None] = lambda n: None,
) -> MigrationReport:
    """Copy every mention from source to target in `since` order, one upsert per batch."""
    report = MigrationReport()
    cursor: str | None = None
    while True:
        mentions, cursor = source.since(cursor, limit=batch)
        if not mentions:
            break
        result = target.upsert_many(mentions)
        report.copied += len(mentions)
        report.created += len(result.created)
        report.updated += len(result.updated)
        report.errors.update(result.errors)
        progress(len(mentions))
    target.refresh()
    return report


@app.command(help="把全部提及从一个后端复制到另一个（幂等，可重复运行）")
def migrate(
    from_backend: Annotated[Backend, typer.Option("--from", help="从此后端读取")] = Backend.SQLITE,
    to_backend: Annotated[Backend, typer.Option("--to", help="写入此后端")] = Backend.OPENSEARCH,
    batch: Annotated[int, typer.Option(min=1, max=10_000, help="每批写入的提及数")] = 500,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Copy every mention from one backend to another (idempotent; safe to run again).

    `--from E --to E` on an engine rewrites its monthly indices made before index sorting
    into the current layout, one month at a time (that month refuses writes meanwhile).
    """
    if from_backend == to_backend and from_backend != Backend.SQLITE:
        return _resort(_engine(_index_config(config, to_backend)))
    if from_backend == to_backend:
        raise ConfigError(f"migrate: --from and --to are both {from_backend}; pick two backends")
    source = open_index(_index_config(config, from_backend), data_dir)
    target = open_index(_index_config(config, to_backend), data_dir)
    if isinstance(target, EngineMentionIndex):
        target.bulk_load()
    try:
        total = source.count(SearchQuery())
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=console) as bar:
            task = bar.add_task(f"{from_backend} → {to_backend}", total=total)
            report = copy_mentions(source, target, batch, lambda n: bar.advance(task, n))
    finally:
        source.close()
        target.close()
    console.print(
        f"copied {report.copied} mentions: {report.created} new, {report.updated} updated,"
        f" {len(report.errors)} rejected"
    )
    for mention_id, reason in list(report.errors.items())[:10]:
        console.print(f"  [red]{mention_id}[/red]: {reason}", highlight=False)
    if report.errors:
        raise typer.Exit(1)


def _resort(engine: EngineMentionIndex) -> None:
    """Rewrite the unsorted months of an engine index, with a progress bar."""
    try:
        engine.index_sort = True
        engine.ensure_template()
        months = resort.unsorted_months(engine)
        if not months:
            console.print(f"{engine.prefix}: 所有月份索引已是当前布局（按发布时间排序），无需重建")
            return
        console.print(
            f"重建 {len(months)} 个月份索引（按发布时间排序）：{', '.join(months)}；"
            "复制期间该月份暂停写入"
        )
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=console) as bar:
            task = bar.add_task("重建", total=sum(months.values()))
            report = resort.resort_all(engine, lambda n: bar.advance(task, n))
    finally:
        engine.close()
    for old, new in report.months.items():
        console.print(f"  {old} → {new}（别名 {engine.prefix}-{mapping.month_of(old)}）")
    console.print(f"重建完成：{len(report.months)} 个月份，复制 {report.copied} 条")


def _size(num_bytes: int) -> str:
    size = float(num_bytes)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


@app.command(help="当前索引的文档数、索引列表、分词器与大小")
def stats(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Document count, indices, analyzer and size of the configured index."""
    settings = _index_config(config)
    if settings.backend == Backend.SQLITE:
        path = Path(settings.path) if settings.path else data_dir / "mentions.db"
        index = open_index(settings, data_dir)
        try:
            count = index.count(SearchQuery())
        finally:
            index.close()
        console.print(f"sqlite {path}: {count} mentions, {_size(path.stat().st_size)}")
        return
    engine = _engine(settings)
    try:
        version = engine.client.version()
        template = engine.client.get_template(engine.prefix)
        indices = engine.monthly_indices()
    finally:
        engine.close()
    analyzer = (template or {}).get("_meta", {}).get("analyzer", "— (run `yuqing index init`)")
    table = Table("index", "mentions", "size")
    for name, (docs, size) in indices.items():
        table.add_row(name, str(docs), _size(size))
    total_docs = sum(d for d, _ in indices.values())
    table.add_row("[bold]total[/bold]", str(total_docs), _size(sum(s for _, s in indices.values())))
    console.print(f"{settings.backend} {version} at {engine.client.url}; analyzer: {analyzer}")
    console.print(table)


@app.command(help="立即执行保留策略：删除过旧的提及（搜索引擎按整月删除）")
def prune(
    older_than: Annotated[
        str | None,
        typer.Option(help="删除发布时间早于此时长的提及（如 400d）"),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="不再询问确认")] = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Apply retention now: delete old mentions (engines drop whole months)."""
    settings = _index_config(config)
    keep = parse_duration(older_than) if older_than else settings.retention
    if keep is None:
        raise ConfigError("index prune: pass --older-than (e.g. 400d) or set index.retention")
    problem = retention_problem(keep)
    if problem:
        raise ConfigError(f"index prune: --older-than {problem}")
    cutoff = datetime.now(UTC) - keep
    index = open_index(settings, data_dir)
    try:
        doomed = index.count(SearchQuery(until=cutoff))
        console.print(f"{doomed} mentions published before {cutoff:%Y-%m-%d %H:%M} UTC")
        if doomed and not yes and not typer.confirm("delete them?", default=False):
            raise typer.Exit(1)
        removed = index.prune_before(cutoff) if doomed else 0
    finally:
        index.close()
    console.print(f"deleted {removed} mentions")
