"""The crisis texts of the education company's review week (bench/school_week.py; not
shipped), written for it before any classifier output was read.

Day 3 (Wednesday) 08:10: 启明教育's 杭州滨江校区 is found locked with a notice on the door; its
families prepaid a year of fees, many of them through a training loan (教培贷) still being
repaid. The seed (a parent's video), other parents (a 维权群, 12345, the police, the 教育局), an
education blogger, the company's first statement (the lease ended, 网传跑路不实), a media report
the next morning (wages and rent unpaid for months), the district 教育局's notice and the
apology. Each voice has its own truth: (text, category, urgency level); the voices are split
into a *dev* list (may be tuned on) and a *test* list (only scored).

How the categories read (DOMAIN.md): prepaid fees gone with a school that closed overnight (跑路,
卷款, 人去楼空) are a scam, 隐私/欺诈; a demand to have the fees refunded is 售后/退换货; a training
loan still being repaid for classes that no longer happen is a contract matter, 购销合同/价格;
nobody answering or explaining is 服务态度.
"""

from __future__ import annotations

from bench.week_story import H, M, Voice

FRAUD, REFUND = "privacy_fraud", "after_sales_refund"
PRICING, ATT = "contract_pricing", "service_attitude"
TAG = "#启明教育滨江校区关门#"

INCIDENT_SEED = (
    "【视频】今天早上送孩子去{brand}滨江校区，大门锁着，门上贴了张停业通知，连老师都说被欠了"
    "两个月工资。我们去年刚交了两万多学费，还是办的分期贷款，还剩六十多节课没上，"
    "现在钱找谁要？@{official} 你们这是要跑路吗？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    (
        "我家也在滨江校区，预交了{money}的课时费，还剩八十多节课，门说关就关，这跟卷款跑路有什么区别",
        FRAUD,
        H,
    ),
    ("校区都关门了，{brand}当初让办的教培贷还在每个月扣，课都没得上了凭什么还要还贷款", PRICING, H),
    ("打{brand}总部客服电话一直没人接，校区负责人电话关机，微信也把家长拉黑了", ATT, M),
    ("{brand}滨江校区的家长建了维权群，已经四百多人了，明天一起去教育局要求退费 " + TAG, REFUND, H),
    ("已经打了12345，也去派出所报了警，{brand}必须把剩余学费退给我们", REFUND, H),
    ("前天{brand}还在家长群里催续费，说续费送十节课，第二天就关门，这不是诈骗是什么", FRAUD, H),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("上个月刚在{brand}续了一年的课，一万多块，今天校区人去楼空，我要求退钱", REFUND, M),
    ("孩子的学费是分期贷的，{brand}说关就关，贷款公司还天天发短信催我按时还款", PRICING, M),
    ("{brand}的班主任上周还说只是临时装修，让家长别信谣言，今天桌椅都搬空了", FRAUD, M),
    ("准备联系记者曝光{brand}，几百个家庭预交的学费说没就没了，教育局必须管 " + TAG, FRAUD, H),
    ("家长在{brand}校区楼下等了一上午，没有一个工作人员出来说明情况", ATT, M),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    ("{brand}杭州滨江校区突然停业，预交学费{money}元未退，要求全额退还剩余课时费", REFUND, M),
    ("{brand}校区关门后教培贷仍在扣款，要求{brand}解除贷款合同并退还已付款项", PRICING, M),
]
BLOGGER_POST = (
    "杭州{brand}滨江校区今天早上人去楼空，几百个家庭预交的学费、还在还的教培贷怎么办？"
    "家长说总部客服打不通，官方微博一声不吭。预收费监管喊了这么多年，"
    "机构卷款跑路还是一再发生，谁来给家长兜底？" + TAG
)
FIRST_STATEMENT = (
    "关于杭州滨江校区的情况说明：因场地租赁合同到期，滨江校区自即日起暂停线下教学，"
    "在读学员可转至西湖校区或改上网课，确需退费的请按合同约定提交申请。"
    "网传我司跑路一事不实，请家长不要轻信谣言。"
)
MEDIA_POST = (
    "【启明教育杭州校区一夜关门 数百家长预付学费难退 部分家长仍在偿还教培贷】"
    "记者调查发现，启明教育滨江校区此前已拖欠教师工资和房租近三个月，"
    "与该公司所称的租约到期说法不符。多名家长表示，关门前两天校区仍在推销续费课程。" + TAG
)
NOTICE = (
    "杭州市滨江区教育局关于启明教育滨江校区停止办学的通报：我局已约谈该机构负责人，"
    "责令其妥善处理学员退费和转课事宜，其预收费监管账户资金已依法冻结。"
    "家长可通过12345热线或现场登记诉求，我局将持续跟进。"
)
AFTER_STATEMENT: list[Voice] = [
    ("声明里一句道歉都没有，还说家长轻信谣言，{brand}这是什么态度", ATT, M),
    ("改上网课？我们交的是线下小班的钱，{brand}说转就转，问过家长吗", PRICING, M),
    ("按合同申请退费？合同上写的概不退款，{brand}这声明就是在拖时间", REFUND, M),
]
APOLOGY = (
    "致滨江校区家长的致歉信：我们此前的情况说明不够坦诚，给各位家长带来了焦虑和损失，"
    "我们诚恳致歉。滨江校区全部学员可选择免费转校区或全额退还剩余学费，"
    "通过分期支付学费的家长，剩余贷款由公司承担。退费登记热线{hotline}，十五个工作日内办结。"
)
