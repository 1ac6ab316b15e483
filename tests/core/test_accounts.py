"""Dashboard accounts: scrypt hashes, validation, lockout after wrong passwords, the CLI."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import app
from core.accounts import service
from core.accounts.enums import Role
from core.accounts.passwords import hash_password, verify_password
from core.accounts.service import AccountError
from core.context import Context
from tests.core.conftest import T0


def test_hashes_are_salted_and_verified_in_constant_form() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and first.startswith("scrypt$") and "correct" not in first
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert not verify_password("correct hors", first)
    for broken in ["", "md5$x", "scrypt$1$2$3$@@$@@", "scrypt$16384$8$1$c2FsdA==$"]:
        assert not verify_password("correct horse", broken), broken


@pytest.fixture
def session(ctx: Context) -> Session:
    return ctx.sessions()


def test_create_validates_and_refuses_duplicates(session: Session) -> None:
    service.create(
        session, username="lina", display_name="李娜", role=Role.OPERATOR,
        password="xianwei-2026", now=T0,
    )  # fmt: skip
    session.commit()
    assert service.count(session) == 1
    for username, password, problem in [
        ("lina", "another-password", "已存在"),
        ("李 娜", "another-password", "用户名"),
        ("wang", "short", "至少 8 位"),
    ]:
        with pytest.raises(AccountError, match=problem):
            service.create(
                session, username=username, display_name="x", role=Role.VIEWER,
                password=password, now=T0,
            )  # fmt: skip


def test_five_wrong_passwords_lock_the_account_for_a_while(session: Session) -> None:
    service.create(
        session, username="lina", display_name="李娜", role=Role.OPERATOR,
        password="xianwei-2026", now=T0,
    )  # fmt: skip
    session.commit()
    for _attempt in range(5):
        with pytest.raises(AccountError, match="用户名或密码错误"):
            service.authenticate(session, username="lina", password="guess", now=T0)
    with pytest.raises(AccountError) as locked:  # even the right password, for now
        service.authenticate(session, username="lina", password="xianwei-2026", now=T0)
    with pytest.raises(AccountError) as unknown:
        service.authenticate(session, username="ghost", password="xianwei-2026", now=T0)
    assert str(locked.value) == str(unknown.value)  # a lock does not confirm the username
    later = T0 + timedelta(minutes=16)
    account = service.authenticate(session, username="lina", password="xianwei-2026", now=later)
    assert account.display_name == "李娜" and account.failed_logins == 0
    with pytest.raises(AccountError, match="用户名或密码错误"):  # unknown users look the same
        service.authenticate(session, username="nobody", password="xianwei-2026", now=later)
    with pytest.raises(AccountError, match="最后一个启用的账号"):  # login must stay on
        service.set_disabled(session, username="lina", disabled=True)
    service.create(
        session,
        username="wang",
        display_name="王",
        role=Role.OPERATOR,
        password="another-1",
        now=T0,
    )
    service.set_disabled(session, username="lina", disabled=True)
    session.commit()
    assert service.count(session) == 1
    with pytest.raises(AccountError, match="用户名或密码错误"):
        service.authenticate(session, username="lina", password="xianwei-2026", now=later)


def test_user_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "var")]
    added = runner.invoke(
        app,
        ["user", "add", "boss", "--name", "王总", "--role", "viewer", "--password-stdin", *data],
        input="weekly-report-7\n",
    )
    assert added.exit_code == 0, added.output
    assert "已创建 boss（王总，只读）" in added.output and "需要登录" in added.output
    listed = runner.invoke(app, ["user", "list", *data])
    assert "王总" in listed.output and "只读" in listed.output and "正常" in listed.output
    prompted = runner.invoke(
        app, ["user", "passwd", "boss", *data], input="new-password-1\nnew-password-1\n"
    )
    assert prompted.exit_code == 0 and "密码已更新" in prompted.output
    ctx = Context.load(None, tmp_path / "var")
    with ctx.sessions() as session:
        boss = service.authenticate(session, username="boss", password="new-password-1", now=T0)
        assert Role(boss.role) is Role.VIEWER
    ctx.close()
    last = runner.invoke(app, ["user", "disable", "boss", *data])
    assert isinstance(last.exception, AccountError) and "最后一个" in str(last.exception)
    runner.invoke(
        app,
        ["user", "add", "lead", "--name", "李", "--role", "operator", "--password-stdin", *data],
        input="lead-password-1\n",
    )
    assert runner.invoke(app, ["user", "disable", "boss", *data]).exit_code == 0
    assert "已停用" in runner.invoke(app, ["user", "list", *data]).output
    missing = runner.invoke(app, ["user", "disable", "ghost", *data])
    assert isinstance(missing.exception, AccountError)
