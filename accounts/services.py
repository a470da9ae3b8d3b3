"""Every write to accounts. Only system admins manage accounts; nobody changes their own role.
The audit purge (rows past AUDIT_RETENTION_DAYS) is here too: it is the only delete of audit rows."""
import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ali_party.scoping import Role

from .models import AccessEvent, User
from .security import check_not_reused, remember_password


def _require_admin(actor: User) -> None:
    if not (actor.is_authenticated and actor.role == Role.ADMIN and actor.is_active):
        raise PermissionDenied("只有系统管理员可以管理账户。")


@transaction.atomic
def user_create(*, actor: User, username: str, full_name: str, role: str, scope_area, password: str) -> User:
    _require_admin(actor)
    user = User(username=username, full_name=full_name, role=role, scope_area=scope_area,
                must_change_password=True)
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    remember_password(user)
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, full_name: str, role: str, scope_area, is_active: bool) -> User:
    _require_admin(actor)
    if user.pk == actor.pk and (role != actor.role or scope_area != actor.scope_area or not is_active):
        raise PermissionDenied("不能修改自己的角色、管辖范围或停用自己的账户。")
    user.full_name, user.role, user.scope_area, user.is_active = full_name, role, scope_area, is_active
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_reset_password(*, actor: User, user: User, password: str) -> User:
    """An admin sets a temporary password; the user must change it at the next login."""
    _require_admin(actor)
    validate_password(password, user)
    check_not_reused(user, password)
    user.set_password(password)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    remember_password(user)
    return user


def user_reset_otp(*, actor: User, user: User, remote_addr: str | None = None) -> None:
    """An admin resets another user's second factor: the user's TOTP devices are deleted (a session
    verified by one of them is no longer verified), the next login asks for a new enrolment, and the
    reset is a security event. Resetting one's own is refused, and the refusal recorded too."""
    _require_admin(actor)
    if user.pk == actor.pk:
        AccessEvent.objects.create(user=actor, username=actor.username, kind=AccessEvent.Kind.OTP_RESET,
                                   remote_addr=remote_addr, target="拒绝：不能重置自己的动态口令设备",
                                   success=False)
        raise PermissionDenied("不能重置自己的动态口令设备。")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        removed = 0
        for device in TOTPDevice.objects.filter(user=user).select_for_update():
            device.delete()  # one by one: each deletion is in the change log (without the key)
            removed += 1
        user.otp_reset_pending = True
        user.save(update_fields=["otp_reset_pending"])
        AccessEvent.objects.create(user=actor, username=actor.username, kind=AccessEvent.Kind.OTP_RESET,
                                   remote_addr=remote_addr, target=f"{user.username}（删除设备{removed}个）",
                                   success=True)


REVEAL_WINDOW = datetime.timedelta(hours=1)


@transaction.atomic
def reveal_record(*, actor: User, target: str, remote_addr: str | None = None) -> bool:
    """Record that `actor` is shown full personal data (`target`: the record) and say whether it may
    be: at most settings.REVEAL_LIMIT_PER_HOUR reveals in the last hour. Past it nothing is shown,
    and the refusal is recorded instead (kind reveal_limit). Only shown reveals count. The actor's
    row is locked so that parallel requests cannot all pass the count."""
    User.objects.select_for_update().filter(pk=actor.pk).first()
    since = timezone.now() - REVEAL_WINDOW
    limit = settings.REVEAL_LIMIT_PER_HOUR
    shown = AccessEvent.objects.filter(user=actor, kind=AccessEvent.Kind.REVEAL, success=True,
                                       at__gte=since).count()
    allowed = shown < limit
    AccessEvent.objects.create(
        user=actor, username=actor.get_username(), remote_addr=remote_addr,
        kind=AccessEvent.Kind.REVEAL if allowed else AccessEvent.Kind.REVEAL_LIMIT, success=allowed,
        target=(target if allowed else f"拒绝（1小时内已查看{shown}次，上限{limit}次）：{target}")[:300])
    return allowed


@transaction.atomic
def user_change_own_password(*, user: User, new_password: str) -> User:
    if user.check_password(new_password):
        raise ValidationError("新密码不能与当前密码相同。")
    validate_password(new_password, user)
    check_not_reused(user, new_password)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    remember_password(user)
    return user


# GB/T 22239-2019 (三级) keeps audit records at least 180 days. PostgreSQL enforces the same floor
# on its own (accounts migration 0004): it refuses to delete a younger row whatever this code does.
AUDIT_MIN_RETENTION_DAYS = 180
PURGE_USERNAME = "（系统）"  # not a possible login name, so it cannot be confused with an account


@dataclass(frozen=True)
class AuditPurge:
    retention_days: int
    cutoff: datetime.datetime  # rows recorded before this moment are (or, in a dry run, would be) deleted
    access_events: int
    log_entries: int
    dry_run: bool

    @property
    def total(self) -> int:
        return self.access_events + self.log_entries


def audit_retention_days(days: int | None = None) -> int:
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if days < AUDIT_MIN_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"审计记录保留期不能少于{AUDIT_MIN_RETENTION_DAYS}天（AUDIT_RETENTION_DAYS={days}）。")
    return days


def audit_purge_cutoff(*, retention_days: int, now: datetime.datetime) -> datetime.datetime:
    """Local midnight starting the day `retention_days` days before today: what was recorded before
    it is at least `retention_days` full days old. Whole days keep the cut readable in the audit
    event and leave the database's 180-day check (by its own clock) hours of margin."""
    day = timezone.localtime(now).date() - datetime.timedelta(days=retention_days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@transaction.atomic
def audit_purge(*, source: str, dry_run: bool = False, retention_days: int | None = None,
                now: datetime.datetime | None = None) -> AuditPurge:
    """Delete the audit rows (security events and django-auditlog change records) recorded before
    the retention cut, and record the purge itself as a security event in the same transaction.
    A dry run only counts, and records nothing."""
    days = audit_retention_days(retention_days)
    cutoff = audit_purge_cutoff(retention_days=days, now=now or timezone.now())
    events = AccessEvent.objects.filter(at__lt=cutoff)
    entries = LogEntry.objects.filter(timestamp__lt=cutoff)
    if dry_run:
        return AuditPurge(days, cutoff, events.count(), entries.count(), dry_run=True)
    # Neither model has signal receivers or rows that point at it, so each is one DELETE statement.
    purge = AuditPurge(days, cutoff, events.delete()[0], entries.delete()[0], dry_run=False)
    AccessEvent.objects.create(
        kind=AccessEvent.Kind.PURGE, username=PURGE_USERNAME, success=True,
        target=(f"删除{timezone.localtime(cutoff):%Y-%m-%d}之前的审计记录：安全事件{purge.access_events}条，"
                f"变更记录{purge.log_entries}条（保留期{days}天，{source}）")[:300])
    return purge
