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


NETWORK_FIX = "请确认节点正在运行、地址和端口正确"

# The transport's words for why a connection failed → (cause, what to change), in Chinese; the
# first match wins. TLS causes name the option to change instead of "is the node running?".
_CAUSES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"Connection refused|ECONNREFUSED", re.I),
        "连接被拒绝，节点没有在运行或端口不对",
        NETWORK_FIX,
    ),
    (
        re.compile(r"Name or service not known|nodename|getaddrinfo|Failed to resolve", re.I),
        "主机名无法解析",
        NETWORK_FIX,
    ),
    (
        re.compile(
            r"(?:Hostname|IP address) mismatch, certificate is not valid for '([^']*)'", re.I
        ),
        "服务器证书上的主机名与 index.urls 的主机（{0}）不符",
        "地址里改用证书上的主机名，或请集群管理员为这个名字签发证书",
    ),
    (
        re.compile(r"certificate has expired", re.I),
        "服务器证书已过期",
        "请集群管理员更新证书",
    ),
    (
        re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify failed", re.I),
        "服务器证书无法验证，不是本机信任的 CA 签发的",
        "用 index.ca_certs 写上签发集群证书的 CA 证书（PEM）路径"
        "（只在测试环境才设 verify_certs: false）",
    ),
    (
        re.compile(r"WRONG_VERSION_NUMBER|wrong version number|record layer failure", re.I),
        "这个端口不是 HTTPS",
        "集群没有启用 TLS 时地址写 http://，否则检查端口",
    ),
    (
        re.compile(r"SSL|TLS", re.I),
        "TLS 握手失败",
        "检查 index.urls 的 https:// 与端口、index.ca_certs",
    ),
    (re.compile(r"timed? ?out", re.I), "连接超时", NETWORK_FIX),
    (
        re.compile(r"Connection reset|Connection aborted|RemoteDisconnected", re.I),
        "连接被对方断开",
        NETWORK_FIX + "；集群启用了 HTTPS 时地址要写 https://",
    ),
]


def _cause(detail: str) -> tuple[str, str]:
    """Why the connection failed and what to change, in Chinese (the transport's own words and
    the network advice when the cause is not known)."""
    for pattern, cause, fix in _CAUSES:
        if found := pattern.search(detail):
            return cause.format(*found.groups()), fix
    return detail, NETWORK_FIX


def unreachable(url: str, detail: str) -> EngineUnavailableError:
    """index.urls：无法连接 URL（原因）— what to change."""
    cause, fix = _cause(detail)
    return EngineUnavailableError(f"index.urls：无法连接 {url}（{cause}）— {fix}")


def refused(url: str, status: int, detail: str) -> EngineAuthError:
    """The credentials error with the settings to check."""
    return EngineAuthError(
        f"index.username/index.password/index.api_key：{url} 返回 HTTP {status}：{detail}"
        " — 请检查账号凭据（YUQING_INDEX__PASSWORD、YUQING_INDEX__API_KEY）"
    )


def rejected(url: str, what: str, status: int, detail: str) -> EngineRequestError:
    """A request the cluster rejected, with what we were doing."""
    return EngineRequestError(f"{url}：{what} 请求失败，HTTP {status}：{detail}")
