"""The crisis texts of the ride-hailing brand's review week (bench/ride_week.py; not shipped),
written for it before any classifier output was read.

Day 4 (Friday) 21:20: a young woman posts that her driver, on a late ride home, touched her leg,
asked for her WeChat, drove off the route and followed her to her building; she reported it in
the app at once, customer service said they had "warned the driver" and sent a ¥5 coupon, and the
driver called her again the next night. Other women with stories of the same kind, a women's
safety blogger with millions of followers (大V), the brand's first statement the next morning (the
driver belongs to a third-party fleet, the trip showed no abnormality, he is "banned while we
verify"), the backlash, a newspaper's follow-up (the report button routes to a robot, three earlier
complaints about the same driver), the police's notice (the driver detained) and the brand's
apology. Each voice has its own truth: (text, category, urgency level); the voices are split into
a *dev* list (may be tuned on) and a *test* list (only scored).

How the categories read (DOMAIN.md): a driver harassing, touching or following a passenger is
食品安全/人身安全 — also when customer service's answer is told beside it (the harm decides); a
report nobody handles, a coupon for an apology and a statement that shifts the blame are
服务态度; the driver still knowing her number, the 虚拟号 that did not protect it, is 隐私/欺诈.
"""

from __future__ import annotations

from bench.week_story import C, H, M, Voice

SAFETY, ATT, PRIVACY = "food_safety_health", "service_attitude", "privacy_fraud"
TAG = "#畅行司机骚扰女乘客#"

INCIDENT_SEED = (
    "犹豫了一天还是发出来。昨晚十一点我一个人打{brand}回家，司机一路问我有没有男朋友，"
    "等红灯的时候手直接放我腿上，还偏离路线往小路开。我吓得一直给朋友打电话，下车后他还跟到我楼下。"
    "当场在app里报了警也投诉了，客服说“已对司机进行警告”，给我发了一张五块钱的优惠券。"
    "今晚他又用别的号码给我打电话。@{official} 五块钱就是你们对女乘客安全的态度吗？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("我去年坐{brand}也遇到过，司机一直问我住哪栋楼，吓得我提前下车了", SAFETY, H),
    ("看完浑身发冷，女生晚上坐{brand}到底还安不安全", SAFETY, M),
    ("司机都跟到楼下了，{brand}客服就发张五块的券，这是人干的事？", SAFETY, H),
    ("{brand}的一键报警按了根本没人管，跟摆设一样", SAFETY, H),
    ("投诉{brand}司机骚扰，客服让我等七十二小时回复，到现在一个电话都没有", ATT, M),
    ("司机怎么会有她的真实号码？{brand}的虚拟号是假的吧", PRIVACY, M),
    ("已卸载{brand}，女生的命不是五块钱", SAFETY, M),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("我闺蜜上个月坐{brand}也是被司机摸手，投诉以后就没下文了", SAFETY, H),
    ("女孩子晚上打车记得开行程分享，{brand}这种平台靠不住😡", SAFETY, M),
    ("{brand}客服处理骚扰投诉就是走流程，复制粘贴的道歉话术", ATT, M),
    (
        "下车以后司机还一直打电话发短信，说知道我住哪，{brand}说他已经被封号了可他还在联系我",
        SAFETY,
        C,
    ),
    ("几个被{brand}司机骚扰过的女生建了群，准备一起去报案起诉", SAFETY, C),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    (
        "{brand}司机行程中猥亵骚扰并尾随至楼下，平台仅警告司机并发放五元优惠券，"
        "要求严肃处理并公开道歉",
        SAFETY,
        C,
    ),
    ("乘坐{brand}遭司机言语骚扰，投诉后客服推诿，司机至今仍用陌生号码打电话骚扰", SAFETY, H),
]
BLOGGER_POST = (
    "请大家帮忙扩散：一个女孩深夜坐{brand}被司机摸腿、尾随到楼下，平台给了五块钱优惠券。"
    "评论区已经有几十个女生说自己在{brand}上遇到过类似的事。出了事平台第一反应是息事宁人，"
    "这才是最可怕的。{official}请你们公开回应：这个司机现在在哪？之前有没有被投诉过？" + TAG
)
FIRST_STATEMENT = (
    "关于网传乘客投诉的情况说明：经初步核查，涉事司机为合作运力公司所属司机，行程轨迹未见明显异常。"
    "我们已第一时间对该司机做封禁处理，并将配合警方调查，具体情况以警方通报为准。"
    "{brand}始终将乘客安全放在首位，感谢大家的关注。"
)
MEDIA_POST = (
    "【记者调查：网约车一键报警为何转给了机器人】记者实测发现，{brand}app行程中的“安全求助”"
    "按钮多次转入智能客服排队。多名乘客反映，涉事司机此前已被投诉三次骚扰，仍在正常接单，"
    "与{brand}“行程未见异常”的说法不符。" + TAG
)
NOTICE = (
    "{city}市公安局警情通报：11月26日深夜，我局接到一名女子报警，称其乘坐网约车时遭司机骚扰。"
    "经查，司机王某（男，41岁）在行程中对乘客实施猥亵并尾随，王某对违法事实供认不讳，"
    "已被依法行政拘留。警方提醒：夜间出行请开启行程分享，遇到危险及时报警。"
)
AFTER_STATEMENT: list[Voice] = [
    ("“合作运力公司所属司机”？钱是{brand}收的，出了事就是别人的司机？", ATT, M),
    ("轨迹没异常？人都跟到楼下了，{brand}的声明是在给司机洗地吧", ATT, M),
    ("{brand}声明里一句道歉都没有，只说感谢关注，太冷血了", ATT, M),
]
APOLOGY = (
    "致乘客和公众的道歉：经彻查，涉事司机此前已有三次骚扰投诉，平台未及时处置；当事乘客首次求助时，"
    "客服仅按一般投诉处理，我们此前的说明也未如实反映情况。对此我们深感愧疚，向当事乘客和公众诚恳道歉。"
    "即日起安全求助全部转人工、五分钟内回电，骚扰类投诉一次核实即永久清退，安全热线{hotline}。"
)
