"""Words of praise the polarity model misreads: praise of a complaint put right (service
recovery) and owners' praise in forum words (sentiment/complaint_cues.py uses them)."""

from __future__ import annotations

from sentiment.lexicons import words

# Praise of how a complaint was put right (service recovery, DOMAIN.md): "上次投诉快递丢件，客服
# 第二天就全额赔付了，还打电话道歉，处理得挺快". The matter is closed and the post is praise: a
# resolution, then praise after it, and after the resolution neither a turn (但 可是 不过 就是
# 结果) nor a new failure ("第二天就修好了，结果三天又坏了" is a complaint).
RESOLVED_WORDS = words(
    """第二天就 当天就 马上就 很快就 立马就 当场就 打电话道歉 亲自道歉 上门道歉 道歉了 赔付了
    全额赔付 补偿了 还补了 解决了 修好了 处理好了 已解决 解冻了 免费换了 免费处理 免费给我
    重新检查 回访"""
)
RECOVERY_PRAISE = words(
    """服务不错 服务可以 服务很好 服务没得说 处理得挺快 处理得很快 处理得很好 很到位 挺到位 好评
    满分 点赞 专业 诚恳 满意 良心 值得表扬 靠谱 给力"""
)
TURN_WORDS = words("但 可是 不过 就是 结果 然而 只是")
SUPPOSING_WORDS = words("哪怕 如果 要是 假如 若是 就算 即使 即便 但愿 希望")
# A recovery needs something to recover from, named before the resolution: a complaint cue, or
# one of these ("很快就送到了，为快递员点赞" is plain praise of a fast delivery, not a recovery).
RECOVERY_PROBLEMS = words(
    """投诉 反映 问题 毛病 报修 售后 客服 退款 退货 换货 赔 丢件 丢了 坏了 错了 出错 漏 少了
    差评 不满 申诉 晚到 迟到 误 被封 冻结"""
)
# Owners' praise in forum words the review corpora lack ("本田的机器是真耐造", "到家一点都不累，
# 真香", an appliance's "几乎听不到声音", "后悔没早买", a parcel's "包得严严实实", "是真的快"):
# without a complaint cue, one that is not negated lifts the polarity (PRAISE_LIFT).
PRAISE_SLANG = words(
    """真香 yyds 耐造 皮实 省心 杠杠的 丝滑 良心店 值了 太香了 爱了 真耐用 很耐用 没得挑 无可挑剔
    超出预期 物超所值 对得起这个价 满格信号 信号满格 信号很稳 信号也稳 网速飞快 速度飞快
    根本用不完 快到飞起 飞起 秒开 秒下 嗖嗖 满格 很稳 挺稳 超稳 稳得很 太耐心 很耐心 超耐心
    后悔没早买 后悔没早点买 用着放心 用着很放心 几乎听不到 很省电 挺省电 很安静 特别安静
    严严实实 特别负责 很负责 是真的快"""
)
