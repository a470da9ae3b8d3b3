"""Helpers that build one record of each kind through the services (as prefecture staff carol)."""
from datetime import date

from ali_party.pillars import Pillar
from branches import services
from branches.models import DesignationKind, ProblemCategory, StandardItem


def checklist(year: int, n: int = 4) -> list[StandardItem]:
    return [StandardItem.objects.create(year=year, pillar=list(Pillar)[i % 6], name=f"{year}考核项{i}", order=i)
            for i in range(n)]


def kind(code: str) -> DesignationKind:
    return DesignationKind.objects.get(code=code)


def category() -> ProblemCategory:
    return ProblemCategory.objects.order_by("order").first()


def case(actor, organization, *, year=2022, persons=1, measures=1, identified_on=None):
    identified_on = identified_on or date(year, 3, 1)
    return services.rectification_create(
        actor=actor, organization=organization, year=year, identified_on=identified_on, source="superior",
        categories=[category()],
        responsible_persons=[{"name": f"责任人{i}", "role": "county_leader"} for i in range(persons)],
        measures=[{"description": f"措施{i}", "owner": "扎西", "deadline": date(year, 9, 30)} for i in range(measures)],
    )


def one_of_each(actor, organization):
    """A post, a designation, a programme enrollment, an assessment and a case (with person, measure, review)."""
    post = services.post_create(actor=actor, organization=organization, role="secretary", person_name="次仁",
                                term_start=date(2021, 7, 1), term_end=date(2026, 6, 30))
    designation = services.designation_create(actor=actor, kind=kind("four_creations"), organization=organization,
                                              year=2022, level="prefecture")
    enrollment = services.programme_enroll(actor=actor, village=organization.area, track="raise_standard",
                                           enrolled_year=2021, target_year=2023, progress_percent=40)
    items = list(StandardItem.objects.filter(year=2022)) or checklist(2022)
    assessment = services.assessment_record(actor=actor, organization=organization, year=2022,
                                            assessed_on=date(2022, 12, 1), failed_items=items[:1])
    rectification = case(actor, organization)
    review = services.review_add(actor=actor, rectification=rectification, reviewed_on=date(2022, 6, 1),
                                 reviewer="县委组织部", outcome="continue")
    return {"post": post, "designation": designation, "enrollment": enrollment, "assessment": assessment,
            "rectification": rectification, "measure": rectification.measures.get(),
            "person": rectification.responsible_persons.get(), "review": review}
