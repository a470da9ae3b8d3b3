"""Activity-venue upgrades (活动场所整改提升)."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView

from .. import selectors
from ..filters import VenueUpgradeFilter
from ..forms import VenueUpgradeForm
from ..models import VENUE_STANDARD_MIN_INVESTMENT, VenueUpgrade
from ..services import venue_upgrade_create, venue_upgrade_update
from ..tables import VenueTable


class VenueListView(ScopedListView):
    model = VenueUpgrade
    filterset_class = VenueUpgradeFilter
    table_class = VenueTable
    template_name = "funding/venue_list.html"
    extra_context = {"standard": VENUE_STANDARD_MIN_INVESTMENT}

    def get_queryset(self):
        return selectors.venue_list(user=self.request.user)


class VenueDetailView(ScopedDetailView):
    model = VenueUpgrade
    select_related = ("village",)
    template_name = "funding/venue_detail.html"
    context_object_name = "venue"
    extra_context = {"standard": VENUE_STANDARD_MIN_INVESTMENT}


class VenueCreateView(ScopedCreateView):
    model = VenueUpgrade
    form_class = VenueUpgradeForm
    service = venue_upgrade_create
    success_message = _("活动场所整改提升已保存。")
    extra_context = {"title": _("登记活动场所整改提升")}


class VenueUpdateView(ScopedUpdateView):
    model = VenueUpgrade
    form_class = VenueUpgradeForm
    service = venue_upgrade_update
    instance_kwarg = "venue"
    success_message = _("活动场所整改提升已保存。")
    extra_context = {"title": _("编辑活动场所整改提升")}
