"""Typer apps mounted by the main CLI: `yuqing train sentiment` and `yuqing eval sentiment`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.status import Status
from rich.table import Table

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from sentiment.model import CATEGORY_MODEL_PATH, SENTIMENT_MODEL_PATH

if TYPE_CHECKING:
    from sentiment.adaptation.service import HumanLabels

train_app = typer.Typer(help="训练模型（情感 + 类别）", no_args_is_help=True)
eval_app = typer.Typer(help="在标注 CSV 上评估模型", no_args_is_help=True)


def _console() -> Console:
    # Created per command so COLUMNS / terminal width are read when the command runs.
    return Console()


@train_app.command("sentiment", help="训练情感与类别模型（需要 dev 附加依赖中的 scikit-learn）")
def train_sentiment_command(
    data_dir: Path | None = typer.Option(
        None,
        "--data-dir",
        help="*.train.csv 所在目录（默认 /work/shared/data/sentiment，"
        "不存在时用 ../shared/data/sentiment）",
    ),
    out: Path = typer.Option(SENTIMENT_MODEL_PATH, "--out", help="情感模型 .npz 输出路径"),
    category_out: Path = typer.Option(
        CATEGORY_MODEL_PATH, "--category-out", help="类别模型 .npz 输出路径"
    ),
) -> None:
    """Train the sentiment and category models (needs scikit-learn from the dev extra)."""
    from sentiment.data import default_data_dir
    from sentiment.train import train

    console = _console()
    try:
        report = train(data_dir or default_data_dir(), out, category_out, progress=console.print)
    except FileNotFoundError as exc:
        console.print(f"[red]错误：[/red]{exc}")
        raise typer.Exit(1) from None
    except ImportError as exc:
        console.print(
            f"[red]错误：[/red]训练需要 scikit-learn（缺少 {exc.name}）：pip install -e '.[dev]'"
        )
        raise typer.Exit(1) from None
    table = Table("留出数据集", "准确率")
    for name, accuracy in report.held_out_accuracy.items():
        table.add_row(name, f"{accuracy:.4f}")
    console.print(table)
    console.print(
        f"中性区间 0.5 ± {report.neutral_band}；已写入 {report.sentiment_path} 和 "
        f"{report.category_path}（{report.seconds} 秒）"
    )


# Measured with 60 corrections on a 2-core machine under load: 35–70 s, about half fitting the
# model and half fitting it again on 4/5 of them to measure the effect on the held-back fifth.
@train_app.command(
    "adapt",
    help="用本部署的人工校正调整模型（约半分钟到一两分钟，逐步显示进度；只需 numpy）",
)
def train_adapt_command(
    config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR
) -> None:
    """Adapt this deployment's model from its staff corrections (a minute or so; numpy only).

    Writes DATA_DIR/models/adapted.npz, which `yuqing run` and the service then use.
    """
    from core.context import Context
    from sentiment.adaptation.job import FIELD_ZH
    from sentiment.adaptation.service import MIN_CORRECTIONS, adapt_from_store
    from sentiment.corrections.service import fill_channels

    console = _console()
    ctx = Context.load(config, data_dir)
    try:
        with ctx.sessions() as session, console.status("读取人工校正…") as spinner:
            filled = fill_channels(session, ctx.index)
            if filled.message_zh():
                console.print(filled.message_zh(), highlight=False)
            steps = AdaptSteps(console, spinner)
            report = adapt_from_store(session, ctx.data_dir, index=ctx.index, stage=steps)
    finally:
        ctx.close()
    counts = (
        f"情感校正 {report.sentiment_corrections} 条，"
        f"是否投诉校正 {report.complaint_corrections} 条，"
        f"类别校正 {report.category_corrections} 条"
    )
    if report.path is None:
        console.print(f"{counts}：每项少于 {MIN_CORRECTIONS} 条，模型保持不变", highlight=False)
        return
    console.print(f"{counts}；已写入 {report.path}（共 {report.seconds} 秒）", highlight=False)
    for name, cell in report.effect.items():
        console.print(
            f"留出校正上的{FIELD_ZH[name]}准确率（{int(cell['held_back'])} 条）："
            f"基础模型 {cell['before']:.2f} → 自适应 {cell['after']:.2f}",
            highlight=False,
        )


class AdaptSteps:
    """Says each step of `train adapt` as it starts, with the time since the start (a line
    each, and the spinner's text while it runs)."""

    def __init__(self, console: Console, spinner: Status) -> None:
        self.console, self.spinner = console, spinner
        self.started = time.perf_counter()

    def __call__(self, name: str, labels: HumanLabels) -> None:
        """Announce step `name` (fit, measure or save)."""
        counts = labels.counts()
        words = {
            "fit": f"[1/3] 训练自适应模型（情感 {counts['sentiment']} 条，"
            f"是否投诉 {counts['complaint']} 条，类别 {counts['category']} 条）",
            "measure": "[2/3] 测量效果：留出 1/5 的校正，用其余的再训练一次后比较",
            "save": "[3/3] 写入模型文件",
        }
        line = f"{words[name]}…（已用 {time.perf_counter() - self.started:.0f} 秒）"
        self.console.print(line, highlight=False, markup=False)
        self.spinner.update(words[name] + "…")


@eval_app.command(
    "sentiment", help="各数据集的准确率、宏平均F1 与每秒文档数，本模型与 snownlp 对比"
)
def eval_sentiment_command(
    data: list[Path] = typer.Option(
        ..., "--data", help="标注 CSV（label 列 1=正面 0=负面，review 列为文本），可重复"
    ),
    model: list[str] = typer.Option(["default", "snownlp"], "--model", help="分类器名称，可重复"),
    sample: int | None = typer.Option(None, "--sample", help="只评估固定的随机样本（条数）"),
) -> None:
    """Accuracy, macro-F1 and docs/s per dataset, our model beside snownlp.

    A known *.train.csv is scored on its held-out 20 % (the rest was used for training).
    """
    from core.errors import ConfigError, IntakeError
    from core.pipeline.classifier import get_classifier
    from sentiment.evaluate import evaluate, evaluation_corpus

    console = _console()
    try:
        classifiers = [get_classifier(name) for name in model]
    except ConfigError as exc:
        console.print(f"[red]错误：[/red]{exc}")
        raise typer.Exit(2) from None
    table = Table(
        "数据集",
        "条数",
        *(f"{c.name} {m}" for m in ("准确率", "宏平均F1", "条/秒") for c in classifiers),
    )
    for path in data:
        if not path.exists():
            console.print(f"[red]错误：[/red]{path}：文件不存在（检查 --data 的路径）")
            raise typer.Exit(2)
        try:
            corpus = evaluation_corpus(path, sample)
        except IntakeError as exc:
            console.print(f"[red]错误：[/red]{exc}")
            raise typer.Exit(2) from None
        results = [evaluate(c, corpus) for c in classifiers]
        table.add_row(
            corpus.name,
            str(len(corpus.texts)),
            *(f"{r.accuracy:.4f}" for r in results),
            *(f"{r.macro_f1:.4f}" for r in results),
            *(f"{r.docs_per_second:,.0f}" for r in results),
        )
    console.print(table)


@eval_app.command("category", help="投诉类别在人工标注样本上的准确率（按标注轮次）")
def eval_category_command(
    data: Path | None = typer.Option(None, "--data", help="人工标注 CSV（默认用项目自带的）"),
) -> None:
    """Complaint-category accuracy on the hand-labelled sample, per labelling round.

    Strict counts the main category only; lenient also accepts the alternatives the
    annotator listed for mixed complaints. Round 2 was never looked at while tuning.
    """
    from core.pipeline.classifier import get_classifier
    from sentiment.category_eval import SAMPLE, load_sample, score

    console = _console()
    path = data or SAMPLE
    if not path.exists():
        console.print(f"[red]错误：[/red]{path}：文件不存在（检查 --data 的路径）")
        raise typer.Exit(2)
    try:
        sample = load_sample(path)
    except ValueError as exc:
        console.print(f"[red]错误：[/red]{exc}")
        raise typer.Exit(2) from None
    except KeyError as exc:
        console.print(
            f"[red]错误：[/red]{path}：缺少列 {exc}（需要的列：round、text、category、also）"
        )
        raise typer.Exit(2) from None
    classifier = get_classifier("default")
    table = Table("轮次", "条数", "严格准确率", "宽松准确率", "宏平均F1", "最常混淆")
    for number in sorted({s.round for s in sample}):
        scores = score(classifier, [s for s in sample if s.round == number])
        confused = "; ".join(f"{t}→{p} ×{n}" for t, p, n in scores.confusions[:2])
        table.add_row(
            str(number),
            str(scores.docs),
            f"{scores.strict_accuracy:.3f}",
            f"{scores.lenient_accuracy:.3f}",
            f"{scores.macro_f1:.3f}",
            confused,
        )
    console.print(table)
