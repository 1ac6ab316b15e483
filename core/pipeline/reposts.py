"""A repost that adds no words of its own says what the post it passes on says.

A Weibo repost's text is often only the platform's boilerplate ("转发微博", a chain of
"//@name:"). Read on its own, the model called it negative, its category 商品质量, and the
media-exposure word 发微博 inside 转发微博 raised its urgency: a week of reposts of praise counted
as negative product complaints. Such a bare repost takes the sentiment, complaint decision and
category of its original (in the same batch or already indexed, same source); with the original
unknown it is neutral and no complaint. Its urgency keeps only what the repost itself brings —
its author's reach and its own spread — the original carries the words' signals.

A short repost ("太吓人了", "已停用", at most SHORT_WORDS characters of its own) keeps its own
sentiment and urgency, but passing on a complaint it is filed under that complaint's category (the
model read "已停用" under a serum-allergy post as 商品质量), as events count it.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.enums import Category, SentimentLabel, Severity, UrgencySignal
from core.index.protocol import MentionIndex
from core.models import Complaint, Mention, Sentiment, Urgency, mention_id
from core.repost_text import own_words

SHORT_WORDS = 8  # a repost saying at most this many characters of its own is "short"
_OWN_REACH = frozenset({UrgencySignal.AUTHOR_INFLUENCE, UrgencySignal.SPREAD_VELOCITY})


def is_bare_repost(mention: Mention) -> bool:
    """A repost whose text is only boilerplate."""
    return bool(mention.repost_of) and not own_words(mention.text)


def is_short_repost(mention: Mention) -> bool:
    """A repost with a few words of its own ("太吓人了", "已停用"): its own feeling, the
    original's subject."""
    return bool(mention.repost_of) and 0 < len(own_words(mention.text)) <= SHORT_WORDS


def carry_originals(mentions: Sequence[Mention], index: MentionIndex) -> list[Mention]:
    """The classified mentions with every bare repost labelled as its original, and every short
    repost of a complaint filed under the complaint's category (see module)."""
    if not any(is_bare_repost(m) or is_short_repost(m) for m in mentions):
        return list(mentions)
    batch = {m.id: m for m in mentions}
    looked_up: dict[str, Mention | None] = {}

    def original(repost: Mention) -> Mention | None:
        seen: set[str] = set()
        current: Mention | None = repost
        while current is not None and current.repost_of and current.id not in seen:
            if current is not repost and not is_bare_repost(current):
                break
            seen.add(current.id)
            parent = mention_id(current.source, current.repost_of)
            if parent not in batch and parent not in looked_up:
                looked_up[parent] = index.get(parent)
            current = batch.get(parent) or looked_up[parent]
        return None if current is None or is_bare_repost(current) else current

    out = []
    for mention in mentions:
        if is_bare_repost(mention):
            mention = _carried(mention, original(mention))
        elif is_short_repost(mention):
            mention = _filed_under(mention, original(mention))
        out.append(mention)
    return out


def _filed_under(repost: Mention, source: Mention | None) -> Mention:
    """A short repost of a complaint: that complaint's category and complaint decision."""
    if source is None or source.category in (None, Category.OTHER) or repost.sentiment is None:
        return repost
    if repost.sentiment.label == SentimentLabel.POSITIVE:
        return repost
    update = {"category": source.category, "complaint": source.complaint}
    return repost.model_copy(update=update)


def _carried(repost: Mention, source: Mention | None) -> Mention:
    reasons = [
        r for r in (repost.urgency.reasons if repost.urgency else []) if r.code in _OWN_REACH
    ]
    score = round(min(100.0, sum(r.weight for r in reasons)), 1)
    urgency = Urgency(level=Severity.from_score(score), score=score, reasons=reasons)
    if source is None:
        update: dict[str, object] = {
            "sentiment": Sentiment(label=SentimentLabel.NEUTRAL, score=0.5),
            "complaint": Complaint(flag=False, probability=0.0),
            "category": Category.OTHER,
        }
    else:
        update = {
            "sentiment": source.sentiment,
            "complaint": source.complaint,
            "category": source.category,
        }
    return repost.model_copy(update={**update, "urgency": urgency})
