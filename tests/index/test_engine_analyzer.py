"""The engine's `yuqing_grams` analyzer yields exactly textquery.bigram_tokens."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import pytest

from core.index.engines import EngineMentionIndex
from core.index.textquery import bigram_tokens
from tests.index.conftest import ENGINES, drop_engine_index, engine_index
from tests.index.corpus import CORPUS

TEXTS = [
    "申请退款一直没到账，客服推诿",
    "买了iPhone15坏了!!第3次投诉 12315",
    "退 货",
    "don't_stop v3.5 AbC-12 ＡＢＣ",
    "日本語のテキスト 한국어 混合",
    "𠀀𠀁 rare 㐀㐁 兼容豈更",
]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[tuple[EngineMentionIndex, str]]:
    """Per engine: an index with one monthly index created from the template, and the URL."""
    url = str(request.getfixturevalue(f"{request.param}_url"))
    index = engine_index(str(request.param), url)
    index.upsert_many([CORPUS["refund"]])
    yield index, url
    drop_engine_index(index)


def _analyze(url: str, index: str, analyzer: str, text: str) -> list[str]:
    body = json.dumps({"analyzer": analyzer, "text": text}).encode()
    request = urllib.request.Request(
        f"{url}/{index}/_analyze", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return [t["token"] for t in json.load(response)["tokens"]]


@pytest.mark.parametrize("text", TEXTS)
def test_grams_analyzer_mirrors_bigram_tokens(
    engine: tuple[EngineMentionIndex, str], text: str
) -> None:
    index, url = engine
    [name] = index.monthly_indices()
    assert _analyze(url, name, "yuqing_grams", text) == bigram_tokens(text)


def test_active_analyzer_is_reported(engine: tuple[EngineMentionIndex, str]) -> None:
    assert engine[0].analyzer == "yuqing_cjk"
