"""Keywords: salient dictionary words, stopwords and excluded brand names removed."""

from __future__ import annotations

from sentiment.features import fold
from sentiment.idf_vocabulary import vocabulary
from sentiment.keywords import extract_keywords, word_idf, words_idf


def test_salient_words_first() -> None:
    words = extract_keywords(fold("麻辣烫里吃出了虫子，孩子食物中毒，麻辣烫店不管"))
    assert words[0] == "麻辣烫"
    assert "食物中毒" in words
    assert "了" not in words and "孩子" not in words[:1]


def test_ascii_product_names_and_exclusions() -> None:
    words = extract_keywords(fold("iPhone15 屏幕有划痕，苹果客服不处理"), exclude=["苹果"])
    assert "iphone15" in words
    assert "划痕" in words
    assert "苹果" not in words


def test_names_in_a_repost_chain_and_platform_words_are_no_keywords() -> None:
    words = extract_keywords(fold("关注//@用户576518: 分享 退费拖了两个月 //@xiaoming2020:"), 10)
    assert "退费" in words
    assert not {"用户", "关注", "分享", "xiaoming2020"} & set(words)


def test_top_k_and_empty() -> None:
    assert len(extract_keywords(fold("屏幕 电池 键盘 鼠标 耳机 音箱 充电器"), top_k=3)) == 3
    assert extract_keywords("") == []
    assert extract_keywords("的了吗") == []


def test_words_idf_looks_up_what_word_idf_does() -> None:
    table = vocabulary().words.tolist()
    words = [*table[::997], *(w[::-1] for w in table[::1009]), "iphone15", "鲜味坊", "a", ""]
    assert words_idf(words) == [word_idf(w) for w in words]
    assert sum(idf != 8.0 for idf in words_idf(words)) > len(table) // 997  # most are found


def test_where_two_words_meet_is_not_a_keyword() -> None:
    # 后厨|卫生 (not 厨卫), 食物中毒|症状 (not 毒症), 孩子|目前 (not 子目), 食用|后 (not 用后)
    words = extract_keywords(fold("后厨卫生必须查，食用后出现食物中毒症状，孩子目前仍在医院"), 20)
    assert {"卫生", "食物中毒", "症状", "孩子"} <= set(words)
    assert not {"厨卫", "毒症", "子目", "用后"} & set(words)
    # a longer word is rare for being long: it stays beside the commoner word it crosses
    assert {"牛肉面", "有点咸"} <= set(extract_keywords(fold("牛肉面有点咸，牛肉面包装很好"), 20))
