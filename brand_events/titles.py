"""A readable Chinese title for an event: its most salient clause, never a brand-name fragment.

Clauses of the event's sample posts (first post first) are scored by the weight of the event's
top terms they contain (terms that can name a subject: no tone word such as 还行, sentiment.
word_kinds.names_a_subject), with short clauses preferred; brand names, @names, #topics# and repost
markers are removed first. A clause that only says where the author took it (已经打了12378投诉,
准备找记者曝光, 建了个维权群) weighs a quarter, so it titles the event only when no clause
tells much of what happened: hotlines and regulators are rare, heavy words, but the story is
the grievance. Without a usable clause the
title is the top terms joined by "·".

A #topic# the public named the story by titles it before any clause (`topic_title`): one its
first post carries, or one of at least two of its independent posts and a tenth of them, that
says something of its own once the brand's names and the words every feed's tags use (投诉,
打卡, 日常 …) are taken out — #悦动健身长沙多店闭店#, not the clause 总部把责任全推给加盟商 (the
backlash three hours later) nor #健身打卡#. It is shown as written, brand and marks kept: what PR
staff search the platform for. A title settled from 100 posts gives way once, to a #topic#
the story comes to be known by later (`EventTracker._visible`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from brand_events.cluster import Cluster
from brand_events.features import HASHTAG, BrandNames
from core.text_cut import shorten
from sentiment.lexicons import COLLECTIVE_WORDS, LEGAL_WORDS, MEDIA_WORDS
from sentiment.urgency import matched_words
from sentiment.word_kinds import names_a_subject

MIN_TITLE, MAX_TITLE, GOOD_TITLE = 4, 28, 16
# Posts a title was made from after which it stays: alerts, the dashboard and reports have named
# the event by it (a school's closure went 「校区突然关门预交学费不退」 → 「预交学费3800元未退」
# between two alert messages an hour apart, at 400 posts).
SETTLED = 100
# A #topic# names a story when this much of it is left without the brand's names and these
# words, which tags of every kind of post use (#黑猫投诉#, #健身打卡#, #家长日常#, #好物分享#).
TOPIC_OWN = 4
GENERIC_TAG_WORDS = (
    "投诉", "维权", "曝光", "避雷", "吐槽", "打卡", "日常", "分享", "种草", "测评", "推荐", "攻略",
    "好物", "超话", "话题", "记录", "生活", "vlog",
)  # fmt: skip
TOPIC_SHARE = 0.1  # of the event's independent posts, and at least two of them
ESCALATION_WEIGHT = 0.25  # a clause saying where the complaint went, not what happened
RIGHTS = "维权"  # standing up for one's rights: where a complaint goes, in any words
_CLAUSE = re.compile(r"[。！？!?；;，,\n…]+|\s{2,}")
AT_NAMES = re.compile(r"//\s*@[^:：\s]{1,30}[:：]|@[\w\-\u4e00-\u9fff]{1,30}")  # @名字, //@名字:
_NOISE = re.compile(AT_NAMES.pattern + r"|#[^#\n]{1,40}#|https?://\S+")
_REPOST = re.compile(r"转发微博|轉發微博|\[[\u4e00-\u9fffA-Za-z]{1,8}\]")
# Not 说: 说我欠钱不还 (what someone called the author) must not read as 我欠钱不还. The middle
# dot of a project named after the brand (安居·学府里) stays behind when the brand is taken out.
_LEAD = "的了在是和与跟把被给就也都还又:：、·• "
# A demand put as a question opens many first posts (@官方 请解释为什么实际概率不到公示的一半):
# the title is what it asks about. Not 敢不敢 (那敢不敢公布…: a dare, not what happened), nor
# 怎么 (怎么回事).
_ASKING = re.compile(
    "^(?:请(?:你们|贵司|官方)?(?:解释|说明|回应|回答)(?:一下)?(?:为什么|为何)?|请问|为什么|为何|凭什么)"
)


def clauses(text: str, brand: BrandNames) -> list[str]:
    """Clauses of a post with noise and brand names removed, trimmed of dangling particles.

    A brand or product name ends a clause: taken out of "我的星河S7上个月也出现过刹车踏板变硬" it
    would leave 我的上个月…, which no one wrote."""
    text = brand.strip(_REPOST.sub("", _NOISE.sub(" ", text)), by="\n")
    found = []
    for raw in _CLAUSE.split(text):
        clause = raw.strip().strip(_LEAD).strip("“”\"'()（）【】[]《》")
        asked = _ASKING.sub("", clause).strip(_LEAD)
        clause = asked if len(asked) >= MIN_TITLE else clause
        if len(clause) >= MIN_TITLE:
            found.append(shorten(clause, MAX_TITLE))
    return found


def title_due(cluster: Cluster) -> bool:
    """Whether a visible event is (re)titled now: untitled, or doubled since its title was
    made from fewer than SETTLED posts."""
    if not cluster.title:
        return True
    return cluster.titled_size < SETTLED and cluster.size >= 2 * cluster.titled_size


def make_title(cluster: Cluster, brand: BrandNames, weight: Callable[[str], float]) -> str:
    """The event's title from its #topic#, sample posts and term profile."""
    named = topic_title(cluster, brand)
    if named:
        return named
    # What the independent posts say (seed, topic posts), not the repost chatter under them.
    counts = cluster.used if cluster.used else cluster.terms
    peak = max(counts.values(), default=1)
    top = {
        term.lstrip("#"): weight(term) * count / peak
        for term, count in counts.most_common(12)
        if not brand.is_fragment(term.lstrip("#")) and names_a_subject(term.lstrip("#"))
    }
    best, best_score = "", 0.0
    for rank, text in enumerate(cluster.exemplars):
        for clause in clauses(text, brand):
            score = sum(w for t, w in top.items() if t in clause)
            score /= 1.0 + max(0, len(clause) - GOOD_TITLE) / GOOD_TITLE
            score *= 1.5 if rank == 0 else 1.0  # the first post says what happened
            score *= ESCALATION_WEIGHT if escalation(clause) else 1.0
            if score > best_score:
                best, best_score = clause, score
    if best and not brand.is_fragment(best):
        return best
    words = [t for t, _ in sorted(top.items(), key=lambda pair: -pair[1])[:3]]
    if words:
        return "·".join(words)
    # No term can name it (the brand's own names, tone and address words): the first post's
    # first clause says more than 未命名事件 (posts comparing the brand's and a rival's 冷链).
    first = next((c for text in cluster.exemplars for c in clauses(text, brand)), "")
    return first if first and not brand.is_fragment(first) else "未命名事件"


def topic_title(cluster: Cluster, brand: BrandNames) -> str:
    """The #topic# the story is known by, as its posts write it, or "" (see the module)."""
    first = cluster.exemplars[0] if cluster.exemplars else ""
    opened = {t.strip().casefold() for t in HASHTAG.findall(first)}
    floor = max(2.0, TOPIC_SHARE * cluster.independent)
    best, best_count = "", 0
    for term, count in cluster.used.items():
        tag = term[1:]
        if not term.startswith("#") or (tag not in opened and count < floor):
            continue
        if count > best_count and own_words(tag, brand) >= TOPIC_OWN:
            best, best_count = tag, count
    if not best:
        return ""
    for text in cluster.exemplars:  # the tag as a post writes it (the term is casefolded)
        for tag in HASHTAG.findall(text):
            if tag.strip().casefold() == best:
                return f"#{tag.strip()}#"
    return f"#{best}#"


def own_words(tag: str, brand: BrandNames) -> int:
    """Characters a tag says of its own: without the brand's names and tags' common words."""
    rest = brand.strip(tag).casefold()
    for word in GENERIC_TAG_WORDS:
        rest = rest.replace(word, "")
    return len(rest.strip())


def escalation(clause: str) -> bool:
    """True when the clause names a regulator, court, police, the media, a 维权 group or 维权
    itself (业主们已经在准备一起维权: what the owners will do, not what happened to them)."""
    return RIGHTS in clause or any(
        matched_words(clause, words) for words in (LEGAL_WORDS, MEDIA_WORDS, COLLECTIVE_WORDS)
    )
