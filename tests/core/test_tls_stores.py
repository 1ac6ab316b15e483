"""The workflow store over TLS: a real PostgreSQL that accepts TCP only encrypted, with a
certificate from a private CA (as a company's database has it). README "Several workers" says
to append `?sslmode=verify-full&sslrootcert=…`; these tests run that, and each way an operator
gets it wrong, through `yuqing check` — every refusal said in Chinese with what to change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import require
from tests.postgres import PostgresServer, find_bindir
from tests.support.tls import CertificateAuthority

runner = CliRunner()
PLAN = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}


@pytest.fixture(scope="module")
def authorities(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CertificateAuthority]:
    folder = tmp_path_factory.mktemp("tls")
    return {
        "ours": CertificateAuthority(folder / "ours", "company CA"),
        "other": CertificateAuthority(folder / "other", "another CA"),
    }


@pytest.fixture(scope="module")
def tls_pg(authorities: dict[str, CertificateAuthority]) -> Iterator[PostgresServer]:
    """Password auth, TLS required on TCP, a certificate for 127.0.0.1 only."""
    bindir = find_bindir()
    require(bindir is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert bindir is not None
    files = authorities["ours"].issue("db", ["127.0.0.1"])
    server = PostgresServer(bindir, password="tls-secret", tls=files)
    server.start()
    yield server
    server.stop()


def run(tmp_path: Path, *command: str, **sections: Any) -> tuple[int, str]:
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump({"plans": [PLAN], **sections}, allow_unicode=True), "utf-8")
    result = runner.invoke(app, [*command, "--config", str(config), "--data-dir", str(tmp_path)])
    return result.exit_code, " ".join(result.output.split())


def test_verify_full_with_the_company_ca_passes_and_the_store_is_used_over_tls(
    tmp_path: Path, tls_pg: PostgresServer, authorities: dict[str, CertificateAuthority]
) -> None:
    url = tls_pg.url() + f"?sslmode=verify-full&sslrootcert={authorities['ours'].path}"
    code, out = run(tmp_path, "check", database={"url": url})
    assert code == 0 and "检查通过" in out, out
    # a command that creates the tables and reads them back, over the same encrypted connection
    code, out = run(tmp_path, "sources", "list", database={"url": url})
    assert code == 0, out
    import psycopg

    dsn = f"host=127.0.0.1 port={tls_pg.port} user=postgres password=tls-secret dbname=postgres"
    with psycopg.connect(dsn + f" sslmode=verify-full sslrootcert={authorities['ours'].path}") as c:
        encrypted = c.execute(
            "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
            " WHERE ssl AND datname = 'postgres'"
        ).fetchone()
        tables = c.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert encrypted is not None and encrypted[0] >= 1
    assert tables is not None and tables[0] > 0  # yuqing created its tables there


def test_encryption_switched_off_on_a_server_that_requires_it(
    tmp_path: Path, tls_pg: PostgresServer
) -> None:
    code, out = run(tmp_path, "check", database={"url": tls_pg.url() + "?sslmode=disable"})
    assert code == 2
    assert "服务器只接受 TLS 加密连接" in out and "sslmode=verify-full" in out, out


def test_a_certificate_from_another_ca_is_refused_and_says_which_file_to_fix(
    tmp_path: Path, tls_pg: PostgresServer, authorities: dict[str, CertificateAuthority]
) -> None:
    other = authorities["other"].path
    url = tls_pg.url() + f"?sslmode=verify-full&sslrootcert={other}"
    code, out = run(tmp_path, "check", database={"url": url})
    assert code == 2
    assert "不是 sslrootcert 指定的 CA 签发的" in out, out
    assert f"sslrootcert={other}" in out  # the path as written, not %2F-encoded
    assert "tls-secret" not in out


def test_a_missing_ca_file_is_named(tmp_path: Path, tls_pg: PostgresServer) -> None:
    missing = tmp_path / "pg-ca.pem"
    url = tls_pg.url() + f"?sslmode=verify-full&sslrootcert={missing}"
    code, out = run(tmp_path, "check", database={"url": url})
    assert code == 2
    assert f"找不到 CA 证书文件 {missing}" in out, out


def test_a_host_name_the_certificate_was_not_issued_for(
    tmp_path: Path, tls_pg: PostgresServer, authorities: dict[str, CertificateAuthority]
) -> None:
    url = tls_pg.url().replace("127.0.0.1", "localhost")
    url += f"?sslmode=verify-full&sslrootcert={authorities['ours'].path}"
    code, out = run(tmp_path, "check", database={"url": url})
    assert code == 2
    assert "服务器证书是发给 127.0.0.1 的，与 database.url 里的主机名 localhost 不符" in out, out
