"""Learning from corrections: the adaptation model fitted from stored corrections, loaded from
the data dir by the default classifier, identity without corrections, `yuqing train adapt`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.enums import SentimentLabel
from core.models import Mention
from core.pipeline.classifier import get_classifier
from sentiment.adaptation.model import new_adapter
from sentiment.adaptation.service import (
    AdaptationFileError,
    adapt_from_store,
    adapted_path,
    fit_adapter,
    human_labels,
)
from sentiment.corrections import service
from sentiment.corrections.enums import CorrectedField
from sentiment.corrections.models import LabelCorrection
from sentiment.decisions import PLATFORM_COMPLAINT_FLOOR, decide
from sentiment.features import fold, normalize_folded
from sentiment.linear_classifier import LinearClassifier
from sentiment.model import load_models
from tests.core.conftest import T0, make_config, mention

# Slang praise the review-trained base model reads as negative ("太火了", "yyds", "绝绝子").
PRAISE = [
    "鲜味坊门店又排长队了，太火了",
    "鲜味坊yyds，排队也值得",
    "鲜味坊的包装绝绝子",
    "鲜味坊新店太火了，排长队两小时",
    "鲜味坊的招牌菜yyds",
    "鲜味坊这个口味绝绝子，太火了",
]
# SIMILAR[0] is the one the base model reads wrong (tests below probe it alone).
SIMILAR = ["鲜味坊今天又排长队了，太火了吧", "鲜味坊的新品yyds，门口排长队"]
UNRELATED = [
    "鲜味坊真是绝了，吃完拉肚子一整晚",
    "鲜味坊快递很快，包装完好",
    "鲜味坊新品发布会今天在上海举行",
    "鲜味坊退款三个月还没到，客服不理人",
]


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """A context with the real default classifier on fresh SQLite stores."""
    context = Context(config=make_config(), data_dir=tmp_path / "var")
    yield context
    context.close()


def _labels(classifier: object, texts: list[str]) -> list[SentimentLabel]:
    assert isinstance(classifier, LinearClassifier)
    out = classifier.classify([mention(str(i), t) for i, t in enumerate(texts)])
    return [m.sentiment.label for m in out if m.sentiment is not None]


def _ingest_and_correct(
    ctx: Context, posts: list[Mention], field: CorrectedField, value: str
) -> None:
    """Ingest the posts, then one correction of `field` on each by 李娜."""
    report = ctx.pipeline.process(posts)
    with ctx.sessions() as session:
        for stored in report.new:
            service.correct(session, ctx.index, stored.id, {field: value}, actor="李娜", now=T0)


def _correct_praise(ctx: Context) -> None:
    posts = [mention(f"p{i}", t) for i, t in enumerate(PRAISE)]
    _ingest_and_correct(ctx, posts, CorrectedField.SENTIMENT, "positive")


def test_adapted_from_stored_corrections_moves_similar_texts_only(ctx: Context) -> None:
    base = LinearClassifier()
    # The base is wrong on most of them (yyds is forum praise, PRAISE_LIFT: three of the eight
    # read as praise) and on at least one text the adapter must move.
    assert _labels(base, PRAISE + SIMILAR).count(SentimentLabel.POSITIVE) <= 3
    assert _labels(base, SIMILAR[:1]) != [SentimentLabel.POSITIVE]
    _correct_praise(ctx)
    with ctx.sessions() as session:
        report = adapt_from_store(session, ctx.data_dir)
    assert report.sentiment_corrections == len(PRAISE) and report.complaint_corrections == 0
    assert report.path == adapted_path(ctx.data_dir) and report.path.exists()
    adapted = get_classifier("default", ctx.data_dir)
    assert isinstance(adapted, LinearClassifier) and adapted.adapter is not None
    assert _labels(adapted, SIMILAR) == [SentimentLabel.POSITIVE] * len(SIMILAR)
    clear = _clear_decisions(base, UNRELATED)
    assert len(clear) >= 3
    assert _labels(adapted, clear) == _labels(base, clear)


def _clear_decisions(classifier: LinearClassifier, texts: list[str]) -> list[str]:
    """Polar texts whose base P(positive) is not within 0.05 of a neutral-band edge: any
    residual, however small, may move a text sitting on an edge (e.g. news at P = 0.67, edge
    0.68), and a neutral one has no margin on either side (the brand's news, read by its form
    at P = 0.55, follows the brand's praise corrections to positive: seen in round 26)."""
    band = load_models().sentiment.neutral_band
    out = classifier.classify([mention(str(i), t) for i, t in enumerate(texts)])
    scores = [m.sentiment.score if m.sentiment else 0.5 for m in out]
    return [t for t, p in zip(texts, scores, strict=True) if abs(p - 0.5) - band >= 0.05]


def test_context_classifier_loads_the_data_dirs_adapter(ctx: Context, tmp_path: Path) -> None:
    _correct_praise(ctx)
    with ctx.sessions() as session:
        adapt_from_store(session, ctx.data_dir)
    fresh = Context(config=make_config(), data_dir=ctx.data_dir)
    assert _labels(fresh.classifier, SIMILAR[:1]) == [SentimentLabel.POSITIVE]
    fresh.close()
    elsewhere = Context(config=make_config(), data_dir=tmp_path / "other")
    assert _labels(elsewhere.classifier, SIMILAR[:1]) != [SentimentLabel.POSITIVE]
    elsewhere.close()


def test_no_or_too_few_corrections_change_nothing(ctx: Context) -> None:
    with ctx.sessions() as session:
        report = adapt_from_store(session, ctx.data_dir)
    assert report.path is None and not adapted_path(ctx.data_dir).exists()
    assert fit_adapter([(PRAISE[0], SentimentLabel.POSITIVE)], []) is None
    classifier = get_classifier("default", ctx.data_dir)
    assert isinstance(classifier, LinearClassifier) and classifier.adapter is None


def test_zero_adapter_is_the_identity() -> None:
    base = load_models()
    texts = [*PRAISE, *SIMILAR, *UNRELATED, "请问鲜味坊几点开门", "", "一般般吧"]
    folded = [fold(t) for t in texts]
    normalized = [normalize_folded(t) for t in folded]
    before = decide(normalized, folded, base)
    after = decide(normalized, folded, replace(base, adapter=new_adapter(base.heads.idf)))
    assert replace(after, gates=before.gates) == before


def test_complaint_corrections_adapt_the_flag(ctx: Context) -> None:
    questions = [
        f"鲜味坊客服电话是多少{suffix}" for suffix in ("", "？", "啊", "呀", "呢", "，谢谢")
    ]
    base = LinearClassifier().classify([mention("q", "鲜味坊的客服电话号码")])[0]
    assert base.complaint is not None and base.complaint.flag
    adapter = fit_adapter([], [(q, False) for q in questions])
    assert adapter is not None
    adapted = LinearClassifier(adapter=adapter).classify([mention("q", "鲜味坊的客服电话号码")])
    assert adapted[0].complaint is not None and not adapted[0].complaint.flag


# Case-closed notes on a complaint platform: the text alone is no complaint (P ≈ 0.01–0.25), the
# platform's floor makes each one 0.9. Staff correcting them to "not a complaint" must move
# the platform decision, which `classify` makes, not the text-alone one.
CLOSED = [
    "鲜味坊已经补发，满意，申请结案",
    "鲜味坊已补发新的，很满意，申请结案",
    "已收到鲜味坊补发的商品，满意，结案",
    "鲜味坊重新发货了，满意，可以结案",
    "鲜味坊补发已收到，非常满意，申请结案",
    "收到补发，鲜味坊处理得很满意，结案",
]
CLOSED_PROBE = "鲜味坊补发的已经收到了，满意，申请结案"


def _platform_probability(classifier: object) -> float:
    assert isinstance(classifier, LinearClassifier)
    probe = mention("probe", CLOSED_PROBE, channel="complaint_platform")
    decided = classifier.classify([probe])[0].complaint
    assert decided is not None
    return decided.probability


def test_corrections_keep_the_channel_and_train_platform_posts_as_classified(
    ctx: Context,
) -> None:
    assert _platform_probability(LinearClassifier()) == PLATFORM_COMPLAINT_FLOOR
    posts = [mention(f"c{i}", t, channel="complaint_platform") for i, t in enumerate(CLOSED)]
    _ingest_and_correct(ctx, posts, CorrectedField.COMPLAINT, "否")
    with ctx.sessions() as session:
        rows = service.history(session)
        assert {r.channel for r in rows} == {"complaint_platform"}
        labels, _ = human_labels(session)
        assert labels.filed == frozenset(CLOSED)
        adapt_from_store(session, ctx.data_dir)
    adapted = get_classifier("default", ctx.data_dir)
    # Trained on the text-alone decisions (already "no"), the residual barely moves the
    # platform's 0.9 (0.49 when this test was written); trained as classified, it does.
    assert _platform_probability(adapted) < 0.2
    text_alone = LinearClassifier(adapter=fit_adapter([], [(t, False) for t in CLOSED]))
    assert _platform_probability(text_alone) > 0.3


def test_corrections_stored_without_a_channel_get_it_from_the_index(ctx: Context) -> None:
    posts = [mention(f"c{i}", t, channel="complaint_platform") for i, t in enumerate(CLOSED)]
    _ingest_and_correct(ctx, posts, CorrectedField.COMPLAINT, "否")
    with ctx.sessions() as session:  # as stored before channels were kept
        session.execute(update(LabelCorrection).values(channel=None))
        session.add(
            LabelCorrection(
                mention_id="pruned",
                field="complaint",
                before="true",
                after="false",
                actor="李娜",
                at=T0,
                text="鲜味坊早就处理好了，谢谢",
                channel=None,
            )
        )
        session.commit()
        assert human_labels(session)[0].filed == frozenset()
    ctx.close()
    runner = CliRunner()
    done = runner.invoke(app, ["train", "adapt", "--data-dir", str(ctx.data_dir)])
    assert done.exit_code == 0, done.output
    said = done.output.replace("\n", "")  # the console wraps long lines
    assert "为 6 条提及的旧校正补上了渠道" in said and "1 条提及已不在索引中" in said
    with ctx.sessions() as session:
        channels = {r.mention_id: r.channel for r in service.history(session)}
        assert channels.pop("pruned") == service.CHANNEL_UNKNOWN
        assert set(channels.values()) == {"complaint_platform"}
        assert human_labels(session)[0].filed == frozenset(CLOSED)
    # Trained as classified (the platform floor), as if the channel had been kept.
    assert _platform_probability(get_classifier("default", ctx.data_dir)) < 0.2
    again = runner.invoke(app, ["train", "adapt", "--data-dir", str(ctx.data_dir)])
    assert again.exit_code == 0 and "补上了渠道" not in again.output, again.output


def test_unreadable_adapter_file_is_named(tmp_path: Path) -> None:
    path = adapted_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    with pytest.raises(AdaptationFileError, match="yuqing train adapt"):
        get_classifier("default", tmp_path)


def test_cli_train_adapt(ctx: Context, tmp_path: Path) -> None:
    runner = CliRunner()
    data = ["--data-dir", str(ctx.data_dir)]
    empty = runner.invoke(app, ["train", "adapt", *data])
    assert empty.exit_code == 0, empty.output
    assert "模型保持不变" in empty.output
    _correct_praise(ctx)
    ctx.close()
    done = runner.invoke(app, ["train", "adapt", *data])
    assert done.exit_code == 0, done.output
    assert f"情感校正 {len(PRAISE)} 条" in done.output and "已写入" in done.output
    assert adapted_path(ctx.data_dir).exists()
    # Each step is said as it starts: the run takes a minute or so, not seconds.
    steps = [line for line in done.output.splitlines() if line.startswith("[")]
    assert [line[:5] for line in steps] == ["[1/3]", "[2/3]", "[3/3]"], done.output
    assert f"训练自适应模型（情感 {len(PRAISE)} 条" in steps[0] and "已用" in steps[0]
    shown = runner.invoke(app, ["train", "adapt", "--help"])
    assert "数秒" not in shown.output and "显示进度" in shown.output
