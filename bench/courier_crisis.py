"""The crisis texts of the express-delivery brand's review week (bench/courier_week.py; not
shipped), written for it before any classifier output was read.

Day 3 (Wednesday) 20:10: a daughter posts a video of her mother, who got a call from someone
posing as the brand's 理赔 staff; the caller knew her name, waybill number and what she had
bought, said the parcel was lost and talked her into transferring ¥38,000. A local news post,
other customers who got the same calls (one who lost money, a 维权群), an anti-fraud blogger,
the brand's first statement the next morning (no leak in its systems, the data came from a
third-party shopping platform), the backlash, a newspaper's follow-up (franchise outlets' staff
selling waybill data), the police's notice and the brand's apology. Each voice has its own
truth: (text, category, urgency level); the voices are split into a *dev* list (may be tuned on)
and a *test* list (only scored).

How the categories read (DOMAIN.md): customer data leaked and used by scammers, waybill data
sold, calls from people who know the parcel is 隐私/欺诈 — also when compensation for the money
lost is demanded (the remedy, not the category); a hotline nobody answers and a statement that
shifts the blame are 服务态度.
"""

from __future__ import annotations

from bench.week_story import C, H, L, M, Voice

PRIVACY, ATT = "privacy_fraud", "service_attitude"
TAG = "#迅达快递信息泄露#"

INCIDENT_SEED = (
    "【视频】我妈今天接到自称{brand}理赔客服的电话，对方报出了她的名字、单号和买的东西，"
    "说快递丢了要双倍理赔，一步步引导她开了备用金，转走了三万八。已经报警了。"
    "@{official} 你们的面单信息到底是怎么泄露出去的？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("我上周也接到过，对方说是{brand}理赔专员，连我寄的是什么都知道", PRIVACY, H),
    ("刚问了一圈，最近寄过{brand}的同事都接到了冒充客服的电话", PRIVACY, H),
    ("被骗了一万二，也是说{brand}快递丢了要理赔，派出所已经立案了", PRIVACY, C),
    ("打{brand}客服问信息是不是泄露了，等了半小时只说会登记反馈", ATT, M),
    ("{brand}必须说清楚是哪个环节泄露的信息，不能一句正在调查就完了", PRIVACY, M),
    ("以后寄{brand}再也不敢写真名了，谁知道信息会卖给谁", PRIVACY, L),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("我爸也接到了，骗子准确说出了{brand}的单号和收货地址，差点就转账了", PRIVACY, H),
    ("{brand}网点的人是不是在卖面单，我一寄件信息就泄露", PRIVACY, M),
    ("{brand}客服热线一直打不进去，网点说这事不归他们管", ATT, M),
    ("已经和几个被骗的人建了维权群，准备一起起诉{brand}", PRIVACY, C),
    ("冒充{brand}客服的骗子让我下载会议软件共享屏幕，还好我没点", PRIVACY, H),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    ("{brand}快递面单信息泄露，骗子冒充客服以理赔为名骗走三万八，要求{brand}承担责任", PRIVACY, C),
    ("{brand}泄露我的寄件信息，之后天天接到诈骗电话，投诉后客服一直推诿不处理", PRIVACY, M),
]
LOCAL_NEWS = (
    "【杭州一老人接“快递理赔”电话被骗三万八】今天下午，杭州市民林女士的母亲接到自称{brand}"
    "理赔客服的电话，对方准确说出其姓名、快递单号和所购商品，以“快递丢失双倍理赔”为由诱导其转账。"
    "家属已报警，并质疑快递面单信息遭到泄露。" + TAG
)
BLOGGER_POST = (
    "提醒一下：今晚刷屏的{brand}理赔诈骗，评论区已经有四十多人说接到过同样的电话，"
    "骗子能报出单号、地址和商品，都是最近寄过或收过{brand}的。记住，快递公司理赔从来不会让你开备用金、"
    "下载会议软件。{brand}官方到现在没有回应，信息从哪漏的必须查清楚。" + TAG
)
FIRST_STATEMENT = (
    "关于网传用户信息泄露的说明：经初步核查，{brand}系统未发现数据泄露，涉事信息疑似来自第三方电商平台。"
    "{brand}快递从不以理赔为由要求用户转账，请广大用户提高警惕。我们已配合警方调查。"
)
MEDIA_POST = (
    "【记者调查：快递网点员工倒卖面单信息】记者暗访发现，多个{brand}加盟网点员工利用内部账号"
    "查询客户信息，每条以几毛钱的价格卖给诈骗团伙，与{brand}“系统未发现泄露”的说法不符。"
    "多名受害者的被骗经过与此吻合。" + TAG
)
NOTICE = (
    "杭州市公安局西湖区分局警情通报：近日，我局接群众报警，有人冒充快递客服以理赔为名实施诈骗。"
    "经查，犯罪嫌疑人通过非法渠道获取{brand}快递部分客户信息，目前已抓获犯罪嫌疑人5名，"
    "案件正在进一步侦办中。请广大群众提高警惕，谨防冒充客服诈骗。"
)
AFTER_STATEMENT: list[Voice] = [
    ("骗子报出的是{brand}的单号，你说是电商平台泄露的？甩锅也太快了", ATT, M),
    ("老人被骗了三万多，{brand}的声明只顾着撇清责任，连句道歉都没有", ATT, M),
    ("{brand}说和自己无关，那敢不敢公布网点账号的查询记录", PRIVACY, M),
]
APOLOGY = (
    "致用户的道歉信：经内部彻查，{brand}部分加盟网点人员违规查询并泄露用户信息，我们此前的说明未经充分核实，"
    "向受害用户和所有用户诚恳道歉。即日起关闭网点账号批量查询权限，面单全部隐私化处理，"
    "协助受害用户追回损失，热线{hotline}。"
)
