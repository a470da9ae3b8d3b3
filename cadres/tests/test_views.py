"""Pages: scoping (404 for another county, 403 for read-only and non-business roles), bad input shown
on the forms, masked personal data, and flat query counts on the lists."""
import datetime

import pytest
from django.urls import reverse

from cadres.models import (
    CadreWorkLog,
    LanguageAssessment,
    LanguageTrainingSession,
    OrganizationTransfer,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
)
from cadres.validators import make_id_number

from .factories import LanguageTrainingSessionFactory, PartyMemberFactory, SentCadreFactory, TwoCommitteeMemberFactory

D = datetime.date


@pytest.fixture
def b_records(world):
    """One record of every kind in county B (bob's), for alice to fail to reach."""
    member = PartyMemberFactory(organization=world.org_b1, name="普兰党员", phone="13912345678",
                                stage=PartyMember.Stage.PROBATIONARY, admitted_on=D(2022, 3, 1), full_member_on=None)
    person = TwoCommitteeMemberFactory(village=world.village_b1, member=member, name=member.name)
    assessment = LanguageAssessment.objects.create(person=person, year=2022, level=3)
    session = LanguageTrainingSessionFactory(area=world.village_b1, title="普兰培训班")
    cadre = SentCadreFactory(village=world.village_b1, name="普兰驻村干部")
    log = CadreWorkLog.objects.create(cadre=cadre, kind="problem", logged_on=D(2022, 5, 1), count=2)
    return dict(member=member, person=person, assessment=assessment, session=session, cadre=cadre, log=log)


READ_URLS = [("cadres:member_detail", "member"), ("cadres:committee_detail", "person"),
             ("cadres:training_detail", "session"), ("cadres:cadre_detail", "cadre")]
WRITE_URLS = [
    ("cadres:member_update", "member"), ("cadres:member_delete", "member"), ("cadres:member_advance", "member"),
    ("cadres:member_extend", "member"), ("cadres:member_cancel", "member"), ("cadres:member_transfer", "member"),
    ("cadres:committee_update", "person"), ("cadres:committee_delete", "person"),
    ("cadres:assessment_create", "person"), ("cadres:assessment_delete", "assessment"),
    ("cadres:training_update", "session"), ("cadres:training_delete", "session"),
    ("cadres:cadre_update", "cadre"), ("cadres:cadre_delete", "cadre"),
    ("cadres:cadre_log_create", "cadre"), ("cadres:cadre_log_delete", "log"),
]
LIST_URLS = ["cadres:index", "cadres:member_list", "cadres:pipeline", "cadres:transfer_list", "cadres:committee_list",
             "cadres:training_list", "cadres:cadre_list"]
POST_DATA = {"name": "被篡改", "on": "2023-05-01", "months": "6", "to_organization": "", "transferred_on": "2023-01-01",
             "year": "2023", "level": "1", "kind": "problem", "logged_on": "2022-06-01", "count": "1",
             "title": "被篡改", "attendance": "1", "started_on": "2022-01-01", "post": "x", "committee": "party",
             "gender": "M", "sending_unit": "x", "force": "other", "term_start": "2021-01-01"}


def snapshot():
    return [list(model.objects.order_by("pk").values()) for model in
            (PartyMember, TwoCommitteeMember, LanguageAssessment, LanguageTrainingSession, SentCadre,
             CadreWorkLog, OrganizationTransfer)]


@pytest.mark.parametrize("url_name, key", READ_URLS + WRITE_URLS)
def test_another_countys_object_is_404_and_nothing_changes(client_for, world, b_records, url_name, key):
    client = client_for(world.alice)
    url = reverse(url_name, args=[b_records[key].pk])
    before = snapshot()
    assert client.get(url).status_code == 404
    if (url_name, key) in WRITE_URLS:
        assert client.post(url, POST_DATA).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("url_name, key", WRITE_URLS)
def test_read_only_viewer_gets_403_on_writes(client_for, world, b_records, url_name, key):
    client = client_for(world.dave)
    url = reverse(url_name, args=[b_records[key].pk])
    before = snapshot()
    assert client.get(url).status_code == 403
    assert client.post(url, POST_DATA).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("url_name", ["cadres:member_create", "cadres:committee_create", "cadres:training_create",
                                      "cadres:cadre_create"])
def test_read_only_viewer_cannot_create(client_for, world, url_name):
    client = client_for(world.dave)
    assert client.get(reverse(url_name)).status_code == 403
    assert client.post(reverse(url_name), POST_DATA).status_code == 403


@pytest.mark.parametrize("url_name, key", READ_URLS)
def test_read_only_viewer_reads_details(client_for, world, b_records, url_name, key):
    assert client_for(world.dave).get(reverse(url_name, args=[b_records[key].pk])).status_code == 200


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_admin_and_auditor_see_no_personnel_data(client_for, world, b_records, persona):
    client = client_for(getattr(world, persona))
    for url_name in LIST_URLS:
        assert client.get(reverse(url_name)).status_code == 403, url_name
    for url_name, key in READ_URLS + WRITE_URLS:
        assert client.get(reverse(url_name, args=[b_records[key].pk])).status_code == 403, url_name


def test_lists_show_only_the_own_county_with_masked_personal_data(client_for, world, b_records):
    mine = PartyMemberFactory(organization=world.org_a1, name="加木党员", phone="13887654321")
    body = client_for(world.alice).get(reverse("cadres:member_list")).content.decode()
    assert "加木党员" in body and "普兰党员" not in body
    assert mine.id_number not in body and mine.masked_id_number in body
    assert "13887654321" not in body and "138****4321" in body
    detail = client_for(world.alice).get(mine.get_absolute_url()).content.decode()
    assert mine.id_number not in detail and "13887654321" not in detail
    edit = client_for(world.alice).get(reverse("cadres:member_update", args=[mine.pk])).content.decode()
    assert mine.id_number not in edit and "13887654321" not in edit and "138****4321" in edit
    cadre_edit = client_for(world.bob).get(reverse("cadres:cadre_update", args=[b_records["cadre"].pk]))
    assert "13912345678" not in cadre_edit.content.decode()
    for url_name, text in [("cadres:committee_list", "普兰党员"), ("cadres:training_list", "普兰培训班"),
                           ("cadres:cadre_list", "普兰驻村干部"), ("cadres:pipeline", "普兰党员")]:
        assert text not in client_for(world.alice).get(reverse(url_name)).content.decode(), url_name
        assert text in client_for(world.bob).get(reverse(url_name)).content.decode(), url_name
    cadres_page = client_for(world.bob).get(reverse("cadres:cadre_list")).content.decode()
    assert "13912345678" not in cadres_page and "139****5678" in cadres_page


def test_member_list_filters_by_county_stage_and_name(client_for, world):
    PartyMemberFactory(organization=world.org_a1, name="扎西")
    PartyMemberFactory(organization=world.org_a2, name="卓玛", stage=PartyMember.Stage.PROBATIONARY,
                       full_member_on=None, admitted_on=D(2022, 5, 1))
    PartyMemberFactory(organization=world.org_b1, name="次仁")
    client = client_for(world.carol)
    url = reverse("cadres:member_list")

    def names(**params):
        return [m.name for m in client.get(url, params).context["page_obj"]]

    assert names(county=world.county_b.pk) == ["次仁"]
    assert names(township=world.township_a2.pk) == ["卓玛"]
    assert names(stage=4) == ["卓玛"]
    assert names(name="扎") == ["扎西"]
    # A prefecture-wide user chooses the county (or township) first; then its organizations are offered.
    assert names(county=world.county_a.pk, organization=world.org_a1.pk) == ["扎西"]
    assert names(township=world.township_a.pk, organization=world.org_a1.pk) == ["扎西"]


def member_post(world, **overrides):
    birth = D(1995, 4, 2)
    data = {"name": "格桑", "gender": "M", "ethnicity": "藏族", "birth_date": "1995-04-02",
            "id_number": make_id_number("542523", birth, 11, gender="M"), "phone": "", "education": "",
            "occupation": "farmer_herder",
            "organization": world.org_a1.pk, "stage": "2", "applied_on": "2021-03-01", "activist_on": "2021-09-01",
            "candidate_on": "", "admitted_on": "", "full_member_on": "", "status": "normal", "status_changed_on": ""}
    data.update(overrides)
    return data


def test_it_creates_a_member_through_the_form(client_for, world):
    response = client_for(world.alice).post(reverse("cadres:member_create"), member_post(world))
    assert response.status_code == 302
    assert PartyMember.objects.get().name == "格桑"


def test_sex_and_birth_date_left_blank_are_read_from_the_id_number(client_for, world):
    # GB 11643's own example: 11010519491231002X is a woman (17th digit 2, even) born 1949-12-31.
    response = client_for(world.alice).post(reverse("cadres:member_create"), member_post(
        world, id_number="11010519491231002X", gender="", birth_date=""))
    assert response.status_code == 302
    member = PartyMember.objects.get()
    assert (member.gender, member.birth_date) == ("F", D(1949, 12, 31))
    # On the edit form too, from the stored number when the number is left blank.
    data = member_post(world, id_number="", gender="", birth_date="")
    assert client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]), data).status_code == 302
    member.refresh_from_db()
    assert (member.gender, member.birth_date) == ("F", D(1949, 12, 31))
    # Typed and different, they are refused as before.
    response = client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]),
                                            member_post(world, id_number="", gender="M", birth_date=""))
    assert "性别与身份证号码不一致" in " ".join(response.context["form"].errors["gender"])


@pytest.mark.parametrize("overrides, field, message", [
    ({"id_number": make_id_number("542523", D(1995, 4, 2), 11, gender="M")[:-1] + "Y"}, "id_number", "身份证号码只能由数字组成"),
    ({"birth_date": "1995-04-03"}, "birth_date", "出生日期与身份证号码不一致（号码中为1995年4月2日）。"),
    ({"stage": "3", "candidate_on": "2022-06-01"}, "candidate_on", "确定为发展对象日期须在确定为入党积极分子满一年之后"),
])
def test_the_form_shows_bad_input_beside_the_field(client_for, world, overrides, field, message):
    response = client_for(world.alice).post(reverse("cadres:member_create"), member_post(world, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not PartyMember.objects.exists()


def test_the_form_refuses_a_wrong_checksum(client_for, world):
    good = make_id_number("542523", D(1995, 4, 2), 11, gender="M")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client_for(world.alice).post(reverse("cadres:member_create"), member_post(world, id_number=bad))
    assert "身份证号码校验位不正确" in " ".join(response.context["form"].errors["id_number"])
    assert not PartyMember.objects.exists()


def test_the_form_refuses_a_duplicate_from_another_county_without_revealing_it(client_for, world):
    other = PartyMemberFactory(organization=world.org_b1, name="普兰的央金", birth_date=D(1995, 4, 2),
                               id_number=make_id_number("542523", D(1995, 4, 2), 11, gender="M"),
                               applied_on=D(2014, 1, 1), activist_on=D(2014, 3, 1), candidate_on=D(2015, 3, 1),
                               admitted_on=D(2015, 6, 1), full_member_on=D(2016, 6, 1))
    response = client_for(world.alice).post(reverse("cadres:member_create"), member_post(world))
    assert response.status_code == 200
    assert "该身份证号码已在系统中登记" in " ".join(response.context["form"].errors["id_number"])
    body = response.content.decode()
    assert "普兰的央金" not in body and "普兰" not in body and "普兰一村党支部" not in body
    assert PartyMember.objects.get() == other


def test_it_corrects_a_member_without_retyping_the_id_number(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, name="旧名", phone="13700001111")
    data = member_post(world, name="新名", id_number="", birth_date="1985-06-15", stage="5",
                       applied_on="2005-01-10", activist_on="2005-06-01", candidate_on="2006-07-01",
                       admitted_on="2006-12-01", full_member_on="2007-12-01")
    response = client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    old_id, old_phone = member.id_number, member.phone
    member.refresh_from_db()
    assert member.name == "新名" and member.id_number == old_id and member.phone == old_phone
    # Typing a corrected number (with full-width digits) replaces it.
    new_id = make_id_number("542523", D(1985, 6, 15), 7, gender="M")
    data["id_number"] = new_id.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    response = client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    member.refresh_from_db()
    assert member.id_number == new_id


def test_it_advances_a_candidate_from_the_pipeline(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.ACTIVIST, applied_on=D(2021, 1, 1),
                                activist_on=D(2021, 3, 1), candidate_on=None, admitted_on=None, full_member_on=None)
    client = client_for(world.alice)
    page = client.get(reverse("cadres:pipeline"), {"on": "2022-03-01"}).content.decode()
    assert member.name in page and reverse("cadres:member_advance", args=[member.pk]) in page
    blocked = client.post(reverse("cadres:member_advance", args=[member.pk]), {"on": "2022-02-28"})
    assert "满一年之后" in " ".join(blocked.context["form"].errors["on"])
    assert client.post(reverse("cadres:member_advance", args=[member.pk]), {"on": "2022-03-01"}).status_code == 302
    member.refresh_from_db()
    assert member.stage == PartyMember.Stage.CANDIDATE and member.candidate_on == D(2022, 3, 1)


def test_it_transfers_through_the_page(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1)
    response = client_for(world.alice).post(reverse("cadres:member_transfer", args=[member.pk]),
                                            {"to_organization": world.org_a2.pk, "transferred_on": "2022-05-01"})
    assert response.status_code == 302
    assert OrganizationTransfer.objects.get().from_organization == world.org_a1
    assert client_for(world.alice).get(reverse("cadres:transfer_list")).status_code == 200
    # Another county's organization is not a choice for alice.
    response = client_for(world.alice).post(reverse("cadres:member_transfer", args=[member.pk]),
                                            {"to_organization": world.org_b1.pk, "transferred_on": "2022-06-01"})
    assert response.status_code == 200 and OrganizationTransfer.objects.count() == 1


def test_it_records_two_committee_members_assessments_and_cadre_logs(client_for, world):
    client = client_for(world.alice)
    member = PartyMemberFactory(organization=world.org_a1, name="书记")
    response = client.post(reverse("cadres:committee_create"), {
        "member": member.pk, "name": "", "gender": "", "village": world.village_a1.pk, "committee": "both",
        "post": "村党支部书记", "term_start": "2021-03-01", "term_end": ""})
    assert response.status_code == 302
    person = TwoCommitteeMember.objects.get()
    assert person.name == "书记"
    url = reverse("cadres:assessment_create", args=[person.pk])
    assert client.post(url, {"year": "2022", "level": "3"}).status_code == 302
    again = client.post(url, {"year": "2022", "level": "4"})
    assert "本年度已有国家通用语言评估记录" in again.content.decode()
    assert LanguageAssessment.objects.get().level == 3

    assert client.post(reverse("cadres:cadre_create"), {
        "name": "驻村甲", "gender": "M", "phone": "", "force": "work_team", "sending_unit": "地委组织部",
        "village": world.village_a1.pk, "started_on": "2022-01-01", "ended_on": ""}).status_code == 302
    cadre = SentCadre.objects.get()
    assert client.post(reverse("cadres:cadre_log_create", args=[cadre.pk]),
                       {"kind": "policy_talk", "logged_on": "2022-02-01", "count": "3"}).status_code == 302
    assert client.post(reverse("cadres:training_create"), {
        "title": "培训", "area": world.township_a.pk, "organizer": "", "started_on": "2022-01-01", "ended_on": "",
        "attendance": "12"}).status_code == 302
    assert client.get(reverse("cadres:index")).status_code == 200


LIST_FACTORIES = {
    "cadres:member_list": lambda w, n: PartyMemberFactory.create_batch(n, organization=w.org_a1),
    "cadres:pipeline": lambda w, n: PartyMemberFactory.create_batch(
        n, organization=w.org_a1, stage=PartyMember.Stage.PROBATIONARY, admitted_on=D(2022, 3, 1), full_member_on=None),
    "cadres:committee_list": lambda w, n: [
        TwoCommitteeMemberFactory(village=w.village_a1, member=m, name=m.name)
        for m in PartyMemberFactory.create_batch(n, organization=w.org_a1)],
    "cadres:training_list": lambda w, n: LanguageTrainingSessionFactory.create_batch(n, area=w.village_a1),
    "cadres:cadre_list": lambda w, n: SentCadreFactory.create_batch(n, village=w.village_a1),
    "cadres:transfer_list": lambda w, n: [
        OrganizationTransfer.objects.create(member=m, from_organization=w.org_a2, to_organization=w.org_a1,
                                            transferred_on=D(2022, 1, 1))
        for m in PartyMemberFactory.create_batch(n, organization=w.org_a1)],
}


@pytest.mark.parametrize("url_name", list(LIST_FACTORIES))
def test_list_query_count_is_flat(client_for, world, django_assert_max_num_queries, url_name):
    client = client_for(world.alice)
    LIST_FACTORIES[url_name](world, 2)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(url_name)).status_code == 200
    LIST_FACTORIES[url_name](world, 48)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name, key", WRITE_URLS)
def test_own_county_clerk_opens_every_write_page(client_for, world, b_records, url_name, key):
    if url_name in ("cadres:assessment_delete", "cadres:cadre_log_delete"):
        expected = 302  # POST-only: a GET goes back to the parent page
    else:
        expected = 200
    assert client_for(world.bob).get(reverse(url_name, args=[b_records[key].pk])).status_code == expected


def test_it_deletes_through_the_confirmation_page(client_for, world, b_records):
    client = client_for(world.bob)
    assert client.post(reverse("cadres:cadre_log_delete", args=[b_records["log"].pk])).status_code == 302
    assert not CadreWorkLog.objects.exists()
    assert client.post(reverse("cadres:cadre_delete", args=[b_records["cadre"].pk])).status_code == 302
    assert not SentCadre.objects.exists()
    # A member who sits on a two-committee cannot be deleted: the message says why, nothing changes.
    response = client.post(reverse("cadres:member_delete", args=[b_records["member"].pk]), follow=True)
    assert "不能删除" in response.content.decode()
    assert PartyMember.objects.filter(pk=b_records["member"].pk).exists()


def test_the_pipeline_says_how_long_to_wait_in_words_not_negative_days(client_for, world):
    """Admitted 2022-06-20: full membership from 2023-06-20. On 2023-06-01 that is 19 days ahead;
    on 2023-07-01 the year has been over for 11 days (never "−11")."""
    PartyMemberFactory(organization=world.org_a1, name="将转正", stage=PartyMember.Stage.PROBATIONARY, full_member_on=None,
                       admitted_on=datetime.date(2022, 6, 20))
    client = client_for(world.alice)
    before = client.get(reverse("cadres:pipeline"), {"on": "2023-06-01"}).content.decode()
    assert "还需 19 天" in before
    after = client.get(reverse("cadres:pipeline"), {"on": "2023-07-01"}).content.decode()
    assert "已满 11 天" in after and "-11" not in after and "−11" not in after
    assert "可以办理下一步（如确定为发展对象" in after
