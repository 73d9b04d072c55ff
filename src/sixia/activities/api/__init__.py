"""REST API of the grassroots activities, in the case API's style: one router per kind, mounted under one
``router`` that ``sixia.api.urls`` discovers; every operation declares a typed response (``schemas``), and
every POST that records returns the cases it created."""

from __future__ import annotations

from ninja import Router

from sixia.activities.api import appointments, lectures, onsite, reception, research, shared, visits

TAGS = ["activities 下基层活动"]
router = Router(tags=TAGS)
PREFIX = "/activities"

for _part in (reception, appointments, visits, onsite, research, lectures, shared):
    router.add_router("", _part.router, tags=TAGS)
