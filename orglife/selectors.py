"""Reads of 组织换届: scoped lists, the terms due soon or overdue, and the per-area GROUP BY selectors
of the indicators."""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from ali_party.stock import year_end
from branches.models import Area, PartyOrganization

from .models import FOLLOW_UP_GRADES, SecretaryAppraisal, Term


def term_list(user):
    return (Term.objects.visible_to(user).select_related("organization__area")
            .annotate(member_count=Count("members")).order_by("organization__area__path", "organization__name",
                                                              "-start_date"))


def overdue_terms(user, today: date):
    """Terms in office past their due date, the longest overdue first."""
    return (Term.objects.visible_to(user).overdue(today).select_related("organization__area")
            .order_by("due_on", "organization__area__path", "pk"))


def terms_due_soon(user, today: date):
    """Terms in office due within the reminder window (6 months), the earliest first."""
    return (Term.objects.visible_to(user).due_soon(today).select_related("organization__area")
            .order_by("due_on", "organization__area__path", "pk"))


# --- indicator selectors: year -> rows (area_id, n[, d]), one GROUP BY query each ----------------------

AREA = "organization__area_id"


def _of_existing_organizations(year: int):
    return Term.objects.filter(organization__in=PartyOrganization.objects.existing_at_end_of(year).values("pk"))


def _due_in(year: int):
    return _of_existing_organizations(year).filter(due_on__year=year)


def terms_due_by_area(year: int):
    """Terms whose due date falls in `year`, of organizations existing at its end."""
    return _due_in(year).values(AREA).annotate(n=Count("pk")).values_list(AREA, "n")


def terms_overdue_by_area(year: int):
    """Terms past their due date on 31 December of `year` that had not been followed by a new term by then."""
    end = year_end(year)
    return (_of_existing_organizations(year).filter(due_on__lt=end, start_date__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
            .values(AREA).annotate(n=Count("pk")).values_list(AREA, "n"))


def terms_held_on_time_by_area(year: int):
    """(area, held on time, due): of the terms due in `year`, those whose successor was elected by the
    due date."""
    held = Term.objects.filter(previous=OuterRef("pk"), election_date__lte=OuterRef("due_on"))
    return (_due_in(year).annotate(held=Exists(held)).values(AREA)
            .annotate(n=Count("pk", filter=Q(held=True)), d=Count("pk")).values_list(AREA, "n", "d"))


# --- 述职评议考核 --------------------------------------------------------------------------------------

def overdue_follow_ups(user, today: date):
    """Appraisals graded 一般/差 whose rectification is past its deadline and not done, the oldest first."""
    return (SecretaryAppraisal.objects.visible_to(user).follow_ups_overdue(today)
            .select_related("organization__area")
            .order_by("rectification_deadline", "organization__area__path", "pk"))


def appraised_organizations():
    """The organizations whose secretaries report to the higher committee: township 党委 (to the
    county 党委) and village (community) party organizations (to the township 党委), as
    orglife.models.is_village_organization names them."""
    return PartyOrganization.objects.filter(
        Q(kind=PartyOrganization.Kind.COMMITTEE, area__level=Area.Level.TOWNSHIP)
        | (Q(area__level=Area.Level.VILLAGE, unit_name="")
           & ~Q(kind=PartyOrganization.Kind.WORK_GROUP_BRANCH)))


def organizations_without_appraisal(user, year: int):
    """Active organizations of `appraised_organizations` that existed at the end of `year` and have no
    appraisal for it."""
    done = SecretaryAppraisal.objects.filter(organization=OuterRef("pk"), year=year)
    return (appraised_organizations().visible_to(user).active().filter(
        pk__in=PartyOrganization.objects.existing_at_end_of(year).values("pk"))
        .filter(~Exists(done)).select_related("area").order_by("area__path", "name", "pk"))


def poor_appraisals_by_organization(year: int) -> dict[int, str]:
    """{organization_id: grade} of the organizations whose secretary was graded 一般 or 差 in `year`
    (for the early-warning score); one query, not scoped (the score is computed for every area)."""
    return dict(SecretaryAppraisal.objects.filter(year=year, grade__in=FOLLOW_UP_GRADES)
                .values_list("organization_id", "grade").order_by())


# --- indicator selectors of 述职评议考核: by the appraisal year, at the organization's area ---------------

def appraisal_count_by_area(grade: str | None):
    """Appraisals of the year graded `grade` (None: all of them)."""
    def compute(year: int):
        rows = SecretaryAppraisal.objects.filter(year=year)
        if grade is not None:
            rows = rows.filter(grade=grade)
        return rows.values(AREA).annotate(n=Count("pk")).values_list(AREA, "n").order_by()
    compute.__name__ = f"appraisal_{grade or 'all'}_by_area"
    return compute


def appraisal_rate_by_area(grade: str):
    """(area, graded `grade`, appraised) in the year."""
    def compute(year: int):
        return (SecretaryAppraisal.objects.filter(year=year).values(AREA)
                .annotate(n=Count("pk", filter=Q(grade=grade)), d=Count("pk")).values_list(AREA, "n", "d").order_by())
    compute.__name__ = f"appraisal_{grade}_rate_by_area"
    return compute


def appraisal_follow_ups_overdue_by_area(year: int):
    """On 31 December of `year`: rectifications (一般/差) past their deadline and not done by that day."""
    end = year_end(year)
    return (SecretaryAppraisal.objects.needing_follow_up().filter(assessed_on__lte=end, rectification_deadline__lt=end)
            .filter(Q(rectified_on__isnull=True) | Q(rectified_on__gt=end))
            .values(AREA).annotate(n=Count("pk")).values_list(AREA, "n").order_by())

