"""Personal data in quoted complaints is masked; ordinary numbers are left alone."""

from __future__ import annotations

import pytest

from core.masking import mask_personal_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812345678", "电话138****5678"),
        ("联系 138-1234-5678 谢谢", "联系 138****5678 谢谢"),
        ("+86 139 1234 5678", "+86 139****5678"),
        ("座机010-62345678", "座机010-****5678"),
        ("身份证110101199003071234", "身份证110**************4"),
        ("身份证11010119900307123X号", "身份证110**************X号"),
        ("卡号6222021234567890", "卡号6222 **** **** 7890"),
        ("卡号6222 0212 3456 7890 123", "卡号6222 **** **** 0123"),
        ("邮箱zhang.san@example.com", "邮箱z***@example.com"),
        ("住在北京市朝阳区建国路88号3栋2单元501室，快来", "住在北京市朝阳区****，快来"),
        ("上海市浦东新区世纪大道100号", "上海市浦东新区****"),
    ],
)
def test_masks_personal_data(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "订单金额 299 元，2026年11月16日下单",
        "等了 15 天",
        "型号 X200",
        "退款 1999.00 元",
        "北京市朝阳区",
    ],
)
def test_leaves_ordinary_text(text: str) -> None:
    assert mask_personal_data(text) == text


def test_masks_every_occurrence() -> None:
    masked = mask_personal_data("13812345678 或 13987654321，邮件 a@b.cn")
    assert "12345678" not in masked and "87654321" not in masked
    assert masked.count("****") == 2 and "a***@b.cn" in masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("老身份证110101900307123", "老身份证110***********3"),
        ("电话１３８１２３４５６７８", "电话138****5678"),
        ("打 138.1234.5678 找我", "打 138****5678 找我"),
        ("加我QQ：123456789", "加我QQ：12****89"),
        ("qq号 88886666 联系", "qq号 88****66 联系"),
        ("住在望京西路15号院3号楼502室", "住在望京西路****"),
        ("朝阳区建国路88号3栋", "朝阳区****"),
    ],
)
def test_masks_what_the_probe_found(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected
