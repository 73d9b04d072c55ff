"""The portal's 点题整治 pages, mounted at ``/public/topics/`` (no login)."""

from django.urls import path

from sixia.topics.views import public

app_name = "public_topics"

urlpatterns = [
    path("", public.topics, name="list"),
    path("nominate/", public.nominate, name="nominate"),
    path("<int:topic_id>/", public.topic, name="detail"),
]
