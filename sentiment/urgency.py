"""Urgency (紧急程度): an explainable 0–100 score from text signals, author and spread.

Every signal that contributes adds an UrgencyReason with its code, evidence and weight;
the score is the capped sum. Levels use Severity.from_score (25 / 50 / 75); the signal
codes and their Chinese labels are core.enums.UrgencySignal.
Author influence and spread velocity amplify complaints, so they are damped for
non-negative mentions (a KOL praising a product is not a crisis).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import timedelta
from functools import lru_cache

from core.enums import SentimentLabel, Severity, UrgencySignal
from core.models import Mention, Urgency, UrgencyReason
from core.numbers_zh import followers_zh
from core.timeutil import since_posted_zh
from sentiment.category import part_failure_evidence
from sentiment.devices import swelling_evidence
from sentiment.lexicons import (
    COLLECTION_WORDS,
    COLLECTIVE_WORDS,
    EMOTION_WORDS,
    FINANCE_CONTEXT,
    HARM_WORDS,
    LEGAL_WORDS,
    MEDIA_WORDS,
    PEOPLE_AT_RISK,
    PRIVACY_WORDS,
    REPEAT_WORDS,
    THIRD_PARTIES,
)
from sentiment.rides import RIDE_DANGER_HARM, is_read_danger, ride_danger

ALL_URGENCY_WORDS: tuple[str, ...] = (
    *HARM_WORDS,
    *LEGAL_WORDS,
    *MEDIA_WORDS,
    *COLLECTIVE_WORDS,
    *PRIVACY_WORDS,
    *THIRD_PARTIES,
    *REPEAT_WORDS,
    *EMOTION_WORDS,
)
WORD_SIGNALS: tuple[tuple[UrgencySignal, dict[str, int], int], ...] = (
    (UrgencySignal.HARM_TO_PEOPLE, HARM_WORDS, 50),
    (UrgencySignal.LEGAL_REGULATORY, LEGAL_WORDS, 45),
    (UrgencySignal.MEDIA_EXPOSURE, MEDIA_WORDS, 35),
    (UrgencySignal.COLLECTIVE_ACTION, COLLECTIVE_WORDS, 30),
    (UrgencySignal.PRIVACY_HARASSMENT, PRIVACY_WORDS, 45),
    (UrgencySignal.REPEAT_CONTACT, REPEAT_WORDS, 25),
)
_SIGNAL_WORDS = frozenset(word for _, lexicon, _ in WORD_SIGNALS for word in lexicon)
THIRD_PARTY_HARASSMENT = 30  # a collector calling parents, employer or contacts
PART_FAILURE_HARM = 35  # a brake failing (刹车…失灵) as 刹车失灵 itself, or a battery swelling
EMOTION_CAP = 20
CONFIDENT_NEGATIVE = 0.9
AUTHOR_CAP = 25
VELOCITY_CAP = 20
AMPLIFIER_DAMPING = {
    SentimentLabel.NEGATIVE: 1.0,
    SentimentLabel.NEUTRAL: 0.5,
    SentimentLabel.POSITIVE: 0.2,
}


def matched_words(text: str, words: dict[str, int], found: set[str] | None = None) -> list[str]:
    """Lexicon words found in text, dropping ones contained in a longer match (中毒 in 食物中毒)
    and the longer words of weight 0 (报警器 hides 报警 and is no signal itself).

    Numbers (12315, 12345, 315) count only as whole numbers: 13812345678 is a phone number.
    `found`: the words already known to occur in text (one batch scan), if computed.
    """
    if found is not None:
        if words.keys().isdisjoint(found):
            return []  # most texts: no word of this lexicon, nothing to order
        present: Iterable[str] = [word for word in words if word in found]
    else:
        present = (word for word in words if word in text)
    hits = [word for word in present if _whole(word, text)]
    longest = [w for w in hits if not _inside(w, hits, words, text)]
    return [w for w in longest if words[w]]  # a weight of 0: a longer word that is no signal


def _inside(word: str, hits: list[str], words: dict[str, int], text: str) -> bool:
    """The word is part of a longer hit: always for a signal (中毒 in 食物中毒), only where every
    occurrence is for a word of weight 0 (报警器 hides 报警, not 报警器响了…我报警了)."""
    longer = [other for other in hits if other != word and word in other]
    if any(words[other] for other in longer):
        return True
    return bool(longer) and text.count(word) <= sum(text.count(other) for other in longer)


def _whole(word: str, text: str) -> bool:
    """True unless word is a number that appears only inside a longer number."""
    if not word.isdigit():
        return True
    return re.search(rf"(?<![0-9０-９]){word}(?![0-9０-９])", text) is not None


def word_reasons(text: str, found: set[str] | None = None) -> list[UrgencyReason]:
    """One reason per word-based signal present in the normalised text."""
    reasons: list[UrgencyReason] = []
    if found is not None and _SIGNAL_WORDS.isdisjoint(found):
        return _part_failure(text, found, reasons)
    for code, lexicon, cap in WORD_SIGNALS:
        hits = matched_words(text, lexicon, found)
        if code is UrgencySignal.HARM_TO_PEOPLE and PEOPLE_AT_RISK.issuperset(hits):
            continue  # the people named, no harm told
        if hits:
            weight = sum(lexicon[w] for w in hits)
            if code is UrgencySignal.PRIVACY_HARASSMENT:
                hits, weight = _third_party(text, hits, weight, found)
            reasons.append(
                UrgencyReason(code=code, evidence="、".join(hits), weight=min(cap, weight))
            )
    return _part_failure(text, found, reasons)


def _part_failure(
    text: str, found: set[str] | None, reasons: list[UrgencyReason]
) -> list[UrgencyReason]:
    """The reasons, with a harm reason first for a failing brake or steering (刹车…失灵), a
    swelling battery (电池…鼓包) or a driver's danger (司机…看手机) when no harm word gave one."""
    if any(r.code is UrgencySignal.HARM_TO_PEOPLE for r in reasons):
        return reasons
    part = part_failure_evidence(text, found) or swelling_evidence(text, found)
    weight = PART_FAILURE_HARM
    if part is None:
        part, weight = ride_danger(text, found, FINANCE_CONTEXT), RIDE_DANGER_HARM
    if part is None:
        return reasons
    harm = UrgencyReason(code=UrgencySignal.HARM_TO_PEOPLE, evidence=part, weight=weight)
    return [harm, *reasons]


def _third_party(
    text: str, hits: list[str], weight: int, found: set[str] | None
) -> tuple[list[str], int]:
    """A 催收 post that names parents, employer or contacts is harassment of third parties."""
    collector = next((w for w in COLLECTION_WORDS if w in text), None)
    if collector is None:
        return hits, weight
    party = next(
        (p for p in THIRD_PARTIES if (p in found if found is not None else p in text)), None
    )
    if party is None:
        return hits, weight
    return [f"{collector}联系{party}", *hits], weight + THIRD_PARTY_HARASSMENT


def emotion_points(text: str, found: set[str] | None = None) -> tuple[list[str], float]:
    """Anger/insult words in the text and their summed weight."""
    hits = matched_words(text, EMOTION_WORDS, found)
    return hits, float(sum(EMOTION_WORDS[w] for w in hits)) if hits else 0.0


def emotion_reason(
    text: str, label: SentimentLabel, p_positive: float, found: set[str] | None = None
) -> UrgencyReason | None:
    """Strong negative emotion: insult/anger words plus how sure the model is it is negative;
    never on a text read as positive ("上次投诉…处理得挺快" is praise, not anger)."""
    if label == SentimentLabel.POSITIVE:
        return None
    hits, weight = emotion_points(text, found)
    evidence = list(hits)
    if label == SentimentLabel.NEGATIVE and 1 - p_positive >= CONFIDENT_NEGATIVE:
        # Only a near-certain negative counts: a lukewarm "一般般" is not an emotion.
        weight += 10 * (1 - p_positive - CONFIDENT_NEGATIVE) / (1 - CONFIDENT_NEGATIVE)
        evidence.append(f"负面概率 {1 - p_positive:.0%}")
    weight = min(EMOTION_CAP, round(weight, 1))
    if weight < 3:
        return None
    return UrgencyReason(
        code=UrgencySignal.NEGATIVE_EMOTION, evidence="、".join(evidence), weight=weight
    )


def author_reason(mention: Mention) -> UrgencyReason | None:
    """Followers on a log scale (1万 ≈ 8, 100万 ≈ 16) plus 8 for a verified account."""
    weight, evidence = _author_weight(mention.author.followers or 0, mention.author.verified)
    if weight <= 0:
        return None
    return UrgencyReason(code=UrgencySignal.AUTHOR_INFLUENCE, evidence=evidence, weight=weight)


@lru_cache(maxsize=16_384)
def _author_weight(followers: int, verified: bool) -> tuple[float, str]:
    """author_reason's weight and evidence (cached: a stream repeats its follower counts)."""
    weight = max(0.0, 4 * math.log10(followers + 1) - 8)
    evidence = [f"粉丝 {followers_zh(followers)}"] if followers else []
    if verified:
        weight += 8
        evidence.append("认证用户")
    return min(AUTHOR_CAP, round(weight, 1)), "，".join(evidence)


def velocity_reason(mention: Mention) -> UrgencyReason | None:
    """(reposts + comments) per hour between published_at and collected_at, log scale."""
    found = _velocity(mention)
    if found is None:
        return None
    return UrgencyReason(code=UrgencySignal.SPREAD_VELOCITY, evidence=found[1], weight=found[0])


def _velocity(mention: Mention) -> tuple[float, str] | None:
    """velocity_reason's weight and evidence, None when it has none."""
    interactions = mention.metrics.reposts + mention.metrics.comments
    if interactions <= 0:
        return None
    live = mention.collected_at - mention.published_at
    hours = max(live.total_seconds() / 3600, 0.25)  # a quarter hour at least: no wild rates
    per_hour = interactions / hours
    weight = min(VELOCITY_CAP, round(5 * math.log10(1 + per_hour), 1))
    if weight < 1:
        return None
    # The real time up (发布后 13 分钟内, not the quarter hour's 0.2 小时); an hourly rate only
    # for a post up an hour or more (a rate from 13 minutes would be a guess).
    rate = f"（每小时 {per_hour:.0f} 次）" if live >= timedelta(hours=1) else ""
    return weight, f"{since_posted_zh(live)}转评 {interactions} 次{rate}"


def score_urgency(
    mention: Mention,
    text: str,
    label: SentimentLabel,
    p_positive: float,
    text_reasons: list[UrgencyReason] | None = None,
    found: set[str] | None = None,
) -> Urgency:
    """Urgency of a mention from its folded text and sentiment (text_reasons, found: the
    word reasons and lexicon words already computed for this text)."""
    reasons = list(text_reasons) if text_reasons is not None else word_reasons(text, found)
    if label == SentimentLabel.POSITIVE:
        # a ride's danger read from its words (司机…男朋友) is none in a text of praise
        reasons = [r for r in reasons if not is_read_danger(r.evidence)]
    # Without anger words, only a near-certain negative can raise an emotion reason.
    sure_negative = label == SentimentLabel.NEGATIVE and 1 - p_positive >= CONFIDENT_NEGATIVE
    if sure_negative or found is None or not EMOTION_WORDS.keys().isdisjoint(found):
        emotion = emotion_reason(text, label, p_positive, found)
        if emotion is not None:
            reasons.append(emotion)
    damping = AMPLIFIER_DAMPING[label]
    # The amplifiers are built damped (as author_reason/velocity_reason, then damped).
    author = mention.author
    weight, evidence = _author_weight(author.followers or 0, author.verified)
    if weight > 0:
        reasons.append(
            UrgencyReason(
                code=UrgencySignal.AUTHOR_INFLUENCE,
                evidence=evidence,
                weight=round(weight * damping, 1),
            )
        )
    velocity = _velocity(mention)
    if velocity is not None:
        reasons.append(
            UrgencyReason(
                code=UrgencySignal.SPREAD_VELOCITY,
                evidence=velocity[1],
                weight=round(velocity[0] * damping, 1),
            )
        )
    if len(reasons) > 1:
        reasons.sort(key=_weight, reverse=True)
    score = round(min(100.0, sum(r.weight for r in reasons)), 1)
    return Urgency(level=Severity.from_score(score), score=score, reasons=reasons)


def _weight(reason: UrgencyReason) -> float:
    return reason.weight
