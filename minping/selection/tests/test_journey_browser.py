"""The whole selection journey on a phone: import a frame, a citizen signs up, quotas are
adjusted, the seed is committed, revealed and drawn, the tables are read and exported."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import add_volunteers, new_id, person_row, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_statistics_bureau_runs_the_whole_selection(page, small, personas, browser_login, tmp_path):
    # A citizen signs up on the phone, without an account.
    page.goto("/selection/signup/")
    page.get_by_label("手机号码").fill("19900001234")
    page.get_by_label("姓名").fill("乌兰")
    id_number = new_id(age=33)
    page.get_by_label("男" if int(id_number[16]) % 2 else "女").check()
    page.get_by_label("身份证号码").fill(id_number)
    page.get_by_label("文化程度").select_option(label="本科")
    page.get_by_label("旗（区）").select_option(label="东胜区")
    page.get_by_label("街道（镇）").fill("富兴街道")
    page.get_by_label("详细地址").fill("某路某小区1号楼1单元101")
    page.get_by_label("分会场").check()
    page.get_by_label("第一场次").check()
    page.get_by_label("服从任何调剂").check()
    page.get_by_label("本人承诺所填信息真实").check()
    page.screenshot(path=tmp_path / "signup.png", full_page=True)
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_url("**/signup/done/")
    reference = page.get_by_test_id("reference").inner_text()
    assert reference.startswith("ZY")
    page.screenshot(path=tmp_path / "signup-done.png", full_page=True)
    add_volunteers(small, "东胜区", 2)  # two more, already confirmed

    # The statistics bureau imports the 人大代表 frame from Excel.
    browser_login("statistics")
    page.goto("/selection/frames/")
    page.get_by_role("link", name="人大代表", exact=True).click()
    rows = (
        [person_row("东胜区") for _ in range(10)]
        + [person_row("康巴什区") for _ in range(3)]
        + [person_row("") for _ in range(4)]
    )
    file = Path(tmp_path) / "人大代表样本框.xlsx"
    file.write_bytes(xlsx_bytes(rows))
    page.get_by_label("样本框文件").set_input_files(str(file))
    page.get_by_role("button", name="上传并校验").click()
    page.wait_for_url("**/imports/*/")
    assert page.get_by_text("已导入17人").is_visible()

    # It confirms the new sign-up.
    page.goto("/selection/volunteers/?status=submitted")
    row = page.locator("tr", has_text=reference)
    row.get_by_role("button", name="通过", exact=True).click()
    assert page.get_by_text(f"{reference}：审核通过，待抽取").is_visible()

    # It moves one main-venue seat from the volunteers to the NPC deputies.
    page.goto("/selection/quotas/")
    page.get_by_role("link", name="市融媒体中心演播厅").click()
    page.get_by_label("人大代表", exact=True).fill("3")
    page.get_by_label("自愿报名市民代表").fill("0")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_text("名额已保存").is_visible()
    assert page.get_by_text("可行性检查通过").is_visible()
    page.screenshot(path=tmp_path / "quotas.png", full_page=True)

    # Commit, reveal, draw.
    page.goto("/selection/draw/")
    page.get_by_role("button", name="封存种子并公布承诺").click()
    commitment = page.get_by_test_id("commitment").inner_text()
    assert len(commitment) == 64
    page.get_by_label("我已核对，确认执行").check()
    page.get_by_role("button", name="揭示种子").click()
    assert page.get_by_text("种子已揭示，样本框已锁定").is_visible()
    page.get_by_label("我已核对，确认执行").check()
    page.get_by_role("button", name="执行抽样").click()
    assert page.get_by_text("抽样完成").is_visible()
    page.screenshot(path=tmp_path / "draw.png", full_page=True)

    # The composition tables, then the Excel export.
    page.get_by_role("link", name="查看构成表").click()
    main_row = page.locator("tr", has_text="人大代表").first
    assert main_row.locator("td.num").all_inner_texts() == ["3", "0", "0", "3"]
    page.screenshot(path=tmp_path / "composition.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出Excel").click()
    assert download.value.suggested_filename == "representatives-2025.xlsx"

    # The 东胜区 officer sees only their branch and replaces a drop-out by the next reserve.
    page.context.clear_cookies()
    browser_login("district")
    page.goto("/selection/results/district/")
    assert page.get_by_role("heading", name="东胜区分会场市民代表").is_visible()
    assert "康巴什区" not in page.locator("main").inner_text()
    page.get_by_role("link", name="退出并替补").first.click()
    page.get_by_label("退出原因").fill("因病无法参加")
    page.get_by_role("button", name="确认退出并替补").click()
    assert page.get_by_text("已退出，由备选第1位").is_visible()
    page.screenshot(path=tmp_path / "district.png", full_page=True)
