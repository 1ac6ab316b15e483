"""Shared setup of the 人工校正 panel tests: a data dir with one defect report, ingested through
the real CLI, and the panel's widgets by label."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.index.protocol import SearchQuery
from core.models import Mention
from sentiment.corrections import service
from sentiment.corrections.models import LabelCorrection
from tests.support.pages import serve

ROOT = Path(__file__).resolve().parents[2]
SEARCH_PAGE = ROOT / "dashboard" / "views" / "search.py"
APP = ROOT / "app" / "dashboard_main.py"
# The issue's own example of a complaint in neutral words (with 要求退车 it reads as 售后).
DEFECT = "刹车异响，4S店说正常"


@pytest.fixture
def defect_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data dir holding one defect report, read by the dashboard's context."""
    data_dir = tmp_path / "var"
    serve(monkeypatch, None, data_dir)
    ingest(data_dir, {"1": DEFECT})
    yield data_dir
    st.cache_resource.clear()
    st.cache_data.clear()


def ingest(data_dir: Path, texts: dict[str, str], published: datetime | None = None) -> None:
    """`yuqing ingest` of these texts (by native id), published now (or then), collected now."""
    stamp = (published or datetime.now(UTC)).isoformat()
    records = [
        {"source": "t", "native_id": n, "text": t, "published_at": stamp} for n, t in texts.items()
    ]
    stream = data_dir.parent / f"in-{min(texts)}.jsonl"  # one file per call
    stream.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output


def stored(data_dir: Path) -> list[tuple[LabelCorrection, Mention | None]]:
    """Every stored correction, newest first, with its mention as the index now holds it."""
    ctx = Context.load(None, str(data_dir))
    try:
        with ctx.sessions() as session:
            rows = service.history(session)
        return [(row, ctx.index.get(row.mention_id)) for row in rows]
    finally:
        ctx.close()


def id_of(data_dir: Path, text: str) -> str:
    """The id of the stored mention with this text."""
    ctx = Context.load(None, str(data_dir))
    try:
        found = ctx.index.search(SearchQuery(limit=100)).mentions
        return next(m.id for m in found if m.text == text)
    finally:
        ctx.close()


def open_page(page: Path, operator: str = "王芳") -> AppTest:
    """The page run with 操作人 typed earlier in the session (the box starts empty)."""
    at = AppTest.from_file(str(page), default_timeout=60)
    at.session_state["operator"] = operator
    return at.run()


def cards(at: AppTest) -> str:
    """The mention cards' markup."""
    return "".join(m.value for m in at.markdown if "yq-mention" in m.value)


def field(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    """One of the panel's selectboxes (情感, 是否投诉, 类别, 紧急程度, 要校正的提及)."""
    return next(s for s in at.selectbox if s.label == label)


def save(at: AppTest) -> AppTest:
    """Press 保存校正 and run the page."""
    return next(b for b in at.button if b.label == "保存校正").click().run()
