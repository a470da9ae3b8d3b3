import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AccessEvent
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number
from dataexchange.models import ImportJob

from .helpers import MEMBER_HEADERS, member_row, xlsx

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 31, gender="M")


def _upload(client, content, name="党员.xlsx"):
    return client.post(reverse("dataexchange:import", args=["members"]),
                       {"file": SimpleUploadedFile(name, content)})


def test_it_uploads_previews_and_confirms(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportJob.Status.PREVIEWED
    assert job.created_count == 1 and PartyMember.objects.count() == 0
    page = client.get(job.get_absolute_url())
    assert "确认导入" in page.content.decode()
    status = client.get(reverse("dataexchange:job_status", args=[job.pk])).json()
    assert status["status"] == "previewed" and status["rows_total"] == 1 and status["percent"] == 100
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dataexchange:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and PartyMember.objects.count() == 1
    # A second confirm does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dataexchange:job_confirm", args=[job.pk]))
    assert PartyMember.objects.count() == 1
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.IMPORT, user=world.alice).count() == 2


def test_it_shows_problems_by_row_and_column_and_offers_no_confirm(world, client_for,
                                                                    django_capture_on_commit_callbacks):
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, xlsx(MEMBER_HEADERS, [member_row("次仁", "123")]))
    job = ImportJob.objects.get()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "第2行" in html and "身份证号码必须是18位" in html and "确认导入" not in html
    client.post(reverse("dataexchange:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED and PartyMember.objects.count() == 0
    # Listed and shown as something to correct, not as "待确认" (issue 18).
    for page in (client.get(reverse("dataexchange:index")).content.decode(), html):
        assert "有问题，需修改后重新上传" in page and "已校验，待确认" not in page


def test_it_refuses_a_non_xlsx_upload_with_a_message(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, b"not a workbook at all", name="党员.xlsx")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED and "不是 Excel 工作簿" in job.message
    assert "不是 Excel 工作簿" in client.get(job.get_absolute_url()).content.decode()


def test_it_hides_a_job_from_other_users(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client_for(world.alice), xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    job = ImportJob.objects.get()
    client = client_for(world.bob)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("dataexchange:job_status", args=[job.pk])).status_code == 404
    assert client.post(reverse("dataexchange:job_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED and PartyMember.objects.count() == 0


def test_it_refuses_writes_to_a_read_only_role(world, client_for):
    client = client_for(world.dave)
    assert client.get(reverse("dataexchange:import", args=["members"])).status_code == 403
    assert _upload(client, xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)])).status_code == 403
    assert client.get(reverse("dataexchange:export", args=["members", "xlsx"])).status_code == 200


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_it_shows_no_business_data_to_admins_and_auditors(world, client_for, persona):
    client = client_for(getattr(world, persona))
    for url in (reverse("dataexchange:index"), reverse("dataexchange:template", args=["members"]),
                reverse("dataexchange:export", args=["members", "csv"])):
        assert client.get(url).status_code == 403


def test_it_serves_a_template_with_headers_example_and_drop_downs(world, client_for):
    response = client_for(world.alice).get(reverse("dataexchange:template", args=["members"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[0] == "姓名*" and "身份证号码*" in headers
    assert sheet.cell(row=2, column=1).value == "次仁"
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert any("选项" in f for f in formulas)
    options = workbook["选项"]
    columns = {options.cell(row=1, column=c).value: [options.cell(row=r, column=c).value for r in range(2, 8)]
               for c in range(1, options.max_column + 1)}
    assert columns["性别"][:2] == ["男", "女"]
    assert "普兰一村党支部" not in str(columns["所在党组织"])  # another county's organization is not offered
    assert workbook["选项"].sheet_state == "hidden"


@pytest.mark.parametrize("kind", ["organizations", "members", "committee_members", "language_assessments",
                                  "activities", "meetings", "evaluation_results", "dispute_cases", "allocations",
                                  "expenditures"])
def test_it_serves_every_template_and_the_unchanged_template_imports_nothing(world, client_for, kind):
    from dataexchange.reading import read_sheet
    from dataexchange.services import import_rows

    response = client_for(world.alice).get(reverse("dataexchange:template", args=[kind]))
    assert response.status_code == 200
    sheet = read_sheet(io.BytesIO(response.content))
    outcome = import_rows(actor=world.alice, kind=kind, headers=sheet.headers, rows=sheet.rows, commit=False)
    assert outcome.results == [] and any("示例" in w for w in outcome.warnings)


def test_it_exports_only_the_users_scope_masked_and_neutralized(world, client_for):
    PartyMemberFactory(organization=world.org_a1, name="=HYPERLINK(\"http://x\")", phone="13908970001",
                       id_number=ID1, birth_date=datetime.date(1990, 5, 1))
    PartyMemberFactory(organization=world.org_b1, name="普兰的人")
    client = client_for(world.alice)
    response = client.get(reverse("dataexchange:export", args=["members", "xlsx"]) + "?name=HYPER&page=2")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1]))
    assert record["姓名"].startswith("'=")
    assert record["身份证号码"] == ID1[:6] + "*" * 12
    assert record["联系电话"] == "139****0001"
    csv_text = client.get(reverse("dataexchange:export", args=["members", "csv"])).content.decode("utf-8-sig")
    assert "普兰的人" not in csv_text and ID1 not in csv_text and "'=HYPERLINK" in csv_text
    events = AccessEvent.objects.filter(kind=AccessEvent.Kind.EXPORT, user=world.alice)
    assert events.count() == 2 and "name=HYPER" in events.order_by("at").first().target


def test_it_offers_export_and_import_buttons_carrying_the_filter(world, client_for):
    html = client_for(world.alice).get(reverse("branches:organization_list") + "?name=加木").content.decode()
    assert "/data/organizations/export.xlsx?name=" in html


def test_an_export_with_a_refused_filter_exports_nothing_and_says_why(world, client_for):
    PartyMemberFactory(organization=world.org_a1, name="扎西")
    client = client_for(world.carol)  # prefecture-wide: an organization needs its county or township
    list_url = reverse("cadres:member_list") + f"?organization={world.org_a1.pk}"
    response = client.get(reverse("dataexchange:export", args=["members", "xlsx"]) + f"?organization={world.org_a1.pk}",
                          HTTP_REFERER="http://testserver" + list_url)
    assert response.status_code == 302 and response.url == "http://testserver" + list_url
    page = client.get(list_url).content.decode()
    assert "筛选条件有误，未导出" in page
    assert not AccessEvent.objects.filter(kind=AccessEvent.Kind.EXPORT).exists()
    # With the county as well, the same organization is exported.
    ok = client.get(reverse("dataexchange:export", args=["members", "csv"]) +
                    f"?county={world.county_a.pk}&organization={world.org_a1.pk}")
    assert ok.status_code == 200 and "扎西" in ok.content.decode("utf-8-sig")
