"""The crisis texts of the telecom operator's review week (bench/telecom_week.py; not shipped),
written for it before any classifier output was read.

Day 4 (Thursday) 08:40: a large part of 广州 loses 星联移动's mobile network and broadband for
about seven hours. The seed (a shop owner who cannot take payments), other subscribers, a tech
blogger, the operator's first statement (a construction crew cut a fibre cable), a media report
the next morning (it was a core-network upgrade gone wrong), the apology with compensation.
Each voice has its own truth: (text, category, urgency level); the voices are split into a
*dev* list (may be tuned on) and a *test* list (only scored). A network that stops working is
the service itself failing, 商品质量; a call to 120 that cannot get through is 人身安全.
"""

from __future__ import annotations

from bench.week_story import C, H, M, Voice

PQ, FSH, ATT = "product_quality", "food_safety_health", "service_attitude"
TAG = "#星联移动广州断网#"

INCIDENT_SEED = (
    "【视频】{brand}广州这边从早上八点四十开始手机一格信号都没有，店里宽带也断了，"
    "顾客扫码付不了款，生意做不了。打{hotline}一直占线，营业厅门口排了上百人，"
    "到现在一条通知短信都没有！@{official} 到底什么时候能恢复？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("广州{district}也是，{brand}从早上到现在手机没信号，家里宽带也断了，什么都干不了", PQ, M),
    (
        "我妈早上胸口疼，用{brand}的手机打120怎么都打不出去，最后跑到楼下借别人手机才叫到救护车",
        FSH,
        C,
    ),
    ("跑网约车全靠手机接单，{brand}断网一上午一单都没接到，这损失谁来赔", PQ, M),
    (
        "{brand}客服热线根本打不进去，营业厅门口排了几十个人，工作人员只会说等通知",
        ATT,
        M,
    ),
    ("{brand}断网的用户建了维权群，已经三百多人了，要求赔偿损失 " + TAG, PQ, H),
    ("已经打12300投诉了，{brand}全城断网几个小时，连一条通知短信都没有", PQ, H),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("{brand}今天怎么回事，手机一直显示无服务，宽带也连不上，开会全靠蹭同事热点", PQ, M),
    ("家里老人一个人在家，{brand}的号打不通联系不上，急得我请假跑回去", PQ, M),
    (
        "{brand}营业厅的人对排队的用户说断网又不是我们造成的，有本事去投诉，这什么态度",
        ATT,
        M,
    ),
    (
        "准备向工信部申诉{brand}，大面积断网七个小时不通知不解释，必须给个说法 " + TAG,
        PQ,
        H,
    ),
    ("外婆住院，{brand}的号一上午打不通，医生找不到家属签字，差点耽误手术", FSH, H),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    ("{brand}广州大面积断网七小时，影响工作和收入，要求减免当月月租并赔偿损失", PQ, M),
    ("{brand}网络中断期间无法拨打急救电话，家人突发疾病延误送医，要求{brand}承担责任", FSH, C),
]
BLOGGER_POST = (
    "广州一大片{brand}用户从早上八点四十开始没信号、没宽带，已经快两个小时了。"
    "有人店里收不了款，有人说打不了120，客服电话打不进去，{brand}到现在没有一条通知短信，"
    "官方微博也一声不吭。这么大的运营商，应急预案在哪里？" + TAG
)
FIRST_STATEMENT = (
    "关于广州部分区域网络故障的情况说明：今日8时40分，因市政施工挖断我司传输光缆，"
    "广州部分区域移动网络及宽带业务受到影响。我司已第一时间组织抢修，目前网络正在逐步恢复。"
    "感谢广大用户的理解与支持。"
)
MEDIA_POST = (
    "【星联移动广州大面积断网近七小时 官方称光缆被挖断 记者调查系设备升级失误】"
    "昨日星联移动广州多区手机无信号、宽带中断近七小时，有市民称无法拨打120。"
    "记者从多名内部人士处了解到，故障系核心网设备升级操作失误所致，"
    "并非此前所称的施工挖断光缆。" + TAG
)
AFTER_STATEMENT: list[Voice] = [
    ("说是施工挖断光缆，那为什么别的运营商都好好的？{brand}甩锅甩得真快", ATT, M),
    ("断了这么久，声明里一句道歉都没有，还感谢理解，{brand}真把用户当傻子", ATT, M),
    ("{brand}声明说已经在恢复了，我这里还是没信号，能不能说句实话", PQ, M),
]
APOLOGY = (
    "致广州用户的道歉信：经调查，昨日广州部分区域网络中断系我司核心网设备升级操作失误所致，"
    "此前关于施工挖断光缆的说明有误，我们诚恳致歉。受影响用户将获赠10GB流量并减免一天月租，"
    "因断网造成经济损失的用户可通过{hotline}登记，我们将逐一核实处理。相关责任人已停职调查。"
)
