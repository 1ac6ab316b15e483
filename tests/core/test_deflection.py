"""The brand's own statement is read for blame and denial before the facts are in (归咎用户或第三方,
撇清责任, 定性为谣言, 未检先称合格); an apology that takes them back, or a statement that helps
first, has none."""

from __future__ import annotations

import pytest

from core.deflection import Deflection, deflection_zh, deflections


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the appliance week's first statement (round 29, read live)
            "关于网传S7燃气热水器用户中毒事件的说明：经初步核实，该用户的热水器由非授权人员安装，"
            "排烟管被私自改装，与产品质量无关。澜庭热水器均通过国家强制性认证，请用户选择官方授权渠道安装。",
            [
                (Deflection.BLAMES, "非授权人员安装"),
                (Deflection.BLAMES, "私自改装"),
                (Deflection.DENIES, "与产品质量无关"),
                (Deflection.CLEARS, "均通过国家强制性认证"),
            ],
        ),
        (
            "关于网传X5手机充电起火的说明：该用户使用的并非官方充电器，非原装配件可能导致充电异常。",
            [(Deflection.BLAMES, "非原装")],
        ),
        (
            "经调取车辆后台数据，制动系统工作正常，系驾驶员操作不当所致，对造谣者将追究法律责任。",
            [(Deflection.BLAMES, "操作不当"), (Deflection.RUMOUR, "造谣")],
        ),
        (
            "所有产品均经过严格检测，符合国家标准，个别消费者出现不适可能与个人肤质有关。",
            [(Deflection.CLEARS, "符合国家标准")],
        ),
        (
            "网传我司跑路一事不实，请家长不要轻信谣言。",
            [(Deflection.RUMOUR, "一事不实"), (Deflection.RUMOUR, "谣言")],
        ),
        ("经核实，不排除是您自己放入的异物", [(Deflection.BLAMES, "您自己放入")]),
        (
            "网传电池爆炸，经检测该批次电池检验合格，属于个例。",
            [(Deflection.CLEARS, "检验合格"), (Deflection.DENIES, "属于个例")],
        ),
        (  # the express, airline and telecom weeks' first statements (round 30)
            "关于网传用户信息泄露的说明：经初步核查，迅达系统未发现数据泄露，涉事信息疑似来自第三方电商平台。"
            "迅达快递从不以理赔为由要求用户转账，请广大用户提高警惕。",
            [(Deflection.DENIES, "未发现数据泄露"), (Deflection.BLAMES, "来自第三方电商平台")],
        ),
        (
            "DW8853昆明至广州航班因目的地天气及空中流量控制原因延误，属于不可抗力。",
            [(Deflection.DENIES, "属于不可抗力")],
        ),
        (
            "今日8时40分，因市政施工挖断我司传输光缆，广州部分区域移动网络及宽带业务受到影响。",
            [(Deflection.BLAMES, "市政施工挖断")],
        ),
        (  # the ride-hailing week's first statement (round 31): a partner's driver, nothing found
            "关于网传乘客投诉的情况说明：经初步核查，涉事司机为合作运力公司所属司机，行程轨迹未见明显异常。"
            "我们已第一时间对该司机做封禁处理，并将配合警方调查，具体情况以警方通报为准。",
            [(Deflection.BLAMES, "合作运力公司所属司机"), (Deflection.DENIES, "未见明显异常")],
        ),
        (
            "涉事骑手系第三方外包公司员工，我们已要求其停止接单。",
            [(Deflection.BLAMES, "第三方外包公司员工")],
        ),
        ("该快递员属于加盟商人员，与总部无直接劳动关系。", [(Deflection.BLAMES, "加盟商人员")]),
        (
            "事故发生时制动系统工作正常，未发现任何故障。",
            [(Deflection.DENIES, "未发现任何故障")],
        ),
    ],
)
def test_blame_and_denial_are_found_in_order(text: str, expected: list) -> None:
    assert deflections(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The apologies that took the statements back name what they withdraw.
        "致X5用户的致歉与召回公告：我们此前的说明未经充分核实，错误地将原因归于第三方充电器，诚恳道歉。",
        "我们此前的说明未经充分核实，错误地将原因归于非授权安装，向王女士一家和所有用户诚恳道歉。",
        "这件事与用户无关，是我们的问题，S7将全面召回。",
        "这并非个例，我们将对同批次产品全面排查。",
        "这是电池的问题，不是个例，也不可能是个例，我们将全面召回。",
        "关于网友反映的酸菜鱼异物问题，我们高度重视，已成立专项小组核查，核实后将公布结果并致歉。",
        "感谢认证用户@小王 的反馈，我们已安排专人联系。",
        "经调查，网络中断系我司核心网设备升级操作失误所致，此前关于施工挖断光缆的说明有误，我们诚恳致歉。",
        "经内部彻查，部分加盟网点人员违规查询并泄露用户信息，我们此前的说明未经充分核实，诚恳道歉。",
        # The ride-hailing week's apology; a bank suspending its collection agency helps first.
        "经彻查，涉事司机此前已有三次骚扰投诉，平台未及时处置，我们此前的说明也未如实反映情况。",
        "关于网友反映的催收问题，我行高度重视，已成立专项小组核查，暂停涉事外包催收机构的全部业务。",
        "涉事司机不是合作公司的司机，是平台的司机，我们负全部责任。",
        "我们此前称行程未见异常，与事实不符，诚恳道歉。",
    ],
)
def test_an_apology_or_a_statement_that_helps_first_has_none(text: str) -> None:
    assert deflections(text) == []
    assert deflection_zh(text) == ""


def test_the_clause_names_each_kind_once_with_its_phrases() -> None:
    clause = deflection_zh("由非授权人员安装，排烟管被私自改装，与产品质量无关。")
    blames = "归咎用户或第三方「非授权人员安装」「私自改装」"
    assert clause == f"含调查结论出来前的{blames}、撇清责任「与产品质量无关」"
