"""The texts of the airline's review week (bench/airline_week.py; not shipped), written for it
before any classifier output was read.

Each everyday kind has the category and sentiment an airline's PR manager would give it and two
lists of templates, each a (text, urgency level) pair: a *dev* list that may be studied and
tuned on, and a *test* list that is only scored. Slots: {brand} {official} {flight} {route}
{city} {airport} {days} {money} {hours}. The day-3 crisis texts are at the end, split the same way.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, Voice, closings, openings

BRAND = "东方之翼"
OFFICIAL = "东方之翼航空"
RIVAL = "云海航空"
FLIGHTS = ["DW8853", "DW5127", "DW3306", "DW6619", "DW1208", "DW7742"]
ROUTES = ["广州飞成都", "上海飞昆明", "北京飞深圳", "杭州飞西安", "成都飞三亚", "武汉飞大连"]
CITIES = ["广州", "成都", "杭州", "昆明", "武汉", "西安", "深圳", "上海", "大连", "三亚"]
AIRPORTS = ["白云机场", "天府机场", "萧山机场", "长水机场", "天河机场", "咸阳机场", "宝安机场"]
DAYS = ["三天", "一周", "十天", "半个月", "二十多天", "一个多月"]
MONEY = ["300", "480", "860", "1200", "2000"]
HOURS = ["两个小时", "三个多小时", "四个小时", "五个小时", "六个小时"]


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("坐了{brand}{route}，空姐特别温柔，看我带娃还主动帮忙放行李，给个好评", L),
            ("{brand}的餐食这次有惊喜，牛肉饭热乎乎的，还有酸奶，比上次好多了", L),
            ("{flight}提前二十分钟落地，机长广播也很幽默，{brand}这趟体验满分", L),
            ("攒了两年{brand}里程，终于换了一张免费机票，值了", L),
            ("{brand}的值机柜台阿姨太好了，我证件差点过期，她帮我一路加急办完", L),
        ],
        [
            ("{brand}新飞机座椅间距挺大，一米八的个子腿也不憋屈，舒服", L),
            ("第一次坐{brand}公务舱，地服全程引导，贵宾室吃得也不错，推荐", L),
            ("{airport}转机时间很紧，{brand}地服直接开车把我送到下一个登机口，太感动了", L),
            ("{brand}的机组把我落在座位上的耳机追到行李转盘还给我，细节满分", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("请问{brand}经济舱免费托运行李额是多少公斤？第一次坐", L),
            ("{brand}的网上值机一般提前多久开放？想选个靠窗的座位", L),
            ("{brand}里程快过期了，大家一般换什么比较划算", L),
            ("有人坐过{brand}{route}吗，早班机一般准点吗", L),
            ("{brand}金卡会员能带一个人进贵宾室吗", L),
            ("带宠物坐{brand}需要提前申请吗，托运流程是怎样的", L),
            ("{brand}的选座要付费吗？APP上有些座位显示要加钱", L),
        ],
        [
            ("{brand}可以带充电宝上飞机吗，两万毫安的行不行", L),
            ("下周坐{brand}{route}，{airport}几号航站楼值机，有知道的吗", L),
            ("{brand}的学生票怎么买，需要上传学生证吗", L),
            ("{brand}婴儿票要提前多久订，可以带婴儿车上机吗", L),
            ("{brand}APP积分和里程是一回事吗，有没有懂的", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("纠结一下，{route}坐{brand}还是{rival}，时间差不多，价格{brand}便宜一百", L),
            ("{rival}和{brand}的里程能互相兑换吗，两家我都有卡", L),
            ("今天{rival}那边延误了一片，{brand}的航班倒是准点走了", L),
        ],
        [
            ("{rival}开了{route}的新航线，跟{brand}抢客了，票价会不会降", L),
            ("{brand}和{rival}哪家经济舱餐食好一点，有常坐的吗", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}会员日】{route}特价机票{money}元起，限时三天，APP下单再送里程", L),
            ("{brand}冬季航季新开{city}直飞航线，首航特惠，详情见官方APP", L),
            ("{brand}联名信用卡开卡即送五千里程，消费还可以累积", L),
        ],
        [
            ("{brand}推出寒假学生特惠，{route}单程{money}元起，可免费改期一次", L),
            ("{brand}年末大促：购买往返机票赠送{city}机场贵宾室体验券", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}航空公布11月运营数据，旅客运输量同比增长12%，客座率83%", L),
            ("{brand}航空新引进的两架宽体客机本周抵达{city}，将投入国际航线", L),
            ("{brand}航空宣布明年起在{airport}开通自助行李托运", L),
        ],
        [
            ("{brand}航空与{city}机场签署战略合作协议，计划新增十条航线", L),
            ("{brand}航空冬春航季航班计划出炉，每周执飞航班超过四千班", L),
        ],
    ),
    (
        "delay",
        "delivery_logistics",
        "negative",
        [
            ("{brand}{flight}延误了{hours}，一个通知都没有，登机口的屏幕一直显示正常", M),
            ("又是{brand}，{route}晚点{hours}，问地服就说等通知，连个具体时间都给不出来", L),
            ("{brand}{flight}登机后在飞机上干坐了两小时才起飞，广播说流量控制，会议全耽误了", L),
            ("坐{brand}三次延误三次，{route}这条线就没准点过，以后再也不选了", L),
            ("{brand}{flight}延误到半夜，说好的酒店安排也没有，一群人在{airport}打地铺", M),
        ],
        [
            ("{brand}{flight}晚点{hours}，APP上一直显示准点，短信也没发，白白在机场等", L),
            ("{brand}延误了也不说原因，问就是天气，别家航班都正常起飞了", L),
            ("{brand}{route}延误{hours}，转机直接赶不上了，地服说不管联程", M),
            ("带着老人坐{brand}，{flight}一延再延，到现在还没登机，老人累得不行", L),
        ],
    ),
    (
        "cancel",
        "delivery_logistics",
        "negative",
        [
            ("{brand}{flight}起飞前一小时突然取消，改签到明天下午，我的行程全乱了", L),
            ("{brand}航班取消只发了一条短信，凌晨两点发的，到了机场才知道", M),
            ("{brand}{route}取消了，给改的航班晚了八个小时，还说这是最早的", L),
        ],
        [
            ("{brand}单方面取消我的航班，改到第二天也不提供住宿，自己花钱住的酒店", M),
            ("{brand}{flight}合并航班，直接取消了，客服电话打了半天打不进去", L),
        ],
    ),
    (
        "fees",
        "contract_pricing",
        "negative",
        [
            ("{brand}退票手续费收了{money}，票价才一千出头，起飞前十天退的，这也太黑了", L),
            ("买了{brand}特价票想改签，改签费加差价比重新买还贵，退改签规则也没提前说清楚", L),
            ("{brand}官网买票时选座显示免费，付完款又让补选座费，这不是隐形收费吗", L),
            ("{brand}行李超重一公斤收了{money}，比机票还贵", L),
            ("因为航班时间调整想退票，{brand}还是照收全额退票费，明明是你们改的时间", M),
        ],
        [
            ("{brand}机票里捆绑了一份航空意外险，付款时没注意，退票的时候才发现，要求退还", L),
            ("{brand}的退改签规则看不懂，同一个舱位两次退票收费不一样", L),
            ("{brand}的燃油附加费怎么比别家高这么多，票价低都是假象", L),
            ("生病了退{brand}的票，医院证明都有，还是扣了{money}元手续费", L),
        ],
    ),
    (
        "overbook",
        "contract_pricing",
        "negative",
        [
            ("{brand}超售，我买了票值机时说没座位了，让我坐晚上那班，补偿两百块打发", M),
            ("提前一个月订的{brand}{flight}，到机场被告知超售，家里有急事都没用", M),
        ],
        [
            ("{brand}又超售了，十几个人在登机口被拒载，地服一句对不起就完了", M),
            ("买了{brand}的票结果超售被拉下飞机，这种卖出去的座位不给坐算什么", L),
        ],
    ),
    (
        "luggage",
        "delivery_logistics",
        "negative",
        [
            ("坐{brand}{route}，托运的行李箱没到，{days}了还在查，里面有我上班要用的电脑", M),
            ("{brand}把我的行李箱摔坏了，轮子掉了一个，拉杆也弯了，到{airport}一拿出来就这样", L),
            ("{brand}{flight}落地等了一个小时行李，最后告诉我行李没装上飞机，要明天再送", L),
            ("托运的箱子被{brand}弄丢了，登记了{days}，每次打电话都说还在找", M),
        ],
        [
            ("{brand}托运行李到了目的地少了一个，行李牌还在我手上，行李却找不到了", L),
            ("坐{brand}回{city}，行李箱外壳裂了一道大口子，里面的东西都压坏了", L),
            ("{brand}把我的行李运到了别的城市，{days}后才送回来，这期间只能买衣服穿", L),
        ],
    ),
    (
        "refund",
        "after_sales_refund",
        "negative",
        [
            ("{brand}航班取消后申请了全额退款，{days}了钱还没到账，客服只会说在处理", M),
            ("{brand}行李损坏申请赔偿，材料交了{days}，最后说只能赔{money}，箱子三千多买的", L),
            ("{brand}退票款一直不到账，打了五次客服，每次都让我再等等", M),
            ("{brand}说延误补偿会打到卡里，等了{days}一分钱没见到", L),
        ],
        [
            ("{brand}非自愿退票说好全额退，结果到账少了{money}，问了也没人解释", L),
            ("找{brand}申请行李丢失赔偿，被要求提供购物发票，谁出门带着发票啊，拒绝赔偿", L),
            ("{brand}的退款流程走了{days}，APP上一直显示审核中", L),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("{brand}的空乘态度太差了，我就问了一句能不能换个座位，她白眼一翻说没有", L),
            ("{brand}地服态度恶劣，航班延误大家去问情况，她说有本事你去投诉啊", M),
            ("{brand}客服电话打了一个小时才接通，接通了一问三不知，还直接挂我电话", L),
            ("在{brand}飞机上按了三次呼叫铃没人理，空乘在后面聊天", L),
        ],
        [
            ("{brand}的乘务长对老人大声呵斥，就因为行李放得慢了一点，太没素质了", L),
            ("{brand}值机柜台的工作人员爱答不理，问三遍才抬头看我一眼", L),
            ("{brand}客服推来推去，机场说找客服，客服说找机场，没有人管", L),
        ],
    ),
    (
        "cabin",
        "product_quality",
        "negative",
        [
            ("{brand}{flight}的座椅靠背坏了，一直往后倒，飞了三个小时腰都断了", L),
            ("{brand}飞机上空调不制冷，闷得透不过气，机舱里又热又臭", L),
            ("{brand}这架飞机的娱乐屏全是坏的，耳机孔也没声音", L),
        ],
        [
            ("{brand}{flight}的洗手间堵了，整个后舱都是味道，飞了四个小时", L),
            ("{brand}座位上的小桌板是坏的，放不平，吃饭只能端在手上", L),
        ],
    ),
    (
        "meal",
        "food_safety_health",
        "negative",
        [
            ("{brand}飞机餐里吃出一根头发，空乘说给我换一份就完了", M),
            ("坐{brand}吃了飞机上的鸡肉饭，下飞机就上吐下泻，怀疑食物中毒", H),
        ],
        [
            ("{brand}的机上餐食有异味，面包都发霉了，还好我没吃", M),
            ("{brand}飞机上的热水把孩子烫伤了，空乘倒水的时候手一抖洒在孩子腿上", H),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            (
                "刚订完{brand}的机票就收到诈骗短信，说航班取消要退款，连航班号和姓名都对得上，信息是怎么泄露的",
                M,
            ),
            (
                "接到自称{brand}客服的电话，说航班延误要赔偿，让我开通备用金，差点被骗，我的订票信息谁泄露的",
                M,
            ),
        ],
        [
            ("买了{brand}机票第二天就有人打电话报出我的航班信息，说改签要交费，这就是信息泄露", M),
            ("{brand}的会员账户被盗，里程被人兑换走了，我根本没收到验证码", M),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 11,
    "chatter": 18,
    "competitor": 5,
    "promo": 6,
    "news": 4,
    "delay": 14,
    "cancel": 5,
    "fees": 9,
    "overbook": 3,
    "luggage": 7,
    "refund": 7,
    "attitude": 6,
    "cabin": 3,
    "meal": 1,
    "privacy": 2,
}
COMPLAINT_KINDS = set(KIND_WEIGHTS) - {"praise", "chatter", "competitor", "promo", "news"}
OPENINGS = openings("【出行】", "问一下，")
CLOSINGS = closings("～", "。#旅行#")
COMPLAINT_TITLES = {
    "delay": "航班延误无通知",
    "cancel": "航班取消未妥善安排",
    "fees": "退改签收费不合理",
    "overbook": "航班超售拒载",
    "luggage": "托运行李丢失/损坏",
    "refund": "退款/赔偿迟迟不到账",
    "attitude": "工作人员服务态度差",
    "cabin": "机上设施损坏",
    "meal": "机上餐食问题",
    "privacy": "订票信息泄露",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，非常抱歉给您的出行带来不便，请私信您的航班号和联系方式，我们会尽快核实处理。",
    "您好，关于行李延误的情况，我们已联系{airport}行李查询部门，核实后会第一时间与您联系。",
    "抱歉让您久等了，退款已在加急处理中，一般7个工作日内原路退回，请留意。",
    "感谢您的反馈，您提到的服务问题我们已转交相关部门调查，会给您一个答复。",
]

# Day 3 (Wednesday) 13:10: {flight} held on the tarmac for five hours. The seed (a passenger's
# video), other passengers, a travel blogger, the brand's first statement (weather, 不可抗力),
# a media report, the apology with compensation the next morning. Each voice has its own truth.
CRISIS_FLIGHT = "DW8853"
INCIDENT_SEED = (
    "【视频】{brand}DW8853昆明飞广州，我们在飞机上被关了五个小时！不让下飞机，空调不开，"
    "只发了一瓶水，后排一位七十多岁的老人晕倒了，叫了120才抬下去。问乘务员什么时候起飞，"
    "她说不想坐可以自己下去。@{official} 你们就是这样对待乘客的？#东方之翼机上滞留5小时#"
)
INCIDENT_VOICES_DEV: list[Voice] = [
    (
        "我也在DW8853上，五个小时没人解释，孩子哭了一路，这就是{brand}的服务"
        " #东方之翼机上滞留5小时#",
        "delivery_logistics",
        M,
    ),
    (
        "看了视频太气人了，{brand}把乘客关在飞机上五个小时，连水都不给，老人都晕倒了",
        "food_safety_health",
        H,
    ),
    (
        "DW8853的乘客建了维权群，要求{brand}公开道歉并赔偿，不止我们一班被这样对待",
        "delivery_logistics",
        H,
    ),
    ("乘务员那句不想坐可以自己下去太伤人了，{brand}必须处理这个乘务员", "service_attitude", M),
    (
        "已经打12326民航服务质量投诉电话了，{brand}机上滞留五个小时不让下机，违反规定",
        "delivery_logistics",
        H,
    ),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    (
        "同一天坐{brand}从昆明飞的，也在飞机上等了三个多小时，全程一句解释都没有",
        "delivery_logistics",
        M,
    ),
    ("晕倒的老人现在怎么样了？{brand}五个小时不开舱门，出了人命谁负责", "food_safety_health", H),
    ("{brand}的乘务员态度太嚣张了，乘客问一句就怼回去，还说不想坐就下去", "service_attitude", M),
    (
        "准备向民航局投诉{brand}，机上延误超过三小时就应该让旅客下机，这是规定"
        " #东方之翼机上滞留5小时#",
        "delivery_logistics",
        H,
    ),
]
INCIDENT_COMPLAINTS = [
    (
        "{brand}DW8853机上滞留五小时不让下机，机上老人晕倒送医，要求赔偿并道歉",
        "food_safety_health",
        H,
    ),
    (
        "{brand}航班长时间机上延误，机组未提供餐饮且态度恶劣，要求按规定赔偿",
        "delivery_logistics",
        M,
    ),
]
BLOGGER_POST = (
    "DW8853的视频我看完了，五个小时关在机舱里，不开空调，老人晕倒才叫120。"
    "按民航局的规定，机上延误超过三小时就应该安排旅客下机。{brand}到现在一句话都没有，"
    "这就是你们的服务？#东方之翼机上滞留5小时#"
)
FIRST_STATEMENT = (
    "关于DW8853航班延误的情况说明：11月25日DW8853昆明至广州航班因目的地天气及空中流量控制原因延误，"
    "属于不可抗力。机组在等待期间为旅客提供了饮用水，并第一时间协助一位身体不适的旅客就医。"
    "感谢广大旅客的理解与支持。"
)
MEDIA_POST = (
    "【东方之翼航班机上滞留5小时 七旬老人晕倒送医】11月25日，东方之翼航空DW8853航班旅客在机上"
    "等待近五个小时，其间空调未开启，一名老人晕倒后被送医。多名旅客称机组态度冷漠。"
    "记者就此联系东方之翼航空，对方称系天气原因。#东方之翼机上滞留5小时#"
)
AFTER_STATEMENT = [
    "{brand}这声明是在搞笑吗？别家航班都飞了就你们流控？还感谢理解，谁理解你们了",
    "不可抗力就能把人关五个小时不开空调？{brand}连一句道歉都没有",
    "{brand}的声明一个字都没提乘务员的态度，甩锅天气太恶心了",
]
APOLOGY = (
    "致DW8853航班旅客的道歉信：经调查，11月25日DW8853航班机上等待期间，我司未按规定及时安排旅客下机，"
    "客舱空调未正常开启，乘务员言语不当，给旅客造成了极大的不便和伤害。我们诚恳致歉。"
    "涉事乘务员已停飞接受调查，我们将主动联系每一位旅客进行补偿，并承担老人的全部医疗费用。"
)
