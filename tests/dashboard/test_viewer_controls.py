"""A viewer (只读) account sees every case control greyed out, not only refused on click."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from core.accounts.enums import Role
from crisis_playbooks.cli import case_app
from dashboard.auth import SESSION_KEY, User
from tests.support.pages import serve

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "case_detail.py")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data dir with one open case."""
    data = tmp_path / "var"
    opened = CliRunner().invoke(
        case_app, ["open", "--title", "外卖吃出异物", "--data-dir", str(data)]
    )
    assert opened.exit_code == 0, opened.output
    serve(monkeypatch, None, data)
    yield data
    st.cache_resource.clear()
    st.cache_data.clear()


def controls(at: AppTest) -> list[object]:
    """Every input widget on the page body."""
    kinds = ("button", "checkbox", "text_input", "text_area", "selectbox", "date_input", "radio")
    return [w for kind in kinds for w in getattr(at.main, kind)]


@pytest.mark.parametrize(("role", "greyed"), [(Role.VIEWER, True), (Role.OPERATOR, False)])
def test_case_page_controls_follow_the_role(data_dir: Path, role: Role, greyed: bool) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state[SESSION_KEY] = User(username="u", name="王总", role=role)
    at.run()
    assert not at.exception
    widgets = controls(at)
    assert len(widgets) >= 10
    if greyed:
        assert all(w.disabled for w in widgets), [w.label for w in widgets if not w.disabled]
    else:
        assert not all(w.disabled for w in widgets)
