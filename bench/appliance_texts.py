"""The everyday texts of the home-appliance brand's review week (bench/appliance_week.py; not
shipped), written for it before any classifier output was read.

Each everyday kind has the category and sentiment a home-appliance brand's PR manager would give
it (DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that
may be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official}
{rival} {model} {city} {money} {days} {hotline}. The crisis texts are in bench/appliance_crisis.py.

How the categories read for an appliance brand (空调 冰箱 洗衣机 热水器 燃气灶 油烟机
扫地机器人; DOMAIN.md): the appliance itself failing (不制冷, 噪音大, 漏水, 异味, 显示乱码,
频繁报错) is 商品质量;
a fee nobody named before (支架费, 铜管加长费, 打孔费, 辅材费), a repair quote or a spare part
priced far above its worth, a trade-in or 国补 discount smaller than promised, and an energy label
or a quietness claim the machine does not meet (虚假宣传) are 购销合同/价格 (hidden fees, promotion
not honoured); a repair that never comes (约不上, 改约, 拖), a warranty refused and an
installation done badly (装歪, 没接好: 安装不到位) are 售后/退换货; a machine delivered damaged,
late or left at the gate (不送上楼) is 货物运输/物流; an app that takes data it has no need of,
a camera that uploads the home, a purchase followed by sales calls are 隐私/欺诈; customer
service passing the customer around (推诿), a technician who is rude or asks for a five-star
review (索要好评) is 服务态度; a heater that leaks current, gas that leaks, an appliance that
smokes or catches fire is 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "澜庭"
OFFICIAL = "澜庭电器"
RIVAL = "朗润电器"
MODELS = ["澜庭空调", "澜庭冰箱", "澜庭洗衣机", "澜庭热水器", "澜庭油烟机", "澜庭扫地机器人"]
CITIES = ["郑州", "北京", "上海", "广州", "成都", "杭州", "武汉", "合肥", "长沙", "济南"]
MONEY = ["2599", "3299", "4999", "1899", "6999", "3999"]
DAYS = ["三天", "五天", "一周", "十天", "半个月", "二十天"]
HOTLINE = "400-828-3636"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{brand}的变频空调装好一个月，晚上开睡眠模式几乎听不到声音，电费也比老空调省", L),
            ("家里换了{brand}的十字门冰箱，分区保鲜做得好，青菜放一周还是脆的", L),
            ("{brand}安装师傅很专业，打孔前先铺好防尘布，走之前还把地拖了", L),
            ("{brand}洗烘一体机用了半年，烘出来的毛巾蓬松没异味，后悔没早买", L),
            ("给爸妈装的{brand}燃气灶，熄火保护很灵，老人用着放心", L),
        ],
        [
            ("{brand}的扫地机器人能自己绕开拖鞋和电线，每天回家地板都是干净的", L),
            ("油烟机换成{brand}的以后，爆炒辣椒厨房里都闻不到呛味", L),
            ("{brand}售后上门清洗空调，师傅手脚麻利，收费和官网写的一样", L),
            ("零下几度的早上{brand}热水器一开就是热水，洗澡再也不用等", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("二十平的卧室装{brand}一匹半够吗，还是直接上两匹", L),
            ("{brand}的燃气热水器十三升和十六升怎么选，家里一厨两卫", L),
            ("有人用过{brand}的洗碗机吗，需要预留多大的橱柜位置", L),
            ("{city}这边{brand}空调安装要提前几天预约", L),
            ("{brand}冰箱一级能效和二级能效一年电费差多少", L),
            ("国补之后{brand}的空调到手大概多少钱，有没有懂的", L),
        ],
        [
            ("{brand}扫地机器人的基站能自动上下水吗，老房子没有预留水管", L),
            ("想问下{brand}的洗衣机是直驱电机还是皮带的", L),
            ("{brand}油烟机侧吸和顶吸哪个更适合开放式厨房", L),
            ("新房装修，{brand}中央空调要在吊顶之前装吗", L),
            ("{brand}的以旧换新旧机要自己拆下来吗，还是上门拆", L),
        ],
    ),
    (
        "review",
        "other",
        "neutral",
        [
            ("【测评】{brand}三款热门冰箱横评：容量、噪音、保鲜实测数据", L),
            ("{brand}新款空调拆机：压缩机和内机风道做工一览", L),
            ("{brand}洗烘套装用了一个月的真实记录，优缺点都写了", L),
            ("实测{brand}扫地机器人在地毯、瓷砖、木地板上的吸尘效果", L),
        ],
        [
            ("【评测】{brand}燃气热水器恒温表现：开关水十次的水温曲线", L),
            ("{brand}油烟机吸力实测，风量和噪音分贝都测了", L),
            ("{brand}洗碗机对比手洗：一个月水电费记录", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}的空调同价位，一个静音好一个制冷快，选哪个", L),
            ("{rival}也出了自清洁冰箱，和{brand}的差在哪", L),
            ("装修群里一半人买{brand}，一半买{rival}，都说还行", L),
        ],
        [
            ("{rival}的热水器比{brand}便宜两百，配置差不多", L),
            ("{brand}和{rival}的扫地机器人都有避障，实际用起来谁更聪明", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}以旧换新】旧空调抵三百，叠加国补最高再减百分之二十，详询{hotline}", L),
            ("{brand}官方旗舰店年货节：冰箱洗衣机满{money}元减三百，包送包装", L),
            ("{brand}热水器免费上门安装，送三年整机延保", L),
        ],
        [
            ("{brand}{city}专卖店周末开放日，到店登记送空调清洗一次", L),
            ("{brand}会员日：购扫地机器人送一年耗材", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}电器发布年度新品，空调全系一级能效，起售价{money}元", L),
            ("家电行业前三季度零售额公布，{brand}冰箱销量同比增长百分之十二", L),
            ("{brand}宣布在{city}新建洗衣机生产基地，预计明年投产", L),
        ],
        [
            ("{brand}与多家电商平台合作参与家电以旧换新补贴", L),
            ("{brand}电器发布三季度财报，营收同比增长百分之八", L),
        ],
    ),
    (
        "defect",
        "product_quality",
        "negative",
        [
            ("新装的{brand}空调开了两个小时屋里还是二十九度，根本不制冷", L),
            ("{brand}冰箱冷藏室后壁结了一层冰，放在里面的菜全冻坏了", L),
            ("{brand}滚筒洗衣机一脱水就轰轰响，整个楼板都在震", L),
            ("{brand}空调内机往下滴水，墙皮都泡起来了", L),
            ("{brand}热水器用了{days}，屏幕上一直跳E1故障码，水一会冷一会热", L),
            ("{brand}洗衣机洗完的衣服有股霉味，滚筒里面全是黑斑", L),
        ],
        [
            ("{brand}扫地机器人每天都卡在床底下报错，地图也一直丢", L),
            ("{brand}油烟机开最大档油烟还是往外跑，声音倒是像飞机起飞", L),
            ("买了{days}的{brand}冰箱半夜咔咔响，压缩机一会启动一会停", L),
            ("{brand}空调的显示屏乱码，遥控器按什么都没反应", L),
            ("{brand}洗碗机洗完碗上还粘着饭粒，底部积了一摊水排不出去", L),
        ],
    ),
    (
        "install_fee",
        "contract_pricing",
        "negative",
        [
            ("{brand}空调说好免费安装，师傅来了先收两百的支架费，不交就不装", L),
            ("装{brand}空调，铜管加长一米收一百二，装完算下来多花了六百多", L),
            ("{brand}师傅打个孔收八十，高空作业费又是一百五，下单时一个字都没提", L),
            ("{brand}热水器装完账单上多了三百的材料费，说角阀和软管必须用他们的", L),
        ],
        [
            ("{brand}空调安装费官网写的全包，实际收了加氟费和辅材费四百多", L),
            ("就装个{brand}油烟机，师傅说烟管不够长要另加一百八，还不给开收据", L),
            ("{brand}上门拆旧空调收了一百，明明以旧换新活动写的免费拆机", L),
        ],
    ),
    (
        "repair",
        "after_sales_refund",
        "negative",
        [
            ("{brand}冰箱坏了报修{days}，说好的师傅上门一直没来", L),
            ("约了{brand}售后周六上门修空调，在家等了一天，晚上打电话说改到下周", L),
            ("{brand}热水器在保修期内坏了，售后说是水质问题不给保修", M),
            ("{brand}洗衣机修了三次还是不排水，要求换机售后就是拖", L),
            ("{brand}空调内机装歪了，冷凝水顺着墙往下流，叫售后来返工一直约不上", L),
        ],
        [
            ("{brand}售后上门说要换主板，换完还是一样的毛病，又让我等配件", L),
            ("报修{brand}扫地机器人，要求寄回检测，寄过去{days}了没消息", L),
            ("{brand}冰箱保修期内压缩机坏了，售后要我先付钱修好再报销", L),
            ("{brand}空调移机约了三次都被改期，快入夏了还没装上", L),
            ("{brand}洗碗机安装师傅没接好进水管，第一次用就把橱柜泡了，售后说要等厂家定责", L),
        ],
    ),
    (
        "delivery",
        "delivery_logistics",
        "negative",
        [
            ("{brand}冰箱送到小区门口就不管了，送货的说不负责搬上楼", L),
            ("{brand}洗衣机到货拆开，外壳凹进去一块，箱子也是破的", L),
            ("{brand}官方旗舰店买的空调下单{days}还没发货，安装师傅都约好了", L),
            ("{brand}的油烟机物流显示签收，我根本没收到，快递说放门卫了", L),
        ],
        [
            ("{brand}冰箱送来的时候门上一道长长的划痕，送货师傅让我先签收再说", L),
            ("约好上午送{brand}热水器，等到晚上八点才来，电话一直打不通", L),
            ("{brand}空调外机和内机分两次发，内机到了一周外机还在路上", L),
        ],
    ),
    (
        "price",
        "contract_pricing",
        "negative",
        [
            ("{brand}宣传空调睡眠模式十八分贝，晚上开着跟电风扇一样吵，这是虚假宣传", L),
            ("说好国补减百分之二十，{brand}旗舰店结算时只减了一百，客服说补贴名额用完了", L),
            ("{brand}冰箱标的一级能效，实测一天要两度多电，比标签上高了一倍", L),
            ("{brand}热水器换个点火针报价三百八，网上同款配件才几十块", L),
        ],
        [
            ("{brand}以旧换新说旧机最高抵八百，师傅上门看了一眼只给五十", L),
            ("{brand}售后换个洗衣机排水泵要六百多，加上上门费都能买半台新的了", L),
            ("{brand}宣传扫地机器人能越障四厘米，门槛一厘米都过不去", L),
        ],
    ),
    (
        "app",
        "privacy_fraud",
        "negative",
        [
            ("{brand}的空调app非要获取通讯录和定位才能用遥控功能，凭什么", L),
            ("刚买完{brand}冰箱，第二天就开始接到推销延保和净水器的电话，信息是谁泄露的", M),
            ("{brand}扫地机器人的摄像头会拍家里的照片上传云端，说明书里一个字都没写", M),
        ],
        [
            ("{brand}智能家居app一升级就默认打开了个性化广告和数据共享", L),
            ("在{brand}旗舰店登记了安装地址，之后隔三差五有人打电话说要上门清洗空调收费", L),
            ("{brand}的热水器联网以后，app里能看到别人家的设备和地址", M),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("{brand}客服说安装的事找经销商，经销商说找厂家，来回踢了一个星期", L),
            ("{brand}维修师傅修完非让我当面给五星好评，不给就说下次不来了", L),
            ("打{brand}客服{hotline}排队半小时，接通了说系统查不到我的工单", L),
        ],
        [
            ("{brand}上门的师傅一进门就嫌房子难装，全程黑着脸，摔摔打打", L),
            ("{brand}客服每次都说已加急，加急了五次还是没人联系我", L),
            ("装完{brand}空调师傅拿着我的手机帮我点好评，还让我别写差评", L),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("{brand}热水器洗澡的时候外壳漏电，手碰到水龙头被电了一下", H),
            ("{brand}燃气灶关了火还能闻到煤气味，报警器响了好几次", H),
            ("{brand}空调插头烧焦了，屋里一股塑料味，墙上的插座都黑了", H),
        ],
        [
            ("半夜{brand}洗衣机突然冒烟，电源线那里烧化了，孩子就睡在隔壁", H),
            ("{brand}油烟机开着开着电机起火了，厨房柜子熏黑一片", H),
            ("{brand}电暖器放在卧室，外壳烫得能烙饼，老人差点被烫伤", M),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 10,
    "chatter": 18,
    "review": 6,
    "competitor": 4,
    "promo": 8,
    "news": 4,
    "defect": 13,
    "install_fee": 6,
    "repair": 9,
    "delivery": 5,
    "price": 6,
    "app": 3,
    "attitude": 5,
    "safety": 2,
}
COMPLAINT_KINDS = {
    "defect", "install_fee", "repair", "delivery", "price", "app", "attitude", "safety",
}  # fmt: skip
OPENINGS = openings("请教一下，", "【家电】")
CLOSINGS = closings("～", "。#家电#")
COMPLAINT_TITLES = {
    "defect": "家电不制冷漏水噪音大",
    "install_fee": "安装乱收费",
    "repair": "报修后迟迟不上门维修",
    "delivery": "送货破损不送上楼",
    "price": "虚假宣传补贴不兑现",
    "app": "个人信息泄露推销电话",
    "attitude": "客服推诿师傅索要好评",
    "safety": "电器漏电冒烟安全隐患",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，给您添麻烦了，请私信您的工单号和联系电话，我们马上为您核实。",
    "您好，已将您的情况反馈给{city}服务网点，网点会在24小时内电话联系您确认上门时间。",
    "感谢您的反馈，安装收费请以官方收费标准为准，多收部分核实后全额退还。",
    "您好，已为您升级处理，服务经理会在今天内联系您，请保持电话畅通。",
]
