"""The crisis texts of the mobile-game publisher's review week (bench/game_week.py; not shipped),
written for it before any classifier output was read.

Day 4 (Thursday) 20:30: a data-miner (解包 player) posts the drop table unpacked from 《星穹幻想》:
the limited five-star rate the game publishes is 1.6 %, the code's is 0.6 %, and the 90-pull
保底 is not guaranteed for accounts that recharged the most; he adds a spreadsheet of 20,000
players' pulls that agrees with the code, not the notice. Players, a game UP主 with millions of
followers (大V), the brand's first statement (the rates "match the published notice", the data
"maliciously edited", accounts spreading it to be banned), the backlash (players banned for
reposting), a newspaper's investigation (former staff: rates lowered by spending), the market
regulator's notice (市场监管局: a case opened on the published odds) and the brand's apology with
compensation and refunds. Each voice has its own truth: (text, category, urgency level); the
voices are split into a *dev* list (may be tuned on) and a *test* list (only scored).

How the categories read (DOMAIN.md; bench/game_texts.py): odds lower than published and a 保底
not honoured are 购销合同/价格 — what was sold is not what was given; a player asking the money
back (退款, 退钱) is 售后/退换货; a statement that calls players liars and bans them for
reposting is 服务态度 (a ban without reason, as every day); a player's data shown to others is
隐私/欺诈.
"""

from __future__ import annotations

from bench.week_story import H, M, Voice

CONTRACT, REFUND, ATT, PRIVACY = (
    "contract_pricing",
    "after_sales_refund",
    "service_attitude",
    "privacy_fraud",
)
TAG = "#星穹幻想抽卡概率造假#"

INCIDENT_SEED = (
    "解包了《星穹幻想》客户端的掉落表，限定五星公示概率1.6%，代码里写的是0.6%，"
    "九十抽保底对充值越多的账号反而不生效。我还统计了两万名玩家提交的抽卡记录，"
    "结果和代码一致，和公示对不上。我们花的每一分钱都是按公示概率算的，"
    "@{official} 请解释为什么实际概率不到公示的一半？数据和表格都在图里。" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("抽了一千多抽出了三个限定，按公示概率根本不可能，{brand}这是概率造假", CONTRACT, M),
    ("公示写1.6%实际0.6%，这和卖东西缺斤短两有什么区别，{brand}欺骗玩家", CONTRACT, M),
    ("我在{model}前后充了三万多，全是冲着保底去的，现在告诉我保底是假的", CONTRACT, H),
    ("要求{brand}按实际概率和公示概率的差额退款，我已经提交申请了", REFUND, M),
    ("玩家群已经三千人了，准备一起去消协投诉{brand}", CONTRACT, H),
    ("转发了解包的帖子我的号就被封了，{brand}这是要封口吗", ATT, H),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("怪不得我两百抽都不出金，原来概率公示就是个摆设，{brand}太黑了", CONTRACT, M),
    ("{model}的抽卡记录我也导出来了，和解包的数据一模一样，公示的概率是骗人的", CONTRACT, M),
    ("已经在12315上投诉{brand}了，充的钱必须全部退回来", REFUND, H),
    ("去官方群问概率的事直接被踢出群了，{brand}的运营就这态度", ATT, M),
    ("{brand}的声明里把我的UID和充值记录截图发出来了，谁允许你们公开我的信息的", PRIVACY, H),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    (
        "{brand}《星穹幻想》限定卡池实际抽取概率远低于游戏内公示概率，九十抽保底未兑现，"
        "涉嫌虚假宣传，要求公开真实概率并赔偿",
        CONTRACT,
        H,
    ),
    ("{brand}抽卡概率造假，我充值两万元按公示概率抽卡，要求退还全部充值金额", REFUND, M),
]
BLOGGER_POST = (
    "熬夜把解包数据核了一遍，结论很难看：{brand}《星穹幻想》限定五星实际概率不到公示的一半，"
    "保底还按充值分层。几百万玩家每一笔充值都是冲着公示概率去的，这已经不是游戏体验的问题了。"
    "@{official} 请正面回应：概率到底改没改？视频今晚八点发。" + TAG
)
FIRST_STATEMENT = (
    "关于《星穹幻想》抽卡概率的说明：游戏内各卡池概率均严格按照公示执行，并已接受第三方审计。"
    "近日网络流传的所谓“解包数据”系恶意剪辑、篡改，我司已固定证据，对散布不实信息、"
    "破坏游戏秩序的账号将依照用户协议处理，并保留追究法律责任的权利。感谢广大玩家的支持。"
)
MEDIA_POST = (
    "【记者调查：手游抽卡概率为何“缩水”】记者联系到{brand}互娱多名前员工，其中一人称，"
    "《星穹幻想》上线后曾多次下调限定卡池的实际概率，且对高消费玩家设置了不同的保底参数；"
    "记者比对上万条玩家抽卡记录，实际出货率约为公示的四成。" + TAG
)
NOTICE = (
    "{city}市市场监督管理局情况通报：针对网民反映的《星穹幻想》抽卡概率与公示不符问题，"
    "我局已对{brand}互娱立案调查，并责令其保存相关数据，依法处理消费者投诉。"
    "调查结果将及时向社会公布。"
)
AFTER_STATEMENT: list[Voice] = [
    ("恶意剪辑？两万人的抽卡记录也是剪辑出来的吗，{brand}这声明太傲慢了", ATT, M),
    ("严格按照公示执行？那请{brand}把审计报告公开，不敢就是心虚", CONTRACT, M),
    ("声明一出来一堆转发的玩家被封号，{brand}这是在威胁玩家闭嘴", ATT, H),
]
APOLOGY = (
    "致《星穹幻想》全体玩家的致歉信：经内部核查，限定卡池的实际概率参数与公示不一致，"
    "此前的声明未经核实、措辞不当，因转发相关内容被处理的账号已全部解封。我们向全体玩家诚恳道歉。"
    "即日起按公示概率重新执行，受影响玩家可申请全额退款或领取补偿，客服专线{hotline}。"
)
