"""email: new messages of an IMAP complaint mailbox, read-only, resumable by UID.

The cursor is "UIDVALIDITY:UID" of the last indexed message. If the server's UIDVALIDITY
changes (mailbox rebuilt), UIDs mean nothing any more and the source back-fills by date
again (duplicates are dropped by mention id = Message-ID). The folder is selected
read-only and fetched with BODY.PEEK[], so nothing is flagged \\Seen, moved or deleted.
Options: host, port (993/143), ssl (true), ca_file (the PEM of a company CA that signed the
server's certificate; the system's trusted CAs otherwise), username, password or password_env,
folder (INBOX), plans (pre-assigned plan ids), batch_size (50), max_messages (500 per run).
"""

from __future__ import annotations

import ast
import contextlib
import os
import socket
import ssl
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from collectors.base import Batch, Collector, CollectRequest, SourceFailed
from collectors.config import SourceConfig
from collectors.mail_message import MailMessage, parse_message
from collectors.options import OptionReader
from core.certificates import ca_file_problem, certificate_problem
from core.context import Context
from core.enums import Channel
from core.errors import ConfigError
from core.models import Author, Mention
from core.validation import close_match


def parse_cursor(cursor: str | None) -> tuple[int, int] | None:
    """(UIDVALIDITY, last UID) from "123:45", or None."""
    try:
        validity, uid = (cursor or "").split(":")
        return int(validity), int(uid)
    except ValueError:
        return None


class ImapCollector(Collector):
    """Reads a mailbox over IMAP without changing it."""

    type_name = "email"

    def __init__(self, source: SourceConfig, ctx: Context, settings: dict[str, Any]) -> None:
        super().__init__(source, ctx)
        self.settings = settings

    @classmethod
    def from_config(cls, source: SourceConfig, ctx: Context) -> ImapCollector:
        """Read host, login and folder options."""
        reader = OptionReader(source)
        use_ssl = reader.boolean("ssl", True)
        settings = {
            "host": reader.string("host", required=True),
            "port": reader.integer("port", 993 if use_ssl else 143, minimum=1),
            "ssl": use_ssl,
            "ca_file": cls._ca_file(reader, use_ssl),
            "username": reader.string("username", required=True),
            "password": cls._password(reader),
            "folder": reader.string("folder", "INBOX"),
            "plans": reader.plans(ctx),
            "batch_size": reader.integer("batch_size", 50, minimum=1),
            "max_messages": reader.integer("max_messages", 500, minimum=1),
            "timeout": reader.number("timeout", 30.0),
        }
        reader.reject_unknown()
        return cls(source, ctx, settings)

    @staticmethod
    def _ca_file(reader: OptionReader, use_ssl: bool) -> str | None:
        """A readable PEM file, or None for the system's trusted CAs."""
        path = reader.string("ca_file")
        if path is None:
            return None
        if not use_ssl:
            reader.report("ca_file", "只在 ssl: true 时使用：删掉 ca_file，或把 ssl 改为 true")
            return None
        problem = ca_file_problem(path)
        if problem:
            reader.report("ca_file", problem)
        return path

    @staticmethod
    def _password(reader: OptionReader) -> str:
        """The password; a problem is noted and reading goes on, so every problem shows at once."""
        variable, written = reader.string("password_env"), reader.string("password")
        if variable and written:
            reader.report(
                "password", "与 password_env 只能填一个：删掉其中一个（建议保留 password_env）"
            )
        password = os.environ.get(variable) if variable else written
        if not password and variable:
            reader.report("password_env", f"环境变量 {variable} 未设置或为空：先设置它再启动")
        elif not password:
            reader.report(
                "password", "缺少密码：请填写 password，或用 password_env 指定存放密码的环境变量"
            )
        return password or ""

    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        """New messages in UID order, one batch per `batch_size` messages."""
        with self._connect() as client:
            self._require_folder(client)
            validity = int(
                client.select_folder(self.settings["folder"], readonly=True)[b"UIDVALIDITY"]
            )
            uids = self._new_uids(client, validity, request)
            for start in range(0, len(uids), self.settings["batch_size"]):
                chunk = uids[start : start + self.settings["batch_size"]]
                fetched = client.fetch(chunk, ["BODY.PEEK[]", "INTERNALDATE"])
                mentions = [
                    self._mention(validity, uid, fetched[uid]) for uid in chunk if uid in fetched
                ]
                gone = [
                    f"邮件 UID {uid} 未能取回(已被删除?)" for uid in chunk if uid not in fetched
                ]
                yield Batch(mentions, cursor=f"{validity}:{chunk[-1]}", pages=1, losses=gone)

    def _connect(self) -> IMAPClient:
        settings = self.settings
        try:
            client = IMAPClient(
                settings["host"],
                port=settings["port"],
                ssl=settings["ssl"],
                ssl_context=ssl.create_default_context(cafile=settings["ca_file"])
                if settings["ssl"]
                else None,
                timeout=settings["timeout"],
            )
            client.normalise_times = False  # keep INTERNALDATE timezone-aware
            client.login(settings["username"], settings["password"])
        except LoginError as exc:
            raise ConfigError(login_problem(self.source.name, settings, exc)) from None
        except (OSError, IMAPClientError) as exc:
            where = f"sources[{self.source.name}].options"
            reason = connect_problem(exc, settings["timeout"], settings["host"], where)
            raise SourceFailed(
                f"无法连接邮箱 {settings['host']}:{settings['port']}：{reason}"
            ) from None
        return client

    def _require_folder(self, client: IMAPClient) -> None:
        """ConfigError naming the folders there are when `folder` is not one of them."""
        folder = self.settings["folder"]
        if client.folder_exists(folder):
            return
        names = [str(name) for _flags, _delimiter, name in client.list_folders()]
        near = close_match(folder, names)
        hint = f"是不是 {near}？" if near else ""
        raise ConfigError(
            f"sources[{self.source.name}].options.folder：邮箱中没有文件夹 {folder!r}；{hint}"
            f"已有的文件夹：{'、'.join(names) or '（无）'}（名称须与此完全一致，含大小写与分隔符）"
        )

    def _new_uids(self, client: IMAPClient, validity: int, request: CollectRequest) -> list[int]:
        """UIDs after the cursor; by date since the back-fill horizon on first run or reset."""
        stored = parse_cursor(request.cursor)
        if stored and stored[0] == validity:
            found = [uid for uid in client.search(["UID", f"{stored[1] + 1}:*"]) if uid > stored[1]]
        else:
            found = client.search(["SINCE", request.backfill_since.date()])
        return sorted(found)[: self.settings["max_messages"]]

    def _mention(self, validity: int, uid: int, data: dict[bytes, Any]) -> Mention:
        mail = parse_message(data[b"BODY[]"])
        received = data.get(b"INTERNALDATE")
        return Mention(
            source=self.source.name,
            channel=Channel.EMAIL,
            native_id=mail.message_id or f"uid:{validity}:{uid}",
            url=f"imap://{self.settings['host']}/{self.settings['folder']};UIDVALIDITY={validity}/;UID={uid}",
            author=Author(id=mail.sender_address, name=mail.sender_name or mail.sender_address),
            title=mail.subject or None,
            text=mail_text(mail),
            published_at=mail.sent_at
            or (received if isinstance(received, datetime) else self.ctx.clock()),
            collected_at=self.ctx.clock(),
            reply_to=mail.in_reply_to,
            plans=list(self.settings["plans"]),
        )


def connect_problem(exc: Exception, timeout: float, host: str, where: str) -> str:
    """Why the mailbox could not be reached, in Chinese, with the options to check."""
    if isinstance(exc, ConnectionRefusedError):
        return (
            "连接被拒绝：检查 host/port/ssl 与防火墙（常见为 993 配 ssl: true，143 配 ssl: false）"
        )
    if isinstance(exc, TimeoutError):
        return f"连接超时（{timeout:g} 秒）：检查 host/port 与防火墙，或调大 options.timeout"
    if isinstance(exc, socket.gaierror):
        return "无法解析主机名：检查 host 拼写与本机网络/DNS"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return certificate_problem(exc, host, where)
    if isinstance(exc, ssl.SSLError):
        return "SSL 握手失败：检查 ssl 与 port 是否匹配（993 配 ssl: true，143 配 ssl: false）"
    if isinstance(exc, IMAPClientError):
        return f"邮箱服务器返回错误（{exc}）：检查 host/port 是否为 IMAP 服务"
    return f"网络错误（{type(exc).__name__}）：检查 host/port/ssl、网络与防火墙"


def login_problem(source: str, settings: dict[str, Any], exc: LoginError) -> str:
    """Why the mailbox refused the login, in Chinese, with what to check."""
    reply = server_reply(exc)
    return (
        f"sources[{source}].options.username/password：邮箱 {settings['host']} 拒绝登录"
        f"（用户名 {settings['username']}，服务器答复：{reply or '无'}）：检查 username 与 "
        "password/password_env；QQ、163 等邮箱的 IMAP 须填“授权码”而不是网页登录密码。"
        f"登录成功后才能检查 folder {settings['folder']!r} 是否存在"
    )


def server_reply(exc: Exception) -> str:
    """The server's words in an imapclient error, without the b'...' that imapclient wraps."""
    reply = str(exc.args[0]) if exc.args else ""
    if reply[:2] in ("b'", 'b"') and reply[-1:] == reply[1]:
        with contextlib.suppress(ValueError, SyntaxError):
            reply = ast.literal_eval(reply).decode(errors="replace")
    return reply


def mail_text(mail: MailMessage) -> str:
    """The body, with a note naming the attachments (which are not stored)."""
    note = f"[附件(未保存): {', '.join(mail.attachments)}]" if mail.attachments else ""
    return "\n\n".join(part for part in (mail.text, note) if part) or mail.subject or "(空邮件)"
