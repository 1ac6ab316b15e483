"""The crisis journey, last stage: the board and the alert lead to the case; a masked export."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.dashboard.conftest import button, click, nav_to, page_text, wait_for, wait_text
from tests.dashboard.crisis import Journey
from tests.dashboard.demo_incident import RAW


def board_alert_and_export(run: Journey) -> None:
    """The closed case on the board, the alert's link, the masked Excel export."""
    browser, seen = run.browser, run.seen
    # The board lists the closed case under 已关闭 once closed cases are shown.
    nav_to(browser, "案件看板")
    wait_text(browser, lambda t: "案件看板" in t and "显示已关闭" in t, "the board")
    click(browser, browser.find_element("xpath", "//label[.//p[text()='显示已关闭']]"))
    wait_text(browser, lambda t: "已关闭（1）" in t, "the closed case on the board")
    assert "Traceback" not in page_text(browser)

    # The alert leads back to its case.
    nav_to(browser, "预警中心")
    text = wait_text(browser, lambda t: "已立案：案件 #1" in t, "the link to the case")
    seen.append(text)

    # 舆情分析: the export downloads, personal data masked.
    downloads = run.data / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    nav_to(browser, "舆情分析")
    text = wait_text(browser, lambda t: "地域分布" in t and "导出" in t, "the analysis page")
    seen.append(text)
    click(browser, button(browser, "导出 Excel", key="export-xlsx"))
    book = wait_for(lambda: list(downloads.glob("*.xlsx")), 60, "the Excel download")[0]
    sheet = load_workbook(book).active
    cells = [str(c.value) for r in sheet.iter_rows() for c in r]
    assert "正文" in cells and any("不排除是您自己放入的异物" in c for c in cells)
    assert not any("13812345678" in c for c in cells) and any("138****5678" in c for c in cells)
    for page in seen:
        for raw in RAW:
            assert raw not in page, (raw, page[:2000])
