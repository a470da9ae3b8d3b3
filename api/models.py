"""Tokens with which other systems (a big-screen display, the provincial platform) read the API."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """One key of the read-only API, made by a system admin for one business account: the token
    reads as that user (same role, same scope). Only the key's SHA-256 is stored; the key itself is
    shown once, when it is made. Its first characters (`prefix`) name it on the token page and in
    the security log. Revoked or expired tokens are kept (the log names them)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("所属账户"), on_delete=models.PROTECT,
                             related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100, help_text=_("例如：大屏展示、自治区平台。"))
    prefix = models.CharField(_("令牌前缀"), max_length=12, db_index=True)
    # The hex SHA-256 of the key: the key has 256 random bits, so a plain hash is enough (no salt,
    # no slow hash) and lets a request find its token with one indexed lookup.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT,
                                   related_name="+")
    expires_at = models.DateTimeField(_("有效期至"))
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("吊销人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")


    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "active"

    STATE_LABELS = {"active": _("有效"), "revoked": _("已吊销"), "expired": _("已过期")}

    @property
    def state_label(self) -> str:
        return str(self.STATE_LABELS[self.state()])
