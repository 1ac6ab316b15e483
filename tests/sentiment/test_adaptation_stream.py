"""Adaptation anchored on the deployment's own uncorrected posts: staff who correct only the
missed complaints of a new industry teach the model that industry's defects, not that every
post of the industry is a complaint (a car analyst's 40 corrections had turned praise and
questions about the car into 商品质量 complaints)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.context import Context
from core.pipeline.classifier import get_classifier
from sentiment.adaptation.service import adapt_from_store, stream_texts
from sentiment.corrections import service
from sentiment.corrections.enums import CorrectedField
from tests.core.conftest import T0, make_config, mention

MISSED = [  # car defects: every correction says "this is a complaint"
    "驰远S7冷车起步发动机咔咔响，去了三次4S店都说正常",
    "驰远S7开了两万公里，机油尺每次都少一格，烧机油",
    "驰远S7变速箱低速顿挫，一档升二档像被人踹了一脚",
    "驰远S7车机三天两头死机，导航用着用着就黑屏",
    "驰远S7刹车异响，早上第一脚吱吱叫，4S店不给处理",
    "驰远S7天窗漏水，下雨天副驾脚垫全湿了",
    "驰远S7空调出风口有酸臭味，清洗两次还是有",
    "驰远S7方向盘抖动，高速上一百码以上特别明显",
]
STREAM = [  # the same stream's other posts, left as the model read them
    "驰远S7提车一周年，油耗稳定在七个左右，很满意",
    "驰远S7车主群周末组织自驾游，报名从速",
    "请问驰远S7的保养周期是五千还是一万公里",
    "驰远S7新款上市，配置升级价格不变",
    "驰远S7和隔壁家的SUV怎么选，预算二十万",
    "驰远S7外观真好看，停在楼下回头率很高",
    "驰远S7后排空间很大，孩子坐着舒服",
    "驰远S7长途跑了一千公里，底盘扎实",
    "驰远S7的车机界面简洁，语音识别挺准",
    "驰远S7冬天暖风来得快，老婆很满意",
    "驰远S7试驾感受：加速平顺，隔音不错",
    "驰远S7首保免费，服务顾问很耐心",
]
PRAISE = ["驰远S7的座椅真的舒服，开长途腰也不酸", "驰远S7的车主说说真实油耗"]
DEFECT = "驰远S7仪表盘EPC灯亮了，发动机抖动厉害"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """The car stream ingested, its missed complaints corrected by 李娜."""
    context = Context(config=make_config(), data_dir=tmp_path / "var")
    posts = [mention(f"m{i}", t) for i, t in enumerate(MISSED)]
    posts += [mention(f"s{i}", t, 10 + i) for i, t in enumerate(STREAM)]
    report = context.pipeline.process(posts)
    with context.sessions() as session:
        for stored in report.new:
            if stored.native_id.startswith("m"):
                service.correct(
                    session,
                    context.index,
                    stored.id,
                    {CorrectedField.COMPLAINT: "true"},
                    actor="李娜",
                    now=T0,
                )
    yield context
    context.close()


def _flags(ctx: Context, texts: list[str]) -> list[bool]:
    classifier = get_classifier("default", ctx.data_dir)
    out = classifier.classify([mention(f"new{i}", t) for i, t in enumerate(texts)])
    return [bool(m.complaint and m.complaint.flag) for m in out]


def test_the_stream_anchors_keep_praise_and_questions_out_of_the_complaints(ctx: Context) -> None:
    assert len(stream_texts(ctx.index)) == len(STREAM)  # the corrected posts are no anchors

    with ctx.sessions() as session:
        adapt_from_store(session, ctx.data_dir)  # as before: corrections only
    assert _flags(ctx, PRAISE) == [True, True], "unanchored, the car's words read as complaint"

    with ctx.sessions() as session:
        adapt_from_store(session, ctx.data_dir, index=ctx.index)
    assert _flags(ctx, PRAISE) == [False, False]
    assert _flags(ctx, [DEFECT]) == [True]  # the defects are still learnt
