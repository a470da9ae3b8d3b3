"""The record page, its forms, the overdue list, the 登记表, the files: scoped (another county 404,
read-only 403), refusals shown on the form in Chinese, flat query counts."""
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from ali_party.reminders import reminders_for
from ali_party.tests import samples

from ..models import DevelopmentStep, StepAttachment
from ..selectors import Overdue, overdue_items
from .helpers import PATH, probationary, record

D = datetime.date


def test_the_record_page_shows_the_stages_steps_and_what_is_late(client_for, world):
    member = probationary(world)
    record(world, member, 3, {2: D(2022, 3, 1)})  # talk 50 days after the application
    body = client_for(world.alice).get(reverse("development:member_record", args=[member.pk])).content.decode()
    for text in ("申请入党", "预备党员的教育考察和转正", "25. 材料归档", "2022-03-01", "谈话超过一个月", "登记步骤",
                 member.masked_id_number):
        assert text in body, text
    assert member.id_number not in body


def test_a_step_is_recorded_from_the_form_and_a_refusal_shown_in_chinese(client_for, world):
    member = probationary(world)
    client = client_for(world.alice)
    url = reverse("development:step_create", args=[member.pk])
    response = client.post(url, {"step": 1, "done_on": "2022-01-11", "handled_by": "次仁"})
    assert response.status_code == 200
    assert "须与党员信息中的递交入党申请日期（2022-01-10）一致" in response.content.decode()
    assert not DevelopmentStep.objects.exists()
    response = client.post(url, {"step": 1, "done_on": "2022-01-10", "handled_by": "次仁"})
    assert response.status_code == 302
    assert DevelopmentStep.objects.get().handled_by == "次仁"


def test_contact_and_report_forms(client_for, world):
    from cadres.tests.factories import PartyMemberFactory
    member = probationary(world)
    contact = PartyMemberFactory(organization=world.org_a1)
    client = client_for(world.alice)
    response = client.post(reverse("development:contact_create", args=[member.pk]),
                           {"role": "contact", "contact": contact.pk, "from_on": "2022-03-10"})
    assert response.status_code == 302 and member.development_contacts.get().contact == contact
    response = client.post(reverse("development:report_create", args=[member.pk]),
                           {"quarter": "2023-10-02", "submitted_on": "2023-11-01"})
    assert response.status_code == 200 and "第一天" in response.content.decode()
    response = client.post(reverse("development:report_create", args=[member.pk]),
                           {"quarter": "2023-10-01", "submitted_on": "2023-11-01"})
    assert response.status_code == 302 and member.probation_reports.count() == 1


def _urls(member, step, attachment, contact, report):
    return {
        "get": [reverse("development:member_record", args=[member.pk]),
                reverse("development:member_register", args=[member.pk]),
                reverse("development:attachment_download", args=[attachment.pk])],
        "post": [reverse("development:step_create", args=[member.pk]),
                 reverse("development:contact_create", args=[member.pk]),
                 reverse("development:report_create", args=[member.pk]),
                 reverse("development:attachment_create", args=[member.pk]),
                 reverse("development:step_delete", args=[step.pk]),
                 reverse("development:contact_delete", args=[contact.pk]),
                 reverse("development:report_delete", args=[report.pk]),
                 reverse("development:attachment_delete", args=[attachment.pk])],
    }


def test_other_counties_get_404_and_read_only_roles_403(client_for, world):
    from ..services import attachment_add, report_record
    member = probationary(world)
    record(world, member, 5)
    step = DevelopmentStep.objects.get(member=member, step=5)
    attachment = attachment_add(actor=world.alice, step_row=step,
                                upload=samples.upload("公示.pdf", samples.PDF, "application/pdf"))
    report = report_record(actor=world.alice, member=member, quarter=D(2023, 10, 1), submitted_on=D(2023, 11, 1))
    urls = _urls(member, step, attachment, member.development_contacts.first(), report)
    bob = client_for(world.bob)
    for url in urls["get"]:
        assert bob.get(url).status_code == 404, url
    for url in urls["post"]:
        assert bob.post(url).status_code == 404, url
    dave = client_for(world.dave)
    for url in urls["get"]:
        assert dave.get(url).status_code == 200, url
    for url in urls["post"]:
        assert dave.post(url, {"step": 6, "done_on": "2023-01-01", "handled_by": "x"}).status_code == 403, url
    assert DevelopmentStep.objects.filter(member=member).count() == 5 and StepAttachment.objects.count() == 1


def test_a_file_is_checked_by_content_and_downloaded_through_the_scope(client_for, world):
    member = probationary(world)
    record(world, member, 1)
    client = client_for(world.alice)
    url = reverse("development:attachment_create", args=[member.pk])
    response = client.post(url, {"step": 1, "file": SimpleUploadedFile("申请书.pdf", samples.HTML)})
    assert response.status_code == 200 and "不能作为发展党员材料上传" in response.content.decode()
    response = client.post(url, {"step": 1, "file": SimpleUploadedFile("申请书.pdf", samples.PDF)})
    assert response.status_code == 302
    attachment = StepAttachment.objects.get()
    assert "申请书" not in attachment.file.name and attachment.original_name == "申请书.pdf"
    download = client.get(reverse("development:attachment_download", args=[attachment.pk]))
    assert download["Content-Type"] == "application/pdf" and download["Content-Disposition"].startswith("attachment")


def test_the_register_is_a_word_document_with_the_masked_id(client_for, world):
    member = probationary(world)
    record(world, member, 11)
    response = client_for(world.alice).get(reverse("development:member_register", args=[member.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "入党积极分子、发展党员登记表" in document.paragraphs[0].text
    assert member.masked_id_number in text and member.id_number not in text
    assert "11. 开展集中培训" in text and "培训3天、0学时" in text and PATH[9].isoformat() in text
    assert "入党介绍人" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_the_overdue_list_and_the_reminders(client_for, world):
    late, other = probationary(world), probationary(world, org=world.org_b1)
    record(world, late, 2, {2: D(2022, 2, 20)})
    body = client_for(world.alice).get(reverse("development:overdue")).content.decode()
    assert late.name in body and other.name not in body
    assert "谈话超过一个月" in body
    assert client_for(world.alice).get(reverse("development:overdue"), {"kind": "talk"}).status_code == 200
    texts = [r.text for r in reminders_for(world.alice, D(2026, 12, 4)) if r.kind == "发展党员"]
    assert any(late.name in t and "一个月内" in t for t in texts)
    assert not any(other.name in t for t in texts)


def test_the_overdue_list_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    record(world, probationary(world), 2, {2: D(2022, 2, 20)})
    with django_assert_max_num_queries(14):
        client.get(reverse("development:overdue"))
    for _ in range(12):
        record(world, probationary(world), 2, {2: D(2022, 2, 20)})
    with django_assert_max_num_queries(14):
        response = client.get(reverse("development:overdue"))
    assert len(overdue_items(world.alice, D(2026, 12, 4), kind=Overdue.TALK)) == 13
    assert response.status_code == 200


def test_the_record_page_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    member = probationary(world)
    record(world, member, 2)
    url = reverse("development:member_record", args=[member.pk])
    with django_assert_max_num_queries(25):
        client.get(url)
    record(world, member, 16)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_the_member_life_section(world):
    from ..member_life import development_rows
    member = probationary(world)
    assert development_rows(member)["stages"] == []
    record(world, member, 3)
    first = development_rows(member)["stages"][0]
    assert (first["done"], first["total"], first["last"]) == (2, 2, PATH[2])


def test_the_member_life_template_renders_both_ways(world):
    from django.template.loader import render_to_string

    from ali_party import member_life

    from ..member_life import development_rows
    member = probationary(world)
    section = next(s for s in member_life.sections() if s.key == "development")
    empty = render_to_string(section.template, {"member": member, "section": section, "rows": section.rows(member)})
    assert "未登记发展党员步骤" in empty
    record(world, member, 2, {2: D(2022, 3, 1)})
    body = render_to_string(section.template, {"member": member, "section": section, "rows": development_rows(member)})
    assert "2 / 2" in body and "逾期或缺少" in body and reverse("development:member_record", args=[member.pk]) in body
