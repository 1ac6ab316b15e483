"""The brand's own accounts do not complain about the brand (core/pipeline/own_posts.py)."""

from __future__ import annotations

from pathlib import Path

from core.context import Context
from core.enums import Category, Channel
from core.models import Author
from tests.core.conftest import make_config, mention

REPLY = (
    "@吃货小王 经核实，您的订单于昨晚送达，餐品出餐前均经过检查，"
    "不排除是您自己放入的异物，吃出虫子导致腹泻的说法不实，请不要恶意诋毁。"
)


def test_an_own_accounts_reply_is_not_flagged_but_the_same_words_from_a_customer_are(
    tmp_path: Path,
) -> None:
    plans = [
        {
            "id": "xwf",
            "name": "鲜味坊",
            "expression": "鲜味坊|吃货小王",
            "own_accounts": ["鲜味坊官方"],
        }
    ]
    config = make_config(plans=plans, own_accounts={"video": ["鲜味坊抖音号"]})
    ctx = Context(config=config, data_dir=tmp_path / "var")
    try:
        report = ctx.pipeline.process(
            [
                mention("own", REPLY, author=Author(name="鲜味坊官方")),
                mention("copy", REPLY, author=Author(name="路人甲")),
                mention(
                    "dy",
                    REPLY,
                    source="douyin",
                    channel=Channel.VIDEO,
                    author=Author(name="鲜味坊抖音号"),
                ),
                # the name counts only on the channel it is configured for
                mention("wb", REPLY, author=Author(name="鲜味坊抖音号")),
            ]
        )
        flags = {m.native_id: m.complaint.flag for m in report.new if m.complaint}
        assert flags == {"own": False, "copy": True, "dy": False, "wb": True}
        own = ctx.index.get(next(m.id for m in report.new if m.native_id == "own"))
        assert own is not None and own.complaint is not None
        assert (own.complaint.flag, own.complaint.probability) == (False, 0.0)
        assert own.sentiment is not None  # the rest of what the model read stays
        copy = ctx.index.get(next(m.id for m in report.new if m.native_id == "copy"))
        assert copy is not None and copy.category == Category.FOOD_SAFETY_HEALTH
        assert own.category == Category.OTHER  # no complaint, so no complaint category
    finally:
        ctx.close()


# A notice without the 情况说明 heading (the model reads that as a statement, 其他): a refund
# matter to the model, not flagged.
STATEMENT = "因场地租赁合同到期，滨江校区自即日起暂停线下教学，确需退费的请按合同约定提交申请。"


def test_an_own_statement_the_model_files_but_does_not_flag_is_filed_under_other(
    tmp_path: Path,
) -> None:
    plans = [{"id": "qm", "name": "启明教育", "expression": "启明", "own_accounts": ["启明教育"]}]
    ctx = Context(config=make_config(plans=plans), data_dir=tmp_path / "var")
    try:
        report = ctx.pipeline.process(
            [
                mention("own", STATEMENT, author=Author(name="启明教育")),
                mention("copy", STATEMENT, author=Author(name="路人甲")),
            ]
        )
        read = {m.native_id: m for m in report.new}
        # what the model made of the words: a refund matter, not flagged as a complaint
        assert read["copy"].category not in (None, Category.OTHER)
        assert read["copy"].complaint is not None and not read["copy"].complaint.flag
        own = ctx.index.get(read["own"].id)
        assert own is not None and own.category == Category.OTHER
    finally:
        ctx.close()
