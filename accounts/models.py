"""Accounts: one user, one role, one place in the organization tree."""
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import Role


class User(AbstractUser):
    """A person who logs in. Business roles are bound to one Area (their scope)."""

    Role = Role

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices, default=Role.COUNTY_CLERK)
    scope_area = models.ForeignKey(
        "branches.Area", verbose_name=_("管辖范围"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="users",
    )
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    # Set when the user's TOTP device was reset (by an admin, or by migration 0005 after the keys
    # leaked into the change log); the next login says so, until a new device is confirmed.
    otp_reset_pending = models.BooleanField(_("动态口令设备已重置，待重新绑定"), default=False)

    # Which area level each role is bound to (None: not bound to the tree).
    SCOPE_LEVEL = {
        Role.PREFECTURE_STAFF: "prefecture",
        Role.PREFECTURE_VIEWER: "prefecture",
        Role.COUNTY_CLERK: "county",
        Role.TOWNSHIP_CLERK: "township",
        Role.ADMIN: None,
        Role.AUDITOR: None,
    }

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        level = self.SCOPE_LEVEL.get(self.role)
        if level is None:
            if self.scope_area_id:
                raise ValidationError({"scope_area": _("该角色不绑定管辖范围，请留空。")})
        elif self.scope_area_id is None or self.scope_area.level != level:
            raise ValidationError({"scope_area": _("该角色必须绑定一个%(level)s级区域。") % {
                "level": {"prefecture": "地区", "county": "县", "township": "乡镇"}[level]}})

    @property
    def is_system_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_auditor(self) -> bool:
        return self.is_active and self.role == Role.AUDITOR


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
