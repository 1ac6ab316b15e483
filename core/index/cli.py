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
from core.config import IndexConfig
from core.config_loading import load_config
from core.errors import ConfigError, StoreMissing
from core.index.engines import EngineMentionIndex, mapping, open_engine_index, resort
from core.index.engines.mapping import CJK_BIGRAM
from core.index.factory import SQLITE_INDEX_FILE, open_index
from core.index.protocol import MentionIndex, SearchQuery
from core.index_limits import retention_problem
from core.timeutil import parse_duration

app = typer.Typer(help="搜索索引：初始化、迁移、统计、清理", no_args_is_help=True)
console = Console(soft_wrap=True)

ANALYZER_NOTES = {
    CJK_BIGRAM: "按相邻两字切分（未装中文分词插件；装 analysis-smartcn 或 analysis-ik"
    " 后按词计算相关度）",
    "smartcn": "smartcn 中文分词（analysis-smartcn 插件）",
    "ik_max_word": "ik 中文分词（analysis-ik 插件）",
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
            "index.backend：sqlite 无需 init；要用搜索引擎，把 index.backend 设为 opensearch"
            " 或 elasticsearch（或设置环境变量 YUQING_INDEX__BACKEND）"
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
        console.print(f"sqlite 索引已就绪：{settings.path or data_dir / 'mentions.db'}")
        return
    engine = _engine(settings)
    try:
        version = engine.client.version()
        analyzer = engine.ensure_template(overwrite=replace_template)
        unsorted = resort.unsorted_months(engine)
    finally:
        engine.close()
    console.print(f"{settings.backend} {version}，地址 {engine.client.url}")
    console.print(
        f"索引模板 [bold]{engine.prefix}[/bold] → 索引 {engine.pattern}（每月一个），"
        f"读取别名 {engine.prefix}"
    )
    console.print(f"分词器：[bold]{analyzer}[/bold] — {ANALYZER_NOTES.get(analyzer, analyzer)}")
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
        raise ConfigError(
            f"index migrate：--from 和 --to 都是 {from_backend}；请指定两个不同的后端"
        )
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
        f"已复制 {report.copied} 条提及：新增 {report.created} 条，更新 {report.updated} 条，"
        f"拒绝 {len(report.errors)} 条"
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
        path = Path(settings.path) if settings.path else data_dir / SQLITE_INDEX_FILE
        if not path.exists():
            raise StoreMissing(f"索引文件 {path} 不存在；检查 --data-dir 或 index.path")
        index = open_index(settings, data_dir)
        try:
            count = index.count(SearchQuery())
        finally:
            index.close()
        console.print(f"sqlite {path}：{count} 条提及，{_size(path.stat().st_size)}")
        return
    engine = _engine(settings)
    try:
        version = engine.client.version()
        template = engine.client.get_template(engine.prefix)
        indices = engine.monthly_indices()
    finally:
        engine.close()
    analyzer = (
        (template or {}).get("_meta", {}).get("analyzer", "—（运行 yuqing index init 安装模板）")
    )
    table = Table("索引", "提及数", "大小")
    for name, (docs, size) in indices.items():
        table.add_row(name, str(docs), _size(size))
    total_docs = sum(d for d, _ in indices.values())
    table.add_row("[bold]合计[/bold]", str(total_docs), _size(sum(s for _, s in indices.values())))
    console.print(f"{settings.backend} {version}，地址 {engine.client.url}；分词器：{analyzer}")
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
        raise ConfigError(
            "index prune：请用 --older-than 指定时长（如 400d），或在配置中设置 index.retention"
        )
    problem = retention_problem(keep)
    if problem:
        raise ConfigError(f"index prune：--older-than {problem}")
    cutoff = datetime.now(UTC) - keep
    index = open_index(settings, data_dir)
    try:
        doomed = index.count(SearchQuery(until=cutoff))
        console.print(f"{doomed} 条提及发布于 {cutoff:%Y-%m-%d %H:%M} UTC 之前")
        if doomed and not yes and not typer.confirm("删除这些提及？", default=False):
            raise typer.Exit(1)
        removed = index.prune_before(cutoff) if doomed else 0
    finally:
        index.close()
    console.print(f"已删除 {removed} 条提及")
