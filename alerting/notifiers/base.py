"""The message every channel sends (Notification), and the channel base that sends it.

Alerts, SLA notices, overdue tasks and reports all speak to people through Notification;
it lives here, below `alerting.notifications`, so channels never import their caller.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel, ConfigDict, ValidationError

from core.enums import Severity
from core.errors import ConfigError, YuqingError
from core.validation import one_line

if TYPE_CHECKING:
    from alerting.config import NotifierConfig


@dataclass
class Notification:
    """A message for people: title, Markdown body, severity, deep link, notifier names, alert."""

    title: str
    body_markdown: str
    severity: Severity
    link: str | None = None
    targets: list[str] | None = None  # notifier names; None = every enabled notifier
    alert_id: int | None = None
    # Same for every retry of one message: a receiver drops a repeat it has seen.
    idempotency_key: str | None = None

    def __post_init__(self) -> None:
        # Queued rows of older versions carry "warning"/"info": read them as today's levels.
        self.severity = Severity(self.severity)


class DeliveryError(YuqingError):
    """A channel refused or could not take a message; the delivery will be retried."""


class ChannelOptions(BaseModel):
    """Options every channel accepts: `url` overrides the generated apprise URL."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None

    def problems(self) -> list[tuple[str, str]]:
        """(option, what to fix) for each option this channel cannot send without."""
        return []


OptionsT = TypeVar("OptionsT", bound=ChannelOptions)


class Channel(Generic[OptionsT]):
    """One notification vendor typed by its options; subclasses build the apprise URL."""

    type_name: ClassVar[str] = ""
    options_model: ClassVar[type[ChannelOptions]] = ChannelOptions
    default_rate_limit: ClassVar[int] = 20
    body_format: ClassVar[str] = "markdown"  # an apprise.NotifyFormat value

    def __init__(self, config: NotifierConfig) -> None:
        self.config = config
        try:
            self.options = cast(OptionsT, self.options_model.model_validate(config.options))
        except ValidationError as exc:
            problems = one_line(exc, whole="options")
            raise ConfigError(f"alerting.notifiers[{config.name}].options: {problems}") from None
        # A raw apprise URL replaces the vendor options; without one they must be complete.
        missing = [] if self.options.url else self.options.problems()
        if missing:
            raise ConfigError(
                "\n".join(
                    f"alerting.notifiers[{config.name}].options.{key}：{fix}"
                    for key, fix in missing
                )
            )

    @property
    def rate_limit(self) -> int:
        """Messages allowed per rate_period on this channel."""
        return self.config.rate_limit or self.default_rate_limit

    def apprise_url(self, notification: Notification) -> str:
        """The apprise URL this message goes to."""
        raise NotImplementedError

    def render(self, notification: Notification) -> tuple[str, str]:
        """Title and body as this channel shows them."""
        body = notification.body_markdown
        if notification.link and notification.link not in body:
            body += f"\n\n[在舆情控制台查看]({notification.link})"
        if notification.idempotency_key:
            body += f"\n\n消息编号：{notification.idempotency_key}"
        return notification.title, body

    def send(self, notification: Notification) -> str | None:
        """Deliver one message; raise DeliveryError with the vendor's complaint on failure.
        A channel that reached only part of its recipients returns a note saying who not."""
        import apprise  # only a process that sends pays its import (~0.3 s)

        url = self.options.url or self.apprise_url(notification)
        title, body = self.render(notification)
        client = apprise.Apprise()
        if not client.add(url):
            raise DeliveryError(
                f"{self.config.name}: apprise 不接受此通知地址（检查 options 的 url、token 等）"
            )
        # DEBUG: apprise logs the socket's own exception there ("Socket Exception: …"), and
        # its WARNING only says "Connection error"; the level name tells the two apart.
        # The capture lowers apprise's logger to DEBUG; its records (every payload) stay in the
        # capture instead of reaching the command's log on stderr.
        apprise_log = logging.getLogger("apprise")
        propagate, apprise_log.propagate = apprise_log.propagate, False
        try:
            with apprise.LogCapture(
                level=apprise.logging.DEBUG, fmt="%(levelname)s %(message)s"
            ) as log:
                ok = client.notify(
                    title=title, body=body, body_format=apprise.NotifyFormat(self.body_format)
                )
                lines = log.getvalue().splitlines()  # type: ignore[attr-defined]
        finally:
            apprise_log.propagate = propagate
        if not ok:
            said = [
                line.split(" ", 1)[1]
                for line in lines
                if line.startswith(("WARNING ", "ERROR ", "CRITICAL "))
                or line.startswith("DEBUG Socket Exception:")
            ]
            details = self.explain("\n".join(said))
            raise DeliveryError(f"{self.config.name}: {details or '发送失败'}"[:1000])
        return None

    def explain(self, said: str) -> str:
        """apprise's words for a failed delivery, as the user should read them (a channel
        that knows its failures says them in Chinese)."""
        return said


# Our own links: user text reaches a message through chat_text, which has no [ ] ( ) left.
_LINK = re.compile(r"\s*\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_LIST_MARKER = re.compile(r"(?:\d+\.|-) ")


def plain_text(markdown: str) -> str:
    """A message body for a text-only channel: no ** markers, and every link as its label and
    URL on a line of their own (indented under a list item), which the chat app makes clickable.
    """
    lines: list[str] = []
    for line in markdown.replace("**", "").split("\n"):
        links = list(_LINK.finditer(line))
        text = _LINK.sub("", line).rstrip()
        marker = _LIST_MARKER.match(text)
        indent = " " * len(marker.group()) if marker else ""
        if text or not links:
            lines.append(text)
        lines += [f"{indent if text else ''}{m[1]}：{m[2]}" for m in links]
    return "\n".join(lines)


def required(value: str | None, option: str, fix: str) -> list[tuple[str, str]]:
    """The problem of a missing or blank vendor credential, or of a whole webhook address
    pasted where only its key belongs (`fix` says where to find the key)."""
    if not value or not value.strip():
        return [(option, f"缺少必填项，此渠道发不出消息；{fix}")]
    if "://" in value:
        return [(option, f"应只填密钥本身，不是整个网址；{fix}")]
    return []


_ADDRESS = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"'.]+")


def is_email_address(value: str) -> bool:
    """name@domain.tld, without display name, spaces or separators."""
    return _ADDRESS.fullmatch(value) is not None


def quote(value: Any) -> str:
    """URL-quote a value for an apprise URL component."""
    from urllib.parse import quote as _quote

    return _quote(str(value), safe="")
