"""The everyday texts of the education company's review week (bench/school_week.py; not
shipped), written for it before any classifier output was read.

Each everyday kind has the category and sentiment an education company's PR manager would give
it (DOMAIN.md) and two lists of templates, each a (text, urgency level) pair: a *dev* list that
may be studied and tuned on, and a *test* list that is only scored. Slots: {brand} {official}
{rival} {city} {district} {course} {money} {days} {hotline}. The crisis texts are in
bench/school_crisis.py.

How the categories read for a school or a training company (DOMAIN.md): a refund refused or
dragged out (退费难, 拒不退费, 退款拖延) is 售后/退换货; false advertising, a promised score or
pass that was not kept (承诺提分, 包过), teachers who are not what was advertised (师资造假),
a training loan talked into (教培贷), unfair contract terms (霸王条款, 转让费) and class hours
deducted without clear accounting (课消不透明) are 购销合同/价格; the course itself failing (a
teacher changed again and again, a poor course, a live class that freezes) is 商品质量; a rude
course adviser or 班主任 is 服务态度; sales calls and leaked data are 隐私/欺诈; a pupil hurt,
punished or made ill (校车, 食堂, 体罚) is 食品安全/人身安全, and urgent.
"""

from __future__ import annotations

from bench.week_story import C, H, Kind, L, M, closings, openings

BRAND = "启明"
OFFICIAL = "启明教育"
RIVAL = "博思教育"
CITIES = ["杭州", "成都", "武汉", "西安", "南京", "长沙", "郑州", "合肥", "济南", "苏州"]
DISTRICTS = ["滨江区", "高新区", "洪山区", "雁塔区", "鼓楼区", "岳麓区", "金水区", "历下区"]
COURSES = ["初中数学一对一", "高考冲刺班", "雅思全程班", "考研全程班", "少儿英语", "少儿编程课"]
MONEY = ["3800", "6800", "12800", "19800", "26000", "39800"]
DAYS = ["两周", "一个月", "四十多天", "两个月", "三个多月", "半年"]
HOTLINE = "400-818-6600"


EVERYDAY: list[Kind] = [
    (
        "praise",
        "other",
        "positive",
        [
            ("孩子在{brand}上了一学期{course}，期中数学从七十多分考到一百零五，王老师真的负责", L),
            ("{brand}的雅思老师讲口语特别有一套，我三个月从5.5提到了7分，强烈推荐", L),
            ("{brand}{city}{district}校区的班主任每节课后都发反馈，孩子哪里没掌握写得清清楚楚", L),
            ("考研上岸了！感谢{brand}的政治老师，押的大题中了两道", L),
            ("女儿以前一提英语就哭，在{brand}上了半年少儿英语，现在天天主动读绘本", L),
        ],
        [
            ("{brand}的编程课挺有意思，儿子放学回来第一件事就是写他的小游戏", L),
            ("{brand}老师周末还在群里给孩子答疑，到十点多都在，家长看着都感动", L),
            ("给{brand}的刘老师送了面锦旗，孩子中考数学考了一百一十八", L),
            ("在{brand}学的会计实操，拿到证书第二个月就找到了工作，值", L),
        ],
    ),
    (
        "chatter",
        "other",
        "neutral",
        [
            ("请问{brand}的{course}一节课多少钱，一个班几个学生", L),
            ("{brand}{city}{district}校区可以预约试听课吗，孩子初二，数学有点跟不上", L),
            ("有没有家长在{brand}上过少儿编程，适合几岁的孩子开始学", L),
            ("{brand}考研全程班和单科班有什么区别，二战党求问", L),
            ("{brand}寒假班什么时候开始报名，去年好像十二月初就满了", L),
            ("{brand}的网课是直播还是录播，错过了能回看吗", L),
            ("想了解一下{brand}的雅思班，零基础大概要学多久", L),
        ],
        [
            ("{brand}的课时包可以两个孩子一起用吗", L),
            ("孩子下学期想换到{brand}离家近一点的校区，课时能转过去吗", L),
            ("{brand}的老师都是全职的吗，一对一可以指定老师吗", L),
            ("{brand}的教材是自己编的还是用学校的课本", L),
            ("{brand}暑假有没有托管班，家里没人带", L),
        ],
    ),
    (
        "competitor",
        "other",
        "neutral",
        [
            ("{brand}和{rival}的考研班到底选哪个，两家价格差不多", L),
            ("{rival}的一对一比{brand}便宜两千，但是老师资历好像没那么老", L),
            ("孩子同学在{rival}补数学，我们在{brand}，期末成绩差不多", L),
        ],
        [
            ("{brand}还是{rival}，{city}这边哪家的英语外教多一点", L),
            ("{rival}今年也开了编程课，和{brand}的课程体系有点像", L),
        ],
    ),
    (
        "promo",
        "other",
        "neutral",
        [
            ("【{brand}寒假班火热报名中】{course}早鸟价立减八百，前五十名送教辅，详询{hotline}", L),
            ("{brand}春季学期老学员续报享九折，推荐新同学再送四节课", L),
            ("{brand}考研全程班限时优惠，{money}元含公共课与专业课，签约保障班名额有限", L),
        ],
        [
            ("{brand}免费学习规划讲座本周六开讲，扫码预约，到场送定制笔记本", L),
            ("{brand}少儿英语0元体验课开放预约，外教小班，每班限六人", L),
        ],
    ),
    (
        "news",
        "other",
        "neutral",
        [
            ("{brand}教育发布第三季度财报，职业教育与成人考试业务收入同比增长18%", L),
            ("{brand}教育在{city}新开三家素质教育校区，主打编程和科学实验课程", L),
            ("{city}市教育局公布第二批校外培训机构白名单，{brand}教育等三十家机构入选", L),
        ],
        [
            ("{brand}教育与多所高职院校签约，共建数字技能实训基地", L),
            ("{city}发布校外培训预收费监管办法，学费须存入监管专户", L),
        ],
    ),
    (
        "refund",
        "after_sales_refund",
        "negative",
        [
            ("孩子不想上了申请退费，{brand}拖了{days}还没退，每次打电话都说财务在走流程", M),
            ("{brand}退费难，剩下四十节课的钱，课程顾问一直说要领导审批，审批了{days}", M),
            ("报名时说随时可以退，现在申请退课{brand}要扣百分之三十手续费，剩下的也迟迟不到账", L),
            ("在{brand}交了{money}学费，上了两节课不合适，{brand}拒不退费，已经打12345投诉了", H),
            ("{brand}答应一周内退剩余学费，现在{days}过去了，一分钱没见到", M),
        ],
        [
            ("找{brand}要退剩下的课时费，校区推给总部，总部又让找校区，钱就是不给", M),
            ("申请退学快两个月了，{brand}那边的退款进度一直卡在审核", L),
            ("{brand}说退费要先扣掉赠送课和教材费，算下来{money}只能退一半，这合理吗", L),
            ("孩子转学去外地了，{brand}的剩余课时不给退也不给转，只能干耗着", L),
        ],
    ),
    (
        "false_promise",
        "contract_pricing",
        "negative",
        [
            ("{brand}报名时承诺一学期提二十分，上完课期末反而降了，找他们说提分不保证", L),
            ("{brand}的考研协议班说不过全额退，我没过线现在又说不符合条款，这就是虚假宣传", M),
            ("宣传说都是名校毕业的名师，结果给孩子上课的是刚毕业的大学生，{brand}师资造假", L),
            ("{brand}广告上写的小班不超过六人，实际一个班坐了十五个", L),
        ],
        [
            ("课程顾问拍胸脯说包过，花了{money}，考试没过就再也联系不上了", M),
            ("{brand}说的外教是欧美外教，上了几次课才知道是东南亚的，跟宣传完全不一样", L),
            ("所谓的清北名师一对一，上课的老师连题都讲不明白，{brand}这宣传太夸张了", L),
        ],
    ),
    (
        "loan",
        "contract_pricing",
        "negative",
        [
            ("{brand}课程顾问说分期是免息的，签完才发现是在贷款平台办了教培贷，每月还有利息", M),
            ("当时说先上课后付款，结果{brand}让我在手机上点了几下就办了{money}的贷款", M),
            ("{brand}诱导家长办分期贷款交学费，现在不想上了，贷款还要继续还", M),
        ],
        [
            ("在{brand}报的培训班用的是分期，现在课不上了，每个月还在扣钱还贷", M),
            ("{brand}的销售没说清楚是网贷，我征信上多了一笔借款才知道", H),
            ("学费{money}，{brand}劝我办分期说压力小，合同里的服务费比利息还高", L),
        ],
    ),
    (
        "contract",
        "contract_pricing",
        "negative",
        [
            ("{brand}的合同写着课程一经售出概不退款，这不是霸王条款吗", L),
            ("想把没上完的课转给别的孩子，{brand}要收百分之二十的转让费", L),
            ("{brand}续费时说是原价，结果合同上每节课贵了五十，签字前没人提", L),
            ("{brand}的课程有效期只有一年，过期剩下的课时直接作废，报名时根本没说", L),
        ],
        [
            ("{brand}让一次性交两年的学费，说不交就没有优惠价，合同里也不写能不能退", L),
            ("教材费、资料费、测评费，{brand}报完名又收了一堆杂费", L),
            ("签合同时{brand}的人催着赶紧签字，回家细看才发现请假三次就算自动放弃课时", L),
        ],
    ),
    (
        "class_hours",
        "contract_pricing",
        "negative",
        [
            ("孩子那周生病请假了，{brand}的系统还是把四节课时都扣掉了", L),
            ("{brand}课时扣得莫名其妙，APP上显示剩十二节，校区说只剩六节", L),
            ("{brand}一节课说好两小时，实际上一个半小时就下课，课时照样按一节扣", L),
        ],
        [
            ("{brand}的课消记录家长根本看不到，问了也说不清楚到底上了几节", L),
            ("明明老师请假没上课，{brand}却在系统里记了一次课时", L),
        ],
    ),
    (
        "teaching",
        "product_quality",
        "negative",
        [
            ("一个学期给孩子换了四个老师，{brand}每次都说是教学安排，孩子都不想去了", L),
            ("{brand}的网课直播一节课卡了五六次，声音断断续续，老师讲什么都听不清", L),
            ("{brand}的{course}就是照着课本念，作业也没人批改，跟宣传的个性化辅导差太远", L),
            ("{brand}的录播课还是三年前的，讲的考点都过时了", L),
        ],
        [
            ("开课一个月班主任换了三个，{brand}这流动性也太大了，孩子刚适应又换人", L),
            ("{brand}APP上课老是闪退，画面和老师的声音对不上，白白浪费一节课", L),
            ("报的{course}全是刷题，老师不讲思路，孩子上完更糊涂了", L),
            ("{brand}新来的老师连教案都没有，上课一直在看手机找题", L),
        ],
    ),
    (
        "attitude",
        "service_attitude",
        "negative",
        [
            ("交钱前{brand}的课程顾问天天嘘寒问暖，交完钱问个排课问题都不回消息", L),
            ("{brand}的班主任当着其他家长的面说我家孩子笨，教不会，这是老师该说的话吗", M),
            ("去{brand}校区问退费，前台的人爱答不理，让我回去等通知", L),
            ("打{brand}客服{hotline}反映问题，对方说你自己去找校区，直接挂了电话", L),
        ],
        [
            ("{brand}的顾问一听我说要退费，态度马上变了，说话阴阳怪气的", L),
            ("给{brand}老师发了三条消息问孩子的学习情况，一条都没回", L),
            ("{brand}校长说家长事多就别来上了，这种态度谁还敢把孩子交给他们", M),
        ],
    ),
    (
        "privacy",
        "privacy_fraud",
        "negative",
        [
            ("只是在{brand}留了个电话领资料，之后每天三四个电话推销课程，拒绝了还打", L),
            ("孩子的姓名、学校和成绩怎么会被别的机构知道，我只在{brand}登记过，信息是谁泄露的", M),
            ("{brand}的销售用不同号码轮番打电话，一天打了八次，严重骚扰", L),
        ],
        [
            ("试听完没报名，{brand}的顾问就把我拉进各种群发广告，还一直电话轰炸", L),
            ("有人冒充{brand}老师在家长群里让交资料费，能说出孩子的班级和名字", H),
        ],
    ),
    (
        "safety",
        "food_safety_health",
        "negative",
        [
            ("孩子在{brand}托管班吃了午饭，回家上吐下泻，同班好几个孩子都这样", H),
            ("{brand}的接送车超载，一辆七座车挤了十几个孩子，家长看到都吓坏了", H),
            ("{brand}的老师因为孩子没写完作业罚站一节课，还用尺子打手心，手都肿了", H),
            ("孩子在{brand}校区楼梯上摔倒磕破了头，老师一个多小时后才通知家长", H),
        ],
        [
            ("{brand}托管班的饭菜有异味，女儿吃完肚子疼了一晚上，去医院说是肠胃炎", H),
            ("孩子说{brand}的老师上课推了他一把，脖子上有红印，我已经报警了", C),
            ("{brand}校车司机开车打电话还闯红灯，孩子回来说吓得不敢坐", M),
        ],
    ),
]
# Share of each everyday kind in a day's posts (the rest of the day are reposts).
KIND_WEIGHTS = {
    "praise": 10,
    "chatter": 20,
    "competitor": 5,
    "promo": 8,
    "news": 4,
    "refund": 10,
    "false_promise": 6,
    "loan": 4,
    "contract": 5,
    "class_hours": 4,
    "teaching": 8,
    "attitude": 6,
    "privacy": 4,
    "safety": 3,
}
COMPLAINT_KINDS = {
    "refund", "false_promise", "loan", "contract", "class_hours", "teaching", "attitude",
    "privacy", "safety",
}  # fmt: skip
OPENINGS = openings("问一下，", "【家长分享】")
CLOSINGS = closings("～", "。#家长日常#")
COMPLAINT_TITLES = {
    "refund": "申请退费被拖延拒绝",
    "false_promise": "虚假宣传承诺不兑现",
    "loan": "被诱导办理教培贷",
    "contract": "合同霸王条款",
    "class_hours": "课时被乱扣",
    "teaching": "频繁更换老师课程质量差",
    "attitude": "课程顾问班主任态度差",
    "privacy": "个人信息泄露推销骚扰",
    "safety": "学生在校安全问题",
}
# The brand's own replies to complaints in the comments (its own account; neutral, not complaints).
OFFICIAL_REPLIES = [
    "家长您好，非常抱歉给您和孩子带来困扰，请私信学员姓名和所在校区，我们会尽快核实处理。",
    "您好，关于您反映的退费问题，已转交{city}分校负责人跟进，将在三个工作日内与您联系。",
    "感谢您的反馈，关于老师调整的情况我们已了解，教学主管会与您沟通后续安排。",
    "您好，已为您登记，课时记录我们会逐节核对后在APP中给您明细。",
]
