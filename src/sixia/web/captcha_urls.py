"""The captcha's image URLs (django-simple-captcha), rate-limited: drawing images costs CPU and needs no login.

Only the image views are exposed (no audio, no refresh), the refresh being a page reload."""

from __future__ import annotations

from captcha import views
from django.http import HttpResponse
from django.urls import re_path

from sixia.core import throttle
from sixia.core.errors import TooManyRequests


def captcha_image(request, key: str, scale: int = 1):
    try:
        throttle.limit(request, scope="captcha", key="ip")  # throttle: captcha
    except TooManyRequests as exc:
        return HttpResponse(exc.message_zh, status=429, content_type="text/plain; charset=utf-8")
    return views.captcha_image(request, key, scale=scale)


urlpatterns = [
    re_path(r"image/(?P<key>\w+)/$", captcha_image, name="captcha-image", kwargs={"scale": 1}),
    re_path(r"image/(?P<key>\w+)@2/$", captcha_image, name="captcha-image-2x", kwargs={"scale": 2}),
]
