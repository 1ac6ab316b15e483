"""Which keywords of negative mentions may head a 负面话题 in the report: subjects people
complain about, not the brand's own name, the names in @mentions and repost chains, or words
that only carry tone.

A keyword is left out when it is
* a brand name, plan keyword or a fragment of one — brand_events' `BrandNames` (config `brand`,
  plan names, own accounts and the plain alternatives of the plan expressions), plus every word
  inside those names ("外卖" of 鲜味坊外卖: the plan matches it, so nearly every mention has it);
* a stopword (sentiment.lexicons), a quantity ("三个", "半小时") or a word of `NOT_TOPICS`;
* not a word that can name a subject (`words_of_substance`): the keyword table (jieba's idf
  table) also holds ~21,000 entries that are no dictionary word but where two words meet
  ("都凉" of 心都凉了, "吃下" of 吃下去, "死得" of 死得很惨), and dictionary words whose part of
  speech names nothing (adverbs 一直/真的, pronouns 这家, time words 昨天, measure words and
  particles).
  A Chinese keyword heads a topic only when jieba's dictionary (dict.txt) lists it with a part
  of speech that can name a subject — nouns, verbs (退款, 快递), adjectives (发霉), idioms;
  ASCII tokens (product names such as "iphone15") are kept, and so are the defect and harm
  words of the classifier's lexicons that jieba's dictionary lacks (异响, 断轴, 虚标, 烂脸: a
  car maker's commonest complaint could never head a topic);
* mostly found only inside @names and //@ repost chains ("厨娘" of //@江南小厨娘:) — judged on
  the sample mentions fetched for its quotes (`said`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from brand_events.features import BrandNames
from brand_events.titles import AT_NAMES
from core.config import CoreConfig
from sentiment.complaint_cues import FAILURE_WORDS
from sentiment.lexicons import HARM_WORDS, STOPWORDS, words

# Degree and scope adverbs, fillers and exclamations the keyword extractor keeps (they are
# dictionary words with a fair idf) but that name no subject: "不止我一个", "吓死了"; the
# words that only say a mention is a complaint ("投诉鲜味坊：…"), which every topic here is;
# and how forum posters address one another or ask ("各位车友，…", "姐妹们…", "求助，…"; the
# car week's 周报 put 车友 among the top negative topics).
NOT_TOPICS = frozenset(
    words(
        """投诉 反馈 差评 吐槽 不止 不仅 仅仅 简直 居然 竟然 根本 完全 绝对
        特别 实在 确实 真心 终于 到底 究竟 难道 好像 似乎 肯定 一定 反正
        一般 而已 还好 不好 太差 太难 一样 不想 不敢 不能 不会 不用 吓死
        气死 笑死 哭死 累死 烦死 天哪 我靠 卧槽 无语 服了
        车友 车友们 姐妹 姐妹们 宝子 宝子们 家人们 集美 说个事 各位 求助"""
    )
)
_QUANTITY = re.compile(
    r"^[\d一二三四五六七八九十两几半百千万][\d一二三四五六七八九十两几半百千万个位次天分钟小时条年月日号件份元块岁晚周点遍]*$"
)


# jieba's parts of speech that name nothing: adverbs, pronouns, prepositions, conjunctions,
# particles, modal words, interjections, onomatopoeia, numerals and measure words, time and
# position words (今天, 上面), prefixes and suffixes.
FUNCTION_TAGS = frozenset(
    words("d dg df ad r rr rz rg p c u uj ul uz uv ug ud y e o m mq mg q vq t tg f k h")
)
_ASCII = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
# Defects and harms the classifier knows are subjects, in jieba's dictionary or not.
COMPLAINT_SUBJECTS = frozenset(FAILURE_WORDS) | frozenset(HARM_WORDS)


def _dictionary_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


@cache
def _dictionary_text() -> str:
    """dict.txt ("<word> <freq> <tag>" a line) after a newline, so every entry is "\n<word> "."""
    return "\n" + _dictionary_path().read_text(encoding="utf-8")


def parts_of_speech(wanted: Iterable[str]) -> dict[str, str]:
    """jieba's part of speech of each wanted word its dictionary lists (others are absent)."""
    text = _dictionary_text()
    found: dict[str, str] = {}
    for word in set(wanted):
        at = text.find(f"\n{word} ")  # one search per word: no 349k-entry dict in memory
        if at >= 0:
            parts = text[at + 1 : text.find("\n", at + 1)].split()
            found[word] = parts[2] if len(parts) > 2 else ""
    return found


def words_of_substance(candidates: Iterable[str]) -> set[str]:
    """The candidates that can name a subject: ASCII tokens, and dictionary words whose part
    of speech is not in FUNCTION_TAGS (no fragment of two words, no adverb), and the
    classifier's defect and harm words (COMPLAINT_SUBJECTS)."""
    candidates = list(candidates)
    tags = parts_of_speech(w for w in candidates if not _ASCII.match(w.casefold()))
    return {
        w
        for w in candidates
        if _ASCII.match(w.casefold())
        or w in COMPLAINT_SUBJECTS
        or (w in tags and tags[w] not in FUNCTION_TAGS)
    }


@dataclass(frozen=True)
class TopicTerms:
    """The keyword filter of one report (the brand names come from config)."""

    brand: BrandNames

    @classmethod
    def from_config(cls, config: CoreConfig) -> TopicTerms:
        """The filter for the configured brand and plans."""
        return cls(BrandNames.from_config(config))

    def allowed(self, word: str) -> bool:
        """False for brand names and their fragments, stopwords, quantities and tone words."""
        folded = word.casefold()
        if word in STOPWORDS or word in NOT_TOPICS or _QUANTITY.match(word):
            return False
        if self.brand.is_fragment(word):
            return False
        return not any(folded in name for name in self.brand.names)

    def of_substance(self, candidates: Iterable[str]) -> set[str]:
        """The candidates that can name a subject (`words_of_substance`), looked up at once."""
        return words_of_substance(candidates)

    def said(self, word: str, text: str) -> bool:
        """True when word occurs in text outside @names, repost chains and brand names."""
        return word.casefold() in self.brand.strip(AT_NAMES.sub(" ", text)).casefold()
