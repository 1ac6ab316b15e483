"""One project, one story: a post about another of the brand's 楼盘 stays apart.

A developer's owners name their project: 安居·翡翠湾, 翡翠湾的房子, 我家也是翡翠湾的,
#安居翡翠湾业主维权#. One project's crisis (a handover ten months late, owners at the sales office)
and another project's everyday complaint (安居·学府里又发通知推迟交付，业主们已经在准备一起维权了)
share every heavy word — 推迟交付, 业主, 维权 — so the topic join put them in one event, and the
older everyday post became the crisis's first post and its title.

A text **names a project** by a brand-and-project form (a middle dot before a name ending in a
project word: ·翡翠湾, ·学府里, ·滨江壹号) or by a project word of its own (…府 …苑 …湾 …壹号
…公馆 …华庭 …家园) followed by what owners say of it (项目, 业主, 小区, 楼盘, 交房, 交付, 的房).
Two names are the same project when one holds the other (居翡翠湾 read from a hashtag and
翡翠湾). A post naming projects that a story names none of, while the story names one, is
about another project: it joins neither by topic nor by a merge, and two stories naming
different projects are not merged. A post or story naming no project is apart from nothing
(most posts of a crisis say 业主, 交房, 维权 and never the project's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

_HAN = "\u4e00-\u9fff"
# The last word of a project's name after the brand's middle dot (安居·春风里, 万象·中心花园).
_AFTER_DOT = "府|苑|湾|里|园|城|庭|院|郡|墅|邸|壹号|一号|公馆|花园|家园|华庭|天地|公寓|大厦"
# A project word strong enough without the dot (里, 园 and 城 are every other word's end).
_OWN = "府|苑|湾|壹号|公馆|华庭|名邸|家园"
# What owners say right after their project's name.
_OWNERS = "项目|业主|小区|楼盘|交房|交付|的房|一期|二期|三期"
NAMED = re.compile(
    f"[·•・]([{_HAN}]{{1,4}}(?:{_AFTER_DOT}))|([{_HAN}]{{2}}(?:{_OWN}))(?={_OWNERS})"
)
# Words ending in a project word that name no project (政府, 台湾, 最高学府 …).
NOT_NAMES = re.compile("政府|官府|学府$|首府|城府|王府|台湾|海湾|港湾|大湾")


# A character every name holds (most texts hold none: one scan instead of the full pattern).
_SCREEN = re.compile("[·•・府苑湾号馆庭邸园]")
NONE: frozenset[str] = frozenset()


def names(text: str) -> frozenset[str]:
    """The projects the text names (empty for most texts)."""
    if not text or _SCREEN.search(text) is None:
        return NONE
    found = {dotted or own for dotted, own in NAMED.findall(text)}
    return frozenset(name for name in found if NOT_NAMES.search(name) is None)


def named_by(texts: Iterable[str]) -> frozenset[str]:
    """The projects any of the texts names."""
    found: set[str] = set()
    for text in texts:
        found |= names(text)
    return frozenset(found)


def _same(name: str, other: str) -> bool:
    return name in other or other in name


def apart(ours: AbstractSet[str], theirs: AbstractSet[str]) -> bool:
    """True when both name projects and none of them the same: a post naming `ours` is about
    another project than a story naming `theirs`, and two such stories are not one."""
    return bool(ours and theirs) and not any(_same(a, b) for a in ours for b in theirs)
