"""The administrative tree: browsing for everyone with a scope, editing for system admins."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ali_party.generic import get_return_url, safe_return_url
from ali_party.scoping import Role, has_role, scope_path

from ..forms import AreaForm
from ..models import Area
from ..services import area_add_child, area_rename


def _tree_reader(user) -> bool:
    return has_role(user, Role.ADMIN) or scope_path(user) is not None


def _visible_areas(user):
    if has_role(user, Role.ADMIN):
        return Area.objects.all()
    return Area.objects.visible_to(user)


@login_required
def area_tree_view(request):
    if not _tree_reader(request.user):
        raise PermissionDenied
    areas = _visible_areas(request.user).exclude(level=Area.Level.VILLAGE).order_by("path")
    return render(request, "branches/area_tree.html", {"areas": areas})


@login_required
def area_detail_view(request, pk):
    if not _tree_reader(request.user):
        raise PermissionDenied
    area = get_object_or_404(_visible_areas(request.user), pk=pk)
    children = Area.objects.get_children(area)
    # The breadcrumb links only the places the user may open (a county clerk's prefecture is not).
    ancestors = _visible_areas(request.user).filter(pk__in=Area.objects.get_ancestors(area).values("pk"))
    return render(request, "branches/area_detail.html", {"area": area, "children": children,
                                                         "ancestors": ancestors.order_by("path")})


@login_required
def area_add_child_view(request, pk):
    if not has_role(request.user, Role.ADMIN):
        raise PermissionDenied
    parent = get_object_or_404(Area, pk=pk)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = area_add_child(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # each message under its own field
        else:
            messages.success(request, _("已新增：%s") % area.name)
            return redirect(safe_return_url(request) or parent)
    return render(request, "branches/area_form.html", {"form": form, "parent": parent,
                                                       "title": _("在“%s”下新增") % parent.name,
                                                       "return_url": get_return_url(request, parent)})


@login_required
def area_update_view(request, pk):
    if not has_role(request.user, Role.ADMIN):
        raise PermissionDenied
    area = get_object_or_404(Area, pk=pk)
    form = AreaForm(request.POST or None, initial={"name": area.name, "code": area.code,
                                                   "is_border_village": area.is_border_village,
                                                   "is_community": area.is_community})
    if request.method == "POST" and form.is_valid():
        try:
            area_rename(actor=request.user, area=area, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # each message under its own field
        else:
            messages.success(request, _("已保存。"))
            return redirect(safe_return_url(request) or area)
    return render(request, "branches/area_form.html", {"form": form, "title": _("编辑：%s") % area.name,
                                                       "return_url": get_return_url(request, area)})
