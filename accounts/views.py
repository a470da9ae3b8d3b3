from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ali_party.scoping import Role, has_role
from ali_party.tables import paginate_table
from ali_party.views import apply_validation_error

from . import services
from .audit import audited_content_types, change_lines, entry_model_name
from .filters import UserFilter
from .forms import AuditFilterForm, LoginForm, OwnPasswordChangeForm, PasswordSetupForm, UserCreateForm, UserUpdateForm
from .lockout import lock_states
from .models import AccessEvent, PasswordSetupCode, RoleGrant, User
from .tables import UserTable
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
        if not has_role(request.user, Role.ADMIN):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def security_officer_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, Role.SECURITY_OFFICER):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def auditor_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, Role.AUDITOR):
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
    users = UserFilter(request.GET, queryset=User.objects.select_related("scope_area").order_by("role", "username"))
    table = UserTable(users.qs)
    page = paginate_table(request, table)
    pending = {g.user_id: g for g in RoleGrant.objects.filter(
        user__in=page, decision=RoleGrant.Decision.PENDING).select_related("scope_area")}
    codes = {c.user_id: c for c in PasswordSetupCode.objects.filter(
        user__in=page, state__in=[PasswordSetupCode.State.PENDING, PasswordSetupCode.State.ISSUED])}
    locks = lock_states([u.username for u in page])
    for user in page:  # the rows the table renders
        user.pending_grant, user.setup_code, user.lock_state = (
            pending.get(user.pk), codes.get(user.pk), locks.get(user.username))
    return render(request, "accounts/user_list.html", {"table": table, "filter": users})


def _show_admin_half(request, *, user, half, title):
    """The admin's half of a one-time code, shown in the answer to the POST and nowhere else."""
    return render(request, "accounts/code_half.html", {
        "target": user, "half": half, "title": title, "holder": _("系统管理员"),
        "other": _("安全管理员批准后，会得到另一半验证码。")})


@admin_required
def user_create_view(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.user_create(actor=request.user, username=data["username"], full_name=data["full_name"],
                                           role=data["role"], scope_area=data["scope_area"],
                                           remote_addr=client_address(request))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return _show_admin_half(request, user=account.user, half=account.admin_half,
                                    title=_("账户 %(u)s 已创建") % {"u": account.user.username})
    return render(request, "accounts/user_form.html", {"form": form, "title": _("新建账户")})


@admin_required
def user_update_view(request, pk):
    user = get_object_or_404(User, pk=pk)
    pending = user.role_grants.filter(decision=RoleGrant.Decision.PENDING).first()
    initial = {"role": pending.role, "scope_area": pending.scope_area} if pending else None
    form = UserUpdateForm(request.POST or None, instance=User.objects.get(pk=pk), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.user_update(actor=request.user, user=user, full_name=data["full_name"], role=data["role"],
                                         scope_area=data["scope_area"], is_active=data["is_active"],
                                         remote_addr=client_address(request))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if grant is not None:
                messages.info(request, _("角色或管辖范围的修改已提交，须经安全管理员批准后生效。"))
            messages.success(request, _("账户已保存。"))
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": _("编辑账户：%s") % user.username,
                                                       "pending": pending})


@admin_required
def user_reset_password_view(request, pk):
    """GET asks; POST requests a one-time code and shows the admin's half once."""
    user = get_object_or_404(User, pk=pk)
    if user.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        half = services.user_reset_password(actor=request.user, user=user, remote_addr=client_address(request))
        return _show_admin_half(request, user=user, half=half, title=_("重置密码：%s") % user.username)
    return render(request, "accounts/password_reset_confirm.html", {"target": user})


@admin_required
@require_POST
def user_unlock_view(request, pk):
    user = get_object_or_404(User, pk=pk)
    services.user_unlock(actor=request.user, user=user, remote_addr=client_address(request))
    messages.success(request, _("已解除 %(u)s 的登录锁定。") % {"u": user.username})
    return redirect("accounts:user_list")


@security_officer_required
def approval_list_view(request):
    grants = (RoleGrant.objects.filter(decision=RoleGrant.Decision.PENDING)
              .select_related("user", "scope_area", "requested_by").order_by("requested_at"))
    codes = (PasswordSetupCode.objects.filter(state=PasswordSetupCode.State.PENDING)
             .select_related("user", "requested_by").order_by("requested_at"))
    decided = (RoleGrant.objects.exclude(decision=RoleGrant.Decision.PENDING)
               .select_related("user", "scope_area", "requested_by", "decided_by").order_by("-decided_at")[:20])
    return render(request, "accounts/approval_list.html", {"grants": grants, "codes": codes, "decided": decided})


DECISIONS = {"approve": True, "refuse": False}


@security_officer_required
@require_POST
def grant_decide_view(request, pk):
    grant = get_object_or_404(RoleGrant, pk=pk)
    if request.POST.get("decision") not in DECISIONS:
        return HttpResponseBadRequest()
    try:
        grant = services.role_grant_decide(actor=request.user, grant=grant, approve=DECISIONS[request.POST["decision"]],
                                           remote_addr=client_address(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("已批准：%(g)s") if grant.decision == RoleGrant.Decision.APPROVED else _("已拒绝：%(g)s")
        messages.success(request, text % {"g": grant})
    return redirect("accounts:approval_list")


@security_officer_required
@require_POST
def code_decide_view(request, pk):
    """Approving shows the officer's half of the code once, in this answer."""
    code = get_object_or_404(PasswordSetupCode.objects.select_related("user"), pk=pk)
    if request.POST.get("decision") not in DECISIONS:
        return HttpResponseBadRequest()
    try:
        half = services.setup_code_decide(actor=request.user, code=code, approve=DECISIONS[request.POST["decision"]],
                                          remote_addr=client_address(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:approval_list")
    if half is None:
        messages.success(request, _("已拒绝为 %(u)s 签发一次性验证码。") % {"u": code.user.username})
        return redirect("accounts:approval_list")
    return render(request, "accounts/code_half.html", {
        "target": code.user, "half": half, "title": _("一次性验证码：%s") % code.user.username,
        "holder": _("安全管理员"), "other": _("另一半在提出申请的系统管理员处。")})


@never_cache
def password_setup_view(request):
    """Anyone (not logged in): set one's password with both halves of a one-time code."""
    form = PasswordSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.password_set_with_code(username=data["username"], first_half=data["first_half"],
                                            second_half=data["second_half"], new_password=data["new_password1"],
                                            remote_addr=client_address(request))
        except ValidationError as error:
            if error.code in ("code", "too_many"):
                form.add_error(None, error.messages)
            else:
                form.add_error("new_password1", error.messages)
        else:
            messages.success(request, _("密码已设置，请用新密码登录。"))
            return redirect("accounts:login")
    return render(request, "accounts/password_setup.html", {"form": form})


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
    entries = (LogEntry.objects.filter(content_type__in=audited_content_types())
               .select_related("actor", "content_type").order_by("-timestamp"))
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
    # Two tabs, the change log and the security events, each with its own pages; the filters stay
    # when switching (the query string without the tab and the page numbers).
    tab = "events" if request.GET.get("tab") == "events" else "changes"
    kept = request.GET.copy()
    for key in ("tab", "page", "epage"):
        kept.pop(key, None)
    context = {"form": form, "tab": tab, "filters": kept.urlencode(), "active_filters": form.active_filters()}
    if tab == "events":
        context["events"] = Paginator(events, 50).get_page(request.GET.get("epage"))
    else:
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        lines = change_lines(page.object_list)
        context["entries"] = page
        context["rows"] = [(entry, entry_model_name(entry), lines.get(entry.pk, [])) for entry in page.object_list]
    return render(request, "accounts/audit_log.html", context)
