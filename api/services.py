"""Every write of the API app: a system admin makes and revokes tokens (each a security event);
a request's token is checked, and a refused one logged, by `token_authenticate`."""
from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AccessEvent, User
from ali_party.scoping import BUSINESS_READ_ROLES, Role, has_role

from .models import ApiToken

PREFIX_LENGTH = 8
MAX_VALIDITY_DAYS = 366
# last_used_at is written at most once a minute per token: a display polling every few seconds
# should not turn every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# Refused keys from one address: from the REFUSAL_LIMIT-th within a window (which starts at the
# first refusal), further refused keys get 429 until the window ends, with no security row (the
# LIMIT-th row says so): guessing keys is slowed, and the append-only log cannot be flooded. Valid
# keys are still accepted from that address (a display behind the same NAT keeps working).
REFUSAL_LIMIT = 20
REFUSAL_WINDOW = datetime.timedelta(minutes=10)


class TooManyRefusals(Exception):
    """A refused key from an address past REFUSAL_LIMIT in its window; `retry_after` in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def _count_refusal(remote_addr: str | None, now) -> tuple[int, int]:
    """One more refused key from the address: (refusals in its window, seconds the window has left).
    cache.incr is atomic on Redis, so exactly one request sees the LIMIT-th count."""
    seconds = int(REFUSAL_WINDOW.total_seconds())
    key = f"api-token-refusals:{remote_addr or '-'}"
    cache.add(f"{key}:until", (now + REFUSAL_WINDOW).timestamp(), timeout=seconds)
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    until = cache.get(f"{key}:until") or (now + REFUSAL_WINDOW).timestamp()
    return count, max(1, int(until - now.timestamp() + 0.999))


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _event(*, actor: User | None, kind: str, target: str, remote_addr: str | None, success: bool = True,
           username: str = "") -> AccessEvent:
    return AccessEvent.objects.create(user=actor, username=username or (actor.username if actor else ""),
                                      kind=kind, remote_addr=remote_addr, target=target[:300], success=success)


def _require_admin(actor: User) -> None:
    if not (has_role(actor, Role.ADMIN) and actor.is_active):
        raise PermissionDenied(_("只有系统管理员可以管理接口令牌。"))


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown once, never stored


@transaction.atomic
def token_create(*, actor: User, user: User, name: str, valid_days: int,
                 remote_addr: str | None = None) -> NewToken:
    """A new key for `user` (a business account: admins, security officers and auditors see no
    business data, so a token of theirs would read nothing)."""
    _require_admin(actor)
    errors = {}
    if user.role not in BUSINESS_READ_ROLES or user.scope_area_id is None or not user.is_active:
        errors["user"] = _("接口令牌只能发给在用的业务账户（不能发给系统管理员、安全管理员或安全审计员）。")
    if not (name or "").strip():
        errors["name"] = _("请填写令牌用途。")
    if not 1 <= valid_days <= MAX_VALIDITY_DAYS:
        errors["valid_days"] = _("有效期应为1至%(max)d天。") % {"max": MAX_VALIDITY_DAYS}
    if errors:
        raise ValidationError(errors)
    key = secrets.token_urlsafe(32)  # 256 random bits
    token = ApiToken(user=user, name=name.strip(), prefix=key[:PREFIX_LENGTH], key_hash=key_digest(key),
                     created_by=actor, expires_at=timezone.now() + datetime.timedelta(days=valid_days))
    token.full_clean()
    token.save()
    _event(actor=actor, kind=AccessEvent.Kind.API_TOKEN_CREATE, remote_addr=remote_addr,
           target=_("%(user)s 的接口令牌“%(name)s”（%(prefix)s…，有效期至 %(until)s）") % {
               "user": user.username, "name": token.name, "prefix": token.prefix,
               "until": timezone.localtime(token.expires_at).date().isoformat()})
    return NewToken(token=token, key=key)


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken, remote_addr: str | None = None) -> ApiToken:
    _require_admin(actor)
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(_("该令牌已经吊销。"))
    token.revoked_at, token.revoked_by = timezone.now(), actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    _event(actor=actor, kind=AccessEvent.Kind.API_TOKEN_REVOKE, remote_addr=remote_addr,
           target=_("%(user)s 的接口令牌“%(name)s”（%(prefix)s…）") % {
               "user": token.user.username, "name": token.name, "prefix": token.prefix})
    return token


REFUSALS = {
    "unknown": gettext_lazy("无此令牌"),
    "revoked": gettext_lazy("令牌已吊销"),
    "expired": gettext_lazy("令牌已过期"),
    "inactive": gettext_lazy("账户已停用"),
}


def token_authenticate(*, key: str, remote_addr: str | None) -> ApiToken | None:
    """The usable token whose key is `key`, with its user; None (and a security event) otherwise.
    Raises TooManyRefusals for a refused key once the address is past REFUSAL_LIMIT in its window."""
    token = ApiToken.objects.select_related("user__scope_area").filter(key_hash=key_digest(key)).first()
    now = timezone.now()
    if token is None:
        reason = "unknown"
    elif not token.user.is_active:
        reason = "inactive"
    else:
        reason = {"active": None, "revoked": "revoked", "expired": "expired"}[token.state(now)]
    if reason is not None:
        # The event is written even though the request fails: it runs outside any transaction of
        # the request (DRF authenticates before the view; ATOMIC_REQUESTS is off).
        owner = token.user if token is not None else None
        target = _("%(reason)s（%(prefix)s…）") % {"reason": REFUSALS[reason], "prefix": key[:PREFIX_LENGTH]}
        count, retry_after = _count_refusal(remote_addr, now)
        if count > REFUSAL_LIMIT:
            raise TooManyRefusals(retry_after)
        if count == REFUSAL_LIMIT:
            target += _("；该地址%(minutes)s分钟内已有%(count)s次被拒，此后本时段内其被拒的令牌答429，不再逐次记录") % {
                "count": REFUSAL_LIMIT, "minutes": int(REFUSAL_WINDOW.total_seconds() // 60)}
        _event(actor=owner, kind=AccessEvent.Kind.API_TOKEN_REFUSED, remote_addr=remote_addr, success=False,
               target=target)
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # An UPDATE, not save(): no change-log entry for every read.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
