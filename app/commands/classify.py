"""`yuqing classify --in FILE --out FILE`: add sentiment, complaint, category, urgency, keywords."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import Progress

from core.cli_options import ConfigOption
from core.config_loading import load_config
from core.enums import Channel
from core.intake import TEXT_COLUMNS, csv_rows, jsonl_rows, read_text
from core.models import Mention, utcnow
from core.pipeline.classifier import Classifier, get_classifier
from core.pipeline.own_posts import for_brand_of
from core.timeutil import local_minute, zone_zh

BATCH = 1000
SHOWN = 100  # records that could not be classified listed one by one; the rest are counted
LABELS = ("sentiment", "category", "urgency", "keywords", "complaint")
console = Console(stderr=True)


def classify(
    input_file: Annotated[Path, typer.Option("--in", help="JSONL 或含 text/review 列的 CSV")],
    output_file: Annotated[Path, typer.Option("--out", help="输出 JSONL（加上分类字段）")],
    model: Annotated[str, typer.Option(help="模型：default（默认）或 snownlp")] = "default",
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="部署的数据目录：使用其由人工校正训练的自适应模型"),
    ] = None,
    channel: Annotated[
        Channel | None,
        typer.Option(
            "--channel",
            help="没有 channel 字段的记录按此频道判断（complaint_platform：都是投诉）",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Classify every record of a file; JSONL out, one record per input record, same order.
    A record's own `channel` wins over --channel; complaint-platform records are complaints."""
    classifier = get_classifier(model, data_dir)
    settings = load_config(config) if config is not None or data_dir is not None else None
    if data_dir is not None and settings is not None:
        tz = settings.tz  # the training time in the configured zone
        console.print(_adaptation_note(classifier, data_dir, tz), highlight=False, soft_wrap=True)
    if config is not None and settings is not None:
        # As at ingest: no brand names in keywords, own accounts' posts no complaints.
        classifier = for_brand_of(classifier, settings)
    rows = list(_rows(input_file))
    written, skipped = 0, []
    output_file.parent.mkdir(parents=True, exist_ok=True)
    with (
        output_file.open("w", encoding="utf-8") as out,
        Progress(console=console, transient=True, refresh_per_second=2) as progress,  # see ingest
    ):
        task = progress.add_task(f"分类 {input_file.name}", total=len(rows))
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            usable = [(n, row) for n, row, why in chunk if why is None]
            mentions = [_mention(number, row, channel) for number, row in usable]
            results = dict(zip([n for n, _ in usable], classifier.classify(mentions), strict=True))
            for number, row, why in chunk:  # one output record per input record, in order
                if why is None:
                    record = _annotated(row, results[number])
                    written += 1
                else:
                    record = {**row, **dict.fromkeys(LABELS), "error": why}
                    skipped.append((number, why))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            progress.advance(task, len(chunk))
    console.print(
        f"已用 {classifier.name} 模型分类 {written} 条记录"
        + (f"，{len(skipped)} 条无法分类（输出里带 error 字段）" if skipped else "")
        + f" → {output_file}"
    )
    for number, why in skipped[:SHOWN]:
        console.print(f"  第 {number} 行：{why}", highlight=False, markup=False)
    if len(skipped) > SHOWN:
        console.print(f"  …另有 {len(skipped) - SHOWN} 行（仅列出前 {SHOWN} 行）")


def _adaptation_note(classifier: Classifier, data_dir: Path, tz: tzinfo) -> str:
    adapter = getattr(classifier, "adapter", None)
    if adapter is None:
        return f"{data_dir} 没有自适应模型，使用基础模型"
    meta = adapter.meta
    used = "、".join(
        f"{zh} {meta.get(f'{key}_corrections', 0)} 条"
        for key, zh in (("sentiment", "情感"), ("complaint", "是否投诉"), ("category", "类别"))
    )
    stamp = meta.get("trained_at")
    trained = (
        f"{local_minute(datetime.fromisoformat(stamp), tz)}（{zone_zh(tz)}）" if stamp else "?"
    )
    return f"使用 {data_dir} 的自适应模型（{trained}由 {used}校正训练）"


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """(line, record, why it cannot be classified or None) of every record of the file: a
    broken line or a record without text is reported in its place, not the end of the run."""
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        for line, _, cells in csv_rows(path.name, text, "\t" if suffix == ".tsv" else ",")[1]:
            if isinstance(cells, str):
                yield line, {}, cells
            else:
                yield line, cells, _without_text(cells)
        return
    for number, row, error in jsonl_rows(text):
        if row is None:
            yield number, {}, error or "无法读取"
        else:
            yield number, row, _without_text(row)


def _without_text(row: dict[str, Any]) -> str | None:
    """Why a record has nothing to classify, or None when it has text."""
    if any(str(row.get(c) or "").strip() for c in (*TEXT_COLUMNS, "title")):
        return None
    return f"没有正文（{'、'.join(TEXT_COLUMNS)} 均为空或缺失），未分类"


def _mention(number: int, row: dict[str, Any], channel: Channel | None = None) -> Mention:
    text = next((str(row[c]) for c in TEXT_COLUMNS if row.get(c)), "")
    default = channel or Channel.OTHER
    data: dict[str, Any] = {
        "source": str(row.get("source") or "classify"),
        "channel": row.get("channel") or default,
        "native_id": str(row.get("native_id") or row.get("id") or number),
        "text": text,
        "title": row.get("title"),
        "published_at": row.get("published_at") or utcnow(),
        "author": row.get("author") if isinstance(row.get("author"), dict) else {},
        "metrics": row.get("metrics") if isinstance(row.get("metrics"), dict) else {},
    }
    try:
        return Mention.model_validate(data)
    except ValidationError:
        return Mention(
            source="classify",
            native_id=str(number),
            text=text,
            published_at=utcnow(),
            channel=default,
        )


def _annotated(row: dict[str, Any], mention: Mention) -> dict[str, Any]:
    out = dict(row)
    out["sentiment"] = mention.sentiment.model_dump(mode="json") if mention.sentiment else None
    out["category"] = str(mention.category) if mention.category else None
    out["urgency"] = mention.urgency.model_dump(mode="json") if mention.urgency else None
    out["keywords"] = mention.keywords
    out["complaint"] = mention.complaint.model_dump(mode="json") if mention.complaint else None
    return out
