"""The everyday texts of the mobile-game publisher's review week (bench/game_week.py; not shipped),
written for it before any classifier output was read.

Each everyday kind has the category and sentiment a game publisher's PR manager would give it
(DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that may
be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official} {rival}
{model} (a game, 《》) {city} {money} {days} {hotline}. The crisis texts are in
bench/game_crisis.py.

How the categories read for a game publisher (手游 玩家 充值 抽卡 封号 客服; DOMAIN.md), each
ambiguous case decided once: gacha odds lower than published and a 保底 not honoured (抽卡概率,
概率公示) are 购销合同/价格 — what was sold at a published price and odds is not what was
given, as a sales office's broken promise; a recharge paid and not credited (充值不到账) is
购销合同/价格 too — a purchase paid and not fulfilled, no goods travel (never 货物运输/物流) and
nothing is broken; a paid skin or item deleted or nerfed after an update (削弱, 回收) is
购销合同/价格 — the terms of what was bought changed after the sale; a minor's recharge whose
refund is refused (未成年退款) and a game shut down (停服) without refunding what was bought are
售后/退换货 — the remedy decides over the purchase it remedies; servers down, lag, crashes
(闪退, 掉线, 卡顿) are 商品质量, and so are in-game ads (开屏广告, 看广告才能领) and 外挂 left
unpunished — the game the player paid to play does not work, the grievance is the game, not a
person's manner, even when reports changed nothing; an account banned without reason (封号) and
an appeal nobody answers, customer service that only pastes the same reply (客服只会复制粘贴)
are 服务态度 — the player is judged and ignored; account theft (盗号) and real-name data
(实名认证, 身份证) leaked or misused are 隐私/欺诈; harm to a body (a crowd crush at an offline
event, a merch item that burns or stinks of formaldehyde) is 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import H, Kind, L, M, closings, openings

BRAND = "星游"
OFFICIAL = "星游互娱"
RIVAL = "幻境网络"
MODELS = ["《星穹幻想》", "《星游三国》", "《星之物语》", "《星游赛车》", "《星辰战纪》"]
CITIES = ["上海", "成都", "广州", "杭州", "武汉", "北京", "深圳", "南京", "西安", "重庆"]
MONEY = ["648", "328", "1288", "98", "2000", "5000"]
DAYS = ["三天", "一周", "半个月", "二十天", "一个月", "两个月"]
HOTLINE = "400-633-7788"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("{model}这次的新角色立绘太绝了，剧情也写得好，策划这次是真的用心了", L),
            ("玩了{model}三年，{brand}是我见过最良心的厂，零氪也能玩得很开心", L),
            ("{model}周年庆送了十连和一个自选五星，福利拉满👍", L),
            ("新版本优化得很好，老手机跑{model}也不卡了，给{brand}点个赞", L),
            ("{model}的配乐是真的好听，每次上线都舍不得关音乐", L),
        ],
        [
            ("{brand}这次听劝了，玩家反馈的问题一周就改好了，好评", L),
            ("{model}的新地图做得跟风景画一样，截图截到停不下来", L),
            ("入坑{model}一个月，剧情把我看哭了，推荐给所有人", L),
            ("{model}的打击感在同类手游里算顶尖的，{brand}牛", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("{model}新手开局抽哪个角色比较好，萌新求推荐", L),
            ("{model}的体力每天怎么刷最划算，有大佬指点一下吗", L),
            ("请问{model}安卓和苹果的账号能互通吗", L),
            ("{model}下个版本什么时候更新，前瞻直播几点开始", L),
            ("有一起玩{model}的吗，缺个固定队友，晚上八点以后在线", L),
            ("{model}的月卡和战令哪个更值，平民玩家怎么选", L),
        ],
        [
            ("{model}的新活动奖励需要肝多久，上班族来得及吗", L),
            ("{model}换手机了怎么转移账号，绑定的是手机号", L),
            ("求问{model}的公会战怎么打，第一次参加", L),
            ("{model}国际服和国服的进度一样吗", L),
            ("{model}现在入坑还来得及吗，会不会被老玩家拉开太多", L),
        ],
    ),
    (
        "guide",
        "other",
        "neutral",
        [
            ("【攻略】{model}深渊十二层满星配队思路，平民也能抄", L),
            ("{model}新角色培养攻略：圣遗物、武器、天赋优先级一次说清", L),
            ("整理了{model}全部隐藏成就的触发方式，建议收藏", L),
        ],
        [
            ("【NGA精华】{model}新版本角色强度榜，附每个角色的抽取建议", L),
            ("{model}零氪玩家开荒路线，跟着走一个月能毕业主力队", L),
        ],
    ),
    (
        "fan",
        "other",
        "neutral",
        [
            ("画了一张{model}的新角色同人图，第一次画厚涂，求轻喷", L),
            ("{model}的cos今天在{city}漫展出了，道具做了两周", L),
            ("{model}剧情向手书更新了，这次讲的是主角的过去", L),
        ],
        [
            ("给{model}的角色做了个手办改色，分享一下过程", L),
            ("{city}的{model}主题咖啡店打卡，杯套都好可爱", L),
        ],
    ),
    (
        "esports",
        "other",
        "neutral",
        [
            ("{model}职业联赛秋季赛总决赛本周六在{city}开打，门票已售罄", L),
            ("{model}世界赛中国战队三比一拿下冠军，太燃了", L),
            ("{model}官方宣布明年联赛奖金池提升到两千万", L),
        ],
        [
            ("{model}高校联赛{city}赛区报名开始，冠军队有机会打职业", L),
            ("{model}联赛转会期：老将退役，新人中单顶上", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}的两款新游同一天上线，大家玩哪个", L),
            ("{rival}那款新游的画面和{model}比哪个好一点", L),
            ("{rival}今年也做开放世界了，和{brand}正面硬刚", L),
        ],
        [
            ("从{rival}的游戏退坑来玩{model}，感觉氪金压力小一些", L),
            ("{rival}和{brand}的抽卡机制差不多，保底都是九十抽", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{model}】新版本今日上线，登录即送十连抽，限时七天", L),
            ("{model}周年庆首充双倍重置，{money}档位额外赠送限定头像框", L),
            ("{model}预约人数突破五百万，公测福利全员送五星角色", L),
        ],
        [
            ("{model}联动活动开启，限定皮肤首周八折，详情见游戏内公告", L),
            ("{brand}游戏节：旗下全部手游月卡限时半价，活动持续到周日", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}互娱发布三季度财报，游戏收入同比增长百分之十八", L),
            ("{model}获得本月版号，{brand}互娱新作定档明年春天", L),
            ("{brand}互娱在{city}设立新的研发中心，计划招聘五百人", L),
        ],
        [
            ("{model}海外上线首月流水破亿，{brand}互娱股价上涨", L),
            ("游戏行业年度榜单出炉，{brand}互娱的{model}入选年度最佳手游", L),
        ],
    ),
    (
        "ban",
        "service_attitude",
        "negative",
        [
            ("玩了三年的{model}号突然被封了，说我使用第三方软件，我连电脑都没有", L),
            ("被{brand}无故封号{days}，申诉了五次全是系统自动回复，根本没人看", L),
            ("{model}封号理由写的是异常数据，问是什么异常，客服说不方便透露", L),
            ("我就正常打了几局排位就被封十年，{brand}的检测系统是瞎的吗", L),
        ],
        [
            ("氪了{money}的号说封就封，{brand}连个证据都不给，申诉通道形同虚设", L),
            ("{model}误封了我的账号，提交了三次申诉材料，{days}过去一点消息都没有", L),
            ("好友被{brand}永久封禁，理由是恶意言论，可他从来不打字", L),
        ],
    ),
    (
        "recharge",
        "contract_pricing",
        "negative",
        [
            ("在{model}充了{money}，钱扣了钻石没到账，订单号都截图了", L),
            ("{brand}官网充值显示成功，游戏里一分没到，已经{days}了", L),
            ("首充双倍活动充了{money}，结果只给了单倍，说活动已经结束了", L),
            ("月卡买了三十天，只领到二十天就不能领了", L),
        ],
        [
            ("{model}充值到账少了一半，问客服说以游戏内记录为准", L),
            ("微信付款成功了，{model}里的礼包一直显示未购买", L),
            ("{brand}的充值返利活动说好返百分之二十，到现在一个钻石都没返", L),
        ],
    ),
    (
        "minor_refund",
        "after_sales_refund",
        "negative",
        [
            ("孩子偷用我的手机在{model}里充了{money}，申请未成年退款被{brand}驳回了", M),
            ("十一岁的儿子在{model}上花了两万多，{brand}说实名是成年人所以不退", M),
            ("未成年退款材料交了{days}，{brand}每次都让补充材料，就是不退", L),
        ],
        [
            ("女儿用奶奶的身份证注册{model}，一个月充了{money}，{brand}拒绝退款", M),
            ("{brand}的未成年人退款流程要录视频、写保证书，弄完了还是不给退", L),
            ("孩子的压岁钱全充进{model}了，找{brand}退款说只能退三成", L),
        ],
    ),
    (
        "gacha",
        "contract_pricing",
        "negative",
        [
            ("{model}公示的五星概率百分之一点六，我抽了三百抽才出一个，这概率是真的吗", L),
            ("九十抽保底，我第九十抽出来的是个常驻，说好的小保底呢", L),
            ("{model}的限定池歪了三次，概率公示就是写给人看的", L),
            ("{brand}抽卡概率越来越低，老玩家都感觉出来了", L),
        ],
        [
            ("大保底必出限定，结果我两百抽没见到限定角色，{brand}解释一下", L),
            ("同一个池子新号十抽出金，老号一百五十抽不出，{model}的概率有暗改吧", L),
            ("{model}的武器池抽到保底给的是重复的，{money}块钱打水漂", L),
        ],
    ),
    (
        "nerf",
        "contract_pricing",
        "negative",
        [
            ("花{money}抽的角色，更新后技能被砍了一半，{brand}这是卖完就削", L),
            ("{model}新版本把我买的限定皮肤特效改没了，也不补偿", L),
            ("买的永久道具更新后变成了限时，{brand}说以最新用户协议为准", L),
        ],
        [
            ("上个月刚氪满的武器这次版本直接削弱，{model}的策划太会割韭菜了", L),
            ("{model}更新后我背包里花钱买的道具全没了，说是数据调整", L),
            ("{brand}把付费礼包里的角色改成了免费送，先买的人就是冤大头", L),
        ],
    ),
    (
        "server",
        "product_quality",
        "negative",
        [
            ("{model}更新完一进游戏就闪退，手机重启了好几次", L),
            ("今晚{model}服务器又崩了，打到一半掉线，排位直接判负", L),
            ("{model}团战卡成PPT，延迟四百多，这服务器是土豆做的吗", L),
            ("{model}新版本发热严重，玩十分钟手机烫得拿不住", L),
            ("{model}登录一直转圈，提示网络异常，换了WiFi也不行", L),
        ],
        [
            ("{model}的副本打到最后一关卡住不动，三次了，体力全白费", L),
            ("{model}停机维护说两小时，结果维护了一整天还延长", L),
            ("{model}新角色技能有bug，放完大招人物直接消失了", L),
        ],
    ),
    (
        "cheat",
        "product_quality",
        "negative",
        [
            ("{model}排位十局有八局碰到开挂的，锁头透视，这游戏还能玩吗", L),
            ("{model}举报外挂举报了几十次，那个人现在还在排行榜第一", L),
            ("{model}的外挂都在群里公开卖了，{brand}就是不管", L),
        ],
        [
            ("{model}高端局全是脚本，一个人秒杀全队，反作弊形同虚设", L),
            ("{model}野队又遇到开挂的，输了扣分赢了也没意思", L),
        ],
    ),
    (
        "ads",
        "product_quality",
        "negative",
        [
            ("{model}现在一打开就是十五秒开屏广告，还关不掉", L),
            ("{model}领个体力都要看三十秒广告，{brand}吃相太难看了", L),
            ("{model}的弹窗礼包广告一局弹五次，点错一下就跳支付", L),
        ],
        [
            ("买了{model}去广告特权，结算界面还是弹广告", L),
            ("{model}在游戏里插视频广告，声音还特别大，半夜吓一跳", L),
        ],
    ),
    (
        "support",
        "service_attitude",
        "negative",
        [
            ("{brand}的客服只会复制粘贴，问十个问题回十遍同一段话", L),
            ("找{model}人工客服排了两个小时，接通后说这个问题他们处理不了", L),
            ("{brand}客服热线{hotline}打了一下午一直占线，在线客服是机器人", L),
            ("给{brand}客服发了三封邮件，一封都没回", L),
        ],
        [
            ("{model}的客服回复永远是“已反馈给相关部门”，然后就没有然后了", L),
            ("在{brand}客服那里被踢皮球，游戏问题让找平台，平台让找游戏", L),
            ("{model}的客服态度太差了，问两句就说不满意可以不玩", L),
        ],
    ),
    (
        "account",
        "privacy_fraud",
        "negative",
        [
            ("{model}的号被盗了，角色和钻石全被转走，{brand}说无法找回", M),
            ("刚在{model}实名认证完，第二天就有人打电话说帮我解除防沉迷", H),
            ("有人冒充{brand}客服说我账号违规要冻结，让我扫码交保证金", H),
        ],
        [
            ("我的身份证被别人拿去{model}实名认证了，我自己都注册不了", H),
            ("{model}账号被异地登录，绑定的手机号也被改了，{brand}客服让我自己报警", M),
            ("在{model}的交易平台卖号，钱没收到号被找回了，{brand}不管", M),
        ],
    ),
    (
        "shutdown",
        "after_sales_refund",
        "negative",
        [
            ("{model}突然宣布停服，我上个月刚充了{money}，{brand}一分不退", M),
            ("停服公告说剩余钻石可以退款，申请了{days}还在审核", L),
        ],
        [
            ("{brand}的{model}说停就停，只补偿了另一款游戏的代金券，谁要啊", L),
            ("{model}停运了，之前买的年卡还剩八个月，退款申请被驳回", M),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("{city}的{model}线下嘉年华入口踩踏，我朋友被挤倒扭伤了脚，现场没人维持秩序", H),
            ("{model}官方商城买的抱枕一股刺鼻的味道，孩子抱着睡了一晚起了一身疹子", H),
        ],
        [
            ("{model}联名的充电宝充着充着冒烟了，差点烧了床", H),
            ("{model}线下见面会排队六小时，现场有人中暑晕倒，主办方连瓶水都没有", H),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 7,
    "chatter": 14,
    "guide": 5,
    "fan": 4,
    "esports": 4,
    "competitor": 3,
    "promo": 6,
    "news": 3,
    "ban": 7,
    "recharge": 6,
    "minor_refund": 4,
    "gacha": 7,
    "nerf": 4,
    "server": 9,
    "cheat": 4,
    "ads": 3,
    "support": 6,
    "account": 4,
    "shutdown": 2,
    "safety": 2,
}
COMPLAINT_KINDS = {
    "ban", "recharge", "minor_refund", "gacha", "nerf", "server", "cheat", "ads", "support",
    "account", "shutdown", "safety",
}  # fmt: skip
OPENINGS = openings("萌新求助，", "【手游】", "各位玩家，")
CLOSINGS = closings("～", "。#手游#", "😂")
COMPLAINT_TITLES = {
    "ban": "无故封号申诉无人处理",
    "recharge": "充值不到账",
    "minor_refund": "未成年人充值拒绝退款",
    "gacha": "抽卡概率与公示不符",
    "nerf": "付费道具更新后被削弱删除",
    "server": "服务器崩溃闪退掉线",
    "cheat": "外挂泛滥不处理",
    "ads": "游戏内广告过多",
    "support": "客服敷衍只会复制粘贴",
    "account": "账号被盗实名信息泄露",
    "shutdown": "停服不退款",
    "safety": "线下活动及周边安全问题",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "您好，给您带来不好的体验非常抱歉，请私信您的游戏UID和区服，我们马上为您核实。",
    "您好，已将您的问题转交{model}运营团队，专员会在24小时内通过游戏内邮件联系您。",
    "您好，您反馈的情况已登记，技术同学正在排查，处理结果会第一时间告知您。",
    "感谢您的反馈，也欢迎拨打{hotline}或在游戏内“客服中心”随时联系我们。",
]
