"""Who is acting and from where, for the audit trail, carried in a context variable per request."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RequestContext:
    user: Any = None
    ip: str = ""
    channel: str = "web"  # web | api | cli | task


_current: ContextVar[RequestContext] = ContextVar(
    "sixia_request_context", default=RequestContext(channel="cli")  # noqa: B039 (frozen, immutable)
)


def current() -> RequestContext:
    return _current.get()


def set_current(ctx: RequestContext):  # returns a token for reset
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
