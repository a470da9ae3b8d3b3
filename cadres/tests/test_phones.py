"""Phone numbers are validated (issue 17, Low 12): a stored "phone" with markup came back inside
the edit form's masked help text, which the form template rendered |safe."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadres.models import PartyMember, SentCadre
from cadres.phones import normalize_phone, validate_phone

from .factories import PartyMemberFactory, SentCadreFactory
from .test_views import member_post

# Mainland mobile: 1[3-9] and 9 more digits; landline: optional area code 0 + 2–3 digits (and a
# hyphen), 7–8 digits, optional extension of 1–6 digits after a hyphen.
GOOD = ["13912345678", "19900000000", "0897-2821234", "08972821234", "010-12345678", "2821234", "28212345",
        "0897-2821234-801", "021-12345678-123456"]
BAD = ["12912345678", "1391234567", "139123456789", "0897-282123", "0897-282123456", "897-2821234",
       "0897-2821234-1234567", "<b>13912345678</b>", "13912345678<script>", "电话13912345678", "+1 2025550123",
       "0897--2821234", "-2821234", "abc"]


@pytest.mark.parametrize("value", GOOD)
def test_it_accepts_mobile_and_landline_numbers(value):
    validate_phone(value)


@pytest.mark.parametrize("value", BAD)
def test_it_refuses_anything_else(value):
    with pytest.raises(ValidationError, match="联系电话格式不正确"):
        validate_phone(normalize_phone(value))


@pytest.mark.parametrize("typed,stored", [(" 139 1234 5678 ", "13912345678"), ("１３９１２３４５６７８", "13912345678"),
                                          ("0897－2821234", "0897-2821234"), ("", "")])
def test_it_normalizes_spaces_and_full_width_characters(typed, stored):
    assert normalize_phone(typed) == stored


def test_the_member_form_refuses_markup_beside_the_field(client_for, world):
    response = client_for(world.alice).post(reverse("cadres:member_create"),
                                            member_post(world, phone="<b>13912345</b>"))
    assert response.status_code == 200
    assert "联系电话格式不正确" in " ".join(response.context["form"].errors["phone"])
    assert not PartyMember.objects.exists()


def test_the_member_form_stores_a_normalized_number(client_for, world):
    response = client_for(world.alice).post(reverse("cadres:member_create"), member_post(world, phone="139 1234 5678"))
    assert response.status_code == 302
    assert PartyMember.objects.get().phone == "13912345678"


def test_the_sent_cadre_form_refuses_a_bad_number(client_for, world):
    cadre = SentCadreFactory(village=world.village_a1, phone="13912345678", force=SentCadre.Force.choices[0][0])
    data = {"name": cadre.name, "gender": cadre.gender, "phone": "139123456", "force": cadre.force,
            "sending_unit": cadre.sending_unit, "village": world.village_a1.pk, "started_on": "2021-03-01",
            "ended_on": ""}
    response = client_for(world.alice).post(reverse("cadres:cadre_update", args=[cadre.pk]), data)
    assert response.status_code == 200
    assert "联系电话格式不正确" in " ".join(response.context["form"].errors["phone"])
    cadre.refresh_from_db()
    assert cadre.phone == "13912345678"
    data["phone"] = "0897-2821234"  # the same form accepts a landline
    assert client_for(world.alice).post(reverse("cadres:cadre_update", args=[cadre.pk]), data).status_code == 302


def test_help_text_with_markup_already_stored_is_shown_as_text(client_for, world):
    # A value stored before validation existed (or by a script): its masked form is text, not HTML.
    member = PartyMemberFactory(organization=world.org_a1)
    PartyMember.objects.filter(pk=member.pk).update(phone="<i>13912345678</i>")
    body = client_for(world.alice).get(reverse("cadres:member_update", args=[member.pk])).content.decode()
    assert "<i>****" not in body and "&lt;i&gt;****" in body


def test_no_template_marks_anything_safe():
    """Not ours, and not the form-field help text of crispy-forms (which renders help_text|safe:
    the project overrides that template)."""
    from pathlib import Path

    from django.conf import settings
    from django.template.loader import get_template
    hits = [str(p) for p in Path(settings.BASE_DIR, "templates").rglob("*.html") if "|safe" in p.read_text()]
    assert hits == []
    help_text = get_template("bootstrap5/layout/help_text.html")
    assert "|safe" not in Path(help_text.origin.name).read_text().replace(" ", "")
