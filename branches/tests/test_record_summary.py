"""The organization page shows its record across the other pillars, counted by hand here."""
from decimal import Decimal

from django.urls import reverse

from activities.tests.factories import ActivityFactory
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from funding.tests.factories import AllocationFactory, ExpenditureFactory, books_for


def test_it_shows_the_other_pillars_of_one_organization(client_for, world, django_assert_max_num_queries):
    PartyMemberFactory.create_batch(3, organization=world.org_a1)
    PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.PROBATIONARY, full_member_on=None)
    PartyMemberFactory(organization=world.org_a2)  # another branch: not counted
    ActivityFactory.create_batch(2, organization=world.org_a1, participants=10)
    ActivityFactory(organization=world.org_a1, held_on="2021-05-04")  # another year
    ledgers = books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("1000.00"))
    ExpenditureFactory(ledger=ledgers[world.village_a1.pk],
                       allocation=allocation, amount=Decimal("100.00"))
    ExpenditureFactory(ledger=ledgers[world.village_a1.pk],
                       allocation=allocation, amount=Decimal("50.00"))
    client = client_for(world.alice)
    with django_assert_max_num_queries(40):
        body = client.get(reverse("branches:organization_detail", args=[world.org_a1.pk]),
                          {"year": 2022}).content.decode()
    assert "正式党员 3 人" in body and "预备党员 1 人" in body
    assert "主题党日 2 场（20 人次）" in body
    # 1000 allocated once, not once per expenditure; 150 spent.
    assert "本年度拨付 1000.00 元，已支出 150.00 元" in body


def test_each_pillar_registers_its_block_in_the_order_of_the_pillars(world):
    from branches.record_summary import organization_record_summary

    blocks = organization_record_summary(world.org_a1, 2022)
    assert [b["pillar"] for b in blocks] == ["基本队伍", "基本活动", "基本制度", "基本能力", "基本保障"]
