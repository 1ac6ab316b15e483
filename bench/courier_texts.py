"""The everyday texts of the express-delivery brand's review week (bench/courier_week.py; not
shipped), written for it before any classifier output was read.

Each everyday kind has the category and sentiment a courier brand's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official} {rival}
{model} {city} {money} {days} {hotline}. The crisis texts are in bench/courier_crisis.py.

How the categories read for a courier (快递 包裹 驿站 网点 派送 揽收 面单; DOMAIN.md): the
parcel lost (丢件, 查无此件), late or never delivered (延误, 不派送, 派送失败, 不送上门),
damaged in transit (破损, 压扁, 泡水), signed for by nobody (虚假签收, 代签收) or left at a
驿站 without a word, is 货物运输/物流 (late, lost, damaged in transit, courier behaviour); a
驿站 storage fee, a 到付 or weighing surcharge, a packing fee nobody asked for and a 次日达 or
限时达 promise not kept (虚假宣传) are 购销合同/价格 (hidden fees, promotion not honoured); a
保价 claim refused, capped or left in 审核中 and compensation promised but not paid are
售后/退换货 (the remedy refused); a courier who swears or threatens, customer service that hangs
up or passes the customer around (推诿) is 服务态度; a waybill that shows the phone number and
address, sales calls after a shipment, scammers posing as the brand's 理赔 staff are 隐私/欺诈;
a tricycle knocking a child down, a locker door hitting someone, a parcel leaking something
that makes people dizzy is 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "迅达"
OFFICIAL = "迅达快递"
RIVAL = "顺途速运"
MODELS = ["迅达标快", "迅达特快", "迅达次日达", "迅达冷链", "迅达同城"]
CITIES = ["杭州", "北京", "上海", "广州", "成都", "武汉", "南京", "西安", "重庆", "苏州"]
MONEY = ["299", "860", "1299", "2500", "3999", "6800"]
DAYS = ["三天", "五天", "一周", "十天", "半个月", "二十天"]
HOTLINE = "400-680-5858"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{brand}的小哥每次都送到家门口，下雨天还用袋子把箱子包好", L),
            ("昨晚十点在{brand}下单寄文件，今天上午就到{city}了，是真的快", L),
            ("{brand}寄了一箱玻璃杯回老家，包得严严实实，一个都没碎", L),
            ("我们小区的{brand}快递员特别负责，家里没人会先打电话问放哪", L),
            ("{brand}上门取件很准时，师傅还帮我把箱子重新打包了一遍", L),
        ],
        [
            ("{brand}冷链寄的海鲜到的时候冰袋都还没化，点赞", L),
            ("过年前寄的年货{brand}两天就到了，爸妈收到很开心", L),
            ("{brand}的快递员记得我家有狗，每次都把包裹放在门口鞋柜上", L),
            ("寄件时填错了地址，{brand}客服很快帮我改好了，也没多收钱", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("{brand}寄一个五公斤的箱子到{city}大概多少钱", L),
            ("{brand}的次日达哪些城市能用，偏远地区算吗", L),
            ("有人知道{brand}几点停止收件吗，下班以后还能寄吗", L),
            ("{brand}寄生鲜需要自己准备泡沫箱吗", L),
            ("{brand}的单号怎么查物流，小程序和官网哪个更新快", L),
            ("寄身份证原件用{brand}可以吗，需要保价吗", L),
        ],
        [
            ("{brand}可以寄电池和充电宝吗，会不会被退回来", L),
            ("{brand}上门取件要另外加钱吗", L),
            ("从{city}寄到新疆，{brand}和邮政哪个更快", L),
            ("{brand}的快递柜超时了怎么取，还能打开吗", L),
            ("{brand}寄国际件需要准备什么材料", L),
        ],
    ),
    (
        "review",
        "other",
        "neutral",
        [
            ("【实测】同一天从{city}寄出五家快递，看看{brand}第几个到", L),
            ("整理了一份{brand}寄件省钱攻略：月结、寄件券和上门取件怎么选", L),
            ("{brand}加盟网点和直营网点有什么区别，做了三年快递的来说说", L),
        ],
        [
            ("记录一下{brand}双十一期间十个包裹的到货时间", L),
            ("{brand}和几家快递的保价规则对比，寄贵重物品前看看", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}寄文件哪个快，价格差多少", L),
            ("{rival}今年也推了次日达，和{brand}比起来怎么样", L),
            ("公司寄样品一半用{brand}一半用{rival}，感觉差不多", L),
        ],
        [
            ("{rival}比{brand}贵几块钱，不过两家都能上门取件", L),
            ("{brand}和{rival}的冷链都用过，各有各的好", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}寄件节】新用户首单寄件立减五元，详询{hotline}", L),
            ("{brand}推出{city}同城半日达，上午寄下午到", L),
            ("{brand}会员日：寄件满三单送一张八折券", L),
        ],
        [
            ("{brand}学生寄件季：开学行李寄回学校八折起", L),
            ("{brand}冷链生鲜专线上线，{city}发往全国", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}快递发布三季度经营数据，业务量同比增长百分之十五", L),
            ("{brand}在{city}新建智能分拣中心，日处理能力超过三百万件", L),
            ("国家邮政局公布十月快递服务满意度，{brand}位列第三", L),
        ],
        [
            ("{brand}宣布调整部分偏远地区派送费，明年一月起执行", L),
            ("{brand}快递与多家电商平台签署年度合作协议", L),
        ],
    ),
    (
        "lost",
        "delivery_logistics",
        "negative",
        [
            ("{brand}寄的一箱衣服丢了，物流停在{city}转运中心{days}没动过", L),
            ("在{brand}寄的手机显示已揽收，之后就再也查不到了，网点说找不到", L),
            ("{brand}的包裹在中转站丢了，客服只让我再等等", L),
            ("价值{money}元的东西交给{brand}，到现在都没找到，包裹就这么没了", L),
        ],
        [
            ("{brand}把我的快递弄丢了，网点和总部都说在查", L),
            ("寄给客户的样品{brand}一直显示派送中，三天后变成了查无此件", L),
            ("{brand}的快递丢了两个，一个是爸妈的药一个是奶粉", M),
            ("等了{days}的{brand}快递，最后网点说包裹遗失了", L),
        ],
    ),
    (
        "delay",
        "delivery_logistics",
        "negative",
        [
            ("{brand}的快递在{city}站点躺了{days}，一直显示待派送", L),
            ("{brand}快递到了{city}三天就是不派送，打电话说人手不够", L),
            ("{brand}物流信息五天没更新，问就是在运输途中", L),
            ("{brand}快递员嫌远不送，让我自己去十公里外的网点拿", L),
            ("明明在家，{brand}显示派送失败，理由是联系不上收件人", L),
        ],
        [
            ("{brand}的包裹在{city}分拨中心转了三圈，又发回了始发地", L),
            ("急用的合同交给{brand}，一周了还没出省", L),
            ("{brand}快递到了楼下不送上门，一个电话让我自己下去拿", L),
            ("买的水果{brand}走了{days}，到手的时候已经烂了一半", L),
        ],
    ),
    (
        "damaged",
        "delivery_logistics",
        "negative",
        [
            ("{brand}送来的箱子被压扁了，里面的显示器屏幕碎了", L),
            ("寄的陶瓷花瓶{brand}外包装完好，打开碎成好几块", L),
            ("{brand}快递的外箱湿透了，里面的书全泡了", L),
            ("收到{brand}的包裹，箱子明显被摔过，四个角都裂开了", L),
        ],
        [
            ("{brand}送来的电饭煲外壳摔裂了，快递员说签收了就不管", L),
            ("寄出去的蛋糕模具{brand}送到的时候全变形了", L),
            ("{brand}的包裹上全是脚印，里面的鞋盒都被踩扁了", L),
        ],
    ),
    (
        "signoff",
        "delivery_logistics",
        "negative",
        [
            ("{brand}显示已签收，我根本没收到，快递员说放门口了，门口什么都没有", L),
            ("{brand}不打招呼直接把快递扔驿站，一条短信都没有，放了三天才发现", L),
            ("明明写了送货上门，{brand}快递员自己点了签收然后放进快递柜", L),
            ("{brand}代签收都不跟我说一声，东西到现在也不知道在谁手里", L),
        ],
        [
            ("{brand}物流显示本人签收，可我那天在外地出差，根本不在家", L),
            ("{brand}快递员不送货，直接标记已签收，问就说放驿站了", L),
            ("{brand}的快递被放在小区门口的驿站，取件码都没发给我", L),
        ],
    ),
    (
        "fee",
        "contract_pricing",
        "negative",
        [
            ("{brand}的快递放驿站，取件还要交一块五保管费", L),
            ("寄件的时候说好十二块，{brand}快递员上门称了重又加了二十", L),
            ("{brand}到付件收了我四十五，网上查同样重量寄件才十八", L),
            ("{brand}派件说我家超区，要加五块钱才送上楼", L),
        ],
        [
            ("在{brand}寄个小件被收了八块包装费，都没问我要不要", L),
            ("{brand}驿站说超过两天没取每天收一元，谁定的规矩", L),
            ("{brand}运费按体积重算，一个轻飘飘的枕头收了六十多", L),
        ],
    ),
    (
        "promise",
        "contract_pricing",
        "negative",
        [
            ("{brand}次日达多收了十块钱，结果三天才到，说好的超时赔付也不认", L),
            ("{brand}宣传的限时达，超时了客服说特殊天气不在承诺范围内", L),
            ("花钱选了{brand}特快，和普通件同一天到，这不是虚假宣传吗", L),
        ],
        [
            ("{brand}广告上写全国次日达，寄到{city}旁边的县城要四天", L),
            ("{brand}承诺超时免单，真超时了又说要自己提供证据申请", L),
        ],
    ),
    (
        "claim",
        "after_sales_refund",
        "negative",
        [
            ("{brand}弄丢了我保价两千的包裹，现在说只能按运费的三倍赔", L),
            ("申请{brand}理赔{days}了，一直在审核中，没人给答复", L),
            ("{brand}摔坏了我的东西，理赔要我提供一堆证明，最后还是拒赔", L),
            ("交了保价费，东西坏了{brand}说外包装没破不予理赔", L),
        ],
        [
            ("{brand}答应赔我{money}元，一个月过去了钱还没到账", L),
            ("{brand}理赔专员说要先把坏的东西寄回去检测，寄回去就没消息了", L),
            ("丢件找{brand}索赔，客服说没保价最多赔三百", L),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("就问了一句能不能送上楼，{brand}快递员在电话里把我骂了一顿", M),
            ("给{brand}打了差评，快递员找上门来威胁我删评论", H),
            ("{brand}客服电话{hotline}打了十几次，每次都说会反馈，从来没人回电", L),
            ("{brand}网点说是总部的事，总部说是网点的事，皮球踢了{days}", L),
        ],
        [
            ("{brand}快递员把包裹往地上一扔，说了句爱要不要", L),
            ("投诉了{brand}的快递员，他打电话来说知道我住哪，让我小心点", H),
            ("{brand}客服态度很差，没说两句就把电话挂了", L),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            ("在{brand}寄完件第二天就接到推销电话，对方连我寄的什么东西都知道", M),
            ("{brand}的面单上手机号和住址全是明文，丢在楼下垃圾桶谁都能看", L),
            ("有人冒充{brand}客服说我的快递丢了要理赔，还准确报出了我的单号", H),
        ],
        [
            ("{brand}快递员拿我的手机号加了微信，天天给我发广告", L),
            ("寄过一次{brand}之后，陌生人打电话能叫出我的名字和小区", M),
            ("{brand}驿站把所有人的包裹连着电话号码摆在外面，谁都能拍", L),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("{brand}的快递三轮车在小区里开得飞快，把我家孩子撞倒了，膝盖擦破一大块", H),
            ("{brand}驿站里堆着的包裹漏出刺鼻的液体，好几个人闻了头晕", H),
        ],
        [
            ("{brand}快递柜的柜门突然弹开，砸到了老人的额头，缝了五针", H),
            ("收到{brand}的包裹，箱子里漏出不明粉末，手碰了以后又红又痒", H),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 9,
    "chatter": 18,
    "review": 4,
    "competitor": 4,
    "promo": 7,
    "news": 4,
    "lost": 9,
    "delay": 12,
    "damaged": 7,
    "signoff": 8,
    "fee": 5,
    "promise": 3,
    "claim": 5,
    "attitude": 5,
    "privacy": 3,
    "safety": 2,
}
COMPLAINT_KINDS = {
    "lost", "delay", "damaged", "signoff", "fee", "promise", "claim", "attitude", "privacy",
    "safety",
}  # fmt: skip
OPENINGS = openings("请教一下，", "【快递】")
CLOSINGS = closings("～", "。#快递#")
COMPLAINT_TITLES = {
    "lost": "快递丢件无人处理",
    "delay": "快递延误不派送",
    "damaged": "快递运输破损",
    "signoff": "虚假签收放驿站不通知",
    "fee": "驿站收费到付乱收费",
    "promise": "次日达承诺不兑现",
    "claim": "保价理赔被拒",
    "attitude": "快递员态度恶劣威胁",
    "privacy": "个人信息泄露诈骗电话",
    "safety": "快递车撞人安全隐患",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，给您添麻烦了，请私信您的运单号和联系电话，我们马上为您核实。",
    "您好，已将您的情况反馈给{city}网点，网点会在24小时内电话联系您处理。",
    "您好，理赔申请已为您加急，理赔专员会在今天内联系您，请保持电话畅通。",
    "感谢您的反馈，快递员的服务问题我们会核实处理，结果第一时间告知您。",
]
