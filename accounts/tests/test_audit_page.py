"""The auditor's change log reads as a person would (issue 18, item 9): every field and data kind by
its Chinese name, a related record by its name, no internal rows (auditlog's text for reverse
relations, primary keys, Django's many-to-many tables) and no secret, even in rows written before a
field was excluded; the active filters in words; the page's query count flat."""
import datetime

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number

AUDIT = reverse("accounts:audit_log")
FULL_ID = make_id_number("542523", datetime.date(1985, 6, 15), 7, gender="M")


def page(client_for, world, **params) -> str:
    response = client_for(world.erin).get(AUDIT, params)
    assert response.status_code == 200
    return response.content.decode()


def legacy_entry(obj, changes, action=LogEntry.Action.UPDATE):
    """A row as an older version of the app (or of auditlog's settings) wrote it."""
    return LogEntry.objects.create(content_type=ContentType.objects.get_for_model(type(obj)),
                                   object_pk=str(obj.pk), object_id=obj.pk if isinstance(obj.pk, int) else None,
                                   object_repr=str(obj),
                                   action=action, changes=changes)


def test_a_created_organization_reads_in_chinese_with_the_area_by_name(client_for, world):
    from branches.services import organization_create
    with set_actor(world.alice):
        organization_create(actor=world.alice, name="新支部", kind="branch", area=world.village_a2)
    entry = LogEntry.objects.filter(object_repr="新支部").get()
    # What auditlog stored: the area by its primary key, no reverse relation (members, meetings, …).
    assert entry.changes_dict["area"] == ["None", str(world.village_a2.pk)]
    from branches.models import PartyOrganization
    assert set(entry.changes_dict) <= {f.name for f in PartyOrganization._meta.concrete_fields}
    body = page(client_for, world, model="partyorganization")
    assert "<b>组织名称</b>：新支部" in body
    assert "<b>所在区域(村/社区或单位所在地)</b>：昆莎一村" in body
    assert "<b>组织类型</b>：党支部" in body  # the choice's label, not "branch"
    assert "<b>易地搬迁点党组织</b>：否" in body  # not "False"
    assert ".None" not in body and "<b>ID</b>" not in body and "<b>id</b>" not in body


def test_an_old_row_with_reverse_relations_shows_none_of_them(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, name="旧记录党员")
    legacy_entry(member, {"name": ["None", "旧记录党员"], "transfers": ["None", "cadres.OrganizationTransfer.None"],
                          "meeting_attendance": ["None", "evaluations.MeetingAttendance.None"],
                          "no_longer_a_field": ["None", "x"]}, action=LogEntry.Action.CREATE)
    body = page(client_for, world, model="partymember")
    assert "<b>姓名</b>：旧记录党员" in body
    for internal in ("transfers", "OrganizationTransfer", "meeting_attendance", "MeetingAttendance",
                     "no_longer_a_field"):
        assert internal not in body


def test_an_update_shows_before_and_after_by_name(client_for, world):
    from branches.services import organization_update
    with set_actor(world.alice):
        organization_update(actor=world.alice, organization=world.org_a1, name="加木村第一党支部")
    entry = LogEntry.objects.get(action=LogEntry.Action.UPDATE, object_repr="加木村第一党支部")
    assert entry.changes_dict == {"name": ["加木村党支部", "加木村第一党支部"]}
    assert "<b>组织名称</b>：加木村党支部 → 加木村第一党支部" in page(client_for, world)


def test_a_related_record_since_deleted_is_named_as_deleted(client_for, world):
    legacy_entry(world.org_a1, {"merged_into": ["None", "99999"]})
    assert "<b>并入党组织</b>：（空） → 已删除的党组织（编号 99999）" in page(client_for, world)


def test_activity_attendees_are_one_entry_naming_the_members(client_for, world):
    from activities.services import activity_create
    from activities.tests.test_services import fields
    first = PartyMemberFactory(organization=world.org_a1, name="参加甲")
    second = PartyMemberFactory(organization=world.org_a1, name="参加乙")
    before = LogEntry.objects.count()
    with set_actor(world.alice):
        activity_create(actor=world.alice, attendees=[first, second], **fields(world))
    # The activity's creation and the attendees added: not one row per person in the m2m table.
    assert LogEntry.objects.count() - before == 2
    assert not [m for m in auditlog.get_models() if m._meta.auto_created]
    body = page(client_for, world, model="activity")
    assert ("<b>参加党员(可选)</b>：增加：参加甲、参加乙" in body) or ("<b>参加党员(可选)</b>：增加：参加乙、参加甲" in body)


def test_the_active_filters_are_shown_in_words(client_for, world):
    body = page(client_for, world, username="alice", model="partyorganization", date_from="2024-01-02")
    assert "用户：alice" in body and "数据类型：党组织" in body and "起始日期：2024-01-02" in body
    assert "%E5" not in body.split('data-testid="active-filters"')[1].split("</p>")[0]
    assert 'data-testid="active-filters"' not in page(client_for, world)


def test_every_logged_field_and_data_kind_has_a_chinese_name():
    """Walks the registry: a new field with no verbose name (its English code shown to the
    auditor) fails here. Written out: any CJK character counts as a Chinese name."""
    from accounts.audit import model_name

    def chinese(text):
        return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))

    missing = []
    for model in auditlog.get_models():
        rules = auditlog.get_model_fields(model)
        if not chinese(model_name(model)):
            missing.append(model._meta.label)
        for field in model._meta.get_fields():
            if not field.concrete or field.primary_key or field.name in rules["exclude_fields"]:
                continue
            if not chinese(rules["mapping_fields"].get(field.name, field.verbose_name)):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def test_no_reverse_relation_is_logged():
    logged_reverse = [f"{m._meta.label}.{f.name}" for m in auditlog.get_models()
                      for f in m._meta.get_fields(include_hidden=True)
                      if f.is_relation and not f.concrete
                      and f.name not in auditlog.get_model_fields(m)["exclude_fields"]]
    assert logged_reverse == []


# --- secrets: never on the page, whatever a row holds ----------------------------------------------

def test_no_secret_reaches_the_page_even_from_rows_written_before_the_exclusions(client_for, world):
    from conftest import make_user
    olga = make_user("olga", "security_officer")
    device = TOTPDevice.objects.create(user=world.carol, name="默认验证器", confirmed=True)
    with set_actor(world.alice):
        member = PartyMemberFactory(organization=world.org_a1, name="秘密测试", id_number=FULL_ID)
    with connection.cursor() as cursor:  # what is at rest: the ciphertext and the lookup digest
        cursor.execute("SELECT id_number, id_number_hash FROM cadres_partymember WHERE id = %s", [member.pk])
        ciphertext, digest = cursor.fetchone()
    session_key = "k" * 27 + "sessionsecret"  # 40 characters: the column's length (PostgreSQL enforces it)
    secrets = [olga.password, olga.password.split("$")[-1], device.key, ciphertext, digest, session_key,
               FULL_ID]
    # Rows as an older version wrote them, before these fields were excluded or masked.
    legacy_entry(olga, {"password": ["None", olga.password], "full_name": ["None", "olga"]})
    legacy_entry(device, {"key": ["None", device.key], "name": ["None", "默认验证器"]})
    legacy_entry(member, {"id_number_hash": ["None", digest], "id_number": ["None", FULL_ID]})
    from django.contrib.sessions.models import Session
    Session.objects.create(session_key=session_key, session_data="x", expire_date=datetime.datetime(2030, 1, 1,
                                                                                                   tzinfo=datetime.UTC))
    legacy_entry(Session.objects.get(), {"session_key": ["None", session_key]}, action=LogEntry.Action.CREATE)
    body = page(client_for, world) + page(client_for, world, tab="events")
    for model in ("user", "totpdevice", "partymember"):
        body += page(client_for, world, model=model)
    for secret in secrets:
        assert secret not in body
    assert "<b>姓名</b>：（空） → olga" in body  # the rows themselves are shown, without the secret
    assert "<b>身份证号码</b>：（空） → 542523************" in body
    assert "动态口令设备" in body and "<b>名称</b>：（空） → 默认验证器" in body


def test_the_page_query_count_does_not_grow_with_the_rows(client_for, world, django_assert_max_num_queries):
    from branches.services import organization_create, organization_update
    client = client_for(world.erin)

    def add(n):
        with set_actor(world.alice):
            for i in range(n):
                org = organization_create(actor=world.alice, name=f"支部{LogEntry.objects.count()}-{i}",
                                          kind="branch", area=world.village_a1, parent=world.org_a1)
                organization_update(actor=world.alice, organization=org, area=world.village_a2)
    add(1)
    with django_assert_max_num_queries(14):
        assert client.get(AUDIT).status_code == 200
    add(20)
    with django_assert_max_num_queries(14):
        assert client.get(AUDIT).status_code == 200


def test_user_changes_show_the_role_by_its_name(client_for, world):
    legacy_entry(world.bob, {"role": ["county_clerk", "prefecture_viewer"]})
    assert "<b>角色</b>：县委组织部录入员 → 地区查看人员(只读)" in page(client_for, world, model="user")
    assert User.objects.filter(username="erin").exists()
