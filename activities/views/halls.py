"""Service halls: the generic record pages, plus a detail page with the duty rota."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ali_party.generic import get_editable_or_404
from ali_party.records import RecordDetailView
from ali_party.views import apply_validation_error

from ..forms import ServiceHallDutyForm
from ..models import ServiceHall, ServiceHallDuty
from ..services import service_hall_duty_add, service_hall_duty_delete


class ServiceHallDetailView(RecordDetailView):
    model = ServiceHall
    select_related = ("village",)
    prefetch_related = ("duties",)
    template_name = "activities/hall_detail.html"
    update_url_name = "activities:hall_update"
    list_url_name = "activities:hall_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("duty_form", ServiceHallDutyForm())
        return context


@login_required
@require_POST
def duty_add_view(request, pk):
    hall = get_editable_or_404(ServiceHall, request.user, pk=pk)
    form = ServiceHallDutyForm(request.POST)
    if form.is_valid():
        try:
            service_hall_duty_add(actor=request.user, hall=hall, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("坐班安排已添加。"))
            return redirect(hall)
    messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(hall)


@login_required
@require_POST
def duty_delete_view(request, pk):
    duty = get_editable_or_404(ServiceHallDuty.objects.select_related("hall"), request.user, pk=pk)
    hall = duty.hall
    service_hall_duty_delete(actor=request.user, duty=duty)
    messages.success(request, _("坐班安排已删除。"))
    return redirect(hall)
