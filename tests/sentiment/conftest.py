"""Fixtures for classifier tests: mention factory and the default classifier."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from core.models import Author, Mention, Metrics
from sentiment.linear_classifier import LinearClassifier

PUBLISHED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

MakeMention = Callable[..., Mention]


@pytest.fixture
def make_mention() -> MakeMention:
    """Factory: make_mention(text, followers=..., verified=..., reposts=..., hours=...)."""
    counter = iter(range(1_000_000))

    def make(
        text: str,
        *,
        followers: int | None = None,
        verified: bool = False,
        reposts: int = 0,
        comments: int = 0,
        hours: float = 1.0,
        title: str | None = None,
    ) -> Mention:
        return Mention(
            source="test",
            native_id=str(next(counter)),
            text=text,
            title=title,
            author=Author(name="user", followers=followers, verified=verified),
            metrics=Metrics(reposts=reposts, comments=comments),
            published_at=PUBLISHED,
            collected_at=PUBLISHED + timedelta(hours=hours),
        )

    return make


@pytest.fixture(scope="session")
def classifier() -> LinearClassifier:
    """The default classifier (models load once per process)."""
    return LinearClassifier()
