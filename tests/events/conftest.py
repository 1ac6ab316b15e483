"""Fixtures for events: a real temporary SQLite index and workflow store with the demo brand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.context import Context
from tests.core.conftest import make_config


def brand_context(
    tmp_path: Path, plan_id: str, brand: str, expression: str, own: str
) -> Iterator[Context]:
    """A Context on fresh stores in tmp_path watching `brand` (one plan, one own account)."""
    plan = {"id": plan_id, "name": brand, "expression": expression, "own_accounts": [own]}
    context = Context(config=make_config(brand=brand, plans=[plan]), data_dir=tmp_path / "var")
    yield context
    context.close()


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """An Context on fresh stores in tmp_path; the plan has an own account."""
    yield from brand_context(tmp_path, "xwf", "鲜味坊", "鲜味坊|鲜味坊外卖|XWF", "鲜味坊官方")
