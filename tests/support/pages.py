"""A data dir for a dashboard page under Streamlit's AppTest: records ingested through the real
CLI, the page pointed at it, Streamlit's caches cleared before and after."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from typer.testing import CliRunner

from app.cli import app


@contextmanager
def page_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: list[dict[str, Any]]
) -> Iterator[Path]:
    """Ingest the records (mention JSON) into tmp_path/var and serve it to the page."""
    stream = tmp_path / "in.jsonl"
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    stream.write_text("\n".join(lines), encoding="utf-8")
    data = tmp_path / "var"
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("YUQING_DATA_DIR", str(data))
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield data
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
