"""Adaptation anchored on the deployment's own uncorrected posts: staff who correct only the
missed complaints of a new industry teach the model that industry's defects, not that every
post of the industry is a complaint (a car analyst's 40 corrections had turned praise and
questions about the car into 商品质量 complaints)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from core.context import Context
from core.enums import Category
from core.pipeline.classifier import get_classifier
from sentiment.adaptation.model import CATEGORY_COLUMNS, COMPLAINT_COLUMNS
from sentiment.adaptation.service import adapt_from_store, fit_adapter, stream_texts
from sentiment.corrections import service
from sentiment.corrections.enums import CorrectedField
from sentiment.decisions import decide
from sentiment.features import fold, normalize_folded
from sentiment.model import LoadedModels, load_models
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


# A gym chain's staff file the hard sell (围着推销私教) under 服务态度 where the model reads a
# price (购销合同/价格): the stream's quiet posts speak of the same 私教, 办卡 and 推销.
HARD_SELL = [
    "去力健健身练腿，教练一直跟着推销私教课，说不买就练不好",
    "力健健身的销售把我堵在更衣室门口推销年卡，半小时不让走",
    "在力健健身洗个澡出来又被拉去办卡，推销得让人很烦",
    "力健健身前台每次都推销续卡，不续就给脸色看",
    "体测完力健健身教练说我体态很差，非要我买二十节私教",
    "力健健身的会籍顾问天天微信轰炸让我升级会员，拒绝了还阴阳怪气",
    "带朋友去力健健身体验，被三个销售轮番推销，朋友再也不想来了",
    "力健健身教练上课一半时间在推销蛋白粉",
]
GYM_STREAM = [
    "力健健身的教练从来不推销，练得很舒服",
    "在力健健身办卡没被推销，体验不错",
    "力健健身新店开业，办卡送私教课",
    "请问力健健身年卡多少钱，教练怎么样",
    "周末去力健健身游泳，人不多",
    "力健健身的淋浴间很干净，前台很热情",
]
HARD_SELL_NEW = [
    "力健健身的教练一直推销私教课，烦",
    "力健健身销售堵着推销年卡，不让走",
    "力健健身会籍顾问推销升级会员，拒绝了就阴阳怪气",
]
OTHER_INDUSTRIES = [  # complaints of industries nobody corrected
    "信用卡被乱收年费，银行客服推来推去不处理",
    "买的手机充电口坏了，售后拒绝保修",
    "外卖送到已经凉了，还洒了一半",
]


def _categories(texts: list[str], models: LoadedModels) -> list[Category]:
    folded = [fold(t) for t in texts]
    return decide([normalize_folded(t) for t in folded], folded, models).categories


def test_the_stream_anchors_the_complaint_fit_not_the_category_fit() -> None:
    base = load_models()
    labels = [(t, Category.SERVICE_ATTITUDE) for t in HARD_SELL]
    flagged = [(t, True) for t in HARD_SELL]
    stream = [normalize_folded(fold(t)) for t in GYM_STREAM]
    anchored = fit_adapter([], flagged, base, category=labels, stream=stream)
    alone = fit_adapter([], flagged, base, category=labels)
    assert anchored is not None and alone is not None
    # A post that is no complaint has no category: the quiet posts must not hold the category
    # residual at zero on the gym's own words (the written weeks: +2 points with N = 200).
    category = anchored.weights[:, CATEGORY_COLUMNS]
    assert np.array_equal(category, alone.weights[:, CATEGORY_COLUMNS])
    complaint = anchored.weights[:, COMPLAINT_COLUMNS]
    assert not np.array_equal(complaint, alone.weights[:, COMPLAINT_COLUMNS])

    assert Category.SERVICE_ATTITUDE not in _categories(HARD_SELL_NEW, base)  # base: a price
    adapted = replace(base, adapter=anchored)
    assert _categories(HARD_SELL_NEW, adapted) == [Category.SERVICE_ATTITUDE] * 3
    assert _categories(OTHER_INDUSTRIES, adapted) == _categories(OTHER_INDUSTRIES, base)
