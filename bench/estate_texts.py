"""The everyday texts of the property developer's review week (bench/estate_week.py; not shipped),
written for it before any classifier output was read.

Each everyday kind has the category and sentiment a property developer's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official} {rival}
{model} (a project, 楼盘) {city} {money} {days} {hotline}. The crisis texts are in
bench/estate_crisis.py.

How the categories read for a developer and its 物业 (楼盘 业主 交房 物业 开发商; DOMAIN.md): a
handover later than the purchase contract's date (交房延期, 逾期交房, 违约金 not paid) is
购销合同/价格 — no goods travel, the contract's promise is broken (DOMAIN.md: contract terms), so it
is not 货物运输/物流; a sales office's promise the house does not keep (学区, 地铁, 绿化, 赠送面积:
虚假宣传, 货不对板), 物业费 raised, 停车费 and fees nobody agreed to (乱收费) are 购销合同/价格; a
leaking, cracking, hollow (空鼓) house or a fit-out cheaper than shown (精装缩水: 材料 worse, 做工
差) is 商品质量; 物业 staff who are rude, guards and cleaners who do nothing, a 物业 that passes
owners around is 服务态度; repairs pushed between the developer and the 物业 (维修推诿, 保修) and a
定金 or 退房 refused are 售后/退换货; owners' numbers sold to agents and decorators (骚扰电话) is
隐私/欺诈; a lift that traps people, things falling from height, blocked fire lanes and
formaldehyde (甲醛) in a fit-out are 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "安居"
OFFICIAL = "安居地产"
RIVAL = "华府置业"
MODELS = ["安居·翡翠湾", "安居·云樾府", "安居·滨江壹号", "安居·学府里", "安居·春风里"]
CITIES = ["杭州", "成都", "武汉", "郑州", "西安", "长沙", "合肥", "南京", "重庆", "佛山"]
MONEY = ["5000", "1万", "2万", "3万", "5万", "8000"]
DAYS = ["两个月", "三个月", "半年", "八个月", "十个月", "一年"]
HOTLINE = "400-655-3232"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{model}今天交房，按时交的，验房师说做工在这个价位算很好了👍", L),
            ("住进{brand}的小区一年了，物业管家回消息很快，快递都帮忙放门口", L),
            ("暴雨那晚{brand}物业的保安大哥一个个车库去挪车，太辛苦了，给他们点赞", L),
            ("{model}的园林是真的漂亮，晚上散步像在公园里，当初买对了", L),
            ("家里水管半夜爆了，打了{brand}物业电话二十分钟就有师傅上门，感动", L),
        ],
        [
            ("{brand}物业每年都组织业主的中秋活动，孩子们玩得很开心", L),
            ("收房那天{brand}的工作人员陪我们一间一间验，问题当场登记，很专业", L),
            ("在{city}看了一圈，{model}的户型得房率最高，住进来很满意", L),
            ("小区保洁阿姨每天把楼道擦得锃亮，{brand}物业这点真的没话说", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("{model}的一百二十平户型和九十八平户型怎么选，三口之家", L),
            ("请问{model}对口的是哪个小学，有买了的业主知道吗", L),
            ("{city}首套房贷款利率现在多少，{brand}合作的是哪几家银行", L),
            ("{model}公积金贷款能用吗，组合贷要多久放款", L),
            ("有{model}的业主吗，想问下一楼带花园的那种潮不潮", L),
            ("{brand}的房子交房后多久能拿到房产证", L),
        ],
        [
            ("{model}的物业费一平米多少钱，车位是卖还是租", L),
            ("在{city}买房，{model}和周边的二手房哪个更值", L),
            ("{model}离地铁站步行多久，有没有去实地走过的", L),
            ("首付三成的话{model}最小户型每月月供大概多少", L),
            ("{model}的精装交付标准是什么，厨房带不带电器", L),
        ],
    ),
    (
        "owner_talk",
        "other",
        "neutral",
        [
            ("{model}的业主们，装修公司大家找的哪家，互相推荐一下", L),
            ("收房验房清单整理好了，{model}的邻居们需要的私信我", L),
            ("{model}的业主群今晚团购窗帘，有要的报名", L),
            ("分享一下我家{model}的装修进度，水电已经做完了", L),
        ],
        [
            ("{model}三期的邻居们，下周六一起去看样板间吗", L),
            ("刚在{model}收房，分享一下我家一百平的软装搭配", L),
            ("{model}有养狗的邻居吗，想约着一起遛狗", L),
        ],
    ),
    (
        "review",
        "other",
        "neutral",
        [
            ("【探盘】{city}{model}实地看房笔记：户型、采光、周边配套都拍了", L),
            ("{city}十个新盘横评，{brand}和{rival}的楼盘各有什么优缺点", L),
            ("整理了一份买新房避坑指南：看五证、查备案价、验房要带什么工具", L),
        ],
        [
            ("周末去看了{model}的样板间，记录一下真实感受和价格", L),
            ("{city}刚需盘盘点：{model}总价最低，但离市区远一点", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}在{city}的两个盘离得很近，纠结选哪个", L),
            ("{rival}的物业口碑比{brand}好一点吗，有住过的说说", L),
            ("{rival}也在{city}拿了地，明年和{brand}正面竞争了", L),
        ],
        [
            ("{rival}的精装标准和{brand}差不多，价格便宜一千", L),
            ("看了{brand}又看了{rival}，两家的户型几乎一样", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{model}】年底冲刺，特价房二十套，首付分期，详询{hotline}", L),
            ("{brand}会员节：老带新成交送两年物业费", L),
            ("{model}样板间今日开放，到访即送精美礼品，周末还有暖场活动", L),
        ],
        [
            ("{model}新推楼栋，一口价房源限时认购，首付低至十万", L),
            ("{brand}{city}品牌日：指定房源享九五折，认筹即抵五万", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}地产公布前十一月销售额，同比增长百分之十二", L),
            ("{brand}地产以二十三亿元在{city}拿下一宗住宅用地", L),
            ("{brand}地产发布年度交付计划，全年交付三万套", L),
        ],
        [
            ("{brand}地产旗下物业公司在香港递交上市申请", L),
            ("{city}十一月新房成交榜出炉，{brand}排名第五", L),
        ],
    ),
    (
        "handover",
        "contract_pricing",
        "negative",
        [
            ("{model}合同写的六月交房，现在十一月了还在刷外墙，{brand}一句延期就完了", L),
            ("逾期交房{days}，{brand}的违约金一分没给，问就是在走流程", L),
            ("{brand}说好的年底交房又延期了，我们租房还房贷两头压着，受不了", M),
            ("买了{model}三年了还没交房，售楼处现在电话都打不通", M),
        ],
        [
            ("{brand}让我们签延期交房补充协议，不签就不给交房，这是什么道理", L),
            ("{model}逾期{days}才交房，按合同每天万分之一的违约金，开发商说要抵物业费", L),
            ("{brand}{model}又发通知推迟交付，业主们已经在准备一起维权了", M),
        ],
    ),
    (
        "quality",
        "product_quality",
        "negative",
        [
            ("{model}刚收房，卫生间天花板就在滴水，楼上还没人住呢", L),
            ("收房一敲墙，客厅一半都是空鼓，墙角还有裂缝，{brand}的房子就这质量", L),
            ("{brand}的精装缩水太严重了，样板间是实木地板，交房变成了复合地板，橱柜一碰就晃", L),
            ("住进{model}第一个雨季，窗台渗水，墙皮全泡起来了", L),
            ("{model}的外墙瓷砖已经掉了好几块，才交房两年", M),
        ],
        [
            ("{brand}交的房，地面不平，门关不上，窗户缝能塞进一根手指", L),
            ("{model}的地下车库一下雨就漏水，墙上全是水印", L),
            ("精装房的瓷砖一踩就响，{brand}用的全是最便宜的材料", L),
        ],
    ),
    (
        "false_ad",
        "contract_pricing",
        "negative",
        [
            ("买{model}的时候销售说对口重点小学，交房了才知道根本不在学区里", L),
            ("{brand}宣传页上写的地铁站到现在连规划都没有，全是骗人的", L),
            ("样板间里送的阳台，交房变成了公摊面积，{brand}的销售当初拍着胸脯保证的", L),
            ("{model}说好的小区中心花园，现在盖成了一栋商业楼", L),
        ],
        [
            ("售楼处说{model}旁边要建三甲医院，买了三年那块地还是荒的", L),
            ("{brand}承诺的人车分流，交房一看车道从楼下穿过去", L),
            ("销售说送的车位，签合同的时候变成了要另外花{money}买", L),
        ],
    ),
    (
        "fees",
        "contract_pricing",
        "negative",
        [
            ("{brand}物业费从两块八涨到三块五，业主大会都没开就直接涨了", L),
            ("{model}的停车费一个月五百，比隔壁小区贵一倍，还不让外面的车进来", L),
            ("装修要交{money}的装修押金和垃圾清运费，{brand}物业这是乱收费吧", L),
            ("还没收房就让先交一年物业费，不交不给钥匙", L),
        ],
        [
            ("{model}的公共收益从来不公示，电梯广告费去哪了", L),
            ("{brand}物业开门要收什么门禁卡工本费，一张两百", L),
            ("车位只租不售，{brand}每年涨一次租金，业主只能认", L),
        ],
    ),
    (
        "property_service",
        "service_attitude",
        "negative",
        [
            ("{brand}物业的保安天天在岗亭里玩手机，外卖员随便进出，啥也不管", L),
            ("楼道垃圾堆了三天没人收，找{brand}物业，客服说保洁人手不够", L),
            ("跟{brand}物业反映楼上噪音，管家说这是邻里纠纷他们管不了", L),
            ("给{brand}物业打电话{hotline}打了五次，每次都说记下了，从来没人来", L),
            ("{model}的物业经理态度太差了，业主提意见他直接说不满意可以搬走", L),
        ],
        [
            ("{brand}物业的绿化半年没修剪了，草长得比人高，物业费照收", L),
            ("晚上小区路灯坏了一片，报给{brand}物业一个月了没人修也没人回", L),
            ("{model}的保洁阿姨直接把垃圾扫到楼梯间角落，物业说会整改，然后就没了", L),
        ],
    ),
    (
        "repair",
        "after_sales_refund",
        "negative",
        [
            ("家里漏水报修{days}了，{brand}物业说是开发商的问题，开发商说找物业，就这么踢皮球", L),
            ("{model}还在保修期，墙面开裂报了维修，{brand}的维修师傅来看了一眼就再没出现", L),
            ("{brand}的保修说好两年，第十三个月就说防水不在保修范围了", L),
            ("报修单都填了三张了，{brand}客服每次都说已经派单，师傅一次没来", L),
        ],
        [
            ("卫生间渗水到楼下，{brand}维修部说要等工程部评估，评估了{days}了还没修", L),
            ("{brand}答应把空鼓的墙重新做，修了一次更难看，再报修就说已经修过了", L),
            ("{model}的地暖坏了，物业说过了保修期要自己出钱，可交房才一年", L),
        ],
    ),
    (
        "refund",
        "after_sales_refund",
        "negative",
        [
            ("在{model}交了{money}的定金，贷款没批下来，{brand}说定金不退", L),
            ("认筹的时候说随时可以退，现在要退认筹金{brand}拖了{days}了", L),
            ("{model}延期交房两年，业主申请退房，{brand}说可以退但要扣百分之二十", L),
        ],
        [
            ("签约前反悔了，{brand}扣着我{money}的诚意金不退，说是规定", L),
            ("退房申请交上去{days}了，{brand}财务说没有钱，让我等", L),
            ("{brand}答应退的装修款只退了一半，剩下的说要抵物业费", L),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            ("刚在{model}收房，第二天就接到十几个装修公司的电话，连我家门牌号都知道", M),
            ("在{brand}售楼处留了个电话，现在每天都有中介和贷款的打过来", L),
            ("有人冒充{brand}的工作人员，说退多收的契税，要我转账验证，差点被骗", H),
        ],
        [
            ("{model}的业主名单和电话被卖了，整栋楼都在接装修推销电话", M),
            ("去{brand}售楼处看了一次房，身份证信息就被拿去办了别的东西", M),
            ("{brand}物业把业主的车牌和手机号发在公开群里，谁都能看到", L),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("{model}的电梯又困人了，我老婆抱着孩子在里面关了四十分钟，物业才来", H),
            ("楼上掉下来一块窗玻璃，就砸在{model}的儿童游乐区旁边，差一点就砸到孩子", H),
            ("{model}的消防通道被物业划成了停车位，真着火了消防车根本进不来", H),
            ("{brand}精装房入住后孩子一直咳嗽，测了甲醛超标三倍", H),
        ],
        [
            ("{model}的电梯一周停了三次，今天下降的时候突然往下掉了一层，吓死人", H),
            ("小区外墙的保温层大风天往下掉，{model}楼下停的车被砸了，幸好没砸到人", H),
            ("刚交的精装房请第三方检测，卧室甲醛超标，家里还有个孕妇", H),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 7,
    "chatter": 16,
    "owner_talk": 6,
    "review": 4,
    "competitor": 4,
    "promo": 6,
    "news": 4,
    "handover": 7,
    "quality": 9,
    "false_ad": 5,
    "fees": 6,
    "property_service": 8,
    "repair": 6,
    "refund": 4,
    "privacy": 3,
    "safety": 3,
}
COMPLAINT_KINDS = {
    "handover", "quality", "false_ad", "fees", "property_service", "repair", "refund", "privacy",
    "safety",
}  # fmt: skip
OPENINGS = openings("请教一下，", "【买房】", "邻居们，")
CLOSINGS = closings("～", "。#买房#", "😂")
COMPLAINT_TITLES = {
    "handover": "逾期交房不赔违约金",
    "quality": "房屋漏水空鼓精装缩水",
    "false_ad": "虚假宣传学区地铁承诺不兑现",
    "fees": "物业乱收费停车费过高",
    "property_service": "物业服务差不作为",
    "repair": "维修推诿保修不管",
    "refund": "定金退房款不退",
    "privacy": "业主信息泄露骚扰电话",
    "safety": "电梯困人甲醛超标安全隐患",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，给您带来不便非常抱歉，请私信您的楼栋房号和联系方式，我们马上为您核实。",
    "您好，已将您的情况转给{city}项目客服中心，专员会在24小时内电话联系您。",
    "您好，您反映的问题已登记，工程人员会尽快上门查看，处理结果第一时间告知您。",
    "感谢您的反馈，我们会督促物业服务中心核实整改，也欢迎拨打{hotline}随时联系我们。",
]
