"""Who is using the dashboard: a login when accounts exist, the typed operator name otherwise.

app.py asks `signed_in()` before any page runs: with accounts in the workflow store (`yuqing user
add`), nobody sees a page without logging in, and the logged-in display name is the actor in
every audit entry; a viewer (管理层) reads everything and changes nothing. Without accounts
(a fresh install, `make run`), the dashboard stays open and each page asks for 操作人: the box
starts empty, and a change made without a name is refused (an audit entry names a real person).
A login lasts for the browser session (a reload of the tab asks again).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.accounts import service
from core.accounts.enums import Role
from core.accounts.service import AccountError
from dashboard.data import get_context, now

SESSION_KEY = "account"


@dataclass(frozen=True)
class User:
    """The logged-in account as the pages need it."""

    username: str
    name: str
    role: Role


def accounts_exist() -> bool:
    """Whether login is on (at least one enabled account)."""
    with get_context().sessions() as session:
        return service.count(session) > 0


def signed_in() -> bool:
    """True when pages may be shown: open mode, or a logged-in, still enabled account."""
    if not accounts_exist():
        st.session_state.pop(SESSION_KEY, None)
        return True
    user = current()
    if user is not None and _still_enabled(user):
        return True
    st.session_state.pop(SESSION_KEY, None)
    return False


def current() -> User | None:
    """The logged-in user of this session, if any."""
    user: User | None = st.session_state.get(SESSION_KEY)
    return user


def actor() -> str:
    """The name written to audit logs: the account's, or the 操作人 typed in open mode ("" until
    someone types a name; callers refuse a change without one, see actor_needed_zh)."""
    user = current()
    if user is not None:
        return user.name
    typed = st.sidebar.text_input(
        "操作人",
        value=st.session_state.get("operator", ""),
        placeholder="请填写你的姓名",
    )
    st.session_state["operator"] = typed  # follows the person to the other pages
    return typed.strip()


def actor_needed_zh(what: str) -> str:
    """The refusal of a change made in open mode without 操作人; `what` is what gets audited."""
    return f"请先在侧栏填写操作人，{what}会记入审计日志。"


def may_act() -> bool:
    """Whether this session may acknowledge alerts and change cases."""
    user = current()
    return user is None or user.role.may_act


def owner_choices() -> list[str]:
    """Display names of the enabled operator accounts (empty in open mode)."""
    with get_context().sessions() as session:
        return [
            a.display_name
            for a in service.get_all(session)
            if not a.disabled and Role(a.role).may_act
        ]


def _still_enabled(user: User) -> bool:
    with get_context().sessions() as session:
        account = service.get(session, username=user.username)
        return account is not None and not account.disabled


def sidebar() -> None:
    """The logged-in user and the logout button (nothing in open mode)."""
    user = current()
    if user is None:
        return
    st.sidebar.markdown(f"**{user.name}** · {user.role.label_zh}")
    if not user.role.may_act:
        st.sidebar.caption("只读账号：可查看全部内容，不能确认预警或修改案件。")
    if st.sidebar.button("退出登录", key="logout"):
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def login_form() -> None:
    """The login form; a successful login reruns the same URL (deep links survive)."""
    st.title("yuqing 舆情监测 · 登录", anchor=False)
    with st.form("login"):
        username = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录", type="primary")
    if not submitted:
        return
    try:
        with get_context().sessions() as session:
            account = service.authenticate(session, username=username, password=password, now=now())
            user = User(account.username, account.display_name, Role(account.role))
    except AccountError as exc:
        st.error(str(exc))
        return
    st.session_state[SESSION_KEY] = user
    st.rerun()
