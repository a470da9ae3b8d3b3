"""The read-only endpoints. Each reads through `Model.objects.visible_to(user)` (another county's
record is a 404), refuses the accounts without business data (403, permissions.BusinessReader) and
allows GET only (405 otherwise)."""
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError

from accounts.models import AccessEvent
from accounts.signals import record_access
from ali_party.params import parse_id
from ali_party.scoping import scope_path
from ali_party.years import MAX_YEAR, MIN_YEAR, parse_year
from branches.models import Area, PartyOrganization
from cadres.models import PartyMember
from dues import selectors as dues_selectors
from dues.models import DuesLedger
from indicators import selectors as indicator_selectors
from indicators import services as indicator_services
from orglife import selectors as orglife_selectors
from orglife.models import Term

from .. import filters, serializers

READ_ONLY = ["get", "head"]


class ReadView:
    http_method_names = READ_ONLY
    model = None  # the record an id names (the authorization matrix and the English walk read it)
    # People's records: every answered read is an access event, as an export from the pages is
    # (a token or a session pulling the member roll page by page leaves a row per page).
    personal_data = False

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.personal_data and response.status_code == 200:
            record_access(request=request._request, kind=AccessEvent.Kind.EXPORT, user=request.user,
                          target=f"API {request.get_full_path()}")
        return response


# --- the tree ------------------------------------------------------------------------------------

def area_queryset(user):
    parent = Area.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Area.steplen)).values("pk")[:1]
    return Area.objects.visible_to(user).annotate(parent_id=Subquery(parent)).order_by("path")


class AreaContextMixin:
    def get_serializer_context(self):
        return {**super().get_serializer_context(), "scope_path": scope_path(self.request.user)}


@extend_schema(tags=["areas"], summary="Areas of the tree within the reader's scope, in tree order")
class AreaListView(ReadView, AreaContextMixin, generics.ListAPIView):
    serializer_class = serializers.AreaSerializer
    filterset_class = filters.AreaFilter

    def get_queryset(self):
        return area_queryset(self.request.user)


@extend_schema(tags=["areas"])
class AreaDetailView(ReadView, AreaContextMixin, generics.RetrieveAPIView):
    model = Area
    serializer_class = serializers.AreaSerializer

    def get_queryset(self):
        return area_queryset(self.request.user)


# --- organizations and members -------------------------------------------------------------------

def organization_queryset(user):
    return PartyOrganization.objects.visible_to(user).select_related("area").order_by("area__path", "name", "pk")


@extend_schema(tags=["organizations"])
class OrganizationListView(ReadView, generics.ListAPIView):
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter

    def get_queryset(self):
        return organization_queryset(self.request.user)


@extend_schema(tags=["organizations"])
class OrganizationDetailView(ReadView, generics.RetrieveAPIView):
    model = PartyOrganization
    serializer_class = serializers.OrganizationSerializer

    def get_queryset(self):
        return organization_queryset(self.request.user)


def member_queryset(user):
    return PartyMember.objects.visible_to(user).select_related("organization").order_by("name", "pk")


@extend_schema(tags=["members"], summary="Party members (ID numbers and phones masked as on the pages)")
class MemberListView(ReadView, generics.ListAPIView):
    personal_data = True
    serializer_class = serializers.MemberSerializer
    filterset_class = filters.MemberFilter

    def get_queryset(self):
        return member_queryset(self.request.user)


@extend_schema(tags=["members"])
class MemberDetailView(ReadView, generics.RetrieveAPIView):
    personal_data = True
    model = PartyMember
    serializer_class = serializers.MemberSerializer

    def get_queryset(self):
        return member_queryset(self.request.user)


# --- terms and dues ------------------------------------------------------------------------------

@extend_schema(tags=["terms"], summary="Terms of the organizations' leaderships (re-elections)")
class TermListView(ReadView, generics.ListAPIView):
    serializer_class = serializers.TermSerializer
    filterset_class = filters.TermFilter

    def get_queryset(self):
        return orglife_selectors.term_list(self.request.user).order_by(
            "organization__area__path", "organization__name", "-start_date", "pk")


@extend_schema(tags=["terms"])
class TermDetailView(ReadView, generics.RetrieveAPIView):
    model = Term
    serializer_class = serializers.TermSerializer

    def get_queryset(self):
        return orglife_selectors.term_list(self.request.user)


@extend_schema(tags=["dues"], summary="Monthly dues ledgers of the branches, with their collection figures")
class LedgerListView(ReadView, generics.ListAPIView):
    serializer_class = serializers.LedgerSerializer
    filterset_class = filters.LedgerFilter

    def get_queryset(self):
        return dues_selectors.ledger_list(user=self.request.user)


@extend_schema(tags=["dues"])
class LedgerDetailView(ReadView, generics.RetrieveAPIView):
    model = DuesLedger
    serializer_class = serializers.LedgerSerializer

    def get_queryset(self):
        return dues_selectors.ledger_list(user=self.request.user)


# --- the dashboard's figures ---------------------------------------------------------------------

@extend_schema(
    tags=["indicators"],
    summary="The dashboard's indicator values for one area and year (the stored snapshots it shows)",
    parameters=[
        OpenApiParameter("area", int, description="Area id (default: the top of the reader's scope)."),
        OpenApiParameter("year", int, description="Year (default: the latest year computed whole)."),
    ])
class IndicatorValueListView(ReadView, generics.ListAPIView):
    serializer_class = serializers.IndicatorValueSerializer
    filter_backends = []

    def get_queryset(self):
        user, params = self.request.user, self.request.query_params
        raw_area, raw_year = params.get("area"), params.get("year")
        if raw_area:
            area_id = parse_id(raw_area)
            if area_id is None:
                raise ValidationError({"area": [_("请提供有效的区域编号。")]})
        else:
            area_id = user.scope_area_id
        area = Area.objects.visible_to(user).filter(pk=area_id).first()
        if area is None:
            raise NotFound()
        complete = indicator_services.complete_years()
        if raw_year:
            year = parse_year(raw_year)
            if year is None:
                raise ValidationError({"year": [_("请输入%(min)d–%(max)d之间的年份。") % {"min": MIN_YEAR, "max": MAX_YEAR}]})
        else:
            year = indicator_services.latest_of(complete) or timezone.localdate().year
        return [{"area": area.pk, "year": year, "complete": year in complete, **row}
                for row in indicator_selectors.snapshot_rows(area, year)]
