"""email: a mailbox that cannot be reached says why in Chinese and which options to check."""

from __future__ import annotations

import socket

from collectors.runner import run_source
from collectors.state import SourceStatus
from tests.collectors.conftest import source_of


def test_a_refused_imap_port_names_the_options_to_check(make_ctx):
    with socket.socket() as probe:  # a local port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = {"host": "127.0.0.1", "port": port, "ssl": False, "username": "u", "password": "p"}
    ctx = make_ctx([{"name": "mailbox", "type": "email", "options": options}])

    run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.status == SourceStatus.DEGRADED
    assert run.error is not None and run.error.startswith(
        f"无法连接邮箱 127.0.0.1:{port}：连接被拒绝：检查 host/port/ssl 与防火墙"
    )
    assert "Errno" not in run.error


def test_a_silent_imap_server_times_out_in_chinese(make_ctx):
    with socket.socket() as silent:  # accepts the connection, never sends the IMAP greeting
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        options = {"host": "127.0.0.1", "port": port, "ssl": False, "username": "u"}
        options |= {"password": "p", "timeout": 0.5}
        ctx = make_ctx([{"name": "mailbox", "type": "email", "options": options}])

        run = run_source(ctx, source_of(ctx, "mailbox"))

    assert run.error == (
        f"无法连接邮箱 127.0.0.1:{port}：连接超时（0.5 秒）：检查 host/port 与防火墙，"
        "或调大 options.timeout"
    )
