"""Every TOTP device gets a new key and must be enrolled again (issue 17, High 1).

Until now the change log recorded each device's `key` when it was created, and the auditor could
read it (and log in with codes computed from it). Those log rows are append-only and kept at least
180 days (migrations 0003, 0004), so the leaked keys cannot be deleted: every existing key is
replaced by a new random one the change log never saw, the device is unconfirmed (a code from the
old key no longer verifies, and django-otp no longer counts a session verified by it), the user is
told at the next login to enrol again (User.otp_reset_pending), and every session ends, so that
none verified with a leaked code comes back when its device is confirmed again.

queryset.update() sends no signals: the new keys do not reach the change log either."""
from django.db import migrations, models
from django_otp.util import random_hex


def rekey_totp_devices(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    User = apps.get_model("accounts", "User")
    Session = apps.get_model("sessions", "Session")
    devices = list(TOTPDevice.objects.values_list("pk", "user_id"))
    for pk, _user in devices:
        TOTPDevice.objects.filter(pk=pk).update(
            key=random_hex(20), confirmed=False, last_t=-1, drift=0,
            throttling_failure_count=0, throttling_failure_timestamp=None)
    User.objects.filter(pk__in={user for _pk, user in devices}).update(otp_reset_pending=True)
    if devices:
        Session.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_audit_retention"),
        ("otp_totp", "0003_add_timestamps"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="otp_reset_pending",
            field=models.BooleanField(default=False, verbose_name="动态口令设备已重置，待重新绑定"),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="kind",
            field=models.CharField(choices=[("login", "登录"), ("login_failed", "登录失败"), ("logout", "退出"), ("export", "导出"), ("import", "导入"), ("reveal", "查看完整个人信息"), ("purge", "清理过期审计记录"), ("otp_reset", "重置动态口令设备")], max_length=20, verbose_name="事件"),  # noqa: E501
        ),
        migrations.RunPython(rekey_totp_devices, migrations.RunPython.noop),
    ]
