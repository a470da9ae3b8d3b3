"""Login lock-out (django-axes, in the database), by user name *and* address: AXES_FAILURE_LIMIT
failures of one user name from one address lock that name at that address only, so that nobody can
lock a colleague (or `admin`) out from elsewhere by typing wrong passwords. Above that, a higher
ceiling per user name alone, AXES_FAILURE_LIMIT_PER_USERNAME failures from all addresses together,
locks the name everywhere (a guess spread over many addresses). Both last AXES_COOLOFF_TIME after
the last failure; an admin can clear a name at once (accounts.services.user_unlock)."""
from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _failures_of(username: str, since) -> int:
    return AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start"))["n"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, whose lock-out parameter is the pair (user name, address)
    (settings.AXES_LOCKOUT_PARAMETERS), plus the per-name ceiling: a name at its ceiling counts as
    locked at every address. (django-axes has one failure limit for all its parameters, so the
    second, higher limit is added here.)"""

    def get_failures(self, request, credentials=None) -> int:
        at_this_address = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username and _failures_of(username, get_cool_off_threshold(request)) >= \
                settings.AXES_FAILURE_LIMIT_PER_USERNAME:
            return max(at_this_address, get_failure_limit(request, credentials))
        return at_this_address


@dataclass(frozen=True)
class LockState:
    failures: int  # failed logins of the name in the cool-off period, all addresses
    locked_addresses: int  # addresses at which the name is locked
    locked_everywhere: bool  # the per-name ceiling is reached

    @property
    def locked(self) -> bool:
        return self.locked_everywhere or self.locked_addresses > 0


def lock_states(usernames) -> dict[str, LockState]:
    """The lock-out state of each of `usernames` that has recent failures (for the accounts page)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    per_address: dict[str, dict[str, int]] = {}
    rows = (AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since)
            .order_by().values_list("username", "ip_address").annotate(n=Sum("failures_since_start")))
    for username, address, n in rows:
        per_address.setdefault(username, {})
        per_address[username][address] = per_address[username].get(address, 0) + n
    return {username: LockState(failures=sum(counts.values()),
                                locked_addresses=sum(n >= settings.AXES_FAILURE_LIMIT for n in counts.values()),
                                locked_everywhere=sum(counts.values()) >= settings.AXES_FAILURE_LIMIT_PER_USERNAME)
            for username, counts in per_address.items()}


def unlock(username: str) -> int:
    """Delete the name's failed-login records at every address; returns how many there were."""
    from axes.utils import reset
    return reset(username=username)
