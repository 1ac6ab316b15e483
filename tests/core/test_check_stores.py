"""`yuqing check` (and so `yuqing run`) connects to the shared stores a multi-worker deployment
names — the PostgreSQL workflow store and the OpenSearch/Elasticsearch cluster — and says in
Chinese what to fix; it used to pass a wrong password, an unknown database, a closed port and an
upper-case index prefix, and `run` then died with a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import require
from tests.postgres import PostgresServer, find_bindir

runner = CliRunner()
PLAN = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}


@pytest.fixture(scope="module")
def pg_with_password() -> Iterator[PostgresServer]:
    """A PostgreSQL server that checks passwords (the session's server trusts everyone)."""
    bindir = find_bindir()
    require(bindir is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert bindir is not None
    server = PostgresServer(bindir, password="right-secret")
    server.start()
    yield server
    server.stop()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def check(tmp_path: Path, **sections: Any) -> tuple[int, str]:
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump({"plans": [PLAN], **sections}, allow_unicode=True), "utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    return result.exit_code, " ".join(result.output.split())


def test_a_wrong_postgresql_password_is_named_without_showing_it(
    tmp_path: Path, pg_with_password: PostgresServer
) -> None:
    url = pg_with_password.url().replace("right-secret", "wrong-secret")
    code, out = check(tmp_path, database={"url": url})
    assert code == 2, out
    assert "用户 postgres 的密码不对" in out and "改正 database.url 里的密码" in out
    assert "wrong-secret" not in out and "***" in out


def test_the_right_password_passes(tmp_path: Path, pg_with_password: PostgresServer) -> None:
    code, out = check(tmp_path, database={"url": pg_with_password.url()})
    assert code == 0 and "检查通过" in out, out


def test_a_missing_database_says_how_to_create_it(
    tmp_path: Path, pg_with_password: PostgresServer
) -> None:
    code, out = check(tmp_path, database={"url": pg_with_password.url("yuqing_missing")})
    assert code == 2
    assert "PostgreSQL 里没有数据库 yuqing_missing" in out and "CREATE DATABASE" in out


def test_a_closed_postgresql_port_and_a_closed_index_port_are_both_listed(tmp_path: Path) -> None:
    db_port, index_port = closed_port(), closed_port()
    code, out = check(
        tmp_path,
        database={"url": f"postgresql+psycopg://yuqing:pw@127.0.0.1:{db_port}/yuqing"},
        index={"backend": "opensearch", "urls": [f"http://127.0.0.1:{index_port}"]},
    )
    assert code == 2
    assert "发现 2 处问题" in out
    assert f"无法连接 127.0.0.1:{db_port}（连接被拒绝）" in out
    assert f"index.urls：无法连接 http://127.0.0.1:{index_port}" in out


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("XWF_Mentions", "含大写字母，索引名只能小写（改成 'xwf_mentions'）"),
        ("xwf mentions", "含索引名不允许的字符 空格"),
        ("xwf*", "含索引名不允许的字符 *"),
        ("_xwf", "不能以 _ 开头"),
    ],
)
def test_an_index_prefix_the_cluster_would_refuse_is_refused_here(
    tmp_path: Path, prefix: str, said: str
) -> None:
    code, out = check(tmp_path, index={"index_prefix": prefix})
    assert code == 2 and "index.index_prefix" in out and said in out, out


def test_run_with_a_wrong_password_refuses_in_chinese_without_a_traceback(
    tmp_path: Path, pg_with_password: PostgresServer
) -> None:
    url = pg_with_password.url().replace("right-secret", "wrong-secret")
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump({"plans": [PLAN], "database": {"url": url}}), "utf-8")
    for command in (["run"], ["sources", "list"]):
        result = subprocess.run(
            [sys.executable, "-m", "app", *command, "--config", str(config)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        assert "用户 postgres 的密码不对" in result.stderr
        assert "Traceback" not in result.stderr and "wrong-secret" not in result.stderr
