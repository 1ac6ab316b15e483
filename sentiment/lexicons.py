"""Domain lexicons: complaint-category cue words, urgency signal words, stopwords.

Category cues follow the DOMAIN.md taxonomy; urgency words follow its urgency signals.
Words are matched as substrings of the NFKC-normalised, lower-cased text.
"""

from __future__ import annotations

from core.enums import Category
from sentiment.appliances import APPLIANCE_CUES, APPLIANCE_HARM, NOT_SIGNALS
from sentiment.couriers import COURIER_CUES, COURIER_HARASSMENT, COURIER_HARM
from sentiment.devices import DEVICE_CUES, DEVICE_REFUSALS
from sentiment.education import EDUCATION_CUES, EDUCATION_HARM, EDUCATION_LEGAL, EXPIRED_HOURS
from sentiment.estates import ESTATE_COLLECTIVE, ESTATE_CUES, ESTATE_HARM
from sentiment.games import GAME_COLLECTIVE, GAME_CUES, GAME_HARM, GAME_PRIVACY
from sentiment.gyms import GYM_CUES, GYM_HARM, GYM_PRIVACY
from sentiment.rides import RIDE_CUES, RIDE_HARM


def words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words as a tuple (keeps long word lists compact)."""
    return tuple(text.split())


def cues(strong: str, weak: str = "") -> dict[str, int]:
    """Cue words → weight: strong cues weigh 2 (decide alone), weak cues 1."""
    return {**dict.fromkeys(words(weak), 1), **dict.fromkeys(words(strong), 2)}


def weighted(spec: str) -> dict[str, int]:
    """Parse 'word:weight word:weight ...' into a dict."""
    pairs = (item.rsplit(":", 1) for item in words(spec))
    return {word: int(weight) for word, weight in pairs}


# Order matters for ties only: earlier categories win. A vehicle defect that endangers people
# (刹车失灵, 断轴, 车辆失控, 高速熄火) is 人身安全, not 商品质量; a 4S店 refusing a repair or
# a part is 售后 (car owners' complaints, round 23).
CATEGORY_CUES: dict[Category, dict[str, int]] = {
    Category.FOOD_SAFETY_HEALTH: cues(
        """食物中毒 中毒 拉肚子 腹泻 呕吐 上吐下泻 异物 吃出 虫子 蟑螂 苍蝇 头发丝 钢丝球
        变质 发霉 馊了 馊的 过期 住院 急诊 过敏 烫伤 烧伤 受伤 割伤 起火 着火 爆炸 自燃 漏电
        触电 致癌 有毒 食品安全 卫生太差 不卫生 儿童安全 窒息 死亡 身亡
        甲醛 甲醛超标 冒烟 烧焦味 焦糊味 烂脸 毁容 皮炎 红肿 脸肿 红疹
        刹车失灵 刹车失效 制动失效 制动失灵 刹不住 刹车踩不动 刹车踩不下去 刹车变硬 踏板变硬
        断轴 转向失灵 方向盘失灵 方向盘锁死 车辆失控 车子失控 方向失控 突然加速 意外加速 暴冲
        气囊没弹 气囊未弹 高速熄火 行驶中熄火 动力中断 人命关天 安全隐患 车祸 刹车异常 刹车问题
        制动异常 制动问题 晕倒 晕厥 昏倒 休克 送医 救护车 叫了120 打了120 打120
        命不是 命不值钱 命只值 命就值 拿命开玩笑""",
        """头发 不新鲜 臭了 肚子疼 胃疼 卫生 脏 去医院 就医 皮肤科
        后怕 险些 差点出事 不敢开 追尾 撞车 事故 撞上""",
    ),
    Category.PRIVACY_FRAUD: cues(
        """泄露 泄漏 个人信息 隐私 骚扰电话 骚扰短信 诈骗 骗子 被骗 盗刷 私自扣 偷偷扣 套路贷
        冒充 钓鱼 欺诈 催收 暴力催收 爆通讯录 通讯录 威胁 恐吓 骚扰家人 联系家人 打给家人
        打电话给家人 推销电话 信息被卖 盗用 冒用 被贷款
        莫名扣费 莫名扣款 莫名开通 莫名其妙扣 莫名其妙开通 莫名被扣 从未办理 从没办理 没办过
        没有办理过 未经同意 未经本人 未经允许 私自开通 擅自开通 偷偷开通 被开通 被订购 卖信息
        信息被泄露 读取通讯录 通讯录权限 索取权限 电话轰炸 短信轰炸 假客服 冒充客服 卷款 跑路
        杀猪盘 盗号 被盗 点链接 钓鱼链接 诈骗链接 吸费""",
        "身份证号 骚扰 骗钱 骗人 坑人 陌生电话 莫名 权限 家人 亲戚 朋友 同事 单位",
    ),
    Category.AFTER_SALES_REFUND: cues(
        """退款 退货 换货 退换 退钱 维修 返修 保修 售后 质保 三包 安装 上门 补发 赔偿 理赔
        退订 拒赔 退保 退费 退票 退课 报修 拒绝保修 不保修 保修范围 不给退 不予退 退不回
        报销 寄修 送修 无理由退 退租 退押金 退费难 不给保 拒保 没有配件 没配件 缺配件 等配件
        配件没到 代步车 退车 换车 不到账 没到账 未到账 退票款 补偿款 赔偿款 只能赔 延误补偿
        装宽带 装机 移机 拆机 维修师傅 安装师傅 没人上门 没上门 没人修 没修好""",
        "退 修 换一个 换个 检测 保养 师傅",
    ),
    Category.DELIVERY_LOGISTICS: cues(
        """快递 物流 配送 送餐 送货 骑手 外卖小哥 送到 送达 送来 超时 迟到 延迟发货 发货慢
        没发货 丢件 丢了 运输 派送 签收 洒了 撒了 漏了 压坏 送错 少送 漏送 等了 小时才到
        分钟才到 延误 晚点 航班取消 取消航班 被取消 改签 误机 行李 托运 不让下机 停运 延期交付
        交付延期 等车 等了半年 交车 交房 延期交房 逾期交房 一拖再拖 没排产 还没排产 未排产
        推迟交付 延迟交付 不交车 迟迟不交 滞留 机上滞留 备降 返航 航班合并 行李箱 弄丢""",
        "慢 太久 晚了 凉了 冷了 到货 提车 交付 排产",
    ),
    Category.SERVICE_ATTITUDE: cues(
        """态度 服务差 服务太差 服务员 前台 客服 不理人 爱答不理 不搭理 推诿 踢皮球 推卸 敷衍
        没人管 没人理 不回复 挂电话 骂人 辱骂 甩脸 脾气 态度恶劣 态度强硬 不接电话 没人联系
        无人联系 不回消息 没人回 踢来踢去 互相推 不作为
        推三阻四 刁难 为难人 不管不问 不闻不问 拉黑 踢出群 动手 打人 甩锅
        不耐烦 吼 黑脸 臭脸 玩手机 白眼 阴阳怪气 呵斥 训斥 冷嘲热讽 爱搭不理 冷血""",
        "服务 冷漠 没礼貌 凶",
    ),
    Category.CONTRACT_PRICING: cues(
        """价格 价钱 收费 乱收费 多收 加价 涨价 降价 差价 优惠券 优惠 满减 促销 活动价 发票
        合同 违约 押金 定金 价保 标价 隐形消费 捆绑 不划算 性价比 虚假宣传 夸大宣传 霸王条款
        利息 利率 高利贷 年化 手续费 服务费 会员费 担保费 砍头息 违约金 罚息 滞纳金 保费
        乱扣费 多扣 自动续费 套餐 资费 话费 流量费 月租 携号转网 销户 合约 订购 开通了 误导
        诱导 承诺 不兑现 未兑现 强制 强行 加装 捆绑销售 学费 课时费 额度 提前还款 分期
        杀熟 大数据杀熟 一费制 加收 另收 额外收费 隐藏费用 自费 估价 压价 降额 补差价 官降
        价格补偿 降价补偿 金融服务费 上牌费 精品包 超售 退票费 改签费 退改签 选座费 超重费
        行李费 燃油附加费 隐形收费 转网 不让转 不能转 不给转 授权码 销号 不能销 不让销 保底 最低消费
        靠号 降档""",
        "贵 钱 元 块钱 便宜 扣费 注销 设卡",
    ),
    Category.PRODUCT_QUALITY: cues(
        """质量 坏了 损坏 破损 故障 不能用 用不了 开不了机 死机 黑屏 卡顿 断了 裂了 漏水 掉色
        起球 假货 山寨 次品 残次 瑕疵 做工 划痕 不工作 不好用 失灵 发热严重 耗电 难吃 不好吃
        分量少 量少 太咸 太淡 设施 隔音 房间小 空调 热水 翻新 噪音 太吵 很吵 非常吵 霉味 异味
        破旧 陈旧 老化 硬件 床垫 盗版 掉漆 续航 死机 重启 不支持 太油 太辣 太甜 不新鲜 烂了
        少得可怜 肉少 难以下咽 咸 糊 异响 失灵 漏油 漏液 黑屏 花屏 闪屏 白屏 蓝屏 卡死 闪退
        自动关机 起泡 生锈 锈蚀 开裂 断裂 变形 脱落 松动 抖动 顿挫 熄火 无法启动 打不着火
        无法充电 充不进电 充不上电 不充电 掉电 发烫 过热 鼓包 进水 进灰 短路 烧坏 不制冷
        不制热 不出水 不显示 没声音 杂音 绿线 断网 掉线 没信号 信号差 网速慢 连不上 打不开
        无法使用 无法正常 缺陷 质量问题 做工差 虚标 召回 故障灯 漏风 风噪 胎噪 异音 频繁重启
        不灵敏 识别不了 失效 趴窝 烧机油 断轴 变速箱 发动机 刹车 问题车
        空鼓 渗水 积水 裂缝 墙皮 关不严 网速 延迟高 卡成 跑偏 bug 报错 故障码 错误代码 烧了 没反应
        漏雨 变慢 越来越慢 卡住 降频""",
        """坏 差 旧 吵 味道 口味 难用 一般 少 小 油 硬 软 烂 房间 床 卫生间 电池 屏幕 材料 面料
        布料 底盘 轮胎 车身 车门 天窗 空调 摄像头 主板 充电 信号 宽带 系统 课程 老师""",
    ),
}

for _category, _extra in EDUCATION_CUES.items():  # a school's complaints (education.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in DEVICE_CUES.items():  # a phone's complaints (devices.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in APPLIANCE_CUES.items():  # an appliance's complaints (appliances.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in COURIER_CUES.items():  # a courier's complaints (couriers.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in RIDE_CUES.items():  # a ride's complaints (rides.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in ESTATE_CUES.items():  # a house's complaints (estates.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in GAME_CUES.items():  # a game's complaints (games.py)
    CATEGORY_CUES[_category].update(_extra)
for _category, _extra in GYM_CUES.items():  # a member's complaints (gyms.py)
    CATEGORY_CUES[_category].update(_extra)

# A part that keeps a car under control failing (刹车…失灵, 方向盘突然锁死, 刹车踩不下去) is a
# safety defect, 人身安全, however the two are worded apart; either alone is not (刹车异响,
# 方向盘有点虚).
SAFETY_PARTS: frozenset[str] = frozenset(words("刹车 制动 转向 方向盘 油门 气囊"))
PART_FAILURES: frozenset[str] = frozenset(
    words("失灵 失效 锁死 踩不动 踩不下去 变硬 没弹 未弹 卡死 突然加速")
)
# What is named after a control part but does not steer or stop the car: 方向盘按键失灵 (the
# buttons on the wheel), 刹车灯不亮, 转向灯失灵 are defects, not 人身安全.
PART_FITTINGS: frozenset[str] = frozenset(
    words(
        """方向盘按键 方向盘按钮 方向盘上的按键 方向盘加热 方向盘皮 方向盘套 方向盘多功能
        刹车灯 制动灯 转向灯"""
    )
)

# A repair, a warranty or a part refused (不给保, 没有配件, 不认账): the complaint is the refusal,
# 售后, even where the text names the defect that needed the repair (漏油在质保期内，4S店不给保).
REPAIR_REFUSALS: frozenset[str] = frozenset(
    words(
        """不给保 拒保 拒绝保修 不保修 不给保修 不予保修 不给修 拒绝维修 不给维修 没有配件 没配件
        缺配件 等配件 配件没到 不给代步车 不认账 不给检测"""
    )
)
REPAIR_REFUSALS |= DEVICE_REFUSALS  # a phone's repair refused for the owner's fault (devices.py)

# Finance texts (cards, loans, insurance; issue #13): a card or a loan is no defective product,
# and 住院 or 身故 is the reason of a claim, of a late repayment or of a card payment (住院报销被
# 拒赔, 住院没法还款, 刷卡交住院押金), not harm the bank or the insurer did.
FINANCE_CONTEXT: frozenset[str] = frozenset(
    words(
        """保险公司 保险产品 买了保险 买的保险 保险理赔 车险 医疗险 重疾险 寿险 意外险 健康险
        百万医疗 人寿 保单 投保 核保 理赔 拒赔 退保 保费 保额 被保险人 报销 贷款 借款 网贷
        还款 逾期 催收
        征信 信用卡 储蓄卡 借记卡 银行卡 提额 降额 批卡 下卡 销卡 风控 负债率 额度 分期 利息 年费
        消费金融 借呗 花呗 白条 银行 柜员 理财"""
    )
)
# Travel texts (flights, trains; issue #13): a delayed or cancelled flight, a lost or broken
# suitcase, a fee or a crew member is no defective product, whatever the review corpora taught
# the model about 延误 or 摔坏. There 商品质量 needs a defect of its own named (座椅坏了, 不制冷,
# 没声音), and a suitcase broken in the hold is transit damage (货物运输/物流).
TRAVEL_CONTEXT: frozenset[str] = frozenset(
    words(
        """航班 机场 飞机 班机 登机 值机 乘务 空姐 空乘 机组 机长 机票 航司 航空公司 机舱 客舱 起飞
        落地后 降落 航站楼 转机 经停 高铁 动车 列车 火车 车次 12306 乘客 旅客 行李 托运 行李箱
        退票 改签 退改签 机上"""
    )
)
LUGGAGE: frozenset[str] = frozenset(words("行李 托运 行李箱 箱子"))
TRANSIT_DAMAGE: frozenset[str] = frozenset(
    words("坏了 损坏 破损 摔坏 裂了 压坏 断了 变形 开裂 断裂 脱落 坏 丢失")
)
# A flight or a train cancelled, however it is worded (取消了我的航班, 航班说取消就取消, 车次临时
# 取消): in a travel text 取消 beside a flight or a train is a trip that did not happen, 货物运输/
# 物流 like a delay (it read as 价格 or 服务态度 when only 航班取消 and 取消航班 were cues).
CANCELLED: frozenset[str] = frozenset(words("取消 停飞 砍掉 被砍"))
TRIPS: frozenset[str] = frozenset(words("航班 班机 飞机 列车 车次 高铁 动车 火车 航线"))
TRIP_CANCELLED = "航班取消"  # the logistics cue such a text counts as
# 商品质量 cues that name no defect in a travel text (the cabin's 空调 is where a hold went wrong).
TRAVEL_VAGUE_QUALITY: frozenset[str] = frozenset(words("空调 热水 设施 质量 发动机"))
# Telecom texts (mobile plans, broadband; issue #13): the model never read one, so there it never
# decides alone (the cues add their weight, as in a travel text).
TELECOM_CONTEXT: frozenset[str] = frozenset(
    words(
        """套餐 话费 流量包 宽带 光猫 营业厅 运营商 携号转网 转网 销户 销号 基站 5g信号 4g信号
        sim卡 手机卡 电话卡 副卡 月租 详单 彩铃 增值业务 靠号 合约机 保号 移机 拆机 12300 工信部
        通信管理局"""
    )
)
# A charge for something the customer never ordered (没开通过的业务被扣费, 吸费) is an unauthorised
# charge, 隐私/欺诈 (DOMAIN.md), whatever the price words around it; a plan changed behind the
# customer's back stays a contract matter (购销合同/价格).
NEVER_ORDERED: frozenset[str] = frozenset(
    words(
        """没开通 没有开通 从没开通 从来没开通 从未开通 未开通 没订 没有订 从没订 从来没订 未订购
        没申请 没有申请 从没申请 没办过 没有办过 从没办 从未办理 没有办理过 没点过 根本没点
        不知道什么时候 背着我 私自开通 擅自开通 偷偷开通 被开通 被订购 默认开通 莫名开通
        莫名其妙开通 莫名其妙的 吸费 不记得开通 默认开了 默认勾选 偷偷勾选"""
    )
)
CHARGES: frozenset[str] = frozenset(
    words("扣费 扣款 扣钱 扣了 扣我 被扣 多扣 乱扣 偷扣 私扣 扣掉 扣走 吸费 收费 业务费 包月")
)
PLAN_CHANGES: frozenset[str] = frozenset(
    words("套餐被 改成 换成 升级成 升级了 变更 降档 升档 改了套餐 换了套餐")
)
# A refund promised and not paid (答应退…还没退回来, 说好退到银行卡…没到账) is 售后 however the
# money was lost (多扣的话费, 宽带费).
REFUND_PENDING: frozenset[str] = frozenset(
    words(
        """还没退 没退回 没有退回 没退还 没有退还 退不回来 没到账 不到账 未到账 答应退 说好退 说退
        承诺退 说要退"""
    )
)
# Compensation demanded for what went wrong (要求赔偿, 这损失谁来赔) is the remedy asked for, not
# the grievance: 赔偿 decides no category there when another category is named.
DEMANDED_REMEDY: frozenset[str] = frozenset(
    words("要求赔偿 赔偿损失 谁来赔 谁赔 并赔偿 要求补偿 要求按规定赔偿")
)
REMEDY_WORDS: frozenset[str] = frozenset(words("赔偿 补偿 理赔"))
# Complaint words jieba's tables lack (烂脸 reads as 烂 + 脸, 割韭菜 as 韭菜, 断轴 as nothing): the
# keyword vocabulary adds them (sentiment/idf_vocabulary.py), so a story told with them is one
# topic and one event. Words jieba knows (暴雷 11.5, 退保 10.5) keep its idf.
COMPLAINT_TERMS: frozenset[str] = frozenset(
    words(
        """烂脸 爆痘 闷痘 起痘 踩雷 塌房 割韭菜 爆雷 暴雷 断轴 掉漆 闪退 断货 漏液 扣费 乱扣费
        盗刷 退保 套路贷 砍头息 爆仓"""
    )
)
# Safety cues that in a finance text are what happened to the customer (the claim's reason),
# not what the product did: they decide no 食品安全/人身安全 there.
CLAIM_REASONS: frozenset[str] = frozenset(
    words(
        """食物中毒 中毒 拉肚子 腹泻 呕吐 上吐下泻 住院 急诊 过敏 烫伤 烧伤 受伤 割伤 起火 着火 爆炸
        自燃 漏电 触电 窒息 死亡 身亡 车祸 事故 追尾 撞车 撞上"""
    )
)
# 商品质量 cues that say nothing about a defect by themselves ("这卡在国内用不了", "卡失效了"):
# in a finance text product quality needs a defect named (闪退 无法登录 充不进电 …).
VAGUE_QUALITY: frozenset[str] = frozenset(
    words("""用不了 不能用 不好用 失效 不支持 无法使用 无法正常 质量 设施 老化""")
)
# What has expired is a voucher, a card or a membership, not food: 过期 is no safety cue then.
EXPIRED_NOT_FOOD: tuple[str, ...] = (
    words(
        """券过期 券已过期 券就过期 券已经过期 卡券过期 卡过期 积分过期 会员过期 额度过期 证件过期
    身份证过期 过期作废 才过期 积分要过期 积分快过期 积分即将过期 里程快过期
    里程要过期 流量过期 话费过期"""
    )
    + EXPIRED_HOURS
)

COMPLAINT_MARKERS: tuple[str, ...] = words(
    "投诉 维权 差评 举报 要求 必须 给个说法 太差 垃圾 坑 拒绝 拒不 不予 无果 未解决 没解决 至今"
)

# Urgency signal words with their weight; sentiment/urgency.py caps each signal's sum.
HARM_WORDS = weighted(
    """死亡:45 身亡:45 去世:45 爆炸:40 起火:40 着火:40 自燃:40 食物中毒:40 中毒:35 住院:35
    急诊:30 送医:30 抢救:40 窒息:35 触电:35 受伤:25 烫伤:25 烧伤:25 割伤:20 流血:20 骨折:30
    过敏:20 上吐下泻:25 拉肚子:25 腹泻:25 呕吐:20 孩子:10 婴儿:15 宝宝:10 儿童:10 孕妇:15
    老人:8 异物:10 致癌:25
    烂脸:25 毁容:35 皮炎:20 红肿:15 脸肿:15 红疹:10 去医院:20 就医:20 皮肤科:15
    刹车失灵:40 刹车失效:40 制动失效:40 制动失灵:40 刹不住:35 刹车踩不动:35 刹车踩不下去:35
    断轴:35 转向失灵:35 方向盘失灵:35 方向盘锁死:35 车辆失控:35 车子失控:35 突然加速:25
    意外加速:25 暴冲:30 气囊没弹:30 气囊未弹:30 高速熄火:25 行驶中熄火:25 动力中断:25
    人命关天:25 车祸:30 晕倒:25 晕厥:25 昏倒:25 休克:35 救护车:25 叫了120:25 打了120:25
    打120:25"""
)
HARM_WORDS.update(EDUCATION_HARM)  # a pupil hurt or punished (education.py)
HARM_WORDS.update(APPLIANCE_HARM)  # gas, fumes or current at home (appliances.py)
HARM_WORDS.update(COURIER_HARM)  # a courier's tricycle, a parcel's fumes (couriers.py)
HARM_WORDS.update(RIDE_HARM)  # a driver's harassment or running red lights (rides.py)
HARM_WORDS.update(ESTATE_HARM)  # a lift that traps people, things falling (estates.py)
HARM_WORDS.update(GAME_HARM)  # a crowd crush at a game's carnival, merch that burns (games.py)
HARM_WORDS.update(GYM_HARM)  # a treatment's burn, a coach's training that injures (gyms.py)
# Who is harmed weighs more, but naming them tells no harm: beside a harm word they add their
# weight (孩子 送医 住院), alone they are no reason (适合几岁的孩子开始学, 给宝宝买的推车坏了).
PEOPLE_AT_RISK = frozenset(words("孩子 婴儿 宝宝 儿童 孕妇 老人"))
LEGAL_WORDS = weighted(
    """12315:25 315:15 消协:25 消费者协会:25 市场监管:25 工商局:20 食药监:25 卫生局:20 律师:25
    起诉:30 法院:30 诉讼:30 报警:30 派出所:25 立案:30 仲裁:25 举报:15 12345:20
    12326:25 12328:20 民航局:25 民航总局:25 交通运输部:20
    12300:25 工信部投诉:25 工信部申诉:25 向工信部:25 找工信部:25 去工信部:25 通信管理局投诉:25
    通信管理局申诉:25 向通信管理局:25 电信用户申诉:20
    12378:25 银保监:25 银监会:25 金融监管:25 人民银行:20 金融消费者权益:20 信访:20"""
)
LEGAL_WORDS.update(EDUCATION_LEGAL)  # a complaint taken to the 教育局 (education.py)
LEGAL_WORDS.update(NOT_SIGNALS)  # an alarm (报警器) is no police call (appliances.py)
MEDIA_WORDS = weighted(
    """曝光:25 媒体:25 记者:30 电视台:30 上热搜:30 热搜:20 发微博:15 黑猫投诉:20 黑猫:10
    自媒体:15 抖音:10 小红书:10 公众号:10 让大家看看:15 广而告之:10 扩散:20"""
)
COLLECTIVE_WORDS = weighted(
    """集体维权:35 维权群:30 集体投诉:30 不止我一个:25 不止我一人:25 很多人:15 大家都:10
    好多人:15 同样遭遇:20 受害者:20 写联名信:25 写了联名信:25 联名投诉:25 联名举报:25
    联名上书:25 联名维权:30"""
)
COLLECTIVE_WORDS.update(ESTATE_COLLECTIVE)  # owners with banners at the sales office (estates.py)
COLLECTIVE_WORDS.update(GAME_COLLECTIVE)  # players' groups taking a complaint on (games.py)
# Debt-collection harassment and personal data misuse (DOMAIN: 催收 harassment is urgent).
PRIVACY_WORDS = weighted(
    """暴力催收:40 爆通讯录:40 通讯录:20 催收:10 催债:10 骚扰:20 恐吓:20 威胁:20
    辱骂:15 信息泄露:35 泄露:25 泄漏:25 盗刷:30 冒用:20 冒名:20 未经授权:20 没授权:15"""
)
PRIVACY_WORDS.update(GAME_PRIVACY)  # a player's stolen account or real-name data (games.py)
PRIVACY_WORDS.update(GYM_PRIVACY)  # members' data sold (gyms.py)
PRIVACY_WORDS.update(
    COURIER_HARASSMENT
)  # a fake courier's call, a courier at the door (couriers.py)
# Whom a collector must not call: a 催收 post naming one of them is third-party harassment.
COLLECTION_WORDS = words("催收 催债 催款")
THIRD_PARTIES = words(
    """爸妈 父母 我妈 我爸 家人 家里人 老婆 老公 亲戚 亲友 朋友 同学 同事 领导 单位 公司
    村里 邻居 奶奶 爷爷 紧急联系人 通讯录"""
)
REPEAT_WORDS = weighted(
    """第三次:20 第四次:25 第五次:25 又一次:10 多次投诉:25 多次联系:20 反复:10 一直没人处理:25
    一直没有处理:25 没人处理:20 没人管:15 至今没有:15 至今未:15 拖了:15 石沉大海:20
    无人回复:15 再次投诉:20 还没解决:15 还是没解决:20 一直拖:15 拖着:10 几次三番:20
    打了三次:20 打了四次:20 打了五次:25 打了无数次:25 每次打电话:15 每次都说:15 每次都让:15"""
)
EMOTION_WORDS = weighted(
    """垃圾:10 恶心:10 愤怒:15 气死:15 无语:5 崩溃:15 绝望:20 骗子:15 黑心:15 坑爹:10 无良:15
    去死:20 傻逼:15 太过分:15 欺人太甚:20 忍无可忍:20 再也不:10 投诉:5 !!!:10"""
)

STOPWORDS: frozenset[str] = frozenset(
    words(
        """的 了 是 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 就 都 也 还 又 很 太 非常
        在 和 与 及 或 有 没 没有 不 不是 就是 还是 但是 但 而且 所以 因为 如果 一个 一下
        一些 一点 什么 怎么 怎么样 为什么 吗 呢 吧 啊 哦 呀 嘛 哈 哈哈 啦 么 个 把 被 给
        让 对 从 到 去 来 说 要 会 能 可以 可能 已经 现在 今天 昨天 时候 自己 感觉 觉得
        真的 真是 比较 东西 这样 那样 然后 之后 以后 以前 知道 看 看到 买 用 得 地 着 过
        次 再 才 只 还有 这次 一次 一直 其实 而 与其 还要 多 少 好 挺 蛮 下 上 里 中 后
        前 等 等等 回复 转发 微博 关注 分享 两个 一个多 小时 很差 很好 不错 http https www com cn"""
    )
)
