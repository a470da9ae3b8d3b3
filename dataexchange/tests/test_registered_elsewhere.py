"""Issue 17, item 8: a member import must not tell a county clerk where an ID number is registered,
nor answer "registered somewhere" for thousands of numbers: each such row is refused as already
registered, naming nothing, and a user is told about at most IMPORT_REGISTERED_ID_NOTICES_PER_DAY
of them in 24 hours (past that the file is refused whole and such files are not checked)."""
import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent
from cadres.models import DUPLICATE_ID_MESSAGE, PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number
from dataexchange.models import ImportJob
from dataexchange.services import REGISTERED_BUDGET_PASSED, REGISTERED_BUDGET_USED

from .helpers import MEMBER_HEADERS, member_row, xlsx

BIRTH = datetime.date(1990, 5, 1)


def _id(n: int) -> str:
    return make_id_number("542523", BIRTH, 60 + n, gender="M")


def _bob_member(world, n: int, name="达瓦卓嘎"):
    """A member of bob's county (普兰县), out of alice's scope."""
    return PartyMemberFactory(organization=world.org_b1, id_number=_id(n), birth_date=BIRTH, name=name)


@pytest.fixture
def upload(world, client_for, django_capture_on_commit_callbacks):
    def _go(user, rows, kind="members", headers=MEMBER_HEADERS):
        client = client_for(user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("dataexchange:import", args=[kind]),
                        {"file": SimpleUploadedFile("名单.xlsx", xlsx(headers, rows))})
        job = ImportJob.objects.filter(user=user).order_by("-pk").first()
        return job, client.get(job.get_absolute_url()).content.decode()
    return _go


BOB_PLACES = ("普兰县", "普兰镇", "普兰一村", "普兰一村党支部", "普兰")


def test_the_preview_names_neither_the_county_nor_the_organization_nor_the_person(world, upload):
    _bob_member(world, 1, name="达瓦卓嘎")
    job, page = upload(world.alice, [member_row("次仁", _id(1)), member_row("新人", _id(2))])
    text = json.dumps(job.preview, ensure_ascii=False) + job.message
    main = page.split("<main", 1)[1] if "<main" in page else page
    for secret in BOB_PLACES + ("达瓦卓嘎",):
        assert secret not in text and secret not in main, secret
    refused, new = job.preview["rows"]
    assert refused["errors"] == [["身份证号码", str(DUPLICATE_ID_MESSAGE)]] and new["action"] == "create"
    assert job.registered_elsewhere == 1


def test_a_reference_to_another_countys_member_reads_as_an_unknown_number(world, upload):
    _bob_member(world, 1)
    headers = ["所在村(社区)", "所在班子", "职务", "任期开始", "党员身份证号码"]
    job, _page = upload(world.alice, [["加木村", "村委会", "委员", "2021-01-01", _id(1)],
                                      ["加木村", "村委会", "委员", "2021-01-01", _id(9)]],  # registered nowhere
                        kind="committee_members", headers=headers)
    theirs, nobody = job.preview["rows"]
    assert {k: v for k, v in theirs.items() if k != "row"} == {k: v for k, v in nobody.items() if k != "row"}
    assert job.registered_elsewhere == 0  # no ID number of this kind is unique prefecture-wide


def test_a_file_past_the_daily_budget_is_refused_whole_naming_no_row(world, upload, settings):
    settings.IMPORT_REGISTERED_ID_NOTICES_PER_DAY = 3
    for n in range(5):
        _bob_member(world, n, name=f"普兰党员{n}")
    rows = [member_row("新人", _id(20))] + [member_row(f"某人{n}", _id(n)) for n in range(5)]
    job, page = upload(world.alice, rows)
    assert job.status == ImportJob.Status.REFUSED and job.message == REGISTERED_BUDGET_PASSED
    assert job.preview == {} and "第3行" not in page and "某人" not in page
    assert job.registered_elsewhere == 5
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.IMPORT, success=False, user=world.alice)
    assert "5个身份证号码已在管辖范围外登记" in event.target
    assert PartyMember.objects.count() == 5

    # The budget is used up: a file is not checked at all (a clean answer would be an answer too)…
    job, _page = upload(world.alice, [member_row("新人", _id(20))])
    assert job.status == ImportJob.Status.REFUSED and job.message == REGISTERED_BUDGET_USED % 5
    assert job.preview == {}
    # … for 24 hours, and for this user only.
    other, _page = upload(world.tess, [member_row("新人", _id(21))])
    assert other.status == ImportJob.Status.PREVIEWED and other.created_count == 1
    ImportJob.objects.filter(user=world.alice).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    job, _page = upload(world.alice, [member_row("新人", _id(20))])
    assert job.status == ImportJob.Status.PREVIEWED and job.created_count == 1


def test_rows_within_the_budget_are_answered_row_by_row_and_add_up(world, upload, settings):
    settings.IMPORT_REGISTERED_ID_NOTICES_PER_DAY = 3
    for n in range(4):
        _bob_member(world, n)
    first, _page = upload(world.alice, [member_row("甲", _id(0)), member_row("乙", _id(1))])
    assert first.status == ImportJob.Status.PREVIEWED and first.error_count == 2 and first.registered_elsewhere == 2
    second, _page = upload(world.alice, [member_row("丙", _id(2))])
    assert second.status == ImportJob.Status.PREVIEWED and second.error_count == 1  # 3 of 3
    third, _page = upload(world.alice, [member_row("丁", _id(3))])
    assert third.status == ImportJob.Status.REFUSED and third.message == REGISTERED_BUDGET_USED % 3


def test_members_in_the_users_scope_do_not_count(world, upload, settings):
    settings.IMPORT_REGISTERED_ID_NOTICES_PER_DAY = 0
    PartyMemberFactory(organization=world.org_a1, id_number=_id(1), birth_date=BIRTH, name="次仁")
    _bob_member(world, 2)
    job, _page = upload(world.alice, [member_row("次仁", _id(1))])  # alice's own member: an update
    assert job.status == ImportJob.Status.PREVIEWED and job.updated_count == 1 and job.registered_elsewhere == 0
    job, _page = upload(world.carol, [member_row("达瓦", _id(2))])  # the whole prefecture is carol's
    assert job.status == ImportJob.Status.PREVIEWED and job.registered_elsewhere == 0
