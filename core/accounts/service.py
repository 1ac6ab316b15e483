"""Account data access and login (Dispatch style: keyword-only functions over a Session)."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.accounts.enums import Role
from core.accounts.models import Account
from core.accounts.passwords import MIN_LENGTH, hash_password, verify_password
from core.errors import YuqingError
from core.timeutil import as_utc

log = logging.getLogger(__name__)

MAX_FAILURES = 5  # wrong passwords in a row before the account is locked
LOCKOUT = timedelta(minutes=15)
USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")


class AccountError(YuqingError):
    """An account command that cannot be carried out (the message says why)."""


# One answer for every refused login: unknown, disabled, wrong password or locked alike, so
# the message never confirms that a username exists.
LOGIN_REFUSED = "用户名或密码错误（连续输错 5 次将暂停登录 15 分钟），请稍后再试或联系管理员"


def count(session: Session) -> int:
    """How many enabled accounts exist (none = the dashboard runs without login)."""
    return session.scalar(select(func.count()).where(Account.disabled.is_(False))) or 0


def get(session: Session, *, username: str) -> Account | None:
    """One account."""
    return session.get(Account, username)


def get_all(session: Session) -> list[Account]:
    """Every account, by username."""
    return list(session.scalars(select(Account).order_by(Account.username)))


def create(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    now: datetime,
) -> Account:
    """A new account; the caller commits."""
    if not USERNAME.match(username):
        raise AccountError(f"用户名 {username!r} 无效：须为 2–64 个字母、数字或 _ . @ -")
    if session.get(Account, username) is not None:
        raise AccountError(f"用户名 {username} 已存在（改密用 yuqing user passwd）")
    account = Account(
        username=username,
        display_name=display_name.strip() or username,
        role=role,
        password_hash=_hashed(password),
        disabled=False,
        failed_logins=0,
        created_at=now,
    )
    session.add(account)
    return account


def set_password(session: Session, *, username: str, password: str) -> Account:
    """Replace the password and lift a lockout; the caller commits."""
    account = _required(session, username)
    account.password_hash = _hashed(password)
    account.failed_logins, account.locked_until = 0, None
    return account


def set_disabled(session: Session, *, username: str, disabled: bool) -> Account:
    """Disable (or enable again) an account; the caller commits.

    The last enabled account cannot be disabled: without accounts the dashboard needs no
    login, so disabling it would open the dashboard to anyone.
    """
    account = _required(session, username)
    if disabled and not account.disabled and count(session) <= 1:
        raise AccountError(
            f"不能停用最后一个启用的账号 {username}：停用后控制台将无需登录、任何人都可操作。"
            "请先用 yuqing user add 添加另一个账号"
        )
    account.disabled = disabled
    return account


def authenticate(session: Session, *, username: str, password: str, now: datetime) -> Account:
    """The account when the password is right; raises AccountError (in Chinese) otherwise.

    Commits the failure count, so five wrong passwords in a row lock the account for 15 min.
    """
    account = session.get(Account, username.strip())
    if account is None or account.disabled:
        verify_password(password, _dummy())  # same work either way: no user enumeration by timing
        raise AccountError(LOGIN_REFUSED)
    locked = as_utc(account.locked_until)
    if locked is not None and locked > now:
        verify_password(password, _dummy())
        log.warning("账号 %s 已锁定，拒绝登录", username)
        raise AccountError(LOGIN_REFUSED)
    if not verify_password(password, account.password_hash):
        account.failed_logins = (account.failed_logins or 0) + 1
        if account.failed_logins >= MAX_FAILURES:
            account.locked_until, account.failed_logins = now + LOCKOUT, 0
            log.warning("账号 %s 连续 %d 次登录失败，已锁定", username, MAX_FAILURES)
        session.commit()
        raise AccountError(LOGIN_REFUSED)
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
    session.commit()
    log.info("账号 %s 已登录", username)
    return account


def _hashed(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise AccountError(f"密码至少 {MIN_LENGTH} 位")
    return hash_password(password)


def _required(session: Session, username: str) -> Account:
    account = session.get(Account, username)
    if account is None:
        raise AccountError(f"用户 {username} 不存在（用 yuqing user list 查看账号）")
    return account


@cache
def _dummy() -> str:
    return hash_password("not-a-real-password")
