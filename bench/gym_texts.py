"""The everyday texts of the fitness and beauty chain's review week (bench/gym_week.py; not
shipped), written for it before any classifier output was read.

Each everyday kind has the category and sentiment the chain's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official} {rival}
{model} (a store, 店) {city} {money} {days} {hotline}. The crisis texts are in
bench/gym_crisis.py.

How the categories read for a chain of gyms and beauty salons selling prepaid cards (会员卡, 年卡,
私教课, 储值卡, 美容疗程; DOMAIN.md), each ambiguous case decided once: a card or unused 私教
lessons whose refund is refused or dragged out (退卡难, 退课) is 售后/退换货, and so is a store
closed without notice (闭店, 跑路) with members' balances unpaid — the money owed back is the
grievance, as a game's 停服 (whatever the member calls it: 卷款跑路 and 骗子 do not make it a
scam); a hard-sell pitch (强制推销, 围着推销私教, 不办卡就冷脸) is 服务态度 — the staff's manner,
nothing was sold; staff rude to a member or a complaint ignored is 服务态度 too; a transfer fee
(转卡费), a clause that takes what was paid (最终解释权, 不退不换, 霸王条款), a price or gift
promised at 办卡 and not given, an 美容 upsell mid-treatment (隐形消费) and a coach who left with
the lessons the member bought from him (教练离职, 课没人上) are 购销合同/价格 — what was sold is
not what is given; an auto-renewal deducted without the member's consent (自动续费, 偷偷扣款) is
隐私/欺诈 — DOMAIN's unauthorised charge, as a telecom's 莫名扣费 — and so is members' data sold
(会员信息, 推销电话); broken equipment, dirty showers and changing rooms and overcrowding are
商品质量 — the place the member paid for does not work; a 美容 treatment that burns or causes an
allergy and a coach's training that injures are 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "悦动"
OFFICIAL = "悦动健身"
RIVAL = "力享健身"
MODELS = ["万达店", "万象城店", "滨江店", "大学城店", "国贸店", "新天地店"]
CITIES = ["上海", "成都", "广州", "杭州", "武汉", "南京", "西安", "重庆", "长沙", "苏州"]
MONEY = ["1999", "3680", "6800", "12000", "899", "4500"]
DAYS = ["三天", "一周", "半个月", "二十天", "一个月", "两个月"]
HOTLINE = "400-816-2020"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{brand}{model}的私教小王特别专业，三个月帮我减了十五斤，动作一点点纠正", L),
            ("{city}这家{brand}器械很新，淋浴间也干净，年卡办得值", L),
            ("在悦颜美容做了一次补水护理，美容师手法很舒服，全程没有推销", L),
            ("{brand}的团课老师太有感染力了，动感单车上完一身汗，心情都变好了", L),
            ("{brand}{model}二十四小时营业，下夜班也能去练，对我太友好了", L),
        ],
        [
            ("坚持在{brand}练了一年，体脂从百分之三十降到二十二，感谢教练", L),
            ("{brand}{model}的前台小姐姐每次都笑着打招呼，环境也舒服", L),
            ("悦颜美容的皮肤管理做了三次，痘印淡了很多，价格也透明", L),
            ("{brand}新开的泳池水很干净，救生员一直盯着，带孩子去很放心", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("{city}的{brand}年卡一般多少钱，现在办划算吗", L),
            ("{brand}的私教课一节多少钱，新手有必要买吗", L),
            ("请问{brand}的会员卡能在别的城市门店用吗", L),
            ("悦颜美容的光子嫩肤适合敏感肌吗，有做过的姐妹说说", L),
            ("{brand}{model}几点开门，周末人多不多", L),
        ],
        [
            ("健身小白第一次去{brand}，需要自己带毛巾和锁吗", L),
            ("{brand}和{rival}哪家的团课种类多一点", L),
            ("想在{brand}办个季卡试试，有没有体验课可以先上", L),
            ("悦颜美容的水光针一个疗程要做几次，间隔多久", L),
            ("{brand}{model}有没有停车位，开车去方便吗", L),
        ],
    ),
    (
        "checkin",
        "other",
        "neutral",
        [
            ("今日打卡：{brand}{model}练腿一小时，明天估计下不了楼梯", L),
            ("健身第一百天打卡，在{brand}跑了五公里，记录一下", L),
            ("下班直奔{brand}，今天练背，晚饭吃鸡胸肉", L),
        ],
        [
            ("周末早上的{brand}瑜伽课打卡，拉伸完整个人都松了", L),
            ("连续打卡第三十天，{brand}{model}的搏击课真的上头", L),
            ("陪闺蜜去悦颜美容做护理，顺便记录一下今天的穿搭", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{rival}在{city}也开了新店，就在{brand}对面，看谁家便宜", L),
            ("{brand}和{rival}的年卡价格差不多，器械哪家多一点", L),
        ],
        [
            ("从{rival}换到{brand}，两家的私教收费差不多", L),
            ("{rival}搞开业活动，年卡直接打五折，{brand}会不会跟", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}{model}】周年庆年卡限时{money}元，老会员续卡再送两个月", L),
            ("{brand}新店开业，前一百名办卡送私教体验课两节", L),
            ("悦颜美容会员日：补水护理第二次半价，活动到本周日", L),
        ],
        [
            ("{brand}暑期学生卡上线，凭学生证三个月{money}元", L),
            ("{brand}{model}团课上新：普拉提和燃脂搏击本周开课，会员免费预约", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}健身在{city}新开三家门店，全国门店数量突破三百家", L),
            ("健身行业报告：预付式消费投诉增多，多地出台单用途预付卡管理办法", L),
            ("{brand}健身宣布与悦颜美容整合会员体系，一张卡通用健身和美容", L),
        ],
        [
            ("{city}商务局发布提示：办理健身美容预付卡要选择备案企业，谨慎大额充值", L),
            ("{brand}健身获得新一轮融资，计划明年在{city}开设旗舰店", L),
        ],
    ),
    (
        "refund",
        "after_sales_refund",
        "negative",
        [
            ("在{brand}{model}办的年卡还没用过几次，申请退卡被拒了，说合同写了不能退", L),
            ("私教课还剩二十节，工作调动要去外地，{brand}说课时只能转让不能退", L),
            ("{brand}退卡要扣百分之三十的手续费，还要等{days}才到账", L),
            ("孕期没法健身，找{brand}申请停卡退费，店长一直拖着不给办", L),
        ],
        [
            ("买了{money}的私教课只上了三节教练就换了，想退剩下的课，{brand}说已开课不退", L),
            ("{brand}的会员卡退费申请交了{days}，每次打电话都说在走流程", L),
            ("悦颜美容的疗程卡还剩六次，想退钱，店里说只能换成别的项目", L),
        ],
    ),
    (
        "hard_sell",
        "service_attitude",
        "negative",
        [
            ("每次去{brand}{model}都有教练围上来推销私教，练个器械都不得安宁", L),
            ("在{brand}做体测，结果教练拉着我谈了一个小时私教课，不买就冷脸", L),
            ("悦颜美容做护理的时候美容师一直推销办卡，躺在床上被念叨了四十分钟", L),
            ("{brand}的销售天天打电话催我续卡，说今天不办明天就涨价", L),
        ],
        [
            ("去{brand}只是想问问价格，被三个销售轮流劝办卡，不办不让走", L),
            ("{brand}教练上课一半时间在推销蛋白粉和私教套餐", L),
            ("悦颜美容说我皮肤问题很严重，不办{money}的疗程就会更糟，吓唬人推销", L),
        ],
    ),
    (
        "closure",
        "after_sales_refund",
        "negative",
        [
            ("{city}的{brand}{model}突然关门了，门口就贴了一张装修通知，卡里还有{money}", M),
            ("常去的那家{brand}说闭店就闭店，提前一天才在群里通知，余额去哪退", M),
            ("{brand}{model}换了老板，之前的会员卡新老板说不认", L),
        ],
        [
            ("办卡才{days}，{brand}{model}就人去楼空了，电话也打不通", M),
            ("悦颜美容这家店关了，充值的八千块说转到别的门店用，离我家四十公里", L),
            ("{brand}闭店后说会员可以去另一家店，可那家店也在搬，钱什么时候退", M),
        ],
    ),
    (
        "transfer_fee",
        "contract_pricing",
        "negative",
        [
            ("{brand}的年卡转给朋友要收{money}转卡费，比剩下的卡还贵", L),
            ("想把{brand}的私教课转出去，店里说转让费是课时费的百分之二十", L),
            ("{brand}转卡还要新会员再交一笔入会费，这不就是变相不让转", L),
        ],
        [
            ("搬家了想把{brand}的卡转人，前台说转卡费一千起步", L),
            ("悦颜美容的储值卡转给我妈用都要收手续费，一家人也不行", L),
        ],
    ),
    (
        "auto_renew",
        "privacy_fraud",
        "negative",
        [
            ("{brand}的月卡到期后自动续费扣了我{money}，我根本不记得开通过", L),
            ("没用{brand}好几个月了，银行卡每个月还在被扣款，原来是默认开了自动续费", M),
            ("{brand}小程序买课时偷偷勾选了连续包月，找半天都找不到取消的地方", L),
        ],
        [
            ("支付宝账单里发现{brand}每月自动扣款，没有任何提醒", L),
            ("{brand}没经过我同意就从卡里扣了续费，打电话说是系统默认的", M),
        ],
    ),
    (
        "clause",
        "contract_pricing",
        "negative",
        [
            ("{brand}的合同写着最终解释权归本公司所有，办卡时根本没人提", L),
            ("办卡时说送三个月，合同上写的是赠送期不计入，{brand}耍文字游戏", L),
            ("{brand}会员协议写着一经售出不退不换，这是霸王条款吧", L),
        ],
        [
            ("办卡时销售承诺免费私教两节，去了说活动已经结束", L),
            ("悦颜美容的项目价目表写{money}，做完结账多了三项附加费", L),
            ("{brand}的卡过期作废，剩下的天数一天都不补，这条款合理吗", L),
        ],
    ),
    (
        "coach_left",
        "contract_pricing",
        "negative",
        [
            ("买私教课就是冲着那个教练去的，结果他离职了，{brand}随便给我换了个新手", L),
            ("{brand}{model}的私教一个月换了三个，每个人的训练计划都不一样", L),
            ("团课老师走了以后{brand}的课表缩水一半，年卡还是原价", L),
        ],
        [
            ("教练跳槽去了{rival}，我在{brand}剩下的三十节课没人上了", L),
            ("{brand}说好的金牌教练，上了两节就变成实习教练带课", L),
        ],
    ),
    (
        "equipment",
        "product_quality",
        "negative",
        [
            ("{brand}{model}的跑步机一半坏了，贴着维修中的牌子贴了{days}", L),
            ("{brand}的龙门架钢丝绳都起毛了，还在用，看着就吓人", L),
            ("动感单车的踏板松了，{brand}报修了好几次没人修", L),
        ],
        [
            ("{brand}{model}的空调坏了，夏天练一会就闷得喘不上气", L),
            ("{brand}的史密斯架卡扣坏了，练深蹲差点卡住", L),
        ],
    ),
    (
        "hygiene",
        "product_quality",
        "negative",
        [
            ("{brand}{model}的淋浴间地上全是头发，下水道堵着，水都漫出来了", L),
            ("{brand}更衣室一股霉味，柜子里还有别人留下的臭袜子", L),
            ("{brand}的瑜伽垫从来不消毒，黑乎乎的一层汗渍", L),
        ],
        [
            ("{brand}的毛巾发黄还有味道，真不知道洗没洗", L),
            ("{brand}{model}的热水时有时无，冬天洗澡洗到一半变成冷水", L),
        ],
    ),
    (
        "crowding",
        "product_quality",
        "negative",
        [
            ("晚上七点的{brand}{model}人挤人，一个卧推凳要排半小时", L),
            ("{brand}团课约不上，一开放预约三秒就满", L),
        ],
        [
            ("{brand}办卡的人太多了，下班去连个储物柜都没有", L),
            ("周末{brand}的跑步机全满，等了四十分钟只能回家", L),
        ],
    ),
    (
        "beauty_harm",
        "food_safety_health",
        "negative",
        [
            ("在悦颜美容做了果酸焕肤，第二天整张脸红肿脱皮，去医院说是化学烧伤", H),
            ("悦颜美容的美容师给我做脱毛，仪器温度太高，腿上烫出了好几个水泡", H),
            ("做完悦颜的补水针脸上起了一片红疹，又痒又肿，店里说是正常反应", H),
        ],
        [
            ("悦颜美容的光子嫩肤做完脸上留下几块色斑，皮肤科医生说是灼伤", H),
            ("在悦颜美容用了他们推荐的精华，过敏到眼睛都肿得睁不开", H),
        ],
    ),
    (
        "injury",
        "food_safety_health",
        "negative",
        [
            ("{brand}的私教让我第一节课就做大重量深蹲，腰扭伤了躺了一周", H),
            ("在{brand}上课教练一直加量，练完横纹肌溶解住院了", H),
            ("{brand}{model}的哑铃从架子上掉下来砸到脚，骨裂了店里只说注意安全", H),
        ],
        [
            ("{brand}的教练压腿的时候用力太猛，我的韧带拉伤了，医生说要养三个月", H),
            ("{brand}泳池边地滑没有防滑垫，我摔了一跤后脑勺缝了四针", H),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            ("刚在{brand}留了手机号做体测，第二天就接到三个美容院的推销电话", L),
            ("{brand}的会员信息是不是被卖了，别家健身房打电话能说出我的名字和办卡时间", M),
            ("悦颜美容把我做项目前后的照片发到朋友圈做广告，没经过我同意", M),
        ],
        [
            ("退了{brand}的卡以后天天有人打电话推销私教和减肥产品", L),
            ("{brand}前台把会员登记表随便放在台面上，身份证号和电话谁都能看", M),
        ],
    ),
    (
        "rude",
        "service_attitude",
        "negative",
        [
            ("问{brand}前台一句淋浴间什么时候修，她翻个白眼说不知道", L),
            ("{brand}{model}的店长说我事多，嫌麻烦别来练", L),
            ("在{brand}投诉了三次没人理，打{hotline}一直说会反馈", L),
        ],
        [
            ("{brand}的教练看我不买私教，教动作都爱答不理", L),
            ("悦颜美容的店员听说我不办卡，说话立马阴阳怪气", L),
            ("{brand}客服对退卡的人态度极差，直接挂电话", L),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 7,
    "chatter": 12,
    "checkin": 7,
    "competitor": 3,
    "promo": 6,
    "news": 3,
    "refund": 9,
    "hard_sell": 7,
    "closure": 4,
    "transfer_fee": 4,
    "auto_renew": 4,
    "clause": 5,
    "coach_left": 4,
    "equipment": 5,
    "hygiene": 5,
    "crowding": 3,
    "beauty_harm": 3,
    "injury": 2,
    "privacy": 3,
    "rude": 5,
}
COMPLAINT_KINDS = {
    "refund", "hard_sell", "closure", "transfer_fee", "auto_renew", "clause", "coach_left",
    "equipment", "hygiene", "crowding", "beauty_harm", "injury", "privacy", "rude",
}  # fmt: skip
OPENINGS = openings("姐妹们，", "【健身】", "问一下，")
CLOSINGS = closings("～", "。#健身打卡#", "💪")
COMPLAINT_TITLES = {
    "refund": "会员卡私教课拒绝退费",
    "hard_sell": "强制推销私教办卡",
    "closure": "门店闭店余额不退",
    "transfer_fee": "转卡收取高额转卡费",
    "auto_renew": "未经同意自动续费扣款",
    "clause": "霸王条款办卡承诺不兑现",
    "coach_left": "教练离职课程无人上",
    "equipment": "器械损坏长期不修",
    "hygiene": "淋浴间更衣室卫生差",
    "crowding": "门店拥挤团课约不上",
    "beauty_harm": "美容项目致过敏烫伤",
    "injury": "私教训练致伤",
    "privacy": "会员信息泄露推销电话",
    "rude": "员工态度恶劣",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，给您带来不好的体验非常抱歉，请私信您的会员手机号和门店，我们马上为您核实。",
    "您好，已将您的反馈转给{model}店长，门店会在24小时内联系您处理。",
    "您好，您反馈的情况已登记，区域负责人正在核实，处理结果会第一时间告知您。",
    "感谢您的反馈，也欢迎拨打会员服务热线{hotline}随时联系我们。",
]
