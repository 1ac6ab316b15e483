"""Fixtures for the spine: a real temporary SQLite index and workflow store per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.config import AppConfig
from core.context import Context
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from tests.core.index_corpus import corpus

T0 = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Monday 10:00 in Asia/Shanghai


def make_config(**overrides: Any) -> AppConfig:
    """A config with the demo plan; overrides are top-level keys."""
    data: dict[str, Any] = {
        "brand": "鲜味坊",
        "plans": [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊|XWF", "exclude": ["招聘"]}],
    }
    data.update(overrides)
    return AppConfig.model_validate(data)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """An Context on fresh stores in tmp_path."""
    context = Context(config=make_config(), data_dir=tmp_path / "var")
    yield context
    context.close()


def mention(native_id: str, text: str, minutes: float = 0, **fields: Any) -> Mention:
    """A mention published `minutes` after T0."""
    fields.setdefault("source", "weibo_search")
    fields.setdefault("channel", "weibo")
    return Mention(
        native_id=native_id, text=text, published_at=T0 + timedelta(minutes=minutes), **fields
    )


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[SQLiteMentionIndex, list[Mention]]:
    """A SQLite index holding the corpus of tests.core.index_corpus, written in batches."""
    index = SQLiteMentionIndex(tmp_path / "m.db")
    mentions = corpus()
    for start in range(0, len(mentions), 97):
        assert not index.upsert_many(mentions[start : start + 97]).errors
    return index, mentions
