"""Co-building pairings: the generic record detail page, plus the activities done under the pairing."""
from ali_party.records import RecordDetailView

from .. import selectors
from ..models import CoBuildingPairing


class PairingDetailView(RecordDetailView):
    model = CoBuildingPairing
    select_related = ("village", "organization")
    template_name = "capacity/pairing_detail.html"
    update_url_name = "capacity:pairing_update"
    list_url_name = "capacity:pairing_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity_counts"] = selectors.pairing_activity_counts(self.object)
        context["recent_activities"] = self.object.activities.select_related("kind", "village")[:20]
        return context
