"""Import and export jobs: work too large for a request, done by a Celery task and followed on a
page with progress.

A job belongs to the user who started it and is visible to that user only (another user gets
404). A user has at most one import and at most one export queued or running at a time (a
constraint of each table).

Files (issue 17, item 4): an import's upload is kept, in the private "dataexchange" storage under a
generated name, only while the job needs it — from the upload until the commit, so that the confirm
step re-reads and re-validates exactly what was previewed, and a preview with problems offers it
back with the problems marked (services.problems_workbook) — and deleted as soon as the job is
committed, refused, failed, or its preview has nothing to confirm or correct; a preview not
confirmed within IMPORT_UPLOAD_RETENTION_HOURS expires (dataexchange.services.jobs_purge_stale,
hourly).
An export's result is kept until its owner downloads it (then deleted) or
EXPORT_RESULT_RETENTION_HOURS have passed.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .messages import translated
from .storage import dataexchange_storage, export_result_name, import_upload_name


class JobQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def running(self):
        return self.filter(status__in=self.model.RUNNING)


class ImportJob(models.Model):
    """One upload of one record kind: validated (preview, nothing saved), then confirmed (committed
    all-or-nothing), or left unconfirmed until it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队等待校验")
        VALIDATING = "validating", _("正在校验")
        PREVIEWED = "previewed", _("已校验，待确认")
        REFUSED = "refused", _("文件被拒绝")
        COMMITTING = "committing", _("正在导入")
        DONE = "done", _("导入完成")
        FAILED = "failed", _("导入未完成(数据未改动)")
        EXPIRED = "expired", _("已过期（未确认，文件已删除）")

    RUNNING = (Status.PENDING, Status.VALIDATING, Status.COMMITTING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                             related_name="import_jobs")
    kind = models.CharField(_("数据类型"), max_length=40)
    # Empty once the upload is deleted (see the module docstring).
    file = models.FileField(_("上传文件"), storage=dataexchange_storage, upload_to=import_upload_name, blank=True)
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
    # ID numbers of the file registered outside the uploader's scope, which the preview refused as
    # "already registered" (counted against IMPORT_REGISTERED_ID_NOTICES_PER_DAY).
    registered_elsewhere = models.PositiveIntegerField(_("管辖范围外已登记的身份证号码数"), default=0)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rows_done__lte=models.F("rows_total")),
                                   name="import_job_done_not_above_total",
                                   violation_error_message=_("已处理行数不能多于数据行数。")),
            models.UniqueConstraint(fields=["user"], condition=(models.Q(status="pending") | models.Q(status="validating")
                                                               | models.Q(status="committing")),
                                    name="import_job_one_running_per_user",
                                    violation_error_message=_("您已有一个导入任务正在处理，请等它完成后再上传。")),
        ]

    def __str__(self):
        return f"{self.original_name}（{self.status_label}）"

    def get_absolute_url(self):
        return reverse("dataexchange:job_detail", args=[self.pk])

    @property
    def status_label(self) -> str:
        """The status as the clerk reads it: a checked file with problems cannot be confirmed, so it
        is not "待确认" but to be corrected and uploaded again; nor is one that changes nothing (an
        export uploaded back as it was)."""
        if self.status == self.Status.PREVIEWED and self.error_count:
            return str(_("有问题，需修改后重新上传"))
        if self.status == self.Status.PREVIEWED and not (self.created_count or self.updated_count):
            return str(_("已校验，与系统中一致，无需导入"))
        return str(self.get_status_display())

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def message_display(self) -> str:
        """The stored message in the active language (dataexchange.messages)."""
        return translated(self.message)

    @property
    def percent(self) -> int:
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0


class ExportJob(models.Model):
    """A large export (more than EXPORT_INLINE_MAX_ROWS rows) built by a Celery task: the user's
    scoped, filtered list at the time the task runs, kept until its owner downloads it once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队等待导出")
        RUNNING = "running", _("正在导出")
        DONE = "done", _("已完成，可下载")
        DOWNLOADED = "downloaded", _("已下载（文件已删除）")
        EXPIRED = "expired", _("已过期（文件已删除）")
        FAILED = "failed", _("导出失败")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel"
        CSV = "csv", "CSV"

    RUNNING = (Status.PENDING, Status.RUNNING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.PROTECT,
                             related_name="export_jobs")
    kind = models.CharField(_("数据类型"), max_length=40)
    fmt = models.CharField(_("格式"), max_length=4, choices=Format.choices)
    params = models.TextField(_("筛选条件"), blank=True)  # the list page's query string
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(_("记录数"), default=0)
    rows_done = models.PositiveIntegerField(_("已导出记录数"), default=0)
    message = models.TextField(_("说明"), blank=True)
    # Empty until the task has written it, and again once downloaded or expired.
    file = models.FileField(_("导出文件"), storage=dataexchange_storage, upload_to=export_result_name, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rows_done__lte=models.F("rows_total")),
                                   name="export_job_done_not_above_total",
                                   violation_error_message=_("已导出记录数不能多于记录数。")),
            models.UniqueConstraint(fields=["user"], condition=models.Q(status="pending") | models.Q(status="running"),
                                    name="export_job_one_running_per_user",
                                    violation_error_message=_("您已有一个导出任务正在处理，请等它完成后再导出。")),
        ]

    def __str__(self):
        return f"{self.kind}.{self.fmt}（{self.get_status_display()}）"

    def get_absolute_url(self):
        return reverse("dataexchange:export_job_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        from .specs import SPECS

        spec = SPECS.get(self.kind)
        return gettext(spec.label) if spec else self.kind

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def message_display(self) -> str:
        """The stored message in the active language (dataexchange.messages)."""
        return translated(self.message)

    @property
    def percent(self) -> int:
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0
