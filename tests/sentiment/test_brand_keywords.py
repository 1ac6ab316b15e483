"""Keywords leave the brand's names out: 招财 of 招财卡, 银行信用 of 招财银行信用卡 and 颜面 of
花颜面膜 are in every mention of the brand and say nothing; a real word with a brand character
(丢尽颜面) stays, and so do complaint words jieba lacks (烂脸)."""

from __future__ import annotations

from pathlib import Path

from core.brand_words import BrandWords
from core.context import Context
from sentiment.features import fold
from sentiment.keywords import extract_keywords_batch, keywords_without_brand
from sentiment.word_kinds import words_of_substance
from tests.core.conftest import make_config, mention

BANK = BrandWords(["招财银行"], ["招财银行信用卡", "招财卡"])
COSMETICS = BrandWords(["花颜"], ["花颜官方旗舰店"])


def test_brand_names_their_fragments_and_words_across_them_are_no_keywords() -> None:
    texts = [fold("招财银行信用卡中心：分期利息太高"), fold("我的招财卡额度被降了")]
    assert "招财" in extract_keywords_batch(texts)[1]  # what it was
    plain, card = keywords_without_brand(texts, BANK)
    assert "招财" not in plain + card and "银行信用" not in plain
    assert {"分期", "利息"} <= set(plain) and card == ["额度"]
    (mask,) = keywords_without_brand([fold("花颜面膜很好用，补水")], COSMETICS)
    assert "颜面" not in mask and {"面膜", "补水"} <= set(mask)


def test_real_words_with_a_brand_character_stay() -> None:
    (words,) = keywords_without_brand([fold("这次真是丢尽颜面")], COSMETICS)
    assert words == ["颜面"]
    assert not COSMETICS.in_names("颜面") and COSMETICS.in_names("旗舰店")


def test_complaint_words_jieba_lacks_are_keywords_of_substance() -> None:
    (words,) = keywords_without_brand([fold("花颜客服让我停用观察，烂脸了还让我观察")], COSMETICS)
    assert "烂脸" in words
    assert words_of_substance(["烂脸", "割韭菜", "我妈", "一直"]) == {"烂脸", "割韭菜"}


def test_the_deployments_classifier_leaves_the_configured_brand_out(tmp_path: Path) -> None:
    config = make_config(
        brand="花颜",
        plans=[
            {"id": "hy", "name": "花颜", "expression": "花颜", "own_accounts": ["花颜官方旗舰店"]}
        ],
    )
    ctx = Context(config=config, data_dir=tmp_path / "var")
    try:
        (done,) = ctx.classifier.classify([mention("m1", "花颜官方旗舰店发货太慢，花颜面膜漏液")])
    finally:
        ctx.close()
    assert {"发货", "漏液"} <= set(done.keywords)
    assert not {"花颜", "旗舰店", "颜面", "官方"} & set(done.keywords)


def test_events_mask_only_the_brand_itself_so_an_aliass_own_word_stays() -> None:
    demo = BrandWords(["鲜味坊"], ["鲜味坊外卖", "XWF"])
    assert demo.mask("鲜味坊外卖汤里有虫子").strip() == "汤里有虫子"
    assert demo.mask_core("鲜味坊外卖汤里有虫子").strip() == "外卖汤里有虫子"
    assert COSMETICS.mask_core("花颜面膜").strip() == "面膜"
