"""The one answer to "where did this request come from", for the change log, the security events
and the login lock-out (issue 17 Medium 6).

A request's own REMOTE_ADDR is the truth unless it is one of TRUSTED_PROXIES (the TLS proxy in
front of gunicorn): then the address is the right-most X-Forwarded-For hop that is not itself a
trusted proxy, the last one a trusted machine saw. Hops further left were written by the client
and prove nothing, so a forged X-Forwarded-For is never believed.
"""
import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str | None:
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if remote is None or remote not in trusted:
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            return remote  # a hop a trusted proxy would never write: stop believing the header
        if address not in trusted:
            return address
    return remote
