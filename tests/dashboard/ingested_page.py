"""A dashboard page in AppTest over texts ingested by the real CLI (classifier, plans, index)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app
from tests.support.pages import serve, write_config

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")


@contextmanager
def page_over(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    config_text: str,
    texts: Sequence[str | dict[str, object]],
    page: str,
) -> Iterator[AppTest]:
    """`yuqing ingest` the texts (published now) under this config, then open `page`
    (dashboard/views/<page>.py) in AppTest; Streamlit's caches are cleared before and after.
    A text may be a dict of mention fields (text, author …) instead of the bare text."""
    config, data = write_config(tmp_path, config_text), tmp_path / "var"
    stamp = datetime.now(UTC).isoformat()
    stream = tmp_path / "in.jsonl"
    lines = [
        {"source": "t", "native_id": str(n), "published_at": stamp}
        | (text if isinstance(text, dict) else {"text": text})
        for n, text in enumerate(texts)
    ]
    stream.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    args = ["--config", str(config), "--data-dir", str(data)]
    result = CliRunner().invoke(app, ["ingest", str(stream), *args])
    assert result.exit_code == 0, result.output
    serve(monkeypatch, config, data)
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page(f"../dashboard/views/{page}.py").run()
        assert not at.exception, at.exception
        yield at
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
