"""A worker whose search cluster goes away (OpenSearch stopped under running workers): the
source's health says, in Chinese, that the index failed and the batch is fetched again; the
leader's scheduled jobs log one Chinese line per tick; no traceback, no English class name."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alerting.engine import AlertEngine
from alerting.memo import TickIndex
from app.service import Service
from collectors.config import SOURCES
from collectors.health import read_health
from collectors.runner import INDEX_FAILED, run_source
from collectors.state import SourceStatus
from core.context import Context


def ours_with_traceback(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Records with a traceback, but the client library's own (the CLI silences those below
    ERROR: the last test runs the real CLI)."""
    return [r for r in caplog.records if r.exc_info and not r.name.startswith("opensearch")]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def down(tmp_path: Path) -> tuple[Path, int]:
    """A config whose index is an OpenSearch node that is not running."""
    port = closed_port()
    config = tmp_path / "yuqing.yaml"
    raw = {
        "plans": [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}],
        "sources": [
            {
                "name": "demo",
                "type": "replay",
                "options": {"history": "1h", "rate_per_hour": 20, "incident_after": "off"},
            }
        ],
        "index": {"backend": "opensearch", "urls": [f"http://127.0.0.1:{port}"]},
    }
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    return config, port


def test_source_health_names_the_index_in_chinese(
    down: tuple[Path, int], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, port = down
    ctx = Context.load(config, tmp_path / "var")
    with caplog.at_level(logging.INFO):
        run = run_source(ctx, SOURCES.of(ctx.config)[0])
    health = read_health(ctx)["demo"]
    ctx.close()

    assert run.status is SourceStatus.DEGRADED
    assert health.last_error == run.error
    assert run.error is not None
    assert run.error.startswith(INDEX_FAILED) and "本批未记入游标，下次运行重新采集" in INDEX_FAILED
    assert f"无法连接 http://127.0.0.1:{port}（连接被拒绝，节点没有在运行或端口不对）" in run.error
    assert "Error" not in run.error and "HTTPConnection" not in run.error
    assert not ours_with_traceback(caplog), "a traceback was logged"


def test_the_leaders_jobs_log_one_chinese_line_per_tick(
    down: tuple[Path, int], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, _ = down
    raw = yaml.safe_load(config.read_text("utf-8"))
    raw["sources"] = []
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    ctx = Context.load(config, tmp_path / "var")
    service = Service(ctx)
    service.start()
    try:
        tick = next(j for j in service.scheduler.get_jobs() if j.name == "AlertEngine.tick")
        with caplog.at_level(logging.INFO):
            tick.func()  # what the scheduler calls: the lease guard, then the job
    finally:
        service.stop()
        ctx.close()
    said = [r.getMessage() for r in caplog.records if "AlertEngine.tick" in r.getMessage()]
    assert said and said[0].startswith("定时任务 AlertEngine.tick 本轮未完成，下一轮重试：")
    assert not ours_with_traceback(caplog), "a traceback was logged"


def test_the_engine_clients_own_request_warnings_stay_out_of_the_log(
    down: tuple[Path, int],
) -> None:
    config, port = down
    result = subprocess.run(
        [sys.executable, "-m", "app", "check", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert f"无法连接 http://127.0.0.1:{port}（连接被拒绝" in result.stdout
    assert "Traceback" not in result.stderr and "[status:N/A" not in result.stderr


def test_a_rule_that_cannot_read_the_index_logs_one_chinese_line(
    down: tuple[Path, int], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The cluster went away between the tick's sweep and a window rule's read (the leader
    logged a traceback per rule)."""
    config, port = down
    ctx = Context.load(config, tmp_path / "var")
    engine = AlertEngine(ctx, send=False)
    rule = next(r for r in engine.rules if not r.at_ingest)
    with caplog.at_level(logging.INFO), ctx.sessions() as session:
        outcomes = engine._evaluate(session, rule, engine.now(), TickIndex(ctx.index))
    ctx.close()
    assert outcomes == []
    said = [r.getMessage() for r in caplog.records if r.name == "alerting.engine"]
    assert said == [
        f"预警规则 {rule.name} 本轮未能读取搜索索引，下一轮重试：index.urls：无法连接 "
        f"http://127.0.0.1:{port}（连接被拒绝，节点没有在运行或端口不对）"
        "— 请确认节点正在运行、地址和端口正确"
    ]
    assert not ours_with_traceback(caplog)
