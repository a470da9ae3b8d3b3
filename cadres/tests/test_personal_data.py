"""Issue 11, personal data: ID numbers and phones encrypted at rest (AES-256-GCM) with an HMAC lookup
hash; showing them in full is an audited POST for roles that may; logs and error reports mask them."""
import datetime
import importlib
import io
import logging
import sys
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AccessEvent
from ali_party import crypto
from ali_party.logging import (
    PersonalDataExceptionReporter,
    PersonalDataExceptionReporterFilter,
    PersonalDataFilter,
    mask_personal_data,
    mask_personal_value,
)
from cadres import services
from cadres.models import PartyMember, SentCadre, id_number_lookup_hash
from cadres.validators import make_id_number

from .factories import PartyMemberFactory, SentCadreFactory

D = datetime.date
KEY_1 = "k1:" + "MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE="  # 32 bytes of "1"
KEY_1_WRONG = "k1:" + "MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjI="  # same id, other key
KEY_2 = "k2:" + "MzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzM="
LOOKUP_KEY = "NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ="
PHONE = "13912345678"


@pytest.fixture
def keys(settings):
    settings.FIELD_ENCRYPTION_KEY = KEY_1
    settings.FIELD_ENCRYPTION_OLD_KEYS = []
    settings.FIELD_LOOKUP_KEY = LOOKUP_KEY
    return settings


def raw_row(table, pk, *columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def member_in(world, org=None, **kwargs):
    return PartyMemberFactory(organization=org or world.org_a1, phone=PHONE, **kwargs)


# ---------------------------------------------------------------- at rest

def test_it_stores_no_plaintext_in_the_database(world, keys):
    member = member_in(world)
    stored_id, stored_hash, stored_phone = raw_row("cadres_partymember", member.pk, "id_number", "id_number_hash",
                                                   "phone")
    assert stored_id.startswith("aesgcm1$k1$") and stored_phone.startswith("aesgcm1$k1$")
    for digits in (member.id_number, member.id_number[:6], member.id_number[6:14], member.id_number[-4:]):
        assert digits not in stored_id and digits not in stored_hash
    assert PHONE not in stored_phone and PHONE[-4:] not in stored_phone
    assert len(stored_hash) == 64 and stored_hash == id_number_lookup_hash(member.id_number)
    cadre = SentCadreFactory(village=world.village_a1, phone=PHONE)
    (cadre_phone,) = raw_row("cadres_sentcadre", cadre.pk, "phone")
    assert cadre_phone.startswith("aesgcm1$") and PHONE not in cadre_phone


def test_it_encrypts_equal_values_differently(keys):
    a, b = (crypto.encrypt(PHONE, purpose="phone") for _ in range(2))
    assert a != b  # random 96-bit nonce per value
    assert crypto.decrypt(a, purpose="phone") == crypto.decrypt(b, purpose="phone") == PHONE


def test_it_round_trips_through_the_orm_and_bulk_create(world, keys):
    member = member_in(world)
    again = PartyMember.objects.get(pk=member.pk)
    assert (again.id_number, again.phone) == (member.id_number, PHONE)
    assert again.masked_id_number == member.id_number[:6] + "*" * 12  # the region only (issue 17)
    birth = D(1990, 1, 2)
    numbers = [make_id_number("542521", birth, n, gender="M") for n in range(3)]
    PartyMember.objects.bulk_create([
        PartyMember(name=f"批量{n}", gender="M", birth_date=birth, id_number=number, organization=world.org_b1)
        for n, number in enumerate(numbers)])
    assert sorted(PartyMember.objects.filter(name__startswith="批量").values_list("id_number", flat=True)) == numbers
    assert PartyMember.objects.with_id_number(numbers[1]).get().name == "批量1"
    assert SentCadre.objects.get(pk=SentCadreFactory(village=world.village_a1, phone=PHONE).pk).phone == PHONE


def test_it_refuses_to_decrypt_with_a_wrong_or_unknown_key(world, keys):
    member = member_in(world)
    keys.FIELD_ENCRYPTION_KEY = KEY_1_WRONG  # same key id, other key material
    with pytest.raises(crypto.DecryptionError, match="failed authentication"):
        PartyMember.objects.get(pk=member.pk)
    keys.FIELD_ENCRYPTION_KEY = KEY_2  # the key k1 is gone altogether
    with pytest.raises(crypto.DecryptionError, match="No key with id 'k1'"):
        PartyMember.objects.get(pk=member.pk)


def test_it_refuses_an_altered_or_moved_ciphertext(keys):
    token = crypto.encrypt("542523199504020110", purpose="id_number")
    body = token.rsplit("$", 1)[1]
    tampered = token[: -len(body)] + ("A" if body[0] != "A" else "B") + body[1:]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered, purpose="id_number")
    with pytest.raises(crypto.DecryptionError):  # copied into the phone column
        crypto.decrypt(token, purpose="phone")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt("542523199504020110", purpose="id_number")


def test_it_rotates_keys_with_the_old_key_still_readable(world, keys):
    member = member_in(world)
    keys.FIELD_ENCRYPTION_KEY, keys.FIELD_ENCRYPTION_OLD_KEYS = KEY_2, [KEY_1]
    assert PartyMember.objects.get(pk=member.pk).id_number == member.id_number  # k1 still decrypts
    out = io.StringIO()
    call_command("reencrypt_personal_data", stdout=out)
    assert "re-encrypted 1 rows" in out.getvalue()
    stored_id, stored_phone = raw_row("cadres_partymember", member.pk, "id_number", "phone")
    assert crypto.token_key_id(stored_id) == crypto.token_key_id(stored_phone) == "k2"
    keys.FIELD_ENCRYPTION_OLD_KEYS = []  # the old key can go now
    assert PartyMember.objects.get(pk=member.pk).phone == PHONE
    assert PartyMember.objects.with_id_number(member.id_number).get() == member


def test_it_refuses_malformed_key_settings(settings):
    settings.FIELD_ENCRYPTION_KEY = "no-key-id"
    from django.core.exceptions import ImproperlyConfigured
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x", purpose="phone")
    settings.FIELD_ENCRYPTION_KEY = "k1:c2hvcnQ="  # 5 bytes
    with pytest.raises(ImproperlyConfigured, match="32 bytes"):
        crypto.encrypt("x", purpose="phone")
    settings.FIELD_ENCRYPTION_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="not set"):
        crypto.encrypt("x", purpose="phone")


def test_it_converts_existing_plaintext_rows_in_the_data_migration(world, keys):
    member, cadre = member_in(world), SentCadreFactory(village=world.village_a1, phone="13700001111")
    with connection.cursor() as cursor:  # as the rows were before the migration
        cursor.execute("UPDATE cadres_partymember SET id_number = %s, phone = %s, id_number_hash = %s WHERE id = %s",
                       [member.id_number, PHONE, "x", member.pk])
        cursor.execute("UPDATE cadres_sentcadre SET phone = %s WHERE id = %s", ["13700001111", cadre.pk])
    migration = importlib.import_module("cadres.migrations.0003_encrypt_personal_data")
    editor = SimpleNamespace(connection=connection)
    migration.encrypt_existing(apps, editor)
    stored_id, stored_hash = raw_row("cadres_partymember", member.pk, "id_number", "id_number_hash")
    assert crypto.is_token(stored_id) and stored_hash == id_number_lookup_hash(member.id_number)
    assert PartyMember.objects.with_id_number(member.id_number).get().phone == PHONE
    assert SentCadre.objects.get(pk=cadre.pk).phone == "13700001111"
    migration.encrypt_existing(apps, editor)  # run twice: nothing encrypted twice
    assert PartyMember.objects.get(pk=member.pk).id_number == member.id_number
    migration.decrypt_existing(apps, editor)
    assert raw_row("cadres_sentcadre", cadre.pk, "phone") == ("13700001111",)


# ---------------------------------------------------------------- lookup and uniqueness

def test_it_finds_a_member_by_the_whole_id_number_only(world, keys):
    member = member_in(world)
    typed = " ".join(member.id_number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert list(PartyMember.objects.with_id_number(typed)) == [member]
    assert not PartyMember.objects.with_id_number(member.id_number[:17]).exists()
    assert not PartyMember.objects.with_id_number("").exists()
    assert not PartyMember.objects.visible_to(world.bob).with_id_number(member.id_number).exists()
    with pytest.raises(FieldError, match="encrypted"):
        PartyMember.objects.filter(id_number=member.id_number)
    with pytest.raises(FieldError):
        PartyMember.objects.filter(id_number__startswith=member.id_number[:6])


def test_it_refuses_a_duplicate_across_counties_with_the_chinese_message(world, keys):
    member = member_in(world)
    duplicate = PartyMember(name="另一个人", gender="M", birth_date=member.birth_date, id_number=member.id_number,
                            organization=world.org_b1, stage=PartyMember.Stage.APPLICANT, applied_on=D(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["id_number"] == [
        "该身份证号码已在系统中登记，不能重复录入；如需转接组织关系，请联系上级组织部门。"]
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        PartyMember.objects.bulk_create([duplicate])
    assert PartyMember.objects.count() == 1
    member.full_clean()  # the member itself is not its own duplicate


def test_it_finds_by_id_number_from_the_member_list(client_for, world, keys):
    mine, other = member_in(world), member_in(world, org=world.org_b1)
    client = client_for(world.alice)
    page = client.get(reverse("cadres:member_list")).content.decode()
    assert "不支持按部分号码查找" in page and reverse("cadres:member_find") in page
    response = client.post(reverse("cadres:member_find"), {"id_number": " " + mine.id_number.lower() + " "})
    assert response.status_code == 302 and response.url == mine.get_absolute_url()
    for typed, message in [(other.id_number, "未找到"), (mine.id_number[:10], "不支持按部分号码查找")]:
        response = client.post(reverse("cadres:member_find"), {"id_number": typed}, follow=True)
        body = response.content.decode()
        assert message in body and typed not in body and other.masked_id_number[:6] in body
    # An empty search is refused with the same message, and the box is not marked as required.
    body = client.post(reverse("cadres:member_find"), {"id_number": ""}, follow=True).content.decode()
    assert "请输入完整的18位身份证号码（当前0位）" in body
    assert 'name="id_number"' in page and 'required' not in page.split('name="id_number"')[1].split(">")[0]
    assert client.get(reverse("cadres:member_find")).status_code == 405
    assert client_for(world.sam).post(reverse("cadres:member_find"), {"id_number": mine.id_number}).status_code == 403


# ---------------------------------------------------------------- the audited "查看完整信息"

def reveal_events():
    return AccessEvent.objects.filter(kind=AccessEvent.Kind.REVEAL)


@pytest.mark.parametrize("persona", ["alice", "tess", "carol"])
def test_it_shows_the_full_member_data_once_and_records_it(client_for, world, keys, persona):
    member = member_in(world)
    client = client_for(getattr(world, persona))
    detail = client.get(member.get_absolute_url()).content.decode()
    assert member.id_number not in detail and PHONE not in detail and "查看完整信息" in detail
    response = client.post(reverse("cadres:member_reveal", args=[member.pk]), REMOTE_ADDR="10.1.2.3")
    body = response.content.decode()
    assert response.status_code == 200 and member.id_number in body and PHONE in body
    assert "no-store" in response["Cache-Control"]
    event = reveal_events().get()
    assert (event.user, event.remote_addr, event.target, event.success) == (
        getattr(world, persona), "10.1.2.3", f"cadres.partymember {member.pk}", True)
    again = client.get(member.get_absolute_url()).content.decode()  # the next page is masked again
    assert member.id_number not in again and PHONE not in again
    assert client.get(reverse("cadres:member_reveal", args=[member.pk])).status_code == 405
    assert reveal_events().count() == 1


def test_it_refuses_the_reveal_to_readers_and_outsiders_without_recording(client_for, world, keys):
    member, cadre = member_in(world), SentCadreFactory(village=world.village_a1, phone=PHONE)
    detail = client_for(world.dave).get(member.get_absolute_url()).content.decode()
    assert "查看完整信息" not in detail
    for url in (reverse("cadres:member_reveal", args=[member.pk]), reverse("cadres:cadre_reveal", args=[cadre.pk])):
        for persona, status in [("dave", 403), ("bob", 404), ("sam", 403), ("erin", 403)]:
            response = client_for(getattr(world, persona)).post(url)
            assert response.status_code == status, (url, persona)
            assert member.id_number not in response.content.decode() and PHONE not in response.content.decode()
    assert not reveal_events().exists()


def test_it_shows_a_sent_cadres_phone_once_and_records_it(client_for, world, keys):
    cadre = SentCadreFactory(village=world.village_a1, phone=PHONE)
    client = client_for(world.alice)
    assert PHONE not in client.get(cadre.get_absolute_url()).content.decode()
    response = client.post(reverse("cadres:cadre_reveal", args=[cadre.pk]))
    assert response.status_code == 200 and PHONE in response.content.decode()
    assert reveal_events().get().target == f"cadres.sentcadre {cadre.pk}"


# ---------------------------------------------------------------- logs and error reports

ID_NUMBER = make_id_number("542523", D(1995, 4, 2), 11, gender="F")  # 央金 below


def test_the_log_filter_masks_id_numbers_and_phones_in_a_formatted_record():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("cadres.tests.personal_data")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("member %s phone %s in %s", ID_NUMBER, {"phone": "+86 13912345678"}, "加木村")
        logger.warning(f"typed {ID_NUMBER[:-1]}x and 139 1234 5678 stays, 13912345678 masked")
        try:
            raise ValueError(f"bad number {ID_NUMBER}")
        except ValueError:
            logger.exception("failed for %s", "18912345678")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert ID_NUMBER not in text and ID_NUMBER[:-1] not in text and "13912345678" not in text
    assert "18912345678" not in text
    assert f"member {ID_NUMBER[:6]}************ phone" in text
    assert "+86 139****5678" in text and "189****5678" in text and "加木村" in text
    assert f"bad number {ID_NUMBER[:6]}************" in text  # the traceback too
    assert ID_NUMBER[-4:] not in text


def test_mask_helpers_leave_other_numbers_alone():
    assert mask_personal_data("订单 2022123112345 于 2022-12-31") == "订单 2022123112345 于 2022-12-31"
    assert mask_personal_data("pk=1234567890123456789") == "pk=1234567890123456789"
    assert mask_personal_value(ID_NUMBER) == ID_NUMBER[:6] + "*" * 12
    # A value masked the old way (kept in change-log rows written before issue 17) is masked again.
    assert mask_personal_data(f"旧 {ID_NUMBER[:6]}********{ID_NUMBER[-4:]}。") == f"旧 {ID_NUMBER[:6]}{'*' * 12}。"
    assert mask_personal_value("0897-2821234") == "*" * 12


@pytest.mark.parametrize("debug", [False, True])
def test_the_exception_reporter_filter_masks_post_id_number_and_phone(settings, debug):
    settings.DEBUG = debug
    request = RequestFactory().post("/cadres/members/new/?q=" + ID_NUMBER, {
        "id_number": ID_NUMBER, "phone": "13912345678", "name": "央金", "note": f"身份证 {ID_NUMBER}"})
    reporter_filter = PersonalDataExceptionReporterFilter()
    post = reporter_filter.get_post_parameters(request)
    assert post["id_number"] == post["phone"] == reporter_filter.cleansed_substitute
    assert post["name"] == "央金" and ID_NUMBER not in post["note"]
    assert reporter_filter.cleanse_setting("FIELD_ENCRYPTION_KEY", KEY_1) == reporter_filter.cleansed_substitute
    assert reporter_filter.cleanse_setting("FIELD_LOOKUP_KEY", LOOKUP_KEY) == reporter_filter.cleansed_substitute

    def view(id_number, payload):
        raise ValueError(f"cannot save {id_number}")

    try:
        view(ID_NUMBER, {"mobile": "13912345678"})
    except ValueError:
        exc_info = sys.exc_info()
    settings.DEFAULT_EXCEPTION_REPORTER_FILTER = "ali_party.logging.PersonalDataExceptionReporterFilter"
    reporter = PersonalDataExceptionReporter(request, *exc_info)
    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert ID_NUMBER not in report and "13912345678" not in report
        assert "央金" in report


def test_the_audit_trail_of_a_member_carries_no_full_id_number_or_phone(world, keys):
    from auditlog.models import LogEntry

    member = services.member_create(
        actor=world.alice, name="央金", gender="F", birth_date=D(1995, 4, 2), id_number=ID_NUMBER, phone=PHONE,
        organization=world.org_a1, stage=PartyMember.Stage.APPLICANT, applied_on=D(2020, 1, 1))
    services.member_update(actor=world.alice, member=member, phone="13700001111")
    entries = LogEntry.objects.get_for_object(member)
    assert entries.count() == 2
    text = " ".join(str(e.changes) for e in entries)
    for secret in (ID_NUMBER, PHONE, "13700001111"):
        assert secret not in text
