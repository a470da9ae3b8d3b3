"""Accounts: one user, one role, one place in the organization tree; role grants that a second
person approves; one-time codes with which users set their own passwords."""
from django.contrib.auth.models import AbstractUser, UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import Role

# Which area level each role is bound to (None: not bound to the tree).
SCOPE_LEVEL = {
    Role.PREFECTURE_STAFF: "prefecture",
    Role.PREFECTURE_VIEWER: "prefecture",
    Role.COUNTY_CLERK: "county",
    Role.TOWNSHIP_CLERK: "township",
    Role.ADMIN: None,
    Role.AUDITOR: None,
    Role.SECURITY_OFFICER: None,
    Role.NONE: None,
}


def check_role_scope(role: str, scope_area) -> None:
    """A business role needs one area of its level; the other roles none (ValidationError)."""
    level = SCOPE_LEVEL.get(role)
    if level is None:
        if scope_area is not None:
            raise ValidationError({"scope_area": _("该角色不绑定管辖范围，请留空。")})
    elif scope_area is None or scope_area.level != level:
        raise ValidationError({"scope_area": _("该角色必须绑定一个%(level)s级区域。") % {
            "level": {"prefecture": _("地区"), "county": _("县"), "township": _("乡镇")}[level]}})


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """`manage.py createsuperuser` makes a system admin (accounts and the tree, no business
        data), never a clerk: the superuser flag gives no business scope (ali_party.scoping)."""
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Business roles are bound to one Area (their scope). `role` and
    `scope_area` are what the user has now: an admin's change to them is a RoleGrant that takes
    effect only when a security officer approves it."""

    Role = Role

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices, default=Role.NONE)
    scope_area = models.ForeignKey(
        "branches.Area", verbose_name=_("管辖范围"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="users",
    )
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    # Set when the user's TOTP device was reset (by an admin, or by migration 0005 after the keys
    # leaked into the change log); the next login says so, until a new device is confirmed.
    otp_reset_pending = models.BooleanField(_("动态口令设备已重置，待重新绑定"), default=False)

    SCOPE_LEVEL = SCOPE_LEVEL

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        check_role_scope(self.role, self.scope_area if self.scope_area_id else None)

    @property
    def is_system_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_auditor(self) -> bool:
        return self.is_active and self.role == Role.AUDITOR

    @property
    def is_security_officer(self) -> bool:
        return self.is_active and self.role == Role.SECURITY_OFFICER


class AccessEvent(models.Model):
    """Security events that are not row changes: logins, failed logins, logouts, exports, imports,
    every display of a full ID number, and each purge of audit rows past their retention. Row changes
    are in django-auditlog's LogEntry. Both tables are append-only in PostgreSQL (migrations 0003,
    0004): no UPDATE, and no DELETE of a row younger than 180 days."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOGOUT = "logout", _("退出")
        EXPORT = "export", _("导出")
        IMPORT = "import", _("导入")
        REVEAL = "reveal", _("查看完整个人信息")
        PURGE = "purge", _("清理过期审计记录")
        OTP_RESET = "otp_reset", _("重置动态口令设备")
        REVEAL_LIMIT = "reveal_limit", _("查看完整个人信息超过每小时上限")
        GRANT_REQUEST = "grant_request", _("申请授予角色")
        GRANT_APPROVE = "grant_approve", _("批准授予角色")
        GRANT_REFUSE = "grant_refuse", _("拒绝授予角色")
        CODE_REQUEST = "code_request", _("申请一次性验证码")
        CODE_APPROVE = "code_approve", _("批准并签发一次性验证码")
        CODE_REFUSE = "code_refuse", _("拒绝签发一次性验证码")
        CODE_USE = "code_use", _("用一次性验证码设置密码")
        UNLOCK = "unlock", _("解除登录锁定")
        API_TOKEN_CREATE = "api_token_create", _("创建接口令牌")
        API_TOKEN_REVOKE = "api_token_revoke", _("吊销接口令牌")
        API_TOKEN_REFUSED = "api_token_refused", _("接口令牌被拒绝")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, verbose_name=_("用户"), null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    kind = models.CharField(_("事件"), max_length=20, choices=Kind.choices)
    remote_addr = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    target = models.CharField(_("对象"), max_length=300, blank=True)
    success = models.BooleanField(_("结果"), default=True)

    class Meta:
        verbose_name = _("安全事件")
        verbose_name_plural = _("安全事件")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_kind_display()}"


class PasswordHistory(models.Model):
    """Hashes of a user's recent passwords, so none of the last five is used again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class RoleGrant(models.Model):
    """A role (with its area) that a system admin asks for a user: at account creation and at every
    change of role or area. It takes effect — User.role and User.scope_area change — only when a
    security officer approves it who is neither the admin who asked nor the user (三权分立: no one
    obtains a role alone). A newer request for the same user supersedes a pending one."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待批准")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("已拒绝")
        SUPERSEDED = "superseded", _("已被新申请取代")

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    scope_area = models.ForeignKey("branches.Area", verbose_name=_("管辖范围"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(User, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decision = models.CharField(_("状态"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(User, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("角色授权申请")
        verbose_name_plural = _("角色授权申请")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(decision="pending"),
                                    name="one_pending_role_grant_per_user"),
            models.CheckConstraint(condition=~Q(requested_by=F("user")), name="role_grant_not_for_oneself"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | (~Q(decided_by=F("requested_by")) & ~Q(decided_by=F("user"))),
                name="role_grant_decided_by_a_third_person"),
        ]

    def __str__(self):
        area = f"（{self.scope_area}）" if self.scope_area_id else ""
        return f"{self.user.username}：{self.get_role_display()}{area}"


class PasswordSetupCode(models.Model):
    """A one-time code with which a user sets their own password, after an admin created the account
    or reset its password. Split knowledge: the code has two halves; the admin who asked sees one
    (once, at the request), the security officer who approved sees the other (once, at the
    approval); each gives their half to the user, who needs both. So neither of them can set the
    password and log in as the user alone. Only hashes are stored (and this model is kept out of the
    change log: settings.AUDITLOG_EXCLUDE_TRACKING_MODELS); every step is a security event. Good
    for one use, until `expires_at` (a day after the approval)."""

    class Reason(models.TextChoices):
        CREATE = "create", _("新建账户")
        RESET = "reset", _("重置密码")

    class State(models.TextChoices):
        PENDING = "pending", _("待批准")
        ISSUED = "issued", _("已签发")
        REFUSED = "refused", _("已拒绝")
        USED = "used", _("已使用")
        SUPERSEDED = "superseded", _("已作废")

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="setup_codes")
    reason = models.CharField(_("原因"), max_length=10, choices=Reason.choices)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PENDING)
    # Null: issued by the server's operator (manage.py create_account), both halves at once.
    requested_by = models.ForeignKey(User, verbose_name=_("申请人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(User, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    admin_half_hash = models.CharField(max_length=128)
    officer_half_hash = models.CharField(max_length=128, blank=True)

    class Meta:
        verbose_name = _("一次性验证码")
        verbose_name_plural = _("一次性验证码")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(state="pending") | Q(state="issued"),
                                    name="one_open_setup_code_per_user"),
            models.CheckConstraint(condition=Q(requested_by__isnull=True) | ~Q(requested_by=F("user")),
                                   name="setup_code_not_for_oneself"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | (~Q(decided_by=F("requested_by")) & ~Q(decided_by=F("user"))),
                name="setup_code_decided_by_a_third_person"),
        ]

    def __str__(self):
        return f"{self.user.username}：{self.get_reason_display()}（{self.get_state_display()}）"
