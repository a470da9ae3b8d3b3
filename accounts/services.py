"""Every write to accounts. System admins manage accounts, security officers approve what gives
access, nobody changes their own role (三权分立, GB/T 22239-2019):

- a role (and its area) is granted only by a RoleGrant that an admin asks for and a security officer
  approves who is neither that admin nor the user;
- nobody but the user knows their password: an account is created, and a password reset, with a
  one-time code in two halves (the admin's and the approving security officer's), with which the
  user sets their own password;
- every step is a security event (AccessEvent), never with a code or its hash.

The audit purge (rows past AUDIT_RETENTION_DAYS) is here too: it is the only delete of audit rows."""
import datetime
import secrets
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ali_party.scoping import Role

from . import lockout
from .models import AccessEvent, PasswordSetupCode, RoleGrant, User, check_role_scope
from .security import check_not_reused, remember_password


def _require_admin(actor: User) -> None:
    if not (actor.is_authenticated and actor.role == Role.ADMIN and actor.is_active):
        raise PermissionDenied(_("只有系统管理员可以管理账户。"))


def _require_security_officer(actor: User) -> None:
    if not (actor.is_authenticated and actor.role == Role.SECURITY_OFFICER and actor.is_active):
        raise PermissionDenied(_("只有安全管理员可以审批授权。"))


def _event(*, actor: User | None, kind: str, target: str, remote_addr: str | None, success: bool = True,
           username: str = "") -> AccessEvent:
    return AccessEvent.objects.create(user=actor, username=username or (actor.username if actor else ""),
                                      kind=kind, remote_addr=remote_addr, target=target[:300], success=success)


def _grant_text(role: str, scope_area) -> str:
    return Role(role).label + (f"（{scope_area.name}）" if scope_area is not None else "")


# One-time codes: two halves of 8 characters each from 31 unambiguous ones (no 0/O, 1/I/L): about
# 40 bits a half, 79 together.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_HALF_LENGTH = 8
CODE_VALIDITY = datetime.timedelta(hours=24)
CODE_ATTEMPTS = 5  # wrong codes per user name and address in CODE_ATTEMPT_WINDOW
CODE_ATTEMPT_WINDOW = datetime.timedelta(minutes=30)


def new_code_half() -> str:
    half = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_HALF_LENGTH))
    return f"{half[:4]}-{half[4:]}"


def normalize_code_half(text: str) -> str:
    """What the user typed, as stored: upper case, without spaces or hyphens."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code_half(half: str) -> str:
    return make_password(normalize_code_half(half))


def _supersede_open_codes(user: User) -> int:
    superseded = 0
    for code in user.setup_codes.select_for_update().filter(
            state__in=[PasswordSetupCode.State.PENDING, PasswordSetupCode.State.ISSUED]):
        code.state = PasswordSetupCode.State.SUPERSEDED
        code.save(update_fields=["state"])
        superseded += 1
    return superseded


def _code_request(*, actor: User, user: User, reason: str, remote_addr: str | None) -> str:
    """A code for `user`, pending a security officer's approval; returns the admin's half (shown
    once, never stored)."""
    superseded = _supersede_open_codes(user)
    half = new_code_half()
    PasswordSetupCode.objects.create(user=user, reason=reason, requested_by=actor, admin_half_hash=hash_code_half(half))
    note = "，原未使用的验证码作废" if superseded else ""
    _event(actor=actor, kind=AccessEvent.Kind.CODE_REQUEST, remote_addr=remote_addr,
           target=f"{user.username}（{PasswordSetupCode.Reason(reason).label}{note}）")
    return half


@dataclass(frozen=True)
class NewAccount:
    user: User
    admin_half: str  # the admin's half of the one-time code: shown once, stored only hashed
    grant: RoleGrant


@transaction.atomic
def user_create(*, actor: User, username: str, full_name: str, role: str, scope_area,
                remote_addr: str | None = None) -> NewAccount:
    """A new account with no role and no usable password. The role asked for is a RoleGrant, and the
    password is set by the user with a one-time code: nothing works before a security officer
    approves both."""
    _require_admin(actor)
    user = User(username=username, full_name=full_name, role=Role.NONE, scope_area=None,
                must_change_password=True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    check_role_scope(role, scope_area)
    user.save()
    grant = role_grant_request(actor=actor, user=user, role=role, scope_area=scope_area, remote_addr=remote_addr)
    half = _code_request(actor=actor, user=user, reason=PasswordSetupCode.Reason.CREATE, remote_addr=remote_addr)
    return NewAccount(user=user, admin_half=half, grant=grant)


@transaction.atomic
def user_update(*, actor: User, user: User, full_name: str, role: str, scope_area, is_active: bool,
                remote_addr: str | None = None) -> RoleGrant | None:
    """Name and active flag change at once (deactivation only takes access away). A different role
    or area is a RoleGrant for a security officer to approve (returned); the current one stays until
    then. Asking for the current role and area again withdraws a pending grant."""
    _require_admin(actor)
    if user.pk == actor.pk and (role != actor.role or scope_area != actor.scope_area or not is_active):
        raise PermissionDenied(_("不能修改自己的角色、管辖范围或停用自己的账户。"))
    user.full_name, user.is_active = full_name, is_active
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "is_active"])
    pending = user.role_grants.filter(decision=RoleGrant.Decision.PENDING).first()
    asked = (role, scope_area.pk if scope_area is not None else None)
    if pending is not None and (pending.role, pending.scope_area_id) == asked:
        return pending
    if (user.role, user.scope_area_id) == asked:
        if pending is not None:
            pending.decision, pending.decided_at = RoleGrant.Decision.SUPERSEDED, timezone.now()
            pending.save(update_fields=["decision", "decided_at"])
            _event(actor=actor, kind=AccessEvent.Kind.GRANT_REQUEST, remote_addr=remote_addr,
                   target=f"{user.username}：撤回待批准的申请（{_grant_text(pending.role, pending.scope_area)}），"
                          f"保持{_grant_text(user.role, user.scope_area)}")
        return None
    return role_grant_request(actor=actor, user=user, role=role, scope_area=scope_area, remote_addr=remote_addr)


@transaction.atomic
def role_grant_request(*, actor: User, user: User, role: str, scope_area,
                       remote_addr: str | None = None) -> RoleGrant:
    """An admin asks for `role` (in `scope_area`) for another user; it supersedes a pending request."""
    _require_admin(actor)
    if user.pk == actor.pk:
        raise PermissionDenied(_("不能为自己申请角色。"))
    if role == Role.NONE or role not in Role.values:
        raise ValidationError({"role": _("请选择要授予的角色。")})
    check_role_scope(role, scope_area)
    superseded = 0
    for pending in RoleGrant.objects.select_for_update().filter(user=user, decision=RoleGrant.Decision.PENDING):
        pending.decision, pending.decided_at = RoleGrant.Decision.SUPERSEDED, timezone.now()
        pending.save(update_fields=["decision", "decided_at"])
        superseded += 1
    grant = RoleGrant(user=user, role=role, scope_area=scope_area, requested_by=actor)
    grant.full_clean()
    grant.save()
    note = "，取代原待批准的申请" if superseded else ""
    _event(actor=actor, kind=AccessEvent.Kind.GRANT_REQUEST, remote_addr=remote_addr,
           target=f"{user.username}：{_grant_text(role, scope_area)}（现为{_grant_text(user.role, user.scope_area)}{note}）")
    return grant


def _require_third_person(*, actor: User, requested_by_id, user: User, kind: str, what: str,
                          remote_addr: str | None) -> None:
    """The approver is neither the one who asked nor the one who gets it; a try is recorded."""
    if actor.pk in (requested_by_id, user.pk):
        _event(actor=actor, kind=kind, remote_addr=remote_addr, success=False,
               target=f"拒绝：不能审批自己申请的或授予自己的{what}（{user.username}）")
        raise PermissionDenied(_("不能审批自己申请的或授予自己的事项，须由另一位安全管理员审批。"))


def role_grant_decide(*, actor: User, grant: RoleGrant, approve: bool, remote_addr: str | None = None) -> RoleGrant:
    """A security officer approves (the user gets the role and area now) or refuses a pending grant."""
    _require_security_officer(actor)
    kind = AccessEvent.Kind.GRANT_APPROVE if approve else AccessEvent.Kind.GRANT_REFUSE
    _require_third_person(actor=actor, requested_by_id=grant.requested_by_id, user=grant.user, kind=kind,
                          what="角色", remote_addr=remote_addr)
    with transaction.atomic():
        grant = (RoleGrant.objects.select_for_update(of=("self",))  # not the nullable joined rows
                 .select_related("user", "scope_area", "requested_by").get(pk=grant.pk))
        if grant.decision != RoleGrant.Decision.PENDING:
            raise ValidationError(_("该申请已处理或已被取代。"))
        user = User.objects.select_for_update().get(pk=grant.user_id)
        before = _grant_text(user.role, user.scope_area)
        if approve:
            user.role, user.scope_area = grant.role, grant.scope_area
            user.full_clean(exclude=["password"])
            user.save(update_fields=["role", "scope_area"])
        grant.decision = RoleGrant.Decision.APPROVED if approve else RoleGrant.Decision.REFUSED
        grant.decided_by, grant.decided_at = actor, timezone.now()
        grant.save(update_fields=["decision", "decided_by", "decided_at"])
        _event(actor=actor, kind=kind, remote_addr=remote_addr,
               target=f"{user.username}：{_grant_text(grant.role, grant.scope_area)}（原为{before}，"
                      f"申请人{grant.requested_by.username}）")
    return grant


def user_reset_password(*, actor: User, user: User, remote_addr: str | None = None) -> str:
    """An admin asks for a password reset: returns the admin's half of a one-time code (shown once).
    Nothing changes until a security officer approves; then the old password stops working and the
    user sets a new one with both halves. Never one's own (use the password change page)."""
    _require_admin(actor)
    if user.pk == actor.pk:
        raise PermissionDenied(_("不能重置自己的密码，请使用“修改密码”。"))
    with transaction.atomic():
        return _code_request(actor=actor, user=user, reason=PasswordSetupCode.Reason.RESET, remote_addr=remote_addr)


def setup_code_decide(*, actor: User, code: PasswordSetupCode, approve: bool,
                      remote_addr: str | None = None) -> str | None:
    """A security officer approves a pending one-time code (returns their half, shown once; a reset
    user's old password stops working now) or refuses it (returns None)."""
    _require_security_officer(actor)
    kind = AccessEvent.Kind.CODE_APPROVE if approve else AccessEvent.Kind.CODE_REFUSE
    _require_third_person(actor=actor, requested_by_id=code.requested_by_id, user=code.user, kind=kind,
                          what="一次性验证码", remote_addr=remote_addr)
    with transaction.atomic():
        code = (PasswordSetupCode.objects.select_for_update(of=("self",))
                .select_related("user", "requested_by").get(pk=code.pk))
        if code.state != PasswordSetupCode.State.PENDING:
            raise ValidationError(_("该申请已处理或已作废。"))
        now = timezone.now()
        code.decided_by, code.decided_at = actor, now
        half = None
        if approve:
            half = new_code_half()
            code.officer_half_hash, code.state = hash_code_half(half), PasswordSetupCode.State.ISSUED
            code.expires_at = now + CODE_VALIDITY
            if code.reason == PasswordSetupCode.Reason.RESET:
                user = User.objects.select_for_update().get(pk=code.user_id)
                user.set_unusable_password()  # also ends the user's sessions (their auth hash changes)
                user.save(update_fields=["password"])
        else:
            code.state = PasswordSetupCode.State.REFUSED
        code.save(update_fields=["officer_half_hash", "state", "expires_at", "decided_by", "decided_at"])
        until = f"，有效期至{timezone.localtime(code.expires_at):%Y-%m-%d %H:%M}" if approve else ""
        _event(actor=actor, kind=kind, remote_addr=remote_addr,
               target=f"{code.user.username}（{code.get_reason_display()}，申请人"
                      f"{code.requested_by.username if code.requested_by else '（系统）'}{until}）")
    return half


CODE_REFUSED = gettext_lazy("用户名或验证码不正确，或验证码已过期。")


def password_set_with_code(*, username: str, first_half: str, second_half: str, new_password: str,
                           remote_addr: str | None = None) -> User:
    """The user's own act: with both halves of an issued, unexpired code, set a password (the code is
    then used up). Wrong codes are security events; after CODE_ATTEMPTS of them from one address in
    CODE_ATTEMPT_WINDOW that user name is refused there without checking. The message never says
    which part was wrong."""
    since = timezone.now() - CODE_ATTEMPT_WINDOW
    failures = AccessEvent.objects.filter(kind=AccessEvent.Kind.CODE_USE, success=False, username=username,
                                          remote_addr=remote_addr, at__gte=since).count()
    if failures >= CODE_ATTEMPTS:
        _event(actor=None, username=username[:150], kind=AccessEvent.Kind.CODE_USE, remote_addr=remote_addr,
               success=False, target="拒绝：验证码错误次数过多")
        raise ValidationError(_("验证码错误次数过多，请30分钟后再试。"), code="too_many")
    user = User.objects.filter(username=username, is_active=True).first()
    code = None if user is None else user.setup_codes.filter(
        state=PasswordSetupCode.State.ISSUED, expires_at__gt=timezone.now()).first()
    halves = (normalize_code_half(first_half), normalize_code_half(second_half))
    if code is None:
        make_password(halves[0])  # about as long as a real check: the answer's time says nothing either
    if code is None or not any(check_password(a, code.admin_half_hash) and check_password(b, code.officer_half_hash)
                               for a, b in (halves, halves[::-1])):
        _event(actor=None, username=username[:150], kind=AccessEvent.Kind.CODE_USE, remote_addr=remote_addr,
               success=False, target="验证码不正确或已过期")
        raise ValidationError(CODE_REFUSED, code="code")
    validate_password(new_password, user)
    check_not_reused(user, new_password)
    with transaction.atomic():
        code = PasswordSetupCode.objects.select_for_update().get(pk=code.pk)
        if code.state != PasswordSetupCode.State.ISSUED:
            raise ValidationError(CODE_REFUSED, code="code")
        user.set_password(new_password)
        user.must_change_password = False
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "must_change_password", "password_changed_at"])
        remember_password(user)
        code.state, code.used_at = PasswordSetupCode.State.USED, timezone.now()
        code.save(update_fields=["state", "used_at"])
        _event(actor=user, kind=AccessEvent.Kind.CODE_USE, remote_addr=remote_addr,
               target=f"{user.username}（{code.get_reason_display()}）")
    return user


def user_unlock(*, actor: User, user: User, remote_addr: str | None = None) -> int:
    """An admin clears a user name's failed logins at every address (the lock-out ends at once)."""
    _require_admin(actor)
    removed = lockout.unlock(user.username)
    _event(actor=actor, kind=AccessEvent.Kind.UNLOCK, remote_addr=remote_addr,
           target=f"{user.username}（清除失败登录记录{removed}条）")
    return removed


def user_reset_otp(*, actor: User, user: User, remote_addr: str | None = None) -> None:
    """An admin resets another user's second factor: the user's TOTP devices are deleted (a session
    verified by one of them is no longer verified), the next login asks for a new enrolment, and the
    reset is a security event. Resetting one's own is refused, and the refusal recorded too."""
    _require_admin(actor)
    if user.pk == actor.pk:
        AccessEvent.objects.create(user=actor, username=actor.username, kind=AccessEvent.Kind.OTP_RESET,
                                   remote_addr=remote_addr, target="拒绝：不能重置自己的动态口令设备",
                                   success=False)
        raise PermissionDenied(_("不能重置自己的动态口令设备。"))
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
        raise ValidationError(_("新密码不能与当前密码相同。"))
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
