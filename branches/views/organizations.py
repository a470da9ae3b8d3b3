"""Party organizations: list, detail, create, edit — all through the scoped queryset."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ali_party.scoping import can_write, scope_path
from ali_party.views import apply_validation_error

from ..forms import PartyOrganizationForm
from ..models import PartyOrganization
from ..services import organization_create, organization_update


def _require_reader(user):
    if scope_path(user) is None:
        raise PermissionDenied


@login_required
def organization_list_view(request):
    _require_reader(request.user)
    organizations = PartyOrganization.objects.visible_to(request.user).select_related("area", "parent")
    page = Paginator(organizations, 50).get_page(request.GET.get("page"))
    return render(request, "branches/organization_list.html", {"page_obj": page})


@login_required
def organization_detail_view(request, pk):
    _require_reader(request.user)
    organization = get_object_or_404(
        PartyOrganization.objects.visible_to(request.user).select_related("area", "parent"), pk=pk)
    return render(request, "branches/organization_detail.html", {"organization": organization})


@login_required
def organization_create_view(request):
    if not can_write(request.user):
        raise PermissionDenied
    form = PartyOrganizationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organization = organization_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("党组织已保存。"))
            return redirect(organization)
    return render(request, "branches/organization_form.html", {"form": form, "title": _("新建党组织")})


@login_required
def organization_update_view(request, pk):
    organization = get_object_or_404(PartyOrganization.objects.visible_to(request.user), pk=pk)
    if not can_write(request.user):
        raise PermissionDenied
    form = PartyOrganizationForm(request.POST or None, instance=organization, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organization_update(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("党组织已保存。"))
            return redirect(organization)
    return render(request, "branches/organization_form.html",
                  {"form": form, "title": _("编辑党组织：%s") % organization.name})
