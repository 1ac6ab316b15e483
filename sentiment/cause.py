"""Where a complaint's dissatisfaction comes from: the product or service itself, or how the
brand talked to the customer (沟通不畅) — DOMAIN's second axis beside the category: about a
third of dissatisfaction comes from the product or service, two thirds from communication.

A complaint is put down to communication when it names how it was handled: nobody answered
(没人回复, 石沉大海), nobody could be reached (电话打不通), it was passed around (推诿, 踢皮球),
fobbed off (敷衍, 等通知), handled rudely (态度差, 挂电话), not told (没通知, 说法不一) or
promised and let down (说好的, 没兑现). Phrases, not single words: 态度 alone is praise as
often as blame.

The proxy it was checked on: 黑猫 finance complaints labelled 客户服务 against the other
labels (python -m bench.complaint_causes); no text was labelled by this axis.
"""

from __future__ import annotations

import re
from enum import StrEnum


class ComplaintCause(StrEnum):
    """The second axis of a complaint."""

    PRODUCT_SERVICE = "product_service"
    COMMUNICATION = "communication"


CAUSE_LABELS_ZH = {
    ComplaintCause.PRODUCT_SERVICE: "产品/服务本身",
    ComplaintCause.COMMUNICATION: "沟通不畅",
}

# One group per way communication fails, each a regular expression over the text.
COMMUNICATION_CUES: dict[str, str] = {
    "无人回应": (
        r"(没人|无人|没有人?|不)(回复|回消息|回应|理会?|理睬|搭理|跟进|处理)|(没人|无人|没有人)管"
        r"|已读不回|石沉大海"
        r"|没有?下文|杳无音讯|爱答不理|不予理睬|不理人"
    ),
    "联系不上": (
        r"(电话|客服)?(打不通|无法打通|无法接通|无人接听?)|联系不上|找不到人|不接电话|没人接"
        r"|转不了人工|机器人客服|一直排队|自动离线"
        r"|(打|找|联系|致电)[^，。！？]{0,3}客服[^，。！？]{0,6}无果"
    ),
    "推诿": r"推(诿|脱|卸|来推去)|踢皮球|互相推|甩锅|(让|叫)我(去)?找",
    "敷衍": (
        r"敷衍|搪塞|打太极|糊弄|等通知|回去等|(让|叫)我[^，。！？]{0,4}等|一直拖(?!欠)|拖着不"
        r"|答非所问|(未|不|没有?)正面回答|(沟通|协商|交涉)无果"
    ),
    "态度差": (
        r"态度[^，。！？]{0,3}(差|不好|恶劣|蛮横|冷淡|嚣张|极其)|不耐烦|挂(了)?(我)?电话"
        r"|骂人|辱骂|阴阳怪气"
    ),
    "未告知": (
        r"(没有?|未|不)(提前)?(通知|告知|告诉|说明|解释)|说法不一|口径不一|前后不一|答复不一"
        r"|各说各的|给(我)?(一)?个说法|隐瞒"
    ),
    "承诺落空": r"说好的|答应的|承诺的?[^，。！？]{0,6}(没|未|不)|(没|不)兑现|食言|出尔反尔",
}

_PATTERNS = {group: re.compile(pattern) for group, pattern in COMMUNICATION_CUES.items()}


def communication_cues(text: str) -> list[str]:
    """The ways communication failed that a text names (group names, in order of mention)."""
    found = [(m.start(), group) for group, p in _PATTERNS.items() if (m := p.search(text))]
    return [group for _, group in sorted(found)]


def complaint_cause(text: str) -> ComplaintCause:
    """沟通不畅 when the complaint names how it was handled, else the product/service itself."""
    if communication_cues(text):
        return ComplaintCause.COMMUNICATION
    return ComplaintCause.PRODUCT_SERVICE
