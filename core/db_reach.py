"""Whether the configured workflow store (`database.url`) can be reached, said in Chinese.

`yuqing check` connects once before anything starts (a wrong password used to pass the check
and fail `yuqing run` with a traceback); every command that opens the store says the same
thing when the connection fails.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

CONNECT_TIMEOUT = 5  # seconds: a host that drops packets is reported, not waited for

# What the server or driver said → what to fix (first match wins; {user}, {db}, {where} filled).
_CAUSES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"password authentication failed", re.I),
        "用户 {user} 的密码不对，PostgreSQL 拒绝登录 — 改正 database.url 里的密码"
        "（或用环境变量 YUQING_DATABASE__URL 提供整个地址）",
    ),
    (
        re.compile(r"no password supplied|fe_sendauth", re.I),
        "PostgreSQL 要求密码，database.url 里没有写 — 写成 postgresql+psycopg://用户:密码@主机/库",
    ),
    (
        re.compile(r'role "[^"]*" does not exist', re.I),
        "PostgreSQL 里没有用户 {user} — 先建用户：CREATE ROLE {user} LOGIN PASSWORD '…'",
    ),
    (
        re.compile(r'database "[^"]*" does not exist', re.I),
        "PostgreSQL 里没有数据库 {db} — 先建库：CREATE DATABASE {db} OWNER {user}",
    ),
    (
        re.compile(r"pg_hba\.conf rejects connection.*no encryption", re.I | re.S),
        "服务器只接受 TLS 加密连接，database.url 却关掉了加密（sslmode=disable）"
        " — 改成 ?sslmode=verify-full&sslrootcert=CA 证书路径",
    ),
    (
        re.compile(r'root certificate file "([^"]*)" does not exist', re.I),
        "找不到 CA 证书文件 {0} — sslrootcert 写上服务器 CA 证书（PEM）的路径"
        "（用系统信任的证书：sslrootcert=system）",
    ),
    (
        re.compile(r"certificate verify failed", re.I),
        "服务器的证书不是 sslrootcert 指定的 CA 签发的，证书校验失败"
        " — 向数据库管理员要签发服务器证书的 CA 文件，把 sslrootcert 指向它",
    ),
    (
        re.compile(r'server certificate for "([^"]*)".*does not match host name "([^"]*)"', re.I),
        "服务器证书是发给 {0} 的，与 database.url 里的主机名 {1} 不符"
        " — 地址里改用证书上的主机名（或请管理员为 {1} 签发证书）",
    ),
    (
        re.compile(r"no pg_hba\.conf entry", re.I),
        "服务器的 pg_hba.conf 不允许这台主机以用户 {user} 连接 {db}（或要求 SSL）"
        " — 请数据库管理员加一条规则，或在地址后加 ?sslmode=require",
    ),
    (
        re.compile(r"SSL|certificate", re.I),
        "TLS 连接失败 — 检查 database.url 的 sslmode、sslrootcert（CA 证书路径）是否正确",
    ),
    (
        re.compile(r"could not translate host name|Name or service not known|nodename", re.I),
        "主机名 {where} 无法解析 — 检查 database.url 的主机名",
    ),
    (
        re.compile(r"Connection refused", re.I),
        "无法连接 {where}（连接被拒绝）— 请确认 PostgreSQL 正在运行、主机和端口正确",
    ),
    (
        re.compile(r"timeout expired|timed out", re.I),
        "连接 {where} 超时 — 检查主机、端口和防火墙",
    ),
]


def shown_url(url: str) -> str:
    """The URL with its password hidden (for messages and logs)."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<无法解析的地址>"
    base, _, query = shown.partition("?")
    return f"{base}?{unquote(query)}" if query else base  # sslrootcert=/etc/…, not %2Fetc%2F…


def unreachable_zh(url: str, exc: BaseException) -> str:
    """database.url（地址）：what went wrong and what to fix, in one line."""
    try:
        parsed = make_url(url)
        user, db = parsed.username or "?", parsed.database or "?"
        where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    except ArgumentError:
        user = db = where = "?"
    said = str(getattr(exc, "orig", None) or exc)
    cause = next(
        (
            w.format(*found.groups(), user=user, db=db, where=where)
            for p, w in _CAUSES
            if (found := p.search(said))
        ),
        "无法连接：" + (said.strip().splitlines() or ["?"])[0],
    )
    return f"database.url（{shown_url(url)}）：{cause}"


def database_problem(url: str | None) -> str | None:
    """Why the configured workflow store cannot be used, or None (also None when no URL is
    set: the embedded store in the data dir is created by the first command that writes)."""
    if not url:
        return None
    try:
        options = {"connect_timeout": CONNECT_TIMEOUT} if url.startswith("postgresql") else {}
        engine = create_engine(url, connect_args=options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        return (
            f"database.url（{shown_url(url)}）：不是可用的数据库地址（{exc}）"
            " — PostgreSQL 写成 postgresql+psycopg://用户:密码@主机:5432/库"
        )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return unreachable_zh(url, exc)
    finally:
        engine.dispose()
    return None
