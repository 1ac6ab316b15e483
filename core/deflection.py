"""Blame and denial in the brand's own statement, before any investigation could have found it.

DOMAIN's handling principles: help first, settle responsibility after (不问责任，先帮助客户解决
问题); give only verified data; never call people's accounts rumours. The playbooks say it step
by step (调查结论出来前不归咎用户、充电器、安装方, 不说"产品合格""均通过认证"). A statement that
does anyway is the crisis's next fuel: the appliance week's 情况说明 (由非授权人员安装，排烟管被
私自改装，与产品质量无关；均通过国家强制性认证) drew 17,550 reactions in its first hour and the
backlash of the day. This module finds those phrases so the alert on the statement, the case's
first-response step and the report can name them, not only say 请核查回应口径.

Phrases, not words: 无关 accepts blame in 与用户无关，是我们的问题, and 认证 is plain in 认证用户.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Deflection(StrEnum):
    """What a phrase of the statement does before the facts are in."""

    DENIES = "denies"  # 与产品质量无关, 个例, 属于不可抗力, 未发现数据泄露, 未见明显异常
    BLAMES = (
        "blames"  # 非授权人员安装, 使用不当, 第三方配件, 第三方电商平台, 市政施工, 合作公司所属司机
    )
    RUMOUR = "rumour"  # 谣言, 不实信息, 恶意炒作
    CLEARS = "clears"  # 均通过认证, 检测合格


DEFLECTION_ZH = {
    Deflection.DENIES: "撇清责任",
    Deflection.BLAMES: "归咎用户或第三方",
    Deflection.RUMOUR: "定性为谣言",
    Deflection.CLEARS: "未检先称合格",
}

_PATTERNS: dict[Deflection, re.Pattern[str]] = {
    Deflection.DENIES: re.compile(
        r"与(?:我们|我司|本公司|公司|产品|我们的产品)?(?:本身)?(?:产品)?质量(?:问题)?无关"
        r"|与(?:我们|我司|本公司|公司|产品|品牌)(?:本身)?无关"
        r"|(?<![不非能])(?:属于|系|是)(?:极)?个(?:例|别现象)|(?:极)?个别现象"
        r"|(?:属于|属|系|为)不可抗力"
        r"|未发现(?:任何)?(?:用户|客户)?(?:数据|信息)(?:泄露|泄漏|外泄)"
        r"|未(?:见|发现)(?:任何|明显)?(?:异常|故障)"
    ),
    Deflection.BLAMES: re.compile(
        r"非(?:授权|官方|正规)(?:人员|渠道|网点|师傅)?(?:安装|维修|改装|拆装)"
        r"|(?:使用|操作|安装)不当|人为(?:损坏|原因|因素)|(?:用户|消费者|车主)(?:自身|个人)原因"
        r"|(?:私自|自行)(?:改装|拆装|拆机|维修)|第三方(?:配件|充电器|安装|维修)|非原装"
        r"|(?:您|你|用户|顾客|消费者|车主)(?:自己|自行|本人)(?:放入|造成|导致|操作|弄坏|损坏|摔)"
        r"|(?:来自|源于|源自|出自)第三方(?:电商|购物|网购|销售|合作)?(?:平台|商家|渠道|网站|机构)"
        r"|(?:市政|第三方|外部|外单位)施工(?:挖断|破坏|损坏)?|施工(?:方)?挖断"
        r"|(?:(?<=[为系是])|(?<=属于))(?:合作|第三方|外包|加盟|挂靠|代理)[^，。；：、]{0,6}?"
        r"(?:公司|机构|服务商|供应商|承运商|商家|商|合作方)(?:所属|派遣|聘用|雇佣)?的?"
        r"(?:司机|骑手|快递员|工作人员|人员|员工|师傅)?"
    ),
    Deflection.RUMOUR: re.compile(
        r"谣言|造谣|不实(?:信息|言论|传言)|(?:一事|消息|说法|传言|报道)(?:纯属|均|完全)?不实"
        r"|恶意(?:炒作|抹黑|中伤)"
    ),
    Deflection.CLEARS: re.compile(
        r"均(?:已)?通过[^，。；]{0,12}认证|(?:检测|检验|抽检)(?:结果)?(?:均)?(?:为)?合格"
        r"|符合国家(?:强制性)?标准|产品(?:本身)?(?:质量)?(?:不存在|没有)(?:任何)?问题"
    ),
}


# A phrase the statement takes back or rejects: an apology's 错误地将原因归于第三方充电器, 并非个例.
_WITHDRAWN = re.compile(
    r"(?:错误地|误将|归于|归咎于|不是|并非|而非|不能说|绝非|此前关于|此前称)[^，。；！？]{0,6}$"
)
_BEFORE = 10  # characters before a phrase read for _WITHDRAWN


def deflections(text: str) -> list[tuple[Deflection, str]]:
    """Each blaming or denying phrase of the text with its kind, in the order they stand."""
    found = [
        (match.start(), kind, match.group(0))
        for kind, pattern in _PATTERNS.items()
        for match in pattern.finditer(text)
        if not _WITHDRAWN.search(text[max(0, match.start() - _BEFORE) : match.start()])
    ]
    seen: set[str] = set()
    ordered: list[tuple[Deflection, str]] = []
    for _, kind, phrase in sorted(found):
        if phrase not in seen:
            seen.add(phrase)
            ordered.append((kind, phrase))
    return ordered


def deflection_zh(text: str) -> str:
    """One clause naming them, or "": 含调查结论出来前的归咎用户或第三方「非授权人员安装」、
    撇清责任「与产品质量无关」."""
    found = deflections(text)
    if not found:
        return ""
    kinds: dict[Deflection, list[str]] = {}
    for kind, phrase in found:
        kinds.setdefault(kind, []).append(f"「{phrase}」")
    named = "、".join(f"{DEFLECTION_ZH[kind]}{''.join(phrases)}" for kind, phrases in kinds.items())
    return f"含调查结论出来前的{named}"
