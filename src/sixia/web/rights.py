"""Pages translate the permission model (``sixia.core.permissions``) as the API does: a form page needs the right
its service will check, and without it the page answers 403 before a form is shown or validated."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import render

from sixia.core import permissions
from sixia.core.errors import DomainError, Forbidden, error_text


def refused(request, exc: DomainError) -> HttpResponse:
    """The one 403 page: the refusal in the page's language."""
    return render(request, "web/refused.html", {"message": error_text(exc)}, status=403)


def page_needs(code: str) -> Callable:
    """Decorator of a form view: 403 (the refusal in the page's language) unless the user has right ``code``."""
    permissions.right(code)  # an unknown code fails at import, not on a request

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request, *args, **kwargs) -> HttpResponse:
            try:
                permissions.require(request.user, code)
            except Forbidden as exc:
                return refused(request, exc)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
