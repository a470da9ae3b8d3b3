from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ali_party.scoping import Role
from ali_party.views import apply_validation_error

from . import services
from .forms import (AuditFilterForm, LoginForm, OwnPasswordChangeForm, PasswordResetByAdminForm,
                    UserCreateForm, UserUpdateForm)
from .models import AccessEvent, User
from .signals import client_address


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.get_user().otp_reset_pending:
            messages.warning(self.request, _("您的动态口令设备已因安全原因重置，请重新绑定。"))
        return response


def admin_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if request.user.role != Role.ADMIN:
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def auditor_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if request.user.role != Role.AUDITOR:
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


@login_required
def password_change_view(request):
    form = OwnPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_own_password(user=request.user, new_password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error("new_password1", error.messages)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


@admin_required
def user_list_view(request):
    users = User.objects.select_related("scope_area").order_by("role", "username")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page_obj": page})


@admin_required
def user_create_view(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(actor=request.user, username=data["username"], full_name=data["full_name"],
                                        role=data["role"], scope_area=data["scope_area"], password=data["password"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("账户 %(u)s 已创建。") % {"u": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": _("新建账户")})


@admin_required
def user_update_view(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = UserUpdateForm(request.POST or None, instance=User.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(actor=request.user, user=user, full_name=data["full_name"], role=data["role"],
                                 scope_area=data["scope_area"], is_active=data["is_active"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("账户已保存。"))
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": _("编辑账户：%s") % user.username})


@admin_required
def user_reset_password_view(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = PasswordResetByAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_reset_password(actor=request.user, user=user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error.messages)
        else:
            messages.success(request, _("已为 %(u)s 设置临时密码，用户下次登录时须修改。") % {"u": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": _("重置密码：%s") % user.username})


@admin_required
def user_reset_otp_view(request, pk):
    """An admin resets another user's second factor (a lost or replaced phone): the GET asks, the
    POST deletes the user's devices. Never one's own (403): a stolen admin session must not swap
    the admin's own second factor."""
    user = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        services.user_reset_otp(actor=request.user, user=user, remote_addr=client_address(request))
        messages.success(request, _("已重置 %(u)s 的动态口令设备，该用户下次登录时须重新绑定。") % {"u": user.username})
        return redirect("accounts:user_list")
    if user.pk == request.user.pk:
        raise PermissionDenied
    return render(request, "accounts/otp_reset_confirm.html", {"target": user})


@auditor_required
def audit_log_view(request):
    form = AuditFilterForm(request.GET or None)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    events = AccessEvent.objects.order_by("-at")
    if form.is_valid():
        data = form.cleaned_data
        if data["username"]:
            entries = entries.filter(actor__username=data["username"])
            events = events.filter(username=data["username"])
        if data["model"]:
            entries = entries.filter(content_type__model=data["model"].lower())
        if data["date_from"]:
            entries = entries.filter(timestamp__date__gte=data["date_from"])
            events = events.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(timestamp__date__lte=data["date_to"])
            events = events.filter(at__date__lte=data["date_to"])
        if data["kind"]:
            events = events.filter(kind=data["kind"])
    return render(request, "accounts/audit_log.html", {
        "form": form,
        "entries": Paginator(entries, 50).get_page(request.GET.get("page")),
        "events": Paginator(events, 50).get_page(request.GET.get("epage")),
    })
