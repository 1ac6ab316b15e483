"""The texts of the car maker's review week (bench/auto_week.py; not shipped), written for it.

Each everyday kind is a list of templates with the category and sentiment a car maker's PR
manager would give it (the week's truth); slots: {brand} {model} {dealer} {city} {km} {days}
{money} {part}. The day-5 crisis texts are at the end.
"""

from __future__ import annotations

from bench.week_story import COMPLAINT_OPENINGS, closings

BRAND = "驰远"
OFFICIAL = "驰远汽车"
MODELS = ["星河S7", "星河S7", "远航L6", "C5 DM-i", "极光EV", "远航L6 DM-i"]
CITIES = ["广州", "成都", "杭州", "郑州", "武汉", "济南", "苏州", "西安", "长沙", "合肥"]
DEALERS = ["{city}驰远4S店", "驰远{city}天河店", "{city}某驰远4S店", "驰远{city}直营中心"]
KM = ["800公里", "三千公里", "5000公里", "一万二公里", "两万公里", "刚过磨合期", "提车第二周"]
DAYS = ["三天", "一周", "半个月", "二十多天", "一个多月", "两个月"]
MONEY = ["3000", "5000", "8000", "一万", "两万"]
PARTS = ["前排座椅", "B柱", "左后门", "仪表台", "天窗", "后备箱", "方向盘", "底盘"]

# (kind, category, sentiment, templates)
Kind = tuple[str, str, str, list[str]]

EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            "{brand}{model}提车{km}了，说说感受：底盘扎实，隔音比我之前的车好太多，家里人都说舒服",
            "作业来了！{brand}{model}冬天续航打个八折，通勤完全够用，电费一个月不到一百块",
            "{brand}{model}的座椅通风加热都有，这个价位真的良心，老婆很满意",
            "开了{km}的{brand}{model}，油耗5个多，比预期还低，推荐给预算二十万的朋友",
            "{dealer}的销售小哥很实在，没有乱推精品，交车仪式还挺用心的，点赞",
            "周末带娃自驾去山里，{brand}{model}空间够大，后排放平能睡人，舒服",
            "{brand}{model}的辅助驾驶高速上很稳，跑长途轻松了不少",
            "第一次给{dealer}好评，首保半小时就做完了，还帮我洗了车",
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            "请问各位车友，{brand}{model}的首保是多少公里做？要提前预约吗",
            "纠结{brand}{model}和另外两款同级车，主要家用，偶尔跑高速，大家给点建议",
            "{brand}{model}落地大概多少钱？{city}这边有没有最近刚提的",
            "{brand}{model}的家用充电桩是送的吗，物业不让装怎么办",
            "{brand}{model}顶配和次顶配差在哪，值得多花那两万吗",
            "今天去{dealer}看了{brand}{model}，实车颜色比图片深一点，还在考虑",
            "有没有开{brand}{model}跑过川藏线的，想听听高原上的表现",
            "{brand}{model}的OTA升级推送了吗？我这边还没收到",
            "{brand}{model}冬天要不要换雪地胎，{city}下雪不多",
            "{brand}{model}的车机能装第三方导航吗，自带的用着不太习惯",
            "收到短信说{brand}{model}有个召回，我的车在不在范围里怎么查",
            "{brand}{model}保养一次大概多少钱，有车友晒一下单子吗",
            "刚看到{brand}出了新配色，{model}有没有人订了",
            "{brand}{model}能不能上{city}的绿牌，有懂的吗",
        ],
    ),
    (
        "test_drive",
        "other",
        "neutral",
        [
            "今天试驾了{brand}{model}，加速挺快，悬挂偏软，后排中间地板是平的，回去再想想",
            "试驾{brand}{model}半小时，刹车脚感偏硬，方向盘有点虚，其他还行",
            "{dealer}试驾{brand}{model}，销售说这周订车送三年免费保养，试驾路线有点短",
            "陪朋友去试驾了{brand}{model}，内饰做工中规中矩，车机反应挺快",
        ],
    ),
    (
        "ad",
        "other",
        "neutral",
        [
            "【{dealer}】{brand}{model}年终钜惠，置换补贴最高{money}元，到店试驾即送礼品，详询门店",
            "{brand}{model}限时金融政策：首付低至15%，24期0息，{dealer}欢迎品鉴",
            "{dealer}周末团购会，{brand}全系车型现车充足，订车抽免费保养",
            "{brand}车主专享：推荐好友购车得{money}元充电卡，活动截至本月底",
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            "{brand}汽车公布11月销量，{model}单月交付超过一万台，同比增长三成",
            "{brand}{model}年度改款官图发布，新增两种车身颜色，预计下月上市",
            "{brand}汽车宣布与电池企业合作建设换电站，首批落地{city}等十个城市",
            "{brand}{model}推送新版车机系统，新增哨兵模式和语音连续对话",
            "{brand}汽车参加广州车展，展台发布了{model}的旅行版",
        ],
    ),
    (
        "defect",
        "product_quality",
        "negative",
        [
            "{brand}{model}开了{km}，{part}异响越来越严重，过减速带咯吱咯吱的，车内根本没法听歌",
            "{brand}{model}冷车启动方向盘抖得厉害，时速六十左右也抖，去了两次店里说正常",
            "刚提的{brand}{model}发动机底下漏油，地库地上一滩油渍，新车就这样？",
            "{brand}{model}的车机又死机了，导航倒车影像全黑，开着高速突然黑屏很吓人",
            "{brand}{model}冬天续航直接腰斩，标的520实际跑不到260，续航虚标太离谱",
            "{brand}{model}动力电池报故障，充电桩上插着就是充不进去电，趴窝两天了",
            "{brand}{model}低速走走停停顿挫严重，一顿一顿的，家里人坐着都晕车",
            "{brand}{model}下雨天后备箱进水，地毯全湿了，新车{days}就出这种问题",
            "{brand}{model}仪表盘时不时报故障灯，开一段又自己好了，心里发毛",
            "{brand}{model}{part}有风噪，高速上呼呼响，跟开着窗一样",
            "{brand}{model}的自动泊车失灵了，好几次识别不了车位，这功能白花钱",
            "{brand}{model}空调不制热，{city}零下了车里冷得像冰窖",
            "{brand}{model}的电动尾门经常关不上，按了没反应",
            "{brand}{model}刚开{km}轮胎就鼓包了，怀疑是原厂胎质量问题",
        ],
    ),
    (
        "repair_refusal",
        "after_sales_refund",
        "negative",
        [
            "{brand}{model}异响去{dealer}修了三次都没修好，现在说这是正常现象不给保修，要我自费",
            "{dealer}维修推诿，车机死机说是软件问题让等OTA，等了{days}了还没动静",
            "{brand}{model}漏油在质保期内，{dealer}说是我自己磕的不给保，明明底盘没有任何划痕",
            "车送{dealer}修了{days}，配件一直说在路上，也不给代步车，上班只能打车",
            "{brand}{model}电池故障，{dealer}让我找厂家，厂家客服又让我找4S店，踢来踢去没人管",
            "{dealer}保养完车上多了一道划痕，找他们理论，店长说进店前就有，不认账",
            "{brand}的召回通知收到了，去{dealer}说没有配件，排队要等两个月",
            "要求{dealer}按三包换车，他们说够不上条件，维修记录都在，就是拖",
        ],
    ),
    (
        "pricing",
        "contract_pricing",
        "negative",
        [
            "{dealer}加价提车，{brand}{model}官方指导价，店里非要加{money}的精品包，不加就等半年",
            "交了{money}定金订{brand}{model}，等了{days}车没到，现在想退定金，{dealer}说定金不退",
            "{dealer}贷款买车被收了{money}的金融服务费，合同上根本没写，销售说都这样",
            "{brand}{model}在{dealer}买的，强制买他们店的保险才给开票，保费比外面贵一千多",
            "{dealer}说的0息分期，签合同才发现有手续费和GPS费，加起来好几千",
            "刚买{days}{brand}{model}就官降{money}，{dealer}不给任何补偿，早买早吃亏",
            "{dealer}上牌服务费要收{money}，自己去办明明不用这么多",
            "订车时承诺送的充电桩和贴膜，提车时{dealer}说活动结束了不兑现",
        ],
    ),
    (
        "delivery",
        "delivery_logistics",
        "negative",
        [
            "{brand}{model}订车时说四周交付，现在过了{days}还没排产，问就是在等",
            "{brand}{model}交付延期第三次了，定的婚车，结婚都用不上了",
            "{brand}{model}说好月底交车，又推迟到下个月，销售电话都不接了",
            "等{brand}{model}等了{days}，车到了店里又说运输途中磕了要重新调车",
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            "{dealer}的销售态度太差了，问了几句优惠就爱答不理，玩手机不理人",
            "打{brand}客服热线问故障，客服敷衍了事，说会回电，{days}了没人联系我",
            "{dealer}服务顾问态度恶劣，我问维修进度直接挂电话",
            "去{dealer}提意见，前台冷嘲热讽说买不起就别买",
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 13,
    "chatter": 20,
    "test_drive": 6,
    "ad": 7,
    "news": 5,
    "defect": 20,
    "repair_refusal": 11,
    "pricing": 9,
    "delivery": 5,
    "attitude": 4,
}
# Openings and closings by whether the post complains.
OPENINGS = {
    True: COMPLAINT_OPENINGS,
    False: ["", "", "", "说个事，", "各位车友，", "【车主分享】", "分享一下，"],
}
CLOSINGS = closings("，大家怎么看", "。#驰远车友会#", "～")
COMPLAINT_KINDS = {"defect", "repair_refusal", "pricing", "delivery", "attitude"}
COMPLAINT_TITLES = {
    "defect": "{model}质量问题，要求厂家解决",
    "repair_refusal": "4S店拒绝保修，维修推诿",
    "pricing": "加价提车/定金不退/乱收费",
    "delivery": "交付延期，要求按合同交车",
    "attitude": "销售及客服服务态度差",
}

# Day 5, 20:30: a 星河S7 brake failure video. The seed, the owners piling on, a car blogger,
# a media account, the brand's first statement blaming the driver, 维权 at the auto show, the
# recall the next afternoon.
INCIDENT_SEED = (
    "【视频】今天下午我开{brand}星河S7在{city}绕城高速，时速八十左右踩刹车，踏板一下子硬了踩不下去，"
    "刹车失灵！一路撞上护栏才停下，车头全毁，我和孩子都受伤送医。提车才四个月。"
    "@{official} 你们的刹车到底有没有问题？#{brand}星河S7刹车失灵#"
)
INCIDENT_VOICES = [
    "我的星河S7上个月也出现过刹车踏板变硬，当时车速慢才没出事，现在想想后怕"
    " #{brand}星河S7刹车失灵#",
    "不止我一个，{brand}星河S7车主群里已经有七八个人说刹车偶尔踩不动，厂家一直说是系统自检",
    "看完视频吓出一身冷汗，我家星河S7天天接送孩子，现在都不敢开了",
    "{brand}星河S7刹车失灵这事必须给个说法，人命关天，建议立刻召回",
    "已经有星河S7车主建了维权群，刹车出过问题的车主一起集体维权",
    "我在{dealer}反映过刹车异常，店里说电脑检测没故障码，让我继续开，现在看太吓人了",
    "已经向市场监管总局缺陷产品管理中心投诉{brand}星河S7刹车问题，大家也去投诉",
    "星河S7车主，刹车踏板偶尔变硬，{dealer}不给检测，{brand}必须给说法 #{brand}星河S7刹车失灵#",
    "买车看的就是安全，{brand}星河S7刹车都能失灵，这车谁还敢买，定金我要退",
    "刚提的星河S7，看了新闻想退车，{dealer}说已经上牌不能退",
]
INCIDENT_COMPLAINTS = [
    "{brand}星河S7行驶中刹车踏板变硬，制动失效险些追尾，4S店检测称无故障，要求厂家彻查并召回",
    "{brand}星河S7刹车失灵导致事故，车主及家人受伤，厂家推卸责任，要求赔偿",
]
BLOGGER_POST = (
    "星河S7刹车失灵的视频我逐帧看了，从踏板行程和车速变化看，不像是驾驶员误操作。"
    "后台收到三十多位星河S7车主私信，都说遇到过刹车踏板突然变硬。{brand}别再沉默了，"
    "公开数据，该召回就召回。#{brand}星河S7刹车失灵#"
)
FIRST_STATEMENT = (
    "关于网传星河S7事故视频的说明：经调取车辆后台数据，事故发生时制动系统工作正常，"
    "未发现任何故障，驾驶员在事发前持续踩踏加速踏板，系驾驶员操作不当所致。"
    "请广大网友不信谣、不传谣，对恶意造谣者我司将依法追究责任。"
)
MEDIA_POST = (
    "【{brand}星河S7刹车失灵事故追踪：多名车主称遇刹车踏板变硬 厂家回应称系驾驶员操作不当】"
    "记者调查发现，已有数十位星河S7车主反映刹车踏板突然变硬，部分车主已向市场监管部门投诉。"
    "{brand}官方声明称制动系统工作正常，引发车主不满。#{brand}星河S7刹车失灵#"
)
AUTO_SHOW = (
    "【现场】{city}车展{brand}展台，一位身穿“星河S7刹车失灵”T恤的车主站上展车车顶维权，"
    "高喊还我安全，现场围观者众多，保安将其带离。#{brand}星河S7刹车失灵#"
)
AFTER_STATEMENT = [
    "{brand}的声明看得我火大，出了事第一反应就是甩锅给车主，还要追究别人责任？",
    "后台数据你们说了算？{brand}先把原始数据交给第三方再说，甩锅车主太恶心了",
    "车主都受伤了，{brand}还说人家操作不当，这种公关是要把品牌做死吗",
    "{brand}这声明等于告诉所有车主：出事了都是你的错",
]
RECALL = (
    "召回公告：{brand}汽车根据《缺陷汽车产品召回管理条例》，向国家市场监督管理总局备案了召回计划，"
    "自12月5日起召回部分星河S7汽车。本次召回范围内车辆的制动助力控制软件存在缺陷，极端情况下可能导致"
    "制动踏板变硬、制动力下降，存在安全隐患。{brand}将免费为召回范围内车辆升级软件。对此前回应不当，"
    "我们向事故车主及广大用户诚恳致歉。"
)
