"""The dashboard with its search cluster down (OpenSearch stopped under running workers): a
Chinese notice saying what is wrong and what happens next, never a Python traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support.pages import serve, write_config

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")


def test_an_unreachable_index_is_a_chinese_notice_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once the socket closes
    index = {"backend": "opensearch", "urls": [f"http://127.0.0.1:{port}"]}
    raw = {"plans": [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}], "index": index}
    serve(monkeypatch, write_config(tmp_path, raw), tmp_path / "var")

    at = AppTest.from_file(APP, default_timeout=90).run()

    assert not at.exception, [e.value for e in at.exception]
    notice = at.error[0].value
    assert notice.startswith("搜索索引暂时无法使用") and f"127.0.0.1:{port}" in notice
    assert "不会丢" in at.caption[-1].value
    st.cache_resource.clear()
    st.cache_data.clear()
