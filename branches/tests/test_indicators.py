"""Section 1 indicators on a small hand-made world (numbers worked out by hand in the comments)."""
from datetime import date

from branches import services
from branches.models import PartyOrganization
from branches.tests.records import case, kind
from indicators.engine import evaluate


def value(code, year, area):
    return evaluate(code, year, area).value


def _org(world, **fields):
    return services.organization_create(actor=world.carol, **fields)


def test_it_counts_relocation_site_orgs_and_their_work_groups(world):
    site_a = _org(world, name="加木村搬迁点党总支", kind="general_branch", area=world.village_a1,
                  founded_on=date(2021, 5, 1), at_relocation_site=True)
    site_b = _org(world, name="普兰一村抵边安置点党总支", kind="general_branch", area=world.village_b1,
                  founded_on=date(2022, 3, 1), at_border_resettlement_site=True)
    gone = _org(world, name="昆莎搬迁点党支部", kind="branch", area=world.village_a2, founded_on=date(2020, 1, 1),
                at_relocation_site=True)
    services.organization_change_status(actor=world.carol, organization=gone, status="dissolved",
                                        status_changed_on=date(2022, 6, 1))
    _org(world, name="作业组1", kind="work_group_branch", parent=site_a, area=world.village_a1, founded_on=date(2021, 6, 1))
    _org(world, name="作业组2", kind="work_group_branch", parent=site_a, area=world.village_a1, founded_on=date(2022, 1, 1))
    _org(world, name="作业组3", kind="work_group_branch", parent=site_b, area=world.village_b1, founded_on=date(2022, 4, 1))
    _org(world, name="普通作业组", kind="work_group_branch", parent=world.org_a1, area=world.village_a1)  # parent not flagged

    # 2022: site_a + site_b (gone was dissolved mid-2022); 2021: site_a + gone (site_b founded 2022).
    assert value("org.relocation_site_orgs", 2022, world.root) == 2
    assert value("org.relocation_site_orgs", 2022, world.county_a) == 1
    assert value("org.relocation_site_orgs", 2022, world.village_b1) == 1
    assert value("org.relocation_site_orgs", 2021, world.root) == 2
    assert value("org.relocation_site_orgs", 2021, world.county_a) == 2
    assert value("org.relocation_site_orgs", 2021, world.county_b) == 0
    # Work groups: 3 in 2022 (2 in county A), only 作业组1 in 2021.
    assert value("org.relocation_work_group_branches", 2022, world.root) == 3
    assert value("org.relocation_work_group_branches", 2022, world.county_a) == 2
    assert value("org.relocation_work_group_branches", 2022, world.village_a1) == 2
    assert value("org.relocation_work_group_branches", 2021, world.root) == 1
    # Kinds: the world's 3 branches (+ gone only in 2021); 4 work groups in 2022 incl. the ordinary one.
    assert value("org.organizations.branch", 2022, world.root) == 3
    assert value("org.organizations.branch", 2021, world.root) == 4
    assert value("org.organizations.work_group_branch", 2022, world.root) == 4


def test_it_counts_designations_held_at_year_end(world):
    def grant(code, year, organization=None, village=None, revoked_on=None):
        return services.designation_create(actor=world.carol, kind=kind(code), organization=organization,
                                           village=village, year=year, level="prefecture", revoked_on=revoked_on)

    grant("brand_village", 2021, village=world.village_a1)
    grant("brand_village", 2022, village=world.village_b1)
    grant("baijia", 2022, organization=world.org_a2, revoked_on=date(2023, 3, 1))   # still held at end of 2022
    grant("four_creations", 2022, organization=world.org_a1, revoked_on=date(2022, 10, 1))  # not held
    grant("putonghua", 2022, village=world.village_a2)
    grant("grassroots_governance", 2021, organization=world.org_b1)

    assert value("org.designations.brand_village", 2022, world.root) == 2
    assert value("org.designations.brand_village", 2021, world.root) == 1
    assert value("org.designations.brand_village", 2022, world.county_b) == 1
    assert value("org.designations.baijia", 2022, world.county_a) == 1
    assert value("org.designations.baijia", 2023, world.county_a) == 0
    assert value("org.designations.four_creations", 2022, world.root) == 0
    # Other demonstration points: 推普 (village A2) + 基层治理 (county B) = 2; in 2021 only the latter.
    assert value("org.designations.other_demonstration", 2022, world.root) == 2
    assert value("org.designations.other_demonstration", 2022, world.county_a) == 1
    assert value("org.designations.other_demonstration", 2021, world.root) == 1
    assert value("org.designations.putonghua", 2022, world.village_a2) == 1
    assert value("org.designations.grassroots_governance", 2022, world.county_b) == 1
    assert value("org.designations.rural_revitalization", 2022, world.root) == 0


def test_it_counts_weak_organizations_persons_and_measures_by_year(world):
    case(world.carol, world.org_a1, year=2022, persons=3, measures=2)
    case(world.carol, world.org_b1, year=2022, persons=1, measures=4)
    case(world.carol, world.org_a2, year=2021, persons=2, measures=1)

    assert value("org.weak_orgs", 2022, world.root) == 2
    assert value("org.weak_responsible_persons", 2022, world.root) == 4
    assert value("org.weak_measures", 2022, world.root) == 6
    assert (value("org.weak_orgs", 2022, world.county_a), value("org.weak_responsible_persons", 2022, world.county_a),
            value("org.weak_measures", 2022, world.county_a)) == (1, 3, 2)
    assert (value("org.weak_orgs", 2022, world.village_b1), value("org.weak_responsible_persons", 2022, world.village_b1),
            value("org.weak_measures", 2022, world.village_b1)) == (1, 1, 4)
    assert (value("org.weak_orgs", 2021, world.root), value("org.weak_responsible_persons", 2021, world.root),
            value("org.weak_measures", 2021, world.root)) == (1, 2, 1)
    assert value("org.weak_orgs", 2021, world.village_a1) == 0


def test_it_registers_one_indicator_per_designation_group_and_kind():
    from indicators import registry
    codes = {i.code for i in registry.all_indicators()}
    assert {"org.designations.brand_village", "org.designations.baijia", "org.designations.four_creations",
            "org.designations.other_demonstration", "org.relocation_site_orgs", "org.weak_measures"} <= codes
    assert PartyOrganization.Kind.COMMITTEE  # kinds have their own stock indicators
    assert "org.organizations.committee" in codes
