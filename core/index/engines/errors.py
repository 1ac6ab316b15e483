"""Named failures of the engine backends; each message says what to fix."""

from __future__ import annotations

from core.errors import MentionIndexError


class EngineUnavailableError(MentionIndexError):
    """The cluster cannot be reached (connection refused, DNS, TLS, timeout)."""


class EngineAuthError(MentionIndexError):
    """The cluster refused the credentials (HTTP 401/403)."""


class EngineRequestError(MentionIndexError):
    """The cluster rejected a request (bad query, missing plugin, incompatible client)."""


def unreachable(url: str, detail: str) -> EngineUnavailableError:
    """index.urls：无法连接 URL：detail — 节点是否在运行？"""
    return EngineUnavailableError(
        f"index.urls：无法连接 {url}：{detail} — 请确认节点正在运行、地址和端口正确"
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
