"""Report-test fixtures: a context on a temporary data dir with a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config import AppConfig
from core.context import Context
from tests.reports.factories import NOW, PLAN, two_weeks
from tests.support.receivers import (  # noqa: F401  (fixtures)
    company_ca,
    receiver,
    smtp_inbox,
    smtp_submission,
    smtp_tls_files,
    smtps,
)

ContextFactory = Callable[..., Context]


@pytest.fixture
def make_ctx(tmp_path: Path) -> Iterator[ContextFactory]:
    """Build AppContexts (config overrides as keyword sections) on tmp_path/var."""
    made: list[Context] = []

    def build(**sections: Any) -> Context:
        raw: dict[str, Any] = {
            "brand": "示例品牌",
            "timezone": "Asia/Shanghai",
            "plans": [
                {"id": PLAN, "name": "示例", "expression": "示例"},
                {"id": "other", "name": "其他", "expression": "其他"},
            ],
        }
        raw.update(sections)
        ctx = Context(
            config=AppConfig.model_validate(raw), data_dir=tmp_path / "var", clock=lambda: NOW
        )
        made.append(ctx)
        return ctx

    yield build
    for ctx in made:
        ctx.close()


@pytest.fixture
def ctx(make_ctx: ContextFactory) -> Context:
    """A context whose index holds the two-week dataset."""
    context = make_ctx()
    result = context.index.upsert_many(two_weeks())
    assert not result.errors
    return context
