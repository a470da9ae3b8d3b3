"""Computed indicator values, stored as snapshots so dashboards read and never aggregate."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndicatorSnapshot(models.Model):
    """The value of one indicator for one node of the tree and one year, as last computed."""

    code = models.CharField(_("指标代码"), max_length=60)
    # No index of its own: (area, year) below serves every lookup by area. No database constraint
    # either: a snapshot is derived data, rewritten by every recompute, and checking two million
    # keys at commit cost a first recompute of the region ten seconds. Deleting an area still
    # deletes its snapshots (Django's CASCADE), and a recompute deletes any snapshot it no longer
    # computes.
    area = models.ForeignKey("branches.Area", verbose_name=_("区域"), on_delete=models.CASCADE,
                             related_name="indicator_snapshots", db_index=False, db_constraint=False)
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=2, null=True)
    numerator = models.DecimalField(_("分子"), max_digits=18, decimal_places=2, default=0)
    denominator = models.DecimalField(_("分母"), max_digits=18, decimal_places=2, null=True)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("指标快照")
        verbose_name_plural = _("指标快照")
        # Two indexes besides the key, each serving reads: every index costs the first recompute
        # of the region two million more entries. Year first in the unique one, so that reading or
        # deleting one year's snapshots (the full recompute) uses it too.
        constraints = [
            models.UniqueConstraint(fields=["year", "code", "area"], name="snapshot_unique_year_code_area"),
        ]
        indexes = [
            models.Index(fields=["area", "year"]),
        ]

    def __str__(self):
        return f"{self.code} {self.area_id} {self.year} = {self.value}"


class RecomputeRun(models.Model):
    """One run of the indicator pipeline, so the dashboard can show progress and the last success."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    requested_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    years = models.CharField(_("年度"), max_length=100, blank=True)
    # Area ids whose subtrees (and ancestors) were recomputed after a change; empty: the whole tree.
    scope = models.TextField(_("范围"), blank=True)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # Moved on every change of the run (RecomputeRun.mark): the latest of all runs is the version of
    # the stored snapshots, which only runs write (the dashboard's cache key).
    changed_at = models.DateTimeField(_("变更时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("指标计算任务")
        verbose_name_plural = _("指标计算任务")
        ordering = ["-requested_at"]

    @classmethod
    def mark(cls, pk: int, **fields) -> None:
        """Update a run's fields (status, progress, error …) and move its changed_at."""
        cls.objects.filter(pk=pk).update(changed_at=timezone.now(), **fields)


class DirtyMark(models.Model):
    """A part of the stored snapshots that a committed change made stale: the years, the places
    (township or county tree paths) and the tables and columns it changed.

    The database is the recompute queue: a change writes its mark in its own transaction (so no
    committed change can go unmarked, whatever happens to the broker), and a worker claims marks
    with SELECT … FOR UPDATE SKIP LOCKED, merges them, recomputes, and deletes them in the same
    transaction as the snapshots it writes (so a worker that dies leaves them to the next one).
    """

    years = models.CharField(_("年度"), max_length=200)  # "2021,2022"
    places = models.TextField(_("范围"), blank=True)  # tree paths, comma separated; "": the whole tree
    tables = models.TextField(blank=True)  # "": every table
    columns = models.TextField(null=True, blank=True)  # None: every column (a new or deleted row)
    created_at = models.DateTimeField(_("标记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("待计算标记")
        verbose_name_plural = _("待计算标记")

    def __str__(self):
        return f"{self.years} {self.places or '*'}"


class CompleteYear(models.Model):
    """A year whose snapshots were computed whole for the catalogue named by `catalogue` (a hash of
    the indicator codes). Only such a year may be recomputed in part (its other places' stored
    totals are then current), and only such a year is offered as the dashboard's default."""

    year = models.PositiveSmallIntegerField(_("年度"), primary_key=True)
    catalogue = models.CharField(max_length=64)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("已完整计算的年度")
        verbose_name_plural = _("已完整计算的年度")

    def __str__(self):
        return str(self.year)
