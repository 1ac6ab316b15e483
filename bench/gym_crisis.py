"""The crisis texts of the fitness and beauty chain's review week (bench/gym_week.py; not
shipped), written for it before any classifier output was read.

Day 3 (Wednesday) 22:10: a member posts that the five 悦动健身 stores of 长沙 (and the two 悦颜美容
salons beside them) closed overnight: doors chained, a note (系统升级，暂停营业), the staff group
dissolved, and her three-year card paid a month before (8,800) with forty 私教 lessons left; the
members' 维权群 has five hundred people and they have gone to the police. Members, the city's
evening paper (that night), the brand's first statement (the stores are a franchisee's, 加盟商
私自闭店, headquarters "not responsible", members to take it up with the franchisee), the backlash
(the cards bore the brand's name, 全国通用 was promised; a member's data posted in a fake
"refund" group), a newspaper's investigation (the franchisee sold cards at 60 % off for three
months before closing, headquarters took its share of each card), the city's 商务局 and
市场监管局's notice on prepaid cards (预付卡: the case registered, members to file their claims)
and the brand's apology with a plan (members' balances refunded or moved to other stores). Each
voice has its own truth: (text, category, urgency level); the voices are split into a *dev* list
(may be tuned on) and a *test* list (only scored).

How the categories read (DOMAIN.md; bench/gym_texts.py): stores closed with members' prepaid
balances unpaid are 售后/退换货 — the money owed back is the grievance, whatever the member calls
it (跑路, 卷款, 骗子); a statement that pushes members onto the franchisee (甩锅, 推卸责任) is
服务态度 — pushed around (推诿); a card sold as 全国通用 that other stores refuse is 购销合同/价格 —
what was sold is not what is given; members' data posted by a fake refund agent is 隐私/欺诈.
"""

from __future__ import annotations

from bench.week_story import H, M, Voice

REFUND, CONTRACT, ATT, PRIVACY = (
    "after_sales_refund",
    "contract_pricing",
    "service_attitude",
    "privacy_fraud",
)
TAG = "#悦动健身长沙多店闭店#"

INCIDENT_SEED = (
    "长沙的五家{brand}健身今天全关了，连旁边两家悦颜美容也关了，门上挂着铁链，"
    "就贴了一张“系统升级，暂停营业”。我上个月刚续了三年卡八千八，私教课还剩四十节，"
    "员工群早上就解散了，店长电话关机。会员维权群已经五百多人，我们下午去派出所报了警。"
    "@{official} 你们的招牌挂在门口，会员的钱到底谁来退？" + TAG
)
INCIDENT_VOICES_DEV: list[Voice] = [
    ("上周还有销售打电话让我充值续卡，这周店就没了，{brand}把钱退回来", REFUND, M),
    ("我妈在悦颜美容充了两万多的疗程卡，现在人去楼空，找谁要钱", REFUND, H),
    ("长沙{brand}跑路了，四十节私教课一节都没上，这钱必须退", REFUND, M),
    ("维权群里统计已经有三百多万的余额了，明天一起去市场监管局", REFUND, H),
    ("办卡的时候销售说全国门店通用，现在去别的{brand}人家不认我们的卡", CONTRACT, M),
    ("打{brand}总部热线，客服说门店是加盟的让我们自己找老板，踢皮球", ATT, M),
]
INCIDENT_VOICES_TEST: list[Voice] = [
    ("年卡才办了二十天门店就关了，{brand}一句解释都没有，卡里的钱怎么算", REFUND, M),
    ("儿子的游泳课包还剩三十次，{brand}关门前一天还在收钱，太黑了", REFUND, H),
    ("已经去派出所做了笔录，{brand}卷走的预付款要一分不少吐出来", REFUND, H),
    ("维权群里有人冒充律师收费帮我们追款，还把会员名单和电话发到了网上", PRIVACY, H),
    ("{brand}总部把责任全推给加盟商，当初收钱的时候怎么不说是加盟店", ATT, M),
]
# Filed on the complaint platform (the first dev, the second test).
INCIDENT_COMPLAINTS: list[Voice] = [
    (
        "{brand}健身长沙五家门店一夜之间闭店，本人三年会员卡及四十节私教课未使用，"
        "门店及总部均不予退费，要求{brand}退还剩余预付款",
        REFUND,
        H,
    ),
    ("{brand}旗下悦颜美容门店突然关门，储值卡余额一万二未退，总部推给加盟商", REFUND, M),
]
LOCAL_NEWS = (
    "【长沙五家健身房一夜闭店 数千会员预付卡余额待退】今天上午，市民反映{brand}健身在长沙的"
    "五家门店同时停业，门口张贴“系统升级”告示，部分会员刚刚续费。记者现场看到，"
    "上百名会员聚集在店门口，已有会员向警方报案。" + TAG
)
FIRST_STATEMENT = (
    "关于长沙部分门店停业的说明：涉事门店为加盟商独立经营，加盟商私自停业的行为严重违反加盟协议，"
    "我司已终止与其合作并保留追究法律责任的权利。会员的预付款由加盟商收取，请会员向加盟商主张权利，"
    "我司将积极配合有关部门调查。"
)
MEDIA_POST = (
    "【记者调查：健身房闭店前的“最后一次促销”】记者调查发现，长沙涉事的{brand}健身门店在闭店前三个月"
    "以四折大力推销三年卡和私教课，每张卡的收入总部按比例抽成；多名会员的合同上只有{brand}总部的名称"
    "和印章，并无加盟商字样。" + TAG
)
NOTICE = (
    "长沙市商务局、市场监督管理局关于{brand}健身门店停业的情况通报：已对涉事门店单用途预付卡经营情况"
    "立案调查，责令{brand}健身总部配合做好会员预付款清退工作。请持卡会员于十五日内登记预付卡信息，"
    "并提醒广大消费者谨慎办理大额预付卡。"
)
AFTER_STATEMENT: list[Voice] = [
    ("一句加盟商私自停业就想甩锅？合同上盖的是{brand}总部的章", ATT, M),
    ("{brand}收钱的时候是全国连锁，出事了就变成加盟商了，这是什么道理", ATT, M),
    ("声明里一个字都没提退款，几千个会员的预付款{brand}到底退不退", REFUND, H),
]
APOLOGY = (
    "致长沙会员的致歉信：此前声明未能承担应有的责任，我们向全体受影响会员诚恳道歉。"
    "即日起由{brand}健身总部先行承担长沙停业门店会员的预付款清退，会员可选择全额退还剩余金额"
    "或转至其他门店继续使用，私教课时全部保留。登记热线{hotline}，我们将配合商务局完成清退。"
)
