"""The catalogue rows that `migrate` seeds (funding/migrations/0002, data frozen in the migration)."""
from funding.models import FundPurpose, FundSource


def test_it_seeds_the_standard_fund_sources(db):
    assert list(FundSource.objects.order_by("order").values_list("code", "name", "order", "is_active")) == [
        ("central", "中央三部委", 10, True),
        ("region", "自治区", 20, True),
        ("prefecture", "地区财政", 30, True),
        ("county", "县", 40, True),
        ("township", "乡", 50, True),
        ("self", "自筹", 60, True),
        ("other", "其他", 90, True),
    ]


def test_it_seeds_the_standard_fund_purposes(db):
    assert list(FundPurpose.objects.order_by("order").values_list("code", "name", "order", "is_active")) == [
        ("cadre_pay", "村干部报酬", 10, True),
        ("party_work", "村级组织党建工作经费", 20, True),
        ("venue", "活动场所建设", 30, True),
        ("collective_economy", "村级集体经济", 40, True),
        ("other", "其他", 90, True),
    ]
