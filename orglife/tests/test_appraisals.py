"""述职评议考核 of secretaries: the rules of clean() at their edges, the services' scope, the pages
(another county 404, read-only 403, the secretary picker narrowed to the organization, flat query
counts), the reminders and the early-warning selector."""
import datetime
import html
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from ali_party.reminders import reminders_for
from branches.models import Area, PartyOrganization
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory

from ..models import AppraisalGrade, SecretaryAppraisal
from ..selectors import organizations_without_appraisal, poor_appraisals_by_organization
from ..services import appraisal_create, appraisal_delete, appraisal_update

D = datetime.date
FOLLOW_UP = {"rectification_required": "“三会一课”记录不全，限期补齐。", "rectification_deadline": D(2024, 6, 30)}


def fields(**extra):
    values = {"year": 2023, "secretary_name": "扎西", "report_summary": "全年抓党建工作情况。",
              "reported_on": D(2024, 1, 10), "grade": AppraisalGrade.GOOD, "assessed_by": "狮泉河镇党委",
              "assessed_on": D(2024, 1, 20)}
    values.update(extra)
    return values


def appraise(world, org=None, actor=None, **extra):
    return appraisal_create(actor=actor or world.alice, organization=org or world.org_a1, **fields(**extra))


def errors_of(world, **extra):
    with pytest.raises(ValidationError) as caught:
        appraise(world, **extra)
    return caught.value.message_dict


# --- the rules of clean() ---------------------------------------------------------------------------

def test_it_records_a_good_appraisal_without_follow_up(world):
    appraisal = appraise(world)
    assert appraisal.display_secretary == "扎西" and not appraisal.needs_follow_up


def test_the_year_may_be_this_year_but_not_the_next(world):
    this_year = timezone.localdate().year
    today = timezone.localdate()
    assert appraise(world, year=this_year, reported_on=today, assessed_on=today).year == this_year
    assert errors_of(world, org=world.org_a2, year=this_year + 1, reported_on=today, assessed_on=today)["year"] == [
        "考核年度不能晚于今年。"]


def test_the_report_is_not_dated_before_its_year(world):
    assert errors_of(world, reported_on=D(2022, 12, 31), assessed_on=D(2023, 1, 5))["reported_on"] == [
        "述职日期不能早于考核年度。"]
    assert appraise(world, reported_on=D(2023, 1, 1), assessed_on=D(2023, 1, 1)).pk


def test_the_assessment_is_not_before_the_report(world):
    assert errors_of(world, assessed_on=D(2024, 1, 9))["assessed_on"] == ["评定日期不能早于述职日期。"]
    assert appraise(world, assessed_on=D(2024, 1, 10)).pk  # the same day is fine


def test_dates_of_what_happened_are_not_in_the_future(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = errors_of(world, year=tomorrow.year - 1, reported_on=tomorrow, assessed_on=tomorrow)
    assert errors["reported_on"] == ["述职日期不能晚于今天。"] and errors["assessed_on"] == ["评定日期不能晚于今天。"]


@pytest.mark.parametrize("grade", [AppraisalGrade.AVERAGE, AppraisalGrade.POOR])
def test_average_and_poor_need_a_rectification_and_its_deadline(world, grade):
    errors = errors_of(world, grade=grade)
    assert errors["rectification_required"] == ["考核等次为“一般”或“差”的，必须填写整改要求。"]
    assert errors["rectification_deadline"] == ["考核等次为“一般”或“差”的，必须填写整改期限。"]
    assert errors_of(world, grade=grade, rectification_required="  ", rectification_deadline=D(2024, 6, 30)) == {
        "rectification_required": ["考核等次为“一般”或“差”的，必须填写整改要求。"]}
    assert appraise(world, grade=grade, **FOLLOW_UP).needs_follow_up


@pytest.mark.parametrize("grade", [AppraisalGrade.GOOD, AppraisalGrade.FAIRLY_GOOD])
@pytest.mark.parametrize("extra", [{"rectification_required": "整改"}, {"rectification_deadline": D(2024, 6, 30)},
                                   {"rectified_on": D(2024, 3, 1), "rectification_result": "已整改"}])
def test_good_and_fairly_good_take_no_follow_up(world, grade, extra):
    assert errors_of(world, grade=grade, **extra)["grade"] == [
        "考核等次为“好”或“较好”的不需整改，请清空整改要求、整改期限和整改情况。"]


def test_the_deadline_and_the_done_date_are_not_before_the_assessment(world):
    bad = {"grade": AppraisalGrade.POOR, "rectification_required": "整改"}
    assert errors_of(world, **bad, rectification_deadline=D(2024, 1, 19))["rectification_deadline"] == [
        "整改期限不能早于评定日期。"]
    assert errors_of(world, **bad, rectification_deadline=D(2024, 6, 30), rectified_on=D(2024, 1, 19),
                     rectification_result="已整改")["rectified_on"] == ["整改完成日期不能早于评定日期。"]
    done = appraise(world, **bad, rectification_deadline=D(2024, 1, 20), rectified_on=D(2024, 1, 20),
                    rectification_result="已整改")  # both on the assessment day
    assert not done.is_overdue(D(2025, 1, 1))


def test_a_done_rectification_has_its_result_and_a_result_its_date(world):
    base = {"grade": AppraisalGrade.AVERAGE, **FOLLOW_UP}
    assert errors_of(world, **base, rectified_on=D(2024, 5, 1))["rectification_result"] == ["整改完成的，请填写整改结果。"]
    assert errors_of(world, **base, rectification_result="已整改")["rectified_on"] == ["填写整改结果的，请填写整改完成日期。"]


def test_a_secretary_is_chosen_or_named(world):
    assert errors_of(world, secretary_name=" ")["secretary_name"] == ["请选择书记或填写书记姓名。"]
    other_county = PartyMemberFactory(organization=world.org_b1)
    with pytest.raises(Http404):  # a county clerk cannot name another county's member
        appraise(world, secretary=other_county, secretary_name="")
    with pytest.raises(ValidationError) as caught:  # the prefecture can, and the rule refuses it
        appraise(world, actor=world.carol, secretary=other_county, secretary_name="")
    assert caught.value.message_dict["secretary"] == ["书记必须是本县的党员。"]
    own = PartyMemberFactory(organization=world.org_a1, name="次仁")
    assert appraise(world, secretary=own, secretary_name="").display_secretary == "次仁"


def test_one_appraisal_per_organization_and_year(world):
    appraise(world)
    assert "__all__" in errors_of(world)
    assert appraise(world, year=2024, reported_on=D(2025, 1, 10), assessed_on=D(2025, 1, 20)).pk
    assert SecretaryAppraisal.objects.count() == 2


class FollowUpRuleTests(HypothesisTestCase):
    """Whatever the grade and the follow-up fields, a stored appraisal has a follow-up exactly when it
    is graded 一般 or 差, and a done date never before the assessment."""

    @settings(max_examples=60, deadline=None)
    @given(grade=st.sampled_from(list(AppraisalGrade)), required=st.sampled_from(["", "整改"]),
           deadline=st.one_of(st.none(), st.dates(D(2024, 1, 1), D(2025, 1, 1))),
           done=st.one_of(st.none(), st.dates(D(2024, 1, 1), D(2025, 1, 1))), result=st.sampled_from(["", "已整改"]))
    def test_follow_up_exactly_for_average_and_poor(self, grade, required, deadline, done, result):
        area = Area.objects.add_root(instance=Area(name="阿里地区", level=Area.Level.PREFECTURE))
        organization = PartyOrganization.objects.create(name="支部", kind="branch", area=area)
        appraisal = SecretaryAppraisal(organization=organization, **fields(
            grade=grade, rectification_required=required, rectification_deadline=deadline, rectified_on=done,
            rectification_result=result))
        try:
            appraisal.full_clean()
        except ValidationError:
            return
        has_follow_up = bool(required or deadline or done or result)
        assert has_follow_up == (grade in (AppraisalGrade.AVERAGE, AppraisalGrade.POOR))
        if has_follow_up:
            assert required and deadline and deadline >= appraisal.assessed_on
        assert done is None or (done >= appraisal.assessed_on and result)


# --- services ---------------------------------------------------------------------------------------

def test_the_services_check_the_scope(world):
    with pytest.raises(Http404):  # another county's organization is not found
        appraise(world, actor=world.bob)
    with pytest.raises(PermissionDenied):  # a read-only role
        appraise(world, actor=world.dave)
    own = appraise(world)
    with pytest.raises(Http404):  # moving it to another county
        appraisal_update(actor=world.alice, appraisal=own, organization=world.org_b1)
    own = SecretaryAppraisal.objects.get()  # the refused move changed the object in memory only
    assert own.organization == world.org_a1
    with pytest.raises(Http404):
        appraisal_delete(actor=world.bob, appraisal=own)
    appraisal_update(actor=world.alice, appraisal=own, grade=AppraisalGrade.FAIRLY_GOOD)
    assert SecretaryAppraisal.objects.get().grade == "fairly_good"
    appraisal_delete(actor=world.alice, appraisal=own)
    assert not SecretaryAppraisal.objects.exists()


def test_a_refused_update_writes_nothing(world):
    own = appraise(world)
    with pytest.raises(ValidationError):
        appraisal_update(actor=world.alice, appraisal=own, grade=AppraisalGrade.POOR)
    assert SecretaryAppraisal.objects.get().grade == "good"


# --- pages ------------------------------------------------------------------------------------------

def form_data(world, **extra):
    data = {"organization": world.org_a1.pk, "year": 2023, "secretary_name": "扎西", "report_summary": "述职",
            "reported_on": "2024-01-10", "grade": "average", "assessed_by": "狮泉河镇党委", "assessed_on": "2024-01-20",
            "rectification_required": "", "rectification_deadline": "", "rectified_on": "", "rectification_result": ""}
    data.update(extra)
    return data


def test_it_creates_from_the_form_and_shows_the_rule_in_chinese(client_for, world):
    client = client_for(world.alice)
    response = client.post(reverse("orglife:appraisal_create"), form_data(world))
    assert response.status_code == 200
    assert "考核等次为“一般”或“差”的，必须填写整改要求。" in response.content.decode()
    assert not SecretaryAppraisal.objects.exists()
    response = client.post(reverse("orglife:appraisal_create"), form_data(
        world, rectification_required="限期补齐台账", rectification_deadline="2024-06-30"))
    assert response.status_code == 302
    created = SecretaryAppraisal.objects.get()
    body = client.get(created.get_absolute_url()).content.decode()
    assert "限期补齐台账" in body and "2024-06-30" in body and "整改期限2024-06-30已过，尚未完成整改。" in body


def test_the_secretary_picker_offers_the_organizations_full_members(client_for, world):
    secretary = PartyMemberFactory(organization=world.org_a1, name="扎西")
    PartyMemberFactory(organization=world.org_a2, name="邻村党员")
    PartyMemberFactory(organization=world.org_a1, name="预备党员", stage=PartyMember.Stage.PROBATIONARY)
    client = client_for(world.alice)
    page = client.get(reverse("orglife:appraisal_create")).content.decode()
    select = re.search(r'<select name="secretary"[^>]*>', page).group(0)
    params = html.unescape(re.search(r'data-picker-params="([^"]*)"', select).group(1))
    assert params == "full=1"
    assert 'data-picker-narrow' in select and "organization" in html.unescape(select)
    offered = client.get(f"{reverse('pickers:pick', args=['members'])}?{params}&organization={world.org_a1.pk}").json()
    assert [row["value"] for row in offered["results"]] == [secretary.pk]
    # The form accepts only the chosen organization's full members.
    other = PartyMemberFactory(organization=world.org_a2, name="外组织党员")
    response = client.post(reverse("orglife:appraisal_create"), form_data(
        world, grade="good", secretary=other.pk, secretary_name=""))
    assert response.status_code == 200 and not SecretaryAppraisal.objects.exists()
    response = client.post(reverse("orglife:appraisal_create"), form_data(
        world, grade="good", secretary=secretary.pk, secretary_name=""))
    assert response.status_code == 302
    assert SecretaryAppraisal.objects.get().secretary == secretary


def test_other_counties_get_404_and_read_only_roles_403(client_for, world):
    own = appraise(world)
    bob = client_for(world.bob)
    for url in (own.get_absolute_url(), reverse("orglife:appraisal_update", args=[own.pk]),
                reverse("orglife:appraisal_delete", args=[own.pk])):
        assert bob.get(url).status_code == 404, url
        if url != own.get_absolute_url():
            assert bob.post(url, {}).status_code == 404, url
    assert own.organization.name not in bob.get(reverse("orglife:appraisal_list")).content.decode()
    dave = client_for(world.dave)
    assert dave.get(own.get_absolute_url()).status_code == 200
    for url in (reverse("orglife:appraisal_create"), reverse("orglife:appraisal_update", args=[own.pk]),
                reverse("orglife:appraisal_delete", args=[own.pk])):
        assert dave.get(url).status_code == 403, url
        assert dave.post(url, {}).status_code == 403, url
    assert SecretaryAppraisal.objects.count() == 1
    assert client_for(world.erin).get(reverse("orglife:appraisal_list")).status_code == 403


def test_the_list_filters_by_year_grade_township_and_overdue(client_for, world):
    appraise(world)
    appraise(world, org=world.org_a2, grade=AppraisalGrade.POOR, **FOLLOW_UP)
    appraise(world, org=world.org_a2, year=2024, reported_on=D(2025, 1, 10), assessed_on=D(2025, 1, 20))
    client = client_for(world.alice)
    url = reverse("orglife:appraisal_list")

    def shown(**params):
        return sorted((a.organization.name, a.year) for a in client.get(url, params).context["page_obj"])

    assert shown(year=2023, grade="poor") == [("昆莎一村党支部", 2023)]
    assert shown(year=2024) == [("昆莎一村党支部", 2024)]
    assert shown(township=world.township_a.pk) == [("加木村党支部", 2023)]
    assert shown(overdue="true") == [("昆莎一村党支部", 2023)]
    assert len(shown(overdue="false")) == 2


def test_list_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.carol)
    appraise(world)
    with django_assert_max_num_queries(12):
        client.get(reverse("orglife:appraisal_list"))
    for n in range(30):
        org = PartyOrganization.objects.create(name=f"支部{n}", kind="branch", area=world.village_a1)
        appraise(world, org=org, secretary=PartyMemberFactory(organization=org), secretary_name="")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("orglife:appraisal_list"))
    assert len(response.context["page_obj"]) == 31


def test_the_organization_page_shows_the_latest_grade(client_for, world):
    client = client_for(world.alice)
    page = client.get(reverse("branches:organization_detail", args=[world.org_a1.pk])).content.decode()
    assert re.search(r'id="latest-appraisal">书记述职评议考核：<span class="text-muted">无记录', page)
    appraise(world)
    latest = appraise(world, year=2024, reported_on=D(2025, 1, 10), assessed_on=D(2025, 1, 20),
                      grade=AppraisalGrade.FAIRLY_GOOD)
    page = client.get(reverse("branches:organization_detail", args=[world.org_a1.pk])).content.decode()
    assert f'<a href="{latest.get_absolute_url()}">2024年度 较好</a>' in page


# --- reminders and the early-warning selector -------------------------------------------------------

def test_reminders_of_overdue_rectifications_and_missing_appraisals(world):
    overdue = appraise(world, grade=AppraisalGrade.POOR, **FOLLOW_UP)
    appraise(world, org=world.org_a2, grade=AppraisalGrade.AVERAGE, rectification_required="整改",
             rectification_deadline=D(2024, 6, 30), rectified_on=D(2024, 6, 1), rectification_result="已整改")
    found = [r for r in reminders_for(world.alice, D(2024, 7, 1)) if r.kind in ("述职评议整改", "述职评议")]
    assert [(r.kind, r.organization, r.due_on, r.page) for r in found] == [
        ("述职评议整改", world.org_a1, D(2024, 6, 30), overdue.get_absolute_url())]
    assert "差" in found[0].text
    # On the deadline itself it is not overdue yet; bob (county B) sees nothing of county A.
    assert not [r for r in reminders_for(world.alice, D(2024, 6, 30)) if r.kind == "述职评议整改"]
    assert not [r for r in reminders_for(world.bob, D(2024, 7, 1)) if r.kind == "述职评议整改"]


def test_from_february_the_organizations_without_last_years_appraisal(world):
    township_committee = PartyOrganization.objects.create(name="狮泉河镇党委", kind="committee", area=world.township_a)
    PartyOrganization.objects.create(name="镇机关党支部", kind="branch", area=world.township_a)  # not appraised
    PartyOrganization.objects.create(name="加木村作业组党支部", kind="work_group_branch", area=world.village_a1)
    PartyOrganization.objects.create(name="村小学党支部", kind="branch", area=world.village_a1, unit_name="村小学")
    appraise(world)  # 加木村党支部, 2023
    missing = {o.name for o in organizations_without_appraisal(world.alice, 2023)}
    assert missing == {"狮泉河镇党委", "昆莎一村党支部"}

    def missing_reminders(day):
        return sorted(r.organization.name for r in reminders_for(world.alice, day) if r.kind == "述职评议")

    assert missing_reminders(D(2024, 1, 31)) == []
    assert missing_reminders(D(2024, 2, 1)) == ["昆莎一村党支部", "狮泉河镇党委"]
    assert missing_reminders(D(2025, 2, 1)) == ["加木村党支部", "昆莎一村党支部", "狮泉河镇党委"]  # none for 2024
    assert township_committee.get_absolute_url() in {r.page for r in reminders_for(world.alice, D(2024, 2, 1))}


def test_poor_appraisals_by_organization_in_one_query(world):
    appraise(world, grade=AppraisalGrade.POOR, **FOLLOW_UP)
    appraise(world, org=world.org_a2, grade=AppraisalGrade.AVERAGE, **FOLLOW_UP)
    appraise(world, org=world.org_b1, actor=world.bob, grade=AppraisalGrade.FAIRLY_GOOD)
    appraise(world, org=world.org_a2, year=2024, reported_on=D(2025, 1, 10), assessed_on=D(2025, 1, 20),
             grade=AppraisalGrade.POOR, rectification_required="整改", rectification_deadline=D(2025, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        found = poor_appraisals_by_organization(2023)
    assert len(queries) == 1
    assert found == {world.org_a1.pk: "poor", world.org_a2.pk: "average"}
    assert poor_appraisals_by_organization(2024) == {world.org_a2.pk: "poor"}
    assert poor_appraisals_by_organization(2022) == {}
