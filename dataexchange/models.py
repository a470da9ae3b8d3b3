"""Import jobs: an uploaded workbook, its parsed preview and the outcome of the commit.

A job belongs to the user who uploaded it and is visible to that user only (another user gets
404). The uploaded file is kept so that the confirm step re-reads and re-validates exactly what
was previewed, inside the commit transaction.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportJobQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class ImportJob(models.Model):
    """One upload of one record kind: validated (preview, nothing saved), then confirmed (committed
    all-or-nothing) or abandoned."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队等待校验")
        VALIDATING = "validating", _("正在校验")
        PREVIEWED = "previewed", _("已校验，待确认")
        REFUSED = "refused", _("文件被拒绝")
        COMMITTING = "committing", _("正在导入")
        DONE = "done", _("导入完成")
        FAILED = "failed", _("导入未完成(数据未改动)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                             related_name="import_jobs")
    kind = models.CharField(_("数据类型"), max_length=40)
    file = models.FileField(_("上传文件"), upload_to="dataexchange/imports/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(_("数据行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    message = models.TextField(_("说明"), blank=True)
    preview = models.JSONField(_("校验结果"), default=dict, blank=True)
    created_count = models.PositiveIntegerField(_("新增条数"), default=0)
    updated_count = models.PositiveIntegerField(_("更新条数"), default=0)
    unchanged_count = models.PositiveIntegerField(_("无变化条数"), default=0)
    error_count = models.PositiveIntegerField(_("问题条数"), default=0)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rows_done__lte=models.F("rows_total")),
                                   name="import_job_done_not_above_total",
                                   violation_error_message=_("已处理行数不能多于数据行数。")),
        ]

    def __str__(self):
        return f"{self.original_name}（{self.get_status_display()}）"

    def get_absolute_url(self):
        return reverse("dataexchange:job_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.VALIDATING, self.Status.COMMITTING}

    @property
    def percent(self) -> int:
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0
