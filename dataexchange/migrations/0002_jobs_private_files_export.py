"""Issue 17, items 4 and 7: import uploads in the private "dataexchange" storage (generated names),
export jobs, at most one running import and one running export per user, expired previews.

Uploads kept so far (in the default, media storage, under their old names) are deleted here and
their jobs closed: a preview waiting for its confirm expires (the user uploads again), a job still
queued or running fails; and of two running jobs of one user (before the new constraint) all but the
newest fail.
"""

import dataexchange.storage
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

RUNNING = ("pending", "validating", "committing")
LEGACY_PREFIX = "dataexchange/imports/"  # the old upload_to, in the default storage


def close_legacy_jobs(apps, schema_editor):
    from django.core.files.storage import default_storage
    from django.utils import timezone

    ImportJob = apps.get_model("dataexchange", "ImportJob")
    now = timezone.now()
    for job in ImportJob.objects.exclude(file="").exclude(file__startswith="imports/").only("pk", "file", "status"):
        name = job.file.name
        if name.startswith(LEGACY_PREFIX) and default_storage.exists(name):
            default_storage.delete(name)
        fields = {"file": "", "updated_at": now}
        if job.status == "previewed":
            fields.update(status="expired", message="系统升级时删除了未确认的上传文件；如需导入，请重新上传。")
        elif job.status in RUNNING:
            fields.update(status="failed", message="系统升级时该任务尚未完成，已终止，数据未改动；请重新上传。",
                          finished_at=now)
        ImportJob.objects.filter(pk=job.pk).update(**fields)
    newest = {}
    for pk, user_id in ImportJob.objects.filter(status__in=RUNNING).order_by("-created_at", "-pk").values_list(
            "pk", "user_id"):
        if user_id in newest:
            ImportJob.objects.filter(pk=pk).update(
                status="failed", message="同一用户只能有一个正在处理的导入任务，该任务已终止，数据未改动；请重新上传。",
                finished_at=now, updated_at=now)
        else:
            newest[user_id] = pk


class Migration(migrations.Migration):

    dependencies = [
        ('dataexchange', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ExportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40, verbose_name='数据类型')),
                ('fmt', models.CharField(choices=[('xlsx', 'Excel'), ('csv', 'CSV')], max_length=4, verbose_name='格式')),
                ('params', models.TextField(blank=True, verbose_name='筛选条件')),
                ('status', models.CharField(choices=[('pending', '排队等待导出'), ('running', '正在导出'), ('done', '已完成，可下载'), ('downloaded', '已下载（文件已删除）'), ('expired', '已过期（文件已删除）'), ('failed', '导出失败')], default='pending', max_length=20, verbose_name='状态')),
                ('rows_total', models.PositiveIntegerField(default=0, verbose_name='记录数')),
                ('rows_done', models.PositiveIntegerField(default=0, verbose_name='已导出记录数')),
                ('message', models.TextField(blank=True, verbose_name='说明')),
                ('file', models.FileField(blank=True, storage=dataexchange.storage.dataexchange_storage, upload_to=dataexchange.storage.export_result_name, verbose_name='导出文件')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='提交时间')),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='状态变更时间')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
            ],
            options={
                'verbose_name': '导出任务',
                'verbose_name_plural': '导出任务',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='importjob',
            name='registered_elsewhere',
            field=models.PositiveIntegerField(default=0, verbose_name='管辖范围外已登记的身份证号码数'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='updated_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='状态变更时间'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='file',
            field=models.FileField(blank=True, storage=dataexchange.storage.dataexchange_storage, upload_to=dataexchange.storage.import_upload_name, verbose_name='上传文件'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='status',
            field=models.CharField(choices=[('pending', '排队等待校验'), ('validating', '正在校验'), ('previewed', '已校验，待确认'), ('refused', '文件被拒绝'), ('committing', '正在导入'), ('done', '导入完成'), ('failed', '导入未完成(数据未改动)'), ('expired', '已过期（未确认，文件已删除）')], default='pending', max_length=20, verbose_name='状态'),
        ),
        migrations.RunPython(close_legacy_jobs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='importjob',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending'), ('status', 'validating'), ('status', 'committing'), _connector='OR'), fields=('user',), name='import_job_one_running_per_user', violation_error_message='您已有一个导入任务正在处理，请等它完成后再上传。'),
        ),
        migrations.AddField(
            model_name='exportjob',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='export_jobs', to=settings.AUTH_USER_MODEL, verbose_name='导出人'),
        ),
        migrations.AddConstraint(
            model_name='exportjob',
            constraint=models.CheckConstraint(condition=models.Q(('rows_done__lte', models.F('rows_total'))), name='export_job_done_not_above_total', violation_error_message='已导出记录数不能多于记录数。'),
        ),
        migrations.AddConstraint(
            model_name='exportjob',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending'), ('status', 'running'), _connector='OR'), fields=('user',), name='export_job_one_running_per_user', violation_error_message='您已有一个导出任务正在处理，请等它完成后再导出。'),
        ),
    ]
