"""Every read of the dues pillar beyond a .get(): who is due in a month, the scoped lists, and the
indicators' GROUP BY queries (one query per indicator and year, rolled up the tree by the engine)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import BigIntegerField, DecimalField, Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Round
from django.utils import timezone

from ali_party.stock import in_status_on, year_end
from cadres.models import OrganizationTransfer, PartyMember

from .models import DuesLedger, DuesLedgerLine, DuesPayment, DuesProfile, DuesRelief, month_end, month_start

ARREARS_MONTHS = 3


def organization_id_on(day: date):
    """The member's organization on `day` as an SQL expression, reconstructed from the transfer
    history the way cadres.selectors.organization_on does."""
    transfers = OrganizationTransfer.objects.filter(member=OuterRef("pk"))
    return Coalesce(
        Subquery(transfers.filter(transferred_on__lte=day).order_by("-transferred_on", "-pk")
                 .values("to_organization_id")[:1]),
        Subquery(transfers.filter(transferred_on__gt=day).order_by("transferred_on", "pk")
                 .values("from_organization_id")[:1]),
        F("organization_id"),
        output_field=BigIntegerField(),
    )


def members_due(organization, year: int, month: int):
    """The members who owe `organization` dues for the month: 预备党员 from the month of admission on
    and 正式党员, in good standing on the month's first day (one who left — died, 出党, transferred out
    of the system — during the month still owes it, not the months after), whose organization on the
    first day of the month was this one (a member transferred pays the old branch up to the month of
    the transfer, the new one from the month after)."""
    first, last = month_start(year, month), month_end(year, month)
    there = Q(organization_id=organization.pk) | Q(pk__in=OrganizationTransfer.objects.filter(
        Q(from_organization_id=organization.pk) | Q(to_organization_id=organization.pk)).values("member_id"))
    return (PartyMember.objects
            .filter(stage__gte=PartyMember.Stage.PROBATIONARY, admitted_on__lte=last)
            .filter(in_status_on(first, status="status", normal=PartyMember.Status.NORMAL,
                                 changed_on="status_changed_on"))
            .filter(there)
            .annotate(organization_then=organization_id_on(first))
            .filter(organization_then=organization.pk)
            .order_by("name", "pk"))


def approved_reliefs(member_ids, year: int, month: int, organization=None) -> dict[int, DuesRelief]:
    """The approved relief covering the month for each member (the latest approved when several).
    With `organization`: only reliefs whose approver's scope holds that branch (a relief approved in
    the county a member moved to does not waive what they owe the old branch in another county)."""
    first = month_start(year, month)
    rows = (DuesRelief.objects.filter(member_id__in=member_ids, status=DuesRelief.Status.APPROVED,
                                      from_month__lte=first, to_month__gte=first)
            .select_related("decided_by__scope_area").order_by("decided_at", "pk"))
    if organization is not None:
        path = organization.area.path
        rows = [relief for relief in rows if relief.decided_by.scope_area is None
                or path.startswith(relief.decided_by.scope_area.path)]
    return {relief.member_id: relief for relief in rows}


# --- lists ---------------------------------------------------------------------------------------

def ledger_list(*, user):
    return (DuesLedger.objects.visible_to(user).select_related("organization__area")
            .annotate(due=Count("lines"), paid=Count("lines", filter=Q(lines__payment__isnull=False)),
                      total_due=Sum("lines__amount_due"))
            .order_by("-year", "-month", "organization__area__path", "organization__name", "pk"))


def ledger_lines(ledger: DuesLedger):
    """The month's lines, each with how many months its payment covers (a quarter paid at once)."""
    months = Subquery(DuesLedgerLine.objects.filter(payment_id=OuterRef("payment_id")).values("payment_id")
                      .annotate(n=Count("pk")).values("n")[:1])
    return (ledger.lines.select_related("member", "payment", "relief").annotate(payment_months=months)
            .order_by("member__name", "pk"))


def ledger_totals(ledger: DuesLedger) -> dict:
    lines = ledger.lines.all()
    return lines.aggregate(
        due=Count("pk", filter=~Q(amount_due=0) | Q(amount_due__isnull=True)),
        paid=Count("pk", filter=Q(payment__isnull=False)),
        exempt=Count("pk", filter=Q(amount_due=0)),
        total_due=Coalesce(Sum("amount_due"), Decimal("0.00"), output_field=DecimalField(max_digits=14,
                                                                                         decimal_places=2)),
        no_profile=Count("pk", filter=Q(amount_due__isnull=True)),
    )


def profile_list(*, user):
    return DuesProfile.objects.visible_to(user).select_related("member__organization")


def relief_list(*, user):
    return DuesRelief.objects.visible_to(user).select_related("member__organization", "requested_by", "decided_by")


def payment_list(*, user):
    return (DuesPayment.objects.visible_to(user).select_related("member", "organization")
            .annotate(month_count=Count("lines")).order_by("-paid_on", "-pk"))


# --- indicators ----------------------------------------------------------------------------------

def _months_through(year: int) -> Q:
    """Ledger months up to December of `year`, and never after the current month: a month's ledger
    generated ahead (a member paying a quarter or a year in advance) is not owed yet."""
    today = timezone.localdate()
    if year < today.year:
        return Q(ledger__year__lte=year)
    return Q(ledger__year__lt=today.year) | Q(ledger__year=today.year, ledger__month__lte=today.month)


def _counted_lines(year: int):
    """The ledger lines of `year` that are due by now: exempted months (an approved 免交, amount 0)
    and months not yet come are not."""
    return DuesLedgerLine.objects.filter(ledger__year=year).filter(_months_through(year)).exclude(amount_due=0)


def collection_rate_by_area(year: int):
    """(area, members paid, members due) summed over the year's months: each month a member owes
    counts once in the denominator, and once in the numerator when paid (补缴 later included)."""
    return (_counted_lines(year).values("ledger__organization__area_id")
            .annotate(paid=Count("pk", filter=Q(payment__isnull=False)), due=Count("pk"))
            .values_list("ledger__organization__area_id", "paid", "due").order_by())


def amount_collected_by_area(year: int):
    """(area, yuan) of the payments handed in during the year (by the date paid, 补缴 included)."""
    return (DuesPayment.objects.filter(paid_on__year=year).values("organization__area_id")
            # Rounded to the fen in SQL: SQLite sums decimals as floats (PostgreSQL is exact anyway).
            .annotate(total=Round(Sum("amount"), 2)).values_list("organization__area_id", "total").order_by())


def members_in_arrears_by_area(year: int):
    """(area, members) who on 31 December of the year owed at least 3 months of one branch's
    ledgers up to December of the year: lines unpaid, or paid only after that day. Counted in the
    area of the branch owed."""
    end = year_end(year)
    owed = (DuesLedgerLine.objects.filter(_months_through(year)).exclude(amount_due=0)
            .filter(Q(payment__isnull=True) | Q(payment__paid_on__gt=end)))
    # Each owed line is kept when its member owes the same branch 3 months or more (a correlated
    # count): one query, so that the recompute can tell which tables and columns it reads.
    months_owed = Subquery(
        owed.filter(member_id=OuterRef("member_id"), ledger__organization_id=OuterRef("ledger__organization_id"))
        .values("member_id").annotate(n=Count("pk")).values("n")[:1])
    return (owed.annotate(months_owed=months_owed).filter(months_owed__gte=ARREARS_MONTHS)
            .values("ledger__organization__area_id")
            .annotate(members=Count("member_id", distinct=True))
            .values_list("ledger__organization__area_id", "members").order_by())


def members_in_arrears_by_organization(year: int):
    """(organization, members) as `members_in_arrears_by_area`, per branch owed (the early warning's
    signal reads it)."""
    end = year_end(year)
    owed = (DuesLedgerLine.objects.filter(_months_through(year)).exclude(amount_due=0)
            .filter(Q(payment__isnull=True) | Q(payment__paid_on__gt=end)))
    months_owed = Subquery(
        owed.filter(member_id=OuterRef("member_id"), ledger__organization_id=OuterRef("ledger__organization_id"))
        .values("member_id").annotate(n=Count("pk")).values("n")[:1])
    return (owed.annotate(months_owed=months_owed).filter(months_owed__gte=ARREARS_MONTHS)
            .values("ledger__organization_id")
            .annotate(members=Count("member_id", distinct=True))
            .values_list("ledger__organization_id", "members").order_by())
