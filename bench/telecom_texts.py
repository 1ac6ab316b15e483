"""The everyday texts of the telecom operator's review week (bench/telecom_week.py; not shipped),
written for it before any classifier output was read.

Each everyday kind has the category and sentiment a telecom operator's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official}
{rival} {city} {district} {plan} {money} {days} {hotline}. The crisis texts are in
bench/telecom_crisis.py.

How the categories read for a telecom (DOMAIN.md): a charge for a service the subscriber
never ordered (莫名扣费, 被订购增值业务) is an unauthorised charge, 隐私/欺诈; a bill above
the plan, a plan changed behind the subscriber's back, 合约机 and 靠号 terms, 违约金, and
携号转网 or 销户 blocked by contract terms are 购销合同/价格; a broadband installation or a
repair that drags on and a refund that never arrives are 售后/退换货; no signal, a dead line
or a slow network is the service itself failing, 商品质量; rude 营业厅 or 客服 staff are
服务态度.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "星联"
OFFICIAL = "星联移动"
RIVAL = "远讯通信"
CITIES = ["广州", "成都", "杭州", "武汉", "西安", "深圳", "南京", "长沙", "郑州", "福州"]
DISTRICTS = ["天河区", "高新区", "滨江区", "洪山区", "雁塔区", "南山区", "江宁区", "岳麓区"]
PLANS = ["5G畅享129元套餐", "星悦199元套餐", "59元校园卡", "99元融合套餐", "39元流量王卡"]
MONEY = ["15", "30", "58", "120", "300", "680"]
DAYS = ["三天", "一周", "十天", "半个月", "二十多天", "一个多月"]
HOTLINE = "10055"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{brand}的5G在{city}地铁里测速跑到八百多兆，下载一部电影不到一分钟，爽", L),
            ("{brand}营业厅的小姐姐太耐心了，帮我爸妈把老年机换成智能机，还教会了视频通话", L),
            ("用了{brand}{plan}半年，流量根本用不完，信号也稳，推荐", L),
            ("爬山到半山腰居然还有{brand}满格信号，这基站建得可以", L),
            ("{brand}宽带师傅上门修得很快，半小时就搞定了，还帮我把路由器重新设置了一遍", L),
        ],
        [
            ("出国前打{brand}客服开国际漫游，三分钟就办好了，到了当地直接能用", L),
            ("{brand}千兆宽带打游戏延迟十几毫秒，比原来那家稳多了", L),
            ("在{brand}用了十年的号，今天营业厅主动帮我换了个更便宜的套餐，良心", L),
            ("高铁上一路刷视频没卡过，{brand}的信号覆盖确实进步了", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("{brand}的{plan}包含多少通用流量？定向流量能用在哪些APP", L),
            ("请问{brand}宽带怎么办理，{city}{district}能装千兆吗", L),
            ("{brand}的副卡每月要多少钱，能共享主卡的流量吗", L),
            ("{brand}的号码想开通eSIM给手表用，需要去营业厅吗", L),
            ("有没有人知道{brand}携号转网要准备什么材料，流程多久", L),
            ("{brand}的话费积分能换什么，快过期了", L),
            ("{brand}国际漫游一天多少钱，去日本玩一周", L),
        ],
        [
            ("{brand}的流量当月没用完能结转到下个月吗", L),
            ("想给家里老人办一张{brand}的卡，有没有月租低一点的套餐推荐", L),
            ("{brand}的5G要换卡吗，我这张卡是十年前办的", L),
            ("{brand}宽带和手机号能合在一起交费吗，怎么操作", L),
            ("{brand}APP里查不到上个月的详单，是要在哪里查", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}的宽带哪家在{city}更稳，准备搬家重新装", L),
            ("{rival}出了个一百元的套餐，流量比{brand}同价位的多十个G", L),
            ("公司的号都是{rival}的，我个人用{brand}，两家信号在写字楼里差不多", L),
        ],
        [
            ("{brand}还是{rival}，学校里哪家信号好一点？新生求问", L),
            ("{rival}的5G基站好像比{brand}少，郊区有时候只有4G", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}双十二】{plan}新用户首月免费，办理即送一百G流量，详情见{brand}APP", L),
            ("{brand}千兆宽带限时特惠，{money}元一年，老用户续约再送三个月", L),
            ("{brand}推出亲情号码包，一家人互打免费，最多可以加五个号码", L),
        ],
        [
            ("{brand}5G升级季：老用户升级套餐立减二十元一个月，连减十二个月", L),
            ("{brand}年终回馈，存一百送五十，到营业厅或APP均可参加", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}移动公布三季度业绩，5G用户突破一亿户，移动业务收入同比增长4%", L),
            ("{brand}移动在{city}新建五千个5G基站，年底前实现主城区全覆盖", L),
            ("工信部公布第三季度电信服务质量通告，{brand}移动申诉率环比下降", L),
        ],
        [
            ("{brand}移动与{city}市政府签署数字城市合作协议，推进千兆光网建设", L),
            ("{brand}移动宣布下月起在全国开通5G新通话业务，支持高清视频通话", L),
        ],
    ),
    (
        "unauthorised_charge",
        "privacy_fraud",
        "negative",
        [
            ("查了详单才发现{brand}每个月扣我{money}块的视频会员费，我从来没开通过这个业务", M),
            ("{brand}莫名其妙给我开了个彩铃，扣了半年的钱，打客服说是我自己点的，我根本没点", L),
            ("我妈的{brand}卡被扣了好几项增值业务费，老人家连这些是什么都不知道，吸费太狠了", M),
            ("{brand}乱扣费，话费里多了一项游戏包，我没有办过，要求全部退还", L),
            ("{brand}连续三个月给我扣莫名其妙的业务费，客服不给退，已经打12300投诉了", H),
        ],
        [
            ("{brand}的号每月多出十几块的什么音乐包，我压根不知道什么时候订的", L),
            ("话费突然少了{money}，一查是{brand}给我订了个流量加油包，我一条短信都没回过", L),
            ("{brand}背着我开了收费的来电提醒，扣了两年，退订还要我自己去营业厅", M),
        ],
    ),
    (
        "billing",
        "contract_pricing",
        "negative",
        [
            ("办的时候说{plan}每月就这个价，结果账单里多了好几项费用，套餐外的收费根本没讲清楚", L),
            ("{brand}流量超了一点就按天收费，一天{money}块，办套餐的时候谁也没提过", L),
            ("{brand}宽带到期自动续约还涨价了，续约前没有任何提醒", M),
            ("{brand}说好的送话费活动，到现在一分钱都没返，承诺的优惠都不兑现", L),
        ],
        [
            ("同样是{plan}，老用户比新用户贵一截，{brand}这是专坑老用户", L),
            ("{brand}的月租写的是{money}元，实际扣费每个月都多几块，问就是调整", L),
            ("{brand}宣传的不限量套餐，用到四十个G就限速，这不是虚假宣传吗", L),
            ("{brand}每月都比套餐多收钱，客服解释不清，我已经在工信部网站上申诉了", H),
        ],
    ),
    (
        "plan_change",
        "contract_pricing",
        "negative",
        [
            ("{brand}没经过我同意就把我的套餐升级成{plan}，每月多扣了{money}元", M),
            ("我一直用的十八元保号套餐，{brand}说下架了，直接给我换成了五十八的", L),
            ("营业员说帮我优惠，结果偷偷把我的套餐改成了合约套餐，两年内不能改", M),
            ("{brand}打电话说免费升级5G，我说考虑一下，第二天套餐就被变更了", L),
        ],
        [
            ("{brand}把我的老套餐强制变更了，流量少了资费还涨了，也没发短信通知", L),
            ("去营业厅只是想换张卡，出来一看套餐被改成了{plan}，当时谁也没说", L),
            ("{brand}客服说是系统自动调整的套餐，可我签的合同上不是这个价", L),
        ],
    ),
    (
        "contract",
        "contract_pricing",
        "negative",
        [
            ("当初{brand}营业厅说合约机是送的，现在才知道要靠号三年，每月最低消费{money}", M),
            ("{brand}的合约还有半年，想改个便宜套餐，说要交违约金{money}元", L),
            ("办宽带送的{brand}融合套餐，说宽带免费，结果合约期里手机套餐一直不让降档", L),
            ("{brand}的保底消费协议我签的时候没人解释，现在才知道提前解约要赔钱", L),
        ],
        [
            ("买{brand}合约机时说的是两年，合同上写的三年，这不是骗人吗", M),
            ("{brand}的靠号协议到期了还继续按保底扣钱，问了说要我自己申请解除", L),
            ("{brand}送的路由器说是免费，解约的时候要我赔三百块设备费", L),
        ],
    ),
    (
        "porting",
        "contract_pricing",
        "negative",
        [
            ("{brand}携号转网要我先把合约期的违约金交了才给授权码，这就是设卡", M),
            ("想从{brand}转出去，营业厅说我的号有优惠活动不能转，活动是他们硬塞的", L),
            ("{brand}销户必须回开户地办理，我人在外地工作，难道坐飞机回去销户吗", M),
            ("注销{brand}的号跑了三次营业厅，每次都说还有一个业务没到期不能销", M),
            ("{brand}故意拖着不给我办携号转网，已经向工信部申诉，看你们还设不设卡", H),
        ],
        [
            ("{brand}不让我携号转网，说号码绑定了宽带，要先拆宽带再说", L),
            ("申请{brand}转网查询，短信回复不具备转网条件，原因也不说", L),
            ("我只是想注销一个不用的{brand}副卡，客服让我先交三个月月租", L),
        ],
    ),
    (
        "broadband",
        "after_sales_refund",
        "negative",
        [
            ("{brand}宽带办了{days}还没人上门安装，每次催都说师傅在排期", M),
            ("{brand}宽带报修{days}了，维修师傅约了两次都没来，在家办公全靠手机热点", M),
            ("{brand}装宽带的师傅线随便一拉就走了，光猫放在地上，说好的走线根本没做", L),
            ("搬家申请{brand}宽带移机，说要等{days}，这期间的月租还照扣", L),
        ],
        [
            ("{brand}宽带坏了报修，师傅上门看了一眼说要换设备，然后就再没音讯了", L),
            ("新房装{brand}宽带，约好周六上门，等了一天没人来，电话也不接", L),
            ("{brand}宽带安装预约了{days}，到现在连个联系我的人都没有", M),
            ("{brand}宽带坏了{days}没人修，投诉了三次没用，只能打12300了", H),
        ],
    ),
    (
        "signal",
        "product_quality",
        "negative",
        [
            ("{brand}在{city}{district}的信号太差了，家里只有一格，打电话都断断续续", L),
            ("{brand}宽带晚上一到八点就断网，重启光猫也没用，一周断了四次", M),
            ("{brand}的5G标着满格，网页半天打不开，测速只有几兆", L),
            ("坐地铁{brand}的手机一直没信号，微信消息要出站才收到", L),
        ],
        [
            ("{brand}的网最近老是掉线，视频会议开到一半就卡住，被领导点名了", L),
            ("小区里{brand}的手机网络几乎用不了，邻居都说是附近基站拆了", L),
            ("{brand}宽带号称三百兆，晚上实际下载速度不到十兆，游戏延迟好几百", L),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("{brand}营业厅的工作人员一直低头玩手机，问了三遍才抬头，还嫌我问题多", L),
            ("打{brand}客服{hotline}，转人工等了四十分钟，接通后说这个问题处理不了就挂了", M),
            ("{brand}的客服一问三不知，让我找营业厅，营业厅又让我打客服，来回踢皮球", L),
            ("我爸去{brand}营业厅办业务，工作人员不耐烦地吼他，老人回来气得吃不下饭", M),
        ],
        [
            ("{brand}营业厅的人说话阴阳怪气的，我问个套餐价格被白了好几眼", L),
            ("给{brand}客服反映问题，对方直接说爱用不用，这是什么服务", L),
            ("{brand}的客服答应二十四小时内回电，三天了没人联系我", L),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            ("刚在{brand}营业厅办完宽带，第二天就接到五六个装修和贷款的推销电话，信息是谁卖的", M),
            ("{brand}每天给我打推销电话让我升级套餐，拒绝了还是打，已经严重骚扰到我了", L),
            ("有人冒充{brand}客服打电话，能说出我的身份证号和套餐，说积分要过期让我点链接", M),
        ],
        [
            ("换了{brand}的新号才一周，骚扰电话一天十几个，这号码是二手的吧还是信息被泄露了", L),
            ("{brand}的营业员拿我的身份证多办了一张卡，我根本不知道，直到收到欠费通知", H),
        ],
    ),
    (
        "refund",
        "after_sales_refund",
        "negative",
        [
            ("{brand}答应退还多扣的{money}元话费，{days}了还没退回来，客服只会说在走流程", M),
            ("销户后{brand}账户里还有{money}元预存话费，说好退到银行卡，一直没到账", L),
            ("{brand}宽带提前拆机，剩下的宽带费说退，等了{days}一分钱没见到", L),
        ],
        [
            ("{brand}断网补偿说好减免一个月月租，账单里照扣不误", L),
            ("{brand}退费申请提交{days}了，进度一直显示审核中，打电话也问不出结果", L),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 10,
    "chatter": 20,
    "competitor": 5,
    "promo": 7,
    "news": 4,
    "unauthorised_charge": 8,
    "billing": 7,
    "plan_change": 5,
    "contract": 5,
    "porting": 4,
    "broadband": 6,
    "signal": 9,
    "attitude": 5,
    "privacy": 3,
    "refund": 3,
}
COMPLAINT_KINDS = {
    "unauthorised_charge", "billing", "plan_change", "contract", "porting", "broadband", "signal",
    "attitude", "privacy", "refund",
}  # fmt: skip
OPENINGS = openings("问一下，", "【数码】")
CLOSINGS = closings("～", "。#5G#")
COMPLAINT_TITLES = {
    "unauthorised_charge": "未经同意订购业务乱扣费",
    "billing": "实际收费与套餐不符",
    "plan_change": "套餐被擅自变更",
    "contract": "合约条款未告知",
    "porting": "携号转网/销户受阻",
    "broadband": "宽带安装维修拖延",
    "signal": "信号差频繁断网",
    "attitude": "营业厅客服态度差",
    "privacy": "个人信息泄露骚扰电话",
    "refund": "退费迟迟不到账",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，非常抱歉给您带来不便，请私信您的手机号码和问题描述，我们会尽快核实处理。",
    "您好，关于您反映的扣费问题，我们已提交核查，如确属未经同意订购，将全额退还。",
    "抱歉让您久等了，已为您加急派单，宽带维修师傅会在24小时内与您联系。",
    "感谢您的反馈，您提到的营业厅服务问题我们已转交{city}分公司调查，会给您一个答复。",
]
