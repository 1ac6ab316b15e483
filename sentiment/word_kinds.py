"""What kind of word a keyword is: one that can name a subject (退款, 发霉, 烂脸) or one that
names nothing (adverbs 一直/真的, pronouns, time words, tone words 吓死/气死, fragments where two
words meet such as 都凉 of 心都凉了 or 我妈 of 给我妈买).

A Chinese keyword names a subject when jieba's dictionary (dict.txt) lists it with a part of
speech that can (nouns, verbs, adjectives, idioms), or when it is one of our complaint words
(`COMPLAINT_TERMS`, which jieba's tables lack); ASCII tokens (product names such as "iphone15")
are kept. The keyword table (jieba's idf table) also holds ~21,000 entries that are no
dictionary word but where two words meet: those name nothing.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from sentiment.complaint_cues import FAILURE_WORDS
from sentiment.lexicons import COMPLAINT_TERMS, HARM_WORDS, words

# Degree and scope adverbs, fillers and exclamations the keyword extractor keeps (they are
# dictionary words with a fair idf) but that name no subject: "不止我一个", "吓死了"; the
# words that only say a mention is a complaint ("投诉鲜味坊：…"), which every topic here is;
# and how forum posters address one another or ask ("各位车友，…", "姐妹们…", "求助，…"; the
# car week's 周报 put 车友 among the top negative topics; an express brand's event of posts
# comparing two couriers' 冷链 was titled 请教一下, the opening of one of them).
NOT_TOPICS = frozenset(
    words(
        """投诉 反馈 差评 吐槽 不止 不仅 仅仅 简直 居然 竟然 根本 完全 绝对
        特别 实在 确实 真心 终于 到底 究竟 难道 好像 似乎 肯定 一定 反正
        一般 而已 还好 不好 太差 太难 一样 不想 不敢 不能 不会 不用 吓死
        气死 笑死 哭死 累死 烦死 吓人 吓坏 天哪 我靠 卧槽 无语 服了 真服了 心累 心塞 离谱 郁闷
        车友 车友们 姐妹 姐妹们 宝子 宝子们 家人们 集美 说个事 各位 求助
        请教 求教 请问 求问 分享
        还行 还可以 凑合 有点 其他 其它"""
    )
)
QUANTITY = re.compile(
    r"^[\d一二三四五六七八九十两几半百千万][\d一二三四五六七八九十两几半百千万个位次天分钟小时条年月日号件份元块岁晚周点遍]*$"
)


# jieba's parts of speech that name nothing: adverbs, pronouns, prepositions, conjunctions,
# particles, modal words, interjections, onomatopoeia, numerals and measure words, time and
# position words (今天, 上面), prefixes and suffixes.
FUNCTION_TAGS = frozenset(
    words("d dg df ad r rr rz rg p c u uj ul uz uv ug ud y e o m mq mg q vq t tg f k h")
)
_ASCII = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
# Complaint words, defects and harms the classifier knows are subjects, in jieba's dictionary
# or not (异响, 断轴, 虚标, 烂脸: a car maker's commonest complaint could never head a topic).
COMPLAINT_SUBJECTS = frozenset(COMPLAINT_TERMS) | frozenset(FAILURE_WORDS) | frozenset(HARM_WORDS)


def _dictionary_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


@cache
def _dictionary_text() -> str:
    """dict.txt ("<word> <freq> <tag>" a line) after a newline, so every entry is "\n<word> "."""
    return "\n" + _dictionary_path().read_text(encoding="utf-8")


_LINE_START = re.compile(r"\n(.)")


@cache
def _dictionary_runs() -> tuple[array[int], array[int], array[int]]:
    """Where the entries of each first character lie in the dictionary text: the character's
    code point, start and end of each run of consecutive entries beginning with it, sorted by
    code point, then file order. dict.txt is nearly sorted, so a character has one run or a
    few, and a lookup searches a few hundred characters instead of the whole 2.7M (in 0.3 MiB
    of arrays: no 349k-entry dict in memory)."""
    text = _dictionary_text()
    runs: list[tuple[int, int, int]] = []
    char, start = "", 0
    for line in _LINE_START.finditer(text):
        if line[1] != char:
            if char:
                runs.append((ord(char), start, line.start()))
            char, start = line[1], line.start()
    if char:
        runs.append((ord(char), start, len(text)))
    runs.sort()
    codes, starts, ends = zip(*runs, strict=True)
    return array("q", codes), array("q", starts), array("q", ends)


def _entry_at(text: str, word: str) -> int:
    """Where "\n<word> " first occurs in the dictionary text (-1 if nowhere): the same answer
    as text.find, searched only in the runs of the word's first character."""
    if not word or "\n" in word:
        return text.find(f"\n{word} ")  # (a match that may span entries)
    needle, code = f"\n{word} ", ord(word[0])
    codes, starts, ends = _dictionary_runs()
    at = bisect_left(codes, code)
    while at < len(codes) and codes[at] == code:
        found = text.find(needle, starts[at], ends[at])
        if found >= 0:
            return found
        at += 1
    return -1


def parts_of_speech(wanted: Iterable[str]) -> dict[str, str]:
    """jieba's part of speech of each wanted word its dictionary lists (others are absent)."""
    text = _dictionary_text()
    found: dict[str, str] = {}
    for word in set(wanted):
        at = _entry_at(text, word)
        if at >= 0:
            parts = text[at + 1 : text.find("\n", at + 1)].split()
            found[word] = parts[2] if len(parts) > 2 else ""
    return found


def words_of_substance(candidates: Iterable[str]) -> set[str]:
    """The candidates that can name a subject: ASCII tokens, complaint words, and dictionary
    words whose part of speech is not in FUNCTION_TAGS (no fragment of two words, no adverb)."""
    candidates = list(candidates)
    tags = parts_of_speech(w for w in candidates if not _ASCII.match(w.casefold()))
    return {
        w
        for w in candidates
        if _ASCII.match(w.casefold())
        or w in COMPLAINT_SUBJECTS
        or (w in tags and tags[w] not in FUNCTION_TAGS)
    }


@lru_cache(maxsize=65536)
def names_a_subject(word: str) -> bool:
    """One word at a time (cached): not a tone word, quantity or word of NOT_TOPICS, and a word
    of substance — what may title an event (试驾…，方向盘有点虚，其他还行 was titled 其他还行)."""
    if word in NOT_TOPICS or (QUANTITY.match(word) and not word.isascii()):
        return False  # 半小时 names nothing; 12378 (the hotline) and 315 do
    return bool(words_of_substance([word]))
