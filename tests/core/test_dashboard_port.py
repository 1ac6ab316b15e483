"""A dashboard port another program holds is refused in Chinese before anything starts."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port on 127.0.0.1 that another program listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def run(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    monkeypatch.setattr(sys, "argv", ["yuqing", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_dashboard_on_a_busy_port_is_refused(
    busy_port: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = run(
        ["dashboard", "--data-dir", str(tmp_path), "--port", str(busy_port)], monkeypatch, capsys
    )
    assert f"看板地址 127.0.0.1:{busy_port} 已被其他程序占用" in err
    assert "用 --port 换一个端口" in err


def test_fresh_demo_on_a_busy_port_keeps_the_data_dir(
    busy_port: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "demo"
    data.mkdir()
    (data / "mentions.db").write_bytes(b"kept")
    args = ["demo", "--fresh", "--data-dir", str(data), "--port", str(busy_port)]
    err = run(args, monkeypatch, capsys)
    assert "已被其他程序占用" in err
    assert (data / "mentions.db").read_bytes() == b"kept"  # --fresh deleted nothing


def test_links_in_messages_follow_the_dashboard_port_unless_a_public_url_is_given() -> None:
    from core.config import DashboardConfig

    assert DashboardConfig().public_url == "http://127.0.0.1:8501"
    assert DashboardConfig(port=8599).public_url == "http://127.0.0.1:8599"
    assert DashboardConfig(host="0.0.0.0", port=8600).public_url == "http://127.0.0.1:8600"
    given = DashboardConfig(port=8599, public_url="https://yq.brand.cn")
    assert given.public_url == "https://yq.brand.cn"
