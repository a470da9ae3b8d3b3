"""A county clerk exports the member list and uploads the same file again (issue 18, item 4): the
preview finds no problem and nothing to import (it found 1,329 problems before: the masked ID
numbers were read as invalid numbers and as "the same record"). Changes nothing in the demo."""
import pytest
from playwright.sync_api import expect

from .conftest import SLOW_TIMEOUT_MS

pytestmark = pytest.mark.e2e


def test_it_uploads_the_exported_member_list_back_with_no_problem(open_session, dbq, tmp_path):
    from branches.models import Area
    from cadres.models import PartyMember

    gaer = Area.objects.get(name="噶尔县", level=Area.Level.COUNTY)
    members = PartyMember.objects.filter(organization__area__path__startswith=gaer.path).count()
    assert members > 1000  # the county's whole list, as in the report

    clerk = open_session()
    page = clerk.login("gaer").page
    clerk.goto("/cadres/members/")
    with page.expect_download(timeout=SLOW_TIMEOUT_MS) as download:
        page.locator("main").get_by_role("link", name="导出 Excel").click()
    exported = tmp_path / "党员.xlsx"
    download.value.save_as(exported)

    clerk.goto("/cadres/members/")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="导入").click()
    page.locator("input[type=file]").set_input_files(exported)
    with page.expect_navigation():
        page.get_by_role("button", name="上传并校验").click()
    expect(page.locator("#job-status")).to_have_text("已校验，与系统中一致，无需导入", timeout=SLOW_TIMEOUT_MS)
    main = page.locator("main")
    expect(main).to_contain_text(f"文件中的{members}行与系统中的数据一致")
    expect(main).to_contain_text(f"无变化 {members}")
    expect(main).to_contain_text("有问题 0")
    expect(main.get_by_role("button", name="确认导入")).to_have_count(0)
    expect(main.get_by_role("link", name="下载问题清单（Excel）")).to_have_count(0)
    clerk.screenshot("import-round-trip", tablet=False)
