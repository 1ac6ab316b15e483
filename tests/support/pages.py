"""A dashboard page's stores under Streamlit's AppTest: a yuqing.yaml written for it, records
ingested through the real CLI, the page pointed at them with Streamlit's caches cleared."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import yaml
from typer.testing import CliRunner

from app.cli import app


def write_config(tmp_path: Path, config: str | dict[str, Any]) -> Path:
    """tmp_path/yuqing.yaml holding this config (YAML text, or a mapping written as YAML)."""
    path = tmp_path / "yuqing.yaml"
    text = config if isinstance(config, str) else yaml.safe_dump(config, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def serve(monkeypatch: pytest.MonkeyPatch, config: Path | None, data: Path) -> None:
    """Point the dashboard's context at this config (None: no config, the defaults) and data
    dir, Streamlit's caches cleared so that it reads them afresh."""
    if config is None:
        monkeypatch.delenv("YUQING_CONFIG", raising=False)
    else:
        monkeypatch.setenv("YUQING_CONFIG", str(config))
    monkeypatch.setenv("YUQING_DATA_DIR", str(data))
    st.cache_resource.clear()
    st.cache_data.clear()


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
    serve(monkeypatch, None, data)
    try:
        yield data
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
