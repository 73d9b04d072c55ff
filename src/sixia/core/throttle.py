"""Rate limits for everything anonymous (public booking, cancelling, the public portal, Open311).

One function, :func:`limit`, counts a request in a named scope per client address (``key="ip"``) or per any
other value (a phone's blind index, never the phone itself) and refuses with :class:`TooManyRequests` (429, "操作
过于频繁，请稍后再试") once the scope's rate is used up. Rates come from ``settings.SIXIA_THROTTLE`` (each
overridable by ``SIXIA_THROTTLE_<SCOPE>``, e.g. ``SIXIA_THROTTLE_BOOKING=20/h``; ``off`` disables a scope). The
counting is django-ratelimit's, on the ``throttle`` cache (Redis, or the SQLite counter file; see settings).

The client address is ``REMOTE_ADDR``; ``X-Forwarded-For`` is believed only when the request comes from one of
``SIXIA_TRUSTED_PROXIES`` (the reverse proxy), and then its right-most address that is not itself a proxy.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django_ratelimit.core import get_usage

from sixia.core.errors import TooManyRequests


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.SIXIA_TRUSTED_PROXIES)


def client_ip(request) -> str:
    """The client's address: the socket's peer, or — behind a trusted proxy only — the forwarded one."""
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    if not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):  # the right-most hops were added by our own proxies; the first other one is the client
        if not _trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a forged, malformed header: count the proxy's own address
    return remote


def rate_of(scope: str) -> str | None:
    """The configured rate of a scope ("10/m"), or None when the scope is switched off."""
    rate = settings.SIXIA_THROTTLE.get(scope, settings.SIXIA_THROTTLE.get("default"))
    return None if not rate or rate.lower() == "off" else rate


def _usage(request, scope: str, key: str, rate: str | None, increment: bool):
    rate = rate if rate is not None else rate_of(scope)
    if rate is None:
        return None
    value = client_ip(request) if key == "ip" else key
    # Hashed before it reaches the cache: the key may be a blind index, and cache keys show in tooling.
    token = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()
    return get_usage(request, group=f"sixia.{scope}", key=lambda _group, _request: token, rate=rate,
                     increment=increment)


def limit(request, *, scope: str, key: str, rate: str | None = None) -> None:
    """Count this request in ``scope`` for ``key`` ("ip", or a value such as a phone's blind index); raise
    TooManyRequests once more than the rate's number of requests came within its period."""
    usage = _usage(request, scope, key, rate, increment=True)
    if usage is not None and usage["should_limit"]:
        raise TooManyRequests()


def count(request, *, scope: str, key: str, rate: str | None = None) -> int:
    """How many requests ``key`` made in ``scope`` in the current period (without counting this one)."""
    usage = _usage(request, scope, key, rate, increment=False)
    return 0 if usage is None else int(usage["count"])
