"""One permission model: which roles may perform which write, as data (the role × action matrix).

Each app declares its rights in its own ``permissions.py`` (``RIGHTS = [Right(...), ...]``) and its services
call ``require(actor, code)`` before they write, so a page, the API, a command and an import are refused alike
(403, nothing written). Jurisdiction stays separate: outside it an object is not found (404), whoever asks.

``actor=None`` is the system itself (commands, the demo, scheduled tasks) and may do everything; a superuser
counts as ``admin``. The API additionally checks the same right before it reads a request's body
(``sixia.api.auth.needs``), so a caller without the right gets 403 rather than a validation error, and
``docs/permissions.md`` is generated from this registry (``sixia permissions --markdown``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sixia.core.errors import Forbidden

ALL_OFFICIALS = frozenset({"admin", "dispatcher", "handler", "leader", "supervisor", "auditor", "head", "discipline",
                           "organization_dept"})


@dataclass(frozen=True)
class Right:
    code: str  # "<app>.<action>"
    label_zh: str  # 登记诉求 — completes "您无权…"
    label_en: str  # register a case — completes "you may not …"
    roles: frozenset[str]
    note: str = ""  # why these roles (a rule, a legal source)


_REGISTRY: dict[str, Right] = {}


def declare(*rights: Right) -> list[Right]:
    """Register an app's rights (called once by each ``<app>.permissions`` module at import)."""
    for right in rights:
        _REGISTRY[right.code] = right
    return list(rights)


def rights() -> dict[str, Right]:
    """Every declared right, with every app's ``permissions`` module imported."""
    from sixia.core.hooks import app_modules

    list(app_modules("permissions"))  # importing each module declares its rights
    return dict(_REGISTRY)


def right(code: str) -> Right:
    if code not in _REGISTRY:
        rights()
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"no such right: {code!r} (declare it in the app's permissions.py)") from None


def roles_of(actor) -> frozenset[str]:
    roles = set(getattr(actor, "roles", ()) or ())
    if getattr(actor, "is_superuser", False):
        roles.add("admin")
    return frozenset(roles)


def allows(actor, code: str) -> bool:
    """May ``actor`` (a user, or None for the system) perform ``code``?"""
    if actor is None:
        return True
    if not getattr(actor, "is_active", True):
        return False
    return bool(right(code).roles & roles_of(actor))


def require(actor, code: str) -> None:
    """Raise Forbidden (403) unless ``actor`` has the right ``code``. Call it before anything is written."""
    if not allows(actor, code):
        r = right(code)
        raise Forbidden("forbidden", f"您无权{r.label_zh}", f"you may not {r.label_en}")


def matrix_markdown() -> str:
    """The role × right table of ``docs/permissions.md``."""
    table = rights()
    roles = sorted(set().union(*(r.roles for r in table.values())) | ALL_OFFICIALS)
    lines = [
        "# Permissions (generated)",
        "",
        "Generated from the apps' `permissions.py` by `sixia permissions --markdown > docs/permissions.md`; a test",
        "fails when this file and the code disagree, and when an API write operation names no right.",
        "Services call `sixia.core.permissions.require(actor, code)` before writing; the API checks the same right",
        "before reading a request body. Jurisdiction is separate: outside it an object is not found (404).",
        "",
        "| right | | " + " | ".join(roles) + " | why |",
        "|---|---|" + "---|" * len(roles) + "---|",
    ]
    for code in sorted(table):
        r = table[code]
        marks = " | ".join("✓" if role in r.roles else "" for role in roles)
        lines.append(f"| `{code}` | {r.label_zh} ({r.label_en}) | {marks} | {r.note} |")
    return "\n".join(lines) + "\n"
