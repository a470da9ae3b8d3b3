"""Every problem of every row in one preview, each with its column, and the problems workbook
(the upload with a 问题 column, problem cells in red) for the job's owner only (issue 18, item 4)."""
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AccessEvent
from cadres.models import PartyMember
from cadres.validators import make_id_number
from dataexchange import services
from dataexchange.importer import MASKED_MESSAGE, PROBLEMS_HEADER, RECORD_ID_HEADER
from dataexchange.models import ImportJob
from dataexchange.reading import read_sheet

from .helpers import MEMBER_HEADERS, member_row, run, xlsx
from .records import members as sample_members

BORN = datetime.date(1990, 5, 1)
ID1 = make_id_number("542523", BORN, 61, gender="M")
ID2 = make_id_number("542523", BORN, 62, gender="M")


def three_mistakes_and_a_rule():
    """One member row with three cells that cannot be taken and one rule of the model broken."""
    row = member_row("次仁", ID1, organization="普兰一村党支部", birth="1990年13月1日")
    row[1] = "未知"  # 性别
    row[11] = ""  # 接收为预备党员日期, required of a 正式党员
    return row


# Worked out from the row above and the messages of cells.py, importer.py and the model's clean().
EXPECTED_PROBLEMS = [
    ["性别", "“未知”不是可选项，应为：男、女。"],
    ["出生日期", "日期“1990年13月1日”不存在，请核对年月日。"],
    ["所在党组织", "找不到所在党组织“普兰一村党支部”，或它不在您的管辖范围内。"],
    ["接收为预备党员日期", "处于“正式党员”阶段须填写接收为预备党员日期。"],
]


def test_a_row_with_several_mistakes_reports_each_with_its_column(world):
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("卓玛", ID2), three_mistakes_and_a_rule()],
                  commit=False)
    assert [r.action for r in outcome.results] == ["create", "error"]
    assert outcome.results[1].errors == EXPECTED_PROBLEMS


def test_a_masked_value_in_a_file_without_record_ids_is_explained_not_read(world):
    row = member_row("次仁", ID1[:6] + "*" * 12, phone="139****0001")
    outcome = run(world.alice, "members", MEMBER_HEADERS, [row, member_row("卓玛", ID2[:6] + "*" * 12)], commit=False)
    first, second = outcome.results
    assert first.errors == [["身份证号码", MASKED_MESSAGE.format(header="身份证号码")],
                            ["联系电话", MASKED_MESSAGE.format(header="联系电话")]]
    # Two people whose masked numbers look alike are not "the same record" (the bug of issue 18).
    assert second.errors == [["身份证号码", MASKED_MESSAGE.format(header="身份证号码")]]


def _upload(client, capture, content, name="党员名单.xlsx"):
    with capture(execute=True):
        client.post(reverse("dataexchange:import", args=["members"]), {"file": SimpleUploadedFile(name, content)})
    return ImportJob.objects.order_by("-pk").first()


def test_the_preview_lists_every_problem_and_the_owner_downloads_them_as_a_workbook(
        world, client_for, django_capture_on_commit_callbacks):
    stored = sample_members(world)
    exported, _count = services.export_xlsx(actor=world.alice, kind="members")
    sheet = read_sheet(io.BytesIO(exported))
    headers = sheet.headers
    rows = [list(values) for _number, values in sheet.rows]
    at = {header: index for index, header in enumerate(headers)}
    rows[1][at["性别"]] = "未知"                 # row 3: one mistake, in a row whose ID number is masked
    rows[1][at["出生日期"]] = "1985年2月30日"    # and a second one
    rows[2][at["所在党组织"]] = "普兰一村党支部"  # row 4: moved to another county's branch
    client = client_for(world.alice)
    job = _upload(client, django_capture_on_commit_callbacks, xlsx(headers, rows))
    assert job.status == ImportJob.Status.PREVIEWED and job.error_count == 2 and job.unchanged_count == 1

    html = client.get(job.get_absolute_url()).content.decode()
    for text in ("“未知”不是可选项，应为：男、女。", "日期“1985年2月30日”不存在，请核对年月日。",
                 "找不到所在党组织“普兰一村党支部”，或它不在您的管辖范围内。", "有问题，需修改后重新上传",
                 reverse("dataexchange:job_problems", args=[job.pk])):
        assert text in html
    assert "确认导入" not in html

    response = client.get(reverse("dataexchange:job_problems", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    book = load_workbook(io.BytesIO(response.content))
    out = book.worksheets[0]
    got = [[cell.value for cell in row] for row in out.iter_rows()]
    assert got[0] == headers + [PROBLEMS_HEADER]
    assert got[1][:-1] == rows[0] and got[1][-1] is None
    assert got[2][-1] == "性别：“未知”不是可选项，应为：男、女。；出生日期：日期“1985年2月30日”不存在，请核对年月日。"
    assert got[3][-1] == "所在党组织：找不到所在党组织“普兰一村党支部”，或它不在您的管辖范围内。"
    red = {(cell.row, headers[cell.column - 1] if cell.column <= len(headers) else PROBLEMS_HEADER)
           for row in out.iter_rows() for cell in row if cell.fill.fgColor.rgb.endswith(services.PROBLEM_FILL)}
    assert red == {(3, "性别"), (3, "出生日期"), (3, PROBLEMS_HEADER), (4, "所在党组织"), (4, PROBLEMS_HEADER)}
    # What was uploaded, only: the masked numbers stay masked, no stored number is written.
    everything = "".join(str(value) for row in got for value in row if value is not None)
    assert [row[at["身份证号码"]] for row in got[1:]] == [m.masked_id_number for m in stored]
    assert not any(m.id_number in everything or m.phone and m.phone in everything for m in stored)
    assert got[1][at[RECORD_ID_HEADER]] == rows[0][at[RECORD_ID_HEADER]]
    assert AccessEvent.objects.filter(user=world.alice, target__contains="导入问题清单").count() == 1

    # Corrected and uploaded again (its 问题 column is no problem): nothing to change, nothing wrong.
    for number, name in ((2, "性别"), (2, "出生日期"), (3, "所在党组织")):
        got[number][at[name]] = rows[number - 1][at[name]] = sheet.rows[number - 1][1][at[name]]
    again = _upload(client, django_capture_on_commit_callbacks, xlsx(got[0], got[1:]))
    assert (again.error_count, again.unchanged_count, again.preview["warnings"]) == (0, 3, [])
    assert PartyMember.objects.count() == 3


def test_only_the_owner_downloads_the_problems_and_only_while_the_upload_is_kept(
        world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.alice)
    job = _upload(client, django_capture_on_commit_callbacks, xlsx(MEMBER_HEADERS, [three_mistakes_and_a_rule()]))
    url = reverse("dataexchange:job_problems", args=[job.pk])
    assert client_for(world.bob).get(url).status_code == 404
    assert client_for(world.carol).get(url).status_code == 404  # prefecture staff: not theirs either
    assert client_for(world.alice).get(url).status_code == 200
    services.jobs_purge_stale(now=timezone.now() + datetime.timedelta(hours=25))
    gone = client_for(world.alice).get(url)
    assert gone.status_code == 302 and gone["Location"] == job.get_absolute_url()


def test_a_clean_preview_has_no_problems_workbook(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.alice)
    job = _upload(client, django_capture_on_commit_callbacks, xlsx(MEMBER_HEADERS, [member_row("卓玛", ID2)]))
    assert job.error_count == 0
    assert reverse("dataexchange:job_problems", args=[job.pk]) not in client.get(job.get_absolute_url()).content.decode()
    assert client.get(reverse("dataexchange:job_problems", args=[job.pk])).status_code == 302
