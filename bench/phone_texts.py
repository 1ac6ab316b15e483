"""The everyday texts of the phone brand's review week (bench/phone_week.py; not shipped),
written for it before any classifier output was read.

Each everyday kind has the category and sentiment a phone brand's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official} {rival}
{model} {city} {money} {days} {hotline}. The crisis texts are in bench/phone_crisis.py.

How the categories read for a phone or consumer-electronics brand (DOMAIN.md): the device itself
failing (发热, 卡顿, 续航崩, 信号差, 屏幕绿线, 烧屏, 断触, 摄像头进灰, a system update that bricks
or slows it) is 商品质量; a repair or warranty refused (拒保, 人为损坏, 进水判定), a repair that
swaps in a refurbished part or drags on (寄修) is 售后/退换货; the official store shipping late or
an order never sent is 货物运输/物流; a price cut the store will not make good (不保价), a trade-in
valued below what was promised, battery life or camera advertised beyond what the phone does
(虚假宣传) are 购销合同/价格; preinstalled apps that cannot be removed, ads pushed in the system
and permissions taken without asking are 隐私/欺诈; customer service passing the customer around
(推诿) is 服务态度; a battery that swells, smokes or catches fire is 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "曜石"
OFFICIAL = "曜石手机"
RIVAL = "澜星手机"
MODELS = ["曜石X5", "曜石X5 Pro", "曜石X3", "曜石Note 12", "曜石Pad 3", "曜石Watch 4"]
CITIES = ["深圳", "北京", "上海", "广州", "成都", "杭州", "武汉", "南京", "西安", "重庆"]
MONEY = ["2999", "3499", "4299", "5499", "6999", "1299"]
DAYS = ["一周", "十天", "半个月", "二十多天", "一个月", "一个多月"]
HOTLINE = "400-100-5566"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{brand}X5的长焦拍演唱会太顶了，坐在看台最后一排都能拍清歌手的表情", L),
            ("用了三个月{model}，系统流畅，一次都没卡过，这价位真的良心", L),
            ("{brand}的夜景模式绝了，随手拍的江边夜景朋友都以为是相机拍的", L),
            ("给爸妈换了{brand}，长辈模式字大声音大，我妈说比以前那台好用多了", L),
            ("{brand}Watch 4戴着跑了个半马，心率和配速都很准，续航还剩一半", L),
        ],
        [
            ("{brand}X5 Pro的人像虚化很自然，头发丝边缘都抠得干干净净", L),
            ("出差一整天导航加视频，{model}晚上回酒店还有百分之三十的电，满意", L),
            ("{brand}的快充是真的快，洗个澡的工夫就充到八十多", L),
            ("第一次用{brand}的手机，手感和做工比我想的好太多，推荐", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("请问{brand}X5和X5 Pro除了长焦还有什么区别，日常用哪个够了", L),
            ("{model}支持无线充电吗，官网参数没写清楚", L),
            ("{brand}X5的12+256和16+512差八百，值得加钱吗", L),
            ("有没有用{brand}Pad 3的同学，拿来记笔记和看网课怎么样", L),
            ("{brand}的手表能和苹果手机配对吗，想买但是我用的是iPhone", L),
            ("{city}哪里有{brand}的线下体验店，想去摸一下真机", L),
            ("{brand}X5什么时候推送新系统，听说加了卫星通信", L),
        ],
        [
            ("{model}的屏幕是几K的，刷新率多少，打游戏有必要上Pro吗", L),
            ("{brand}官方的以旧换新怎么操作，旧手机要寄过去吗", L),
            ("{brand}Buds的降噪和{brand}手机连起来有专属功能吗", L),
            ("学生党预算三千，{brand}X3和{model}选哪个", L),
            ("{brand}的碎屏险值得买吗，一年多少钱", L),
        ],
    ),
    (
        "review",
        "other",
        "neutral",
        [
            ("【开箱】{brand}X5 Pro到手，附赠六十七瓦充电器和保护壳，首发版多了一根编织线", L),
            ("{brand}X5深度评测：影像、续航、发热和游戏帧率，一篇看完", L),
            ("{model}一周体验：优点是拍照和屏幕，缺点是机身有点重，看个人取舍", L),
            ("{brand}X5跑分出来了，安兔兔两百万出头，和同档次的机型差不多", L),
        ],
        [
            ("【评测】{brand}Pad 3上手：2.8K屏，手写笔延迟还可以，扬声器一般", L),
            ("{brand}X5续航实测：五小时重度使用后剩余百分之三十八", L),
            ("{model}拆解视频：内部结构和散热设计详细对比", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}X5和{rival}K70价格一样，一个影像强一个续航强，纠结", L),
            ("{rival}的新机也用了同款传感器，和{brand}X5样张对比一下", L),
            ("身边用{brand}和{rival}的人差不多，这两家今年卖得都不错", L),
        ],
        [
            ("{rival}和{brand}的折叠屏都出了，谁的铰链更耐用", L),
            ("{rival}这次的快充比{brand}快五分钟，实际用起来差别不大", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}双十二】{model}到手价{money}元，以旧换新再补贴三百，详询{hotline}", L),
            ("{brand}X5新品首销，官方旗舰店下单享十二期免息，送原装快充", L),
            ("{brand}会员日：耳机手表满一千减一百，积分可抵现金", L),
        ],
        [
            ("{brand}学生专享：凭学生证购{model}立减二百，加赠一年碎屏保", L),
            ("{brand}{city}旗舰店开业，前一百名到店送定制手机壳", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}发布X5系列，起售价{money}元，主打长焦影像和五千五百毫安电池", L),
            ("第三季度国内手机出货量排名公布，{brand}位列第五，同比增长9%", L),
            ("{brand}宣布自研影像芯片量产，将首先搭载于明年旗舰", L),
        ],
        [
            ("{brand}在{city}开设第二家直营服务中心，提供屏幕电池当日维修", L),
            ("{brand}与运营商合作推出卫星通信服务，X5系列首批支持", L),
        ],
    ),
    (
        "defect",
        "product_quality",
        "negative",
        [
            ("{model}玩半小时游戏就烫得握不住，帧率掉到三十，这发热也太离谱了", L),
            ("新买的{model}用了不到{days}就开始卡顿，打开微信都要转半天圈", L),
            ("{brand}X5的续航崩了，早上满电出门，中午就剩百分之二十", L),
            ("{model}在地铁和电梯里信号一直是一格，电话打着打着就断", L),
            ("{brand}X5屏幕右边出现一条绿线，才用了四个月", L),
            ("{model}后置摄像头里面进灰了，拍出来的照片有黑点", L),
        ],
        [
            ("{model}的屏幕下半部分经常断触，打字打一半就点不动了", L),
            ("用了半年{brand}X3，屏幕上已经有键盘的烧屏印子了", L),
            ("{model}充电的时候背面发烫，充电速度慢得像老人机", L),
            ("{brand}Buds左耳没声音了，连接一直断断续续", L),
            ("{model}的WiFi连着连着就掉，别人的手机都好好的", L),
        ],
    ),
    (
        "update",
        "product_quality",
        "negative",
        [
            ("昨晚{brand}推送了系统更新，升级完手机直接变砖，一直卡在开机画面", M),
            ("更新了新系统以后{model}卡得要死，滑动都掉帧，能不能让降级", L),
            ("{brand}这次系统更新后耗电特别快，一晚上掉了百分之十五", L),
        ],
        [
            ("升级完新版本{model}的指纹识别失灵了，只能输密码", L),
            ("{brand}更新以后蓝牙耳机老是断连，之前从来没有过", L),
            ("系统更新后{model}反复重启，一天自动重启了七八次", M),
        ],
    ),
    (
        "repair",
        "after_sales_refund",
        "negative",
        [
            ("{model}在保修期内屏幕自己裂了，{brand}售后说是人为损坏，拒绝保修", M),
            ("手机没进过水，{brand}售后检测说进水判定，要我自费一千二修主板", M),
            ("{model}寄修{days}了还没寄回来，打电话只说在排队检测", L),
            ("在{brand}服务中心换了电池，回来发现序列号不对，给我换的是翻新件", M),
            ("保修期内主板坏了，{brand}售后说只能换翻新机，不给换新", L),
        ],
        [
            ("{brand}售后非说我的手机摔过，外壳一点磕碰都没有，就是不给保", M),
            ("{model}修了两次还是同样的问题，要求退机{brand}售后不同意", L),
            ("把手机送去{brand}维修点换屏，拿回来发现后盖有划痕，里面的数据也没了", L),
            ("{brand}的寄修说七天，现在{days}了连检测报告都没有", L),
        ],
    ),
    (
        "shipping",
        "delivery_logistics",
        "negative",
        [
            ("在{brand}官方旗舰店买的{model}，说好四十八小时发货，{days}了还没发", L),
            ("{brand}X5首销付了全款，订单一直显示待发货，客服说缺货等通知", L),
            ("{brand}官网下单的耳机物流三天没更新，快递说包裹找不到了", L),
        ],
        [
            ("抢购{brand}X5 Pro付完尾款{days}还没收到，物流信息停在深圳仓", L),
            ("{brand}商城的手表显示已签收，我根本没收到，快递员说放驿站了", L),
            ("双十二在{brand}官方店买的平板，收到的箱子被压扁了，屏幕有裂痕", L),
        ],
    ),
    (
        "price",
        "contract_pricing",
        "negative",
        [
            ("刚买{model}一周就降价五百，找{brand}官方店申请保价，说活动价不在保价范围", L),
            ("{brand}以旧换新线上估价一千八，寄过去验机只给六百，说有划痕，这不是坑人吗", L),
            ("{brand}宣传续航两天一充，我的X5正常用一天都撑不到，这是虚假宣传", L),
            ("发布会上说的百倍变焦样张和实际拍出来差太远了，{brand}的宣传图是摆拍的吧", L),
        ],
        [
            ("{brand}X5首发{money}，两周后官方直降六百还送耳机，首发用户就是韭菜", L),
            ("买{model}时说送的碎屏险，激活的时候要另付九十九，{brand}这是什么套路", L),
            ("{brand}宣传的一百二十瓦快充，实际充满要将近一个小时", L),
        ],
    ),
    (
        "adware",
        "privacy_fraud",
        "negative",
        [
            ("{brand}手机自带十几个预装软件，删都删不掉，还一直弹广告", L),
            ("{model}锁屏上天天推送广告和新闻，关了又自己打开", L),
            ("装了个手电筒应用，{brand}系统没提示就给了通讯录和定位权限，个人信息怎么保护", M),
        ],
        [
            ("{brand}的应用商店偷偷给我装了三个游戏，流量都被跑掉了", L),
            ("在{brand}官网登记过电话，之后天天有人打电话推销延保和贷款", L),
            ("{brand}负一屏和通知栏全是广告，花几千块买的手机还要看广告", L),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("打{brand}客服{hotline}，转了三次人工，每个人都让我去找门店", L),
            ("{brand}客服说屏幕问题找售后，售后说找客服，来回踢皮球一个星期", L),
            ("去{brand}服务中心问个问题，工作人员一直低头玩手机，爱答不理", L),
        ],
        [
            ("{brand}在线客服只会发模板回复，问什么都是亲亲请耐心等待", L),
            ("{brand}门店店员说你爱修不修，不修就走，这种服务态度谁受得了", L),
            ("给{brand}官方发了三次私信反映问题，一条都没回", L),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("{model}用了一年，后盖被顶起来了，拆开一看电池鼓包，晚上还放在枕头边充电", H),
            ("{brand}的充电器充着充着冒烟了，插座都熏黑了，幸好人在旁边", H),
            ("{model}打电话的时候烫得耳朵都红了，感觉随时要炸", M),
        ],
        [
            ("{brand}平板充电时突然起火，床单烧了个洞，孩子就在旁边", H),
            ("{brand}手表戴着运动把手腕烫出了水泡，去医院包扎了", H),
            ("{model}的电池鼓得屏幕都翘起来了，{brand}售后说等通知", M),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 10,
    "chatter": 18,
    "review": 7,
    "competitor": 5,
    "promo": 8,
    "news": 4,
    "defect": 12,
    "update": 5,
    "repair": 8,
    "shipping": 5,
    "price": 7,
    "adware": 4,
    "attitude": 5,
    "safety": 2,
}
COMPLAINT_KINDS = {
    "defect", "update", "repair", "shipping", "price", "adware", "attitude", "safety",
}  # fmt: skip
OPENINGS = openings("问一下，", "【数码】")
CLOSINGS = closings("～", "。#数码#")
COMPLAINT_TITLES = {
    "defect": "手机发热卡顿屏幕故障",
    "update": "系统更新后手机故障",
    "repair": "售后拒保维修问题",
    "shipping": "官方旗舰店不发货",
    "price": "降价不保价虚假宣传",
    "adware": "预装软件广告推送",
    "attitude": "客服推诿态度差",
    "safety": "电池鼓包发热安全隐患",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，非常抱歉给您带来不好的体验，请私信您的订单号或手机序列号，我们会尽快核实处理。",
    "您好，关于您反映的问题，已转交{city}服务中心跟进，工程师将在一个工作日内与您联系。",
    "感谢反馈，建议您先备份数据后到就近的服务中心免费检测，检测结果我们会同步给您。",
    "您好，已为您登记，售后主管会核实维修记录后给您回复，请保持电话畅通。",
]
