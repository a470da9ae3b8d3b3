"""The endpoints: every one × every role × own / other county (a matrix of its own, on the
`world` personas, beside the project's generated one), GET only, masking, the figures (worked out
by hand from the records each test makes), filters, and query counts that do not grow with rows."""
import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from ali_party.scoping import Role
from branches.models import Area, PartyOrganization
from cadres.tests.factories import PartyMemberFactory
from conftest import make_user
from dues.models import DuesLedger, DuesLedgerLine, DuesPayment
from indicators.models import CompleteYear, IndicatorSnapshot
from indicators.services import catalogue_version
from orglife.services import term_create

from .conftest import auth

D = datetime.date
LISTS = ["api:area_list", "api:organization_list", "api:member_list", "api:term_list", "api:ledger_list",
         "api:indicator_list"]
DETAILS = ["api:area_detail", "api:organization_detail", "api:member_detail", "api:term_detail",
           "api:ledger_detail"]


@pytest.fixture
def records(world):
    """One record of each kind in 县A (village A1) and in 县B (village B1)."""
    out = {}
    for side, org, village in (("a", world.org_a1, world.village_a1), ("b", world.org_b1, world.village_b1)):
        member = PartyMemberFactory(organization=org, phone="13912345678")
        term = term_create(actor=world.carol, organization=org, election_date=D(2021, 5, 1), start_date=D(2021, 5, 1))
        ledger = DuesLedger.objects.create(organization=org, year=2022, month=3)
        out[side] = {"api:area_detail": village, "api:organization_detail": org, "api:member_detail": member,
                     "api:term_detail": term, "api:ledger_detail": ledger}
    return out


def test_every_endpoint_x_role_x_county(client, world, records):
    officer = make_user("olga", Role.SECURITY_OFFICER)
    nobody = make_user("nina", Role.NONE)
    failures = []

    def check(user, method, url, expected):
        client.force_login(user)
        code = getattr(client, method)(url).status_code
        if code != expected:
            failures.append(f"{user.username} {method.upper()} {url}: {code}, expected {expected}")

    for name in LISTS:
        url = reverse(name)
        for user in (world.alice, world.bob, world.tess, world.carol, world.dave):
            check(user, "get", url, 200)
            for method in ("post", "put", "patch", "delete"):
                check(user, method, url, 405)
        for user in (world.sam, world.erin, officer, nobody):
            check(user, "get", url, 403)
            check(user, "post", url, 403)
    for name in DETAILS:
        own, other = (reverse(name, args=[records[side][name].pk]) for side in "ab")
        for user in (world.alice, world.carol, world.dave):
            check(user, "get", own, 200)
        check(world.tess, "get", own, 200)  # 村A1 lies under 乡A
        for user in (world.alice, world.tess):
            check(user, "get", other, 404)
        check(world.bob, "get", own, 404)
        check(world.bob, "get", other, 200)
        for method in ("post", "put", "patch", "delete"):
            check(world.alice, method, own, 405)
            check(world.dave, method, own, 405)
        for user in (world.sam, world.erin, officer, nobody):
            check(user, "get", own, 403)
            check(user, "delete", own, 403)
    assert not failures, "\n".join(failures)


def test_the_township_clerk_sees_its_own_township_only(client_for, world, records):
    client = client_for(world.tess)
    areas = client.get(reverse("api:area_list")).json()["results"]
    assert [a["name"] for a in areas] == ["狮泉河镇", "加木村"]
    assert areas[0]["parent"] is None  # the top of the scope: its parent is not the reader's
    assert areas[1]["parent"] == world.township_a.pk
    orgs = client.get(reverse("api:organization_list")).json()["results"]
    assert [o["name"] for o in orgs] == ["加木村党支部"]


def test_areas_walk_the_tree(client_for, world):
    client = client_for(world.carol)
    everything = client.get(reverse("api:area_list")).json()
    assert everything["count"] == 9
    assert everything["results"][0] == {"id": world.root.pk, "name": "阿里地区", "level": "prefecture",
                                        "level_label": "地区", "code": "", "is_border_village": False,
                                        "is_community": False, "depth": 1, "parent": None}
    children = client.get(reverse("api:area_list"), {"parent": world.county_a.pk}).json()["results"]
    assert [a["name"] for a in children] == ["狮泉河镇", "昆莎乡"]
    under = client.get(reverse("api:area_list"), {"under": world.county_b.pk}).json()["results"]
    assert [a["name"] for a in under] == ["普兰县", "普兰镇", "普兰一村"]
    villages = client.get(reverse("api:area_list"), {"level": "village"}).json()["count"]
    assert villages == 3
    Area.objects.filter(pk=world.village_b1.pk).update(is_community=True)
    under = client.get(reverse("api:area_list"), {"under": world.county_b.pk}).json()["results"]
    assert [a["is_community"] for a in under] == [False, False, True]


def test_an_area_outside_the_scope_is_a_bad_filter(client_for, world, records):
    client = client_for(world.alice)
    response = client.get(reverse("api:member_list"), {"area": world.county_b.pk})
    assert response.status_code == 400 and "area" in response.json()
    for value in ("x", "-1", "9" * 30, "１"):
        assert client.get(reverse("api:member_list"), {"area": value}).status_code == 400
    assert client.get(reverse("api:ledger_list"), {"year": "20222"}).status_code == 400
    assert client.get(reverse("api:ledger_list"), {"month": "13"}).status_code == 400


def test_members_are_masked_as_on_the_pages(client_for, world, records):
    member = records["a"]["api:member_detail"]
    client = client_for(world.carol)
    full_id, phone = member.id_number, member.phone
    for url in (reverse("api:member_list"), reverse("api:member_detail", args=[member.pk])):
        body = client.get(url).content.decode()
        assert full_id not in body and phone not in body
        # No character of the ID number beyond the region code, no middle digits of the phone.
        assert full_id[:6] + "*" * 12 in body
        assert "139****5678" in body
        assert full_id[6:14] not in body.replace(member.birth_date.strftime("%Y-%m-%d"), "")
        # (The birth date and the masked phone's last four, shown by design, are taken out first: a
        # random ID number can share four digits with them.)
        rest = body.replace("1985-06-15", "").replace("139****5678", "")
        for window in (full_id[i:i + 4] for i in range(6, 15)):
            assert not re.search(rf"\b{re.escape(window)}", rest), window
        assert "id_number\"" not in body and "\"phone\"" not in body


def test_member_filters(client_for, world):
    PartyMemberFactory(organization=world.org_a1, name="甲", stage=4, admitted_on=D(2022, 1, 1),
                       full_member_on=None)
    PartyMemberFactory(organization=world.org_a2, name="乙")
    PartyMemberFactory(organization=world.org_b1, name="丙")
    client = client_for(world.carol)

    def names(**params):
        return sorted(m["name"] for m in client.get(reverse("api:member_list"), params).json()["results"])

    assert names() == ["丙", "乙", "甲"]
    assert names(area=world.county_a.pk) == ["乙", "甲"]
    assert names(area=world.township_a.pk) == ["甲"]
    assert names(organization=world.org_a2.pk) == ["乙"]
    assert names(stage=4) == ["甲"]


def test_terms(client_for, world):
    term_create(actor=world.carol, organization=world.org_a1, election_date=D(2018, 5, 1), start_date=D(2018, 5, 1))
    term_create(actor=world.carol, organization=world.org_a1, election_date=D(2023, 4, 20), start_date=D(2023, 4, 20))
    client = client_for(world.alice)
    rows = client.get(reverse("api:term_list")).json()["results"]
    # A village's organization has 5-year terms (《关于党的基层组织任期的意见》): 2018-05-01 is due
    # 2023-05-01, ended by the next election; 2023-04-20 is due 2028-04-20.
    assert [(r["start_date"], r["due_on"], r["ended_on"], r["is_current"]) for r in rows] == [
        ("2023-04-20", "2028-04-20", None, True), ("2018-05-01", "2023-05-01", "2023-04-20", False)]
    assert [r["start_date"] for r in client.get(reverse("api:term_list"), {"current": "true"}).json()["results"]] \
        == ["2023-04-20"]
    assert client.get(reverse("api:term_list"), {"due_year": 2023}).json()["count"] == 1
    assert client.get(reverse("api:term_list"), {"election_year": 2018}).json()["count"] == 1


def test_dues_ledgers_show_the_list_pages_figures(client_for, world):
    a, b, c = (PartyMemberFactory(organization=world.org_a1) for _ in range(3))
    ledger = DuesLedger.objects.create(organization=world.org_a1, year=2022, month=3)
    paid = DuesPayment.objects.create(organization=world.org_a1, member=a, receipt_no="1", paid_on=D(2022, 3, 10),
                                      amount=Decimal("0.50"))
    DuesLedgerLine.objects.create(ledger=ledger, member=a, amount_due=Decimal("0.50"), payment=paid)
    DuesLedgerLine.objects.create(ledger=ledger, member=b, amount_due=Decimal("1.20"))
    DuesLedgerLine.objects.create(ledger=ledger, member=c, amount_due=Decimal("0"))
    DuesLedger.objects.create(organization=world.org_b1, year=2022, month=3)
    client = client_for(world.alice)
    rows = client.get(reverse("api:ledger_list"), {"year": 2022}).json()["results"]
    assert len(rows) == 1
    row = rows[0]
    # 3 lines, 1 paid, 0.50 + 1.20 + 0 due: the 应交人数 / 已交人数 / 应交金额 of the ledger list page.
    assert (row["members_due"], row["members_paid"], row["amount_due"]) == (3, 1, "1.70")
    assert (row["year"], row["month"], row["organization"], row["area"]) == (2022, 3, world.org_a1.pk,
                                                                          world.village_a1.pk)
    assert client.get(reverse("api:ledger_list"), {"year": 2021}).json()["count"] == 0
    assert client.get(reverse("api:ledger_list"), {"month": 4}).json()["count"] == 0


def test_indicator_values_are_the_stored_snapshots(client_for, world):
    now = timezone.now()
    code = "personnel.farmer_herder_members"
    IndicatorSnapshot.objects.create(code=code, area=world.county_a, year=2022, value=Decimal("17"),
                                     numerator=Decimal("17"), computed_at=now)
    IndicatorSnapshot.objects.create(code="personnel.language_proficiency_rate", area=world.county_a, year=2022,
                                     value=Decimal("66.67"), numerator=Decimal("2"), denominator=Decimal("3"),
                                     computed_at=now)
    IndicatorSnapshot.objects.create(code=code, area=world.county_a, year=2021, value=Decimal("5"),
                                     numerator=Decimal("5"), computed_at=now)
    CompleteYear.objects.create(year=2022, catalogue=catalogue_version(), computed_at=now)
    client = client_for(world.alice)
    rows = client.get(reverse("api:indicator_list"), {"page_size": 200}).json()["results"]  # the clerk's county, 2022
    by_code = {r["code"]: r for r in rows}
    assert by_code[code]["value"] == 17 and by_code[code]["area"] == world.county_a.pk
    assert by_code[code]["year"] == 2022 and by_code[code]["complete"] is True
    rate = by_code["personnel.language_proficiency_rate"]
    assert (rate["value"], rate["numerator"], rate["denominator"], rate["unit"]) == (66.67, 2, 3, "percent")
    older = client.get(reverse("api:indicator_list"), {"year": 2021, "page_size": 200}).json()["results"]
    assert {r["code"]: r for r in older}[code]["value"] == 5
    assert {r["code"]: r for r in older}[code]["complete"] is False
    assert client.get(reverse("api:indicator_list"), {"area": world.county_b.pk}).status_code == 404
    assert client.get(reverse("api:indicator_list"), {"area": "x"}).status_code == 400
    assert client.get(reverse("api:indicator_list"), {"year": "0"}).status_code == 400
    # The same rows as the dashboard's (indicators.selectors.snapshot_rows), one per catalogued indicator.
    from indicators import registry
    assert len(rows) == len(registry.all_indicators())


def test_pagination(client_for, world):
    for n in range(7):
        PartyOrganization.objects.create(name=f"支部{n}", kind="branch", area=world.village_a1)
    client = client_for(world.alice)
    first = client.get(reverse("api:organization_list"), {"page_size": 5}).json()
    assert first["count"] == 9 and len(first["results"]) == 5 and first["next"]
    second = client.get(reverse("api:organization_list"), {"page_size": 5, "page": 2}).json()
    assert len(second["results"]) == 4 and second["next"] is None
    assert not {o["id"] for o in first["results"]} & {o["id"] for o in second["results"]}
    assert client.get(reverse("api:organization_list"), {"page": 9}).status_code == 404


@pytest.mark.parametrize("name", LISTS)
def test_list_query_counts_do_not_grow_with_rows(client, world, token_for, django_assert_max_num_queries, name):
    key = token_for(world.carol)

    def add(n):
        for _ in range(n):
            org = PartyOrganization.objects.create(name=f"支部{PartyOrganization.objects.count()}", kind="branch",
                                                   area=world.village_a1)
            PartyMemberFactory(organization=org)
            term_create(actor=world.carol, organization=org, election_date=D(2021, 5, 1), start_date=D(2021, 5, 1))
            DuesLedger.objects.create(organization=org, year=2022, month=3)

    add(2)
    with django_assert_max_num_queries(8):
        assert client.get(reverse(name), **auth(key)).status_code == 200
    add(25)
    with django_assert_max_num_queries(8):
        assert client.get(reverse(name), **auth(key)).status_code == 200


def test_a_session_user_reads_too_and_the_answer_is_not_cached(client_for, world):
    response = client_for(world.dave).get(reverse("api:organization_list"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_english_labels(client_for, world, records):
    from django.conf import settings
    client = client_for(world.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    member = client.get(reverse("api:member_detail", args=[records["a"]["api:member_detail"].pk])).json()
    assert (member["stage_label"], member["gender_label"]) == ("Full member", "Male")


def test_a_user_without_role_is_refused_even_with_a_token(client, world, token_for):
    key = token_for(world.alice)
    User.objects.filter(pk=world.alice.pk).update(role=Role.NONE, scope_area=None)
    assert client.get(reverse("api:organization_list"), **auth(key)).status_code == 403


def test_every_answered_read_of_members_is_an_access_event_and_nothing_else_is(client, world, token_for):
    """A member roll pulled page by page through the API leaves a row per page, as an export from
    the pages does; a refused read or a read of organizations leaves none."""
    from accounts.models import AccessEvent
    key = token_for(world.alice)
    exports = AccessEvent.objects.filter(kind=AccessEvent.Kind.EXPORT)
    assert client.get("/api/members/?page=1", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    rows = list(exports.values_list("username", "target", "success"))
    assert rows == [("alice", "API /api/members/?page=1", True)]
    other = PartyMemberFactory(organization=world.org_b1)
    assert client.get(f"/api/members/{other.pk}/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 404
    assert client.get("/api/organizations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert exports.count() == 1
    own = PartyMemberFactory(organization=world.org_a1)
    client.force_login(world.alice)
    assert client.get(f"/api/members/{own.pk}/").status_code == 200
    assert list(exports.order_by("pk").values_list("target", flat=True))[1:] == [f"API /api/members/{own.pk}/"]
