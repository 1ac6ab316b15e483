"""Start-up checks of the `alerting:` section: every mistake that would make alerts reach nobody.

Each problem is one Chinese line naming the key and the fix (`yuqing check`, `yuqing run`);
rule-file problems are separate: `run` starts with the other rules (alerting.rule_health).
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from alerting.config import ALERTING
from core.errors import ConfigError

if TYPE_CHECKING:
    from core.context import Context


def problems(ctx: Context) -> list[str]:
    """What is wrong with notifiers and escalation steps (empty when all is well); rule files
    are `rule_problems`: a bad one does not stop the service."""
    from alerting.notifiers import NOTIFIERS

    config = ALERTING.of(ctx.config)
    found: list[str] = []
    names = [n.name for n in config.notifiers]
    found += [
        f"alerting.notifiers: 通知渠道名 {name!r} 重复 {count} 次；每个渠道用唯一的 name"
        for name, count in Counter(names).items()
        if count > 1
    ]
    for notifier in config.notifiers:
        where = f"alerting.notifiers[{notifier.name}]"
        if notifier.type not in NOTIFIERS:
            known = "、".join(NOTIFIERS.names())
            found.append(f"{where}.type: 未知的通知渠道类型 {notifier.type!r}；可用：{known}")
            continue
        try:
            NOTIFIERS.get(notifier.type)(notifier)
        except ConfigError as exc:
            found += str(exc).splitlines()
    for number, step in enumerate(config.escalation):
        for name in step.notifiers:
            if name not in names:
                found.append(
                    f"alerting.escalation[{number}].notifiers: 未定义的通知渠道 {name!r}；"
                    f"已定义：{'、'.join(names) or '（无）'}"
                )
    return found


def warnings(ctx: Context) -> list[str]:
    """What works but will disappoint: deep links in chat messages that open the sender's own
    machine (a loopback `dashboard.public_url` while notifiers are enabled)."""
    config = ALERTING.of(ctx.config)
    public_url = ctx.config.dashboard.public_url
    if not any(n.enabled for n in config.notifiers) or not is_loopback_url(public_url):
        return []
    return [
        f"dashboard.public_url 是本机地址 {public_url}：通知消息里“在舆情控制台处理”的链接"
        "在同事的手机或电脑上打不开；改成大家都能访问的地址"
        f"（如 http://内网IP:{ctx.config.dashboard.port} 或域名）"
    ]


def is_loopback_url(url: str) -> bool:
    """True for http://127.0.0.1…, http://localhost…, http://[::1]… and http://0.0.0.0…."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def rule_problems(ctx: Context) -> list[str]:
    """What is wrong with rule files and the rules' references; `yuqing check` fails on them,
    `yuqing run` starts without those rules (alerting.rule_health)."""
    from alerting.rule_health import usable_rules

    return usable_rules(ctx)[1]
