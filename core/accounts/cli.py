"""`yuqing user …`: dashboard accounts. Without any account the dashboard runs without login."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from core.accounts import service
from core.accounts.enums import Role
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context

user_app = typer.Typer(help="控制台账号：添加、列表、改密、停用、启用", no_args_is_help=True)
console = Console(soft_wrap=True)

PasswordStdin = Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码")]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("密码 password", hide_input=True, confirmation_prompt=True))


@user_app.command("add", help="创建账号；创建第一个账号后看板改为需登录")
def add(
    username: Annotated[str, typer.Argument(help="登录名（字母、数字、_ . @ -）")],
    name: Annotated[str, typer.Option("--name", help="显示名：审计日志中的操作人")] = "",
    role: Annotated[Role, typer.Option(help="viewer 只读 | operator 处置人员")] = Role.OPERATOR,
    password_stdin: PasswordStdin = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Create an account; the first one switches the dashboard to login."""
    password = _password(password_stdin)
    ctx = Context.load(config, data_dir)
    try:
        with ctx.sessions() as session:
            first = service.count(session) == 0
            account = service.create(
                session,
                username=username,
                display_name=name or username,
                role=role,
                password=password,
                now=ctx.clock(),
            )
            session.commit()
            console.print(f"已创建 {account.username}（{account.display_name}，{role.label_zh}）")
            if first:
                console.print("控制台现在需要登录")
    finally:
        ctx.close()


@user_app.command("list", help="账号列表：角色、状态、最近登录")
def list_accounts(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Accounts with role, state and last login."""
    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            accounts = service.get_all(session)
    finally:
        ctx.close()
    if not accounts:
        console.print("没有账号：控制台无需登录")
        return
    table = Table("用户名", "显示名", "角色", "状态", "上次登录")
    for a in accounts:
        state = "已停用" if a.disabled else ("已锁定" if a.locked_until else "正常")
        last = a.last_login_at.strftime("%Y-%m-%d %H:%M") if a.last_login_at else "—"
        table.add_row(a.username, a.display_name, Role(a.role).label_zh, state, last)
    console.print(table)


@user_app.command("passwd", help="设置新密码（同时解除锁定）")
def passwd(
    username: Annotated[str, typer.Argument(help="登录名")],
    password_stdin: PasswordStdin = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Set a new password (also lifts a lockout)."""
    password = _password(password_stdin)
    _change(
        config, data_dir, lambda s: service.set_password(s, username=username, password=password)
    )
    console.print(f"{username} 的密码已更新")


@user_app.command("disable", help="停用账号，禁止登录（名称仍保留在审计日志中）")
def disable(
    username: Annotated[str, typer.Argument(help="登录名")],
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Stop an account from logging in (its name stays in audit logs)."""
    _change(config, data_dir, lambda s: service.set_disabled(s, username=username, disabled=True))
    console.print(f"{username} 已停用")


@user_app.command("enable", help="重新启用已停用的账号")
def enable(
    username: Annotated[str, typer.Argument(help="登录名")],
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Allow a disabled account to log in again."""
    _change(config, data_dir, lambda s: service.set_disabled(s, username=username, disabled=False))
    console.print(f"{username} 已启用")


def _change(config: Path | None, data_dir: Path, change: Callable[[Session], object]) -> None:
    ctx = Context.load(config, data_dir)
    try:
        with ctx.sessions() as session:
            change(session)
            session.commit()
    finally:
        ctx.close()
