"""Fixtures for events: a real temporary SQLite index and workflow store with the demo brand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.context import Context
from tests.core.conftest import make_config


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """An Context on fresh stores in tmp_path; the plan has an own account."""
    plans = [
        {
            "id": "xwf",
            "name": "鲜味坊",
            "expression": "鲜味坊|鲜味坊外卖|XWF",
            "own_accounts": ["鲜味坊官方"],
        }
    ]
    context = Context(config=make_config(plans=plans), data_dir=tmp_path / "var")
    yield context
    context.close()
