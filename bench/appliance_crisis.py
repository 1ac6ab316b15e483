"""The crisis texts of the home-appliance brand's review week (bench/appliance_week.py; not
shipped), written for it before any classifier output was read.

Day 3 (Wednesday) 20:10: a family of three in 郑州 collapse after showering and are taken to
hospital with carbon-monoxide poisoning; the daughter's video spreads, then a local news post.
Other owners of the 澜庭S7 gas water heater post smells, alarms and headaches, a home-appliance
blogger sums them up, the brand's first statement the next morning blames an unauthorised
installer (非授权安装, 排烟管被私自改装), the backlash, a newspaper's follow-up (the installer was
the brand's own), the 市场监管 notice and the brand's apology with a recall. Each voice has its
own truth: (text, category, urgency level); the voices are split into a *dev* list (may be tuned
on) and a *test* list (only scored).

How the categories read (DOMAIN.md): gas or fumes leaking, an alarm going off, people dizzy or
poisoned is 食品安全/人身安全; a demand to recall, return or refund the heater, or a check
refused because the installer was not the brand's, is 售后/退换货; a hotline nobody answers and a
statement that shifts the blame are 服务态度.
"""

from __future__ import annotations

from bench.week_story import C, H, M, Voice

SAFETY, REFUND = "food_safety_health", "after_sales_refund"
ATT = "service_attitude"
TAG = "#澜庭热水器一氧化碳中毒#"

INCIDENT_SEED = (
    "【视频】爸妈和弟弟洗完澡先后晕倒在卫生间，送到医院说是一氧化碳中毒，现在还在做高压氧。"
    "家里的{brand}S7燃气热水器去年才买，是官方派的师傅上门装的。"
    "@{official} 你们的热水器是要人命吗？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("看完赶紧去看了家里的{brand}S7，洗澡的时候卫生间确实有股怪味，一直以为是下水道", SAFETY, H),
    ("我家{brand}热水器旁边的一氧化碳报警器上个月响过两次，售后来看说是误报", SAFETY, H),
    ("{brand}必须召回S7，同一个型号出这么多事不可能是个例", REFUND, H),
    ("打{brand}客服问S7还能不能用，等了半小时只说会登记反馈", ATT, M),
    ("已经打了12315，要求{brand}上门检测并且退掉这台热水器", REFUND, H),
    ("家里老人天天用{brand}热水器洗澡，看到新闻今晚都不敢开了", SAFETY, M),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("我家{brand}S7点火的时候砰的一声，排烟管接口全是黑灰 " + TAG, SAFETY, H),
    ("装了三个月的{brand}热水器，洗澡洗到一半头晕恶心，以前还以为是缺氧", SAFETY, C),
    ("{brand}售后热线一直占线，门店说没接到通知不能上门排查", ATT, M),
    ("要求{brand}把S7退了，钱退给我，这种热水器谁还敢装", REFUND, M),
    ("准备找律师，{brand}热水器出这么大的事，受害的肯定不止一家", SAFETY, C),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    ("{brand}S7燃气热水器烟气泄漏致家人一氧化碳中毒住院，要求赔偿医疗费并召回", SAFETY, C),
    ("{brand}燃气热水器有煤气味，售后以非官方安装为由拒绝上门检测，要求退货", REFUND, M),
]
LOCAL_NEWS = (
    "【郑州一家三口洗澡时一氧化碳中毒送医】今晚，郑州市民王女士的父母和弟弟在家中洗澡后相继晕倒，"
    "经医院诊断为一氧化碳中毒。家属称，家中使用的是{brand}S7型燃气热水器，购买不到一年，"
    "由品牌方安排安装。目前三人仍在治疗中。" + TAG
)
BLOGGER_POST = (
    "整理一下今晚的{brand}热水器中毒事件：郑州一家三口洗澡时一氧化碳中毒，目前仍在医院。"
    "评论区已有三十多位S7用户反映洗澡时有异味、报警器响，集中在去年下半年出厂的批次。"
    "燃气热水器漏烟气是会出人命的，用S7的先开窗洗澡。{brand}官方到现在没有回应。" + TAG
)
FIRST_STATEMENT = (
    "关于网传S7燃气热水器用户中毒事件的说明：经初步核实，该用户的热水器由非授权人员安装，"
    "排烟管被私自改装，与产品质量无关。{brand}热水器均通过国家强制性认证，"
    "请用户选择官方授权渠道安装。我们已与用户家属取得联系。"
)
MEDIA_POST = (
    "【记者调查：澜庭热水器中毒家庭的安装单显示为品牌授权网点】记者在王女士家看到，"
    "安装单上盖有{brand}授权服务网点的公章，与{brand}“非授权安装”的说法不符。"
    "另有多名S7用户向本报反映，售后曾以“误报”为由拒绝上门排查。" + TAG
)
NOTICE = (
    "郑州市市场监督管理局关于{brand}S7燃气热水器相关情况的通报：我局已对涉事产品抽样送检，"
    "并约谈{brand}电器相关负责人，要求企业全面排查同批次产品安全隐患，依法实施缺陷产品召回。"
    "消费者发现燃气异味请立即关阀开窗，可拨打12315反映。"
)
AFTER_STATEMENT: list[Voice] = [
    ("安装单上写的明明是{brand}授权网点，出了事就说是私人装的，甩锅也太快了", ATT, M),
    ("人还在医院躺着，{brand}第一份声明就忙着撇清责任，连句道歉都没有", ATT, M),
    ("既然说是安装的问题，那{brand}敢不敢把S7全部召回检测", REFUND, M),
]
APOLOGY = (
    "致S7燃气热水器用户的致歉与召回公告：我们此前的说明未经充分核实，错误地将原因归于非授权安装，"
    "向王女士一家和所有用户诚恳道歉。经排查，部分批次S7排烟管密封圈存在老化漏气风险，"
    "即日起免费召回，其他用户可预约免费上门检测，热线{hotline}。"
)
