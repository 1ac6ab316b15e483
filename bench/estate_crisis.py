"""The crisis texts of the property developer's review week (bench/estate_week.py; not shipped),
written for it before any classifier output was read.

Day 5 (Friday) 21:20: an owner of 安居·翡翠湾 posts that the handover, ten months later than the
contract's date, came that morning with a fit-out far below the contract and the show flat (the
brand kitchen became a no-name one, solid floors became laminate, walls hollow and cracked), the
developer refuses the late-handover penalty and says "sign the handover or no keys"; on Saturday
owners hang banners (拉横幅) at the sales office. Other owners, a property blogger with millions of
followers (大V), the brand's first statement (the handover "meets national standards", a few
people "spread rumours to demand unreasonable compensation"), the backlash, a newspaper's
investigation (the fit-out budget cut by two thirds, earlier projects the same), the city's
housing bureau's notice (住建局通报: the fit-out does not match the filed standard, the developer
ordered to rectify) and the brand's apology. Each voice has its own truth: (text, category,
urgency level); the voices are split into a *dev* list (may be tuned on) and a *test* list (only
scored).

How the categories read (DOMAIN.md): the late handover and a fit-out below what the contract and
the show flat promised (货不对板, 违约金) are 购销合同/价格 — the contract broken; a house that
leaks, cracks and is hollow is 商品质量 when the defect is what the voice tells; a statement that
calls owners rumour-mongers and a sales office that sends guards at them is 服务态度; an owner
pushed at the banner, formaldehyde in the fit-out are 食品安全/人身安全.
"""

from __future__ import annotations

from bench.week_story import H, M, Voice

CONTRACT, QUALITY, ATT, SAFETY = (
    "contract_pricing",
    "product_quality",
    "service_attitude",
    "food_safety_health",
)
TAG = "#安居翡翠湾业主维权#"

INCIDENT_SEED = (
    "今天终于收房了，等了整整十个月。合同写的是品牌橱柜、实木复合地板，样板间也是这么装的，"
    "结果交到手里橱柜是杂牌，地板换成了最便宜的强化地板，客厅墙一敲全是空鼓。"
    "逾期交房的违约金{brand}一分不给，还说不签收房确认书就不给钥匙。"
    "一百多户业主都是这样，明天大家一起去售楼处讨说法。@{official} 这就是你们的品质交付？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("延期十个月交房，精装标准还缩水一大截，{brand}的合同就是废纸", CONTRACT, M),
    ("样板间和交付的房子完全是两个东西，{brand}这是货不对板", CONTRACT, M),
    ("我家也是翡翠湾的，卫生间墙砖一敲就空，阳台还在渗水", QUALITY, M),
    ("今天在售楼处门口拉横幅，{brand}叫了一排保安拦着不让进", ATT, H),
    ("逾期交房的违约金按合同算一户好几万，{brand}一句不赔就想打发我们", CONTRACT, M),
    ("业主群里三百多人了，准备一起找律师起诉{brand}", CONTRACT, H),
    ("维权现场一个阿姨被保安推倒了，手都擦破了，{brand}的人就在旁边看着", SAFETY, H),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("翡翠湾交付的精装和宣传册上根本不是一个标准，{brand}说好的品牌家电全换了", CONTRACT, M),
    ("房子晚交了快一年，{brand}不赔违约金还逼业主签字，太欺负人了", CONTRACT, M),
    ("收房第二天窗户就开始漏水，{brand}翡翠湾的房子到底是怎么盖出来的", QUALITY, M),
    ("找{brand}的项目经理谈了三次，每次都说在向上级汇报，根本没人管", ATT, M),
    ("精装房一进门甲醛味冲鼻子，{brand}还让我们赶紧入住，家里有老人孩子", SAFETY, H),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    (
        "{brand}翡翠湾项目逾期交房十个月，精装交付标准与合同及样板间严重不符，"
        "拒付逾期违约金，要求按合同赔偿并整改",
        CONTRACT,
        H,
    ),
    ("{brand}交房精装缩水，品牌橱柜地板被换成杂牌，投诉后项目部一直推脱", CONTRACT, M),
]
BLOGGER_POST = (
    "{city}又一个楼盘维权了。{brand}翡翠湾延期十个月交房，交付的精装和样板间差了一个档次，"
    "一百多户业主今天在售楼处拉横幅。买房是普通人一辈子的积蓄，开发商逾期不赔、"
    "精装缩水还逼签收房确认书，{official}请正面回应：精装标准到底改没改？" + TAG
)
FIRST_STATEMENT = (
    "关于翡翠湾项目交付的情况说明：翡翠湾项目已通过竣工验收，交付标准符合国家规范及合同约定。"
    "近日个别人员在网络散布不实信息，并以此索要不合理补偿，我司保留追究法律责任的权利。"
    "对业主提出的个别户内问题，项目部将按保修规定处理。{brand}始终坚持品质交付，感谢关注。"
)
MEDIA_POST = (
    "【记者调查：精装房为何“缩水”】记者走访{brand}翡翠湾发现，交付的橱柜、地板品牌均与备案的"
    "精装标准不符，多名业主出示的购房合同附件与实际交付不一致。一位工程人员透露，精装预算"
    "被削减近三分之二，{brand}此前在{city}交付的两个项目也曾被业主投诉。" + TAG
)
NOTICE = (
    "{city}市住房和城乡建设局情况通报：针对网民反映的翡翠湾项目交付问题，我局已组织核查。"
    "经查，该项目部分精装修做法与备案标准不符，存在逾期交付情况。我局已责令开发企业限期整改，"
    "依法依约处理业主合理诉求，并将其纳入信用管理。"
)
AFTER_STATEMENT: list[Voice] = [
    ("“个别人员散布不实信息”？一百多户业主都是造谣吗，{brand}这声明太傲慢了", ATT, M),
    ("交付符合合同约定？合同附件写的品牌你自己去看看，{brand}睁眼说瞎话", CONTRACT, M),
    ("维权的业主被说成索要不合理补偿，{brand}还要追究法律责任，这是在威胁业主", ATT, M),
]
APOLOGY = (
    "致翡翠湾业主的致歉信：经集团核查，翡翠湾项目部分精装材料与合同约定不符，逾期交付未及时"
    "沟通赔付，此前的情况说明措辞不当，伤害了业主的感情。我们向全体业主诚恳道歉。即日起暂停"
    "收房确认书签署，不符合合同的材料全部更换，逾期违约金按合同足额支付，业主专线{hotline}。"
)
