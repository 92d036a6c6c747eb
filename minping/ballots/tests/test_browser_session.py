"""A whole evaluation session in the browser: tokens for two venues, phone and paper votes,
close, seal, export, offline verification, publication and the chart."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from conftest import PASSWORD, PHONE_VIEWPORT
from minping.ballots import actions
from minping.ballots.models import BallotBox
from minping.ballots.tests.conftest import answers_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_ballot(page: Any) -> None:
    """Picks the first option everywhere: 满意 for departments, 未发现 for the questionnaire."""
    for fieldset in page.locator("form.ballot fieldset.dept").all():
        fieldset.locator("input[type=radio]").first.check()


def _login(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/accounts/")


def test_a_whole_session_from_tokens_to_published_scores(
    page: Any, browser: Any, live_server: Any, personas: Any, tmp_path: Path
) -> None:
    from minping.accounts.actions import do_create_user
    from minping.accounts.models import Role
    from minping.campaigns.models import Session

    second = do_create_user(None, username="stat2", password=PASSWORD, role=Role.STATISTICS)
    session = Session.objects.get(number=1)

    # The office prepares the boxes and issues tokens for two venues.
    _login(page, "office")
    page.goto(f"/ballots/session/{session.pk}/")
    page.get_by_role("button", name="为各会场建立票箱").click()
    codes: dict[str, list[str]] = {}
    for venue, count in (("市融媒体中心演播厅", 12), ("东胜区分会场", 4)):
        page.goto(f"/ballots/session/{session.pk}/")
        page.get_by_role("link", name=venue).click()
        page.get_by_label("发放份数").fill(str(count))
        page.get_by_role("button", name="生成评议凭证").click()
        page.get_by_text(f"已生成{count}张评议凭证").wait_for()
        assert page.locator("[data-issued]").inner_text() == str(count)
        box_url = page.url
        page.get_by_role("link", name="全部未使用的凭证").click()
        assert page.locator(".slip svg").count() == count
        codes[venue] = [c.replace("-", "") for c in page.locator("[data-code]").all_inner_texts()]
        page.goto(box_url)
        page.get_by_role("button", name="开始投票").click()
        page.get_by_text("已开始投票").wait_for()
    main_codes, branch_codes = codes["市融媒体中心演播厅"], codes["东胜区分会场"]

    # Two representatives vote on their phones (no login).
    phone = browser.new_context(
        viewport=PHONE_VIEWPORT, base_url=live_server.url, is_mobile=True, locale="zh-CN"
    )
    voter = phone.new_page()
    receipts = []
    for code in (main_codes[0], branch_codes[0]):
        voter.goto(f"/ballots/v/{code}/")
        _fill_ballot(voter)
        voter.get_by_role("button", name="提交评议票").click()
        voter.get_by_text("提交成功").wait_for()
        receipts.append(voter.locator("[data-receipt]").get_attribute("data-receipt"))
    voter.goto(f"/ballots/v/{main_codes[0]}/")
    voter.get_by_text(
        "回执码", exact=True
    ).wait_for()  # a used token shows its receipt, not a new ballot
    voter.goto(
        f"/ballots/board/{BallotBox.objects.get(session=session, venue__kind='main').pk}/receipts/"
    )
    voter.get_by_label("查找我的回执码").fill(receipts[0])
    voter.get_by_role("button", name="查找").click()
    voter.get_by_text("已找到：这张评议票已计入。").wait_for()

    # Ten more phone ballots at the main venue, cast server-side to keep the test short.
    design = actions.get_or_create_design(session)
    for code in main_codes[1:11]:
        actions.do_cast_ballot(code, answers_for(design, "fairly_satisfied"))

    # A paper ballot at 东胜区, keyed by two operators.
    branch = BallotBox.objects.get(session=session, venue__name="东胜区分会场")
    for username in ("statistics", "stat2"):
        clerk = browser.new_context(
            viewport=PHONE_VIEWPORT, base_url=live_server.url, locale="zh-CN"
        )
        clerk_page = clerk.new_page()
        _login(clerk_page, username)
        clerk_page.goto(f"/ballots/box/{branch.pk}/paper/")
        clerk_page.get_by_label("纸质票上的凭证码").fill(branch_codes[1])
        _fill_ballot(clerk_page)
        clerk_page.get_by_role("button", name="保存录入").click()
        expected = "已录入第一遍" if username == "statistics" else "两次录入一致，已计票"
        clerk_page.get_by_text(expected).wait_for()
        clerk.close()
    assert second.pk

    # The office closes and seals both venues (the others issued nothing: sealed empty).
    for box, note in (
        (branch, "2名代表未交票"),
        (BallotBox.objects.get(session=session, venue__kind="main"), "1名代表未交票"),
    ):
        page.goto(f"/ballots/box/{box.pk}/")
        page.get_by_role("button", name="结束投票").click()
        page.get_by_role("link", name="核对并封存").click()
        page.get_by_label("封存说明（发放数与回收数不一致时必填）").fill(note)
        page.get_by_label("我已核对发放数、回收数，确认封存；封存后票箱不可更改。").check()
        page.get_by_role("button", name="封存").click()
        page.get_by_text("已封存").first.wait_for()
        assert len(page.locator("[data-root]").inner_text()) == 64
    page.goto(f"/ballots/session/{session.pk}/")
    page.get_by_role("button", name="封存未发放凭证的会场").click()
    page.get_by_text("8个会场").wait_for()

    # The export verifies offline.
    with page.expect_download() as download:
        page.get_by_role("link", name="下载第三方统计导出包").click()
    archive = tmp_path / "export.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    done = subprocess.run(  # noqa: S603 - our own verifier, fixed arguments
        [sys.executable, "-m", "minping.tally", "verify", str(tmp_path / "export")],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    # Scores: published by the office, then seen by a department with the chart.
    page.get_by_role("link", name="评议得分").click()
    page.get_by_label("确认发布：发布后各部门和市民均可查看本场次评议结果。").check()
    page.get_by_role("button", name="发布评议结果").click()
    page.get_by_text("评议结果已发布。").wait_for()
    department = browser.new_context(
        viewport=PHONE_VIEWPORT, base_url=live_server.url, locale="zh-CN"
    )
    dept_page = department.new_page()
    _login(dept_page, "dept_a")
    dept_page.goto(f"/ballots/session/{session.pk}/results/")
    dept_page.get_by_text("各部门加权得分").first.wait_for()
    assert dept_page.locator(".chart svg").first.is_visible()
    assert "市发展和改革委员会" in dept_page.locator("table").first.inner_text()
    assert (
        Path(tmp_path / "export" / "ballots.jsonl").read_text().count("\n") == 13
    )  # 2 + 10 phone, 1 paper
    department.close()
    phone.close()
