"""Named failures of the engine backends; each message says what to fix."""

from __future__ import annotations

import re

from core.errors import MentionIndexError


class EngineUnavailableError(MentionIndexError):
    """The cluster cannot be reached (connection refused, DNS, TLS, timeout)."""


class EngineAuthError(MentionIndexError):
    """The cluster refused the credentials (HTTP 401/403)."""


class EngineRequestError(MentionIndexError):
    """The cluster rejected a request (bad query, missing plugin, incompatible client)."""


# The transport's words for why a connection failed → Chinese (first match wins).
_CAUSES = [
    (re.compile(r"Connection refused|ECONNREFUSED", re.I), "连接被拒绝，节点没有在运行或端口不对"),
    (
        re.compile(r"Name or service not known|nodename|getaddrinfo|Failed to resolve", re.I),
        "主机名无法解析",
    ),
    (
        re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify|SSL|TLS", re.I),
        "TLS 握手或证书校验失败，检查 index.ca_certs（或 verify_certs）",
    ),
    (re.compile(r"timed? ?out", re.I), "连接超时"),
    (
        re.compile(r"Connection reset|Connection aborted|RemoteDisconnected", re.I),
        "连接被对方断开",
    ),
]


def cause_zh(detail: str) -> str:
    """Why the connection failed, in Chinese (the transport's own words when not known)."""
    return next((zh for pattern, zh in _CAUSES if pattern.search(detail)), detail)


def unreachable(url: str, detail: str) -> EngineUnavailableError:
    """index.urls：无法连接 URL（原因）— 节点是否在运行？"""
    return EngineUnavailableError(
        f"index.urls：无法连接 {url}（{cause_zh(detail)}）— 请确认节点正在运行、地址和端口正确"
    )


def refused(url: str, status: int, detail: str) -> EngineAuthError:
    """The credentials error with the settings to check."""
    return EngineAuthError(
        f"index.username/index.password/index.api_key：{url} 返回 HTTP {status}：{detail}"
        " — 请检查账号凭据（YUQING_INDEX__PASSWORD、YUQING_INDEX__API_KEY）"
    )


def rejected(url: str, what: str, status: int, detail: str) -> EngineRequestError:
    """A request the cluster rejected, with what we were doing."""
    return EngineRequestError(f"{url}：{what} 请求失败，HTTP {status}：{detail}")
