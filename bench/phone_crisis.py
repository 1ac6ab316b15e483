"""The crisis texts of the phone brand's review week (bench/phone_week.py; not shipped), written
for it before any classifier output was read.

Day 3 (Wednesday) 22:20: a student's 曜石X5 swells and catches fire while charging on a bunk in a
university dorm in 武汉; a roommate's video spreads. Other owners post their own swollen
batteries, a tech blogger, the brand's first statement the next morning (the fire came from a
third-party charger, 非官方配件), the backlash, a media report, the 市场监管 notice and the
brand's apology with a free battery check and a recall of one battery batch. Each voice has its
own truth: (text, category, urgency level); the voices are split into a *dev* list (may be tuned
on) and a *test* list (only scored).

How the categories read (DOMAIN.md): a battery that swells, smokes, burns or explodes is a danger
to people, 食品安全/人身安全; a demand to recall or refund the phones, or a warranty refused
because a charger was not the brand's, is 售后/退换货; nobody answering is 服务态度; a phone
that only runs hot, with no danger named, stays 商品质量.
"""

from __future__ import annotations

from bench.week_story import C, H, M, Voice

SAFETY, REFUND = "food_safety_health", "after_sales_refund"
QUALITY, ATT = "product_quality", "service_attitude"
TAG = "#曜石X5充电起火#"

INCIDENT_SEED = (
    "【视频】室友的{brand}X5晚上放在床上充电，突然冒烟着火，被子都烧黑了一大块，"
    "还好人没睡着，宿舍全是焦味。手机买了才四个月，用的就是盒子里的原装充电器。"
    "@{official} 这是要出人命吗？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("看完视频赶紧看了下我的{brand}X5，后盖已经有点鼓起来了，今晚不敢充电了", SAFETY, H),
    ("我的{brand}X5上个月也是充电时电池鼓包，售后说正常老化，现在想想后怕 " + TAG, SAFETY, H),
    ("{brand}必须召回X5，这是电池的问题不是个例，一部手机都不该在宿舍里着火", REFUND, H),
    ("打{brand}客服问X5电池安不安全，排队四十分钟，接通了只说没有收到相关通知", ATT, M),
    ("已经向12315投诉了，{brand}X5充电起火，要求全额退款", REFUND, H),
    ("X5用着特别烫，现在看了这个视频谁还敢放在枕头边，{brand}给个说法", SAFETY, M),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("刚拆了我的{brand}X5，电池鼓得像个小面包，拍照发出来大家看看 " + TAG, SAFETY, H),
    ("孩子在学校住宿，天天用{brand}X5充电到半夜，看了新闻吓得我一晚上没睡", SAFETY, M),
    ("去{brand}服务中心要求检测电池，店员说没有总部通知不给检测，让回去等", ATT, M),
    ("买X5不到半年，要求{brand}给换一块新电池或者直接退机，这手机我不敢用了", REFUND, M),
    ("准备联系媒体，{brand}X5充电时自燃的已经不止一个人了，还不召回吗", SAFETY, C),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    ("{brand}X5充电时电池起火烧毁被褥，要求{brand}赔偿损失并召回同批次手机", SAFETY, H),
    ("{brand}X5电池鼓包，售后以使用非原装充电器为由拒绝免费更换，要求退机", REFUND, M),
]
BLOGGER_POST = (
    "整理了一下：今晚{brand}X5在武汉高校宿舍充电起火的视频之外，评论区已经有二十多位X5用户"
    "晒出电池鼓包的照片，时间集中在今年八月以后生产的批次。锂电池鼓包不是小事，"
    "建议大家先别在床上过夜充电。{brand}官方到现在还没有回应。" + TAG
)
FIRST_STATEMENT = (
    "关于网传X5手机充电起火的说明：经初步了解，该用户使用的并非{brand}官方充电器，"
    "非原装配件可能导致充电异常。X5系列电池均通过国家强制认证，请用户使用官方配件充电。"
    "我们已联系当事用户，将协助做进一步检测。"
)
MEDIA_POST = (
    "【曜石X5多名用户反映电池鼓包 一学生宿舍充电起火】记者联系到起火手机的用户，"
    "其出示的购买记录和照片显示，充电器为随机附赠的原装配件，与曜石官方说法不符。"
    "多名用户称曜石售后此前以“正常损耗”为由拒绝免费更换鼓包电池。" + TAG
)
NOTICE = (
    "武汉市市场监督管理局关于曜石X5手机电池问题的情况通报：我局已约谈曜石手机相关负责人，"
    "要求企业排查涉事批次产品安全隐患，依法履行缺陷产品召回义务。"
    "消费者可拨打12315反映相关问题。"
)
AFTER_STATEMENT: list[Voice] = [
    ("视频里明明是原装充电器，{brand}一上来就甩锅给用户，这是什么态度", ATT, M),
    ("说是第三方充电器的问题？那我用原装充电器鼓包的怎么算，{brand}敢不敢召回", REFUND, M),
    ("出了事第一反应是撇清责任，{brand}的声明里一句道歉都没有", ATT, M),
]
APOLOGY = (
    "致X5用户的致歉与召回公告：我们此前的说明未经充分核实，错误地将原因归于第三方充电器，"
    "向当事同学和所有X5用户诚恳道歉。经排查，部分批次X5电池存在鼓包风险，"
    "即日起免费召回更换，其他X5用户可到服务中心免费检测，召回热线{hotline}。"
)
