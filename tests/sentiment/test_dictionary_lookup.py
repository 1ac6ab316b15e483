"""jieba's parts of speech looked up by first-character runs answer as a search of the whole
dictionary text did (sentiment.word_kinds): the first entry of a word in file order."""

from __future__ import annotations

import random
import re

from sentiment import word_kinds


def test_every_dictionary_word_is_found_at_its_first_entry() -> None:
    text = word_kinds._dictionary_text()
    first: dict[str, int] = {}
    for entry in re.finditer(r"\n([^ \n]*) ", text):
        first.setdefault(entry[1], entry.start())
    assert len(first) > 300_000
    wrong = [w for w, at in first.items() if word_kinds._entry_at(text, w) != at]
    assert wrong == []


def test_words_not_in_the_dictionary_and_odd_input_answer_as_a_whole_text_search() -> None:
    text = word_kinds._dictionary_text()
    words = sorted({m[1] for m in re.finditer(r"\n([^ \n]*) ", text)})
    rng = random.Random(5)
    probes = ["", " ", "\n", "3 n", "c#", "C#", "一", "吉林", "高姓大名", "a b", "\n一", "一\n一"]
    probes += [w[:-1] for w in rng.sample(words, 150)] + [w + "口" for w in rng.sample(words, 150)]
    for word in probes:
        assert word_kinds._entry_at(text, word) == text.find(f"\n{word} "), repr(word)


def test_parts_of_speech_of_out_of_order_and_repeated_entries() -> None:
    # dict.txt is not sorted everywhere (C# after c#, 一 after 阿Q, 吉林 after 吉林工业大学).
    tags = word_kinds.parts_of_speech(["C#", "一", "吉林", "阿Q", "退款", "没有这个词语"])
    assert tags["一"] == "m" and tags["吉林"] == "ns" and tags["退款"] == "v"
    assert set(tags) == {"C#", "一", "吉林", "阿Q", "退款"}
    assert word_kinds.names_a_subject("退款") and not word_kinds.names_a_subject("一直")
