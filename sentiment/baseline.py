"""snownlp baseline classifier with simple keyword rules for category and urgency."""

from __future__ import annotations

from collections.abc import Sequence

from core.enums import Category, SentimentLabel, UrgencyLevel
from core.models import Mention, Sentiment, Urgency, UrgencyReason

_CATEGORY_WORDS: dict[Category, tuple[str, ...]] = {
    Category.FOOD_SAFETY_HEALTH: ("中毒", "异物", "虫子", "拉肚子", "受伤", "过敏", "头发"),
    Category.AFTER_SALES_REFUND: ("退款", "退货", "换货", "维修", "保修", "售后"),
    Category.DELIVERY_LOGISTICS: ("快递", "物流", "配送", "送餐", "迟到", "超时"),
    Category.SERVICE_ATTITUDE: ("态度", "客服", "不理", "骂", "推诿"),
    Category.CONTRACT_PRICING: ("价格", "收费", "优惠", "发票", "涨价"),
    Category.PRIVACY_FRAUD: ("泄露", "骚扰", "诈骗", "扣费"),
    Category.PRODUCT_QUALITY: ("质量", "坏了", "假货", "破损", "不能用"),
}
_URGENT_WORDS = {
    "harm": ("中毒", "受伤", "死亡", "住院", "孩子"),
    "legal": ("12315", "消协", "起诉", "律师", "报警"),
    "media": ("曝光", "媒体", "记者", "热搜"),
}


class SnowNLPClassifier:
    """Baseline: snownlp polarity, neutral band 0.4–0.6, keyword category and urgency."""

    name = "snownlp"

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions."""
        from snownlp import SnowNLP

        out = []
        for mention in mentions:
            text = mention.full_text
            score = float(SnowNLP(text).sentiments) if text else 0.5
            label = (
                SentimentLabel.NEGATIVE
                if score < 0.4
                else SentimentLabel.POSITIVE
                if score > 0.6
                else SentimentLabel.NEUTRAL
            )
            category = next(
                (c for c, words in _CATEGORY_WORDS.items() if any(w in text for w in words)),
                Category.OTHER,
            )
            reasons = [
                UrgencyReason(code=code, evidence=word, weight=30)
                for code, words in _URGENT_WORDS.items()
                for word in words
                if word in text
            ]
            points = min(100.0, sum(r.weight for r in reasons) + (10 if label == SentimentLabel.NEGATIVE else 0))
            out.append(
                mention.model_copy(
                    update={
                        "sentiment": Sentiment(label=label, score=round(score, 4)),
                        "category": category,
                        "urgency": Urgency(level=UrgencyLevel.from_score(points), score=points, reasons=reasons),
                    }
                )
            )
        return out
