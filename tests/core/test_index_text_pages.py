"""The embedded index at scale, searched by text: time-ordered pages across ties, and one-token
counts that equal their matches."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from core.index.protocol import SearchQuery, SortOrder
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from tests.core.index_corpus import START, corpus


@pytest.mark.parametrize("sort", [SortOrder.NEWEST, SortOrder.OLDEST])
@pytest.mark.parametrize("text", ["退款", "退", "客服 -物流", "退 质量"])
def test_text_pages_follow_publication_order_across_ties(loaded, sort, text) -> None:
    index, mentions = loaded
    since = START + timedelta(days=1, hours=5)
    query = SearchQuery(text=text, since=since, sort=sort, limit=7)
    parts = text.split()
    matching = [
        m
        for m in mentions
        if m.published_at >= since
        and all(p in m.full_text for p in parts if not p.startswith("-"))
        and not any(p[1:] in m.full_text for p in parts if p.startswith("-"))
    ]
    newest = sort == SortOrder.NEWEST
    ordered = sorted(
        matching, key=lambda m: (-m.published_at.timestamp() if newest else m.published_at, m.id)
    )
    assert index.count(SearchQuery(text=text)) == sum(
        all(p in m.full_text for p in parts if not p.startswith("-"))
        and not any(p[1:] in m.full_text for p in parts if p.startswith("-"))
        for m in mentions
    )
    for offset in (0, 7, 21):
        page = index.search(SearchQuery(**{**query.__dict__, "offset": offset}))
        assert page.total == len(matching)
        assert [m.id for m in page.mentions] == [m.id for m in ordered[offset : offset + 7]]


@pytest.mark.parametrize("text", ["café", "Café", "iphone", "退"])
def test_one_token_counts_equal_their_matches(tmp_path: Path, text: str) -> None:
    # Accented words are folded by the FTS tokenizer: counted by MATCH, not by vocabulary.
    index = SQLiteMentionIndex(tmp_path / "m.db")
    texts = ["cafe 退款", "café 很差", "CAFÉ 退货", "iPhone 屏幕", "iphone15 退"]
    base = corpus(1)[0].model_dump(exclude={"id", "group_id"})
    written = index.upsert_many(
        [
            Mention.model_validate({**base, "native_id": str(n), "text": t})
            for n, t in enumerate(texts)
        ]
    )
    assert len(written.created) == len(texts)
    windowed = SearchQuery(text=text, since=START - timedelta(days=1))
    assert index.count(SearchQuery(text=text)) == index.count(windowed) > 0
