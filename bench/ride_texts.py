"""The everyday texts of the ride-hailing brand's review week (bench/ride_week.py; not shipped),
written for it before any classifier output was read.

Each everyday kind has the category and sentiment a ride-hailing brand's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official} {rival}
{model} {city} {money} {days} {hotline}. The crisis texts are in bench/ride_crisis.py.

How the categories read for ride-hailing (网约车 打车 司机 接驾 行程 订单; DOMAIN.md): a driver who
takes a detour (绕路), a fare above the estimate, 高速费 or 过路费 added, 动态加价, an old account
quoted more than a new one (大数据杀熟) and drivers' complaints about the platform's commission
(抽成) or fines are 购销合同/价格 (price, hidden fees, contract terms); a cancellation fee charged
wrongly, a refund or 申诉 that never comes back, a 免单 promised and not paid is 售后/退换货 (the
remedy refused); a driver who is rude, refuses the trip (拒载), makes the passenger cancel, or
customer service that passes the passenger around (a lost item nobody helps to get back included)
is 服务态度; a driver who never comes, comes late or a car nobody takes is 货物运输/物流 (the
service not delivered, as a late parcel or a delayed flight); an app that crashes, locates
wrongly or pays twice by a bug is 商品质量; a driver's number leaking through the 虚拟号, a driver
adding the passenger on WeChat, scammers posing as the brand's customer service is 隐私/欺诈;
dangerous driving (看手机, 疲劳驾驶, 闯红灯), an accident, harassment of a passenger is
食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "畅行"
OFFICIAL = "畅行出行"
RIVAL = "快马打车"
MODELS = ["畅行快车", "畅行专车", "畅行拼车", "畅行特惠", "畅行顺风车"]
CITIES = ["深圳", "北京", "上海", "广州", "成都", "武汉", "杭州", "西安", "重庆", "长沙"]
MONEY = ["38", "56", "87", "120", "168", "235"]
DAYS = ["三天", "五天", "一周", "十天", "半个月", "二十天"]
HOTLINE = "400-816-2020"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("今天坐的{brand}司机师傅超nice，看我拿着行李主动下车帮忙搬👍", L),
            ("凌晨两点下班打{model}，一分钟就接单了，师傅还一直等我进了小区才走，感动", L),
            ("{brand}的专车是真的舒服，车里干干净净还有矿泉水，这个价值了", L),
            ("手机落在{brand}的车上，司机师傅专门绕回来送给我，不收钱，好人一生平安🙏", L),
            ("带娃打车最怕司机催，今天这位{brand}师傅耐心等我装好安全座椅，给五星", L),
        ],
        [
            ("{brand}司机师傅一路没说话开得超稳，困了直接睡到家，爱了爱了", L),
            ("下雨天在{city}站口打{brand}居然秒接，师傅还带了伞来接我", L),
            ("第一次坐{brand}拼车，拼到的小姐姐人很好，价格也便宜，以后就它了", L),
            ("老妈不会用手机，{brand}帮叫车功能太好用了，我在外地也能给她叫车", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("{brand}从{city}机场打车到市区大概多少钱啊", L),
            ("请问{brand}的{model}和专车有啥区别，差价大吗", L),
            ("有没有人知道{brand}怎么开发票，公司报销要用", L),
            ("{brand}顺风车要提前多久约，过年回老家能约到吗", L),
            ("{brand}的企业账户怎么开通，有用过的吗", L),
            ("想问下{brand}可以预约明天早上五点的车吗，赶飞机", L),
        ],
        [
            ("{brand}带宠物上车可以吗，小狗装在包里的那种", L),
            ("{brand}的紧急联系人在哪设置啊，找半天没找到", L),
            ("在{city}打{brand}和打出租哪个便宜点", L),
            ("{brand}的积分能换什么，攒了好多没用过", L),
            ("{brand}的行程录音功能是默认开的吗", L),
        ],
    ),
    (
        "driver_talk",
        "other",
        "neutral",
        [
            ("跑{brand}第三个月了，分享一下在{city}每天跑十个小时的流水", L),
            ("新人想跑{brand}，租车还是自己买车划算，老司机们给点建议", L),
            ("{brand}司机端今天更新了，听单模式多了个回家顺路单", L),
            ("有一起跑{brand}的{city}司机吗，拉个群交流一下哪里单多", L),
        ],
        [
            ("跑网约车要办的两证，{city}这边大概要多久能下来", L),
            ("今天跑{brand}遇到个很有意思的乘客，聊了一路的足球", L),
            ("{brand}和{rival}双开的司机说说，哪个平台单多一点", L),
        ],
    ),
    (
        "review",
        "other",
        "neutral",
        [
            ("【实测】同一段路在{brand}、{rival}和出租车上各打一次，看看价格差多少", L),
            ("整理了{brand}省钱攻略：优惠券、会员和拼车怎么叠加用", L),
            ("{city}机场到高铁站，{brand}快车专车拼车都坐了一遍，说说感受", L),
        ],
        [
            ("记录一下这个月打{brand}的二十单，平均接驾时间和车费", L),
            ("女生夜间打车安全指南：{brand}这几个功能一定要打开", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}哪个司机素质好一点，最近在两个之间换着用", L),
            ("{rival}也出了特惠快车，和{brand}比起来价格差不多", L),
            ("公司报销只认{brand}和{rival}的电子发票", L),
        ],
        [
            ("{rival}的车比{brand}多一点，不过{brand}的优惠券多", L),
            ("在{city}叫车，{brand}和{rival}一起叫，谁先接单坐谁", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}周五出行节】{model}新用户首单立减十元，详询{hotline}", L),
            ("{brand}会员日：开通出行卡送五张八折券", L),
            ("{brand}在{city}上线夜间安心送，十点后行程自动分享给紧急联系人", L),
        ],
        [
            ("{brand}学生专享：寒假回家拼车五折起", L),
            ("{brand}{city}机场专线上线，提前预约免费等候三十分钟", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}出行发布三季度数据，日均订单量突破八百万单", L),
            ("{city}交通运输局约谈多家网约车平台，{brand}在列", L),
            ("{brand}宣布下调部分城市司机抽成比例，明年一月起执行", L),
        ],
        [
            ("{brand}出行在{city}试点自动驾驶接驳，首批开放二十个站点", L),
            ("交通运输部公布十月网约车合规率，{brand}排名第四", L),
        ],
    ),
    (
        "detour",
        "contract_pricing",
        "negative",
        [
            ("坐{brand}从公司回家，平时二十多块，今天司机绕路收了{money}，导航都不看", L),
            ("{brand}司机故意绕远路，我提醒了还说那边堵车，结果多跑了八公里", L),
            ("预估价三十五，到了变成{money}，{brand}的司机绕了个大圈子😡", L),
            ("上车就跟司机说走高架，{brand}师傅非要走地面，多收了二十块还说我不懂路", L),
        ],
        [
            ("明明两公里的路，{brand}司机开了二十分钟，一看轨迹绕了一圈", L),
            ("{brand}师傅说导航有问题，带着我在{city}兜圈子，车费翻了一倍", L),
            ("外地人坐{brand}被绕路，投诉了只退了五块钱，打发叫花子呢", L),
        ],
    ),
    (
        "pricing",
        "contract_pricing",
        "negative",
        [
            (
                "同一时间同一段路，我的{brand}显示{money}，我朋友新号只要一半，这不是大数据杀熟是啥",
                L,
            ),
            ("{brand}的高速费司机自己加的，我都没让他走高速，平台说这个得找司机", L),
            ("下雨天{brand}动态加价加到两倍，提示都没有就扣了", L),
            ("{brand}的一口价到了终点又多出来个过路费十五，说好的一口价呢", L),
            ("开了{brand}会员反而比不开会员贵，苹果手机比安卓贵，绝了", L),
        ],
        [
            ("{brand}预估价二十八，实付{money}，明细里一堆看不懂的附加费", L),
            ("老用户打{brand}越打越贵，用我妈手机叫同一段路便宜十几块", L),
            ("{brand}司机说停车费要我出，下车才发现账单里多了三十", L),
        ],
    ),
    (
        "cancel_fee",
        "after_sales_refund",
        "negative",
        [
            ("司机半天不动，我取消了，{brand}扣我五块取消费，申诉{days}了还没退", L),
            ("{brand}司机让我取消订单，我取消了结果被扣了取消费，这合理吗", L),
            ("{brand}重复扣款{money}，客服说三个工作日退款，{days}了一分没见到", L),
            ("{brand}说超时免单，行程结束钱照扣，说好的免单退款到现在都没到账", L),
        ],
        [
            ("被{brand}多收的钱申请退款，审核{days}了还是处理中", L),
            ("{brand}司机没来接我还被判我违约，取消费不给退，申诉也驳回", L),
            ("{brand}答应退我{money}的差价，结果只退了一张优惠券", L),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("行李多问了句能不能开下后备箱，{brand}司机直接甩脸说不想拉就取消", L),
            ("{brand}司机接单后打电话问我去哪，嫌近不去，让我自己取消", L),
            ("上车系安全带提醒了一句开慢点，{brand}司机骂骂咧咧一路，吓死我了", M),
            ("{brand}客服电话{hotline}打了十几次，每次都说会反馈，到现在没人回电", L),
            ("给了{brand}司机差评，他打电话来骂我还说记住我家在哪了", H),
        ],
        [
            ("{brand}司机带着导盲犬的盲人都拒载，我在旁边看着都生气", L),
            ("{brand}司机全程开着外放刷短视频，让他关小点就翻白眼", L),
            ("找{brand}客服投诉司机，机器人回复转人工要排队四十分钟，排到了说已记录", L),
        ],
    ),
    (
        "lost_item",
        "service_attitude",
        "negative",
        [
            ("电脑包落在{brand}的车上，司机电话不接，平台客服只会说已经联系司机了", L),
            ("{brand}司机捡到我的手机不还，说要两百块辛苦费才送过来", M),
            ("钥匙丢在{brand}车上{days}了，客服每次都说帮我催，司机就是不回", L),
        ],
        [
            ("身份证落在{brand}车上，找客服要司机电话不给，自己联系又联系不上", L),
            ("{brand}车上丢了给孩子买的药，客服说物品遗失平台不负责", L),
        ],
    ),
    (
        "pickup",
        "delivery_logistics",
        "negative",
        [
            ("{brand}司机显示还有两分钟到，等了二十分钟车还在原地不动", L),
            ("早上赶飞机约的{brand}，司机迟到四十分钟，航班差点没赶上", L),
            ("在{city}站排队叫{brand}，叫了一个小时都没人接单，加价也没用", L),
            ("{brand}派的车离我八公里，接驾要半小时，这派单逻辑谁写的", L),
        ],
        [
            ("约好的七点{brand}车，六点五十司机突然说车坏了不来了", L),
            ("{brand}司机找不到上车点，电话里让我走过去五百米找他", L),
            ("下暴雨{brand}打了一个半小时的车，最后还是走回家的", L),
        ],
    ),
    (
        "app",
        "product_quality",
        "negative",
        [
            ("{brand}app更新完就闪退，叫车页面一直转圈圈", L),
            ("{brand}定位老是飘，明明在东门，司机被导到西门去了", L),
            ("{brand}支付的时候卡住了，结果显示付了两次，app真的很烂", L),
        ],
        [
            ("{brand}的小程序一点叫车就报错，换了两个手机都一样", L),
            ("{brand}app的行程分享功能点了没反应，打了两天车都分享不出去", L),
            ("{brand}的导航把司机导进了死胡同，倒了半天车才出来", L),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            ("坐完{brand}第二天司机加我微信，说是顺路可以包车，他哪来的我微信？？", M),
            ("{brand}说有虚拟号，结果司机打过来显示的是我真实手机号", L),
            ("接到自称{brand}客服的电话，说我的行程有退款要我开通什么账户，差点被骗", H),
        ],
        [
            ("打过{brand}之后天天接到贷款推销电话，对方还知道我常去的地址", M),
            ("{brand}行程录音被司机拿去发群里，我的声音被陌生人听了", M),
            ("冒充{brand}客服的人说我开通了会员要扣费，让我下载软件共享屏幕", H),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("{brand}司机一路都在看手机刷视频，高速上开到一百二，吓得我腿软", H),
            ("坐{brand}司机连闯两个红灯，差点撞上电动车，我说他还嫌我多事", H),
            ("{brand}司机开车打瞌睡，头一点一点的，我一路喊他才没出事", H),
            ("{brand}司机半夜把车开进小路，问东问西问我有没有男朋友，吓得我提前下车", H),
        ],
        [
            ("{brand}的车在路口追尾了，我额头撞到前座缝了三针，平台到现在没人管", H),
            ("女生晚上坐{brand}，司机一直从后视镜盯着我看，还说要送我上楼", H),
            ("{brand}司机急刹车把我家孩子甩到前座上，嘴唇磕破了", H),
        ],
    ),
    (
        "driver",
        "contract_pricing",
        "negative",
        [
            ("跑{brand}一单收八十，到手才五十出头，抽成比说好的高多了", L),
            ("{brand}又降价了，司机一天跑十二个小时，刨掉油钱租金剩不了两百", L),
            ("乘客一个差评{brand}就罚我五十，申诉都不看录音", L),
            ("{brand}的高峰奖励说好跑满二十单给一百，跑满了规则又改了", L),
        ],
        [
            ("{brand}的抽成根本不透明，乘客付{money}，我这边只显示六十多", L),
            ("{brand}司机端莫名其妙被封号七天，客服说系统判定，不给理由", L),
            ("{brand}派的全是特惠单，一公里一块多，跑一天白干", L),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 8,
    "chatter": 16,
    "driver_talk": 5,
    "review": 4,
    "competitor": 4,
    "promo": 6,
    "news": 4,
    "detour": 8,
    "pricing": 7,
    "cancel_fee": 6,
    "attitude": 7,
    "lost_item": 3,
    "pickup": 7,
    "app": 4,
    "privacy": 3,
    "safety": 3,
    "driver": 5,
}
COMPLAINT_KINDS = {
    "detour", "pricing", "cancel_fee", "attitude", "lost_item", "pickup", "app", "privacy",
    "safety", "driver",
}  # fmt: skip
OPENINGS = openings("请教一下，", "【打车】", "家人们，")
CLOSINGS = closings("～", "。#网约车#", "😂")
COMPLAINT_TITLES = {
    "detour": "网约车司机绕路多收费",
    "pricing": "打车大数据杀熟乱加价",
    "cancel_fee": "取消费不退退款不到账",
    "attitude": "司机态度恶劣拒载",
    "lost_item": "遗失物品平台不管",
    "pickup": "司机迟到不来接驾",
    "app": "APP闪退重复扣款",
    "privacy": "隐私泄露冒充客服诈骗",
    "safety": "司机危险驾驶骚扰乘客",
    "driver": "平台抽成过高乱罚款",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，给您带来不好的体验非常抱歉，请私信您的行程订单号，我们马上为您核实。",
    "您好，已将您的情况反馈给{city}运营团队，专员会在24小时内电话联系您处理。",
    "您好，您反映的费用问题已为您加急核查，核实后多收部分会原路退回，请留意。",
    "感谢您的反馈，司机的服务问题我们会严肃核实处理，结果第一时间告知您。",
]
