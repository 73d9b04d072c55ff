"""What django-axes answers when a client address is locked out (``AXES_LOCKOUT_CALLABLE``): the login page
with the same message as a locked account (pages), or the API's ``{code, message}`` (429)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from sixia.org import auth
from sixia.web.forms import LockoutAuthenticationForm


def lockout_response(request, credentials=None, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse(auth.too_many_attempts().as_dict(), status=429)
    # An unbound form: validating it again would try to authenticate again.
    form = LockoutAuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    return render(request, "registration/login.html", {"form": form, "lockout": auth.locked_message(),
                                                       "next": request.GET.get("next", "")}, status=429)
